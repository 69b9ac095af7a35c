"""A session's set-up: one command that checks it whole, warm-ups the facilitator
prepared, a prepared session applied at once, and the form's limits held by the host."""

from __future__ import annotations

import msgspec
import pytest

from facilitator.core import rules
from facilitator.core.events import ItemAdded, SessionChanged
from facilitator.core.model import ItemState
from facilitator.core.setup import SessionSetup, WarmUp, house_rules_text
from facilitator.core.setup_file import PreparedSession
from facilitator.protocol.commands import (
    AddWarmUp,
    ApplySetup,
    EndSession,
    SetOrganisersRecord,
    SetUnshownRecord,
)
from tests.core.helpers import Recorder, Room, client_id, refused

GERMAN_SETUP = ApplySetup(
    title="Fehlerkultur",
    prompt="Welcher Fehler hat dich\nam meisten gelehrt?",
    agree_label="Kenne ich",
    house_rules="Keine Namen.\nKein Whistleblowing-Kanal.",
    max_length=400,
    offer_lesson=False,
    language="de",
    accent="#1A7F64",
    logo="",
)


def test_the_set_up_is_applied_whole_and_published(room: Room, recorder: Recorder) -> None:
    room.service.execute(GERMAN_SETUP)
    session = room.service.session
    assert (session.title, session.prompt, session.agree_label) == (
        "Fehlerkultur",
        "Welcher Fehler hat dich\nam meisten gelehrt?",
        "Kenne ich",
    )
    assert session.house_rules == "Keine Namen.\nKein Whistleblowing-Kanal."
    assert (session.max_length, session.offer_lesson, session.language) == (400, False, "de")
    assert session.accent == "#1a7f64"
    assert recorder.of(SessionChanged)[-1].session == session
    assert SessionSetup.of(session).max_length == 400


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"title": ""}, "title_empty"),
        ({"house_rules": "x" * (rules.MAX_HOUSE_RULES_CHARS + 1)}, "house_rules_too_long"),
        ({"max_length": 99}, "max_length_out_of_range"),
        ({"max_length": 1001}, "max_length_out_of_range"),
        ({"accent": "red"}, "accent_malformed"),
        ({"prompt": "a\u202eb"}, "prompt_forbidden_characters"),
    ],
)
def test_a_set_up_that_breaks_a_rule_changes_nothing(
    room: Room, change: dict[str, object], code: str
) -> None:
    before = room.service.session
    refused(code, lambda: room.service.execute(msgspec.structs.replace(GERMAN_SETUP, **change)))
    assert room.service.session == before


def test_blank_house_rules_are_the_default_template_with_the_record_announced(
    room: Room,
) -> None:
    room.service.execute(msgspec.structs.replace(GERMAN_SETUP, house_rules="  \n "))
    assert room.service.session.house_rules is None
    assert house_rules_text(room.service.session) == rules.DEFAULT_HOUSE_RULES
    room.service.execute(SetUnshownRecord(keep=True))
    room.service.execute(SetOrganisersRecord(keep=True))
    lines = house_rules_text(room.service.session).splitlines()
    assert lines[-2].startswith("Approved confessions there is no time to show")
    assert lines[-1].startswith("Confessions for the organisers only")


def test_the_host_holds_the_forms_limits(room: Room) -> None:
    room.service.execute(GERMAN_SETUP)
    phone = room.phone()
    refused("text_too_long", lambda: room.submit(phone, "x" * 401))
    refused("learned_not_offered", lambda: room.submit(phone, "A mistake.", "A lesson."))
    assert room.state(room.submit(phone, "x" * 400)) is ItemState.INCOMING


def test_warm_ups_go_first_into_up_next_with_no_author(room: Room, recorder: Recorder) -> None:
    room.service.execute(AddWarmUp("I once emailed the whole company <by mistake> & more.", ""))
    room.service.execute(AddWarmUp("I skipped the backups.", "Test the restore."))
    queue = [item.text for item in room.service.items() if item.state is ItemState.APPROVED]
    assert queue == [
        "I once emailed the whole company <by mistake> & more.",
        "I skipped the backups.",
    ]
    assert [event.item.learned for event in recorder.of(ItemAdded)] == ["", "Test the restore."]
    # A warm-up is not the room's: what the record keeps can still be chosen.
    room.service.execute(SetUnshownRecord(keep=True))
    refused("text_empty", lambda: room.service.execute(AddWarmUp("   ")))


def test_a_prepared_session_sets_the_record_choices_then_the_set_up_and_warm_ups(
    room: Room,
) -> None:
    prepared = PreparedSession(
        SessionSetup(title="Fail night", house_rules="Be kind."),
        (WarmUp("I went first."),),
        unshown_record=True,
        organisers_record=True,
    )
    room.service.prepare(prepared)
    session = room.service.session
    assert (session.title, session.house_rules) == ("Fail night", "Be kind.")
    assert session.unshown_record and session.organisers_record
    assert [item.text for item in room.service.items()] == ["I went first."]


def test_the_next_session_keeps_the_set_up(room: Room) -> None:
    room.service.execute(GERMAN_SETUP)
    room.service.execute(EndSession())
    room.service.start_next()
    assert SessionSetup.of(room.service.session) == SessionSetup(
        "Fehlerkultur",
        "Welcher Fehler hat dich\nam meisten gelehrt?",
        "Kenne ich",
        "Keine Namen.\nKein Whistleblowing-Kanal.",
        400,
        False,
        "de",
        "#1a7f64",
    )


def test_a_duplicate_of_a_sent_confession_is_still_taken_under_the_new_limit(room: Room) -> None:
    phone = room.phone()
    text = "x" * 600
    first = room.service.submit(phone, client_id(1), text)
    room.service.execute(GERMAN_SETUP)
    again = room.service.submit(phone, client_id(1), text)  # a retry of what was acknowledged
    assert again.duplicate and again.confession_id == first.confession_id
