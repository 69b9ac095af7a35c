"""Properties of moderation under any sequence of commands (Hypothesis, stateful).

Whatever moderators do, in whatever order (approve, set aside, restore, project,
project next, blank, edit, remove, undo) and whatever phones do meanwhile:

- nothing reaches the big screen or a phone that a moderator did not approve;
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
from facilitator.core.events import EventBus, ProjectionChanged
from facilitator.core.model import ItemState
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.host import messages
from facilitator.protocol.commands import (
    Approve,
    Blank,
    Edit,
    EndSession,
    Project,
    ProjectNext,
    Remove,
    Restore,
    SetAside,
    Undo,
)
from facilitator.protocol.envelope import encode

MARKER = re.compile(r"ORIGINAL-\d+-MARK")
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
        self.phones = [self.service.participant(self.service.join()) for _ in range(3)]
        self.items: list[int] = []
        self.ever_approved: set[int] = set()
        self.sent_to_phones: list[tuple[str, frozenset[str]]] = []
        self.bus.subscribe(self._record_phone_messages)

    def _record_phone_messages(self, event: object) -> None:
        """What the host broadcasts to phones after this event, and the markers that were
        in some item's edited text at that moment (checked by an invariant: the bus
        catches what its listeners raise)."""
        if isinstance(event, ProjectionChanged):
            sent = encode(messages.public_session(self.service)).decode()
            self.sent_to_phones.append((sent, frozenset(self._visible_markers())))

    def _pick(self, n: int) -> int | None:
        """An item: any (``n`` ≥ 2), the one on screen (0) or the head of the queue (1)."""
        if n == 0 and self.service.projection() is not None:
            return self.service.session.current_item_id
        if n == 1 and self.service.queue_head() is not None:
            return self.service.queue_head()
        return self.items[n % len(self.items)] if self.items else None

    def _try(self, command: object) -> None:
        with contextlib.suppress(DomainError):  # a refusal changes nothing; invariants check
            self.service.execute(command)  # type: ignore[arg-type]

    @precondition(lambda self: self.service.session.is_open)
    @rule(phone=st.integers(0, 2), learned=st.booleans())
    def submit(self, phone: int, learned: bool) -> None:
        number = len(self.items) + 1
        text = f"Confession {number} naming someone {marker(number)}"
        lesson = f"Lesson {marker(number)}" if learned else ""
        outcome = self.service.submit(self.phones[phone], f"client-{number:06d}", text, lesson)
        self.items.append(outcome.confession_id)

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
    @rule(n=ids, phone=st.integers(0, 2), agreed=st.booleans())
    def agree(self, n: int, phone: int, agreed: bool) -> None:
        item_id = self._pick(n)
        if item_id is None:
            return
        with contextlib.suppress(DomainError):
            self.service.set_agreement(self.phones[phone], item_id, agreed)

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

    @precondition(lambda self: not self.service.session.is_open)
    @rule()
    def next_session(self) -> None:
        self.service.start_next()
        self.phones = [self.service.participant(self.service.join()) for _ in range(3)]
        self.items = []
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
