"""Confessions for the organisers only: a lane of their own, never on screen, and in the
record only if the session said so before the first confession."""

from __future__ import annotations

import json
import sqlite3
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.errors import DomainError, TranscriptNotWritten
from facilitator.core.events import EventBus, ItemAdded, ItemChanged, SessionChanged
from facilitator.core.model import ItemState
from facilitator.core.session import SessionService
from facilitator.core.store import DATABASE_NAME, Store
from facilitator.protocol.commands import (
    Approve,
    ApproveMany,
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
    SetOrganisersRecord,
    Undo,
)
from tests.core.helpers import Recorder, Room, client_id, refused

State = ItemState


def for_organisers(
    service: SessionService, phone: int, n: int, text: str, learned: str = ""
) -> int:
    outcome = service.submit(phone, client_id(n), text, learned, for_organisers=True)
    assert outcome.confession_id is not None
    return outcome.confession_id


def test_an_organisers_only_confession_lands_in_its_own_lane(
    room: Room, recorder: Recorder
) -> None:
    service = room.service
    item_id = for_organisers(service, room.phone(), 100, "The venue's fire exit was locked.")
    item = service.item(item_id)
    assert (item.state, item.queue_position, item.shown_order) == (
        State.FOR_ORGANISERS,
        None,
        None,
    )
    assert recorder.of(ItemAdded) == [ItemAdded(item)]
    assert service.queue_head() is None


def test_every_command_that_could_put_it_on_screen_is_refused(room: Room) -> None:
    service = room.service
    phone = room.phone()
    item_id = for_organisers(service, phone, 100, "For you only.")
    queued = room.approved(phone)
    other = room.submit(phone)
    step = service.last_undo_step()
    version = service.item(item_id).version
    attempts: dict[str, list[SessionCommand]] = {
        "cannot_approve": [Approve(item_id), ApproveMany((item_id,))],
        "cannot_set_aside": [SetAside(item_id), SetAsideMany((item_id,))],
        "cannot_restore": [Restore(item_id)],
        "not_approved": [Project(item_id)],
        "queue_changed": [ProjectNext(item_id), Move(queued, item_id)],
        "not_queued": [Move(item_id, None), Move(item_id, queued), MoveToTop(item_id)],
        "cannot_merge": [
            Merge(item_id, (other,), version, "merged", ""),
            Merge(other, (item_id,), service.item(other).version, "merged", ""),
        ],
        "cannot_remove": [Remove(item_id)],
    }
    for code, commands in attempts.items():
        for command in commands:
            refused(code, partial(service.execute, command))
    refused("not_shown", lambda: service.set_agreement(phone, item_id, True))
    assert service.item(item_id).state is State.FOR_ORGANISERS
    assert service.projection() is None
    assert service.last_undo_step() == step


def test_it_can_be_edited_to_redact_and_the_edit_undone(room: Room) -> None:
    service = room.service
    item_id = for_organisers(service, room.phone(), 100, "Ask Dana about the budget.")
    service.execute(Edit(item_id, 1, "Ask [...] about the budget.", ""))
    edited = service.item(item_id)
    assert (edited.text, edited.state) == ("Ask [...] about the budget.", State.FOR_ORGANISERS)
    step = service.last_undo_step()
    assert step is not None
    service.execute(Undo(step.id))
    assert service.item(item_id).text == "Ask Dana about the budget."
    assert service.item(item_id).state is State.FOR_ORGANISERS


def test_one_sent_too_fast_or_held_for_a_batch_reaches_its_own_lane(room: Room) -> None:
    service = room.service
    phone = room.phone()
    paced = service.submit(phone, client_id(1), "paced", for_organisers=True, may_enter=no)
    assert paced.confession_id is None
    assert service.release_waiting(lambda _: True) == 1
    service.execute(SetBatching("on"))
    held = service.submit(phone, client_id(2), "held", for_organisers=True)
    assert held.confession_id is None
    assert service.release_batch(lambda ids: None) == 1
    assert [(i.text, i.state) for i in service.items()] == [
        ("paced", State.FOR_ORGANISERS),
        ("held", State.FOR_ORGANISERS),
    ]


def no(_: int) -> bool:
    return False


# Whether they go into the record


def test_the_record_choice_is_made_before_the_first_confession(
    room: Room, recorder: Recorder
) -> None:
    service = room.service
    service.execute(SetOrganisersRecord(True))
    assert service.session.organisers_record
    assert recorder.of(SessionChanged)[-1].session.organisers_record
    service.execute(SetOrganisersRecord(False))
    service.execute(SetOrganisersRecord(True))
    room.submit(room.phone())
    refused("too_late", lambda: service.execute(SetOrganisersRecord(False)))
    service.execute(SetOrganisersRecord(True))  # what it is already: nothing to refuse
    assert service.session.organisers_record


@pytest.mark.parametrize("how", ["paced", "held", "organisers"])
def test_the_record_choice_is_too_late_once_one_waits(room: Room, how: str) -> None:
    service = room.service
    phone = room.phone()
    if how == "held":
        service.execute(SetBatching("on"))
    service.submit(
        phone,
        client_id(1),
        "waiting",
        for_organisers=how == "organisers",
        may_enter=no if how != "held" else (lambda _: True),
    )
    assert service.items() == []
    refused("too_late", lambda: service.execute(SetOrganisersRecord(True)))
    assert not service.session.organisers_record


def record(transcripts_dir: Path) -> tuple[dict[str, Any], str]:
    [path] = transcripts_dir.glob("*.json")
    return json.loads(path.read_text(encoding="utf-8")), path.with_suffix(".md").read_text(
        encoding="utf-8"
    )


def test_kept_they_are_in_a_section_of_the_record_with_those_still_waiting(
    room: Room, transcripts_dir: Path
) -> None:
    service = room.service
    service.execute(SetOrganisersRecord(True))
    phone = room.phone()
    room.shown(phone, "Shown to the room")
    first = for_organisers(service, phone, 101, "The Wi-Fi named Dana's laptop.", "Rename it")
    service.execute(Edit(first, 1, "The Wi-Fi named [...]'s laptop.", "Rename it"))
    for_organisers(service, phone, 102, "The coffee ran out at ten.")
    # Still waiting at the end: one sent too fast, one held for a batch.
    service.submit(phone, client_id(103), "WAITING paced", for_organisers=True, may_enter=no)
    service.execute(SetBatching("on"))
    service.submit(room.phone(), client_id(104), "WAITING held", for_organisers=True)
    service.submit(room.phone(), client_id(105), "NOT-FOR-ORGANISERS held")

    service.execute(EndSession())

    document, markdown = record(transcripts_dir)
    assert document["for_organisers"] == [
        {"text": "The Wi-Fi named [...]'s laptop.", "learned": "Rename it"},
        {"text": "The coffee ran out at ten.", "learned": ""},
        {"text": "WAITING paced", "learned": ""},
        {"text": "WAITING held", "learned": ""},
    ]
    assert "## For the organisers\n" in markdown
    assert "- The Wi-Fi named \\[...\\]'s laptop.  \n  *What I learned:* Rename it" in markdown
    assert "WAITING held" in markdown
    assert "Dana" not in markdown + json.dumps(document)  # the edit, never the original
    assert "NOT-FOR-ORGANISERS" not in markdown + json.dumps(document)
    assert [c["text"] for c in document["confessions"]] == ["Shown to the room"]


def test_not_kept_they_are_forgotten_at_the_end(
    tmp_path: Path, file_store: Store, room: Room
) -> None:
    service = SessionService.start_new(file_store, room.service.bus, tmp_path / "transcripts")
    room = Room(service)
    phone = room.phone()
    room.shown(phone, "Shown to the room")
    secret = "Zebra-7731 organisers only"
    for_organisers(service, phone, 101, secret)
    service.submit(phone, client_id(102), "Zebra-7731 waiting", for_organisers=True, may_enter=no)

    service.execute(EndSession())

    assert [item.state for item in service.items()] == [State.SHOWN]
    document, markdown = record(tmp_path / "transcripts")
    assert document["for_organisers"] is None
    assert "For the organisers" not in markdown
    assert "Zebra" not in markdown + json.dumps(document)
    file_store.close()
    database = tmp_path / "data" / DATABASE_NAME
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in (tmp_path / "data").glob(f"{DATABASE_NAME}*"):
        assert b"Zebra-7731" not in path.read_bytes(), path.name


def test_kept_with_none_sent_the_section_says_so(room: Room, transcripts_dir: Path) -> None:
    service = room.service
    service.execute(SetOrganisersRecord(True))
    service.execute(EndSession())
    document, markdown = record(transcripts_dir)
    assert document["for_organisers"] == []
    assert "## For the organisers\n" in markdown
    assert "None was sent." in markdown


def test_an_organisers_confession_may_be_withdrawn(room: Room, recorder: Recorder) -> None:
    service = room.service
    phone = room.phone()
    item_id = for_organisers(service, phone, 1, "Taken back")
    service.withdraw(phone, client_id(1))
    assert service.items() == []
    assert service.session.withdrawn_count == 1
    with pytest.raises(DomainError):
        service.item(item_id)
    assert recorder.of(ItemChanged) == []


def test_those_let_in_for_the_record_are_announced_even_if_the_record_fails(
    store: Store, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the transcripts folder should be")
    bus = EventBus()
    service = SessionService.start_new(store, bus, blocked)
    recorder = Recorder(bus)
    service.execute(SetOrganisersRecord(True))
    phone = service.participant(service.join())
    service.submit(phone, client_id(1), "waiting at the end", for_organisers=True, may_enter=no)

    with pytest.raises(TranscriptNotWritten):
        service.execute(EndSession())

    # The session stays open with the waiting one in its lane now: moderators see it.
    [item] = service.items()
    assert item.state is State.FOR_ORGANISERS
    assert recorder.of(ItemAdded) == [ItemAdded(item)]
    blocked.unlink()
    service.execute(EndSession())
    assert [i.text for i in service.items()] == ["waiting at the end"]
