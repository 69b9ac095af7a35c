"""A participant takes back their own confession until it has been on the screen."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from facilitator.core.errors import CommandRefused
from facilitator.core.events import EventBus, ItemWithdrawn, RoomChanged, UndoChanged
from facilitator.core.model import ItemState
from facilitator.core.session import SessionService
from facilitator.core.store import DATABASE_NAME, Store
from facilitator.protocol.commands import Approve, EndSession, Remove, SetAside, Undo
from tests.core.helpers import Recorder, Room, client_id, undo


@pytest.mark.parametrize("lane", [ItemState.INCOMING, ItemState.APPROVED, ItemState.SET_ASIDE])
def test_an_unshown_confession_is_withdrawn_from_any_lane(
    service: SessionService, room: Room, recorder: Recorder, lane: ItemState
) -> None:
    author = room.phone()
    item_id = room.submit(author, "I told the whole team about a colleague's illness.")
    if lane is ItemState.APPROVED:
        service.execute(Approve(item_id))
    if lane is ItemState.SET_ASIDE:
        service.execute(SetAside(item_id))
    recorder.clear()

    service.withdraw(author, client_id(1))

    assert service.items() == []
    assert service.session.withdrawn_count == 1
    assert recorder.of(ItemWithdrawn) == [ItemWithdrawn(item_id)]


def test_once_shown_it_cannot_be_withdrawn(service: SessionService, room: Room) -> None:
    author = room.phone()
    shown = room.shown(author)
    with pytest.raises(CommandRefused) as refused:
        service.withdraw(author, client_id(1))
    assert refused.value.code == "already_shown"

    service.execute(Remove(shown))  # out of the record: still shown once
    with pytest.raises(CommandRefused):
        service.withdraw(author, client_id(1))
    assert service.session.withdrawn_count == 0


def test_one_replied_to_cannot_be_withdrawn_though_its_showing_was_undone(
    service: SessionService, room: Room
) -> None:
    """Replies come only to a confession on the screen; taking it back then would take
    the room's acknowledged replies with it."""
    author, replier = room.phone(), room.phone()
    shown = room.shown(author, "I pushed to main.")
    outcome = service.submit_reply(replier, "client-reply-1", shown, "Branch protection.")
    assert outcome.confession_id is not None
    undo(service)  # off the screen again, never shown
    assert service.item(shown).shown_order is None
    with pytest.raises(CommandRefused) as refused:
        service.withdraw(author, client_id(1))
    assert refused.value.code == "already_shown"
    assert {item.id for item in service.items()} == {shown, outcome.confession_id}


def test_only_the_author_can_withdraw_and_a_retry_changes_nothing(
    service: SessionService, room: Room
) -> None:
    author, other = room.phone(), room.phone()
    item_id = room.submit(author, "I skipped the code review.")

    service.withdraw(other, client_id(1))  # another phone's client ids name nothing of theirs
    assert [item.id for item in service.items()] == [item_id]

    service.withdraw(author, client_id(1))
    service.withdraw(author, client_id(1))  # the answer was lost: the phone asks again
    assert service.items() == []
    assert service.session.withdrawn_count == 1


def test_a_waiting_confession_is_withdrawn_before_it_reaches_a_lane(
    service: SessionService, room: Room, recorder: Recorder
) -> None:
    author = room.phone()
    service.submit(author, client_id(7), "Sent too fast", may_enter=lambda _: False)
    recorder.clear()

    service.withdraw(author, client_id(7))

    assert service.room().waiting == 0
    assert service.release_waiting(lambda _: True) == 0
    assert recorder.of(RoomChanged)[-1].room.waiting == 0
    assert service.session.withdrawn_count == 1


def test_undo_forgets_what_concerned_a_withdrawn_confession(
    service: SessionService, room: Room, bus: EventBus
) -> None:
    author = room.phone()
    kept = room.submit(author, "I deployed on a Friday.")
    withdrawn = room.submit(author, "I shared a password.")
    service.execute(Approve(kept))
    service.execute(Approve(withdrawn))
    undo = Recorder(bus, with_undo=True)

    service.withdraw(author, client_id(2))

    last = service.last_undo_step()
    assert last is not None and last.item_id == kept
    assert undo.of(UndoChanged)[-1].step == last
    service.execute(Undo(last.id))
    assert service.item(kept).state is ItemState.INCOMING


def test_the_withdrawn_text_leaves_the_data_file(tmp_path: Path, file_store: Store) -> None:
    service = SessionService.start_new(file_store, EventBus(), tmp_path / "t")
    author = service.participant(service.join())
    secret = "Zebra-crossing-7731 was my mistake"
    service.submit(author, client_id(1), secret)

    service.withdraw(author, client_id(1))

    file_store.close()
    database = tmp_path / "data" / DATABASE_NAME
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in (tmp_path / "data").glob(f"{DATABASE_NAME}*"):
        assert secret.encode() not in path.read_bytes(), path.name


def test_the_record_counts_what_was_withdrawn_or_still_waiting(
    service: SessionService, room: Room, transcripts_dir: Path
) -> None:
    author = room.phone()
    room.shown(author, "I deployed on a Friday.")  # client 1
    room.submit(author, "Taken back.")  # client 2
    service.submit(author, client_id(9), "Still waiting at the end", may_enter=lambda _: False)
    service.withdraw(author, client_id(2))

    service.execute(EndSession())

    [record] = transcripts_dir.glob("*.json")
    totals = json.loads(record.read_text(encoding="utf-8"))["totals"]
    assert (totals["received"], totals["shown"], totals["withdrawn"]) == (3, 1, 1)
