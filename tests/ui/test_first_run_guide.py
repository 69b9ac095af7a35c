"""The first-run guide: opens by itself once on a laptop, again from the console, never in
tests or without being asked."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from facilitator.settings import load_settings
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.first_run_guide import STEPS
from tests.desktop_harness import running_desktop
from tests.ui.test_console import click
from tests.waiting import wait_until


def test_getting_started_opens_the_guide_again(qtbot: QtBot, console: ConsoleWindow) -> None:
    assert console.guide is None  # not by itself: the app decides that
    click(qtbot, console.guide_button)
    guide = console.guide
    assert guide is not None and guide.isVisible()
    assert guide.windowTitle() == "Getting started"
    assert guide.step_titles == [
        "Connect the projector",
        "Get phones in",
        "Rehearse",
        "During the session",
        "The end and the record",
    ]
    assert [title for title, _ in STEPS] == guide.step_titles
    click(qtbot, guide.start_button)
    qtbot.waitUntil(lambda: console.guide is None)


def test_the_guide_leads_to_phones_cant_connect(qtbot: QtBot, console: ConsoleWindow) -> None:
    console.phones_network.interfaces = lambda: [("wlan0", "192.168.1.23")]
    console.phones_network.firewall = None
    console.open_guide()
    assert console.guide is not None
    click(qtbot, console.guide.connect_help_button)
    qtbot.waitUntil(lambda: console.guide is None)
    panel = console.phones_network.connect_help
    assert panel is not None and panel.isVisible()
    panel.close()


async def test_the_guide_opens_by_itself_once_on_a_laptop(tmp_path: Path) -> None:
    async with running_desktop(tmp_path, first_run_guide=True) as first:
        guide = first.console.guide
        assert guide is not None and guide.isVisible()
        assert load_settings(tmp_path).first_run_guide_seen  # remembered at once
        guide.start_button.click()
        await wait_until(lambda: first.console.guide is None)

    async with running_desktop(tmp_path, new_session=False, first_run_guide=True) as second:
        assert second.console.guide is None  # not a second time
        second.console.guide_button.click()
        assert second.console.guide is not None  # but there when asked for
        second.console.guide.reject()


async def test_unless_the_app_is_asked_it_never_opens(tmp_path: Path) -> None:
    async with running_desktop(tmp_path) as desktop:  # as every other desktop test
        assert desktop.console.guide is None
    assert not load_settings(tmp_path).first_run_guide_seen
