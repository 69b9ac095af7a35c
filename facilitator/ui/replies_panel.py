"""What helped, in the console: the approved replies of the selected confession.

Approved replies leave the lanes (they are shown under their confession, never queued);
this small panel in the editor card lists those of the selected confession, as the
room sees them under it, each with a button that sets it aside again. The "On screen
now" card says how many are shown (:func:`helped_shown_text`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator.protocol.moderator import Item
from facilitator.ui.replies import helped_caption
from facilitator.ui.translations import translate
from facilitator.ui.widgets import ElidedLabel, plain_label, push_button

ROW_HEIGHT = 26
VISIBLE_ROWS = 2  # more scroll: the editor keeps its room


def helped_shown_text(shown: int) -> str:
    """The "On screen now" card's line ("" when none is shown)."""
    return translate("RepliesPanel", "What helped: %n shown", None, shown) if shown else ""


def reply_line(reply: Item) -> str:
    helped = helped_caption(reply.agreement_count)
    return f"{reply.text}  ·  {helped}" if helped else reply.text


class RepliesPanel(QFrame):
    """``set_aside_requested`` carries a reply's id (the console sends ``set_aside``)."""

    set_aside_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repliesPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(2)
        self.caption = plain_label(name="caption")
        layout.addWidget(self.caption)
        self._area = QScrollArea()
        self._area.setObjectName("replies")
        self._area.setWidgetResizable(True)
        self._area.setFrameShape(QFrame.Shape.NoFrame)
        self._area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        self._rows = QVBoxLayout(holder)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(0)
        self._rows.addStretch(1)
        self._area.setWidget(holder)
        layout.addWidget(self._area)
        self._shown: list[tuple[int, str]] = []
        self.rows: list[tuple[int, ElidedLabel, QPushButton]] = []  # id, line, Set aside
        self._row_widgets: list[QWidget] = []
        self.hide()

    def reply_ids(self) -> list[int]:
        return [reply_id for reply_id, _, _ in self.rows]

    def show_replies(self, replies: list[Item], can_set_aside: bool = True) -> None:
        """List ``replies`` (approved, in the order shown); hidden when there are none."""
        shown = [(reply.id, reply_line(reply)) for reply in replies]
        if shown != self._shown:
            self._shown = shown
            self._fill(shown)
        for _, _, button in self.rows:
            button.setEnabled(can_set_aside)
        self.setVisible(bool(shown))

    def _fill(self, shown: list[tuple[int, str]]) -> None:
        for old in self._row_widgets:
            self._rows.removeWidget(old)
            old.deleteLater()
        self.rows, self._row_widgets = [], []
        for reply_id, line in shown:
            row = QWidget()
            row.setFixedHeight(ROW_HEIGHT)
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            label = ElidedLabel()
            label.set_full_text(f"— {line}")
            label.setToolTip(line)
            button = push_button(
                self.tr("Set aside"), "small", self.tr("Take it off the screen (set it aside)")
            )
            button.setAccessibleName(self.tr("Set aside what helped: {line}").format(line=line))
            button.clicked.connect(lambda _=False, i=reply_id: self.set_aside_requested.emit(i))
            layout.addWidget(label, 1)
            layout.addWidget(button)
            self._rows.insertWidget(self._rows.count() - 1, row)
            self.rows.append((reply_id, label, button))
            self._row_widgets.append(row)
        count = len(shown)
        self.caption.setText(
            translate("RepliesPanel", "WHAT HELPED · %n SHOWN UNDER IT ON THE SCREEN", None, count)
        )
        self._area.setFixedHeight(ROW_HEIGHT * min(count, VISIBLE_ROWS) + 2)
