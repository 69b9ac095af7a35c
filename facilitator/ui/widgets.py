"""Small building blocks shared by the console's panels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

ELLIPSIS = "…"


def plain_label(text: str = "", name: str = "", *, selectable: bool = False) -> QLabel:
    """A label that shows its text literally (participants' text is never markup)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ElidedButton(QPushButton):
    """A button that may be narrower than its text: the text is drawn cut with "…" to
    the room the button has (``text()`` stays whole). It asks for its whole text but
    gives way down to a few characters, so a row of them never runs past its panel."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text_room(self) -> int:
        """The width the text may take (the button's, less its border and padding)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        contents = self.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, self
        )
        return max(0, contents.width())

    def shown_text(self) -> str:
        """The text as drawn: whole, or cut to :meth:`text_room`."""
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.text_room()
        )

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        chrome = max(0, super().sizeHint().width() - metrics.horizontalAdvance(self.text()))
        least = chrome + metrics.horizontalAdvance(self.text()[:2] + ELLIPSIS)
        return QSize(min(hint.width(), least), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self.shown_text()
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_PushButton, option)


def push_button(text: str, name: str = "", tip: str = "", *, elide: bool = False) -> QPushButton:
    """A button; ``name`` picks its style ("primary", "go", "danger", or plain). With
    ``elide`` it may get narrower than its text (:class:`ElidedButton`)."""
    button = ElidedButton(text) if elide else QPushButton(text)
    if name:
        button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def save_as_dialog(
    parent: QWidget, title: str, suggested: Path, kind: str, on_chosen: Callable[[str], object]
) -> QFileDialog:
    """A "save as" dialog, opened without blocking (never a nested event loop): ``kind``
    like ``"PDF (*.pdf)"``, whose suffix is added when the name has none."""
    dialog = QFileDialog(parent, title, str(suggested))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(kind)
    dialog.setDefaultSuffix(suggested.suffix.lstrip("."))
    dialog.fileSelected.connect(on_chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_file_dialog(
    parent: QWidget, title: str, kind: str, on_chosen: Callable[[str], object]
) -> QFileDialog:
    """An "open" dialog for one existing file, from the home folder, opened without
    blocking (never a nested event loop): ``kind`` like ``"Images (*.png *.jpg)"``."""
    dialog = QFileDialog(parent, title, str(Path.home()))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(kind)
    dialog.fileSelected.connect(on_chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def card(name: str = "card") -> tuple[QFrame, QVBoxLayout]:
    """A white rounded panel and its layout."""
    frame = QFrame()
    frame.setObjectName(name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(8)
    return frame, layout


class ElidedLabel(QLabel):
    """One line of plain text, cut with "…" to the label's width."""

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if name:
            self.setObjectName(name)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.contentsRect().width())
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))
