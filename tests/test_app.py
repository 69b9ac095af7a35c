"""The desktop app's wiring: connecting, closing, the host's port plan, the projector screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from facilitator.app import ask_for_new_session
from facilitator.core.events import EventBus
from facilitator.core.model import SessionInfo
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.host.session_host import DEFAULT_PORT, HostOptions, SessionHost
from facilitator.join.wifi import RoomWifi
from facilitator.settings import Settings, load_settings
from tests.desktop_harness import running_desktop
from tests.fake_screens import fake_screen, last_json_line, run_with_screens
from tests.waiting import wait_until

X = "\N{MULTIPLICATION SIGN}"  # between width and height in the labels


async def test_the_console_opens_on_the_host_s_snapshot(tmp_path: Path) -> None:
    async with running_desktop(tmp_path) as desktop:
        service = desktop.service
        phone = service.participant(service.join())
        service.submit(phone, "client-app-0001", "I shipped on a Friday.")
        await wait_until(lambda: desktop.console.incoming_list.count() == 1)
        assert desktop.console.join_panel.join_url_label.text() == desktop.link.join_url
        assert desktop.app.connection.live
        assert desktop.console.host_status.text() == ""


async def test_closing_to_continue_later_stops_the_host_and_keeps_the_session(
    tmp_path: Path,
) -> None:
    async with running_desktop(tmp_path) as desktop:
        console, projector = desktop.console, desktop.projector
        assert not console.close()  # asks first
        assert console.close_dialog is not None and console.close_later_button is not None
        console.close_later_button.click()
        await wait_until(desktop.app._stop_requested.is_set)
        await desktop.app.stop()
        assert not console.isVisible() and not projector.isVisible()
        await wait_until(desktop.host._stop_requested.is_set)  # stop_host was sent
        assert desktop.service.session.is_open


async def test_closing_can_end_the_session_first(tmp_path: Path) -> None:
    async with running_desktop(tmp_path) as desktop:
        console = desktop.console
        assert not console.close()
        assert console.close_dialog is not None and console.close_end_button is not None
        console.close_end_button.click()
        await wait_until(desktop.app._stop_requested.is_set)
        assert not desktop.service.session.is_open
        assert len(list((tmp_path / "transcripts").glob("*.md"))) == 1


def test_the_facilitator_decides_whether_to_resume(tmp_path: Path) -> None:
    asked: list[SessionInfo] = []

    def decline(session: SessionInfo) -> bool:
        asked.append(session)
        return False

    assert ask_for_new_session(tmp_path, new_session=False, ask_resume=decline) is False
    assert asked == []  # nothing to resume: a new session without a question
    store = Store.open(tmp_path)
    unfinished = SessionService.start_new(store, EventBus(), tmp_path / "t").session
    store.close()
    assert ask_for_new_session(tmp_path, new_session=False, ask_resume=decline) is True
    assert [s.id for s in asked] == [unfinished.id]
    assert ask_for_new_session(tmp_path, new_session=False, ask_resume=lambda s: True) is False
    assert ask_for_new_session(tmp_path, new_session=True, ask_resume=decline) is True
    assert len(asked) == 1  # --new-session: nothing to ask


def test_the_host_s_port_plan(tmp_path: Path) -> None:
    host = SessionHost(HostOptions(tmp_path, port=None))
    service = host.open_session()
    assert host._port_plan(service.session) == (DEFAULT_PORT, True)
    service.set_port(45678)
    assert host._port_plan(service.session) == (45678, False)  # phones know that port
    explicit = SessionHost(HostOptions(tmp_path, port=5000))
    assert explicit._port_plan(service.session) == (5000, False)
    assert host.store is not None
    host.store.close()


async def test_the_projector_screen_chosen_is_used_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.ui.projector import ProjectorWindow

    placed: list[str | None] = []
    place = ProjectorWindow.place

    def recording_place(window: ProjectorWindow, preferred_screen: str | None = None) -> None:
        placed.append(preferred_screen)
        place(window, preferred_screen)

    monkeypatch.setattr(ProjectorWindow, "place", recording_place)

    async with running_desktop(tmp_path) as first:
        picker = first.console.projector_screen
        assert picker.choice() is None
        assert placed == [None]  # automatic: there is no settings file yet
        # The facilitator picks a screen (the offscreen platform has only the main one).
        picker.screen_chosen.emit("DP-2#MON42")
        assert placed == [None, "DP-2#MON42"]
        assert load_settings(tmp_path) == Settings(projector_screen="DP-2#MON42")

    async with running_desktop(tmp_path, new_session=False) as second:
        picker = second.console.projector_screen
        assert placed[-1] == "DP-2#MON42"
        assert picker.combo.currentText() == "DP-2 (not connected)"  # the projector falls back
        # Back to automatic, with the keyboard: Up skips the main screen, not choosable.
        picker.combo.setFocus()
        QTest.keyClick(picker.combo, Qt.Key.Key_Up)
        assert placed[-1] is None
        assert load_settings(tmp_path) == Settings()


async def test_a_choice_that_cannot_be_saved_still_moves_the_projector(tmp_path: Path) -> None:
    (tmp_path / "settings.json").mkdir()  # nothing can be written there
    async with running_desktop(tmp_path) as desktop:
        desktop.console.projector_screen.screen_chosen.emit("DP-2#MON42")
        assert desktop.app.settings.projector_screen == "DP-2#MON42"  # for the rest of the run
        assert "could not be saved" in desktop.console.statusBar().currentMessage()
        assert desktop.projector.isVisible()


async def test_the_wifi_chosen_is_on_the_join_slide_at_the_next_start(tmp_path: Path) -> None:
    wifi = RoomWifi("Riverside Guest", "summer-2026")
    async with running_desktop(tmp_path) as first:
        assert first.projector.wifi() is None and not first.projector.shows_wifi()
        first.console.phones_network.wifi_chosen.emit(wifi)
        assert first.projector.shows_wifi()
        assert load_settings(tmp_path) == Settings(wifi=wifi)
        first.console.projector_screen.screen_chosen.emit("DP-2#MON42")
        assert load_settings(tmp_path) == Settings(projector_screen="DP-2#MON42", wifi=wifi)

    async with running_desktop(tmp_path, new_session=False) as second:
        assert second.projector.wifi() == wifi and second.projector.shows_wifi()
        assert second.console.phones_network.wifi() == wifi
        second.console.phones_network.wifi_chosen.emit(None)
        assert not second.projector.shows_wifi()
        assert load_settings(tmp_path).wifi is None


async def test_a_wifi_that_cannot_be_saved_is_still_shown(tmp_path: Path) -> None:
    (tmp_path / "settings.json").mkdir()  # nothing can be written there
    async with running_desktop(tmp_path) as desktop:
        desktop.console.phones_network.wifi_chosen.emit(RoomWifi("Hall", "summer-2026"))
        assert desktop.projector.shows_wifi()
        assert "could not be saved" in desktop.console.statusBar().currentMessage()


_TWO_RUNS_SCRIPT = """
import asyncio, json, sys
from pathlib import Path
import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from tests.desktop_harness import running_desktop

app = QApplication([])
app.setQuitOnLastWindowClosed(False)
runs = []

async def run(choose: bool) -> None:
    async with running_desktop(Path(sys.argv[1])) as desktop:
        picker = desktop.console.projector_screen
        placement = desktop.projector.placement
        seen = {"current": picker.combo.currentText(), "target": placement.target.name}
        if choose:
            picker.combo.setFocus()
            QTest.keyClick(picker.combo, Qt.Key.Key_End)  # the last screen: HDMI-1
            seen["after_choice"] = placement.target.name
        runs.append(seen)

async def main() -> None:
    await run(choose=True)
    await run(choose=False)

asyncio.run(main(), loop_factory=lambda: qasync.QEventLoop(app))
print(json.dumps({"primary": app.primaryScreen().name(), "runs": runs}), flush=True)
from facilitator.app import destroy_windows
destroy_windows()
"""


def test_with_three_screens_the_chosen_one_is_the_projector_s_at_the_next_start(
    tmp_path: Path,
) -> None:
    screens = [
        fake_screen("Built-in Display", 0, 1280, 800),
        fake_screen("DP-2", 1280, 1920, 1080),
        fake_screen("HDMI-1", 3200, 1024, 768),
    ]
    data_dir = tmp_path / "data"
    result = run_with_screens(
        tmp_path, screens, _TWO_RUNS_SCRIPT, str(data_dir), timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    outcome: dict[str, Any] = last_json_line(result)
    if outcome["primary"] != "Built-in Display":
        pytest.skip(f"this Qt makes {outcome['primary']} primary")
    first, second = outcome["runs"]
    assert first["current"].startswith("Automatic")
    assert first["target"] == "DP-2"  # automatic: the first screen that is not the main one
    assert first["after_choice"] == "HDMI-1"
    assert second["current"] == f"HDMI-1 — 1024{X}768"
    assert second["target"] == "HDMI-1"
    assert load_settings(data_dir) == Settings(projector_screen="HDMI-1")


_MALFORMED_SESSION_SCRIPT = """
import json, sys
from PySide6.QtWidgets import QMessageBox
from facilitator.cli import main
from facilitator.ui.host_process import HostSupervisor

seen = {"boxes": [], "hosts": 0}

def shown(box: QMessageBox) -> int:
    seen["boxes"].append(box.text())
    return 0

async def spawned(*args: object, **kwargs: object) -> None:
    seen["hosts"] += 1
    raise AssertionError("no host may start")

QMessageBox.exec = shown
HostSupervisor.find_running = spawned
HostSupervisor.start = spawned
seen["code"] = main(["--data-dir", sys.argv[1], "--session", sys.argv[2]])
print(json.dumps(seen), flush=True)
"""


def test_a_malformed_session_file_is_said_and_nothing_starts(tmp_path: Path) -> None:
    from facilitator.cli import EXIT_SETUP_FILE
    from facilitator.core.setup_file import SetupFileError, read_setup_file
    from facilitator.core.store import DATABASE_NAME

    prepared = tmp_path / "ward-7.toml"
    prepared.write_text("format = 1\ntitle = 'Ward 7'\nmax_length = 5000\n", encoding="utf-8")
    with pytest.raises(SetupFileError) as refused:
        read_setup_file(prepared)
    data_dir = tmp_path / "data"
    screens = [fake_screen("Built-in Display", 0, 1280, 800)]
    result = run_with_screens(
        tmp_path, screens, _MALFORMED_SESSION_SCRIPT, str(data_dir), str(prepared), check=False
    )
    assert result.returncode == 0, result.stderr
    outcome: dict[str, Any] = last_json_line(result)
    assert outcome["code"] == EXIT_SETUP_FILE
    assert outcome["boxes"] == [str(refused.value)]  # the file and its field, said once
    assert "max_length" in outcome["boxes"][0] and str(prepared) in outcome["boxes"][0]
    assert outcome["hosts"] == 0
    assert not (data_dir / DATABASE_NAME).exists()
