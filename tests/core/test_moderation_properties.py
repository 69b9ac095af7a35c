"""Properties of moderation under any sequence of commands (Hypothesis, stateful).

Whatever moderators do, in whatever order (approve, approve many, set aside, set aside
many, restore, project, project next, blank, move, move to top, merge, edit, remove,
undo) and whatever phones do meanwhile (confess, some for the organisers only, reply
under a confession with what helped, agree, withdraw):

- nothing reaches the big screen or a phone that a moderator did not approve;
- a confession for the organisers only is never on screen, never sent to a phone, never
  in the record's confessions, and stays in its lane (its state never changes);
- Up next has a place for every queued item and for no other; one that was shown
  never returns to a lane; every count is the count of the voters the store holds for
  the item;
- a reply is never on screen nor queued: the projection carries exactly the approved
  replies of the confession on screen, in the order approved, and the record those of
  the confessions it keeps;
- what a participant originally wrote never leaves the moderators' view once it was
  edited away: every original carries a marker, every edit removes it, and neither
  the messages phones get nor the transcript ever contain a marker that is not in
  the item's current (edited) text.
"""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from facilitator.core.errors import DomainError
from facilitator.core.events import EventBus, ItemChanged, ProjectionChanged
from facilitator.core.model import ItemKind, ItemState, Sharing
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.host import messages
from facilitator.protocol.commands import (
    Approve,
    ApproveMany,
    Blank,
    Edit,
    EndSession,
    Merge,
    Move,
    MoveToTop,
    Project,
    ProjectNext,
    Remove,
    Restore,
    SetAside,
    SetAsideMany,
    SetOrganisersRecord,
    Undo,
)
from facilitator.protocol.envelope import encode

MARKER = re.compile(r"ORIGINAL-\d+-MARK")
ORGANISERS = re.compile(r"ORGANISERS-ONLY-\d+")
ids = st.integers(min_value=0, max_value=11)


def marker(n: int) -> str:
    return f"ORIGINAL-{n}-MARK"


class Moderation(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="moderation-"))
        self.store = Store.in_memory()
        self.bus = EventBus()
        self.service = SessionService.start_new(self.store, self.bus, self.directory)
        self._join_phones()
        self.items: list[int] = []
        self.sent = 0  # confessions sent in this session (each its own client id)
        self.authors: dict[int, tuple[int, str]] = {}  # item → its phone and client id
        self.for_organisers: set[int] = set()
        self.replies: set[int] = set()
        self.agreed: set[tuple[int, int]] = set()  # (phone, item): the phone's own "yes"
        self.ever_approved: set[int] = set()
        self.sent_to_phones: list[tuple[str, frozenset[str]]] = []
        self.organisers_seen_by_phones: list[str] = []
        self.bus.subscribe(self._record_phone_messages)
        self.bus.subscribe(self._record_organisers_changes)

    def _join_phones(self) -> None:
        """Three phones on their own addresses, one on a shared address (counted apart)."""
        self.phones = [self.service.participant(self.service.join()) for _ in range(3)]
        self.phones.append(self.service.participant(self.service.join(Sharing.SET_APART)))

    def _record_organisers_changes(self, event: object) -> None:
        """An organisers-only item changes only by an edit (its text), never its lane."""
        if isinstance(event, ItemChanged) and event.item.id in self.for_organisers:
            assert event.item.state is ItemState.FOR_ORGANISERS, event
            assert event.item.queue_position is None and event.item.shown_order is None
        if isinstance(event, ProjectionChanged) and event.projection is not None:
            assert event.projection.confession_id not in self.for_organisers, event

    def _record_phone_messages(self, event: object) -> None:
        """What the host broadcasts to phones after this event, and the markers that were
        in some item's edited text at that moment (checked by an invariant: the bus
        catches what its listeners raise)."""
        if isinstance(event, ProjectionChanged):
            sent = encode(messages.public_session(self.service)).decode()
            self.sent_to_phones.append((sent, frozenset(self._visible_markers())))
            self.organisers_seen_by_phones += ORGANISERS.findall(sent)

    def _pick(self, n: int) -> int | None:
        """An item: any (``n`` ≥ 2), the one on screen (0) or the head of the queue (1)."""
        if n == 0 and self.service.projection() is not None:
            return self.service.session.current_item_id
        if n == 1 and self.service.queue_head() is not None:
            return self.service.queue_head()
        return self.items[n % len(self.items)] if self.items else None

    def _picks(self, ns: list[int]) -> tuple[int, ...]:
        return tuple(item_id for n in ns if (item_id := self._pick(n)) is not None)

    def _try(self, command: object) -> None:
        with contextlib.suppress(DomainError):  # a refusal changes nothing; invariants check
            self.service.execute(command)  # type: ignore[arg-type]

    @precondition(lambda self: self.service.session.is_open)
    @rule(phone=st.integers(0, 3), learned=st.booleans(), organisers=st.booleans())
    def submit(self, phone: int, learned: bool, organisers: bool) -> None:
        self.sent += 1
        number = self.sent
        text = f"Confession {number} naming someone {marker(number)}"
        if organisers:
            text += f" ORGANISERS-ONLY-{number}"
        lesson = f"Lesson {marker(number)}" if learned else ""
        client = f"client-{number:06d}"
        outcome = self.service.submit(
            self.phones[phone], client, text, lesson, for_organisers=organisers
        )
        assert outcome.confession_id is not None
        self.items.append(outcome.confession_id)
        self.authors[outcome.confession_id] = (self.phones[phone], client)
        if organisers:
            self.for_organisers.add(outcome.confession_id)

    @precondition(lambda self: self.service.session.is_open)
    @rule(n=ids, phone=st.integers(0, 3))
    def reply(self, n: int, phone: int) -> None:
        """What helped, under a shown confession (under any item while none is shown)."""
        shown = [i.id for i in self.service.items() if i.state is ItemState.SHOWN]
        parent = shown[n % len(shown)] if shown else self._pick(n)
        if parent is None:
            return
        self.sent += 1
        number = self.sent
        client = f"client-{number:06d}"
        with contextlib.suppress(DomainError):
            outcome = self.service.submit_reply(
                self.phones[phone], client, parent, f"Reply {number} {marker(number)}"
            )
            assert outcome.confession_id is not None
            self.items.append(outcome.confession_id)
            self.authors[outcome.confession_id] = (self.phones[phone], client)
            self.replies.add(outcome.confession_id)

    @precondition(lambda self: self.service.session.is_open)
    @rule(n=ids)
    def withdraw(self, n: int) -> None:
        item_id = self._pick(n)
        if item_id is None:
            return
        with contextlib.suppress(DomainError):
            self.service.withdraw(*self.authors[item_id])
        with contextlib.suppress(DomainError):
            self.service.item(item_id)
            return
        self.items.remove(item_id)  # gone: withdrawn
        self.for_organisers.discard(item_id)
        self.replies.discard(item_id)

    @precondition(lambda self: self.service.session.is_open)
    @rule(n=ids, stale=st.booleans())
    def edit(self, n: int, stale: bool) -> None:
        item_id = self._pick(n)
        if item_id is None:
            return
        item = self.service.item(item_id)
        version = item.version - 1 if stale else item.version
        redacted = MARKER.sub("[…]", item.text)
        self._try(Edit(item_id, version, redacted, MARKER.sub("[…]", item.learned)))

    @precondition(lambda self: self.service.session.is_open)
    @rule(
        n=ids,
        kind=st.sampled_from([Approve, SetAside, Restore, Project, Remove]),
    )
    def moderate(self, n: int, kind: type[Approve | SetAside | Restore | Project | Remove]) -> None:
        item_id = self._pick(n)
        if item_id is None:
            return
        self._try(kind(item_id))
        if kind is Approve and self.service.item(item_id).state is ItemState.APPROVED:
            self.ever_approved.add(item_id)

    @precondition(lambda self: self.service.session.is_open)
    @rule(n=ids)
    def approve_and_project(self, n: int) -> None:
        """The usual way through: approve, then put it up (replies need a shown one)."""
        self.moderate(n, Approve)
        self.moderate(n, Project)

    @precondition(lambda self: self.service.session.is_open)
    @rule(ns=st.lists(ids, max_size=5), approve=st.booleans())
    def bulk(self, ns: list[int], approve: bool) -> None:
        named = self._picks(ns)
        self._try(ApproveMany(named) if approve else SetAsideMany(named))
        if approve:
            self.ever_approved.update(
                item_id
                for item_id in named
                if self.service.item(item_id).state is ItemState.APPROVED
            )

    @precondition(lambda self: self.service.session.is_open)
    @rule(n=ids, before=st.one_of(st.none(), ids), to_top=st.booleans())
    def move(self, n: int, before: int | None, to_top: bool) -> None:
        item_id = self._pick(n)
        if item_id is None:
            return
        if to_top:
            self._try(MoveToTop(item_id))
        else:
            self._try(Move(item_id, None if before is None else self._pick(before)))

    @precondition(lambda self: self.service.session.is_open)
    @rule(keep=ids, ns=st.lists(ids, max_size=3), stale=st.booleans(), retext=st.booleans())
    def merge(self, keep: int, ns: list[int], stale: bool, retext: bool) -> None:
        keep_id = self._pick(keep)
        if keep_id is None:
            return
        kept = self.service.item(keep_id)
        text = MARKER.sub("[…]", kept.text) if retext else kept.text
        version = kept.version - 1 if stale else kept.version
        self._try(Merge(keep_id, self._picks(ns), version, text, kept.learned))

    @precondition(lambda self: self.service.session.is_open)
    @rule(keep=st.booleans())
    def organisers_record(self, keep: bool) -> None:
        self._try(SetOrganisersRecord(keep))

    @precondition(lambda self: self.service.session.is_open)
    @rule()
    def project_next(self) -> None:
        self._try(ProjectNext(self.service.queue_head() or 0))

    @precondition(lambda self: self.service.session.is_open)
    @rule()
    def blank(self) -> None:
        self._try(Blank())

    @precondition(lambda self: self.service.session.is_open)
    @rule(repeat=st.integers(1, 3))
    def undo(self, repeat: int) -> None:
        for _ in range(repeat):
            step = self.service.last_undo_step()
            self._try(Undo(step.id if step else 1))

    @precondition(lambda self: self.service.session.is_open)
    @rule(n=ids, phone=st.integers(0, 3), agreed=st.booleans())
    def agree(self, n: int, phone: int, agreed: bool) -> None:
        item_id = self._pick(n)
        if item_id is None:
            return
        with contextlib.suppress(DomainError):
            self.service.set_agreement(self.phones[phone], item_id, agreed)
            if agreed:
                self.agreed.add((self.phones[phone], item_id))
            else:
                self.agreed.discard((self.phones[phone], item_id))

    @precondition(lambda self: self.service.session.is_open)
    @rule()
    def end(self) -> None:
        self._try(EndSession())
        paths = list(self.directory.glob("*"))
        assert len(paths) == 2
        for path in paths:
            self._assert_no_hidden_original(path.read_text(encoding="utf-8"))
        document = json.loads(next(p for p in paths if p.suffix == ".json").read_text())
        shown = [c for c in self.service.items() if c.state is ItemState.SHOWN]
        assert len(document["confessions"]) == len(shown)
        kept_replies = [i for i in self.service.items() if i.kind is ItemKind.REPLY]
        assert all(i.state is ItemState.APPROVED for i in kept_replies)
        assert sum(len(c["replies"]) for c in document["confessions"]) == len(kept_replies)
        assert not ORGANISERS.findall(json.dumps(document["confessions"]))
        notes = document["for_organisers"]
        if self.service.session.organisers_record:
            assert len(notes) == len(self.for_organisers)
            assert all(ORGANISERS.search(note["text"]) for note in notes)
        else:
            assert notes is None
            assert not ORGANISERS.findall(json.dumps(document))

    @precondition(lambda self: not self.service.session.is_open)
    @rule()
    def next_session(self) -> None:
        self.service.start_next()
        self._join_phones()
        self.items = []
        self.sent = 0
        self.authors = {}
        self.for_organisers = set()
        self.replies = set()
        self.agreed = set()
        for path in self.directory.glob("*"):
            path.unlink()

    # Invariants

    @invariant()
    def only_approved_items_are_on_screen(self) -> None:
        projection = self.service.projection()
        if projection is not None:
            assert projection.confession_id in self.ever_approved
            assert self.service.item(projection.confession_id).state is ItemState.SHOWN

    @invariant()
    def organisers_only_confessions_stay_in_their_lane(self) -> None:
        if not self.service.session.is_open:
            return
        for item_id in self.for_organisers:
            item = self.service.item(item_id)
            assert item.state is ItemState.FOR_ORGANISERS
            assert (item.queue_position, item.shown_order, item.merged_into) == (None, None, None)
        assert self.service.session.current_item_id not in self.for_organisers
        assert self.organisers_seen_by_phones == []
        public = encode(messages.public_session(self.service)).decode()
        assert not ORGANISERS.findall(public)

    @invariant()
    def up_next_and_the_counts_agree_with_the_store(self) -> None:
        if not self.service.session.is_open:
            return
        db = self.store._db
        for item in self.service.items():
            queued = item.state is ItemState.APPROVED
            assert (item.queue_position is not None) is queued, item
            assert (item.merged_into is not None) is (item.state is ItemState.MERGED), item
            if item.state not in (ItemState.SHOWN, ItemState.REMOVED, ItemState.MERGED):
                assert item.shown_order is None, item  # once shown, always in the record
            counted, apart = db.execute(
                "SELECT COALESCE(SUM(p.shared_address != 1), 0), "
                "COALESCE(SUM(p.shared_address = 1), 0) FROM agreements a "
                "JOIN participants p ON p.id = a.participant_id WHERE a.item_id = ?",
                (item.id,),
            ).fetchone()
            assert (item.agreement_count, item.set_apart_count) == (counted, apart), item
        queue = [item_id for item_id, _ in self.store.queue(self.service.session.id)]
        assert self.service.queue_head() == (queue[0] if queue else None)

    @invariant()
    def replies_stay_under_their_confession(self) -> None:
        if not self.service.session.is_open:
            return
        items = {item.id: item for item in self.service.items()}
        current = self.service.session.current_item_id
        for item in items.values():
            assert (item.kind is ItemKind.REPLY) is (item.id in self.replies), item
            if item.kind is ItemKind.REPLY:
                assert item.shown_order is None and item.id != current, item
                parent = items.get(item.parent_id or 0)
                assert parent is not None and parent.kind is ItemKind.CONFESSION, item
        queue = [item_id for item_id, _ in self.store.queue(self.service.session.id)]
        assert not set(queue) & self.replies
        projection = self.service.projection()
        if projection is not None:
            # Replies of a confession merged into the one on screen go with it.
            family = {projection.confession_id}
            while (
                grown := {item.id for item in items.values() if item.merged_into in family} - family
            ):
                family |= grown
            approved = sorted(
                (
                    item
                    for item in items.values()
                    if item.parent_id in family
                    and item.kind is ItemKind.REPLY
                    and item.state is ItemState.APPROVED
                ),
                key=lambda item: (item.queue_position or 0, item.id),
            )
            assert [r.reply_id for r in projection.replies] == [item.id for item in approved]
            assert {r.reply_id for r in projection.replies} <= self.ever_approved

    @invariant()
    def a_phones_own_agreement_is_never_lost(self) -> None:
        """Merging lends voters and undoing takes back only what was lent: what a phone
        said itself stays, whatever merges came and went."""
        if not self.service.session.is_open:
            return
        states = {item.id: item.state for item in self.service.items()}
        for phone, item_id in self.agreed:
            if states.get(item_id) not in (None, ItemState.MERGED):
                assert self.service.has_agreed(phone, item_id), (phone, item_id)

    @invariant()
    def phones_never_get_an_original_that_was_edited_away(self) -> None:
        current = encode(messages.public_session(self.service))
        for phone in self.phones:
            if self.service.session.is_open:
                current += encode(messages.phone_state(self.service, phone))
        self._assert_no_hidden_original(current.decode())
        for sent, visible in self.sent_to_phones:
            assert set(MARKER.findall(sent)) <= visible, sent
        self.sent_to_phones.clear()

    def _visible_markers(self) -> set[str]:
        """Markers still in some item's edited text (never edited, or an edit undone)."""
        found: set[str] = set()
        for item in self.service.items():
            found.update(MARKER.findall(item.text + item.learned))
        return found

    def _assert_no_hidden_original(self, output: str) -> None:
        assert set(MARKER.findall(output)) <= self._visible_markers(), output

    def teardown(self) -> None:
        self.store.close()


Moderation.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_moderation_properties = Moderation.TestCase
