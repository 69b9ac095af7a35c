"""Phones under a burst: latest wins end to end, so no phone ever goes back in time."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp

from facilitator.host.live import COUNT_SENDS_PER_SECOND, count_interval
from facilitator.protocol.commands import Approve, Project, SetBatching
from tests.host.harness import envelope, running_server
from tests.waiting import wait_until

PHONES = 150
LATE = 30  # phones that connect in the middle of the burst


async def test_a_phone_never_gets_a_count_older_than_one_it_has(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        await run.moderate(SetBatching("off"))  # the confession goes straight in
        tokens = [run.service.join() for _ in range(PHONES + LATE)]  # past the address limit
        await run.submit(tokens[0], "client-burst-01", "I load-tested in production.")
        [confession] = run.service.items()
        await run.moderate(Approve(confession.id))
        await run.moderate(Project(confession.id))
        seen: list[list[int]] = [[] for _ in tokens]
        sockets: list[aiohttp.ClientWebSocketResponse] = []
        readers = []

        async def read(index: int, socket: aiohttp.ClientWebSocketResponse) -> None:
            async for frame in socket:
                document = json.loads(frame.data)
                payload = document["payload"]
                if document["type"] in ("state", "session") and payload["projection"]:
                    seen[index].append(payload["projection"]["count"])
                elif document["type"] == "count":
                    seen[index].append(payload["count"])

        async def connect(index: int) -> aiohttp.ClientWebSocketResponse:
            socket = await run.http.ws_connect(f"{run.base.replace('http', 'ws')}/ws")
            await socket.send_json(envelope("hello", {"token": tokens[index]}))
            sockets.append(socket)
            readers.append(asyncio.get_running_loop().create_task(read(index, socket)))
            return socket

        early = [await connect(index) for index in range(PHONES)]
        await wait_until(lambda: all(counts for counts in seen[:PHONES]))

        # Every phone agrees at once, over its socket: a burst of counts to fan out, while
        # more phones connect (each starts from the count in its ``state``).
        agreement = {"confession_id": confession.id, "agreed": True}
        for number, socket in enumerate(early):
            await socket.send_json(envelope("agreement.set", agreement, ref=f"a{number}"))
            if number % 5 == 0:
                await connect(PHONES + number // 5)
        await wait_until(lambda: all(counts and counts[-1] == PHONES for counts in seen), 15)
        assert run.service.item(confession.id).agreement_count == PHONES

        for counts in seen:
            assert counts == sorted(counts), counts  # never an older count after a newer
        # Latest wins: far fewer pushes than agreements reached each phone.
        assert max(len(counts) for counts in seen) < PHONES // 3
        for socket in sockets:
            await socket.close()
        await asyncio.gather(*readers, return_exceptions=True)


def test_count_pushes_slow_down_with_the_room() -> None:
    assert [count_interval(n) for n in (0, 500, 1_000, 5_000, 10_000, 50_000)] == [
        0.1,
        0.1,
        0.1,
        0.5,
        1.0,
        1.0,
    ]
    for phones in (2_000, 5_000, 10_000):  # beyond, a count a second is the slowest pace
        assert phones / count_interval(phones) <= COUNT_SENDS_PER_SECOND
