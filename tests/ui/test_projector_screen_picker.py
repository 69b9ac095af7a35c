"""The facilitator's choice of the projector's screen, as a list that follows the screens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.ui.console import ConsoleWindow
from facilitator.ui.projector_screen_picker import (
    AUTOMATIC,
    ProjectorScreenPicker,
    ScreenInfo,
    screen_choices,
    screen_label,
)
from facilitator.ui.screens import ScreenId
from tests.fake_screens import fake_screen, last_json_line, run_with_screens

X = "\N{MULTIPLICATION SIGN}"  # between width and height in the labels
LAPTOP = ScreenInfo(ScreenId("eDP-1", "LAP123"), "BOE 0x095F", 2880, 1800)
HDMI = ScreenInfo(ScreenId("HDMI-1", "PROJ9"), "BenQ MW632ST", 1920, 1080)
DP = ScreenInfo(ScreenId("DP-2", "MON42"), "DELL U2720Q", 3840, 2160)


def labels(picker: ProjectorScreenPicker) -> list[str]:
    return [picker.combo.itemText(i) for i in range(picker.combo.count())]


# The list, from screens described as data


def test_automatic_first_then_every_screen_the_main_one_not_choosable() -> None:
    choices, selected = screen_choices([LAPTOP, HDMI, DP], LAPTOP.id, None)
    assert [c.label for c in choices] == [
        AUTOMATIC,
        f"eDP-1 — BOE 0x095F, 2880{X}1800 (main screen)",
        f"HDMI-1 — BenQ MW632ST, 1920{X}1080",
        f"DP-2 — DELL U2720Q, 3840{X}2160",
    ]
    assert [c.key for c in choices] == [None, "eDP-1#LAP123", "HDMI-1#PROJ9", "DP-2#MON42"]
    assert [c.enabled for c in choices] == [True, False, True, True]
    assert selected == 0


def test_the_chosen_screen_is_selected() -> None:
    _, selected = screen_choices([LAPTOP, HDMI, DP], LAPTOP.id, "DP-2#MON42")
    assert selected == 3


def test_a_monitor_on_another_port_is_still_the_chosen_one() -> None:
    moved = ScreenInfo(ScreenId("HDMI-2", "MON42"), "DELL U2720Q", 3840, 2160)
    choices, selected = screen_choices([LAPTOP, HDMI, moved], LAPTOP.id, "DP-2#MON42")
    assert choices[selected].label == f"HDMI-2 — DELL U2720Q, 3840{X}2160"
    assert len(choices) == 4  # nothing "not connected"


def test_a_choice_without_serial_matches_by_name() -> None:
    _, selected = screen_choices([LAPTOP, HDMI, DP], LAPTOP.id, "HDMI-1")
    assert selected == 2


def test_a_remembered_screen_that_is_not_connected_stays_selected() -> None:
    choices, selected = screen_choices([LAPTOP, HDMI], LAPTOP.id, "DP-2#MON42")
    assert [c.label for c in choices][-1] == "DP-2 (not connected)"
    assert selected == len(choices) - 1
    assert choices[selected].key == "DP-2#MON42"
    assert choices[selected].enabled


def test_labels() -> None:
    assert screen_label(HDMI, 2) == f"HDMI-1 — BenQ MW632ST, 1920{X}1080"
    # macOS and Windows often name a screen after its model: no need to say it twice.
    named = ScreenInfo(ScreenId("DELL U2720Q", "MON42"), "DELL U2720Q", 3840, 2160)
    assert screen_label(named, 1) == f"DELL U2720Q — 3840{X}2160"
    assert screen_label(ScreenInfo(ScreenId("HDMI-1")), 1) == "HDMI-1"
    assert screen_label(ScreenInfo(ScreenId(""), "", 800, 600), 3) == f"Screen 3 — 800{X}600"


def test_a_screen_without_name_or_serial_cannot_be_remembered() -> None:
    nameless = ScreenInfo(ScreenId(""), "", 1920, 1080)
    choices, _ = screen_choices([LAPTOP, nameless], LAPTOP.id, None)
    assert not choices[2].enabled


# The widget, on the offscreen platform's one screen


@pytest.fixture
def picker(qtbot: QtBot) -> ProjectorScreenPicker:
    widget = ProjectorScreenPicker()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def only_screen() -> str:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    info = ScreenInfo.of(screen)
    return f"{screen_label(info, 1)} (main screen)"


def test_lists_the_connected_screen(picker: ProjectorScreenPicker) -> None:
    assert labels(picker) == [AUTOMATIC, only_screen()]
    assert picker.combo.currentIndex() == 0
    assert picker.choice() is None
    assert not picker.choices()[1].enabled  # the console's screen


def test_a_remembered_screen_that_is_not_connected(
    qtbot: QtBot, picker: ProjectorScreenPicker
) -> None:
    with qtbot.assertNotEmitted(picker.screen_chosen):
        picker.set_choice("HDMI-1#PROJ9")
    assert labels(picker) == [AUTOMATIC, only_screen(), "HDMI-1 (not connected)"]
    assert picker.combo.currentText() == "HDMI-1 (not connected)"
    assert picker.choice() == "HDMI-1#PROJ9"


def test_choosing_automatic_emits_none_and_forgets_the_missing_screen(
    qtbot: QtBot, picker: ProjectorScreenPicker
) -> None:
    picker.set_choice("HDMI-1#PROJ9")
    picker.combo.setFocus()
    with qtbot.waitSignal(picker.screen_chosen) as chosen:
        qtbot.keyClick(picker.combo, Qt.Key.Key_Up)  # skips the main screen: not choosable
    assert chosen.args == [None]
    assert picker.choice() is None
    assert labels(picker) == [AUTOMATIC, only_screen()]
    assert picker.combo.currentIndex() == 0
    with qtbot.assertNotEmitted(picker.screen_chosen):
        qtbot.keyClick(picker.combo, Qt.Key.Key_Down)  # nothing else to choose


def test_the_wheel_does_not_change_the_choice(qtbot: QtBot, picker: ProjectorScreenPicker) -> None:
    picker.set_choice("HDMI-1#PROJ9")
    centre = QPointF(picker.combo.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(picker.combo.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),  # up, towards "Automatic"
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    with qtbot.assertNotEmitted(picker.screen_chosen):
        QApplication.sendEvent(picker.combo, wheel)
    assert picker.combo.currentText() == "HDMI-1 (not connected)"


def test_follows_screens_being_unplugged_and_plugged_in(picker: ProjectorScreenPicker) -> None:
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    screen = app.primaryScreen()
    assert screen is not None
    picker.set_choice("HDMI-1#PROJ9")
    # What the platform announces (the offscreen platform cannot plug in a screen itself).
    app.screenRemoved.emit(screen)
    assert labels(picker) == [AUTOMATIC, "HDMI-1 (not connected)"]
    app.screenAdded.emit(screen)
    assert labels(picker) == [AUTOMATIC, only_screen(), "HDMI-1 (not connected)"]
    assert picker.combo.currentText() == "HDMI-1 (not connected)"


def test_the_console_shows_it_in_its_status_bar(console: ConsoleWindow) -> None:
    picker = console.projector_screen
    assert console.statusBar().isAncestorOf(picker)
    assert picker.isVisible()
    assert picker.caption.text() == "Projector screen"
    assert picker.combo.width() >= picker.combo.sizeHint().width()  # no label cut short
    console.show_message("Join link copied.")  # a message covers it for a moment
    assert not picker.isVisible()
    console.statusBar().clearMessage()
    assert picker.isVisible()


# Several screens: the offscreen platform configured in a subprocess

_PICK_SCRIPT = """
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from facilitator.ui.projector_screen_picker import ProjectorScreenPicker
app = QApplication([])
picker = ProjectorScreenPicker()
picker.set_choice(sys.argv[1] or None)
picker.show()
chosen = []
picker.screen_chosen.connect(chosen.append)
before = [picker.combo.itemText(i) for i in range(picker.combo.count())]
enabled = [c.enabled for c in picker.choices()]
current = picker.combo.currentText()
picker.combo.setFocus()
QTest.keyClick(picker.combo, Qt.Key.Key_Down)
print(json.dumps({
    "primary": app.primaryScreen().name(),
    "labels": before,
    "enabled": enabled,
    "current": current,
    "chosen": chosen,
    "after": picker.combo.currentText(),
}))
"""


def _pick_with_screens(tmp_path: Path, remembered: str = "") -> dict[str, object]:
    screens = [
        fake_screen("Built-in Display", 0, 1280, 800),
        fake_screen("DP-2", 1280, 1920, 1080),
        fake_screen("HDMI-1", 3200, 1024, 768),
    ]
    picked = last_json_line(run_with_screens(tmp_path, screens, _PICK_SCRIPT, remembered))
    if picked["primary"] != "Built-in Display":
        pytest.skip(f"this Qt makes {picked['primary']} primary")
    return picked


def test_with_three_screens_choose_the_next_one(tmp_path: Path) -> None:
    picked = _pick_with_screens(tmp_path)
    assert picked["labels"] == [
        AUTOMATIC,
        f"Built-in Display — 1280{X}800 (main screen)",
        f"DP-2 — 1920{X}1080",
        f"HDMI-1 — 1024{X}768",
    ]
    assert picked["enabled"] == [True, False, True, True]
    assert picked["current"] == AUTOMATIC
    # Down from "Automatic" skips the main screen.
    assert picked["chosen"] == ["DP-2"]
    assert picked["after"] == f"DP-2 — 1920{X}1080"


def test_with_three_screens_the_remembered_one_is_selected(tmp_path: Path) -> None:
    picked = _pick_with_screens(tmp_path, remembered="HDMI-1")
    assert picked["current"] == f"HDMI-1 — 1024{X}768"
    assert picked["chosen"] == []  # already the last line: nothing changes
