"""The host's batch timer (``BatchRelease.tick``) with a clock the test moves and a real
session: held confessions go in once enough wait, once the oldest waited long enough,
or at once when batching goes off."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.core.batches import AT_LEAST, LONGEST_HOLD_SECONDS, TICK_SECONDS
from facilitator.core.events import EventBus
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.host.batch_release import BatchRelease
from facilitator.protocol.commands import SetBatching


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def service(tmp_path: Path) -> Iterator[SessionService]:
    """A session in a store in memory, batching on."""
    memory = Store.in_memory()
    service = SessionService.start_new(memory, EventBus(), tmp_path / "transcripts")
    service.execute(SetBatching("on"))
    yield service
    memory.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def shuffled() -> list[list[int]]:
    """Every list the timer asked to shuffle, as it was given."""
    return []


@pytest.fixture
def release(service: SessionService, clock: Clock, shuffled: list[list[int]]) -> BatchRelease:
    def reverse(ids: list[int]) -> None:
        shuffled.append(list(ids))
        ids.reverse()

    return BatchRelease(service, clock=clock, shuffle=reverse)


class Phones:
    def __init__(self, service: SessionService) -> None:
        self.service = service
        self.sent = 0

    def send(self, count: int = 1) -> None:
        for _ in range(count):
            self.sent += 1
            author = self.service.participant(self.service.join())
            outcome = self.service.submit(author, f"client-{self.sent:04d}", f"sent {self.sent}")
            assert outcome.confession_id is None  # held


@pytest.fixture
def phones(service: SessionService) -> Phones:
    return Phones(service)


def texts(service: SessionService) -> list[str]:
    return [item.text for item in service.items()]


def test_nothing_held_nothing_to_do(release: BatchRelease, shuffled: list[list[int]]) -> None:
    assert release.tick() == 0
    assert shuffled == []


def test_enough_held_go_in_at_the_next_tick_in_the_shuffled_order(
    release: BatchRelease, service: SessionService, phones: Phones, shuffled: list[list[int]]
) -> None:
    phones.send(AT_LEAST)
    assert release.tick() == AT_LEAST
    assert len(shuffled) == 1
    assert texts(service) == [f"sent {n}" for n in range(AT_LEAST, 0, -1)]
    assert service.held_count() == 0
    assert release.tick() == 0


def test_fewer_wait_until_the_oldest_has_waited_long_enough(
    release: BatchRelease, service: SessionService, phones: Phones, clock: Clock
) -> None:
    phones.send(AT_LEAST - 1)
    assert release.tick() == 0  # first seen now
    clock.now += LONGEST_HOLD_SECONDS - TICK_SECONDS
    assert release.tick() == 0
    clock.now += TICK_SECONDS - 0.5
    assert release.tick() == 0
    assert texts(service) == []
    clock.now += 0.5
    assert release.tick() == AT_LEAST - 1
    assert sorted(texts(service)) == [f"sent {n}" for n in range(1, AT_LEAST)]


def test_the_wait_starts_afresh_after_a_batch(
    release: BatchRelease, service: SessionService, phones: Phones, clock: Clock
) -> None:
    phones.send(1)
    release.tick()
    clock.now += LONGEST_HOLD_SECONDS
    assert release.tick() == 1
    phones.send(1)
    clock.now += TICK_SECONDS
    assert release.tick() == 0  # this one was first seen now, not 90 s ago
    clock.now += LONGEST_HOLD_SECONDS
    assert release.tick() == 1
    assert len(service.items()) == 2


def test_held_ones_all_withdrawn_reset_the_wait(
    release: BatchRelease, service: SessionService, clock: Clock
) -> None:
    author = service.participant(service.join())
    service.submit(author, "client-0001", "taken back")
    release.tick()
    service.withdraw(author, "client-0001")
    clock.now += LONGEST_HOLD_SECONDS
    assert release.tick() == 0
    service.submit(author, "client-0002", "a new one")
    assert release.tick() == 0  # it has not waited: the old wait went with the old one
    clock.now += LONGEST_HOLD_SECONDS
    assert release.tick() == 1


def test_batching_off_lets_the_held_ones_in_at_the_next_tick(
    release: BatchRelease, service: SessionService, phones: Phones
) -> None:
    phones.send(1)
    assert release.tick() == 0
    service.execute(SetBatching("off"))
    assert release.tick() == 1
    assert texts(service) == ["sent 1"]


def test_a_store_that_cannot_write_keeps_them_held_until_it_can(
    release: BatchRelease,
    service: SessionService,
    phones: Phones,
    caplog: pytest.LogCaptureFixture,
) -> None:
    phones.send(AT_LEAST)
    database = service._store._db
    database.execute("PRAGMA query_only = ON")
    with caplog.at_level(logging.WARNING, logger="facilitator.host.batch_release"):
        assert release.tick() == 0
    assert "stay held" in caplog.text
    assert service.held_count() == AT_LEAST
    database.execute("PRAGMA query_only = OFF")
    assert release.tick() == AT_LEAST
    assert service.held_count() == 0


async def test_run_ticks_every_interval(
    release: BatchRelease, service: SessionService, phones: Phones
) -> None:
    phones.send(AT_LEAST)
    task = asyncio.create_task(release.run(interval=0.01))
    try:
        for _ in range(500):
            await asyncio.sleep(0.01)
            if service.held_count() == 0:
                break
        assert service.held_count() == 0
        assert not task.done()  # it keeps ticking
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
