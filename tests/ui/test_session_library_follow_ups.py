"""Following up a past session in the library: the register's actions and by-when, and
the closing note, written into the record's files."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from facilitator.core.record.files import write_transcript
from facilitator.core.record.register import FollowUp
from facilitator.core.transcript import ShownConfession, Totals, Transcript
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.follow_ups import ACTION, BEEN_THERE, BY_WHEN, MISTAKE, FollowUpsTable
from facilitator.ui.session_library import (
    FOLLOW_UPS_HINT,
    NO_CONFESSIONS,
    NOT_SAVED_YET,
    SessionLibrary,
)
from tests.ui.test_screenshots import SAMPLES, shots_dir
from tests.ui.test_session_library import NoHost
from tests.ui.test_session_setup import over_console

MISTAKES = (
    "I said yes to every project and burned out by March, and told nobody until April.",
    "I replied-all with my salary notes.",
)


def one_record(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A library of one record: the folder, its Markdown and its JSON."""
    shown = tuple(
        ShownConfession(n, text, "Ask first" if n == 1 else "", n * 4, 20)
        for n, text in enumerate(MISTAKES, 1)
    )
    transcript = Transcript(
        "Spring retro", "", "2026-04-01", "Been there", shown, Totals(3, 2, 0, 0, 12, 20)
    )
    folder = tmp_path / "transcripts"
    markdown, json_path = write_transcript(transcript, 3, folder)
    return folder, markdown, json_path


def document(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def cell(table: FollowUpsTable, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def open_library(qtbot: QtBot, folder: Path) -> SessionLibrary:
    dialog = SessionLibrary(folder, NoHost())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_follow_ups_typed_in_the_library_are_in_the_record_files(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder, markdown, json_path = one_record(tmp_path)
    dialog = open_library(qtbot, folder)
    dialog.tabs.setCurrentIndex(1)
    table = dialog.follow_ups
    assert table.rowCount() == 2
    assert cell(table, 0, MISTAKE) == MISTAKES[0]
    assert cell(table, 0, BEEN_THERE) == "4"
    assert not dialog.save_follow_ups_button.isEnabled()  # nothing typed yet
    assert "never a participant's name" in FOLLOW_UPS_HINT
    table.set_follow_up(1, FollowUp("Cap projects at three per person", "2026-05-01"))
    table.set_follow_up(2, FollowUp("Turn off reply-all to all-staff", "next retro"))
    assert dialog.save_follow_ups_button.isEnabled()
    messages: list[str] = []
    dialog.message.connect(messages.append)
    dialog.save_follow_ups_button.click()
    assert dialog.follow_ups_error.text() == ""
    register = document(json_path)["register"]
    assert [row["follow_up"] for row in register] == [
        {"action": "Cap projects at three per person", "by_when": "2026-05-01"},
        {"action": "Turn off reply-all to all-staff", "by_when": "next retro"},
    ]
    text = markdown.read_text(encoding="utf-8")
    assert "Cap projects at three per person" in text and "next retro" in text
    assert messages == ["Follow-ups saved in the record of “Spring retro”."]
    # Read again from the files: the table shows what was saved, nothing left to save.
    assert dialog.table.rowCount() == 1
    assert cell(table, 0, ACTION) == "Cap projects at three per person"
    assert cell(table, 1, BY_WHEN) == "next retro"
    assert not dialog.save_follow_ups_button.isEnabled()
    assert "Cap projects at three per person" in dialog.viewer.toPlainText()


def test_a_follow_up_the_rules_refuse_is_said_and_nothing_is_written(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder, markdown, json_path = one_record(tmp_path)
    before = (markdown.read_bytes(), json_path.read_bytes())
    dialog = open_library(qtbot, folder)
    dialog.follow_ups.set_follow_up(1, FollowUp("Cap\u202eprojects", "soon"))
    dialog.save_follow_ups_button.click()
    assert dialog.follow_ups_error.text() != ""
    assert (markdown.read_bytes(), json_path.read_bytes()) == before
    assert dialog.follow_ups.is_edited()  # what was typed stays, to be corrected


def test_the_closing_note_of_a_past_record_is_changed_in_the_library(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder, markdown, json_path = one_record(tmp_path)
    dialog = open_library(qtbot, folder)
    dialog.note_button.click()
    note_dialog = dialog.note_dialog
    assert note_dialog is not None
    qtbot.waitExposed(note_dialog)
    assert note_dialog.note.text() == ""
    note_dialog.note.set_text("Thanks, all. The register goes to the board in May.")
    note_dialog.save_button.click()
    assert not note_dialog.isVisible()
    assert document(json_path)["closing_note"] == (
        "Thanks, all. The register goes to the board in May."
    )
    assert "The register goes to the board in May." in markdown.read_text(encoding="utf-8")
    selected = dialog.selected()
    assert selected is not None
    assert selected.transcript.closing_note.endswith("in May.")


def test_a_record_gone_meanwhile_is_said_in_the_note_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    folder, _markdown, json_path = one_record(tmp_path)
    dialog = open_library(qtbot, folder)
    dialog.note_button.click()
    note_dialog = dialog.note_dialog
    assert note_dialog is not None
    json_path.unlink()
    note_dialog.note.set_text("Too late.")
    note_dialog.save_button.click()
    assert note_dialog.isVisible()
    assert note_dialog.error_label.text().startswith("The record cannot be read")


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1024, 768)])
def test_library_follow_ups_screenshot(
    qtbot: QtBot, console: ConsoleWindow, tmp_path: Path, width: int, height: int
) -> None:
    console.resize(width, height)
    folder = tmp_path / "library"
    shown = tuple(
        ShownConfession(n, text, learned, agreements, 41)
        for n, ((text, learned), agreements) in enumerate(
            zip(SAMPLES[:6], (29, 17, 12, 9, 6, 3), strict=True), 1
        )
    )
    spring = Transcript(
        "Spring retro", "", "2026-04-01", "Been there", shown, Totals(14, 6, 0, 1, 76, 41)
    )
    write_transcript(spring, 3, folder)
    write_transcript(replace(spring, title="Winter retro", date="2026-01-14"), 2, folder)
    dialog = open_library(qtbot, folder)
    dialog.resize(min(980, width - 40), min(640, height - 80))
    dialog.tabs.setCurrentIndex(1)
    dialog.follow_ups.set_follow_up(1, FollowUp("Release freeze from Thursday noon", "2026-05-01"))
    dialog.follow_ups.set_follow_up(2, FollowUp("Warn before reply-all to 50+", "next retro"))
    hint = dialog.minimumSizeHint()
    assert hint.width() <= width - 40 and hint.height() <= height - 80
    image = over_console(qtbot, console, dialog)
    assert image.save(str(shots_dir(tmp_path) / f"console-library-{width}x{height}.png"))


def test_follow_ups_not_saved_yet_wait_while_another_record_is_read(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder, _markdown, json_path = one_record(tmp_path)
    other = Transcript("Autumn retro", "", "2026-10-01", "Been there", (), Totals(0, 0, 0, 0, 0, 3))
    write_transcript(other, 7, folder)
    dialog = open_library(qtbot, folder)
    dialog.table.selectRow(1)  # the spring record (the newest is first)
    dialog.follow_ups.set_follow_up(2, FollowUp("Turn off reply-all", ""))
    dialog.table.selectRow(0)
    assert dialog.follow_ups.rowCount() == 0
    assert dialog.follow_ups_error.text() == NO_CONFESSIONS
    dialog.table.selectRow(1)
    assert cell(dialog.follow_ups, 1, ACTION) == "Turn off reply-all"
    assert dialog.follow_ups_error.text() == NOT_SAVED_YET
    assert dialog.save_follow_ups_button.isEnabled()
    dialog.save_follow_ups_button.click()
    assert document(json_path)["register"][1]["follow_up"]["action"] == "Turn off reply-all"
    assert dialog.follow_ups_error.text() == ""
    assert not dialog.follow_ups.is_edited()
