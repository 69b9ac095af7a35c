"""The session library: past sessions' records, to read again, save in any format,
gather into one learning log, follow up, or delete from the laptop.

The library is the folder of records (``<data dir>/transcripts/``): each ended session
left its record's JSON there, from which everything here is made again. A record opens
read-only, laid out as its PDF is. Deleting asks first, then asks the host
(``delete_session``: it deletes what its store kept and the record's files). Opened from
the console without blocking it; dialogs open with ``open()`` (never a nested event loop).

*Follow-ups* is the selected record's register (mistake, how many had been there) with
what the organisation will do and by when, typed in and saved into the record's files
(``record_amend.py``); *Closing note…* amends its closing note the same way.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.record.formats import document
from facilitator.core.record.library import (
    RecordEntry,
    learning_log,
    list_records,
)
from facilitator.core.record.register import FollowUp, register
from facilitator.protocol.commands import DeleteSession
from facilitator.ui.closing_note import ClosingNoteDialog
from facilitator.ui.console_style import STYLE_SHEET
from facilitator.ui.follow_ups import FollowUpsTable
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.record_amend import amend
from facilitator.ui.record_pdf import record_document
from facilitator.ui.record_save import PDF_SUFFIX, name_filters, save_and_say
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button, save_as_dialog

log = logging.getLogger(__name__)

COLUMNS = (
    QT_TRANSLATE_NOOP("SessionLibrary", "Date"),
    QT_TRANSLATE_NOOP("SessionLibrary", "Title"),
    QT_TRANSLATE_NOOP("SessionLibrary", "Shown"),
    QT_TRANSLATE_NOOP("SessionLibrary", "Received"),
    QT_TRANSLATE_NOOP("SessionLibrary", "Phones"),
)
LOG_NAME = "learning-log.json"
RECORD_TAB = QT_TRANSLATE_NOOP("SessionLibrary", "Record")
FOLLOW_UPS_TAB = QT_TRANSLATE_NOOP("SessionLibrary", "Follow-ups")
FOLLOW_UPS_HINT = QT_TRANSLATE_NOOP(
    "SessionLibrary",
    "For each mistake shown, what the organisation will do about it and by when. Write "
    "actions, never a participant's name: this goes into the record and every copy of it.",
)
SAVE_FOLLOW_UPS = QT_TRANSLATE_NOOP("SessionLibrary", "Save follow-ups")
SAVE_FOLLOW_UPS_TIP = QT_TRANSLATE_NOOP(
    "SessionLibrary", "Write them into this session's record (its JSON and Markdown)"
)
FOLLOW_UPS_SAVED = QT_TRANSLATE_NOOP(
    "SessionLibrary", "Follow-ups saved in the record of “{title}”."
)
NOT_SAVED_YET = QT_TRANSLATE_NOOP(
    "SessionLibrary", "Follow-ups typed here earlier are not saved yet."
)
NO_CONFESSIONS = QT_TRANSLATE_NOOP(
    "SessionLibrary", "Nothing was shown in this session: there is nothing to follow up."
)
CLOSING_NOTE = QT_TRANSLATE_NOOP("SessionLibrary", "Closing note…")
CLOSING_NOTE_TIP = QT_TRANSLATE_NOOP("SessionLibrary", "Write or change this record's closing note")
NOTE_SAVED = QT_TRANSLATE_NOOP("SessionLibrary", "Closing note saved in the record of “{title}”.")


class SessionLibrary(QDialog):
    """See the module docstring. ``message`` carries a sentence for the status bar."""

    message = Signal(str)

    def __init__(self, folder: Path, commands: CommandPort, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._commands = commands
        self.confirm_delete: QMessageBox | None = None
        self.setWindowTitle(self.tr("Past sessions"))
        self.setStyleSheet(STYLE_SHEET)
        self.resize(980, 640)
        self._folder = folder
        self._entries: list[RecordEntry] = []
        self.save_dialog: QFileDialog | None = None
        self.note_dialog: ClosingNoteDialog | None = None
        # Follow-ups typed and not saved yet, by record: kept while another is read.
        self._drafts: dict[Path, dict[int, FollowUp]] = {}
        self._shown: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("PAST SESSIONS"), "caption"))
        self.where = plain_label(
            self.tr("Records in {folder}").format(folder=folder), "muted", selectable=True
        )
        layout.addWidget(self.where)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(column) for column in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.viewer = QTextBrowser()  # read-only: the record as its PDF lays it out
        self.viewer.setOpenLinks(False)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.viewer, translate("SessionLibrary", RECORD_TAB))
        self.tabs.addTab(self._build_follow_ups(), translate("SessionLibrary", FOLLOW_UPS_TAB))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.tabs)
        splitter.setSizes([220, 420])
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.save_button = push_button(
            self.tr("Save as…"), "primary", self.tr("PDF, HTML, Markdown, CSV or JSON")
        )
        self.log_button = push_button(
            self.tr("Export the learning log…"),
            "",
            self.tr("Every session's record in one JSON file"),
        )
        self.delete_button = push_button(
            self.tr("Delete…"),
            "danger",
            self.tr("Delete this session and its record from the laptop"),
        )
        self.note_button = push_button(
            translate("SessionLibrary", CLOSING_NOTE),
            "",
            translate("SessionLibrary", CLOSING_NOTE_TIP),
        )
        self.close_button = push_button(self.tr("Close"))
        row.addWidget(self.save_button)
        row.addWidget(self.note_button)
        row.addWidget(self.log_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.save_button.clicked.connect(self.choose_save_target)
        self.log_button.clicked.connect(self.choose_log_target)
        self.delete_button.clicked.connect(self.ask_delete)
        self.note_button.clicked.connect(self.open_closing_note)
        self.close_button.clicked.connect(self.close)
        self.reload()

    def _build_follow_ups(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 8)
        hint = plain_label(translate("SessionLibrary", FOLLOW_UPS_HINT), "muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.follow_ups = FollowUpsTable()
        layout.addWidget(self.follow_ups, 1)
        row = QHBoxLayout()
        self.follow_ups_error = plain_label(name="error")
        self.follow_ups_error.setWordWrap(True)
        self.save_follow_ups_button = push_button(
            translate("SessionLibrary", SAVE_FOLLOW_UPS),
            "",
            translate("SessionLibrary", SAVE_FOLLOW_UPS_TIP),
        )
        row.addWidget(self.follow_ups_error, 1)
        row.addWidget(self.save_follow_ups_button)
        layout.addLayout(row)
        self.follow_ups.edited.connect(self._update_follow_ups_button)
        self.save_follow_ups_button.clicked.connect(self.save_follow_ups)
        return page

    def reload(self, keep: Path | None = None) -> None:
        """Read the library again (a session may have ended meanwhile); ``keep`` is the
        record to select again (the newest otherwise)."""
        self._entries = list_records(self._folder)
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            totals = entry.transcript.totals
            cells = (
                entry.transcript.date,
                entry.transcript.title,
                str(entry.shown),
                str(totals.received),
                str(totals.phones_joined),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        has_any = bool(self._entries)
        self.log_button.setEnabled(has_any)
        if has_any:
            paths = [entry.path for entry in self._entries]
            self.table.selectRow(paths.index(keep) if keep in paths else 0)
        else:
            self.viewer.setPlainText(self.tr("No session has ended here yet."))
        self._show_selected()

    def selected(self) -> RecordEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self._entries[rows[0].row()] if rows else None

    def _show_selected(self) -> None:
        if self._shown is not None and self.follow_ups.is_edited():
            self._drafts[self._shown] = self.follow_ups.follow_ups()
        entry = self.selected()
        self._shown = None if entry is None else entry.path
        self.save_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)
        self.note_button.setEnabled(entry is not None)
        self.follow_ups_error.setText("")
        if entry is None:
            self.follow_ups.show_register(())
            return
        rows = register(entry.transcript)
        self.follow_ups.show_register(rows)
        if not rows:
            self.follow_ups_error.setText(translate("SessionLibrary", NO_CONFESSIONS))
        draft = self._drafts.pop(entry.path, {})
        for order, follow_up in draft.items():
            if order in {row.order for row in rows}:
                self.follow_ups.set_follow_up(order, follow_up)
        if self.follow_ups.is_edited():
            self.follow_ups_error.setText(translate("SessionLibrary", NOT_SAVED_YET))
        transcript = entry.transcript
        shown = record_document(transcript, document(transcript)["fingerprint"])
        shown.setParent(self.viewer)
        self.viewer.setDocument(shown)

    def _update_follow_ups_button(self) -> None:
        self.save_follow_ups_button.setEnabled(self.follow_ups.is_edited())

    def save_follow_ups(self) -> None:
        """Write the follow-ups as typed into the selected record; said here if not."""
        entry = self.selected()
        if entry is None:
            return
        amended = amend(entry.path, follow_ups=self.follow_ups.follow_ups())
        if isinstance(amended, str):
            self.follow_ups_error.setText(amended)
            return
        self._shown = None  # saved: nothing to keep as a draft
        self.reload(keep=entry.path)
        self.message.emit(translate("SessionLibrary", FOLLOW_UPS_SAVED).format(title=amended.title))

    def open_closing_note(self) -> None:
        """The selected record's closing note, to write or change (not blocking)."""
        entry = self.selected()
        if entry is None:
            return
        if self.note_dialog is not None:
            self.note_dialog.close()
        dialog = ClosingNoteDialog(
            entry.transcript.closing_note, lambda note: self.save_closing_note(entry, note), self
        )
        dialog.finished.connect(dialog.deleteLater)
        self.note_dialog = dialog
        dialog.open()

    def save_closing_note(self, entry: RecordEntry, note: str) -> str | None:
        """Amend ``entry``'s record with ``note``; ``None`` once done, else why not."""
        amended = amend(entry.path, closing_note=note)
        if isinstance(amended, str):
            return amended
        self.reload(keep=entry.path)
        self.message.emit(translate("SessionLibrary", NOTE_SAVED).format(title=amended.title))
        return None

    def choose_save_target(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self.save_dialog = save_as_dialog(
            self,
            self.tr("Save record as"),
            Path.home() / entry.path.with_suffix(PDF_SUFFIX).name,
            name_filters(),
            self.save_selected_to,
        )

    def save_selected_to(self, target: str | Path) -> None:
        entry = self.selected()
        if entry is None:
            return
        self.message.emit(save_and_say(entry.path, target))

    def ask_delete(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete a past session"),
            self.tr("Delete “{title}” of {date} from this laptop?").format(
                title=entry.transcript.title, date=entry.transcript.date
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            self.tr(
                "Its record (every format) and what the laptop kept of it are deleted. Copies "
                "saved elsewhere stay. This cannot be undone."
            )
        )
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        delete.clicked.connect(lambda: self.delete(entry))
        box.finished.connect(box.deleteLater)
        self.confirm_delete = box
        box.open()

    def delete(self, entry: RecordEntry) -> None:
        """Ask the host to delete the session; the list follows once it is done."""

        def done() -> None:
            self.message.emit(
                self.tr("Deleted “{title}” of {date}.").format(
                    title=entry.transcript.title, date=entry.transcript.date
                )
            )
            self.reload()

        def refused(_code: str, text: str) -> None:
            self.message.emit(self.tr("Not deleted: {reason}").format(reason=text))

        self._commands.send(DeleteSession(entry.session_id), on_refused=refused, on_done=done)

    def choose_log_target(self) -> None:
        self.save_dialog = save_as_dialog(
            self,
            self.tr("Export the learning log"),
            Path.home() / LOG_NAME,
            "JSON (*.json)",
            self.export_log_to,
        )

    def export_log_to(self, target: str | Path) -> None:
        path = Path(target)
        text = json.dumps(learning_log(self._entries), ensure_ascii=False, indent=2) + "\n"
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            log.warning("Could not write the learning log to %s: %s", path, error)
            self.message.emit(
                self.tr("Could not write the learning log: {reason}").format(
                    reason=error.strerror or error
                )
            )
            return
        self.message.emit(
            translate(
                "SessionLibrary",
                "Learning log of %n sessions saved as {path}.",
                None,
                len(self._entries),
            ).format(path=path)
        )
