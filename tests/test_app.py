"""The app's wiring: resume or start, the port plan, closing the console, the projector screen."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from facilitator.app import DEFAULT_PORT, ConfessionalApp, Options
from facilitator.core.model import SessionInfo
from facilitator.settings import Settings, load_settings
from tests.fake_screens import fake_screen, last_json_line, run_with_screens

X = "\N{MULTIPLICATION SIGN}"  # between width and height in the labels


def options(data_dir: Path, **changes: object) -> Options:
    base = {"data_dir": data_dir, "host": "127.0.0.1", "port": 0, "zeroconf": False}
    return Options(**{**base, **changes})  # type: ignore[arg-type]


async def test_closing_the_console_stops_the_app_in_order(tmp_path: Path) -> None:
    app = ConfessionalApp(options(tmp_path))
    await app.start()
    assert app.console is not None and app.projector is not None and app.join is not None
    assert app.join.join_url.startswith("http://127.0.0.1:")
    assert app.service is not None and app.service.session.port == app.join.port
    app.console.close()
    assert app.console.isVisible()  # the first close only asks the app to stop
    await asyncio.wait_for(app.wait_for_stop_request(), timeout=5)
    await app.stop()
    assert not app.console.isVisible() and not app.projector.isVisible()


async def test_headless_prints_exactly_one_json_line(tmp_path: Path) -> None:
    out = io.StringIO()
    app = ConfessionalApp(options(tmp_path, headless=True), stdout=out)
    await app.start()
    try:
        [line] = out.getvalue().splitlines()
        document = json.loads(line)
        assert set(document) == {"join_url", "moderator_url"}
        assert app.service is not None
        assert document["moderator_url"].endswith(
            f"/moderator/{app.service.session.moderator_secret}/"
        )
        assert app.console is None
    finally:
        await app.stop()


def test_the_console_decides_whether_to_resume(tmp_path: Path) -> None:
    asked: list[SessionInfo] = []

    def decline(session: SessionInfo) -> bool:
        asked.append(session)
        return False

    first = ConfessionalApp(options(tmp_path))
    original = first.open_session().session
    assert first.store is not None
    first.store.close()

    declined = ConfessionalApp(options(tmp_path), ask_resume=decline)
    assert declined.open_session().session.id != original.id
    assert [s.id for s in asked] == [original.id]
    assert declined.store is not None
    declined.store.close()

    resumed = ConfessionalApp(options(tmp_path), ask_resume=lambda session: True)
    assert resumed.open_session().session.id != original.id  # the newest unfinished one
    assert resumed.resumed
    assert resumed.store is not None
    resumed.store.close()


def test_port_plan(tmp_path: Path) -> None:
    app = ConfessionalApp(options(tmp_path, port=None))
    session = app.open_session().session
    assert app._port_plan(session) == (DEFAULT_PORT, True)
    assert app.service is not None
    app.service.set_port(45678)
    assert app._port_plan(app.service.session) == (45678, False)
    explicit = ConfessionalApp(options(tmp_path, port=5000))
    assert explicit._port_plan(app.service.session) == (5000, False)
    assert app.store is not None
    app.store.close()


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

    first = ConfessionalApp(options(tmp_path))
    await first.start()
    try:
        assert first.console is not None
        picker = first.console.projector_screen
        assert picker.choice() is None
        assert placed == [None]  # automatic: there is no settings file yet
        # The facilitator picks a screen (the offscreen platform has only the main one).
        picker.screen_chosen.emit("DP-2#MON42")
        assert placed == [None, "DP-2#MON42"]
        assert load_settings(tmp_path) == Settings(projector_screen="DP-2#MON42")
    finally:
        await first.stop()

    second = ConfessionalApp(options(tmp_path))
    await second.start()
    try:
        assert second.console is not None
        picker = second.console.projector_screen
        assert placed[-1] == "DP-2#MON42"
        assert picker.combo.currentText() == "DP-2 (not connected)"  # the projector falls back
        # Back to automatic, with the keyboard: Up skips the main screen, not choosable.
        picker.combo.setFocus()
        QTest.keyClick(picker.combo, Qt.Key.Key_Up)
        assert placed[-1] is None
        assert load_settings(tmp_path) == Settings()
    finally:
        await second.stop()


async def test_a_choice_that_cannot_be_saved_still_moves_the_projector(tmp_path: Path) -> None:
    (tmp_path / "settings.json").mkdir()  # nothing can be written there
    app = ConfessionalApp(options(tmp_path))
    await app.start()
    try:
        assert app.console is not None and app.projector is not None
        app.console.projector_screen.screen_chosen.emit("DP-2#MON42")
        assert app.settings.projector_screen == "DP-2#MON42"  # used for the rest of the run
        assert "could not be saved" in app.console.statusBar().currentMessage()
        assert app.projector.isVisible()
    finally:
        await app.stop()


_TWO_RUNS_SCRIPT = """
import asyncio, json, sys
from pathlib import Path
import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from facilitator.app import ConfessionalApp, Options

app = QApplication([])
app.setQuitOnLastWindowClosed(False)
options = Options(data_dir=Path(sys.argv[1]), host="127.0.0.1", port=0, zeroconf=False)
runs = []

async def run(choose: bool) -> None:
    confessional = ConfessionalApp(options)
    await confessional.start()
    try:
        picker = confessional.console.projector_screen
        placement = confessional.projector.placement
        seen = {"current": picker.combo.currentText(), "target": placement.target.name}
        if choose:
            picker.combo.setFocus()
            QTest.keyClick(picker.combo, Qt.Key.Key_End)  # the last screen: HDMI-1
            seen["after_choice"] = placement.target.name
        runs.append(seen)
    finally:
        await confessional.stop()

async def main() -> None:
    await run(choose=True)
    await run(choose=False)

asyncio.run(main(), loop_factory=lambda: qasync.QEventLoop(app))
print(json.dumps({"primary": app.primaryScreen().name(), "runs": runs}))
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
