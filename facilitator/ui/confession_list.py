"""The console's lists of confessions: plain text, a few lines each, the selected one in full.

Items are painted by :class:`ConfessionDelegate` with ``drawText`` (never rich
text). A list keeps its selection across updates by confession id, and when the
selected confession leaves (approved, set aside) the one that took its place is
selected, so a moderator can go through the incoming list with the keyboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
MARKED_ROLE = Qt.ItemDataRole.UserRole + 2
COLLAPSED_LINES = 3
PADDING = 8
_LINE_SEPARATOR = "\u2028"

type Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Entry:
    """One row: a confession's id, its text, a detail line (learned, count…) and
    whether it is marked (a bar on its left: the one on screen now)."""

    confession_id: int
    text: str
    detail: str = ""
    marked: bool = False


def wrap_lines(text: str, font: QFont, width: float, max_lines: int | None) -> list[str]:
    """``text`` broken into lines that fit ``width``; the last one elided past ``max_lines``."""
    prepared = text.replace("\r\n", "\n").replace("\n", _LINE_SEPARATOR)
    layout = QTextLayout(prepared, font)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [prepared[start : start + length].rstrip(_LINE_SEPARATOR) for start, length in spans]
    if max_lines is None or len(lines) <= max_lines:
        return lines
    start = spans[max_lines - 1][0]
    rest = prepared[start:].replace(_LINE_SEPARATOR, " ")
    metrics = QFontMetricsF(font)
    last = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return [*lines[: max_lines - 1], last]


class ConfessionDelegate(QStyledItemDelegate):
    def __init__(self, view: ConfessionList) -> None:
        super().__init__(view)
        self._view = view

    def _text_width(self) -> float:
        return float(max(40, self._view.viewport().width() - 2 * PADDING))

    def _lines(self, index: Index, font: QFont) -> tuple[list[str], list[str]]:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        detail = str(index.data(DETAIL_ROLE) or "")
        item = self._view.item(index.row())
        expanded = item is not None and item.isSelected()
        limit = None if expanded else COLLAPSED_LINES
        width = self._text_width()
        detail_lines = wrap_lines(detail, _detail_font(font), width, limit and 1) if detail else []
        return wrap_lines(text, font, width, limit), detail_lines

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        font = self._view.font()
        lines, details = self._lines(index, font)
        height = len(lines) * QFontMetricsF(font).lineSpacing()
        if details:
            height += 4 + len(details) * QFontMetricsF(_detail_font(font)).lineSpacing()
        return QSize(int(self._text_width()), int(height) + 2 * PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        style_option.text = ""
        widget = self._view
        widget.style().drawControl(
            QStyle.ControlElement.CE_ItemViewItem, style_option, painter, widget
        )
        palette: QPalette = style_option.palette
        rect: QRect = style_option.rect
        font = self._view.font()
        lines, details = self._lines(index, font)
        painter.save()
        try:
            if index.data(MARKED_ROLE):
                painter.fillRect(
                    QRect(rect.left(), rect.top(), 4, rect.height()), self._view.mark_color
                )
            x = float(rect.left() + PADDING)
            y = float(rect.top() + PADDING)
            metrics = QFontMetricsF(font)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            for line in lines:
                painter.drawText(QPointF(x, y + metrics.ascent()), line)
                y += metrics.lineSpacing()
            if details:
                detail_font = _detail_font(font)
                detail_metrics = QFontMetricsF(detail_font)
                painter.setFont(detail_font)
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                y += 4
                for line in details:
                    painter.drawText(QPointF(x, y + detail_metrics.ascent()), line)
                    y += detail_metrics.lineSpacing()
        finally:
            painter.restore()


def _detail_font(font: QFont) -> QFont:
    detail = QFont(font)
    if font.pixelSize() > 0:
        detail.setPixelSize(max(9, round(font.pixelSize() * 0.88)))
    else:
        detail.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
    return detail


class ConfessionList(QListWidget):
    """A list of :class:`Entry` rows; ``selection_changed`` fires once per real change."""

    selection_changed = Signal()

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self._entries: list[Entry] = []
        self._rebuilding = False
        self.mark_color = QColor("#1f6f5c")
        self.setItemDelegate(ConfessionDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setSpacing(2)
        self.itemSelectionChanged.connect(self._on_selection)

    # Reading

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def ids(self) -> list[int]:
        return [entry.confession_id for entry in self._entries]

    def texts(self) -> list[str]:
        return [entry.text for entry in self._entries]

    def selected_id(self) -> int | None:
        items = self.selectedItems()
        if not items:
            return None
        value = items[0].data(ID_ROLE)
        return int(value) if value is not None else None

    def item_for(self, confession_id: int) -> QListWidgetItem | None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ID_ROLE) == confession_id:
                return item
        return None

    # Changing

    def select_id(self, confession_id: int | None) -> None:
        item = None if confession_id is None else self.item_for(confession_id)
        if item is None:
            self.clearSelection()
        else:
            self.setCurrentItem(item)
            item.setSelected(True)

    def set_entries(self, entries: Sequence[Entry]) -> None:
        """Show ``entries`` in this order, keeping the selection where it makes sense."""
        entries = list(entries)
        if entries == self._entries:
            return
        if [(e.confession_id, e.text) for e in entries] == [
            (e.confession_id, e.text) for e in self._entries
        ]:
            for row, (old, new) in enumerate(zip(self._entries, entries, strict=True)):
                if old != new:  # only the detail line or the mark changed
                    self.item(row).setData(DETAIL_ROLE, new.detail)
                    self.item(row).setData(MARKED_ROLE, new.marked)
            self._entries = entries
            return
        selected = self.selected_id()
        selected_row = self.currentRow() if selected is not None else -1
        scroll = self.verticalScrollBar().value()
        self._rebuilding = True
        try:
            self.clear()
            for entry in entries:
                self.addItem(self._make_item(entry))
            self._entries = entries
            ids = self.ids()
            if selected is not None and selected in ids:
                self.select_id(selected)
            elif selected is not None and ids:
                self.select_id(ids[min(selected_row, len(ids) - 1)])
            self.verticalScrollBar().setValue(scroll)
        finally:
            self._rebuilding = False
        self.scheduleDelayedItemsLayout()
        self.viewport().update()
        self.selection_changed.emit()

    # Qt

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() == 0 and self._empty_text:
            painter = QPainter(self.viewport())
            try:
                painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    self.viewport().rect().adjusted(12, 12, -12, -12),
                    Qt.AlignmentFlag.AlignHCenter
                    | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap,
                    self._empty_text,
                )
            finally:
                painter.end()

    # Internals

    def _make_item(self, entry: Entry) -> QListWidgetItem:
        item = QListWidgetItem(entry.text)
        item.setData(ID_ROLE, entry.confession_id)
        item.setData(DETAIL_ROLE, entry.detail)
        item.setData(MARKED_ROLE, entry.marked)
        return item

    def _on_selection(self) -> None:
        if self._rebuilding:
            return
        self.scheduleDelayedItemsLayout()  # the selected item grows to show its full text
        self.selection_changed.emit()
