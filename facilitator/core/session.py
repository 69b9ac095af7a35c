"""The session service: every change to a session goes through here.

It checks the rules, commits to the store and only then announces the change on
the event bus, so an acknowledgement always follows a committed write.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar, assert_never

from facilitator.core import queue_order, rules
from facilitator.core.batches import batching_active
from facilitator.core.errors import (
    CommandRefused,
    RuleViolation,
    StoreUnavailable,
    TranscriptNotWritten,
    UnknownParticipant,
)
from facilitator.core.events import (
    AgreementCountChanged,
    EventBus,
    ItemAdded,
    ItemChanged,
    ItemWithdrawn,
    ProjectionChanged,
    RoomChanged,
    SessionChanged,
    SessionEnded,
    SessionStarted,
    StoreHealthChanged,
    UndoChanged,
    WordListsChanged,
)
from facilitator.core.logo_shelf import LogoShelf
from facilitator.core.model import (
    AgreementOutcome,
    AgreementRequest,
    ClosingSummary,
    Item,
    ItemCounts,
    ItemKind,
    ItemState,
    Logo,
    ProjectedReply,
    Projection,
    Room,
    SessionInfo,
    Sharing,
    Slide,
    SubmitOutcome,
)
from facilitator.core.record.files import (
    delete_records,
    move_transcript,
    prune_rehearsals,
    rehearsals_dir,
    write_transcript,
)
from facilitator.core.record.library import RecordUnreadable, read_record
from facilitator.core.setup import (
    SessionSetup,
    WarmUp,
    cleaned,
    cleaned_warm_up,
    from_command,
    stored_choices,
)
from facilitator.core.setup_file import PreparedSession
from facilitator.core.store import SessionChoice, Store
from facilitator.core.transcript import Transcript, build_transcript, received_total
from facilitator.core.undo import ItemChange, UndoAction, UndoHistory, UndoStep, reverse
from facilitator.core.word_lists import (
    LOCAL_NAMES,
    WATCH_WORDS,
    HintsForItems,
    ItemHints,
    WordLists,
    clean_list,
)
from facilitator.protocol.commands import (
    AddWarmUp,
    ApplySetup,
    Approve,
    ApproveMany,
    Blank,
    CountShared,
    Edit,
    EndSession,
    Merge,
    Move,
    MoveToTop,
    Project,
    ProjectNext,
    Remove,
    Restore,
    SessionCommand,
    SetAside,
    SetAsideMany,
    SetBatching,
    SetClosingNote,
    SetContentNote,
    SetOrganisersRecord,
    SetPhoneLanguage,
    SetProjector,
    SetUnshownRecord,
    ShowSlide,
    Undo,
    UpdateDetails,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
CLOSING_MOST = 3  # the most shared mistakes the closing slide names
Today = Callable[[], date]


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SessionService:
    def __init__(
        self,
        store: Store,
        bus: EventBus,
        session: SessionInfo,
        transcripts_dir: Path,
        today: Today = date.today,
    ) -> None:
        self._store = store
        self.bus = bus
        self._session = session
        self._transcripts_dir = transcripts_dir
        self._rehearsals_dir = rehearsals_dir(transcripts_dir)
        self._rehearsal_record: tuple[Path, ...] = ()  # an ended rehearsal's, until kept
        self._ended_record: Transcript | None = None  # as written at the end
        self._ended_files: tuple[Path, ...] = ()  # where: amended afterwards, read from there
        # Phones with a live connection now: the host tells (the record keeps how many
        # were connected when each confession was first shown).
        self.phones_connected: Callable[[], int] = lambda: 0
        self._today = today
        self._store_healthy = True
        self._history = UndoHistory()
        lists = WordLists(store.word_list(LOCAL_NAMES), store.word_list(WATCH_WORDS))
        self._hints = HintsForItems(lists)
        self.logos = LogoShelf(store.logo(session.id))

    @classmethod
    def start_new(
        cls,
        store: Store,
        bus: EventBus,
        transcripts_dir: Path,
        *,
        title: str = rules.DEFAULT_TITLE,
        prompt: str = rules.DEFAULT_PROMPT,
        agree_label: str = rules.DEFAULT_AGREE_LABEL,
        today: Today = date.today,
    ) -> SessionService:
        session = store.create_session(
            rules.clean_text(title, rules.TITLE),
            rules.clean_text(prompt, rules.PROMPT),
            rules.clean_text(agree_label, rules.AGREE_LABEL),
            today().isoformat(),
            secrets.token_urlsafe(32),
        )
        log.info("Started session %d", session.id)
        return cls(store, bus, session, transcripts_dir, today)

    @classmethod
    def resume(
        cls,
        store: Store,
        bus: EventBus,
        session: SessionInfo,
        transcripts_dir: Path,
        today: Today = date.today,
    ) -> SessionService:
        log.info("Resumed session %d", session.id)
        return cls(store, bus, session, transcripts_dir, today)

    # Reading

    @property
    def session(self) -> SessionInfo:
        return self._session

    @property
    def store_healthy(self) -> bool:
        return self._store_healthy

    def items(self) -> list[Item]:
        return self._store.items(self._session.id)

    def item(self, item_id: int) -> Item:
        found = self._store.item_in_session(self._session.id, item_id)
        if found is None:
            raise CommandRefused("unknown_confession", "There is no such confession.")
        return found

    def projection(self) -> Projection | None:
        current = self._session.current_item_id
        if current is None:
            return None
        confession = self._store.item(current)
        return Projection(
            confession_id=confession.id,
            text=confession.text,
            learned=confession.learned,
            agreement_count=confession.agreement_count,
            shown_order=confession.shown_order or 0,
            replies=tuple(
                ProjectedReply(reply.id, reply.text, reply.agreement_count)
                for reply in self._store.approved_replies(confession.id)
            ),
            content_note=confession.content_note,
            shown_at=confession.shown_at,
        )

    def closing_summary(self) -> ClosingSummary:
        """The closing slide's counts (the record's) and the most shared mistakes: a few
        queries, not the whole record (the screen asks for it while confessions change)."""
        session = self._session
        most = self._store.most_agreed(session.id, CLOSING_MOST)
        most_shared = tuple((item.text, item.agreement_count) for item in most)
        if self._ended_record is not None and not session.is_open:
            totals = self._ended_record.totals
            return ClosingSummary(
                totals.received, totals.shown, totals.set_aside, totals.removed, most_shared
            )
        states = self._store.confessions_by_state(session.id)
        return ClosingSummary(
            received=received_total(self._store, session),
            shown=states.get(ItemState.SHOWN, 0),
            set_aside=states.get(ItemState.SET_ASIDE, 0),
            removed=session.removed_count + states.get(ItemState.REMOVED, 0),
            most_shared=most_shared,
        )

    @property
    def word_lists(self) -> WordLists:
        return self._hints.lists

    def hints(self, item: Item) -> ItemHints:
        """Details in the item's edited text that may identify someone (moderators only)."""
        return self._hints.for_texts(item.text, item.learned)

    def record(self) -> Transcript:
        """The session's record: as it stands now, or, once ended, as its file says (the
        organisers may have amended its follow-ups and closing note since)."""
        if self._ended_record is not None and not self._session.is_open:
            return self._record_as_filed(self._ended_record)
        return build_transcript(self._store, self._session)

    def _record_as_filed(self, written: Transcript) -> Transcript:
        for path in self._ended_files:
            if path.suffix == ".json":
                try:
                    return read_record(path)
                except (RecordUnreadable, OSError) as error:  # moved or damaged: as written
                    log.warning("Could not read the record back: %s", error)
        return written

    def last_undo_step(self) -> UndoStep | None:
        """What ``undo`` would take back now, if anything."""
        return self._history.last()

    def participant(self, token: str) -> int:
        self._require_open()
        participant_id = self._store.participant_for_token(self._session.id, token)
        if participant_id is None:
            raise UnknownParticipant()
        return participant_id

    def sharing(self, participant_id: int) -> Sharing:
        """Whether the participant joined from a shared address, and if it is counted."""
        return self._store.sharing(participant_id)

    def has_agreed(self, participant_id: int, confession_id: int) -> bool:
        return self._store.has_agreed(confession_id, participant_id)

    def phones_joined(self) -> int:
        return self._store.participant_count(self._session.id)

    def room(self) -> Room:
        session_id = self._session.id
        sharing = self._store.sharing_counts(session_id)
        return Room(
            shared_apart=sharing.get(Sharing.SET_APART, 0),
            shared_counted=sharing.get(Sharing.COUNTED, 0),
            waiting=self._store.waiting_count(session_id),
            batching=self.batching(),
        )

    def batching(self) -> bool:
        """Whether new confessions reach Incoming in shuffled batches now."""
        return batching_active(self._session.batching, self.phones_joined())

    # Participants

    def join(self, sharing: Sharing = Sharing.OWN_ADDRESS) -> str:
        """Issue a new participant token (the host rate-limits who may ask, and says
        whether the address it came from is shared with other phones)."""
        self._require_open()
        token = new_token()
        batching_before = self.batching()
        self._write(lambda: self._store.add_participant(self._session.id, token, sharing))
        if sharing is not Sharing.OWN_ADDRESS or self.batching() != batching_before:
            self.bus.publish(RoomChanged(self.room()))
        return token

    def mark_shared(self, participant_ids: Sequence[int]) -> None:
        """These participants' address turned out to be shared with other phones: their
        agreements are counted apart, back to the start, until the facilitator counts them."""
        self._require_open()
        changed = self._write(lambda: self._store.mark_shared(self._session.id, participant_ids))
        self._publish_recounted(changed)
        self.bus.publish(RoomChanged(self.room()))

    def _count_shared(self, counted: bool) -> None:
        changed = self._write(lambda: self._store.count_shared(self._session.id, counted))
        self._publish_recounted(changed)
        self.bus.publish(RoomChanged(self.room()))

    def _publish_recounted(self, items: Sequence[Item]) -> None:
        for item in items:
            self.bus.publish(ItemChanged(item))
            if item.state is ItemState.SHOWN or (
                item.kind is ItemKind.REPLY and item.state is ItemState.APPROVED
            ):
                self.bus.publish(
                    AgreementCountChanged(item.id, item.agreement_count, item.set_apart_count)
                )

    def submit(
        self,
        participant_id: int,
        client_id: str,
        text: str,
        learned: str = "",
        *,
        for_organisers: bool = False,
        may_enter: Callable[[int], bool] = lambda author_id: True,
    ) -> SubmitOutcome:
        """Take a confession into Incoming (or, ``for_organisers``, their lane), or keep
        it waiting (stored all the same) if others of its author's wait or ``may_enter``
        (the host's pace) says not yet, or hold it for the next shuffled batch."""
        sent = self._sent_before(participant_id, client_id)
        if sent is not None:
            return sent
        clean = rules.clean_text(text, rules.confession_field(self._session.max_length))
        if learned.strip() and not self._session.offer_lesson:
            raise CommandRefused(
                "learned_not_offered", "This session does not ask what you learned."
            )
        clean_learned = rules.clean_text(learned, rules.LEARNED)
        return self._take(
            participant_id,
            client_id,
            clean,
            clean_learned,
            may_enter,
            for_organisers=for_organisers,
        )

    def submit_reply(
        self,
        participant_id: int,
        client_id: str,
        confession_id: int,
        text: str,
        *,
        may_enter: Callable[[int], bool] = lambda author_id: True,
    ) -> SubmitOutcome:
        """Take one short line on what helped, under a confession that has been shown (one
        per phone per confession), into Incoming: paced and batched like confessions."""
        sent = self._sent_before(participant_id, client_id)
        if sent is not None:
            return sent
        confession = self._store.item_in_session(self._session.id, confession_id)
        if (
            confession is None
            or confession.kind is not ItemKind.CONFESSION
            or confession.state is not ItemState.SHOWN
        ):
            raise CommandRefused("not_shown", "That confession has not been on the screen.")
        if self._store.has_replied(participant_id, confession_id):
            raise CommandRefused(
                "already_replied", "You have already said what helped with this one."
            )
        clean = rules.clean_text(text, rules.REPLY)
        return self._take(participant_id, client_id, clean, "", may_enter, parent_id=confession_id)

    def _sent_before(self, participant_id: int, client_id: str) -> SubmitOutcome | None:
        """The outcome of a submission sent before with this ``client_id`` (a retry), if
        any; refused if the session has ended or the id is malformed."""
        self._require_open()
        rules.check_client_id(client_id)
        existing = self._store.item_by_client_id(participant_id, client_id)
        if existing is not None:
            return SubmitOutcome(existing.id, duplicate=True)
        if self._store.is_waiting(participant_id, client_id):
            return SubmitOutcome(None, duplicate=True)
        return None

    def _take(
        self,
        participant_id: int,
        client_id: str,
        text: str,
        learned: str,
        may_enter: Callable[[int], bool],
        *,
        for_organisers: bool = False,
        parent_id: int | None = None,
    ) -> SubmitOutcome:
        """Store a new item in Incoming, or keep it waiting for its author's turn, or hold
        it for the next shuffled batch (its kind and parent kept with it)."""
        session_id = self._session.id
        paced = self._store.has_waiting(participant_id) or not may_enter(participant_id)
        if paced or self.batching():
            self._write(
                lambda: self._store.add_waiting(
                    session_id,
                    participant_id,
                    client_id,
                    text,
                    learned,
                    held=not paced,
                    for_organisers=for_organisers,
                    parent_id=parent_id,
                )
            )
            if paced:  # how many are held for a batch is never said
                self.bus.publish(RoomChanged(self.room()))
            return SubmitOutcome(None, duplicate=False)
        added = self._write(
            lambda: self._store.add_item(
                session_id,
                participant_id,
                client_id,
                text,
                learned,
                for_organisers=for_organisers,
                parent_id=parent_id,
            )
        )
        self.bus.publish(ItemAdded(added))
        return SubmitOutcome(added.id, duplicate=False)

    def withdraw(self, participant_id: int, client_id: str) -> None:
        """Take back one's own confession before it is shown: it is deleted at once, and
        the record keeps only the number. Taking back one that is not (or no longer) in
        the session changes nothing, so a phone may retry freely."""
        self._require_open()
        rules.check_client_id(client_id)
        item = self._store.item_by_client_id(participant_id, client_id)
        if item is not None and item.kind is ItemKind.REPLY and item.state is ItemState.APPROVED:
            raise CommandRefused(
                "already_approved",
                "The moderators have approved it, so it is part of the session now.",
            )
        if item is not None and (
            item.shown_order is not None
            or item.state in (ItemState.SHOWN, ItemState.REMOVED)
            or self._store.has_replies(item.id)  # shown once (then undone): replied to
        ):
            raise CommandRefused(
                "already_shown",
                "It has been on the screen, so it is part of the session now and can no "
                "longer be withdrawn.",
            )
        if item is None and not self._store.is_waiting(participant_id, client_id):
            return
        session_id = self._session.id
        deleted, changed = self._write(
            lambda: self._store.withdraw(session_id, participant_id, client_id)
        )
        self._refresh_session()
        self.bus.publish(SessionChanged(self._session))  # withdrawn_count
        if deleted is None:
            self.bus.publish(RoomChanged(self.room()))  # one fewer waiting (or held)
            return
        if self._history.forget_item(deleted):
            self.bus.publish(UndoChanged(self._history.last()))
        self.bus.publish(ItemWithdrawn(deleted))
        # Merged into the withdrawn one: back in Incoming; merged into another: its voters go.
        recounted = self._store.items_by_id(changed)
        self._publish_recounted(recounted)
        self._publish_projection_if(recounted)

    def held_count(self) -> int:
        """How many confessions are held for the next batch (the host's timer asks)."""
        return len(self._store.held_waiting(self._session.id))

    def release_batch(self, shuffle: Callable[[list[int]], None]) -> int:
        """Let every held confession into its lane, in the order ``shuffle`` leaves them
        (their ids, and so their order by arrival, follow it); return how many."""
        if not self._session.is_open:
            return 0
        held = [waiting.waiting_id for waiting in self._store.held_waiting(self._session.id)]
        shuffle(held)
        for waiting_id in held:
            item = self._write(partial(self._store.release_waiting, waiting_id))
            self.bus.publish(ItemAdded(item))
        return len(held)

    def release_waiting(self, may_enter: Callable[[int], bool]) -> int:
        """Move each author's oldest waiting confession into Incoming if ``may_enter``
        (given the author's id) says it is their turn; return how many moved. While
        batching is on, its turn puts it into the next shuffled batch instead."""
        if not self._session.is_open:
            return 0
        released = 0
        batching = self.batching()
        for waiting in self._store.first_waiting(self._session.id):
            if not may_enter(waiting.author_id):
                continue
            if batching:
                self._write(partial(self._store.hold_waiting, waiting.waiting_id))
            else:
                item = self._write(partial(self._store.release_waiting, waiting.waiting_id))
                self.bus.publish(ItemAdded(item))
            released += 1
        if released:
            self.bus.publish(RoomChanged(self.room()))
        return released

    def set_agreement(
        self, participant_id: int, confession_id: int, agreed: bool
    ) -> AgreementOutcome:
        """Agree with a shown confession, or take it back. Idempotent: retries are safe."""
        [outcome] = self.set_agreements([AgreementRequest(participant_id, confession_id, agreed)])
        if isinstance(outcome, CommandRefused):
            raise outcome
        return outcome

    def set_agreements(
        self, requests: Sequence[AgreementRequest]
    ) -> list[AgreementOutcome | CommandRefused]:
        """Record many agreements in one transaction (those that arrived together).

        Each request gets its outcome (the confession's count after the commit) or its
        refusal; a failed write raises :class:`StoreUnavailable` for all of them.
        """
        self._require_open()
        shown: dict[int, Item | None] = {}  # as before the taps; None: refused
        for request in requests:
            if request.confession_id not in shown:
                shown[request.confession_id] = self._agreeable(request.confession_id)
        accepted = [r for r in requests if shown[r.confession_id] is not None]
        counts = self._write(
            lambda: self._store.set_agreements(
                [(r.confession_id, r.participant_id, r.agreed) for r in accepted]
            )
        )
        for confession_id, count in counts.items():
            before = shown[confession_id]
            assert before is not None  # only the accepted taps were written
            if count != ItemCounts(before.agreement_count, before.set_apart_count):
                self.bus.publish(
                    AgreementCountChanged(confession_id, count.counted, count.set_apart)
                )
        return [self._outcome(r, shown[r.confession_id], counts) for r in requests]

    @staticmethod
    def _outcome(
        request: AgreementRequest, item: Item | None, counts: Mapping[int, ItemCounts]
    ) -> AgreementOutcome | CommandRefused:
        if item is None:
            return CommandRefused("not_shown", "That confession has not been on the screen.")
        counted = counts[request.confession_id].counted
        return AgreementOutcome(request.confession_id, request.agreed, counted, item.content_note)

    def _agreeable(self, item_id: int) -> Item | None:
        """An item one may agree with (a shown confession, or an approved reply to one:
        "this helped me too"), or ``None``."""
        found = self._store.item_in_session(self._session.id, item_id)
        if found is None:
            return None
        if found.kind is ItemKind.REPLY:
            parent = None if found.parent_id is None else self._store.item(found.parent_id)
            if found.state is not ItemState.APPROVED or parent is None:
                return None
            if parent.state is not ItemState.SHOWN:
                return None
        elif found.state is not ItemState.SHOWN:
            return None
        return found

    # Facilitator

    def forget_moderator_secret(self) -> None:
        """Once the session has ended and its host stops, its moderator secret goes too
        (the next session gets a new one)."""
        if not self._session.is_open:
            self._write(lambda: self._store.forget_moderator_secret(self._session.id))
            self._refresh_session()

    def mark_rehearsal(self) -> None:
        """This session is a rehearsal (a simulated audience runs in it): its record
        will be kept apart from the real sessions' unless the facilitator keeps it."""
        self._require_open()
        if self._session.rehearsal:
            return
        self._write(lambda: self._store.set_rehearsal(self._session.id, True))
        self._refresh_session()
        log.info("Session %d is a rehearsal", self._session.id)
        self.bus.publish(SessionChanged(self._session))

    def delete_past_session(self, session_id: int) -> None:
        """Delete an ended session from the laptop: the store's part and its record's
        files (in the library or among the rehearsals). Not the one running now."""
        if session_id == self._session.id:
            raise CommandRefused(
                "session_current", "This is the session running now; start the next one first."
            )
        try:
            past = self._store.session(session_id)
        except KeyError:
            raise CommandRefused("unknown_session", "There is no such session.") from None
        if past.is_open:
            raise CommandRefused("session_open", "That session has not ended.")
        self._write(lambda: self._store.delete_session(session_id))
        files = sum(
            delete_records(folder, session_id)
            for folder in (self._transcripts_dir, self._rehearsals_dir)
        )
        log.info("Deleted past session %d and %d record files", session_id, files)

    def keep_rehearsal(self) -> None:
        """Keep an ended rehearsal's record: it moves into the session library
        (``transcripts/``) and the session is an ordinary one from now on."""
        session = self._session
        if session.is_open:
            raise CommandRefused(
                "session_open", "End the rehearsal first: its record is written then."
            )
        if not session.rehearsal or not self._rehearsal_record:
            raise CommandRefused(
                "no_rehearsal_record",
                "There is no rehearsal record to keep: this session was not a rehearsal, "
                "or its record is kept already.",
            )
        try:
            kept = move_transcript(self._rehearsal_record, self._transcripts_dir)
        except OSError as error:
            log.error("Could not keep the rehearsal's record: %s", error)
            raise CommandRefused(
                "transcript_not_kept",
                f"Could not move the rehearsal's record to {self._transcripts_dir} "
                f"({error.strerror or error}); it stays where it was.",
            ) from error
        try:
            self._write(lambda: self._store.set_rehearsal(session.id, False))
        except StoreUnavailable:
            with contextlib.suppress(OSError):  # back where it was: keeping can be tried again
                move_transcript(kept, self._rehearsals_dir)
            raise
        self._rehearsal_record = ()
        self._ended_files = kept
        self._refresh_session()
        log.info("Kept the record of rehearsal %d", session.id)
        self.bus.publish(SessionChanged(self._session))
        self.bus.publish(SessionEnded(self._session, tuple(str(p) for p in kept)))

    def set_port(self, port: int) -> None:
        self._write(lambda: self._store.set_session_port(self._session.id, port))
        self._refresh_session()

    def update_details(self, title: str, prompt: str, agree_label: str) -> None:
        self._require_open()
        clean = (
            rules.clean_text(title, rules.TITLE),
            rules.clean_text(prompt, rules.PROMPT),
            rules.clean_text(agree_label, rules.AGREE_LABEL),
        )
        self._write(lambda: self._store.update_session_details(self._session.id, *clean))
        self._refresh_session()
        self.bus.publish(SessionChanged(self._session))

    def apply_setup(self, setup: SessionSetup) -> None:
        """The session's set-up, checked whole, in one store write."""
        self._require_open()
        clean = cleaned(setup)
        logo = self.logos.change_to(clean.logo)
        self._write(
            lambda: self._store.set_session_choices(
                self._session.id,
                stored_choices(clean),
                details=(clean.title, clean.prompt, clean.agree_label),
                logo=logo,
            )
        )
        self.logos.applied(logo)
        self._refresh_session()
        self.bus.publish(SessionChanged(self._session))

    def add_logo(self, logo: Logo) -> None:
        """A logo uploaded for a set-up to name (``SessionSetup.logo``)."""
        self._require_open()
        self.logos.add_waiting(logo)

    def prepare(self, prepared: PreparedSession) -> None:
        """A prepared session (from a file): what the record keeps first (before any
        confession, as the house rules announce it), then the set-up and the warm-ups."""
        self._set_record_choice("unshown_record", prepared.unshown_record)
        self._set_record_choice("organisers_record", prepared.organisers_record)
        if prepared.logo is not None:
            self.add_logo(prepared.logo)
        self.apply_setup(prepared.setup)
        for warm_up in prepared.warm_ups:
            self.add_warm_up(warm_up)

    def add_warm_up(self, warm_up: WarmUp) -> Item:
        """A confession the facilitator prepared: approved, at the end of Up next."""
        self._require_open()
        clean = cleaned_warm_up(warm_up)
        place = queue_order.after_last(self._store.queue(self._session.id))
        client_id = f"warm-up-{secrets.token_urlsafe(12)}"
        item = self._write(
            lambda: self._store.add_warm_up(
                self._session.id, client_id, clean.text, clean.learned, place
            )
        )
        self.bus.publish(ItemAdded(item))
        return item

    def set_word_lists(self, local_names: Sequence[str], watch_words: Sequence[str]) -> None:
        """Replace the organisers' lists (they hold for every session on this laptop)."""
        lists = WordLists(clean_list(local_names), clean_list(watch_words))
        self._write(
            lambda: self._store.set_word_lists(
                {LOCAL_NAMES: lists.local_names, WATCH_WORDS: lists.watch_words}
            )
        )
        self._hints = HintsForItems(lists)
        self.bus.publish(WordListsChanged(lists))

    def execute(self, command: SessionCommand) -> None:
        """Carry out a moderation command, or raise a refusal (see ``net/refusals.py``)."""
        self._require_open()
        match command:
            case Approve(item_id):
                self._approve(item_id)
            case SetAside(item_id):
                self._set_aside(item_id)
            case Restore(item_id):
                self._restore(item_id)
            case Project(item_id):
                self._project(item_id)
            case ProjectNext(expected_item_id):
                self._project_next(expected_item_id)
            case Blank():
                self._blank("join")
            case EndSession():
                self._end()
            case UpdateDetails(title, prompt, agree_label):
                self.update_details(title, prompt, agree_label)
            case Edit(item_id, version, text, learned):
                self._edit(item_id, version, text, learned)
            case Remove(item_id):
                self._remove(item_id)
            case Undo(step_id):
                self._undo(step_id)
            case CountShared(counted):
                self._count_shared(counted)
            case Move(item_id, before_id):
                self._move(item_id, before_id)
            case MoveToTop(item_id):
                self._move(item_id, self.queue_head())
            case ApproveMany(item_ids):
                self._approve_many(item_ids)
            case SetAsideMany(item_ids):
                self._set_aside_many(item_ids)
            case Merge(keep_id, item_ids, version, text, learned):
                self._merge(keep_id, item_ids, version, text, learned)
            case SetOrganisersRecord(keep):
                if keep != self._session.organisers_record:
                    self._set_record_choice("organisers_record", keep)
            case SetBatching(mode):
                self._set_choice("batching", mode)
                self.bus.publish(RoomChanged(self.room()))
            case SetPhoneLanguage(language):
                self._set_choice("language", language)
            case SetUnshownRecord(keep):
                if keep != self._session.unshown_record:
                    self._set_record_choice("unshown_record", keep)
            case SetClosingNote(note):
                self._set_choice("closing_note", rules.clean_text(note, rules.CLOSING_NOTE))
            case ApplySetup():
                self.apply_setup(from_command(command))
            case AddWarmUp(text, learned):
                self.add_warm_up(WarmUp(text, learned))
            case ShowSlide(slide):
                self._blank(slide)
            case SetContentNote(item_id, noted):
                self._set_content_note(item_id, noted)
            case SetProjector(theme, corner_qr, timer):
                choices: dict[SessionChoice, str | bool | int | None] = {
                    "projector_theme": theme,
                    "projector_corner_qr": corner_qr,
                    "projector_timer": timer,
                }
                self._write(lambda: self._store.set_session_choices(self._session.id, choices))
                self._refresh_session()
                self.bus.publish(SessionChanged(self._session))
            case _:
                assert_never(command)

    def _approve(self, item_id: int) -> None:
        item = self.item(item_id)
        if item.state not in (ItemState.INCOMING, ItemState.SET_ASIDE):
            raise CommandRefused(
                "cannot_approve", "Only incoming or set-aside ones can be approved."
            )
        self._change_state(UndoAction.APPROVE, item, ItemState.APPROVED, self._place_after(item))

    def _place_after(self, item: Item) -> int:
        """Where an approved item goes: a confession at the end of Up next; a reply after
        its confession's approved replies (the order they are shown in), never queued."""
        if item.kind is ItemKind.REPLY and item.parent_id is not None:
            replies = self._store.approved_replies(item.parent_id)
            return queue_order.after_last([(r.id, r.queue_position or 0) for r in replies])
        return queue_order.after_last(self._store.queue(self._session.id))

    def _set_aside(self, item_id: int) -> None:
        item = self.item(item_id)
        if item.state not in (ItemState.INCOMING, ItemState.APPROVED):
            raise CommandRefused(
                "cannot_set_aside",
                "Only unshown confessions can be set aside; remove a shown one from the record.",
            )
        self._change_state(UndoAction.SET_ASIDE, item, ItemState.SET_ASIDE)

    def _restore(self, item_id: int) -> None:
        """Set aside → incoming; removed from the record → shown (not on screen)."""
        item = self.item(item_id)
        if item.state is ItemState.SET_ASIDE:
            self._change_state(UndoAction.RESTORE, item, ItemState.INCOMING)
        elif item.state is ItemState.REMOVED:
            self._change_state(UndoAction.RESTORE, item, ItemState.SHOWN)
        else:
            raise CommandRefused(
                "cannot_restore", "Only set-aside or removed confessions can be restored."
            )

    def _change_state(
        self, action: UndoAction, item: Item, state: ItemState, queue_position: int | None = None
    ) -> None:
        changed = self._write(
            lambda: self._store.set_state(item.id, state, queue_position=queue_position)
        )
        self.bus.publish(ItemChanged(changed))
        self._publish_projection_if((changed,))
        self._remember(action, (ItemChange(item, changed),), self._session.current_item_id)

    def _publish_projection_if(self, items: Iterable[Item]) -> None:
        """The screen shows its confession's approved replies: say so when one changed."""
        screen = self._session.current_item_id
        if screen is not None and any(
            item.kind is ItemKind.REPLY and item.parent_id == screen for item in items
        ):
            self.bus.publish(ProjectionChanged(self.projection()))

    def _project(self, item_id: int) -> None:
        item = self.item(item_id)
        if item.kind is ItemKind.REPLY:
            raise CommandRefused(
                "cannot_project_reply", "A reply is shown under its confession, not alone."
            )
        if item.state not in (ItemState.APPROVED, ItemState.SHOWN):
            raise CommandRefused("not_approved", "Approve a confession before projecting it.")
        screen_before = self._session.current_item_id
        order = self._store.next_shown_order(self._session.id)
        phones = self.phones_connected()
        shown = self._write(lambda: self._store.show(self._session.id, item_id, order, phones))
        self._refresh_session()
        self.bus.publish(ItemChanged(shown))
        self.bus.publish(ProjectionChanged(self.projection()))
        self._remember(UndoAction.PROJECT, (ItemChange(item, shown),), screen_before)

    def queue_head(self) -> int | None:
        """The confession that ``project next`` puts up, if any."""
        return self._store.queue_head(self._session.id)

    def _project_next(self, expected_id: int) -> None:
        head = self.queue_head()
        if head is None:
            raise CommandRefused("queue_empty", "No approved confession is waiting.")
        if head != expected_id:
            raise CommandRefused(
                "queue_changed", "Another confession is next in the queue now; look again."
            )
        self._project(head)

    def _blank(self, slide: Slide) -> None:
        """No confession on screen: ``slide`` instead (undo puts the confession back)."""
        screen_before = self._session.current_item_id
        slide_before = self._session.slide
        self._write(lambda: self._store.clear_projection(self._session.id, slide))
        self._refresh_session()
        self.bus.publish(ProjectionChanged(None))
        if screen_before is not None:
            self._remember(UndoAction.BLANK, (), screen_before)
        if slide != slide_before:
            self.bus.publish(SessionChanged(self._session))

    def _set_content_note(self, item_id: int, noted: bool) -> None:
        item = self.item(item_id)
        if item.kind is not ItemKind.CONFESSION:
            raise CommandRefused("not_a_confession", "Only a confession carries a content note.")
        if item.content_note == noted:
            return
        changed = self._write(lambda: self._store.set_content_note(item_id, noted))
        self.bus.publish(ItemChanged(changed))
        if self._session.current_item_id == item_id:
            self.bus.publish(ProjectionChanged(self.projection()))

    def _edit(self, item_id: int, version: int, text: str, learned: str) -> None:
        item = self.item(item_id)
        if item.state is ItemState.REMOVED:
            raise CommandRefused("cannot_edit", "A removed confession cannot be edited.")
        if version != item.version:
            raise CommandRefused(
                "stale_version",
                "Another moderator changed this text meanwhile; their version is shown now.",
            )
        clean, clean_learned = _clean_texts(item, text, learned)
        if (clean, clean_learned) == (item.text, item.learned):
            return
        edited = self._write(lambda: self._store.edit(item_id, version, clean, clean_learned))
        if edited is None:
            raise CommandRefused("stale_version", "Another moderator changed this text meanwhile.")
        self.bus.publish(ItemChanged(edited))
        if self._session.current_item_id == item_id:
            self.bus.publish(ProjectionChanged(self.projection()))
        else:
            self._publish_projection_if((edited,))
        self._remember(UndoAction.EDIT, (ItemChange(item, edited),), self._session.current_item_id)

    def _remove(self, item_id: int) -> None:
        item = self.item(item_id)
        if item.state is not ItemState.SHOWN:
            raise CommandRefused(
                "cannot_remove",
                "Only a shown confession can be removed from the record; set aside others.",
            )
        screen_before = self._session.current_item_id
        removed = self._write(lambda: self._store.remove(self._session.id, item_id))
        self._refresh_session()
        self.bus.publish(ItemChanged(removed))
        if screen_before == item_id:
            self.bus.publish(ProjectionChanged(None))
        self._remember(UndoAction.REMOVE, (ItemChange(item, removed),), screen_before)

    def _undo(self, step_id: int) -> None:
        step = self._history.last()
        if step is None:
            raise CommandRefused("nothing_to_undo", "There is nothing to undo.")
        if step.id != step_id:
            raise CommandRefused(
                "undo_changed", "Something else was done meanwhile; look at what Undo offers now."
            )
        current = {
            item.id: item for item in self._store.items_in_session(self._session.id, step.item_ids)
        }
        screen = self._session.current_item_id
        try:
            reversal = reverse(step, current, screen, self._is_shown)
        except CommandRefused:
            self._history.drop_last()
            self.bus.publish(UndoChanged(self._history.last()))
            raise
        unmerge = (step.item_ids[0], step.item_ids[1:]) if step.action is UndoAction.MERGE else None
        self._write(
            lambda: self._store.put_back(
                self._session.id, reversal.items, reversal.screen, unmerge=unmerge
            )
        )
        self._refresh_session()
        self._history.drop_last()
        restored = self._store.items_by_id([item.id for item in reversal.items])
        for item in restored:
            self.bus.publish(ItemChanged(item))
        if unmerge is not None and restored[0].state is ItemState.SHOWN:
            kept = restored[0]
            self.bus.publish(
                AgreementCountChanged(kept.id, kept.agreement_count, kept.set_apart_count)
            )
        on_screen_changed = any(
            item.id == screen
            and (item.version, item.agreement_count)
            != (current[item.id].version, current[item.id].agreement_count)
            for item in restored
        )
        if reversal.screen != screen or on_screen_changed:
            self.bus.publish(ProjectionChanged(self.projection()))
        else:
            self._publish_projection_if(restored)
        self.bus.publish(UndoChanged(self._history.last()))

    # Up next, many at once, and merging

    def _move(self, item_id: int, before_id: int | None) -> None:
        item = self.item(item_id)
        if item.state is not ItemState.APPROVED or item.kind is not ItemKind.CONFESSION:
            raise CommandRefused("not_queued", "Only a confession in Up next can be moved.")
        queue = self._store.queue(self._session.id)
        if before_id is not None and before_id not in dict(queue):
            raise CommandRefused(
                "queue_changed", "That place in Up next has gone meanwhile; look again."
            )
        ids = [other for other, _ in queue]
        at = ids.index(item_id)
        if before_id == item_id or (ids[at + 1] if at + 1 < len(ids) else None) == before_id:
            return  # already there
        places = queue_order.move(queue, item_id, before_id)
        # The moved item first: it is what Undo names. A renumbering moves the others too.
        changed_ids = [item_id, *(other for other in places if other != item_id)]
        before = self._store.items_by_id(changed_ids)
        after = self._write(lambda: self._store.set_queue_positions(places))
        after_by_id = {changed.id: changed for changed in after}
        for changed_id in changed_ids:
            self.bus.publish(ItemChanged(after_by_id[changed_id]))
        self._remember(
            UndoAction.MOVE,
            tuple(ItemChange(old, after_by_id[old.id]) for old in before),
            self._session.current_item_id,
        )

    def _approve_many(self, item_ids: Sequence[int]) -> None:
        items = self._items_named(item_ids)
        eligible = [i for i in items if i.state in (ItemState.INCOMING, ItemState.SET_ASIDE)]
        if not eligible:
            raise CommandRefused("cannot_approve", "None of them is incoming or set aside now.")
        places: dict[int | None, int] = {}  # the next place in Up next (None) or under a parent
        changes: list[tuple[int, ItemState, int | None]] = []
        for item in eligible:
            parent = item.parent_id if item.kind is ItemKind.REPLY else None
            if parent not in places:
                places[parent] = self._place_after(item)
            changes.append((item.id, ItemState.APPROVED, places[parent]))
            places[parent] += queue_order.GAP
        self._change_states(UndoAction.APPROVE_MANY, eligible, changes)

    def _set_aside_many(self, item_ids: Sequence[int]) -> None:
        items = self._items_named(item_ids)
        eligible = [i for i in items if i.state in (ItemState.INCOMING, ItemState.APPROVED)]
        if not eligible:
            raise CommandRefused("cannot_set_aside", "None of them is incoming or queued now.")
        changes = [(item.id, ItemState.SET_ASIDE, None) for item in eligible]
        self._change_states(UndoAction.SET_ASIDE_MANY, eligible, changes)

    def _change_states(
        self,
        action: UndoAction,
        before: Sequence[Item],
        changes: Sequence[tuple[int, ItemState, int | None]],
    ) -> None:
        after = self._write(lambda: self._store.set_states(self._session.id, changes))
        for item in after:
            self.bus.publish(ItemChanged(item))
        self._publish_projection_if(after)
        self._remember(
            action,
            tuple(ItemChange(old, new) for old, new in zip(before, after, strict=True)),
            self._session.current_item_id,
        )

    def _items_named(self, item_ids: Sequence[int]) -> list[Item]:
        """The named items, each once, in the order named; refused if one is unknown."""
        named = list(dict.fromkeys(item_ids))
        items = self._store.items_in_session(self._session.id, named)
        if len(items) != len(named):
            raise CommandRefused("unknown_confession", "There is no such confession.")
        return items

    def _merge(
        self, keep_id: int, item_ids: Sequence[int], version: int, text: str, learned: str
    ) -> None:
        keep = self.item(keep_id)
        merged = self._items_named([i for i in item_ids if i != keep_id])
        if not merged:
            raise CommandRefused("nothing_to_merge", "Name at least one other confession.")
        for item in (keep, *merged):
            if item.state in (ItemState.REMOVED, ItemState.MERGED, ItemState.FOR_ORGANISERS):
                raise CommandRefused(
                    "cannot_merge",
                    "Removed, merged and organisers-only confessions cannot be merged.",
                )
        kinds = {item.kind for item in (keep, *merged)}
        if ItemKind.REPLY in kinds and (
            len(kinds) > 1 or any(item.parent_id != keep.parent_id for item in merged)
        ):
            raise CommandRefused(
                "cannot_merge", "A reply merges only with replies to the same confession."
            )
        if self._session.current_item_id in {item.id for item in merged}:
            raise CommandRefused(
                "merge_on_screen",
                "One of those is on the big screen: keep that one, or blank the screen first.",
            )
        if version != keep.version:
            raise CommandRefused(
                "stale_version",
                "Another moderator changed this text meanwhile; their version is shown now.",
            )
        clean, clean_learned = _clean_texts(keep, text, learned)
        merged_ids = [item.id for item in merged]

        def write() -> list[Item]:
            if (clean, clean_learned) != (keep.text, keep.learned):
                self._store.edit(keep.id, version, clean, clean_learned)
            return self._store.merge(keep.id, merged_ids)

        after = self._write(write)
        for item in after:
            self.bus.publish(ItemChanged(item))
        kept = after[0]
        if kept.state is ItemState.SHOWN:
            self.bus.publish(
                AgreementCountChanged(kept.id, kept.agreement_count, kept.set_apart_count)
            )
        if self._session.current_item_id == kept.id:
            self.bus.publish(ProjectionChanged(self.projection()))
        else:
            self._publish_projection_if(after)
        self._remember(
            UndoAction.MERGE,
            tuple(ItemChange(old, new) for old, new in zip((keep, *merged), after, strict=True)),
            self._session.current_item_id,
        )

    # Choices made before confessions arrive

    def _set_record_choice(self, choice: SessionChoice, keep: bool) -> None:
        """A choice of what the record keeps, which the house rules announce: made before
        the first confession arrives (one already sent came under the rules as they were)."""
        if self._store.received_count(
            self._session.id, from_room=True
        ) or self._store.has_any_waiting(self._session.id):
            raise CommandRefused(
                "too_late",
                "Confessions have arrived under the house rules as they were; this can "
                "only change before the first one.",
            )
        self._set_choice(choice, keep)

    def _set_choice(self, choice: SessionChoice, value: str | bool) -> None:
        self._write(lambda: self._store.set_session_choice(self._session.id, choice, value))
        self._refresh_session()
        self.bus.publish(SessionChanged(self._session))

    def _is_shown(self, item_id: int) -> bool:
        found = self._store.item_in_session(self._session.id, item_id)
        return found is not None and found.state is ItemState.SHOWN

    def _remember(
        self, action: UndoAction, changes: tuple[ItemChange, ...], screen_before: int | None
    ) -> None:
        step = self._history.record(action, changes, screen_before, self._session.current_item_id)
        self.bus.publish(UndoChanged(step))

    def _end(self) -> None:
        session_id = self._session.id
        # The transcript first: if it cannot be written, the session stays open, nothing
        # is forgotten, and ending can be tried again (an ended session refuses that).
        if self._session.organisers_record:  # the record's section takes those waiting too
            for waiting_id in self._store.waiting_for_organisers(session_id):
                # Announced: if the record then fails, the session goes on with it in its lane.
                self.bus.publish(
                    ItemAdded(self._write(partial(self._store.release_waiting, waiting_id)))
                )
        transcript = build_transcript(self._store, self._session)
        rehearsal = self._session.rehearsal
        folder = self._rehearsals_dir if rehearsal else self._transcripts_dir
        try:
            paths = write_transcript(transcript, session_id, folder)
        except OSError as error:
            log.error("Could not write the transcript: %s", error)
            raise TranscriptNotWritten(error.strerror or str(error)) from error
        self._ended_record = transcript
        self._ended_files = paths
        if rehearsal:  # kept apart, and only the last few
            self._rehearsal_record = paths
            prune_rehearsals(folder)
        purged = self._write(
            lambda: self._store.close_session(session_id, self._today().isoformat())
        )
        self._refresh_session()
        self._history.clear()
        self.bus.publish(UndoChanged(None))
        log.info("Ended session %d; forgot %d unshown confessions", session_id, purged)
        self.bus.publish(ProjectionChanged(None))
        self.bus.publish(SessionChanged(self._session))
        self.bus.publish(SessionEnded(self._session, tuple(str(p) for p in paths)))

    def start_next(self) -> None:
        """Start the next session in the same host, once this one has ended.

        It keeps the set-up (title, prompt, house rules, form, language, accent, logo), the
        port and moderator secret (the moderators' links and the phones' join link stay
        the same); everything else starts afresh.
        """
        ended = self._session
        if ended.is_open:
            raise CommandRefused("session_open", "End this session before starting the next.")
        session = self._write(
            lambda: self._store.create_session(
                ended.title,
                ended.prompt,
                ended.agree_label,
                self._today().isoformat(),
                ended.moderator_secret,
                port=ended.port,
                projector_secret=ended.projector_secret,
            )
        )
        setup = stored_choices(SessionSetup.of(ended))
        logo = self.logos.current
        self._write(lambda: self._store.set_session_choices(session.id, setup, logo=logo))
        self._session = self._store.session(session.id)
        self._rehearsal_record = ()
        self._ended_record = None
        self._ended_files = ()
        log.info("Started session %d after session %d", session.id, ended.id)
        self.bus.publish(SessionStarted(self._session))

    # Plumbing

    def _require_open(self) -> None:
        if not self._session.is_open:
            raise CommandRefused("session_ended", "This session has ended.")

    def _refresh_session(self) -> None:
        self._session = self._store.session(self._session.id)

    def _write(self, action: Callable[[], T]) -> T:
        """Run a store write; turn store failures into a health alarm and re-raise."""
        try:
            result = action()
        except StoreUnavailable as error:
            log.error("Could not save: %s", error)
            if self._store_healthy:
                self._store_healthy = False
                self.bus.publish(StoreHealthChanged(False, str(error)))
            raise
        if not self._store_healthy:
            self._store_healthy = True
            self.bus.publish(StoreHealthChanged(True, "Saving works again."))
        return result


def _clean_texts(item: Item, text: str, learned: str) -> tuple[str, str]:
    """A moderator's text for ``item`` under its kind's rules: a reply is one short line
    and has no lesson."""
    if item.kind is ItemKind.REPLY:
        if learned.strip():
            raise RuleViolation("learned_not_allowed", "A reply has no lesson of its own.")
        return rules.clean_text(text, rules.REPLY), ""
    return rules.clean_text(text, rules.CONFESSION), rules.clean_text(learned, rules.LEARNED)
