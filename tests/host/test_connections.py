"""Idle and half-sent sockets cannot lock phones out: per-address and total budgets, a
deadline for the first request, and room made by closing unused sockets first.

Each simulated device speaks from its own loopback address (127.0.0.x), as on a LAN.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from facilitator.host import replies
from facilitator.host.connections import ConnectionBudget
from facilitator.protocol.http import KEEPALIVE_SECONDS
from tests.host.harness import Running, envelope, running_server

ATTACKER = "127.0.0.66"


async def open_idle(run: Running, count: int, source: str) -> list[asyncio.StreamWriter]:
    """``count`` connections from ``source`` that never send a request."""
    url = urlsplit(run.base)
    writers = []
    for _ in range(count):
        _, writer = await asyncio.open_connection(url.hostname, url.port, local_addr=(source, 0))
        writers.append(writer)
    return writers


async def closed_by_server(writer: asyncio.StreamWriter, within: float) -> bool:
    """Whether the host closed (or reset) the connection within ``within`` seconds."""
    reader = writer.transport.get_protocol()._stream_reader  # type: ignore[attr-defined]
    try:
        data = await asyncio.wait_for(reader.read(1), within)
    except TimeoutError:  # before OSError, of which it is a kind
        return False
    except OSError:
        return True
    return data == b""


@asynccontextmanager
async def phone_from(source: str) -> AsyncIterator[aiohttp.ClientSession]:
    connector = aiohttp.TCPConnector(local_addr=(source, 0), force_close=True)
    async with aiohttp.ClientSession(connector=connector) as http:
        yield http


async def join(http: aiohttp.ClientSession, run: Running) -> float:
    started = time.perf_counter()
    async with http.post(f"{run.base}/api/join", json=envelope("join", {})) as reply:
        assert reply.status == 200, await reply.text()
    return time.perf_counter() - started


def close_all(writers: list[asyncio.StreamWriter]) -> None:
    for writer in writers:
        writer.close()


async def test_an_address_over_its_budget_is_refused_and_others_get_in(tmp_path: Path) -> None:
    budget = ConnectionBudget(total=100, per_address=5, first_request_seconds=30)
    async with running_server(tmp_path, budget) as run:
        held = await open_idle(run, 5, ATTACKER)
        [extra] = await open_idle(run, 1, ATTACKER)
        assert await closed_by_server(extra, within=2)
        assert not await closed_by_server(held[0], within=0.2)
        async with phone_from("127.0.0.10") as http:
            assert await join(http, run) < 1
        assert run.server.connections is not None
        assert run.server.connections.refused == 1
        close_all([*held, extra])


async def test_sockets_that_send_no_request_are_closed_after_the_deadline(
    tmp_path: Path,
) -> None:
    budget = ConnectionBudget(total=100, per_address=50, first_request_seconds=0.5)
    async with running_server(tmp_path, budget) as run:
        [idle] = await open_idle(run, 1, ATTACKER)
        [slow] = await open_idle(run, 1, ATTACKER)
        slow.write(b"POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the rest
        await slow.drain()
        assert await closed_by_server(idle, within=3)
        assert await closed_by_server(slow, within=3)
        async with phone_from("127.0.0.10") as http:
            await join(http, run)
        assert run.server.connections is not None
        assert run.server.connections.closed_unused == 2
        close_all([idle, slow])


async def test_a_full_house_makes_room_by_closing_unused_sockets_first(tmp_path: Path) -> None:
    budget = ConnectionBudget(total=12, per_address=1000, first_request_seconds=30)
    async with running_server(tmp_path, budget) as run:
        token = await run.join()
        async with run.http.ws_connect(f"{run.base.replace('http', 'ws')}/ws") as phone:
            await phone.send_json(envelope("hello", {"token": token}))
            assert (await phone.receive_json(timeout=5))["type"] == "state"
            flood = await open_idle(run, 30, ATTACKER)  # far more than the house holds
            assert run.server.connections is not None
            assert len(run.server.connections) <= budget.total
            for source in ("127.0.0.10", "127.0.0.11", "127.0.0.12"):
                async with phone_from(source) as http:
                    assert await join(http, run) < 1
            await phone.send_json(envelope("agreement.set", {"confession_id": 1, "agreed": True}))
            reply = await phone.receive_json(timeout=5)  # the served phone kept its socket
            assert reply["type"] == "error"
            assert reply["payload"]["code"] in ("not_shown", "unknown_confession")
        close_all(flood)


async def test_the_budget_follows_the_open_file_limit() -> None:
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    budget = ConnectionBudget.from_open_file_limit()
    assert 16 <= budget.total < soft


async def test_a_body_trickled_in_is_cut_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replies, "BODY_SECONDS", 0.5)
    async with running_server(tmp_path) as run:
        url = urlsplit(run.base)
        reader, writer = await asyncio.open_connection(url.hostname, url.port)
        writer.write(
            b"POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
        )
        await writer.drain()
        started = time.perf_counter()
        answer = await asyncio.wait_for(reader.read(), 5)  # the host closes after answering
        assert time.perf_counter() - started < 3
        assert answer.startswith(b"HTTP/1.1 400")
        assert b'"code":"body_timeout"' in answer
        writer.close()
        assert run.service.phones_joined() == 0


async def test_a_second_request_never_finished_is_closed_at_the_keep_alive(
    tmp_path: Path,
) -> None:
    """After a first request, a connection that trickles the headers of a second one
    forever is closed when the keep-alive runs out: data does not extend it."""
    async with running_server(tmp_path) as run:
        url = urlsplit(run.base)
        reader, writer = await asyncio.open_connection(url.hostname, url.port)
        writer.write(b"GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
        length = next(
            int(line.partition(b":")[2])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        await reader.readexactly(length)

        async def trickle() -> None:
            with contextlib.suppress(ConnectionError):  # until the host closes
                for byte in b"GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 99:
                    writer.write(bytes([byte]))
                    await writer.drain()
                    await asyncio.sleep(0.2)

        trickling = asyncio.create_task(trickle())
        started = time.perf_counter()
        assert await asyncio.wait_for(reader.read(), 10) == b""  # closed, nothing answered
        assert time.perf_counter() - started < KEEPALIVE_SECONDS + 1
        trickling.cancel()
        writer.close()
