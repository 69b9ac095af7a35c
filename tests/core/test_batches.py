"""Timing privacy: new confessions held and let into Incoming in shuffled batches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.core.batches import (
    AT_LEAST,
    AUTO_BATCH_PHONES,
    LONGEST_HOLD_SECONDS,
    batch_due,
    batching_active,
)
from facilitator.core.events import ItemAdded, RoomChanged, SessionChanged
from facilitator.core.model import ItemState, Room, SubmitOutcome
from facilitator.core.session import SessionService
from facilitator.protocol.commands import EndSession, SetBatching
from tests.core.helpers import Recorder, client_id


def test_batching_is_on_off_or_on_in_rooms_of_more_than_thirty_phones() -> None:
    assert batching_active("on", 0)
    assert not batching_active("off", 10_000)
    assert not batching_active("auto", AUTO_BATCH_PHONES)
    assert batching_active("auto", AUTO_BATCH_PHONES + 1)
    assert AUTO_BATCH_PHONES == 30


@pytest.mark.parametrize(
    ("held", "seconds", "active", "due"),
    [
        (0, 1000.0, True, False),  # nothing to let in
        (0, 0.0, False, False),
        (1, 0.0, False, True),  # batching went off: at once
        (AT_LEAST - 1, 0.0, True, False),
        (AT_LEAST - 1, LONGEST_HOLD_SECONDS - 0.1, True, False),
        (AT_LEAST, 0.0, True, True),
        (1, LONGEST_HOLD_SECONDS, True, True),  # a quiet room's are not held for ever
    ],
)
def test_a_batch_is_due_once_enough_wait_or_the_oldest_waited_long_enough(
    held: int, seconds: float, active: bool, due: bool
) -> None:
    assert batch_due(held, seconds, active=active) is due


@pytest.fixture
def batching(service: SessionService) -> SessionService:
    service.execute(SetBatching("on"))
    return service


def phone(service: SessionService) -> int:
    return service.participant(service.join())


def test_while_batching_a_confession_is_held_and_nothing_tells_of_it(
    batching: SessionService, recorder: Recorder
) -> None:
    service = batching
    author = phone(service)
    recorder.clear()

    outcome = service.submit(author, client_id(1), "I replied all.")

    assert outcome == SubmitOutcome(None, duplicate=False)
    assert service.items() == []
    assert recorder.events == []  # no ItemAdded, and no RoomChanged: a held one is not said
    assert service.room() == Room(0, 0, waiting=0, batching=True)
    assert service.held_count() == 1
    # Sent again (the answer was lost): known, still held.
    assert service.submit(author, client_id(1), "I replied all.") == SubmitOutcome(None, True)
    assert service.held_count() == 1


def test_a_batch_goes_in_in_the_order_the_shuffle_leaves_it(
    batching: SessionService, recorder: Recorder
) -> None:
    service = batching
    texts = ["first sent", "second sent", "third sent"]
    for n, text in enumerate(texts, start=1):
        service.submit(phone(service), client_id(n), text)
    seen: list[list[int]] = []

    def shuffle(ids: list[int]) -> None:
        seen.append(list(ids))
        ids[:] = [ids[2], ids[0], ids[1]]

    recorder.clear()
    assert service.release_batch(shuffle) == 3

    assert len(seen) == 1 and seen[0] == sorted(seen[0])  # the held ones, oldest first
    items = service.items()
    assert [item.text for item in items] == ["third sent", "first sent", "second sent"]
    assert [item.id for item in items] == sorted(item.id for item in items)
    assert all(item.state is ItemState.INCOMING for item in items)
    assert [event.item.text for event in recorder.of(ItemAdded)] == [
        "third sent",
        "first sent",
        "second sent",
    ]
    assert recorder.of(RoomChanged) == []
    assert service.held_count() == 0
    assert service.release_batch(lambda ids: None) == 0


def test_confessions_sent_too_fast_are_still_paced_while_batching(
    batching: SessionService, recorder: Recorder
) -> None:
    service = batching
    flooder = phone(service)
    recorder.clear()

    service.submit(flooder, client_id(1), "too fast", may_enter=lambda _: False)
    # Another from the same phone waits behind it, even if the pace would let it in.
    service.submit(flooder, client_id(2), "behind it")

    assert service.room() == Room(0, 0, waiting=2, batching=True)
    assert [event.room.waiting for event in recorder.of(RoomChanged)] == [1, 2]
    assert service.held_count() == 0
    assert service.release_batch(lambda ids: None) == 0  # not a batch's to let in
    # Its turn comes: while batching it joins the next batch rather than Incoming (its
    # moment would otherwise tell whose it is), and the one behind it keeps waiting.
    assert service.release_waiting(lambda _: True) == 1
    assert service.items() == []
    assert service.held_count() == 1
    assert service.room().waiting == 1
    assert service.release_batch(lambda ids: None) == 1
    assert [item.text for item in service.items()] == ["too fast"]
    service.execute(SetBatching("off"))
    assert service.release_waiting(lambda _: True) == 1  # batching off: straight in
    assert [item.text for item in service.items()] == ["too fast", "behind it"]


def test_without_batching_a_confession_goes_straight_in(service: SessionService) -> None:
    service.execute(SetBatching("off"))
    for _ in range(AUTO_BATCH_PHONES + 5):
        service.join()
    outcome = service.submit(phone(service), client_id(1), "straight in")
    assert outcome.confession_id is not None
    assert service.held_count() == 0


def test_auto_turns_on_with_the_thirty_first_phone(
    service: SessionService, recorder: Recorder
) -> None:
    assert service.session.batching == "auto"
    for _ in range(AUTO_BATCH_PHONES):
        service.join()
    assert not service.batching()
    assert service.submit(phone(service), client_id(1), "before").confession_id is None
    # That phone was the 31st: the room said so once.
    assert [event.room.batching for event in recorder.of(RoomChanged)] == [True]
    assert service.room().batching


def test_switching_batching_off_is_announced_and_the_held_ones_are_due(
    batching: SessionService, recorder: Recorder
) -> None:
    service = batching
    service.submit(phone(service), client_id(1), "held")
    recorder.clear()
    service.execute(SetBatching("off"))
    assert service.session.batching == "off"
    assert [e.session.batching for e in recorder.of(SessionChanged)] == ["off"]
    assert [e.room.batching for e in recorder.of(RoomChanged)] == [False]
    assert batch_due(service.held_count(), 0.0, active=service.batching())


def test_a_held_confession_may_be_withdrawn(batching: SessionService) -> None:
    service = batching
    author = phone(service)
    service.submit(author, client_id(1), "taken back")
    service.withdraw(author, client_id(1))
    assert service.held_count() == 0
    assert service.session.withdrawn_count == 1
    assert service.release_batch(lambda ids: None) == 0


def test_those_held_at_the_end_are_counted_and_forgotten(
    batching: SessionService, transcripts_dir: Path
) -> None:
    service = batching
    for n in range(2):
        service.submit(phone(service), client_id(n), "HELD at the end")
    service.execute(EndSession())
    assert service.held_count() == 0
    assert service.release_batch(lambda ids: None) == 0
    assert service.items() == []
    [path] = transcripts_dir.glob("*.json")
    assert "HELD" not in path.read_text(encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["totals"]["received"] == 2
