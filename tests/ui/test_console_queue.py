"""Up next in the moderator's order (drag, keys, to the top) and bulk actions (issue 7)."""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QPoint,
    QPointF,
    Qt,
)
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Approve, Move, SetBatching
from facilitator.ui.confession_list import ConfessionList
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.queue_moves import MIME_TYPE
from tests.ui.helpers import submit
from tests.ui.local_host import LocalHost

CTRL = Qt.KeyboardModifier.ControlModifier
FRUIT = ("Apple", "Kiwi", "Apple", "Kiwi", "Apple")


def queued(console: ConsoleWindow, service: SessionService, count: int) -> list[int]:
    ids = [submit(service, f"Queued mistake number {n}.") for n in range(count)]
    for confession_id in ids:
        service.execute(Approve(confession_id))
    assert console.queue_list.ids() == ids
    return ids


def focus(qtbot: QtBot, console: ConsoleWindow, widget: ConfessionList, item_id: int) -> None:
    console.activateWindow()
    qtbot.waitUntil(console.isActiveWindow)
    widget.setFocus()
    widget.select_id(item_id)
    qtbot.waitUntil(widget.hasFocus)


def select_rows(widget: ConfessionList, first: int, last: int) -> None:
    """Select rows ``first`` to ``last`` (as Shift+click does), the first one current."""
    model = widget.list_model()
    flag = QItemSelectionModel.SelectionFlag
    selection = QItemSelection(model.index(first, 0), model.index(last, 0))
    widget.selectionModel().select(selection, flag.ClearAndSelect)
    widget.selectionModel().setCurrentIndex(model.index(first, 0), flag.NoUpdate)


def undo_label(console: ConsoleWindow) -> str:
    return console.undo_button.toolTip().removesuffix(" (Ctrl+Z)")


def test_keys_move_a_queued_confession(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    a, b, c, d = queued(console, service, 4)
    focus(qtbot, console, console.queue_list, c)
    qtbot.keyClick(console.queue_list, Qt.Key.Key_Up, CTRL)
    assert console.queue_list.ids() == [a, c, b, d]
    assert console.queue_list.selected_id() == c  # it stays selected where it went
    assert undo_label(console) == "Undo move “Queued mistake number 2.”"
    qtbot.keyClick(console.queue_list, Qt.Key.Key_Down, CTRL)
    qtbot.keyClick(console.queue_list, Qt.Key.Key_Down, CTRL)
    assert console.queue_list.ids() == [a, b, d, c]
    qtbot.keyClick(console.queue_list, Qt.Key.Key_Down, CTRL)  # last already: nothing
    assert console.queue_list.ids() == [a, b, d, c]
    qtbot.keyClick(console.queue_list, Qt.Key.Key_Home, CTRL)
    assert console.queue_list.ids() == [c, a, b, d]
    qtbot.waitUntil(lambda: console.up_next.full_text() == "Next: Queued mistake number 2.")
    qtbot.keyClick(console.queue_list, Qt.Key.Key_End, CTRL)
    assert console.queue_list.ids() == [a, b, d, c]
    qtbot.keyClick(console, Qt.Key.Key_Z, CTRL)  # undo the last move
    assert console.queue_list.ids() == [c, a, b, d]
    assert local.refusals == []


def test_the_context_menu_offers_the_moves(console: ConsoleWindow) -> None:
    texts = [action.text() for action in console.queue_list.actions()]
    assert texts == ["Move up", "Move down", "Move to top (next on screen)", "Move to end"]
    shortcuts = [a.shortcut().toString() for a in console.queue_list.actions()]
    assert shortcuts == ["Ctrl+Up", "Ctrl+Down", "Ctrl+Home", "Ctrl+End"]


def drop(console: ConsoleWindow, item_id: int, point: QPoint) -> int | None:
    """Drag ``item_id`` in over ``point`` and drop it there, as Qt delivers a drag (enter,
    move, drop); returns the row the drop indicator showed."""
    data = QMimeData()
    data.setData(MIME_TYPE, QByteArray(str(item_id).encode()))
    at = QPointF(point)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    viewport = console.queue_list.viewport()
    for kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
        moved = QDragMoveEvent(at, Qt.DropAction.MoveAction, data, buttons, keys, kind)
        QApplication.sendEvent(viewport, moved)
        assert moved.isAccepted()
    indicated = console.queue_list._drop_row
    QApplication.sendEvent(viewport, QDropEvent(at, Qt.DropAction.MoveAction, data, buttons, keys))
    assert console.queue_list._drop_row is None  # the indicator goes with the drop
    return indicated


def test_a_drop_moves_before_the_row_dropped_on(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    a, b, c, d = queued(console, service, 4)
    queue = console.queue_list
    qtbot.waitUntil(lambda: queue.layout_width() is not None)
    rect_b = queue.visualRect(queue.list_model().index(1, 0))
    assert drop(console, d, QPoint(rect_b.center().x(), rect_b.top() + 3)) == 1  # upper half of b
    assert queue.ids() == [a, d, b, c]
    rect_a = queue.visualRect(queue.list_model().index(0, 0))
    drop(console, c, QPoint(rect_a.center().x(), rect_a.bottom() - 3))  # lower half of a
    assert queue.ids() == [a, c, d, b]
    last = queue.visualRect(queue.list_model().index(3, 0))
    drop(console, a, QPoint(last.center().x(), last.bottom() + 40))  # below every row
    assert queue.ids() == [c, d, b, a]
    drop(console, a, QPoint(last.center().x(), last.bottom() + 40))  # there already
    assert queue.ids() == [c, d, b, a]


def test_with_a_search_moves_name_the_neighbours_shown(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    ids = [submit(service, f"{fruit} mistake {n}.") for n, fruit in enumerate(FRUIT)]
    for confession_id in ids:
        service.execute(Approve(confession_id))
    queue = console.queue_list
    queue.set_filter(("kiwi",))
    assert queue.ids() == [ids[1], ids[3]]
    # Past the last one shown: before the one after it in the whole queue.
    assert queue.move_to_row(ids[1], 2) == Move(ids[1], ids[4])
    assert queue.move_to_row(ids[3], 0) == Move(ids[3], ids[1])
    assert queue.move_to_row(ids[1], 1) is None  # where it is already
    queue.set_filter(("apple",))
    assert queue.move_to_row(ids[0], 3) == Move(ids[0], None)  # nothing after: the end
    focus(qtbot, console, queue, ids[4])
    qtbot.keyClick(queue, Qt.Key.Key_Up, CTRL)
    queue.set_filter(())
    assert queue.ids() == [ids[0], ids[1], ids[4], ids[2], ids[3]]
    assert local.refusals == []


def test_bulk_approve_and_set_aside_are_one_step_each(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    ids = [submit(service, f"Bulk mistake {n}.") for n in range(8)]
    incoming = console.incoming_list
    select_rows(incoming, 2, 5)
    qtbot.waitUntil(lambda: console.approve_button.text() == "Approve 4")
    assert console.set_aside_button.text() == "Set aside 4"
    qtbot.mouseClick(console.approve_button, Qt.MouseButton.LeftButton)
    assert console.queue_list.ids() == ids[2:6]  # in the order of Incoming
    assert incoming.ids() == ids[:2] + ids[6:]
    assert incoming.selected_id() == ids[6]  # the one after them, to go on from
    qtbot.waitUntil(lambda: undo_label(console) == "Undo approve (4)")
    assert console.approve_button.text() == "Approve"

    select_rows(console.queue_list, 0, 2)
    qtbot.waitUntil(lambda: console.unqueue_button.text() == "Set aside 3")
    assert not console.project_button.isEnabled()  # one at a time on screen
    qtbot.mouseClick(console.unqueue_button, Qt.MouseButton.LeftButton)
    assert console.aside_list.ids() == ids[2:5]
    assert console.queue_list.ids() == [ids[5]]
    qtbot.waitUntil(lambda: undo_label(console) == "Undo set aside (3)")
    qtbot.mouseClick(console.undo_button, Qt.MouseButton.LeftButton)
    assert console.queue_list.ids() == ids[2:6]
    assert console.aside_list.ids() == []
    assert local.refusals == []


def test_ctrl_a_selects_a_whole_lane_for_a_bulk_action(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    ids = [submit(service, f"All of us {n}.") for n in range(5)]
    focus(qtbot, console, console.incoming_list, ids[0])
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_A, CTRL)
    qtbot.waitUntil(lambda: console.set_aside_button.text() == "Set aside 5")
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_Delete)
    assert console.aside_list.ids() == ids
    assert console.incoming_list.count() == 0


def test_a_bulk_action_of_hundreds_re_reads_each_lane_once(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    service.execute(SetBatching("off"))  # 150 phones: they would arrive in batches
    ids = [submit(service, f"One of many mistakes, number {n}.") for n in range(150)]
    qtbot.wait(20)  # (their arrival was a burst too)
    assert console.incoming_list.ids() == ids
    lanes = (console.incoming_list, console.queue_list, console.shown_list, console.aside_list)
    resets: list[ConfessionList] = []
    for lane in lanes:
        lane.list_model().modelReset.connect(lambda lane=lane: resets.append(lane))
    select_rows(console.incoming_list, 10, 139)
    qtbot.waitUntil(lambda: console.approve_button.text() == "Approve 130")
    qtbot.mouseClick(console.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.queue_list.count() == 130)
    assert console.queue_list.ids() == ids[10:140]
    assert console.incoming_list.ids() == ids[:10] + ids[140:]
    assert console.incoming_list.selected_id() == ids[140]  # to go on from
    assert sorted(map(id, resets)) == sorted(map(id, lanes[:2]))  # each once, no other
    qtbot.waitUntil(lambda: undo_label(console) == "Undo approve (130)")
    assert local.refusals == []
