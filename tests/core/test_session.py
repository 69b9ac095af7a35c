"""The session service: the whole life of a session, its events, and its refusals."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from facilitator.core import rules
from facilitator.core.errors import (
    CommandRefused,
    RuleViolation,
    StoreUnavailable,
    TranscriptNotWritten,
    UnknownParticipant,
)
from facilitator.core.events import (
    AgreementCountChanged,
    Event,
    EventBus,
    ItemAdded,
    ItemChanged,
    ProjectionChanged,
    RoomChanged,
    SessionChanged,
    SessionEnded,
    StoreHealthChanged,
    UndoChanged,
)
from facilitator.core.model import (
    AgreementOutcome,
    Item,
    ItemState,
    Projection,
    SessionStatus,
    SubmitOutcome,
)
from facilitator.core.model import (
    Room as RoomNow,
)
from facilitator.core.queue_order import GAP
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.protocol.commands import (
    Approve,
    Blank,
    Command,
    EndSession,
    Project,
    ProjectNext,
    Restore,
    SetAside,
)
from tests.core.helpers import TODAY, Recorder, Room, client_id, edit, next_up, refused

State = ItemState


def healthy(service: SessionService) -> bool:
    """Read afresh (a plain ``assert service.store_healthy`` would be narrowed by mypy)."""
    return service.store_healthy


# Starting


def test_start_new_uses_the_defaults(service: SessionService) -> None:
    session = service.session
    assert session.title == rules.DEFAULT_TITLE
    assert session.prompt == rules.DEFAULT_PROMPT
    assert session.agree_label == rules.DEFAULT_AGREE_LABEL
    assert session.status is SessionStatus.OPEN
    assert session.created_on == TODAY.isoformat()
    assert session.current_item_id is None
    assert len(session.moderator_secret) >= 32
    assert service.store_healthy
    assert service.items() == []
    assert service.projection() is None
    assert service.phones_joined() == 0


def test_start_new_cleans_and_checks_the_details(
    store: Store, bus: EventBus, transcripts_dir: Path
) -> None:
    service = SessionService.start_new(
        store,
        bus,
        transcripts_dir,
        title="  Retro\t2024 ",
        prompt="Line\r\n\r\n\r\nTwo",
        agree_label=" Same ",
    )
    assert service.session.title == "Retro 2024"
    assert service.session.prompt == "Line\n\nTwo"
    assert service.session.agree_label == "Same"
    refused("title_empty", lambda: SessionService.start_new(store, bus, transcripts_dir, title=""))
    refused(
        "agree_label_invisible",
        lambda: SessionService.start_new(store, bus, transcripts_dir, agree_label="\u3164"),
    )


def test_each_session_has_its_own_moderator_secret(
    store: Store, bus: EventBus, transcripts_dir: Path
) -> None:
    secrets = {
        SessionService.start_new(store, bus, transcripts_dir).session.moderator_secret
        for _ in range(5)
    }
    assert len(secrets) == 5


def test_resume_continues_where_the_session_was(
    tmp_path: Path, bus: EventBus, transcripts_dir: Path
) -> None:
    store = Store.open(tmp_path / "data")
    first = SessionService.start_new(store, bus, transcripts_dir, today=lambda: TODAY)
    room = Room(first)
    phone = room.phone()
    token = first.join()
    shown = room.shown(phone, "on screen")
    queued = room.approved(phone, "queued")
    store.close()

    store = Store.open(tmp_path / "data")
    try:
        latest = store.latest_open_session()
        assert latest is not None
        resumed = SessionService.resume(store, bus, latest, transcripts_dir)
        assert resumed.session == first.session
        assert resumed.participant(token) is not None
        projection = resumed.projection()
        assert projection is not None
        assert (projection.confession_id, projection.text) == (shown, "on screen")
        resumed.execute(next_up(resumed))
        assert resumed.session.current_item_id == queued
    finally:
        store.close()


# Joining


def test_join_issues_distinct_tokens(service: SessionService, recorder: Recorder) -> None:
    tokens = [service.join() for _ in range(40)]
    assert len(set(tokens)) == 40
    assert all(len(token) >= 32 for token in tokens)
    participants = [service.participant(token) for token in tokens]
    assert len(set(participants)) == 40
    assert service.phones_joined() == 40
    # Joining is not announced, except that the phone after the 30th turns batching on
    # (the session's "auto").
    assert recorder.events == [RoomChanged(RoomNow(0, 0, 0, batching=True))]


def test_a_token_stays_the_same_participant(service: SessionService) -> None:
    token = service.join()
    assert service.participant(token) == service.participant(token)


@pytest.mark.parametrize("token", ["", "made-up", "x" * 100])
def test_unknown_token_is_an_unknown_participant(service: SessionService, token: str) -> None:
    service.join()
    with pytest.raises(UnknownParticipant) as caught:
        service.participant(token)
    assert caught.value.code == "unknown_participant"


def test_token_of_another_session_is_unknown(
    store: Store, bus: EventBus, transcripts_dir: Path, service: SessionService
) -> None:
    other = SessionService.start_new(store, bus, transcripts_dir)
    token = other.join()
    refused("unknown_participant", lambda: service.participant(token))


# Submitting


def test_submit_stores_a_cleaned_incoming_confession(room: Room, recorder: Recorder) -> None:
    service = room.service
    phone = room.phone()
    outcome = service.submit(phone, client_id(1), "  Cafe\u0301\r\nbroke  ", " learned \n\n\n ok ")
    assert outcome == SubmitOutcome(outcome.confession_id, duplicate=False)
    confession = service.item(outcome.confession_id)
    assert confession.text == "Caf\u00e9\nbroke"
    assert confession.learned == "learned \n\n ok"
    assert confession.original_text == confession.text
    assert confession.state is State.INCOMING
    assert recorder.events == [ItemAdded(confession)]


def test_submit_returns_distinct_ids(room: Room) -> None:
    phone = room.phone()
    ids = [room.submit(phone) for _ in range(5)]
    assert len(set(ids)) == 5
    assert [c.id for c in room.service.items()] == ids


def test_a_repeated_client_id_is_a_duplicate_that_stores_nothing(
    room: Room, recorder: Recorder, store: Store
) -> None:
    service = room.service
    phone = room.phone()
    first = service.submit(phone, client_id(7), "I deployed on a Friday.")
    recorder.clear()

    again = service.submit(phone, client_id(7), "I deployed on a Friday.")
    different_text = service.submit(phone, client_id(7), "Something else entirely")

    assert again == SubmitOutcome(first.confession_id, duplicate=True)
    assert different_text == SubmitOutcome(first.confession_id, duplicate=True)
    assert store.received_count(service.session.id) == 1
    assert service.item(first.confession_id).text == "I deployed on a Friday."
    assert recorder.events == []


def test_a_duplicate_is_recognised_even_after_the_confession_moved_on(room: Room) -> None:
    service = room.service
    phone = room.phone()
    outcome = service.submit(phone, client_id(1), "text")
    service.execute(Approve(outcome.confession_id))
    service.execute(next_up(service))
    assert service.submit(phone, client_id(1), "text").duplicate


def test_the_same_client_id_from_another_phone_is_not_a_duplicate(room: Room) -> None:
    alice, bob = room.phone(), room.phone()
    from_alice = room.service.submit(alice, client_id(1), "alice")
    from_bob = room.service.submit(bob, client_id(1), "bob")
    assert not from_bob.duplicate
    assert from_bob.confession_id != from_alice.confession_id


@pytest.mark.parametrize(
    ("text", "learned", "code"),
    [
        ("", "", "text_empty"),
        ("   \n ", "", "text_empty"),
        ("x" * 1001, "", "text_too_long"),
        ("ok", "y" * 501, "learned_too_long"),
        ("evil\u202etxt", "", "text_forbidden_characters"),
        ("ok", "bad\x00", "learned_forbidden_characters"),
        ("\u200b\u200b", "", "text_invisible"),
        ("ok", "\u3164", "learned_invisible"),
    ],
)
def test_submit_refuses_what_the_rules_refuse(
    room: Room, recorder: Recorder, text: str, learned: str, code: str
) -> None:
    phone = room.phone()
    with pytest.raises(RuleViolation) as caught:
        room.service.submit(phone, client_id(1), text, learned)
    assert caught.value.code == code
    assert room.service.items() == []
    assert recorder.events == []
    # A refused submission does not use up its client id.
    assert not room.service.submit(phone, client_id(1), "fixed").duplicate


@pytest.mark.parametrize("bad", ["", "short", "has space!", "x" * 65])
def test_submit_refuses_a_malformed_client_id(room: Room, bad: str) -> None:
    refused("client_id_invalid", lambda: room.service.submit(room.phone(), bad, "text"))


# Events


def test_events_of_a_whole_session_in_order(room: Room, recorder: Recorder) -> None:
    service = room.service
    alice, bob = room.phone(), room.phone()
    first = room.submit(alice, "first")
    second = room.submit(bob, "second")
    service.execute(Approve(first))
    service.execute(Approve(second))
    service.execute(next_up(service))
    service.set_agreement(bob, first, True)
    service.update_details("Retro", "What went wrong?", "Me too")
    service.execute(Blank())
    service.execute(EndSession())

    assert recorder.kinds() == [
        "ItemAdded",
        "ItemAdded",
        "ItemChanged",
        "ItemChanged",
        "ItemChanged",
        "ProjectionChanged",
        "AgreementCountChanged",
        "SessionChanged",
        "ProjectionChanged",
        "ProjectionChanged",
        "SessionChanged",
        "SessionEnded",
    ]
    added = recorder.of(ItemAdded)
    assert [event.item.id for event in added] == [first, second]
    changed = recorder.of(ItemChanged)
    assert [(e.item.id, e.item.state) for e in changed] == [
        (first, State.APPROVED),
        (second, State.APPROVED),
        (first, State.SHOWN),
    ]
    projections = recorder.of(ProjectionChanged)
    shown = projections[0].projection
    assert shown == Projection(first, "first", "", 0, 1, shown_at=shown.shown_at if shown else None)
    assert projections[1].projection is None
    assert projections[2].projection is None
    assert recorder.of(AgreementCountChanged) == [AgreementCountChanged(first, 1)]
    details, ended = recorder.of(SessionChanged)
    assert (details.session.title, details.session.agree_label) == ("Retro", "Me too")
    assert ended.session.status is SessionStatus.ENDED
    (end,) = recorder.of(SessionEnded)
    assert end.session.status is SessionStatus.ENDED
    assert len(end.transcript_paths) == 2


class StoreReader:
    """A listener that checks, on each event, what a second connection to the file reads."""

    def __init__(self, path: Path, session_id: int) -> None:
        self.reader = Store.open(path.parent)
        self.session_id = session_id
        self.seen: list[str] = []

    def __call__(self, event: Event) -> None:
        reader = self.reader
        match event:
            case UndoChanged():
                return  # what undo offers is not in the store
            case ItemAdded(confession) | ItemChanged(confession):
                assert reader.item(confession.id) == confession
            case ProjectionChanged(projection):
                current = reader.session(self.session_id).current_item_id
                assert current == (None if projection is None else projection.confession_id)
                if projection is not None:
                    stored = reader.item(projection.confession_id)
                    assert stored.state is State.SHOWN
                    assert stored.text == projection.text
            case AgreementCountChanged(confession_id, count):
                assert reader.item(confession_id).agreement_count == count
            case SessionChanged(session):
                assert reader.session(session.id) == session
            case SessionEnded(session, paths):
                assert reader.session(session.id).status is SessionStatus.ENDED
                assert all(Path(path).is_file() for path in paths)
                assert all(c.state is State.SHOWN for c in reader.items(session.id))
                assert reader.participant_count(session.id) == 0
        self.seen.append(type(event).__name__)


def test_events_are_published_only_after_the_change_is_committed(
    tmp_path: Path, bus: EventBus, transcripts_dir: Path
) -> None:
    store = Store.open(tmp_path / "data")
    assert store.path is not None
    service = SessionService.start_new(store, bus, transcripts_dir, today=lambda: TODAY)
    reader = StoreReader(store.path, service.session.id)
    failures: list[BaseException] = []

    def checked(event: Event) -> None:
        try:
            reader(event)
        except BaseException as error:
            failures.append(error)

    bus.subscribe(checked)
    try:
        room = Room(service)
        alice, bob = room.phone(), room.phone()
        first = room.submit(alice, "first")
        second = room.submit(bob, "second")
        room.submit(bob, "never shown")
        service.execute(Approve(first))
        service.execute(Approve(second))
        service.execute(next_up(service))
        service.set_agreement(alice, first, True)
        service.set_agreement(bob, first, True)
        service.set_agreement(bob, first, False)
        service.execute(next_up(service))
        service.execute(Project(first))
        service.update_details("Title", "Prompt", "Label")
        service.execute(Blank())
        service.execute(EndSession())
    finally:
        reader.reader.close()
        store.close()
    assert failures == []
    assert reader.seen == [
        "ItemAdded",
        "ItemAdded",
        "ItemAdded",
        "ItemChanged",
        "ItemChanged",
        "ItemChanged",
        "ProjectionChanged",
        "AgreementCountChanged",
        "AgreementCountChanged",
        "AgreementCountChanged",
        "ItemChanged",
        "ProjectionChanged",
        "ItemChanged",
        "ProjectionChanged",
        "SessionChanged",
        "ProjectionChanged",
        "ProjectionChanged",
        "SessionChanged",
        "SessionEnded",
    ]


def test_a_listener_sees_the_service_already_updated(room: Room, bus: EventBus) -> None:
    service = room.service
    seen: list[tuple[str, object]] = []

    def listener(event: Event) -> None:
        if isinstance(event, ProjectionChanged):
            seen.append(("projection", service.projection()))
        if isinstance(event, SessionChanged):
            seen.append(("session", service.session))

    bus.subscribe(listener)
    phone = room.phone()
    shown = room.shown(phone, "text")
    service.update_details("New title", "", "Label")
    assert seen[0] == ("projection", service.projection())
    assert seen[0][1] is not None
    assert seen[0][1].confession_id == shown
    assert seen[1] == ("session", service.session)
    assert service.session.title == "New title"


def test_a_failing_listener_stops_neither_the_others_nor_the_command(
    room: Room, bus: EventBus, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(event: Event) -> None:
        raise RuntimeError("listener bug")

    bus.subscribe(broken)
    after = Recorder(bus)
    phone = room.phone()
    with caplog.at_level(logging.ERROR, logger="facilitator.core.events"):
        outcome = room.service.submit(phone, client_id(1), "still saved")
        room.service.execute(Approve(outcome.confession_id))

    assert room.state(outcome.confession_id) is State.APPROVED
    assert after.kinds() == ["ItemAdded", "ItemChanged"]
    failures = [r for r in caplog.records if r.name == "facilitator.core.events"]
    assert len(failures) == 3  # added, changed, what undo offers
    assert all(r.exc_info and isinstance(r.exc_info[1], RuntimeError) for r in failures)
    assert "ItemAdded" in failures[0].getMessage()


def test_unsubscribed_listeners_hear_nothing_more(room: Room, bus: EventBus) -> None:
    heard: list[Event] = []
    unsubscribe = bus.subscribe(heard.append)
    phone = room.phone()
    room.submit(phone)
    unsubscribe()
    unsubscribe()  # twice is harmless
    room.submit(phone)
    assert len(heard) == 1


def test_a_listener_may_unsubscribe_while_an_event_is_delivered(bus: EventBus) -> None:
    heard: list[str] = []
    unsubscribers: list[Callable[[], None]] = []

    def once(event: Event) -> None:
        heard.append("once")
        unsubscribers[0]()

    unsubscribers.append(bus.subscribe(once))
    bus.subscribe(lambda event: heard.append("always"))
    event = ProjectionChanged(None)
    bus.publish(event)
    bus.publish(event)
    assert heard == ["once", "always", "always"]


# Moderation


def test_approve_queues_in_order(room: Room) -> None:
    service = room.service
    phone = room.phone()
    ids = [room.submit(phone) for _ in range(4)]
    for confession in (ids[2], ids[0], ids[3]):
        service.execute(Approve(confession))
    queue = [c for c in service.items() if c.state is State.APPROVED]
    assert [c.id for c in queue] == [ids[2], ids[0], ids[3]]
    assert [c.queue_position for c in queue] == [GAP, 2 * GAP, 3 * GAP]
    assert room.state(ids[1]) is State.INCOMING


def test_project_next_follows_the_queue_until_it_is_empty(room: Room, recorder: Recorder) -> None:
    service = room.service
    phone = room.phone()
    ids = [room.submit(phone) for _ in range(3)]
    for confession in reversed(ids):
        service.execute(Approve(confession))
    shown: list[int] = []
    for _ in ids:
        service.execute(next_up(service))
        current = service.session.current_item_id
        assert current is not None
        shown.append(current)
    assert shown == list(reversed(ids))
    assert [service.item(c).shown_order for c in shown] == [1, 2, 3]
    recorder.clear()
    refused("queue_empty", lambda: service.execute(next_up(service)))
    assert recorder.events == []
    assert service.session.current_item_id == shown[-1]


def test_queue_empty_when_nothing_was_ever_approved(room: Room) -> None:
    room.submit(room.phone())
    refused("queue_empty", lambda: room.service.execute(next_up(room.service)))


def test_set_aside_and_restore(room: Room, recorder: Recorder) -> None:
    service = room.service
    phone = room.phone()
    incoming = room.submit(phone)
    queued = room.approved(phone)
    recorder.clear()

    service.execute(SetAside(incoming))
    service.execute(SetAside(queued))
    assert room.state(incoming) is State.SET_ASIDE
    assert service.item(queued).queue_position is None
    refused("queue_empty", lambda: service.execute(next_up(service)))

    service.execute(Restore(queued))
    assert room.state(queued) is State.INCOMING
    service.execute(Approve(incoming))  # straight from set aside to the queue
    assert room.state(incoming) is State.APPROVED
    assert [type(e).__name__ for e in recorder.events] == ["ItemChanged"] * 4
    assert [e.item.state for e in recorder.of(ItemChanged)] == [
        State.SET_ASIDE,
        State.SET_ASIDE,
        State.INCOMING,
        State.APPROVED,
    ]


def test_reapproving_puts_a_confession_at_the_end_of_the_queue(room: Room) -> None:
    service = room.service
    phone = room.phone()
    first, second, third = (room.approved(phone) for _ in range(3))
    service.execute(SetAside(first))
    service.execute(Approve(first))
    queue = [c.id for c in service.items() if c.state is State.APPROVED]
    assert queue == [second, third, first]


def test_project_out_of_queue_order(room: Room) -> None:
    service = room.service
    phone = room.phone()
    first, second, third = (room.approved(phone) for _ in range(3))
    service.execute(Project(third))
    assert service.session.current_item_id == third
    service.execute(next_up(service))
    assert service.session.current_item_id == first
    assert [service.item(c).shown_order for c in (third, first)] == [1, 2]
    assert room.state(second) is State.APPROVED


def test_reprojecting_an_earlier_confession_keeps_its_shown_order(
    room: Room, recorder: Recorder
) -> None:
    service = room.service
    phone = room.phone()
    first = room.shown(phone, "first")
    second = room.shown(phone, "second")
    recorder.clear()

    service.execute(Project(first))

    assert service.session.current_item_id == first
    assert service.item(first).shown_order == 1
    assert service.item(second).shown_order == 2
    projection = service.projection()
    assert projection is not None
    assert projection.shown_order == 1
    assert recorder.of(ProjectionChanged) == [ProjectionChanged(projection)]
    third = room.shown(phone, "third")
    assert service.item(third).shown_order == 3
    shown = [c.id for c in service.items() if c.state is State.SHOWN]
    assert shown == [first, second, third]


def test_blank_takes_the_confession_off_the_screen(room: Room, recorder: Recorder) -> None:
    service = room.service
    shown = room.shown(room.phone())
    recorder.clear()
    service.execute(Blank())
    assert service.projection() is None
    assert service.session.current_item_id is None
    assert room.state(shown) is State.SHOWN
    assert recorder.events == [ProjectionChanged(None)]
    service.execute(Blank())  # blanking a blank screen is fine
    assert recorder.events == [ProjectionChanged(None), ProjectionChanged(None)]


def test_projection_carries_public_fields_only(room: Room) -> None:
    service = room.service
    phone = room.phone()
    confession = room.submit(phone, "the text")
    edit(service._store, confession, "the edited text", "what I learned")
    service.execute(Approve(confession))
    service.execute(Project(confession))
    voter = room.phone()
    service.set_agreement(voter, confession, True)
    projection = service.projection()
    assert projection == Projection(
        confession_id=confession,
        text="the edited text",
        learned="what I learned",
        agreement_count=1,
        shown_order=1,
        shown_at=service.item(confession).shown_at,
    )
    assert projection is not None and projection.shown_at is not None  # the timer's start


@pytest.mark.parametrize(
    ("state", "command", "code"),
    [
        (State.APPROVED, Approve, "cannot_approve"),
        (State.SHOWN, Approve, "cannot_approve"),
        (State.SHOWN, SetAside, "cannot_set_aside"),
        (State.SET_ASIDE, SetAside, "cannot_set_aside"),
        (State.INCOMING, Restore, "cannot_restore"),
        (State.APPROVED, Restore, "cannot_restore"),
        (State.SHOWN, Restore, "cannot_restore"),
        (State.INCOMING, Project, "not_approved"),
        (State.SET_ASIDE, Project, "not_approved"),
    ],
)
def test_commands_that_do_not_fit_the_state_are_refused(
    room: Room,
    recorder: Recorder,
    state: State,
    command: Callable[[int], Command],
    code: str,
) -> None:
    service = room.service
    phone = room.phone()
    confession = room.submit(phone)
    if state is not State.INCOMING:
        service.execute(SetAside(confession) if state is State.SET_ASIDE else Approve(confession))
    if state is State.SHOWN:
        service.execute(Project(confession))
    assert room.state(confession) is state
    before = service.items()
    session_before = service.session
    recorder.clear()

    with pytest.raises(CommandRefused) as caught:
        service.execute(command(confession))

    assert caught.value.code == code
    assert caught.value.message
    assert service.items() == before
    assert service.session == session_before
    assert recorder.events == []


@pytest.mark.parametrize("command", [Approve, SetAside, Restore, Project])
def test_commands_on_unknown_confessions_are_refused(
    room: Room, command: Callable[[int], Command]
) -> None:
    refused("unknown_confession", lambda: room.service.execute(command(424242)))
    refused("unknown_confession", lambda: room.service.item(424242))


@pytest.mark.parametrize("command", [Approve, SetAside, Restore, Project])
def test_confessions_of_another_session_are_unknown(
    store: Store,
    bus: EventBus,
    transcripts_dir: Path,
    room: Room,
    command: Callable[[int], Command],
) -> None:
    other = Room(SessionService.start_new(store, bus, transcripts_dir))
    foreign = other.approved(other.phone())
    other.service.execute(SetAside(foreign))
    refused("unknown_confession", lambda: room.service.execute(command(foreign)))
    assert other.state(foreign) is State.SET_ASIDE


# Agreements


def test_one_agreement_per_participant_per_confession(room: Room, recorder: Recorder) -> None:
    service = room.service
    alice, bob, carol = room.phone(), room.phone(), room.phone()
    shown = room.shown(alice)
    recorder.clear()

    assert service.set_agreement(alice, shown, True) == AgreementOutcome(shown, True, 1)
    assert service.set_agreement(alice, shown, True) == AgreementOutcome(shown, True, 1)
    assert service.set_agreement(bob, shown, True) == AgreementOutcome(shown, True, 2)
    assert service.set_agreement(carol, shown, True) == AgreementOutcome(shown, True, 3)
    assert service.set_agreement(bob, shown, True) == AgreementOutcome(shown, True, 3)

    assert service.item(shown).agreement_count == 3
    assert service.has_agreed(alice, shown)
    assert recorder.of(AgreementCountChanged) == [
        AgreementCountChanged(shown, 1),
        AgreementCountChanged(shown, 2),
        AgreementCountChanged(shown, 3),
    ]
    assert len(recorder.events) == 3  # the repeats announce nothing


def test_taking_an_agreement_back(room: Room, recorder: Recorder) -> None:
    service = room.service
    alice, bob = room.phone(), room.phone()
    shown = room.shown(alice)
    service.set_agreement(alice, shown, True)
    service.set_agreement(bob, shown, True)
    recorder.clear()

    assert service.set_agreement(alice, shown, False) == AgreementOutcome(shown, False, 1)
    assert service.set_agreement(alice, shown, False) == AgreementOutcome(shown, False, 1)
    assert not service.has_agreed(alice, shown)
    assert service.has_agreed(bob, shown)
    assert service.set_agreement(alice, shown, True).count == 2
    assert recorder.of(AgreementCountChanged) == [
        AgreementCountChanged(shown, 1),
        AgreementCountChanged(shown, 2),
    ]


def test_taking_back_an_agreement_never_given_changes_nothing(
    room: Room, recorder: Recorder
) -> None:
    phone = room.phone()
    shown = room.shown(phone)
    recorder.clear()
    assert room.service.set_agreement(phone, shown, False) == AgreementOutcome(shown, False, 0)
    assert recorder.events == []


def test_agreements_are_counted_per_confession(room: Room) -> None:
    service = room.service
    alice, bob = room.phone(), room.phone()
    first = room.shown(alice)
    second = room.shown(alice)
    service.set_agreement(alice, first, True)
    service.set_agreement(bob, first, True)
    service.set_agreement(bob, second, True)
    assert service.item(first).agreement_count == 2
    assert service.item(second).agreement_count == 1
    # An earlier shown confession still takes agreement while another is on screen.
    assert service.session.current_item_id == second
    assert service.set_agreement(alice, first, False).count == 1


@pytest.mark.parametrize("state", [State.INCOMING, State.APPROVED, State.SET_ASIDE])
def test_only_shown_confessions_take_agreement(
    room: Room, recorder: Recorder, state: State
) -> None:
    service = room.service
    phone = room.phone()
    confession = room.submit(phone)
    if state is State.APPROVED:
        service.execute(Approve(confession))
    if state is State.SET_ASIDE:
        service.execute(SetAside(confession))
    recorder.clear()
    refused("not_shown", lambda: service.set_agreement(phone, confession, True))
    refused("not_shown", lambda: service.set_agreement(phone, confession, False))
    assert service.item(confession).agreement_count == 0
    assert not service.has_agreed(phone, confession)
    assert recorder.events == []


def test_agreement_on_an_unknown_or_foreign_confession_is_not_shown(
    store: Store, bus: EventBus, transcripts_dir: Path, room: Room
) -> None:
    phone = room.phone()
    other = Room(SessionService.start_new(store, bus, transcripts_dir))
    foreign = other.shown(other.phone())
    refused("not_shown", lambda: room.service.set_agreement(phone, 424242, True))
    refused("not_shown", lambda: room.service.set_agreement(phone, foreign, True))
    assert other.service.item(foreign).agreement_count == 0


# Details


def test_update_details(room: Room, recorder: Recorder) -> None:
    service = room.service
    service.update_details(" Retro ", "What\r\nhappened?", "Same")
    assert (service.session.title, service.session.prompt, service.session.agree_label) == (
        "Retro",
        "What\nhappened?",
        "Same",
    )
    assert recorder.events == [SessionChanged(service.session)]
    recorder.clear()
    refused("title_too_long", lambda: service.update_details("x" * 121, "", "Same"))
    refused("agree_label_forbidden_characters", lambda: service.update_details("t", "", "a\nb"))
    assert service.session.title == "Retro"
    assert recorder.events == []


def test_set_port(service: SessionService, store: Store) -> None:
    service.set_port(8737)
    assert service.session.port == 8737
    assert store.session(service.session.id).port == 8737


# Store failures


def test_a_store_failure_during_submit_is_reported_once_then_recovers(
    room: Room, recorder: Recorder, store: Store
) -> None:
    service = room.service
    phone = room.phone()
    store._db.execute("PRAGMA query_only = ON")

    for n in range(3):
        with pytest.raises(StoreUnavailable):
            service.submit(phone, client_id(n), "not saved")

    assert not service.store_healthy
    health = recorder.of(StoreHealthChanged)
    assert len(health) == 1
    assert health[0].healthy is False
    assert "readonly" in health[0].detail
    assert recorder.kinds() == ["StoreHealthChanged"]  # no ItemAdded
    assert store.received_count(service.session.id) == 0

    store._db.execute("PRAGMA query_only = OFF")
    # The retry of an unacknowledged submission is not a duplicate: nothing was stored.
    outcome = service.submit(phone, client_id(0), "saved now")
    assert not outcome.duplicate
    assert healthy(service)
    assert recorder.kinds() == ["StoreHealthChanged", "StoreHealthChanged", "ItemAdded"]
    assert recorder.of(StoreHealthChanged)[1].healthy is True

    room.submit(phone)
    assert len(recorder.of(StoreHealthChanged)) == 2  # no news while healthy


@pytest.mark.parametrize(
    "action",
    ["join", "approve", "project_next", "blank", "agree", "details", "port", "end"],
)
def test_every_write_raises_unavailable_and_announces_nothing_else(
    room: Room, recorder: Recorder, store: Store, action: str
) -> None:
    service = room.service
    phone = room.phone()
    incoming = room.submit(phone)
    shown = room.shown(phone)
    room.approved(phone)
    before = store.items(service.session.id)
    session_before = service.session
    recorder.clear()
    actions: dict[str, Callable[[], object]] = {
        "join": service.join,
        "approve": lambda: service.execute(Approve(incoming)),
        "project_next": lambda: service.execute(next_up(service)),
        "blank": lambda: service.execute(Blank()),
        "agree": lambda: service.set_agreement(phone, shown, True),
        "details": lambda: service.update_details("t", "p", "l"),
        "port": lambda: service.set_port(1),
        "end": lambda: service.execute(EndSession()),
    }
    store._db.execute("PRAGMA query_only = ON")

    with pytest.raises(StoreUnavailable):
        actions[action]()

    assert recorder.events == [StoreHealthChanged(False, "attempt to write a readonly database")]
    assert store.items(service.session.id) == before
    assert service.session == session_before
    assert service.session.is_open
    assert recorder.of(SessionEnded) == []

    store._db.execute("PRAGMA query_only = OFF")
    actions[action]()
    assert service.store_healthy
    assert recorder.events[1] == StoreHealthChanged(True, "Saving works again.")


def test_a_store_failure_while_ending_can_be_retried(
    room: Room, recorder: Recorder, store: Store, transcripts_dir: Path
) -> None:
    service = room.service
    phone = room.phone()
    room.shown(phone, "shown")
    room.submit(phone, "unshown")
    store._db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreUnavailable):
        service.execute(EndSession())
    assert service.session.is_open
    store._db.execute("PRAGMA query_only = OFF")

    service.execute(EndSession())

    assert service.session.status is SessionStatus.ENDED
    (ended,) = recorder.of(SessionEnded)
    assert all(Path(path).is_file() for path in ended.transcript_paths)
    assert [c.text for c in service.items()] == ["shown"]


def test_a_transcript_that_cannot_be_written_leaves_the_session_open(
    store: Store, bus: EventBus, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the transcripts folder should be")
    service = SessionService.start_new(store, bus, blocked, today=lambda: TODAY)
    recorder = Recorder(bus)
    room = Room(service)
    phone = room.phone()
    token = service.join()
    room.shown(phone, "shown")
    unshown = room.submit(phone, "unshown")

    with pytest.raises(TranscriptNotWritten, match="File exists"):
        service.execute(EndSession())

    # Nothing is lost: the session is still open, nothing was forgotten, and ending it
    # can be tried again once the folder is fixed.
    assert service.session.is_open
    assert store.session(service.session.id).is_open
    assert service.item(unshown).text == "unshown"
    assert service.participant(token)
    assert recorder.of(SessionEnded) == []
    blocked.unlink()
    service.execute(EndSession())
    assert service.session.status is SessionStatus.ENDED
    assert len(recorder.of(SessionEnded)) == 1


# Edited and original text


def test_edited_text_is_what_leaves_the_moderator_view(
    room: Room, store: Store, transcripts_dir: Path
) -> None:
    service = room.service
    phone = room.phone()
    confession = room.submit(phone, "My boss Dana Smith deployed on Friday", "never again")
    edit(store, confession, "My boss deployed on Friday", "Never again.")

    seen = service.item(confession)
    assert (seen.text, seen.learned) == ("My boss deployed on Friday", "Never again.")
    assert (seen.original_text, seen.original_learned) == (
        "My boss Dana Smith deployed on Friday",
        "never again",
    )
    service.execute(Approve(confession))
    service.execute(next_up(service))
    projection = service.projection()
    assert projection is not None
    assert (projection.text, projection.learned) == ("My boss deployed on Friday", "Never again.")

    service.execute(EndSession())
    kept = service.item(confession)
    assert kept.original_text == kept.text == "My boss deployed on Friday"
    assert kept.original_learned == "Never again."
    for path in transcripts_dir.iterdir():
        content = path.read_text(encoding="utf-8")
        assert "My boss deployed on Friday" in content
        assert "Dana Smith" not in content
        assert "never again" not in content


# Ending


def test_end_writes_the_transcript_and_forgets_what_was_never_shown(
    room: Room, recorder: Recorder, store: Store, transcripts_dir: Path
) -> None:
    service = room.service
    alice, bob, carol = room.phone(), room.phone(), room.phone()
    alice_token = service.join()
    first = room.shown(alice, "first")
    second = room.shown(bob, "second")
    room.approved(carol, "queued, never shown")
    room.submit(carol, "still incoming")
    aside = room.submit(bob, "set aside")
    service.execute(SetAside(aside))
    for voter in (alice, bob, carol):
        service.set_agreement(voter, first, True)
    service.set_agreement(carol, second, True)
    recorder.clear()

    service.execute(EndSession())

    session = service.session
    assert session.status is SessionStatus.ENDED
    assert session.ended_on == TODAY.isoformat()
    assert session.current_item_id is None
    assert service.projection() is None
    assert store.session(session.id) == session
    assert store.latest_open_session() is None

    (ended,) = recorder.of(SessionEnded)
    assert recorder.kinds() == ["ProjectionChanged", "SessionChanged", "SessionEnded"]
    assert recorder.events[0] == ProjectionChanged(None)
    assert recorder.events[1] == SessionChanged(session)
    assert ended.session == session
    markdown, json_file = (Path(path) for path in ended.transcript_paths)
    assert markdown.parent == transcripts_dir
    assert markdown.name == f"2024-05-17-never-waste-a-mistake-{session.id}.md"
    assert json_file.name == f"2024-05-17-never-waste-a-mistake-{session.id}.json"
    document = json.loads(json_file.read_text(encoding="utf-8"))
    assert [c["text"] for c in document["confessions"]] == ["first", "second"]
    assert [c["agreements"] for c in document["confessions"]] == [3, 1]
    assert document["totals"] == {
        "received": 5,
        "shown": 2,
        "removed": 0,
        "withdrawn": 0,
        "merged": 0,
        "set_aside": 1,
        "agreements": 4,
        "phones_joined": 4,
    }
    assert "queued, never shown" not in markdown.read_text(encoding="utf-8")

    remaining = service.items()
    assert [(c.id, c.agreement_count) for c in remaining] == [(first, 3), (second, 1)]
    assert service.phones_joined() == 0
    rows = store._db.execute("SELECT COUNT(*) FROM agreements").fetchone()[0]
    assert rows == 0
    refused("session_ended", lambda: service.participant(alice_token))


def test_ending_an_empty_session(service: SessionService, recorder: Recorder) -> None:
    service.execute(EndSession())
    (ended,) = recorder.of(SessionEnded)
    assert all(Path(path).is_file() for path in ended.transcript_paths)
    assert service.items() == []


def test_the_end_date_comes_from_the_clock(
    store: Store, bus: EventBus, transcripts_dir: Path
) -> None:
    days = iter([date(2024, 5, 17), date(2024, 5, 18)])
    service = SessionService.start_new(store, bus, transcripts_dir, today=lambda: next(days))
    service.execute(EndSession())
    assert service.session.created_on == "2024-05-17"
    assert service.session.ended_on == "2024-05-18"


def ended_room(room: Room) -> tuple[int, int, int, str]:
    service = room.service
    phone = room.phone()
    token = service.join()
    shown = room.shown(phone)
    incoming = room.submit(phone)
    service.execute(EndSession())
    return phone, shown, incoming, token


@pytest.mark.parametrize(
    "command",
    [
        lambda shown, incoming: Approve(incoming),
        lambda shown, incoming: SetAside(incoming),
        lambda shown, incoming: Restore(incoming),
        lambda shown, incoming: Project(shown),
        lambda shown, incoming: ProjectNext(shown),
        lambda shown, incoming: Blank(),
        lambda shown, incoming: EndSession(),
    ],
    ids=["approve", "set_aside", "restore", "project", "project_next", "blank", "end_session"],
)
def test_every_command_after_the_end_is_refused(
    room: Room, recorder: Recorder, command: Callable[[int, int], Command]
) -> None:
    _, shown, incoming, _ = ended_room(room)
    recorder.clear()
    refused("session_ended", lambda: room.service.execute(command(shown, incoming)))
    assert recorder.events == []


def test_participants_cannot_act_after_the_end(room: Room, recorder: Recorder) -> None:
    service = room.service
    phone, shown, _, token = ended_room(room)
    recorder.clear()
    refused("session_ended", service.join)
    refused("session_ended", lambda: service.submit(phone, client_id(99), "late"))
    refused("session_ended", lambda: service.set_agreement(phone, shown, True))
    refused("session_ended", lambda: service.update_details("t", "p", "l"))
    refused("session_ended", lambda: service.participant(token))
    assert recorder.events == []


def test_an_ended_session_cannot_be_resumed_into_activity(
    store: Store, bus: EventBus, transcripts_dir: Path, room: Room
) -> None:
    ended_room(room)
    resumed = SessionService.resume(
        store, bus, store.session(room.service.session.id), transcripts_dir
    )
    refused("session_ended", resumed.join)
    refused("session_ended", lambda: resumed.execute(EndSession()))


# A whole session, start to end, on disk


def test_a_whole_session_on_disk(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    bus = EventBus()
    recorder = Recorder(bus)
    service = SessionService.start_new(
        store, bus, tmp_path / "transcripts", title="Friday retro", today=lambda: TODAY
    )
    try:
        room = Room(service)
        phones = [room.phone() for _ in range(6)]
        ids = [room.submit(phone, f"mistake {n}") for n, phone in enumerate(phones)]
        for confession in ids[:4]:
            service.execute(Approve(confession))
        service.execute(SetAside(ids[4]))
        for round_, confession in enumerate(ids[:3]):
            service.execute(next_up(service))
            assert service.session.current_item_id == confession
            for phone in phones[: round_ + 2]:
                service.set_agreement(phone, confession, True)
        service.execute(Project(ids[0]))
        service.set_agreement(phones[5], ids[0], True)
        service.execute(EndSession())
        confessions: list[Item] = service.items()
        assert [(c.id, c.shown_order, c.agreement_count) for c in confessions] == [
            (ids[0], 1, 3),
            (ids[1], 2, 3),
            (ids[2], 3, 4),
        ]
    finally:
        store.close()
    (ended,) = recorder.of(SessionEnded)
    document = json.loads(Path(ended.transcript_paths[1]).read_text(encoding="utf-8"))
    assert document["title"] == "Friday retro"
    assert document["totals"] == {
        "received": 6,
        "shown": 3,
        "removed": 0,
        "withdrawn": 0,
        "merged": 0,
        "set_aside": 1,
        "agreements": 10,
        "phones_joined": 6,
    }


def test_the_next_session_starts_once_this_one_has_ended(
    store: Store, bus: EventBus, recorder: Recorder, tmp_path: Path
) -> None:
    service = SessionService.start_new(store, bus, tmp_path / "t", today=lambda: TODAY)
    service.update_details("Retro", "What went wrong?", "Me too")
    service.set_port(8737)
    token = service.join()
    refused("session_open", service.start_next)
    first = service.session
    service.execute(EndSession())
    recorder.clear()
    service.start_next()
    second = service.session
    assert second.id != first.id and second.is_open
    assert (second.title, second.prompt, second.agree_label) == (
        "Retro",
        "What went wrong?",
        "Me too",
    )
    assert (second.port, second.moderator_secret) == (8737, first.moderator_secret)
    assert service.items() == []
    assert recorder.kinds() == ["SessionStarted"]
    assert store.latest_open_session() == second
    with pytest.raises(UnknownParticipant):
        service.participant(token)  # the last session's phones join the new one afresh
