"""kill -9 in the middle of a session loses nothing that was acknowledged."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from facilitator.host.record import read_record
from facilitator.protocol.commands import Approve, Command, ProjectNext
from facilitator.protocol.envelope import encode
from tests.e2e.process import HeadlessApp, start_headless
from tests.host.harness import envelope
from tests.http_client import http_client
from tests.phones import PhoneAddresses, new_phone

pytestmark = pytest.mark.slow


async def post(
    http: aiohttp.ClientSession, url: str, body: dict[str, Any], token: str | None = None
) -> tuple[int, dict[str, Any]]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with http.post(url, json=body, headers=headers) as reply:
        return reply.status, await reply.json()


async def moderate(http: aiohttp.ClientSession, app: HeadlessApp, command: Command) -> int:
    async with http.post(
        f"{app.moderator_url}api/commands", data=encode(command), headers=JSON
    ) as reply:
        return reply.status


async def moderator_state(http: aiohttp.ClientSession, app: HeadlessApp) -> dict[str, Any]:
    async with http.get(f"{app.moderator_url}api/state") as reply:
        assert reply.status == 200
        payload: dict[str, Any] = (await reply.json())["payload"]
        return payload


async def test_kill_9_then_restart_keeps_everything_on_the_same_port(tmp_path: Path) -> None:
    app = start_headless(tmp_path, "--port", "0")
    try:
        async with http_client() as http:
            addresses = PhoneAddresses()
            tokens = [await new_phone(app.base, addresses) for _ in range(4)]
            for n, token in enumerate(tokens):
                submit = envelope(
                    "confession.submit",
                    {"client_id": f"crash-test-{n:04d}", "text": f"Confession {n}"},
                )
                status, body = await post(http, f"{app.base}/api/messages", submit, token)
                assert (status, body["type"]) == (200, "confession.received")
            state = await moderator_state(http, app)
            ids = sorted(c["id"] for c in state["items"])
            assert await moderate(http, app, Approve(ids[0])) == 200
            assert await moderate(http, app, Approve(ids[1])) == 200
            assert await moderate(http, app, ProjectNext(ids[0])) == 200
            for token in tokens[:3]:
                agree = envelope("agreement.set", {"confession_id": ids[0], "agreed": True})
                status, body = await post(http, f"{app.base}/api/messages", agree, token)
                assert status == 200
            assert body["payload"]["count"] == 3
            record = read_record(tmp_path)
            assert record is not None and record.pid == app.process.pid
            assert record.port == app.port
            assert (tmp_path / "host.json").stat().st_mode & 0o077 == 0  # the user's alone
            app.kill()
            assert read_record(tmp_path) == record  # stale: it died without cleaning up

        restarted = start_headless(tmp_path)
        assert restarted.port == app.port
        new_record = read_record(tmp_path)
        assert new_record is not None and new_record.pid == restarted.process.pid
        assert restarted.moderator_url == app.moderator_url
        app = restarted
        async with http_client() as http:
            state = await moderator_state(http, app)
            by_id = {c["id"]: c for c in state["items"]}
            assert sorted(c["text"] for c in by_id.values()) == [
                f"Confession {n}" for n in range(4)
            ]
            assert by_id[ids[0]]["state"] == "shown"
            assert by_id[ids[0]]["agreement_count"] == 3
            assert by_id[ids[1]]["state"] == "approved"
            assert state["current_item_id"] == ids[0]
            # The phones' tokens still work: a retried submission is a duplicate, a repeated
            # agreement is not a second vote.
            retry = envelope(
                "confession.submit", {"client_id": "crash-test-0000", "text": "Confession 0"}
            )
            status, body = await post(http, f"{app.base}/api/messages", retry, tokens[0])
            assert (status, body["payload"]["duplicate"]) == (200, True)
            agree = envelope("agreement.set", {"confession_id": ids[0], "agreed": True})
            status, body = await post(http, f"{app.base}/api/messages", agree, tokens[0])
            assert body["payload"]["count"] == 3
            async with http.ws_connect(f"{app.base.replace('http', 'ws')}/ws") as socket:
                await socket.send_json(envelope("hello", {"token": tokens[1]}))
                state_message = await socket.receive_json(timeout=5)
                assert state_message["type"] == "state"
                assert state_message["payload"]["agreed"] is True
                assert state_message["payload"]["projection"]["count"] == 3
        assert app.terminate() == 0
        assert read_record(tmp_path) is None  # the record goes with the host
    finally:
        if app.process.poll() is None:
            app.process.kill()
            app.process.wait(timeout=10)


JSON = {"Content-Type": "application/json"}


def test_one_host_per_data_dir(tmp_path: Path) -> None:
    first = start_headless(tmp_path, "--port", "0")
    try:
        command = [sys.executable, "-m", "facilitator", "--headless", "--no-zeroconf"]
        result = subprocess.run(
            [*command, "--host", "127.0.0.1", "--port", "0", "--data-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 4
        assert result.stdout == ""
        assert f"already running for this data folder (port {first.port})" in result.stderr
    finally:
        assert first.terminate() == 0


async def test_sigterm_exits_cleanly_and_new_session_flag(tmp_path: Path) -> None:
    app = start_headless(tmp_path, "--port", "0")
    async with http_client() as http:
        token_status, _ = await post(http, f"{app.base}/api/join", envelope("join", {}))
        assert token_status == 200
        socket = await http.ws_connect(f"{app.base.replace('http', 'ws')}/ws")
        assert app.terminate() == 0
        closing = await socket.receive(timeout=5)
        assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        await socket.close()
    fresh = start_headless(tmp_path, "--new-session", "--port", "0")
    try:
        assert fresh.moderator_url != app.moderator_url
    finally:
        assert fresh.terminate() == 0


def test_sigterm_or_ctrl_c_at_any_moment_after_start_stops_the_app(tmp_path: Path) -> None:
    """The signal may land anywhere, even inside the event loop's own bookkeeping."""
    for attempt in range(10):
        app = start_headless(tmp_path / str(attempt), "--port", "0")
        stop = signal.SIGINT if attempt % 2 else signal.SIGTERM
        assert app.terminate(stop) == 0, f"attempt {attempt} ({stop.name})"


def test_resuming_on_a_taken_port_stops_with_a_clear_message(tmp_path: Path) -> None:
    first = start_headless(tmp_path, "--port", "0")
    port = first.port
    assert first.terminate() == 0
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        command = [sys.executable, "-m", "facilitator", "--headless", "--no-zeroconf"]
        result = subprocess.run(
            [*command, "--host", "127.0.0.1", "--data-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=False,
        )
    assert result.returncode == 3
    assert result.stdout == ""
    assert f"Port {port} is in use" in result.stderr
