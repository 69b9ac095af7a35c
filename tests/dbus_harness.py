"""Test D-Bus daemons with a fake screen saver and a fake logind on them.

Two ``dbus-daemon --session`` play the session bus and the system bus, named in the
environment the way D-Bus does (``DBUS_SESSION_BUS_ADDRESS``, ``DBUS_SYSTEM_BUS_ADDRESS``);
the fake services run in a process of their own (``tests/fake_desktop_bus.py``) and
log every call, so the code under test is the host's own, D-Bus messages and file
descriptors included. Tests that need them skip (saying why) where ``dbus-daemon`` is
missing: Debian's package ``dbus-daemon`` has it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

DBUS_DAEMON = shutil.which("dbus-daemon")
needs_dbus = pytest.mark.skipif(
    DBUS_DAEMON is None or sys.platform != "linux",
    reason="needs dbus-daemon on Linux (Debian: apt-get install dbus-daemon)",
)
SCREEN_SAVER = "org.freedesktop.ScreenSaver"
LOGIN1_MANAGER = "org.freedesktop.login1.Manager"
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Bus:
    address: str
    process: subprocess.Popen[bytes]


@dataclass
class Buses:
    session: Bus
    system: Bus
    folder: Path


def start_bus(folder: Path) -> Bus:
    assert DBUS_DAEMON is not None
    process = subprocess.Popen(
        [DBUS_DAEMON, "--session", "--nofork", "--print-address", f"--address=unix:dir={folder}"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # "Failed to set fd limit" and the like
    )
    assert process.stdout is not None
    address = process.stdout.readline().decode().strip()
    process.stdout.close()
    assert address.startswith("unix:"), address
    return Bus(address, process)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def dbus_buses(monkeypatch: pytest.MonkeyPatch) -> Iterator[Buses]:
    """A session bus and a "system" bus, in the environment while they run."""
    # A short folder: a Unix socket's path has at most 107 bytes.
    with tempfile.TemporaryDirectory(prefix="cf-bus-") as name:
        folder = Path(name)
        session = start_bus(folder)
        try:
            system = start_bus(folder)
            try:
                monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session.address)
                monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", system.address)
                yield Buses(session, system, folder)
            finally:
                stop(system.process)
        finally:
            stop(session.process)


class FakeDesktop:
    """The fake services' process and what it logged."""

    def __init__(self, log: Path, process: subprocess.Popen[bytes]) -> None:
        self.log = log
        self.process = process

    def entries(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.endswith("}")]

    def calls(self, member: str, interface: str = SCREEN_SAVER) -> list[dict[str, Any]]:
        """The calls of ``member`` (of the screen saver unless told), or the releases of
        logind's descriptors (``login1.released``)."""
        return [
            entry
            for entry in self.entries()
            if entry.get("member") == member and entry.get("interface", interface) == interface
        ]


@contextmanager
def fake_desktop(
    buses: Buses, *, screen_saver: bool = True, login1: bool = True
) -> Iterator[FakeDesktop]:
    """The fake screen saver on the session bus and the fake logind on the system bus."""
    log = buses.folder / "calls.jsonl"
    command = [sys.executable, "-m", "tests.fake_desktop_bus", str(log)]
    if screen_saver:
        command += ["--screen-saver", buses.session.address]
    if login1:
        command += ["--login1", buses.system.address]
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL)
    try:
        desktop = FakeDesktop(log, process)
        deadline = time.monotonic() + 10
        while not any(entry.get("ready") for entry in desktop.entries()):
            assert process.poll() is None, "the fake desktop services did not start"
            assert time.monotonic() < deadline, "the fake desktop services did not get ready"
            time.sleep(0.01)  # before the test's loop runs
        yield desktop
    finally:
        stop(process)
