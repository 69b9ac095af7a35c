"""Text fields that show their limit as the facilitator types ("42 / 300").

A one-line field stops at its limit (``QLineEdit.setMaxLength``). A multi-line one
never cuts what was pasted: past the limit its count turns red and says so, and
:meth:`LimitedText.over_limit` lets the dialog hold back until it is shortened.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label

TOO_LONG = QT_TRANSLATE_NOOP("LimitedText", "{count:,} / {limit:,}: too long")
COUNT = "{count:,} / {limit:,}"


def show_count(label: QLabel, count: int, limit: int) -> None:
    """``count / limit`` in ``label``, red and said past the limit."""
    over = count > limit
    template = translate("LimitedText", TOO_LONG) if over else COUNT
    label.setText(template.format(count=count, limit=limit))
    name = "error" if over else "muted"
    if label.objectName() != name:
        label.setObjectName(name)
        label.style().unpolish(label)
        label.style().polish(label)


def limited_line(limit: int) -> tuple[QLineEdit, QLabel]:
    """A one-line field that takes at most ``limit`` characters, and its count."""
    edit = QLineEdit()
    edit.setMaxLength(limit)
    count = plain_label(name="muted")
    edit.textChanged.connect(lambda text: show_count(count, len(text), limit))
    show_count(count, 0, limit)
    return edit, count


class LimitedText(QWidget):
    """A multi-line field of ``lines`` visible lines with its count under it; with
    ``grow``, at least that many, and taller when there is room."""

    changed = Signal()

    def __init__(
        self, limit: int, lines: int, parent: QWidget | None = None, *, grow: bool = False
    ) -> None:
        super().__init__(parent)
        self.limit = limit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        line = QFontMetrics(self.edit.font()).lineSpacing()
        height = lines * line + 14
        if grow:
            self.edit.setMinimumHeight(height)
        else:
            self.edit.setFixedHeight(height)
        layout.addWidget(self.edit, 1)
        self.count = plain_label(name="muted")
        layout.addWidget(self.count)
        self.edit.textChanged.connect(self._on_changed)
        self._on_changed()

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def over_limit(self) -> bool:
        return len(self.text()) > self.limit

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.edit.setEnabled(not read_only)
        self.count.setVisible(not read_only)

    def _on_changed(self) -> None:
        show_count(self.count, len(self.text()), self.limit)
        self.changed.emit()
