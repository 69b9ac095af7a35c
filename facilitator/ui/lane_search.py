"""The lanes' search field and the Incoming sort choice, above the lanes.

Typing narrows every lane to the confessions whose text or lesson holds every word
typed (case and accents ignored); the owner asks :func:`matches` with the words from
:attr:`LaneSearch.words`. Ctrl+F (the owner's shortcut) focuses the field, Esc clears
it. Filtering waits for a pause in the typing (``DEBOUNCE_MS``, or Enter) so that a
fast typist does not refilter thousands of rows per key.
"""

from __future__ import annotations

import unicodedata
from enum import Enum

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from facilitator.ui.translations import QT_TRANSLATE_NOOP

DEBOUNCE_MS = 150


def fold(text: str) -> str:
    """``text`` for matching: accents dropped, case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_words(query: str) -> tuple[str, ...]:
    """The folded words of ``query`` (none: no filter)."""
    return tuple(dict.fromkeys(fold(query).split()))


def matches(words: tuple[str, ...], folded: str) -> bool:
    """Whether every word is in ``folded`` (a text passed through :func:`fold`)."""
    return all(word in folded for word in words)


class IncomingOrder(Enum):
    ARRIVAL = QT_TRANSLATE_NOOP("LaneSearch", "Arrival")
    LENGTH = QT_TRANSLATE_NOOP("LaneSearch", "Length")


class _SearchField(QLineEdit):
    """A line edit that Esc clears (and that keeps Esc from the window's shortcuts)."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()  # Esc is ours here, not the editor's "discard"
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)


class LaneSearch(QWidget):
    """The search field and the Incoming sort choice. ``words_changed`` fires after a
    pause in the typing (at once when cleared); ``order_changed`` with the new order."""

    words_changed = Signal()
    order_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        label = QLabel(self.tr("Search"))
        self.field = _SearchField()
        self.field.setObjectName("laneSearch")
        self.field.setPlaceholderText(self.tr("Words in a confession or its lesson (Ctrl+F)"))
        self.field.setClearButtonEnabled(True)
        self.field.setToolTip(
            self.tr("Show only the confessions with every word typed (Esc clears)")
        )
        label.setBuddy(self.field)
        order_label = QLabel(self.tr("Sort Incoming by"))
        self.order = QComboBox()
        for order in IncomingOrder:
            self.order.addItem(self.tr(order.value), order)
        self.order.setToolTip(self.tr("Arrival: oldest first. Length: shortest first."))
        order_label.setBuddy(self.order)
        layout.addWidget(label)
        layout.addWidget(self.field, 1)
        layout.addSpacing(8)
        layout.addWidget(order_label)
        layout.addWidget(self.order)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._apply)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self._apply)  # Enter: no need to wait for the pause
        self.order.currentIndexChanged.connect(lambda _index: self.order_changed.emit())

    @property
    def words(self) -> tuple[str, ...]:
        """The folded words filtering the lanes now (empty: no filter)."""
        return self._words

    def incoming_order(self) -> IncomingOrder:
        order = self.order.currentData()
        assert isinstance(order, IncomingOrder)
        return order

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _typed(self, text: str) -> None:
        if not text.strip():
            self._apply()  # clearing shows everything again at once
        else:
            self._timer.start()

    def _apply(self) -> None:
        self._timer.stop()
        words = search_words(self.field.text())
        if words != self._words:
            self._words = words
            self.words_changed.emit()
