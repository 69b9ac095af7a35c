"""The read-aloud view: R switches the big card to the confession on screen, big, and back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Blank, SetContentNote
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.read_aloud import CONTENT_NOTE, NOTHING
from tests.ui.helpers import participant, project, submit


def test_r_switches_to_the_confession_on_screen_and_back(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    item = project(service, "I deployed on a Friday.", "Not on Fridays.")
    other = submit(service, "I forgot the backup.")
    qtbot.waitUntil(lambda: console.incoming_list.is_listed(other))
    console.incoming_list.select_id(other)
    assert not console.reading_aloud() and console.editor.isVisible()

    qtbot.keyClick(console.incoming_list, Qt.Key.Key_R)
    view = console.read_aloud
    assert console.reading_aloud()
    assert view.isVisible() and not console.editor.isVisible()
    assert view.text.text() == "I deployed on a Friday."
    assert view.text.secondary_text() == "What I learned: Not on Fridays."
    assert view.count_label.text() == "Been there · 0"
    assert not view.note_label.isVisibleTo(console)
    service.set_agreement(participant(service), item, True)
    qtbot.waitUntil(lambda: view.count_label.text() == "Been there · 1")

    service.execute(SetContentNote(item, True))  # warn first, no count
    qtbot.waitUntil(lambda: view.note_label.isVisibleTo(console))
    assert view.note_label.text() == CONTENT_NOTE
    assert view.count_label.text() == ""

    service.execute(Blank())
    qtbot.waitUntil(lambda: view.empty_label.isVisibleTo(console))
    assert view.empty_label.text() == NOTHING
    assert not view.text.isVisibleTo(console)

    qtbot.keyClick(console.incoming_list, Qt.Key.Key_R)
    assert not console.reading_aloud()
    assert console.editor.isVisible() and console.editor.item_id == other


def test_a_text_field_keeps_the_r_key(qtbot: QtBot, console: ConsoleWindow) -> None:
    console.search.focus_field()
    focused = console.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, "r")
    assert not console.reading_aloud()


def test_e_goes_back_to_editing(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    item = submit(service, "I reused a password.")
    qtbot.waitUntil(lambda: console.incoming_list.is_listed(item))
    console.incoming_list.select_id(item)
    console.toggle_read_aloud()
    assert console.reading_aloud()
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_E)
    assert not console.reading_aloud()
    assert console.editor.text_edit.hasFocus()
