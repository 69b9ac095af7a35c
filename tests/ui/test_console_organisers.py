"""The organisers-only lane and the session's privacy choices (issue 7, parts 4 and 5)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import SetBatching
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.organisers_lane import NOTICE
from facilitator.ui.session_choices import BATCHING_NOTE, RECORD_TOO_LATE, SessionChoices
from tests.ui.helpers import clicked_open, submit, submit_for_organisers
from tests.ui.local_host import LocalHost


def test_organisers_only_confessions_have_a_lane_that_never_shows_them(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    ordinary = submit(service, "I forgot the projector cable.")
    private = submit_for_organisers(service, "The keynote speaker was rude to a volunteer.")
    assert console.incoming_list.ids() == [ordinary]
    assert console.organisers_list.ids() == [private]
    switch = console.last_column.switch_button
    qtbot.waitUntil(lambda: switch.text() == "Organisers only · 1")
    assert console.organisers.header.text() == "ORGANISERS ONLY  1"
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert console.last_column.currentWidget() is console.organisers
    assert console.organisers.notice.text() == NOTICE
    console.organisers_list.select_id(private)
    assert console.editor.item_id == private
    assert console.editor.state_label.text() == NOTICE
    # Nothing here can put it on screen: no button of the lane, no key, no merge.
    for button in (
        console.approve_button,
        console.project_button,
        console.reproject_button,
        console.restore_button,
    ):
        assert not button.isEnabled()
    assert not console.merge_button.isVisible()
    console.organisers_list.setFocus()
    qtbot.keyClick(console.organisers_list, Qt.Key.Key_Return)
    qtbot.keyClick(console, Qt.Key.Key_Space)
    assert console.organisers_list.ids() == [private]
    assert local.mirror.current_item_id is None
    # It can be redacted.
    console.editor.text_edit.setPlainText("The keynote speaker was rude to […].")
    qtbot.mouseClick(console.editor.save_button, Qt.MouseButton.LeftButton)
    assert local.mirror.items[private].text == "The keynote speaker was rude to […]."
    assert console.organisers_list.texts() == ["The keynote speaker was rude to […]."]
    assert local.refusals == []
    qtbot.mouseClick(console.organisers.back_button, Qt.MouseButton.LeftButton)
    assert console.last_column.currentIndex() == 0


def open_choices(qtbot: QtBot, console: ConsoleWindow) -> SessionChoices:
    return clicked_open(qtbot, console.choices_button, lambda: console.choices_dialog)


def test_keeping_organisers_confessions_is_chosen_before_the_first_arrives(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    dialog = open_choices(qtbot, console)
    assert dialog.keep_record.isEnabled()
    assert not dialog.keep_record.isChecked()
    dialog.keep_record.click()
    assert service.session.organisers_record
    assert local.mirror.session is not None and local.mirror.session.organisers_record
    submit(service, "I was first.")
    qtbot.waitUntil(lambda: not dialog.keep_record.isEnabled())
    assert dialog.keep_record.isChecked()
    assert dialog.keep_record.toolTip() == RECORD_TOO_LATE
    dialog.accept()
    dialog = open_choices(qtbot, console)  # opened again later: still disabled
    assert not dialog.keep_record.isEnabled()
    assert local.refusals == []


def test_timing_privacy_is_chosen_and_the_status_bar_says_when_it_is_on(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    assert not console.batching_label.isVisible()
    dialog = open_choices(qtbot, console)
    assert dialog.batching.currentData() == "auto"
    on = dialog.batching.findData("on")
    dialog.batching.setCurrentIndex(on)
    dialog.batching.activated.emit(on)
    assert service.session.batching == "on"
    qtbot.waitUntil(console.batching_label.isVisible)
    assert console.batching_label.text() == BATCHING_NOTE
    service.execute(SetBatching("off"))  # from the moderator page: the dialog follows
    qtbot.waitUntil(lambda: dialog.batching.currentData() == "off")
    assert not console.batching_label.isVisible()
