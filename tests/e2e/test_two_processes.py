"""The host and the desktop app as two real processes: either can die, nothing is lost.

The desktop app runs offscreen and starts its host; phones are simulated over real
sockets. The console is killed (the host keeps serving, a new console reattaches),
then the host is killed (the console restarts it on the same port and phones come
back). Everything acknowledged is checked in the host's own answers and store.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from facilitator.host.record import HostRecord, read_record
from facilitator.protocol.commands import Approve, Command, ProjectNext
from facilitator.protocol.envelope import encode
from tests.e2e.process import DesktopProcess, start_desktop
from tests.host.harness import envelope
from tests.http_client import http_client
from tests.phones import PhoneAddresses, new_phone

pytestmark = pytest.mark.slow
TIMEOUT = 30.0


async def eventually[T](read: Callable[[], T | None], timeout: float = TIMEOUT) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if value is not None and value is not False:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout} s: {read}")
        await asyncio.sleep(0.05)


JSON = {"Content-Type": "application/json"}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our child and gone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class Room:
    """Simulated phones and a moderator, speaking the public protocols to the host."""

    def __init__(self, http: aiohttp.ClientSession, record: HostRecord) -> None:
        self.http = http
        self.base = f"http://127.0.0.1:{record.port}"
        self.moderator = f"{self.base}/moderator/{record.moderator_secret}"
        self.tokens: list[str] = []
        self.addresses = PhoneAddresses()
        self.acknowledged_texts: list[str] = []

    async def join(self, phones: int) -> None:
        for _ in range(phones):
            self.tokens.append(await new_phone(self.base, self.addresses))

    async def send(self, token: str, message: dict[str, Any]) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"}
        async with self.http.post(
            f"{self.base}/api/messages", json=message, headers=headers
        ) as reply:
            body: dict[str, Any] = await reply.json()
            assert reply.status == 200, body
            return body

    async def confess(self, token: str, text: str) -> None:
        client_id = f"two-proc-{len(self.acknowledged_texts):05d}"
        payload = {"client_id": client_id, "text": text}
        body = await self.send(token, envelope("confession.submit", payload))
        assert body["type"] == "confession.received"
        self.acknowledged_texts.append(text)

    async def agree(self, token: str, item_id: int) -> int:
        payload = {"confession_id": item_id, "agreed": True}
        body = await self.send(token, envelope("agreement.set", payload))
        return int(body["payload"]["count"])

    async def moderate(self, command: Command) -> None:
        async with self.http.post(
            f"{self.moderator}/api/commands", data=encode(command), headers=JSON
        ) as r:
            assert r.status == 200, await r.text()

    async def snapshot(self) -> dict[str, Any]:
        async with self.http.get(f"{self.moderator}/api/state") as reply:
            payload: dict[str, Any] = (await reply.json())["payload"]
            return payload


def host_record(data_dir: Path, not_pid: int | None = None) -> HostRecord | None:
    record = read_record(data_dir)
    if record is None or record.pid == not_pid or not alive(record.pid):
        return None
    return record


async def test_either_process_can_die_without_losing_the_session(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    log = tmp_path / "desktop.log"
    desktop: DesktopProcess | None = start_desktop(data_dir, log, "--port", "0")
    host_pids: list[int] = []
    try:
        assert desktop is not None
        record = await eventually(lambda: host_record(data_dir))
        host_pids.append(record.pid)
        assert record.pid != desktop.process.pid  # the host is a process of its own
        await eventually(lambda: "Console ready: 0 items" in desktop.log())

        async with http_client() as http:
            room = Room(http, record)
            await room.join(6)
            for n, token in enumerate(room.tokens[:3]):
                await room.confess(token, f"Before the crash {n}")
            first = min(item["id"] for item in (await room.snapshot())["items"])
            await room.moderate(Approve(first))
            await room.moderate(ProjectNext(first))
            assert await room.agree(room.tokens[0], first) == 1

            # The console dies: the host keeps serving the phones.
            desktop.signal(signal.SIGKILL)
            desktop.wait()
            desktop = None
            assert alive(record.pid)
            await room.confess(room.tokens[3], "While the console was gone")
            assert await room.agree(room.tokens[1], first) == 2

            # Starting the app again reattaches to the same host and shows everything.
            desktop = start_desktop(data_dir, log)
            await eventually(lambda: "Console ready: 4 items" in desktop.log())
            assert "Reattaching to the running session host" in desktop.log()
            assert read_record(data_dir) == record  # no second host

            # The host dies: the console restarts it on the same port.
            os.kill(record.pid, signal.SIGKILL)
            restarted = await eventually(lambda: host_record(data_dir, not_pid=record.pid))
            host_pids.append(restarted.pid)
            assert (restarted.port, restarted.moderator_secret) == (
                record.port,
                record.moderator_secret,
            )
            # The console says so, reconnects, and follows the new host.
            assert "The session host stopped; restarting it" in desktop.log()
            await eventually(
                lambda: desktop.log().count("Connection to the session host: live") >= 2
            )
            snapshot = await room.snapshot()
            texts = sorted(item["text"] for item in snapshot["items"])
            assert texts == sorted(room.acknowledged_texts)  # nothing acknowledged is lost
            on_screen = {item["id"]: item for item in snapshot["items"]}[first]
            assert on_screen["agreement_count"] == 2
            assert snapshot["current_item_id"] == first
            # The phones' tokens and the session carry on.
            assert await room.agree(room.tokens[2], first) == 3
            async with http.ws_connect(f"{room.base.replace('http', 'ws')}/ws") as phone:
                await phone.send_json(envelope("hello", {"token": room.tokens[4]}))
                state = await phone.receive_json(timeout=10)
                assert state["payload"]["projection"]["count"] == 3

        # SIGTERM closes the app and its host; the session stays open for next time.
        desktop.signal(signal.SIGTERM)
        assert desktop.wait() == 0
        await eventually(lambda: not alive(restarted.pid))
        assert read_record(data_dir) is None
    finally:
        if desktop is not None and desktop.process.poll() is None:
            desktop.process.kill()
            desktop.process.wait(timeout=10)
        for pid in host_pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
