"""The closing note once the session has ended: written into the record's files."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import EndSession, SetClosingNote
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.ended_panel import NOTE_SAVED
from tests.ui.helpers import project


def test_a_closing_note_after_the_end_is_in_the_record_files(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    project(service, "I promised a date I could not keep.")
    service.execute(SetClosingNote("Written during the session."))
    service.execute(EndSession())
    panel = console.ended_panel
    qtbot.waitUntil(lambda: console._now_stack.currentWidget() is panel)
    assert panel.closing_note_button.isVisible() and panel.closing_note_button.isEnabled()
    panel.closing_note_button.click()
    dialog = panel.note_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.note.text() == "Written during the session."
    dialog.note.set_text("Thank you. Next retro: 2027-01-14; the register goes to the board.")
    with qtbot.waitSignal(panel.message) as said:
        dialog.save_button.click()
    assert said.args == [NOTE_SAVED]
    assert not dialog.isVisible()
    [json_path] = [p for p in panel.paths() if p.suffix == ".json"]
    [markdown] = [p for p in panel.paths() if p.suffix == ".md"]
    note = "Thank you. Next retro: 2027-01-14; the register goes to the board."
    assert json.loads(json_path.read_text(encoding="utf-8"))["closing_note"] == note
    assert note in markdown.read_text(encoding="utf-8")
    panel.closing_note_button.click()  # opened again: the note as the record has it now
    dialog = panel.note_dialog
    assert dialog is not None
    assert dialog.note.text() == note
    dialog.note.set_text("A line\u202eturned around.")  # refused by the rules: said, kept open
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.error_label.text() == "The text contains characters that reorder it invisibly."
    assert json.loads(json_path.read_text(encoding="utf-8"))["closing_note"] == note
    dialog.reject()


def test_the_end_confirmation_says_where_the_closing_note_goes(console: ConsoleWindow) -> None:
    console.confirm_end()
    assert console.end_dialog is not None
    assert "closing note" in console.end_dialog.informativeText()
    console.end_dialog.reject()
