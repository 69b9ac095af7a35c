"""Up next in the order the facilitator wants: drag a confession, or move it by keys.

The list never reorders itself: it asks the host (``move_requested`` carries a
``move`` or ``move_to_top`` command) and the stream moves the row, so two moderators
never see different queues. A move names the neighbour the confession goes before
(the one it was dropped before, or the one above it for Ctrl+Up), so it lands where
the moderator saw it land. With a search narrowing the lane, the neighbours are the
confessions shown; moving past the last one shown goes before the one that follows
it in the whole queue.

Keys (on the focused Up next lane, also in its context menu): Ctrl+Up, Ctrl+Down,
Ctrl+Home (to the top: the next one projected), Ctrl+End.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QAbstractItemView, QWidget

from facilitator.protocol.commands import Move, MoveToTop
from facilitator.ui.confession_list import SPACING, ConfessionList

MIME_TYPE = "application/x-confessional-queued-item"


class QueueList(ConfessionList):
    """The Up next lane: a :class:`ConfessionList` whose rows can be dragged and moved by
    keys; ``move_requested`` carries the command to send."""

    move_requested = Signal(object)  # Move | MoveToTop

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(empty_text, parent)
        self.list_model().draggable = True
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self._drop_row: int | None = None  # where the dragged one would land, while dragging
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, keys, slot in (
            (self.tr("Move up"), "Ctrl+Up", self.move_up),
            (self.tr("Move down"), "Ctrl+Down", self.move_down),
            (self.tr("Move to top (next on screen)"), "Ctrl+Home", self.move_to_top),
            (self.tr("Move to end"), "Ctrl+End", self.move_to_end),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # Where a confession would go

    def before_row(self, row: int) -> int | None:
        """The id to name as ``before_id`` to put a confession just before shown row
        ``row`` (``row == count()``: after the last one shown)."""
        if row < self.count():
            return self.entry_at(row).confession_id
        if self.count() == 0:
            return None
        return self.id_after(self.entry_at(self.count() - 1).confession_id)

    def move_to_row(self, confession_id: int, row: int) -> Move | None:
        """The command that puts ``confession_id`` just before shown row ``row``; None when
        it is there already."""
        current = self.row_of(confession_id)
        if current is not None and row in (current, current + 1):
            return None
        before = self.before_row(row)
        if before == confession_id:
            return None
        return Move(confession_id, before)

    def drop_row(self, position: QPoint) -> int:
        """The row a drop at ``position`` (viewport coordinates) goes before."""
        middle = self.viewport().width() // 2
        index = self.indexAt(QPoint(middle, position.y()))
        if not index.isValid():  # between two rows or below the last
            below = self.indexAt(QPoint(middle, position.y() + 2 * SPACING + 1))
            return below.row() if below.isValid() else self.count()
        rect = self.visualRect(index)
        return index.row() + (1 if position.y() > rect.center().y() else 0)

    # Keys

    def _current_row(self) -> tuple[int, int] | None:
        selected = self.selected_id()
        row = None if selected is None else self.row_of(selected)
        return None if selected is None or row is None else (selected, row)

    def move_up(self) -> None:
        found = self._current_row()
        if found is not None and found[1] > 0:
            self._request(self.move_to_row(found[0], found[1] - 1))

    def move_down(self) -> None:
        found = self._current_row()
        if found is not None and found[1] < self.count() - 1:
            self._request(self.move_to_row(found[0], found[1] + 2))

    def move_to_top(self) -> None:
        found = self._current_row()
        first = self.first_entry()
        if found is not None and first is not None and first.confession_id != found[0]:
            self.move_requested.emit(MoveToTop(found[0]))

    def move_to_end(self) -> None:
        found = self._current_row()
        if found is not None and self.id_after(found[0]) is not None:
            self.move_requested.emit(Move(found[0], None))

    def _request(self, command: Move | None) -> None:
        if command is not None:
            self.move_requested.emit(command)

    # Dragging

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        index = self.currentIndex()
        if not index.isValid():
            return
        confession_id = self.entry_at(index.row()).confession_id
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(str(confession_id).encode()))
        drag = QDrag(self)
        drag.setMimeData(data)
        rect = self.visualRect(index)
        drag.setPixmap(self.viewport().grab(rect))
        drag.setHotSpot(QPoint(rect.width() // 2, 10))
        drag.exec(Qt.DropAction.MoveAction)
        self._set_drop_row(None)

    def dragged_id(self, event: QDropEvent) -> int | None:
        """The queued confession a drag carries (None: not one of this list's)."""
        data = event.mimeData()
        if data is None or not data.hasFormat(MIME_TYPE):
            return None
        try:
            confession_id = int(bytes(data.data(MIME_TYPE).data()).decode())
        except ValueError:
            return None
        return confession_id if self.is_listed(confession_id) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dragged_id(event) is None:
            event.ignore()
            return
        event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.dragged_id(event) is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self._set_drop_row(self.drop_row(event.position().toPoint()))
        self._auto_scroll(event.position().toPoint())

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_row(None)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        confession_id = self.dragged_id(event)
        self._set_drop_row(None)
        if confession_id is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)  # the host moves the row, not Qt
        event.accept()
        self._request(self.move_to_row(confession_id, self.drop_row(event.position().toPoint())))

    def _auto_scroll(self, position: QPoint) -> None:
        bar = self.verticalScrollBar()
        margin = 24
        if position.y() < margin:
            bar.setValue(bar.value() - bar.singleStep())
        elif position.y() > self.viewport().height() - margin:
            bar.setValue(bar.value() + bar.singleStep())

    def _set_drop_row(self, row: int | None) -> None:
        if row != self._drop_row:
            self._drop_row = row
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        row = self._drop_row
        if row is None:
            return
        if row < self.count():
            y = self.visualRect(self.list_model().index(row, 0)).top() - SPACING
        elif self.count():
            y = self.visualRect(self.list_model().index(self.count() - 1, 0)).bottom() + SPACING
        else:
            y = SPACING
        painter = QPainter(self.viewport())
        try:
            painter.setPen(QPen(self.mark_color, 3))
            painter.drawLine(4, y, self.viewport().width() - 4, y)
        finally:
            painter.end()
