"""The console's rehearsal control: start simulated phones, see them, stop them, and keep
a rehearsal's record if it is worth keeping."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import MAX_REHEARSAL_PHONES, EndSession
from facilitator.sim.launch import PACE_ENV
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.rehearsal_control import (
    ENDED_TEXT,
    KEPT_MESSAGE,
    MARKED_TEXT,
    RehearsalControl,
    running_text,
)
from tests.desktop_harness import running_desktop
from tests.ui.local_host import LocalHost
from tests.ui.test_console import click
from tests.ui.test_console_editing import shown
from tests.waiting import wait_until


def visible(console: ConsoleWindow, control: RehearsalControl) -> dict[str, bool]:
    return {
        "status": control.status_label.isVisibleTo(console),
        "start": control.start_button.isVisibleTo(console),
        "stop": control.stop_button.isVisibleTo(console),
        "keep": control.keep_button.isVisibleTo(console),
    }


def test_an_ordinary_session_offers_to_rehearse(qtbot: QtBot, console: ConsoleWindow) -> None:
    control = console.rehearsal
    assert control.start_button.text() == "Rehearse with simulated phones…"
    assert visible(console, control) == {
        "status": False,
        "start": True,
        "stop": False,
        "keep": False,
    }


def test_rehearse_asks_how_many_phones(qtbot: QtBot, console: ConsoleWindow) -> None:
    control = console.rehearsal
    click(qtbot, control.start_button)
    dialog = control.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.intValue() == 30
    assert (dialog.intMinimum(), dialog.intMaximum()) == (1, MAX_REHEARSAL_PHONES)
    dialog.setIntValue(12)
    dialog.accept()
    # This host has no audience to start (the windows are tested without one): it says so.
    qtbot.waitUntil(lambda: console.statusBar().currentMessage() != "")
    assert console.statusBar().currentMessage() == "This host cannot start a simulated audience."
    qtbot.waitUntil(lambda: control.dialog is None)


def test_a_running_rehearsal_is_shown_with_its_phones(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost
) -> None:
    control = console.rehearsal
    local.service.mark_rehearsal()
    qtbot.waitUntil(lambda: control.status_label.text() == MARKED_TEXT)
    local.feed.set_host_status(msgspec.structs.replace(local.feed.host_status, rehearsal_phones=3))
    qtbot.waitUntil(lambda: control.status_label.text() == "Rehearsal: 3 simulated phones")
    assert visible(console, control) == {
        "status": True,
        "start": False,
        "stop": True,
        "keep": False,
    }
    click(qtbot, control.stop_button)  # sent; this host has nothing to stop
    assert local.refusals == []
    detail = "The simulated audience stopped by itself (exit code 1)."
    local.feed.set_host_status(
        msgspec.structs.replace(local.feed.host_status, rehearsal_phones=0, rehearsal_detail=detail)
    )
    qtbot.waitUntil(lambda: control.status_label.text() == detail)
    assert control.start_button.isVisibleTo(console)
    assert running_text(1) == "Rehearsal: 1 simulated phone"


def test_an_ended_rehearsals_record_can_be_kept(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, tmp_path: Path
) -> None:
    control = console.rehearsal
    service.mark_rehearsal()
    shown(service, "I rehearsed the ending.")
    service.execute(EndSession())
    qtbot.waitUntil(lambda: control.keep_button.isVisibleTo(console))
    assert control.status_label.text() == ENDED_TEXT
    assert not control.start_button.isVisibleTo(console)
    assert all("rehearsals" in str(path) for path in console.ended_panel.paths())
    assert not (tmp_path / "transcripts").exists()

    click(qtbot, control.keep_button)

    assert sorted(p.suffix for p in (tmp_path / "transcripts").iterdir()) == [".json", ".md"]
    qtbot.waitUntil(lambda: not control.keep_button.isVisibleTo(console))
    assert console.statusBar().currentMessage() == KEPT_MESSAGE
    assert all(path.parent == tmp_path / "transcripts" for path in console.ended_panel.paths())
    assert not control.status_label.isVisibleTo(console)


async def test_the_console_starts_and_stops_a_real_audience(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PACE_ENV, "0.01")  # the host's audience inherits it
    async with running_desktop(tmp_path) as desktop:
        control = desktop.console.rehearsal
        control.start_button.click()
        dialog = control.dialog
        assert dialog is not None
        dialog.setIntValue(3)
        dialog.accept()
        await wait_until(lambda: control.status_label.text() == running_text(3))
        assert control.stop_button.isVisibleTo(desktop.console)
        await wait_until(lambda: desktop.service.phones_joined() == 3, timeout=20)
        assert desktop.service.room().shared_apart == 0
        assert desktop.service.session.rehearsal
        rehearsal = desktop.host.rehearsal
        assert rehearsal is not None and rehearsal.running

        control.stop_button.click()
        await wait_until(lambda: control.status_label.text() == MARKED_TEXT)
        assert control.start_button.isVisibleTo(desktop.console)
        assert not rehearsal.running
