"""A past record's register with its follow-ups, edited in the session library.

One row per shown confession: the mistake and how many had been there (as recorded,
read-only), then what the organisation will do about it and by when (typed here).
``edited`` fires on every change; :meth:`FollowUpsTable.follow_ups` is what to save,
keyed by the confession's order in the record.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from facilitator.core import rules
from facilitator.core.record.register import FollowUp, RegisterRow
from facilitator.ui.translations import QT_TRANSLATE_NOOP

COLUMNS = (
    QT_TRANSLATE_NOOP("FollowUpsTable", "Mistake"),
    QT_TRANSLATE_NOOP("FollowUpsTable", "Been there"),
    QT_TRANSLATE_NOOP("FollowUpsTable", "Action"),
    QT_TRANSLATE_NOOP("FollowUpsTable", "By when"),
)
MISTAKE, BEEN_THERE, ACTION, BY_WHEN = range(4)
ACTION_TIP = QT_TRANSLATE_NOOP(
    "FollowUpsTable",
    "What the organisation will do about it, in up to {limit} characters "
    "(never a participant's name)",
)
BY_WHEN_TIP = QT_TRANSLATE_NOOP(
    "FollowUpsTable",
    "A date or a moment, such as “2027-01-31” or “next retro”, in up to {limit} characters",
)


class LimitedCell(QStyledItemDelegate):
    """Cells typed in one line of at most ``limit`` characters."""

    def __init__(self, limit: int, parent: QWidget) -> None:
        super().__init__(parent)
        self._limit = limit

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(self._limit)
        editor.setFrame(False)
        return editor


class FollowUpsTable(QTableWidget):
    """See the module docstring."""

    edited = Signal()

    def __init__(self) -> None:
        super().__init__(0, len(COLUMNS))
        self._orders: list[int] = []
        self._saved: dict[int, FollowUp] = {}
        self.setHorizontalHeaderLabels([self.tr(column) for column in COLUMNS])
        for column, tip, limit in (
            (ACTION, ACTION_TIP, rules.MAX_FOLLOW_UP_ACTION_CHARS),
            (BY_WHEN, BY_WHEN_TIP, rules.MAX_FOLLOW_UP_BY_WHEN_CHARS),
        ):
            header_item = self.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(self.tr(tip).format(limit=limit))
            self.setItemDelegateForColumn(column, LimitedCell(limit, self))
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(MISTAKE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BEEN_THERE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BY_WHEN, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(BY_WHEN, 130)
        self.itemChanged.connect(lambda _item: self.edited.emit())

    def show_register(self, rows: tuple[RegisterRow, ...]) -> None:
        """The register as the record has it now (edits not saved are dropped)."""
        self.blockSignals(True)
        self._orders = [row.order for row in rows]
        self._saved = {row.order: row.follow_up for row in rows}
        self.setRowCount(len(rows))
        for index, row in enumerate(rows):
            mistake = QTableWidgetItem(" ".join(row.mistake.split()))
            mistake.setToolTip(row.mistake)
            been_there = QTableWidgetItem(str(row.been_there))
            been_there.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            for column, item in ((MISTAKE, mistake), (BEEN_THERE, been_there)):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.setItem(index, column, item)
            action = QTableWidgetItem(row.follow_up.action)
            action.setToolTip(self.tr(ACTION_TIP).format(limit=rules.MAX_FOLLOW_UP_ACTION_CHARS))
            by_when = QTableWidgetItem(row.follow_up.by_when)
            by_when.setToolTip(self.tr(BY_WHEN_TIP).format(limit=rules.MAX_FOLLOW_UP_BY_WHEN_CHARS))
            self.setItem(index, ACTION, action)
            self.setItem(index, BY_WHEN, by_when)
        self.blockSignals(False)
        self.edited.emit()

    def follow_ups(self) -> dict[int, FollowUp]:
        """Every row's follow-up as typed, by the confession's order in the record."""
        return {
            order: FollowUp(self._cell(index, ACTION), self._cell(index, BY_WHEN))
            for index, order in enumerate(self._orders)
        }

    def is_edited(self) -> bool:
        return self.follow_ups() != self._saved

    def set_follow_up(self, order: int, follow_up: FollowUp) -> None:
        """Type ``follow_up`` into the row of the confession ``order`` (as a person would)."""
        index = self._orders.index(order)
        for column, text in ((ACTION, follow_up.action), (BY_WHEN, follow_up.by_when)):
            item = self.item(index, column)
            if item is not None:
                item.setText(text)

    def _cell(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""
