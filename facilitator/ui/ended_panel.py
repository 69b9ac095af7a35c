"""After the session: where the record was written, saving it elsewhere in any format
(PDF, HTML, Markdown, CSV or JSON), and a closing note added to it (*Closing note…*: the
record's files are amended, ``record_amend.py``).

The file dialog is opened with ``open()`` (never ``exec()``: the app runs on a
qasync loop, where a nested event loop breaks asyncio).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextOption
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from facilitator.core.record.library import RecordUnreadable, read_record
from facilitator.protocol.moderator import SessionDetails
from facilitator.ui.closing_note import ClosingNoteDialog
from facilitator.ui.record_amend import amend
from facilitator.ui.record_save import PDF_SUFFIX, name_filters, save_and_say
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button, save_as_dialog

log = logging.getLogger(__name__)

CLOSING_NOTE = QT_TRANSLATE_NOOP("EndedPanel", "Closing note…")
CLOSING_NOTE_TIP = QT_TRANSLATE_NOOP(
    "EndedPanel", "A few words after the confessions in the record (never a participant's name)"
)
NOTE_SAVED = QT_TRANSLATE_NOOP("EndedPanel", "Closing note saved in the record.")


class EndedPanel(QWidget):
    """``message`` carries a sentence for the status bar; ``new_session_requested``
    fires when the facilitator starts the next session."""

    message = Signal(str)
    new_session_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths: tuple[Path, ...] = ()
        self.save_dialog: QFileDialog | None = None
        self.note_dialog: ClosingNoteDialog | None = None
        self._note = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(plain_label(self.tr("SESSION ENDED"), "caption"))
        self.summary = plain_label(name="endedTitle")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(plain_label(self.tr("The transcript was written to:"), "muted"))
        self.transcript_view = QPlainTextEdit()  # long paths wrap anywhere, and can be copied
        self.transcript_view.setObjectName("paths")
        self.transcript_view.setReadOnly(True)
        self.transcript_view.setFrameShape(QFrame.Shape.NoFrame)
        self.transcript_view.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.transcript_view.setMaximumHeight(64)
        layout.addWidget(self.transcript_view)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.save_transcript_button = push_button(
            self.tr("Save record as…"),
            "primary",
            self.tr("As a PDF, a printable HTML page, Markdown, CSV or JSON"),
        )
        self.open_folder_button = push_button(self.tr("Open folder"))
        self.new_session_button = push_button(
            self.tr("Start a new session"), "", self.tr("The next session, with the same join link")
        )
        self.closing_note_button = push_button(
            translate("EndedPanel", CLOSING_NOTE), "", translate("EndedPanel", CLOSING_NOTE_TIP)
        )
        self.closing_note_button.clicked.connect(self.open_closing_note)
        self.save_transcript_button.clicked.connect(self.choose_target)
        self.open_folder_button.clicked.connect(self._open_folder)
        self.new_session_button.clicked.connect(self.new_session_requested)
        row.addWidget(self.save_transcript_button)
        row.addWidget(self.open_folder_button)
        row.addWidget(self.closing_note_button)
        row.addStretch(1)
        row.addWidget(self.new_session_button)
        layout.addLayout(row)

    def show_ended(self, session: SessionDetails, shown: int, paths: Sequence[str | Path]) -> None:
        self._paths = tuple(Path(path) for path in paths)
        self._note = session.closing_note
        removed = session.removed_count
        taken_out = (
            translate("EndedPanel", " (%n taken out of the record)", None, removed)
            if removed
            else ""
        )
        self.summary.setText(
            translate(
                "EndedPanel", "“{title}” ended with %n confessions shown{taken_out}.", None, shown
            ).format(title=session.title, taken_out=taken_out)
        )
        lines = [str(path) for path in self._paths]
        self.transcript_view.setPlainText("\n".join(lines) or self.tr("(no transcript written)"))
        self.save_transcript_button.setEnabled(bool(lines))
        self.open_folder_button.setEnabled(bool(lines))
        self.closing_note_button.setEnabled(self._path(".json") is not None)

    def paths(self) -> tuple[Path, ...]:
        return self._paths

    def choose_target(self) -> None:
        """Ask where to save the record (non-blocking); :meth:`save_transcript_to` does it."""
        record = self._path(".json")
        if record is None:
            return
        self.save_dialog = save_as_dialog(
            self,
            self.tr("Save record as"),
            Path.home() / record.with_suffix(PDF_SUFFIX).name,
            name_filters(),
            self.save_transcript_to,
        )

    def save_transcript_to(self, target: str | Path) -> None:
        """Write the record to ``target`` in the format its name says (PDF if none)."""
        record = self._path(".json")
        if record is None:
            self.message.emit(self.tr("There is no record to save yet."))
            return
        self.message.emit(save_and_say(record, target))

    def open_closing_note(self) -> None:
        """The record's closing note, to write or change (not blocking)."""
        record = self._path(".json")
        if record is None:
            return
        try:
            self._note = read_record(record).closing_note  # as amended since, if it was
        except RecordUnreadable as error:
            log.warning("Closing note: %s", error)
        if self.note_dialog is not None:
            self.note_dialog.close()
        # A child of the window, not of this panel: the card's style is not the dialog's.
        dialog = ClosingNoteDialog(
            self._note, lambda note: self.save_closing_note(record, note), self.window()
        )
        dialog.finished.connect(dialog.deleteLater)
        self.note_dialog = dialog
        dialog.open()

    def save_closing_note(self, record: Path, note: str) -> str | None:
        """Amend the record's files with ``note``; ``None`` once done, else why not."""
        amended = amend(record, closing_note=note)
        if isinstance(amended, str):
            return amended
        self._note = amended.closing_note
        self.message.emit(translate("EndedPanel", NOTE_SAVED))
        return None

    def _path(self, suffix: str) -> Path | None:
        return next((path for path in self._paths if path.suffix == suffix), None)

    def _open_folder(self) -> None:
        markdown = self._path(".md")
        if markdown is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(markdown.parent)))
