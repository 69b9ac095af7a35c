"""The "Phones can't connect?" panel: the live count, the step with the facilitator's own
phone, the laptop's checks (simulated interfaces, a fake Windows check) and the advice."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import msgspec
import pytest
from pytestqt.qtbot import QtBot

from facilitator.join.network_checks import ADVICE, Check, Level
from facilitator.ui.connect_help import (
    FIREWALL_READING,
    SCAN_DONE,
    SCAN_WAITING,
    ConnectHelpDialog,
    phones_note,
    windows_firewall,
)
from facilitator.ui.console import ConsoleWindow
from tests.ui.local_host import LocalHost
from tests.ui.test_console import click

LAPTOP = [("lo", "127.0.0.1"), ("wlan0", "192.168.1.23"), ("docker0", "172.17.0.1")]


@pytest.fixture
def panel(qtbot: QtBot, console: ConsoleWindow) -> Iterator[ConnectHelpDialog]:
    console.phones_network.interfaces = lambda: LAPTOP
    console.phones_network.firewall = None  # not Windows
    click(qtbot, console.phones_network.help_button)
    dialog = console.phones_network.connect_help
    assert dialog is not None
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def seen(local: LocalHost, **changes: object) -> None:
    """What the host would say (``host.changed``)."""
    local.feed.set_host_status(msgspec.structs.replace(local.feed.host_status, **changes))


def texts(dialog: ConnectHelpDialog) -> list[tuple[Level, str]]:
    return [(check.level, check.text) for check in dialog.checks()]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no stacking
def test_it_opens_beside_the_console_from_the_join_panel(
    qtbot: QtBot, console: ConsoleWindow, panel: ConnectHelpDialog
) -> None:
    assert console.phones_network.help_button.text() == "Phones can't connect?"
    assert panel.isVisible() and not panel.isModal()  # the console stays usable
    assert panel.windowTitle() == "Phones can't connect?"
    assert panel.join_url.text() == "http://192.168.1.23:8080/"
    assert panel.qr.url() == "http://192.168.1.23:8080/"
    click(qtbot, console.phones_network.help_button)  # a second click: the same panel
    assert console.phones_network.connect_help is panel


def test_the_phones_connected_follow_the_host(
    qtbot: QtBot, local: LocalHost, panel: ConnectHelpDialog
) -> None:
    assert (panel.phones_number.text(), panel.phones_caption.text()) == ("0", "phones connected")
    assert "This laptop's own browser is not counted." in panel.phones_note.text()
    local.feed.set_phones_connected(1)
    qtbot.waitUntil(lambda: panel.phones_caption.text() == "phone connected")
    assert panel.phones_number.text() == "1"
    seen(local, rehearsal_phones=30)
    qtbot.waitUntil(lambda: "30 simulated phones are counted too" in panel.phones_note.text())


def test_the_scan_step_turns_green_when_a_phone_opens_the_page(
    qtbot: QtBot, local: LocalHost, panel: ConnectHelpDialog
) -> None:
    assert not panel.step_done()
    assert panel.scan_state.text() == SCAN_WAITING
    seen(local, phone_page_seen=True)
    qtbot.waitUntil(panel.step_done)
    assert panel.scan_state.text() == f"✓ {SCAN_DONE}"
    color = panel.scan_step.grab().toImage().pixelColor(4, panel.scan_step.height() // 2)
    assert color.green() > color.red() + 10  # green, not the white of a card


def test_the_laptops_checks_and_the_advice(
    qtbot: QtBot, local: LocalHost, panel: ConnectHelpDialog
) -> None:
    assert texts(panel) == [
        (Level.OK, "Phones join at 192.168.1.23 (wlan0): http://192.168.1.23:8080/"),
        (
            Level.NOTE,
            "This laptop has 2 addresses: 192.168.1.23 (wlan0), 172.17.0.1 (docker0). If "
            "phones cannot open the link, choose the one on the room's Wi-Fi or hotspot "
            "under Addresses of this laptop.",
        ),
        (Level.OK, "The laptop's address has not changed since the session host started."),
    ]
    # The laptop loses its network: "Check again" reads the interfaces again.
    panel._interfaces = lambda: [("lo", "127.0.0.1"), ("wlan0", "169.254.3.3")]
    click(qtbot, panel.check_again_button)
    [problem, _] = texts(panel)
    assert problem[0] is Level.PROBLEM and "only a self-assigned address" in problem[1]

    seen(local, address_changes=1, address_changed_from="10.0.0.5")
    qtbot.waitUntil(lambda: texts(panel)[-1][0] is Level.NOTE)
    assert "The laptop's address changed (it was 10.0.0.5)" in texts(panel)[-1][1]

    advice = panel.findChildren(type(panel.phones_note))
    words = " ".join(label.text() for label in advice)
    for title, text in ADVICE:
        assert title in words and text in words


def test_the_wifi_and_the_sheet_are_one_click_away(
    qtbot: QtBot, console: ConsoleWindow, panel: ConnectHelpDialog
) -> None:
    click(qtbot, panel.wifi_button)
    assert console.phones_network.wifi_dialog is not None
    console.phones_network.wifi_dialog.reject()
    click(qtbot, panel.sheet_button)
    assert console.phones_network.sheet_dialog is not None
    console.phones_network.sheet_dialog.reject()
    click(qtbot, panel.close_button)
    qtbot.waitUntil(lambda: console.phones_network.connect_help is None)


def test_on_windows_the_firewall_is_asked_off_the_gui_thread(
    qtbot: QtBot, local: LocalHost
) -> None:
    asked: list[tuple[str, str]] = []
    release = threading.Event()

    def firewall(ip: str) -> Check:
        asked.append((ip, threading.current_thread().name))
        release.wait(5)
        return Check(Level.NOTE, "Windows treats the network “Venue-Guest” as public, …")

    dialog = ConnectHelpDialog(local.mirror, interfaces=lambda: LAPTOP, firewall=firewall)
    qtbot.addWidget(dialog)
    dialog.show()
    assert texts(dialog)[-1] == (Level.NOTE, FIREWALL_READING)
    release.set()
    qtbot.waitUntil(lambda: "Venue-Guest" in texts(dialog)[-1][1])
    assert asked[0][0] == "192.168.1.23"
    assert asked[0][1] != threading.current_thread().name
    dialog.close()


def test_the_windows_check_is_made_on_windows_only() -> None:
    assert windows_firewall("linux") is None and windows_firewall("darwin") is None
    assert windows_firewall("win32") is not None


def test_who_the_count_is_is_said_plainly() -> None:
    assert "A rehearsal" not in phones_note(0)
    assert "its 1 simulated phone is counted too" in phones_note(1)
    assert "Stop it to see real phones alone." in phones_note(12)
