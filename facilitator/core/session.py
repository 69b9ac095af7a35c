"""The session service: every change to a session goes through here.

It checks the rules, commits to the store and only then announces the change on
the event bus, so an acknowledgement always follows a committed write.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar, assert_never

from facilitator.core import rules
from facilitator.core.errors import (
    CommandRefused,
    StoreUnavailable,
    TranscriptNotWritten,
    UnknownParticipant,
)
from facilitator.core.events import (
    AgreementCountChanged,
    ConfessionAdded,
    ConfessionChanged,
    EventBus,
    ProjectionChanged,
    SessionChanged,
    SessionEnded,
    SessionStarted,
    StoreHealthChanged,
)
from facilitator.core.model import (
    AgreementOutcome,
    AgreementRequest,
    Confession,
    ConfessionState,
    Projection,
    SessionInfo,
    SubmitOutcome,
)
from facilitator.core.store import Store
from facilitator.core.transcript import build_transcript, write_transcript
from facilitator.protocol.commands import (
    Approve,
    Blank,
    EndSession,
    Project,
    ProjectNext,
    Restore,
    SessionCommand,
    SetAside,
    UpdateDetails,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
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
        self._today = today
        self._store_healthy = True

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

    def confessions(self) -> list[Confession]:
        return self._store.confessions(self._session.id)

    def confession(self, confession_id: int) -> Confession:
        found = self._store.confession_in_session(self._session.id, confession_id)
        if found is None:
            raise CommandRefused("unknown_confession", "There is no such confession.")
        return found

    def projection(self) -> Projection | None:
        current = self._session.current_confession_id
        if current is None:
            return None
        confession = self._store.confession(current)
        return Projection(
            confession_id=confession.id,
            text=confession.text,
            learned=confession.learned,
            agreement_count=confession.agreement_count,
            shown_order=confession.shown_order or 0,
        )

    def participant(self, token: str) -> int:
        self._require_open()
        participant_id = self._store.participant_for_token(self._session.id, token)
        if participant_id is None:
            raise UnknownParticipant()
        return participant_id

    def has_agreed(self, participant_id: int, confession_id: int) -> bool:
        return self._store.has_agreed(confession_id, participant_id)

    def phones_joined(self) -> int:
        return self._store.participant_count(self._session.id)

    # Participants

    def join(self) -> str:
        """Issue a new participant token (the server rate-limits who may ask)."""
        self._require_open()
        token = new_token()
        self._write(lambda: self._store.add_participant(self._session.id, token))
        return token

    def submit(
        self, participant_id: int, client_id: str, text: str, learned: str = ""
    ) -> SubmitOutcome:
        self._require_open()
        rules.check_client_id(client_id)
        existing = self._store.confession_by_client_id(participant_id, client_id)
        if existing is not None:
            return SubmitOutcome(existing.id, duplicate=True)
        clean = rules.clean_text(text, rules.CONFESSION)
        clean_learned = rules.clean_text(learned, rules.LEARNED)
        confession = self._write(
            lambda: self._store.add_confession(
                self._session.id, participant_id, client_id, clean, clean_learned
            )
        )
        self.bus.publish(ConfessionAdded(confession))
        return SubmitOutcome(confession.id, duplicate=False)

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
        shown: dict[int, int | None] = {}  # confession id → count before, None: not shown
        for request in requests:
            if request.confession_id not in shown:
                found = self._store.confession_in_session(self._session.id, request.confession_id)
                if found is not None and found.state is ConfessionState.SHOWN:
                    shown[request.confession_id] = found.agreement_count
                else:
                    shown[request.confession_id] = None
        accepted = [r for r in requests if shown[r.confession_id] is not None]
        counts = self._write(
            lambda: self._store.set_agreements(
                [(r.confession_id, r.participant_id, r.agreed) for r in accepted]
            )
        )
        for confession_id, count in counts.items():
            if count != shown[confession_id]:
                self.bus.publish(AgreementCountChanged(confession_id, count))
        return [
            AgreementOutcome(r.confession_id, r.agreed, counts[r.confession_id])
            if shown[r.confession_id] is not None
            else CommandRefused("not_shown", "That confession has not been on the screen.")
            for r in requests
        ]

    # Facilitator

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
                self._blank()
            case EndSession():
                self._end()
            case UpdateDetails(title, prompt, agree_label):
                self.update_details(title, prompt, agree_label)
            case _:
                assert_never(command)

    def _approve(self, confession_id: int) -> None:
        confession = self.confession(confession_id)
        if confession.state not in (ConfessionState.INCOMING, ConfessionState.SET_ASIDE):
            raise CommandRefused(
                "cannot_approve", "Only incoming or set-aside ones can be approved."
            )
        position = self._store.next_queue_position(self._session.id)
        self._change_state(confession_id, ConfessionState.APPROVED, queue_position=position)

    def _set_aside(self, confession_id: int) -> None:
        confession = self.confession(confession_id)
        if confession.state not in (ConfessionState.INCOMING, ConfessionState.APPROVED):
            raise CommandRefused("cannot_set_aside", "Only unshown confessions can be set aside.")
        self._change_state(confession_id, ConfessionState.SET_ASIDE)

    def _restore(self, confession_id: int) -> None:
        if self.confession(confession_id).state is not ConfessionState.SET_ASIDE:
            raise CommandRefused("cannot_restore", "Only set-aside confessions can be restored.")
        self._change_state(confession_id, ConfessionState.INCOMING)

    def _change_state(
        self, confession_id: int, state: ConfessionState, queue_position: int | None = None
    ) -> None:
        confession = self._write(
            lambda: self._store.set_state(confession_id, state, queue_position=queue_position)
        )
        self.bus.publish(ConfessionChanged(confession))

    def _project(self, confession_id: int) -> None:
        confession = self.confession(confession_id)
        if confession.state not in (ConfessionState.APPROVED, ConfessionState.SHOWN):
            raise CommandRefused("not_approved", "Approve a confession before projecting it.")
        order = self._store.next_shown_order(self._session.id)
        shown = self._write(lambda: self._store.show(self._session.id, confession_id, order))
        self._refresh_session()
        self.bus.publish(ConfessionChanged(shown))
        self.bus.publish(ProjectionChanged(self.projection()))

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

    def _blank(self) -> None:
        self._write(lambda: self._store.clear_projection(self._session.id))
        self._refresh_session()
        self.bus.publish(ProjectionChanged(None))

    def _end(self) -> None:
        session_id = self._session.id
        # The transcript first: if it cannot be written, the session stays open, nothing
        # is forgotten, and ending can be tried again (an ended session refuses that).
        transcript = build_transcript(self._store, self._session)
        try:
            paths = write_transcript(transcript, session_id, self._transcripts_dir)
        except OSError as error:
            log.error("Could not write the transcript: %s", error)
            raise TranscriptNotWritten(error.strerror or str(error)) from error
        purged = self._write(
            lambda: self._store.close_session(session_id, self._today().isoformat())
        )
        self._refresh_session()
        log.info("Ended session %d; forgot %d unshown confessions", session_id, purged)
        self.bus.publish(ProjectionChanged(None))
        self.bus.publish(SessionChanged(self._session))
        self.bus.publish(SessionEnded(self._session, tuple(str(p) for p in paths)))

    def start_next(self) -> None:
        """Start the next session in the same host, once this one has ended.

        It keeps the title, prompt, label, port and moderator secret (the moderators'
        links and the phones' join link stay the same); everything else starts afresh.
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
            )
        )
        self._session = session
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
