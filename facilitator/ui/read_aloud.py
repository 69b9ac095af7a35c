"""The read-aloud view: the confession on screen, big, for the facilitator to read to the
room from the laptop (the projector may be behind them).

It takes the place of the big card (the selected confession's editor) while it is on:
**R** switches between the two (the console's key). Plain text only: the confession,
its lesson under it, and the count; a confession with a content note says so first
and shows no count (the room does not see one either).
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from facilitator.protocol.moderator import Item
from facilitator.ui.console_style import MUTED
from facilitator.ui.fit_text import Align, FitText
from facilitator.ui.translations import QT_TRANSLATE_NOOP
from facilitator.ui.widgets import plain_label

READ_ALOUD_KEY = "R"
CAPTION = QT_TRANSLATE_NOOP("ReadAloudView", "READ ALOUD")
BACK_HINT = QT_TRANSLATE_NOOP("ReadAloudView", "{key}: back to the selected confession")
NOTHING = QT_TRANSLATE_NOOP(
    "ReadAloudView", "No confession on screen. Project one (Space) to read it here."
)
CONTENT_NOTE = QT_TRANSLATE_NOOP(
    "ReadAloudView", "Content note: warn the room first. Its count is not shown."
)
LESSON_PREFIX = QT_TRANSLATE_NOOP("ReadAloudView", "What I learned: ")


class ReadAloudView(QFrame):
    """See the module docstring; :meth:`show_item` follows the confession on screen."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("editorCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 12)
        layout.setSpacing(6)
        header = QHBoxLayout()
        header.addWidget(plain_label(self.tr(CAPTION), "caption"))
        header.addStretch(1)
        self.count_label = plain_label(name="readAloudCount")
        header.addWidget(self.count_label)
        header.addSpacing(12)
        header.addWidget(plain_label(self.tr(BACK_HINT).format(key=READ_ALOUD_KEY), "muted"))
        layout.addLayout(header)
        self.note_label = plain_label(self.tr(CONTENT_NOTE), "flag")
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        self.text = FitText(max_px=56, min_px=14, align=Align.LEFT)
        self.text.setObjectName("readAloudText")
        self.text.set_secondary_style(
            ratio=0.7, min_px=13, max_px=30, color=QColor(MUTED), italic=True
        )
        layout.addWidget(self.text, 1)
        self.empty_label = plain_label(self.tr(NOTHING), "nowEmpty")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label, 1)
        self._item: Item | None = None
        self.show_item(None)

    def show_item(self, item: Item | None, count: str = "") -> None:
        """``item`` on screen (None: nothing), with its count line (``count``)."""
        self._item = item
        self.text.setVisible(item is not None)
        self.empty_label.setVisible(item is None)
        self.note_label.setVisible(item is not None and item.content_note)
        self.text.setText("" if item is None else item.text)
        lesson = "" if item is None or not item.learned else self.tr(LESSON_PREFIX) + item.learned
        self.text.set_secondary_text(lesson)
        self.show_count(count)

    def show_count(self, count: str) -> None:
        """The count line of the confession shown (none with a content note)."""
        item = self._item
        self.count_label.setText("" if item is None or item.content_note else count)
