"""The organisers' word lists: local names always flagged, watch words that flag a confession.

One entry per line. They hold for every session on this laptop and go to the host as
``set_word_lists``; moderator pages see the same lists. Opened with ``open()``, never
``exec()`` (the app runs on a qasync loop).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.protocol.commands import SetWordLists
from facilitator.protocol.moderator import WordLists
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.widgets import plain_label


def entries(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class WordListsDialog(QDialog):
    """``message`` is for the status bar once the lists are saved."""

    message = Signal(str)

    def __init__(
        self, commands: CommandPort, lists: WordLists, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._commands = commands
        self.setWindowTitle(self.tr("Word lists"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "Confessions that contain one of these are flagged and the words highlighted, "
                "so that you look twice before showing them. Nothing is ever changed or "
                "removed by itself. One entry per line; the lists hold for every session."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        columns = QHBoxLayout()
        self.local_names = self._column(
            columns,
            self.tr("Local names (estates, councils, partners, services)"),
            lists.local_names,
        )
        self.watch_words = self._column(columns, self.tr("Watch words"), lists.watch_words)
        layout.addLayout(columns, 1)
        self.error_label = plain_label(name="error")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _column(row: QHBoxLayout, title: str, values: tuple[str, ...]) -> QPlainTextEdit:
        column = QVBoxLayout()
        column.addWidget(plain_label(title))
        editor = QPlainTextEdit("\n".join(values))
        editor.setAccessibleName(title)
        column.addWidget(editor, 1)
        row.addLayout(column, 1)
        return editor

    def save(self) -> None:
        command = SetWordLists(
            entries(self.local_names.toPlainText()), entries(self.watch_words.toPlainText())
        )
        self._commands.send(command, self._refused, self._saved)

    def _saved(self) -> None:
        self.message.emit(self.tr("Word lists saved: every confession was checked again."))
        self.accept()

    def _refused(self, code: str, message: str) -> None:
        self.error_label.setText(message)
