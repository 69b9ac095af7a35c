"""``confessional --rehearse N`` as real processes: the host starts its simulated audience,
which joins, confesses and agrees, and goes when the host goes; the desktop app asks
its host for one as soon as it is up."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from facilitator.host.record import read_record
from facilitator.host.rehearsal import LOG_NAME
from facilitator.sim.launch import PACE_ENV
from tests.e2e.process import start_desktop, start_headless

pytestmark = pytest.mark.slow
TIMEOUT = 30.0
FAST = {PACE_ENV: "0.01"}  # a hundred times a room's pace


def eventually[T](read: Callable[[], T | None], timeout: float = TIMEOUT) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if value is not None and value is not False:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout} s: {read}")
        time.sleep(0.05)


def audiences(port: int) -> list[int]:
    """The audience processes joining at ``port`` (Linux: read from /proc; else none)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            command = (entry / "cmdline").read_bytes().split(b"\0")
            if b"facilitator.sim" in command and any(f":{port}/".encode() in a for a in command):
                found.append(int(entry.name))
    return found


def audience_log(data_dir: Path) -> str:
    path = data_dir / "logs" / LOG_NAME
    return path.read_text(encoding="utf-8") if path.exists() else ""


class Moderator:
    def __init__(self, base: str, secret: str) -> None:
        self.base = f"{base}/moderator/{secret}"

    def state(self) -> dict[str, Any]:
        document: dict[str, Any] = requests.get(f"{self.base}/api/state", timeout=10).json()
        return dict(document["payload"])

    def moderate(self, payload: dict[str, Any]) -> None:
        reply = requests.post(
            f"{self.base}/api/commands",
            json={"type": "moderate", "version": 1, "payload": payload},
            timeout=10,
        )
        assert reply.status_code == 200, reply.text


def test_headless_rehearse_runs_an_audience_until_the_host_stops(tmp_path: Path) -> None:
    app = start_headless(tmp_path, "--port", "0", "--rehearse", "5", env=FAST)
    try:
        record = read_record(tmp_path)
        assert record is not None
        moderator = Moderator(app.base, record.moderator_secret)
        state = eventually(
            lambda: (s := moderator.state())["phones_connected"] == 5 and len(s["items"]) >= 2 and s
        )
        assert state["host"]["rehearsal_phones"] == 5
        assert state["session"]["rehearsal"] is True
        assert state["room"]["shared_apart"] == 0  # admitted by the secret, none flagged
        first = min(item["id"] for item in state["items"])
        moderator.moderate({"command": "approve", "item_id": first})
        moderator.moderate({"command": "project", "item_id": first})
        # 60 % of 5 phones agree with what is on the screen: 3.
        eventually(
            lambda: {i["id"]: i for i in moderator.state()["items"]}[first]["agreement_count"] == 3
        )
        running = audiences(app.port)
    finally:
        code = app.terminate()
    assert code == 0
    assert "Stopped (asked to stop): 5 phones joined" in audience_log(tmp_path)
    for pid in running:  # gone with the host (it was the host's child: reaped)
        assert not Path(f"/proc/{pid}").exists()


def test_the_desktop_app_rehearses_as_soon_as_its_host_is_up(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    desktop = start_desktop(
        data_dir, tmp_path / "desktop.log", "--port", "0", "--rehearse", "3", env=FAST
    )
    host_pid: int | None = None
    try:
        record = eventually(lambda: read_record(data_dir))
        host_pid = record.pid
        moderator = Moderator(f"http://127.0.0.1:{record.port}", record.moderator_secret)
        state = eventually(lambda: (s := moderator.state())["phones_connected"] == 3 and s)
        assert state["host"]["rehearsal_phones"] == 3
        assert state["session"]["rehearsal"] is True
        running = audiences(record.port)
        assert len(running) in (0, 1)  # one audience (none found off Linux)

        desktop.signal(signal.SIGTERM)  # closes the app and its host (continue later)
        assert desktop.wait() == 0
        eventually(lambda: read_record(data_dir) is None)
        eventually(lambda: "Stopped (asked to stop): 3 phones joined" in audience_log(data_dir))
    finally:
        if desktop.process.poll() is None:
            desktop.process.kill()
            desktop.process.wait(timeout=10)
        if host_pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(host_pid, signal.SIGKILL)
