"""Choosing the projector's screen, by name and serial, and placing the window there."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from facilitator.ui.screens import ProjectorPlacement, ScreenId, choose_projector_screen
from tests.fake_screens import fake_screen, last_json_line, run_with_screens

LAPTOP = ScreenId("eDP-1", "LAP123")
HDMI = ScreenId("HDMI-1", "PROJ9")
DP = ScreenId("DP-2", "MON42")


def test_one_screen_means_a_window() -> None:
    assert choose_projector_screen([LAPTOP], LAPTOP) is None
    assert choose_projector_screen([], None) is None


def test_the_first_screen_that_is_not_primary() -> None:
    assert choose_projector_screen([LAPTOP, HDMI, DP], LAPTOP) == HDMI
    assert choose_projector_screen([HDMI, LAPTOP, DP], LAPTOP) == HDMI
    assert choose_projector_screen([HDMI, LAPTOP], HDMI) == LAPTOP


def test_the_preferred_screen_when_connected() -> None:
    assert choose_projector_screen([LAPTOP, HDMI, DP], LAPTOP, DP) == DP
    # Gone: fall back to the first non-primary screen.
    assert choose_projector_screen([LAPTOP, HDMI], LAPTOP, DP) == HDMI
    # The primary screen holds the console: never full screen there.
    assert choose_projector_screen([LAPTOP, HDMI], LAPTOP, LAPTOP) == HDMI


def test_the_same_monitor_on_another_port_is_still_preferred() -> None:
    moved = ScreenId("HDMI-2", DP.serial)
    assert choose_projector_screen([LAPTOP, HDMI, moved], LAPTOP, DP) == moved


def test_a_preference_without_serial_matches_by_name() -> None:
    assert choose_projector_screen([LAPTOP, HDMI, DP], LAPTOP, ScreenId("DP-2")) == DP


def test_screen_keys_round_trip() -> None:
    for screen in (LAPTOP, ScreenId("HDMI-1"), ScreenId("Built-in Retina Display", "")):
        assert ScreenId.from_key(screen.key) == screen


def test_single_screen_shows_a_normal_window(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    placement = ProjectorPlacement(window)
    descriptions: list[str] = []
    placement.placement_changed.connect(descriptions.append)
    placement.place()
    assert placement.target is None
    assert window.isVisible()
    assert not window.isFullScreen()
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert descriptions == ["Projector: only one screen, shown as a window"]
    placement.stop()


def test_screen_changes_are_debounced(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    placement = ProjectorPlacement(window, debounce_ms=350)
    placement.place()
    window.hide()
    for _ in range(5):  # a monitor announcing itself in steps
        placement.schedule()
    assert not window.isVisible()
    qtbot.waitUntil(window.isVisible, timeout=2000)
    placement.stop()


_PLACE_SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtCore import Qt
from facilitator.ui.screens import ProjectorPlacement
app = QApplication([])
window = QWidget()
placement = ProjectorPlacement(window, sys.argv[1] or None)
placement.place()
app.processEvents()
geometry = window.geometry()
print(json.dumps({
    "primary": app.primaryScreen().name(),
    "target": placement.target.name if placement.target else None,
    "screen": window.screen().name(),
    "full_screen": window.isFullScreen(),
    "frameless": bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint),
    "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
    "description": placement.description,
}))
"""


def _place_with_screens(
    tmp_path: Path, screens: list[dict[str, object]], preferred: str = ""
) -> dict[str, object]:
    return last_json_line(run_with_screens(tmp_path, screens, _PLACE_SCRIPT, preferred))


def test_full_screen_on_the_secondfake_screen(tmp_path: Path) -> None:
    # The offscreen platform sorts its screens by name and makes the first one primary.
    placed = _place_with_screens(
        tmp_path,
        [fake_screen("Built-in Display", 0, 1280, 800), fake_screen("HDMI-1", 1280, 1920, 1080)],
    )
    if placed["primary"] != "Built-in Display":
        pytest.skip(f"this Qt makes {placed['primary']} primary")
    assert placed["target"] == "HDMI-1"
    assert placed["screen"] == "HDMI-1"
    assert placed["full_screen"] is True
    assert placed["frameless"] is True
    assert placed["geometry"] == [1280, 0, 1920, 1080]
    assert placed["description"] == "Projector: full screen on HDMI-1"


def test_full_screen_on_the_preferredfake_screen(tmp_path: Path) -> None:
    placed = _place_with_screens(
        tmp_path,
        [
            fake_screen("Built-in Display", 0, 1280, 800),
            fake_screen("DP-2", 1280, 1920, 1080),
            fake_screen("HDMI-1", 3200, 1024, 768),
        ],
        preferred="HDMI-1",
    )
    if placed["primary"] != "Built-in Display":
        pytest.skip(f"this Qt makes {placed['primary']} primary")
    assert placed["screen"] == "HDMI-1"  # not DP-2, the first non-primary screen
    assert placed["geometry"] == [3200, 0, 1024, 768]
