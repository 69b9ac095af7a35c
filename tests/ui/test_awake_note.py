"""The console says whether the host keeps the laptop awake, and reminds of Do Not Disturb."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from facilitator.protocol.commands import EndSession
from facilitator.protocol.moderator import HostStatus
from facilitator.ui.awake_note import KEEPING_TEXT
from facilitator.ui.console import ConsoleWindow
from tests.dbus_harness import dbus_buses, fake_desktop, needs_dbus
from tests.desktop_harness import running_desktop
from tests.ui.local_host import LocalHost
from tests.waiting import wait_until

HOW = "the screen saver is held off (org.freedesktop.ScreenSaver)"
DND = "Turn on Do Not Disturb so no notification reaches the projector."


def shown_note(console: ConsoleWindow) -> str:
    """What the note says in the status bar, "" while hidden."""
    note = console.awake_note
    return note.text() if note.isVisibleTo(console) else ""


def test_the_note_follows_the_host_status(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost
) -> None:
    console.resize(1600, 800)  # room for every word
    note = console.awake_note
    assert shown_note(console) == ""  # the host has said nothing yet

    local.feed.set_host_status(HostStatus(keeping_awake=True, awake_detail=HOW))
    qtbot.waitUntil(lambda: shown_note(console) == f"Keeping the laptop awake · {DND}")
    assert note.toolTip() == f"Keeping the laptop awake: {HOW}.\n{DND}"
    assert not note.warning

    local.feed.set_host_status(HostStatus(awake_detail="no session D-Bus"))
    sentence = "This laptop may sleep: no session D-Bus. Turn off sleep in its settings."
    qtbot.waitUntil(lambda: shown_note(console) == sentence)
    assert note.warning and note.toolTip() == f"{sentence}\n{DND}"

    local.feed.set_host_status(HostStatus(keeping_awake=True, awake_detail=HOW))
    assert not note.warning

    local.feed.set_host_status(HostStatus())  # let go: the session ended
    assert shown_note(console) == ""


def test_on_a_small_screen_the_note_says_less_and_the_tooltip_all(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost
) -> None:
    local.feed.set_host_status(HostStatus(keeping_awake=True, awake_detail=HOW))
    console.resize(1280, 800)
    qtbot.waitUntil(
        lambda: shown_note(console) == "Keeping the laptop awake · Turn on Do Not Disturb"
    )
    console.resize(1024, 680)  # the console's smallest
    qtbot.waitUntil(lambda: shown_note(console) == "Do Not Disturb on?")
    assert DND in console.awake_note.toolTip()
    assert console.awake_note.full_text == KEEPING_TEXT


def test_a_new_snapshot_brings_the_status(qtbot: QtBot, local: LocalHost) -> None:
    local.feed.set_host_status(HostStatus(keeping_awake=True, awake_detail=HOW))
    console = ConsoleWindow(local.mirror, local)
    qtbot.addWidget(console)
    console.resize(1600, 800)
    console.show()
    qtbot.waitExposed(console)
    qtbot.waitUntil(lambda: shown_note(console) == KEEPING_TEXT)


async def test_a_host_that_cannot_keep_awake_is_shown(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    async with running_desktop(tmp_path / "data") as desktop:
        note = desktop.console.awake_note
        await wait_until(lambda: note.full_text.startswith("This laptop may sleep: "))
        assert note.isVisibleTo(desktop.console) and note.warning
        assert note.full_text.endswith(". Turn off sleep in its settings.")


@needs_dbus
async def test_the_console_shows_what_the_host_holds_until_the_session_ends(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with dbus_buses(monkeypatch) as buses, fake_desktop(buses) as fake:
        async with running_desktop(tmp_path) as desktop:
            console = desktop.console
            note = console.awake_note
            await wait_until(lambda: note.full_text == KEEPING_TEXT)
            assert note.isVisibleTo(console) and not note.warning
            assert "org.freedesktop.ScreenSaver" in note.toolTip()
            desktop.service.execute(EndSession())
            await wait_until(lambda: not note.isVisibleTo(console))
            assert len(fake.calls("UnInhibit")) == 1
