"""The console's clocks: the session's since ``started_at`` and the confession's since its
``shown_at``, by the host's clock (corrected by the projector state's ``now``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Blank, EndSession
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.timers import elapsed_text, parse_utc
from tests.ui.helpers import project
from tests.ui.local_host import LocalHost


def test_elapsed_text() -> None:
    assert elapsed_text(0) == "0:00"
    assert elapsed_text(65.9) == "1:05"
    assert elapsed_text(3599) == "59:59"
    assert elapsed_text(3600) == "1:00:00"
    assert elapsed_text(125, hours=True) == "0:02:05"
    assert elapsed_text(-3) == "0:00"  # a clock a little behind the host's
    assert parse_utc("2026-11-30T05:00:00+00:00") == datetime(2026, 11, 30, 5, tzinfo=UTC)
    assert parse_utc("2026-11-30T05:00:00") == datetime(2026, 11, 30, 5, tzinfo=UTC)
    assert parse_utc("") is None and parse_utc(None) is None and parse_utc("soon") is None


def started(local: LocalHost) -> datetime:
    session = local.mirror.session
    assert session is not None
    moment = parse_utc(session.started_at)
    assert moment is not None
    return moment


def test_the_session_clock_counts_from_the_start(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost, service: SessionService
) -> None:
    timers = console.timers
    timers.set_clock(lambda: started(local) + timedelta(hours=1, minutes=2, seconds=3))
    assert timers.session_label.text() == "Session 1:02:03"
    assert timers.session_label.isVisibleTo(console)
    assert not timers.item_label.isVisibleTo(console)  # nothing on screen
    service.execute(EndSession())
    qtbot.waitUntil(lambda: not timers.session_label.isVisibleTo(console))


def test_the_confession_timer_counts_from_when_it_went_up(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost, service: SessionService
) -> None:
    item = project(service, "I ran the migration twice.")
    qtbot.waitUntil(lambda: console.timers.item_label.isVisibleTo(console))
    qtbot.wait(50)  # the host's screen state arrives: its clock corrects ours
    shown = parse_utc(local.mirror.items[item].shown_at)
    assert shown is not None
    timers = console.timers
    timers.set_clock(lambda: shown + timedelta(minutes=2, seconds=5))
    assert timers.item_label.text() == "2:05"
    timers.set_clock(lambda: shown + timedelta(hours=1, seconds=1))
    assert timers.item_label.text() == "1:00:01"
    service.execute(Blank())
    qtbot.waitUntil(lambda: not timers.item_label.isVisibleTo(console))


def test_the_clock_follows_the_hosts(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost
) -> None:
    """The console's clock is 30 s behind the host's: the projector state's ``now`` says so."""
    start = started(local)
    ours = start + timedelta(minutes=10)
    timers = console.timers
    timers.set_clock(lambda: ours)
    assert timers.session_label.text() == "Session 0:10:00"
    state = local.mirror.projector
    assert state is not None
    host_now = (ours + timedelta(seconds=30)).isoformat(timespec="seconds")
    local.mirror.projector_changed.emit(msgspec.structs.replace(state, now=host_now))
    assert timers.offset() == timedelta(seconds=30)
    assert timers.session_label.text() == "Session 0:10:30"


def test_the_timers_tick_every_second(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost
) -> None:
    now = [started(local) + timedelta(seconds=5)]
    console.timers.set_clock(lambda: now[0])
    assert console.timers.session_label.text() == "Session 0:00:05"
    now[0] += timedelta(seconds=1)
    qtbot.waitUntil(lambda: console.timers.session_label.text() == "Session 0:00:06", timeout=2500)
