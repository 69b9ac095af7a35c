"""Timing privacy over real sockets: with batching on, phones are answered at once, but
moderators see their confessions only together, shuffled, in one batch, and nothing in
the stream moves while they are held (docs/protocol.md; ``facilitator/core/batches.py``).

The host's timer (:class:`~facilitator.host.batch_release.BatchRelease`) is the real one,
built by the real server, with its clock and shuffle in the test's hands and its ticks
taken by the test instead of every 10 s.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from facilitator.core.batches import AT_LEAST, LONGEST_HOLD_SECONDS, TICK_SECONDS
from facilitator.core.session import SessionService
from facilitator.host import server
from facilitator.host.batch_release import BatchRelease
from facilitator.protocol.commands import SetBatching
from tests.host.harness import Running, envelope, receive_json, receive_until, running_server
from tests.phones import phone_http

QUIET_SECONDS = 0.5  # how long the stream must stay silent to count as saying nothing
TEXTS = [
    "I approved the invoice twice because the first one looked stuck.",
    "I left the fire door propped open for the delivery and forgot it.",
    "I told a new starter the wrong escalation number for a month.",
]


class SteppedRelease(BatchRelease):
    """The host's batch timer with a clock the test moves, a shuffle that reverses the
    order of arrival (any order will do; this one is visible), and no ticks of its own."""

    def __init__(self, service: SessionService) -> None:
        self.now = 0.0
        super().__init__(service, clock=lambda: self.now, shuffle=lambda ids: ids.reverse())

    async def run(self, interval: float = TICK_SECONDS) -> None:
        await asyncio.Event().wait()  # the test ticks


@pytest.fixture
def releases(monkeypatch: pytest.MonkeyPatch) -> list[SteppedRelease]:
    """The timers the server builds while the test runs (one per server)."""
    made: list[SteppedRelease] = []

    def build(service: SessionService) -> SteppedRelease:
        made.append(SteppedRelease(service))
        return made[-1]

    monkeypatch.setattr(server, "BatchRelease", build)
    return made


@dataclass
class Batching:
    """A host with batching switched on, a moderator's stream, and the host's timer."""

    run: Running
    stream: aiohttp.ClientWebSocketResponse
    release: SteppedRelease
    before: dict[str, Any]  # the stream's snapshot, before batching was switched on
    switched: list[dict[str, Any]]  # what the stream said when it was


@contextlib.asynccontextmanager
async def batching_on(tmp_path: Path, releases: list[SteppedRelease]) -> AsyncIterator[Batching]:
    async with (
        running_server(tmp_path) as run,
        run.http.ws_connect(f"{run.moderator_base.replace('http', 'ws')}/ws") as stream,
    ):
        [release] = releases
        snapshot = await receive_until(stream, "moderator.snapshot")
        status, body = await run.moderate(SetBatching("on"))
        assert status == 200, body
        yield Batching(run, stream, release, snapshot["payload"], await heard(stream))


async def heard(socket: aiohttp.ClientWebSocketResponse) -> list[dict[str, Any]]:
    """Everything the stream says until it has been quiet for :data:`QUIET_SECONDS`,
    but ``phones.changed``: a phone's live socket opening and closing is the room's
    count of phones, said as ever, whatever that phone sends."""
    said: list[dict[str, Any]] = []
    while True:
        try:
            message = await receive_json(socket, timeout=QUIET_SECONDS)
        except TimeoutError:
            return said
        if message["type"] != "phones.changed":
            said.append(message)


async def confess_over_http(
    run: Running,
    address: str,
    token: str,
    client_id: str,
    text: str,
    *,
    for_organisers: bool = False,
) -> dict[str, Any]:
    payload = {"client_id": client_id, "text": text, "for_organisers": for_organisers}
    async with (
        phone_http(address) as http,
        http.post(
            f"{run.base}/api/messages",
            json=envelope("confession.submit", payload),
            headers={"Authorization": f"Bearer {token}"},
        ) as reply,
    ):
        assert reply.status == 200
        answer: dict[str, Any] = await reply.json()
    return answer


async def confess_over_socket(
    run: Running, address: str, token: str, client_id: str, text: str
) -> dict[str, Any]:
    async with (
        phone_http(address) as http,
        http.ws_connect(f"{run.base.replace('http', 'ws')}/ws") as socket,
    ):
        await socket.send_json(envelope("hello", {"token": token}))
        await receive_until(socket, "state")
        payload = {"client_id": client_id, "text": text}
        await socket.send_json(envelope("confession.submit", payload, ref="s1"))
        return await receive_until(socket, "confession.received")


async def test_phones_are_answered_at_once_and_moderators_see_one_shuffled_batch(
    tmp_path: Path, releases: list[SteppedRelease]
) -> None:
    async with batching_on(tmp_path, releases) as room:
        run, stream, release, switched = room.run, room.stream, room.release, room.switched
        assert room.before["room"]["batching"] is False  # auto, and an empty room
        assert [m["payload"]["room"] for m in switched if m["type"] == "room.changed"][-1][
            "batching"
        ] is True
        assert [
            m["payload"]["session"]["batching"]
            for m in switched
            if m["type"] == ("session.changed")
        ] == ["on"]

        phones = [run.addresses.next() for _ in TEXTS]
        tokens = [await run.join(address) for address in phones]
        assert await heard(stream) == []  # joining says nothing either

        # Three phones, one over its live socket, two over HTTP; the last one is for the
        # organisers only (its lane is no clue either: it is held like the others).
        answers = [
            await confess_over_socket(run, phones[0], tokens[0], "held-0001", TEXTS[0]),
            await confess_over_http(run, phones[1], tokens[1], "held-0002", TEXTS[1]),
            await confess_over_http(
                run, phones[2], tokens[2], "held-0003", TEXTS[2], for_organisers=True
            ),
        ]
        assert [a["type"] for a in answers] == ["confession.received"] * 3
        assert [a["payload"]["duplicate"] for a in answers] == [False] * 3
        assert answers[0]["ref"] == "s1"

        # Held: committed and acknowledged, and not a word of it in the stream: no item,
        # no room.changed (nor its waiting count), no session.changed.
        assert await heard(stream) == []
        async with run.http.get(f"{run.moderator_base}/api/state") as reply:
            state = (await reply.json())["payload"]
        assert state["items"] == []
        assert state["room"] == {
            "shared_apart": 0,
            "shared_counted": 0,
            "waiting": 0,
            "batching": True,
        }
        assert run.service.held_count() == AT_LEAST == len(TEXTS)

        # The timer's next tick lets all of them in together, in the shuffle's order.
        assert release.tick() == len(TEXTS)
        batch = await heard(stream)
        assert [m["type"] for m in batch] == ["item.added"] * len(TEXTS)
        seqs = [m["payload"]["seq"] for m in batch]
        assert seqs == list(range(seqs[0], seqs[0] + len(TEXTS)))  # one run, nothing between
        items = [m["payload"]["item"] for m in batch]
        assert [i["text"] for i in items] == TEXTS[::-1]
        assert [i["state"] for i in items] == ["for_organisers", "incoming", "incoming"]
        assert run.service.held_count() == 0
        assert release.tick() == 0
        assert await heard(stream) == []


async def test_a_quiet_room_waits_for_the_longest_hold_then_lets_them_in_together(
    tmp_path: Path, releases: list[SteppedRelease]
) -> None:
    async with batching_on(tmp_path, releases) as room:
        run, stream, release = room.run, room.stream, room.release
        phones = [run.addresses.next() for _ in range(AT_LEAST - 1)]
        for n, address in enumerate(phones):
            token = await run.join(address)
            await confess_over_http(run, address, token, f"quiet-000{n}", TEXTS[n])

        assert release.tick() == 0  # fewer than AT_LEAST: the oldest starts to wait
        release.now = LONGEST_HOLD_SECONDS - 1
        assert release.tick() == 0
        assert await heard(stream) == []
        release.now = LONGEST_HOLD_SECONDS
        assert release.tick() == AT_LEAST - 1
        batch = await heard(stream)
        assert [m["type"] for m in batch] == ["item.added"] * (AT_LEAST - 1)
        assert [m["payload"]["item"]["text"] for m in batch] == TEXTS[: AT_LEAST - 1][::-1]


async def test_switching_batching_off_lets_the_held_ones_in_at_the_next_tick(
    tmp_path: Path, releases: list[SteppedRelease]
) -> None:
    async with batching_on(tmp_path, releases) as room:
        run, stream, release = room.run, room.stream, room.release
        address = run.addresses.next()
        token = await run.join(address)
        await confess_over_http(run, address, token, "switch-0001", TEXTS[0])
        await heard(stream)
        status, body = await run.moderate(SetBatching("off"))
        assert status == 200, body
        switched = await heard(stream)
        assert "item.added" not in [m["type"] for m in switched]
        assert release.tick() == 1
        [added] = await heard(stream)
        assert (added["type"], added["payload"]["item"]["text"]) == ("item.added", TEXTS[0])
        # Off: the next one goes straight in, as before.
        await confess_over_http(run, address, token, "switch-0002", TEXTS[1])
        [added] = await heard(stream)
        assert (added["type"], added["payload"]["item"]["text"]) == ("item.added", TEXTS[1])
