"""The console's editor: read, edit and redact the selected confession; remove; undo; keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from facilitator.core.model import ItemState
from facilitator.core.session import SessionService
from facilitator.protocol.commands import Approve, Edit, EndSession, Project, Remove
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.item_editor import MASK, utf16_length
from facilitator.ui.projector import ProjectorWindow
from tests.ui.helpers import submit
from tests.ui.test_console import activate, click

NAMED = "I sent Jo's file to jo.bloggs@example.org by mistake."


def select(console: ConsoleWindow, item_id: int) -> None:
    for lane in (console.incoming_list, console.queue_list, console.shown_list, console.aside_list):
        if item_id in lane.ids():
            lane.select_id(item_id)
            return
    raise AssertionError(f"{item_id} is in no lane")


def shown(service: SessionService, text: str) -> int:
    """A phone's confession, approved and put on the screen."""
    item = submit(service, text)
    service.execute(Approve(item))
    service.execute(Project(item))
    return item


def type_over(console: ConsoleWindow, text: str) -> None:
    console.editor.text_edit.selectAll()
    console.editor.text_edit.insertPlainText(text)


def test_the_selected_confession_is_read_in_the_editor(
    console: ConsoleWindow, service: SessionService
) -> None:
    assert console.editor.empty_label.isVisibleTo(console)
    first = submit(service, "First <b>confession</b> & more", "A lesson")
    second = submit(service, "Second one")
    select(console, first)
    assert console.editor.text_edit.toPlainText() == "First <b>confession</b> & more"
    assert console.editor.learned_edit.toPlainText() == "A lesson"
    assert console.editor.state_label.text() == "Incoming"
    select(console, second)
    assert console.editor.item_id == second
    assert console.incoming_list.selected_id() == second


def test_one_confession_is_selected_across_the_lanes(
    console: ConsoleWindow, service: SessionService
) -> None:
    incoming = submit(service, "Incoming")
    queued = submit(service, "Queued")
    service.execute(Approve(queued))
    select(console, incoming)
    select(console, queued)
    assert console.incoming_list.selected_id() is None
    assert console.editor.item_id == queued


def test_an_edit_is_saved_and_reaches_the_projector(
    qtbot: QtBot, console: ConsoleWindow, projector: ProjectorWindow, service: SessionService
) -> None:
    item = shown(service, "My manager Sam Jones lost the laptop.")
    select(console, item)
    type_over(console, "My manager […] lost the laptop.")
    assert console.editor.is_dirty()
    assert console.editor.draft_label.text() == "Not saved yet"
    qtbot.waitUntil(
        lambda: projector.confession_label.text() == "My manager Sam Jones lost the laptop."
    )
    click(qtbot, console.editor.save_button)
    assert service.item(item).text == "My manager […] lost the laptop."
    assert service.item(item).original_text == "My manager Sam Jones lost the laptop."
    qtbot.waitUntil(lambda: projector.confession_label.text() == "My manager […] lost the laptop.")
    assert not console.editor.is_dirty()
    assert console.editor.state_label.text() == "Shown  ·  edited"
    original = console.editor.original_label
    assert original.isVisibleTo(console)
    assert "Sam Jones" in original.text()


def test_mask_selection_and_discard(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    item = submit(service, "Ask Priya in payroll 😅 about it")
    select(console, item)
    editor = console.editor
    cursor = editor.text_edit.textCursor()
    text = editor.text_edit.toPlainText()
    start = utf16_length(text[: text.index("Priya")])
    cursor.setPosition(start)
    cursor.setPosition(start + len("Priya"), QTextCursor.MoveMode.KeepAnchor)
    editor.text_edit.setTextCursor(cursor)
    editor.text_edit.setFocus()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert editor.text_edit.toPlainText() == f"Ask {MASK} in payroll 😅 about it"
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Escape)
    assert editor.text_edit.toPlainText() == "Ask Priya in payroll 😅 about it"
    assert not editor.is_dirty()


def test_hints_are_highlighted_and_masked_in_one_click(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    item = submit(service, f"{NAMED} Then again to jo.bloggs@example.org.")
    select(console, item)
    editor = console.editor
    words = [word for word, _ in editor.hint_buttons]
    assert "jo.bloggs@example.org" in words
    highlighted = {
        selection.cursor.selectedText()  # type: ignore[attr-defined]
        for selection in editor.text_edit.extraSelections()
    }
    assert "jo.bloggs@example.org" in highlighted
    button = dict(editor.hint_buttons)["jo.bloggs@example.org"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "jo.bloggs@example.org" not in editor.text_edit.toPlainText()
    assert editor.text_edit.toPlainText().count(MASK) == 2
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "example.org" not in service.item(item).text


def test_a_stale_edit_is_refused_and_the_newer_text_shown(
    console: ConsoleWindow, service: SessionService
) -> None:
    item = submit(service, "Named the council officer")
    select(console, item)
    type_over(console, "My redaction")
    # Another moderator saves first (the moderator page, through the same host).
    service.execute(Edit(item, 1, "Their redaction", ""))
    assert console.editor.text_edit.toPlainText() == "My redaction"
    assert "newer version" in console.editor.draft_label.text()
    console.editor.save()
    assert service.item(item).text == "Their redaction"
    assert console.editor.text_edit.toPlainText() == "Their redaction"
    assert not console.editor.is_dirty()
    assert "Another moderator changed" in console.statusBar().currentMessage()


def test_approving_saves_the_edit_first(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    item = submit(service, "Named someone")
    select(console, item)
    type_over(console, "Named […]")
    click(qtbot, console.approve_button)
    stored = service.item(item)
    assert (stored.state, stored.text) == (ItemState.APPROVED, "Named […]")


def test_an_unsaved_edit_stays_open_when_the_selection_moves(
    console: ConsoleWindow, service: SessionService
) -> None:
    item = submit(service, "Being edited")
    other = submit(service, "Another")
    select(console, item)
    type_over(console, "Being edited, carefully")
    select(console, other)
    assert console.editor.item_id == item
    assert console.editor.text_edit.toPlainText() == "Being edited, carefully"
    console.editor.discard()
    assert console.editor.item_id == other


def test_remove_from_the_record_and_put_back(
    qtbot: QtBot, console: ConsoleWindow, projector: ProjectorWindow, service: SessionService
) -> None:
    item = shown(service, "A mistaken projection")
    select(console, item)
    assert console.remove_button.text() == "Remove"
    click(qtbot, console.remove_button)
    assert service.item(item).state is ItemState.REMOVED
    assert projector.is_idle()
    qtbot.waitUntil(lambda: console._headers[console.shown_list][0].text() == "SHOWN")
    assert console.shown_list.entries()[0].detail.startswith("Removed from the record")
    assert console.remove_button.text() == "Put back"
    assert not console.reproject_button.isEnabled()
    click(qtbot, console.remove_button)
    assert service.item(item).state is ItemState.SHOWN
    qtbot.waitUntil(lambda: console._headers[console.shown_list][0].text() == "SHOWN  1")


def test_undo_by_button_and_key(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    activate(qtbot, console)
    item = submit(service, "I stayed silent in the review")
    assert not console.undo_button.isEnabled()
    service.execute(Approve(item))
    assert console.undo_button.text() == "Undo approve “I stayed silent in the…”"
    click(qtbot, console.undo_button)
    assert service.item(item).state is ItemState.INCOMING
    service.execute(Approve(item))
    console.queue_list.setFocus()
    qtbot.keyClick(console.queue_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.item(item).state is ItemState.INCOMING
    assert not console.undo_button.isEnabled()


def test_ctrl_z_in_the_editor_undoes_typing_not_moderation(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    activate(qtbot, console)
    item = submit(service, "Approved already")
    service.execute(Approve(item))
    select(console, item)
    console.editor.text_edit.setFocus()
    qtbot.keyClicks(console.editor.text_edit, "x")
    qtbot.keyClick(console.editor.text_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert console.editor.text_edit.toPlainText() == "Approved already"
    assert service.item(item).state is ItemState.APPROVED


def test_keys_delete_removes_a_shown_one_and_e_opens_the_editor(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    activate(qtbot, console)
    item = shown(service, "Shown by mistake")
    console.shown_list.select_id(item)
    console.shown_list.setFocus()
    qtbot.keyClick(console.shown_list, Qt.Key.Key_Delete)
    assert service.item(item).state is ItemState.REMOVED
    qtbot.keyClick(console.shown_list, Qt.Key.Key_E)
    assert console.editor.text_edit.hasFocus()


def test_the_end_question_counts_removed_confessions(
    console: ConsoleWindow, service: SessionService
) -> None:
    shown(service, "kept")
    removed = shown(service, "removed")
    select(console, removed)
    console.remove_button.click()
    console.confirm_end()
    assert console.end_dialog is not None
    detail = console.end_dialog.informativeText()
    assert "keeps 1 confession that was shown" in detail
    assert "1 removed from the record" in detail
    console.end_dialog.reject()


def test_word_lists_flag_confessions_and_reach_every_moderator(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    item = submit(service, "The repairs at Riverside Estate were never booked.")
    select(console, item)
    assert not console.editor.flag_label.isVisibleTo(console)
    console.open_word_lists()
    dialog = console.word_lists_dialog
    assert dialog is not None
    dialog.local_names.setPlainText("riverside estate\n\n  Northgate Council  \nRiverside Estate")
    dialog.save()
    assert service.word_lists.local_names == ("riverside estate", "Northgate Council")
    assert console.word_lists_dialog is None  # closed once saved
    qtbot.waitUntil(lambda: console.editor.flag_label.isVisibleTo(console))
    assert "Riverside Estate" in [word for word, _ in console.editor.hint_buttons]
    console.open_word_lists()
    assert console.word_lists_dialog is not None
    reopened = console.word_lists_dialog.local_names.toPlainText()
    assert reopened == "riverside estate\nNorthgate Council"
    console.word_lists_dialog.reject()


def test_the_ended_panel_says_how_many_were_taken_out_of_the_record(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    shown(service, "kept")
    removed = shown(service, "removed")
    service.execute(Remove(removed))
    service.execute(EndSession())
    summary = console.ended_panel.summary.text()
    assert summary.endswith("ended with 1 confession shown (1 taken out of the record).")


def test_a_saved_edit_is_shown_as_the_host_tidied_it(
    console: ConsoleWindow, service: SessionService
) -> None:
    item = submit(service, "Untidy")
    select(console, item)
    type_over(console, "  Tidied by the host\r\n\n\n\nsecond line   ")
    console.editor.save()
    assert service.item(item).text == "Tidied by the host\n\nsecond line"
    assert console.editor.text_edit.toPlainText() == "Tidied by the host\n\nsecond line"
    assert not console.editor.is_dirty()
    assert console.editor.draft_label.text() == ""


def test_the_cursor_stays_put_when_a_new_snapshot_brings_the_same_text(
    console: ConsoleWindow, service: SessionService
) -> None:
    item = submit(service, "Read slowly while the lists change")
    select(console, item)
    cursor = console.editor.text_edit.textCursor()
    cursor.setPosition(9)
    console.editor.text_edit.setTextCursor(cursor)
    service.set_word_lists(["Slowly"], [])  # every moderator gets a new snapshot
    assert console.editor.flag_label.isVisibleTo(console)
    assert console.editor.text_edit.textCursor().position() == 9
