"""The facilitator's closing note on a record that is already written (after the session
ended, or from the library): typed in a small dialog, opened with ``open()``.

``save`` does the writing and returns ``None`` or the sentence that says why not, which
the dialog shows under the note; the dialog closes only once the note is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from facilitator.core import rules
from facilitator.ui.console_style import STYLE_SHEET
from facilitator.ui.limited_text import LimitedText
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button

TITLE = QT_TRANSLATE_NOOP("ClosingNoteDialog", "Closing note")
CAPTION = QT_TRANSLATE_NOOP("ClosingNoteDialog", "CLOSING NOTE FOR THE RECORD")
EXPLAINED = QT_TRANSLATE_NOOP(
    "ClosingNoteDialog",
    "A few words after the confessions in this session's record: what the room agreed "
    "to do, thanks, where to go next. Never write a participant's name.",
)
SAVE = QT_TRANSLATE_NOOP("ClosingNoteDialog", "Save in the record")
CANCEL = QT_TRANSLATE_NOOP("ClosingNoteDialog", "Cancel")
TOO_LONG = QT_TRANSLATE_NOOP(
    "ClosingNoteDialog", "The note is too long: shorten it to {limit:,} characters."
)

Save = Callable[[str], str | None]  # the note; None once saved, else why not


class ClosingNoteDialog(QDialog):
    """See the module docstring."""

    def __init__(self, note: str, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(translate("ClosingNoteDialog", TITLE))
        self.setStyleSheet(STYLE_SHEET)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(plain_label(translate("ClosingNoteDialog", CAPTION), "caption"))
        explained = plain_label(translate("ClosingNoteDialog", EXPLAINED), "muted")
        explained.setWordWrap(True)
        layout.addWidget(explained)
        self.note = LimitedText(rules.MAX_CLOSING_NOTE_CHARS, lines=6)
        self.note.set_text(note)
        layout.addWidget(self.note)
        self.error_label = plain_label(name="error")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = push_button(translate("ClosingNoteDialog", CANCEL))
        self.save_button = push_button(translate("ClosingNoteDialog", SAVE), "primary")
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        if self.note.over_limit():
            self.error_label.setText(
                translate("ClosingNoteDialog", TOO_LONG).format(limit=rules.MAX_CLOSING_NOTE_CHARS)
            )
            return
        problem = self._save(self.note.text())
        if problem is not None:
            self.error_label.setText(problem)
            return
        self.accept()
