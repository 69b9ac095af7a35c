"""Keeping the laptop awake: on Linux against real D-Bus daemons started here, with a fake
screen saver and a fake logind on them (``tests/dbus_harness.py``); caffeinate's backend
with a script in its place; the host holding it while its session is open.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.host.keep_awake import (
    REASON,
    Caffeinate,
    KeepAwake,
    ScreenSaverInhibit,
    SleepInhibit,
)
from facilitator.host.session_host import HostOptions, SessionHost
from facilitator.protocol.commands import EndSession
from facilitator.protocol.moderator import HostStatus
from tests.dbus_harness import (
    LOGIN1_MANAGER,
    Buses,
    FakeDesktop,
    dbus_buses,
    fake_desktop,
    needs_dbus,
)
from tests.e2e.process import start_headless
from tests.waiting import wait_until

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="D-Bus keeps Linux awake")


@pytest.fixture
def buses(monkeypatch: pytest.MonkeyPatch) -> Iterator[Buses]:
    with dbus_buses(monkeypatch) as running:
        yield running


@pytest.fixture
def desktop(buses: Buses) -> Iterator[FakeDesktop]:
    with fake_desktop(buses) as fake:
        yield fake


class Reports:
    def __init__(self) -> None:
        self.seen: list[tuple[bool, str]] = []

    def __call__(self, keeping_awake: bool, detail: str) -> None:
        self.seen.append((keeping_awake, detail))


# The backends and KeepAwake


@needs_dbus
async def test_the_screen_saver_and_logind_are_asked_and_let_go(desktop: FakeDesktop) -> None:
    reports = Reports()
    awake = KeepAwake(reports, [ScreenSaverInhibit(), SleepInhibit()])
    awake.want(True)
    await awake.settle()

    assert awake.keeping_awake
    assert reports.seen == [
        (
            True,
            "the screen saver is held off (org.freedesktop.ScreenSaver); "
            "sleep is blocked through logind",
        )
    ]
    [inhibit] = desktop.calls("Inhibit")
    assert inhibit["interface"] == "org.freedesktop.ScreenSaver"
    assert inhibit["args"] == ["Confessional", REASON] and "Confessional" in REASON
    [sleep] = desktop.calls("Inhibit", LOGIN1_MANAGER)
    assert sleep["args"] == ["sleep:idle", "Confessional", REASON, "block"]
    assert desktop.calls("UnInhibit") == [] and desktop.calls("login1.released") == []

    awake.want(False)
    await awake.settle()

    assert not awake.keeping_awake and reports.seen[-1] == (False, "")
    [uninhibit] = desktop.calls("UnInhibit")
    assert uninhibit["args"] == [inhibit["cookie"]]
    assert uninhibit["sender"] == inhibit["sender"]  # the same connection, kept open
    await wait_until(lambda: desktop.calls("login1.released"))  # the descriptor closed


@needs_dbus
async def test_a_quick_end_and_start_holds_once(desktop: FakeDesktop) -> None:
    reports = Reports()
    awake = KeepAwake(reports, [ScreenSaverInhibit()])
    awake.want(True)
    awake.want(False)
    awake.want(True)
    await awake.settle()
    assert awake.keeping_awake
    assert len(desktop.calls("Inhibit")) == 1 and desktop.calls("UnInhibit") == []
    await awake.close()
    assert len(desktop.calls("UnInhibit")) == 1 and reports.seen[-1] == (False, "")


async def test_no_bus_at_all_fails_soft_and_says_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    reports = Reports()
    awake = KeepAwake(reports, [ScreenSaverInhibit(), SleepInhibit()])
    awake.want(True)
    await awake.settle()

    assert not awake.keeping_awake
    assert reports.seen == [
        (
            False,
            "no session D-Bus; no system D-Bus (no such file or directory)",
        )
    ]
    await awake.close()
    assert reports.seen[-1] == (False, "")


@needs_dbus
async def test_buses_without_the_services_fail_soft(buses: Buses) -> None:
    reports = Reports()
    awake = KeepAwake(reports, [ScreenSaverInhibit(), SleepInhibit()])
    awake.want(True)
    await awake.settle()
    assert reports.seen == [
        (False, "no screen saver service on the session D-Bus; logind is not running")
    ]
    await awake.close()


@needs_dbus
async def test_one_way_is_enough_and_the_other_is_named(buses: Buses) -> None:
    with fake_desktop(buses, screen_saver=False) as desktop:
        reports = Reports()
        awake = KeepAwake(reports, [ScreenSaverInhibit(), SleepInhibit()])
        awake.want(True)
        await awake.settle()
        assert reports.seen == [
            (
                True,
                "sleep is blocked through logind; no screen saver service on the session D-Bus",
            )
        ]
        await awake.close()
        await wait_until(lambda: desktop.calls("login1.released"))


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for caffeinate")
async def test_caffeinate_watches_the_host_and_ends_at_release(tmp_path: Path) -> None:
    arguments = tmp_path / "arguments"
    program = tmp_path / "caffeinate"
    program.write_text(f'#!/bin/sh\necho "$@" > {arguments}\nexec sleep 60\n')
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    reports = Reports()
    awake = KeepAwake(reports, [Caffeinate(program=str(program))])
    awake.want(True)
    await awake.settle()
    assert reports.seen == [(True, "caffeinate keeps the display and the system awake")]
    await wait_until(arguments.exists)
    await wait_until(lambda: arguments.read_text().strip() == f"-d -i -w {os.getpid()}")
    [hold] = awake._holds
    process = hold.process  # type: ignore[attr-defined]
    await awake.close()
    assert process.returncode == -signal.SIGTERM


async def test_a_missing_caffeinate_fails_soft(tmp_path: Path) -> None:
    reports = Reports()
    awake = KeepAwake(reports, [Caffeinate(program=str(tmp_path / "caffeinate"))])
    awake.want(True)
    await awake.settle()
    assert reports.seen == [(False, "caffeinate cannot be started (no such file or directory)")]


# The host: held while a session is open, released when it ends and when the host stops


@needs_dbus
async def test_the_host_keeps_awake_while_a_session_is_live(
    desktop: FakeDesktop, tmp_path: Path
) -> None:
    host = SessionHost(HostOptions(tmp_path, host="127.0.0.1", port=0, zeroconf=False))
    await host.start()
    try:
        assert host.feed is not None and host.service is not None
        feed, service = host.feed, host.service
        # Held before the first moderator can ask for a snapshot.
        assert feed.snapshot().host.keeping_awake
        assert "org.freedesktop.ScreenSaver" in feed.host_status.awake_detail
        [first] = desktop.calls("Inhibit")

        service.execute(EndSession())
        await wait_until(lambda: desktop.calls("UnInhibit"))
        assert desktop.calls("UnInhibit")[0]["args"] == [first["cookie"]]
        await wait_until(lambda: not feed.host_status.keeping_awake)
        assert feed.host_status == HostStatus(keeping_awake=False, awake_detail="")
        await wait_until(lambda: desktop.calls("login1.released"))

        service.start_next()  # what the new_session command does
        await wait_until(lambda: feed.host_status.keeping_awake)
        [_, second] = desktop.calls("Inhibit")
        assert second["cookie"] != first["cookie"]
    finally:
        await host.stop()
    uninhibits = desktop.calls("UnInhibit")
    assert [call["args"] for call in uninhibits] == [[first["cookie"]], [second["cookie"]]]
    await wait_until(lambda: len(desktop.calls("login1.released")) == 2)


@needs_dbus
async def test_a_host_stop_releases(desktop: FakeDesktop, tmp_path: Path) -> None:
    host = SessionHost(HostOptions(tmp_path, host="127.0.0.1", port=0, zeroconf=False))
    await host.start()
    try:
        assert host.feed is not None and host.feed.host_status.keeping_awake
    finally:
        await host.stop()
    [inhibit] = desktop.calls("Inhibit")
    [uninhibit] = desktop.calls("UnInhibit")
    assert uninhibit["args"] == [inhibit["cookie"]]
    await wait_until(lambda: desktop.calls("login1.released"))


@linux_only
async def test_a_host_without_a_bus_serves_and_says_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    host = SessionHost(HostOptions(tmp_path, host="127.0.0.1", port=0, zeroconf=False))
    await host.start()
    try:
        assert host.feed is not None
        status = host.feed.snapshot().host
        assert not status.keeping_awake
        assert status.awake_detail.startswith("no session D-Bus")
    finally:
        await host.stop()


# The host process: it holds, and what it holds goes with it


def bus_environment(buses: Buses) -> dict[str, str]:
    return {
        "DBUS_SESSION_BUS_ADDRESS": buses.session.address,
        "DBUS_SYSTEM_BUS_ADDRESS": buses.system.address,
    }


def held_both(desktop: FakeDesktop) -> bool:
    return bool(desktop.calls("Inhibit") and desktop.calls("Inhibit", LOGIN1_MANAGER))


@needs_dbus
@pytest.mark.slow
async def test_a_stopped_host_process_lets_go(
    buses: Buses, desktop: FakeDesktop, tmp_path: Path
) -> None:
    app = start_headless(tmp_path / "data", "--port", "0", env=bus_environment(buses))
    try:
        await wait_until(lambda: held_both(desktop))
    finally:
        assert app.terminate() == 0
    [inhibit] = desktop.calls("Inhibit")
    assert [call["args"] for call in desktop.calls("UnInhibit")] == [[inhibit["cookie"]]]
    await wait_until(lambda: desktop.calls("login1.released"))


@needs_dbus
@pytest.mark.slow
async def test_a_host_process_that_dies_lets_go_all_the_same(
    buses: Buses, desktop: FakeDesktop, tmp_path: Path
) -> None:
    """Killed, the host says nothing: the bus tells the screen saver that its connection
    is gone, and the kernel closes logind's descriptor."""
    app = start_headless(tmp_path / "data", "--port", "0", env=bus_environment(buses))
    try:
        await wait_until(lambda: held_both(desktop))
    finally:
        app.kill()
    [inhibit] = desktop.calls("Inhibit")
    await wait_until(lambda: desktop.calls("ScreenSaver.dropped"))
    assert desktop.calls("ScreenSaver.dropped")[0]["cookie"] == inhibit["cookie"]
    await wait_until(lambda: desktop.calls("login1.released"))
    assert desktop.calls("UnInhibit") == []
