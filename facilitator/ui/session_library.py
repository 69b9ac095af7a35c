"""The session library: past sessions' records, to read again, save in any format,
gather into one learning log, or delete from the laptop.

The library is the folder of records (``<data dir>/transcripts/``): each ended session
left its record's JSON there, from which everything here is made again. A record opens
read-only, laid out as its PDF is. Deleting asks first, then asks the host
(``delete_session``: it deletes what its store kept and the record's files). Opened from
the console without blocking it; dialogs open with ``open()`` (never a nested event loop).
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
from facilitator.protocol.commands import DeleteSession
from facilitator.ui.console_style import STYLE_SHEET
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.record_pdf import record_document
from facilitator.ui.record_save import NAME_FILTERS, PDF_SUFFIX, save_and_say
from facilitator.ui.widgets import plain_label, push_button, save_as_dialog

log = logging.getLogger(__name__)

COLUMNS = ("Date", "Title", "Shown", "Received", "Phones")
LOG_NAME = "learning-log.json"


class SessionLibrary(QDialog):
    """See the module docstring. ``message`` carries a sentence for the status bar."""

    message = Signal(str)

    def __init__(self, folder: Path, commands: CommandPort, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._commands = commands
        self.confirm_delete: QMessageBox | None = None
        self.setWindowTitle("Past sessions")
        self.setStyleSheet(STYLE_SHEET)
        self.resize(980, 640)
        self._folder = folder
        self._entries: list[RecordEntry] = []
        self.save_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("PAST SESSIONS", "caption"))
        self.where = plain_label(f"Records in {folder}", "muted", selectable=True)
        layout.addWidget(self.where)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.viewer = QTextBrowser()  # read-only: the record as its PDF lays it out
        self.viewer.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.viewer)
        splitter.setSizes([220, 420])
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.save_button = push_button("Save as…", "primary", "PDF, HTML, Markdown, CSV or JSON")
        self.log_button = push_button(
            "Export the learning log…", "", "Every session's record in one JSON file"
        )
        self.delete_button = push_button(
            "Delete…", "danger", "Delete this session and its record from the laptop"
        )
        self.close_button = push_button("Close")
        row.addWidget(self.save_button)
        row.addWidget(self.log_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.save_button.clicked.connect(self.choose_save_target)
        self.log_button.clicked.connect(self.choose_log_target)
        self.delete_button.clicked.connect(self.ask_delete)
        self.close_button.clicked.connect(self.close)
        self.reload()

    def reload(self) -> None:
        """Read the library again (a session may have ended meanwhile)."""
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
            self.table.selectRow(0)
        else:
            self.viewer.setPlainText("No session has ended here yet.")
        self._show_selected()

    def selected(self) -> RecordEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self._entries[rows[0].row()] if rows else None

    def _show_selected(self) -> None:
        entry = self.selected()
        self.save_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)
        if entry is None:
            return
        transcript = entry.transcript
        shown = record_document(transcript, document(transcript)["fingerprint"])
        shown.setParent(self.viewer)
        self.viewer.setDocument(shown)

    def choose_save_target(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self.save_dialog = save_as_dialog(
            self,
            "Save record as",
            Path.home() / entry.path.with_suffix(PDF_SUFFIX).name,
            NAME_FILTERS,
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
            "Delete a past session",
            f"Delete “{entry.transcript.title}” of {entry.transcript.date} from this laptop?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            "Its record (every format) and what the laptop kept of it are deleted. Copies "
            "saved elsewhere stay. This cannot be undone."
        )
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        delete.clicked.connect(lambda: self.delete(entry))
        box.finished.connect(box.deleteLater)
        self.confirm_delete = box
        box.open()

    def delete(self, entry: RecordEntry) -> None:
        """Ask the host to delete the session; the list follows once it is done."""

        def done() -> None:
            self.message.emit(f"Deleted “{entry.transcript.title}” of {entry.transcript.date}.")
            self.reload()

        def refused(_code: str, text: str) -> None:
            self.message.emit(f"Not deleted: {text}")

        self._commands.send(DeleteSession(entry.session_id), on_refused=refused, on_done=done)

    def choose_log_target(self) -> None:
        self.save_dialog = save_as_dialog(
            self,
            "Export the learning log",
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
            self.message.emit(f"Could not write the learning log: {error.strerror or error}")
            return
        self.message.emit(f"Learning log of {len(self._entries)} sessions saved as {path}.")
