"""The session library: past records listed, read, saved again, gathered into a log."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from facilitator.core.record.files import write_transcript
from facilitator.core.record.fingerprint import matches
from facilitator.core.record.library import LEARNING_LOG_FORMAT
from facilitator.core.session import SessionService
from facilitator.core.transcript import ShownConfession, Totals, Transcript
from facilitator.protocol.commands import Command, DeleteSession, EndSession
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.host_connection import OnDone, OnRefused
from facilitator.ui.session_library import SessionLibrary
from tests.ui.helpers import submit
from tests.ui.local_host import LocalHost

SCHEMA = Path(__file__).parents[2] / "docs" / "transcript-schema.json"


class NoHost:
    """A command port for dialogs that must send nothing."""

    def send(
        self, command: Command, on_refused: OnRefused | None = None, on_done: OnDone | None = None
    ) -> None:
        raise AssertionError(f"no command expected, got {command}")


def record(title: str, date: str, *texts: str) -> Transcript:
    shown = tuple(ShownConfession(n, t, "Ask first", n * 3, 20) for n, t in enumerate(texts, 1))
    return Transcript(
        title, "", date, "Been there", shown, Totals(len(texts) + 1, len(texts), 0, 0, 9, 20)
    )


def library(tmp_path: Path) -> Path:
    folder = tmp_path / "transcripts"
    write_transcript(record("Spring retro", "2026-04-01", "I said yes to everything."), 3, folder)
    write_transcript(record("Autumn retro", "2026-10-01", "I <merged> & =pushed."), 7, folder)
    (folder / "notes-9.json").write_text("{not a record", encoding="utf-8")
    return folder


def test_the_library_lists_the_newest_first_and_skips_what_is_not_a_record(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = SessionLibrary(library(tmp_path), NoHost())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert [dialog.table.item(row, 1).text() for row in range(2)] == [
        "Autumn retro",
        "Spring retro",
    ]
    assert dialog.table.item(0, 2).text() == "1"
    assert "I <merged> & =pushed." in dialog.viewer.toPlainText()  # as written, never markup
    dialog.table.selectRow(1)
    assert "I said yes to everything." in dialog.viewer.toPlainText()


def test_a_past_record_is_saved_again_in_any_format(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SessionLibrary(library(tmp_path), NoHost())
    qtbot.addWidget(dialog)
    messages: list[str] = []
    dialog.message.connect(messages.append)
    for name in ("autumn.pdf", "autumn.html", "autumn.csv"):
        dialog.save_selected_to(tmp_path / name)
    assert (tmp_path / "autumn.pdf").read_bytes().startswith(b"%PDF-")
    assert "I &lt;merged&gt; &amp; =pushed." in (tmp_path / "autumn.html").read_text("utf-8")
    assert "'=" not in (tmp_path / "autumn.csv").read_text("utf-8-sig")  # not at a cell start
    assert messages[-1].startswith("Record saved as")
    dialog.save_selected_to(tmp_path / "missing" / "x.pdf")
    assert messages[-1].startswith("Could not save the record")


def test_the_learning_log_gathers_every_record_each_checkable(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SessionLibrary(library(tmp_path), NoHost())
    qtbot.addWidget(dialog)
    target = tmp_path / "log.json"
    dialog.export_log_to(target)
    log = json.loads(target.read_text(encoding="utf-8"))
    assert log["format"] == LEARNING_LOG_FORMAT
    assert [session["title"] for session in log["sessions"]] == ["Spring retro", "Autumn retro"]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for session in log["sessions"]:
        jsonschema.validate(session, schema)
        assert matches(session)
    assert matches(log)
    log["sessions"][0]["register"][0]["follow_up"]["action"] = "Say no in writing"
    assert not matches(log)


def test_an_empty_library_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SessionLibrary(tmp_path / "nothing-yet", NoHost())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert not dialog.save_button.isEnabled() and not dialog.log_button.isEnabled()
    assert "No session has ended here yet." in dialog.viewer.toPlainText()


def test_the_console_asks_for_the_library(qtbot: QtBot, console: ConsoleWindow) -> None:
    with qtbot.waitSignal(console.library_requested, timeout=1000):
        console.library_button.click()


def test_deleting_asks_first_then_the_host_deletes_session_and_files(
    qtbot: QtBot, local: LocalHost, service: SessionService, tmp_path: Path
) -> None:
    submit(service, "Gone once the organiser deletes it.")
    service.execute(EndSession())
    past = service.session.id
    service.start_next()
    folder = tmp_path / "transcripts"
    dialog = SessionLibrary(folder, local)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    messages: list[str] = []
    dialog.message.connect(messages.append)
    dialog.delete_button.click()
    box = dialog.confirm_delete
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    box.button(QMessageBox.StandardButton.Cancel).click()  # the default: nothing happens
    assert dialog.table.rowCount() == 1 and len(list(folder.iterdir())) == 2
    dialog.delete_button.click()
    box = dialog.confirm_delete
    assert box is not None
    [delete] = [b for b in box.buttons() if b.text() == "Delete"]
    delete.click()
    assert dialog.table.rowCount() == 0
    assert list(folder.iterdir()) == []
    assert messages[-1].startswith("Deleted “")
    local.send(DeleteSession(past))  # already gone: said, never a crash
    assert local.refusals[-1][0] == "unknown_session"
