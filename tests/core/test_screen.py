"""The room's screen: slides between confessions, a content note that warns first and
hides the count, the projector's look, the timers' clock, and the closing slide's
summary."""

from __future__ import annotations

from facilitator.core.events import ItemChanged, ProjectionChanged, SessionChanged
from facilitator.protocol.commands import (
    Blank,
    EndSession,
    Project,
    Remove,
    SetAside,
    SetContentNote,
    SetProjector,
    ShowSlide,
)
from tests.core.helpers import Recorder, Room, refused, undo


def test_a_slide_takes_the_confession_off_and_undo_puts_it_back(
    room: Room, recorder: Recorder
) -> None:
    service = room.service
    assert service.session.slide == "join"
    shown = room.shown(room.phone(), "I ignored the alert.")
    recorder.clear()
    service.execute(ShowSlide("break"))
    assert service.projection() is None
    assert service.session.slide == "break"
    assert recorder.kinds() == ["ProjectionChanged", "SessionChanged"]
    undo(service)
    projection = service.projection()
    assert projection is not None and projection.confession_id == shown
    service.execute(ShowSlide("black"))
    service.execute(Project(shown))  # a confession on screen: the slide is join again
    assert service.session.slide == "join"
    service.execute(Blank())
    assert (service.projection(), service.session.slide) == (None, "join")


def test_a_slide_with_nothing_on_screen_leaves_no_undo_step(room: Room) -> None:
    room.service.execute(ShowSlide("closing"))
    assert room.service.session.slide == "closing"
    assert room.service.last_undo_step() is None


def test_a_content_note_is_on_the_projection_and_on_the_item(
    room: Room, recorder: Recorder
) -> None:
    service = room.service
    shown = room.shown(room.phone(), "Something heavy.")
    recorder.clear()
    service.execute(SetContentNote(shown, noted=True))
    assert service.item(shown).content_note
    phone = room.phone()
    assert service.set_agreement(phone, shown, True).count_hidden  # the phone is told 0
    projection = recorder.of(ProjectionChanged)[-1].projection
    assert projection is not None and projection.content_note
    assert recorder.of(ItemChanged)[-1].item.content_note
    recorder.clear()
    service.execute(SetContentNote(shown, noted=True))  # as it is: nothing happens
    assert recorder.events == []
    service.execute(SetContentNote(shown, noted=False))
    assert not service.set_agreement(phone, shown, True).count_hidden


def test_a_reply_carries_no_content_note(room: Room) -> None:
    phone = room.phone()
    shown = room.shown(phone)
    outcome = room.service.submit_reply(phone, "client-reply-01", shown, "Sleep on it.")
    assert outcome.confession_id is not None
    refused(
        "not_a_confession",
        lambda: room.service.execute(SetContentNote(outcome.confession_id or 0, noted=True)),
    )


def test_the_projectors_look_is_the_sessions(room: Room, recorder: Recorder) -> None:
    session = room.service.session
    assert (session.projector_theme, session.projector_corner_qr, session.projector_timer) == (
        "dark",
        True,
        False,
    )
    room.service.execute(SetProjector("light", corner_qr=False, timer=True))
    session = recorder.of(SessionChanged)[-1].session
    assert (session.projector_theme, session.projector_corner_qr, session.projector_timer) == (
        "light",
        False,
        True,
    )


def test_the_timers_count_from_the_start_and_from_each_showing(room: Room) -> None:
    assert room.service.session.started_at is not None
    assert room.service.session.started_at.endswith("+00:00")
    shown = room.shown(room.phone())
    projection = room.service.projection()
    assert projection is not None and projection.shown_at == room.service.item(shown).shown_at
    started = room.service.session.started_at
    assert projection.shown_at is not None and projection.shown_at >= started


def test_the_closing_summary_counts_and_names_the_most_shared_never_a_noted_one(
    room: Room,
) -> None:
    service = room.service
    phones = [room.phone() for _ in range(4)]
    texts = ["Shared by three.", "Shared by two.", "Noted, shared by four.", "Shared by none."]
    shown = [room.shown(phones[0], text) for text in texts]
    for confession, voters in zip(shown, (3, 2, 4, 0), strict=True):
        for phone in phones[:voters]:
            service.set_agreement(phone, confession, True)
    service.execute(SetContentNote(shown[2], noted=True))
    service.execute(SetAside(room.submit(phones[1], "Set aside.")))
    removed = room.shown(phones[2], "Removed.")
    service.execute(Remove(removed))
    room.submit(phones[3], "Still incoming.")
    summary = service.closing_summary()
    assert (summary.received, summary.shown, summary.set_aside, summary.removed) == (7, 4, 1, 1)
    assert summary.most_shared == (("Shared by three.", 3), ("Shared by two.", 2))
    service.execute(EndSession())
    ended = service.closing_summary()
    assert (ended.received, ended.shown, ended.set_aside, ended.removed) == (7, 4, 1, 1)
    assert ended.most_shared == summary.most_shared
