"""Like groups in the lanes and merging them from the console (issue 7, part 2)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Approve, Blank, Edit, Project, SetAside
from facilitator.protocol.moderator import ItemState
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.merge_view import MergeView
from tests.ui.helpers import clicked_open, participant, submit
from tests.ui.local_host import LocalHost

SILENT = (
    "I stayed silent in the meeting when I knew the plan would fail.",
    "I stayed silent in the meeting when I knew that the plan would fail.",
    "I stayed quiet in the meeting when I knew the plan would fail.",
)


def detail(console: ConsoleWindow, item_id: int) -> str:
    for lane in (console.incoming_list, console.queue_list, console.shown_list):
        row = lane.row_of(item_id)
        if row is not None:
            return lane.entry_at(row).detail
    raise AssertionError(f"{item_id} is in no lane")


def open_merge(qtbot: QtBot, console: ConsoleWindow, item_id: int) -> MergeView:
    console.incoming_list.select_id(item_id)
    qtbot.waitUntil(console.merge_button.isVisible)
    return clicked_open(qtbot, console.merge_button, lambda: console.merge_view)


def test_alike_confessions_are_marked_and_unmarked_row_by_row(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    a = submit(service, SILENT[0], "Say it.")
    other = submit(service, "I deployed on a Friday and went to a wedding.")
    assert detail(console, a) == "Learned: Say it."
    b = submit(service, SILENT[1])
    assert detail(console, a) == "≈ 1 alike · Learned: Say it."
    assert detail(console, b) == "≈ 1 alike"
    assert detail(console, other) == ""
    unrelated = [submit(service, f"Unrelated mistake about topic {n}.") for n in range(50)]
    qtbot.wait(20)  # a burst of arrivals: the lanes are re-read at the end of the turn
    changed: list[int] = []
    model = console.incoming_list.list_model()
    model.dataChanged.connect(
        lambda top, bottom, _roles: changed.extend(range(top.row(), bottom.row() + 1))
    )
    found = console.incoming_list.row_of(unrelated[7])
    version = local.mirror.items[unrelated[7]].version
    service.execute(Edit(unrelated[7], version, "Unrelated, edited.", ""))  # its row only
    assert changed == [found]
    changed.clear()
    service.execute(Approve(other))
    assert changed == []
    service.execute(SetAside(b))  # still in a lane: still alike
    assert detail(console, a) == "≈ 1 alike · Learned: Say it."
    assert console.aside_list.entries()[0].detail == "≈ 1 alike"


def test_merge_keeps_one_text_and_counts_each_phone_once(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    ids = [submit(service, text) for text in SILENT]
    a, b, c = ids
    voters = [participant(service) for _ in range(3)]
    for item_id in (a, b):
        service.execute(Approve(item_id))
        service.execute(Project(item_id))
    service.set_agreement(voters[0], a, True)
    service.set_agreement(voters[1], a, True)
    service.set_agreement(voters[1], b, True)  # agreed with two of them: counts once
    service.set_agreement(voters[2], b, True)
    service.execute(Blank())
    console.shown_list.select_id(a)
    qtbot.waitUntil(lambda: console.merge_button.text() == "≈ 2 alike: Merge…")
    console.open_merge()
    view = console.merge_view
    assert view is not None
    assert [row.item.id for row in view.rows] == [a, b, c]
    assert view.kept() is not None and view.kept().id == a  # type: ignore[union-attr]
    assert view.text_edit.toPlainText() == SILENT[0]
    view.choose_keep(c)
    assert view.text_edit.toPlainText() == SILENT[2]  # prefilled with the one kept
    view.text_edit.setPlainText("I stayed silent when I knew the plan would fail.")
    assert view.merged_ids() == [a, b]
    assert view.merge_button.text() == "Merge 3 into one"
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.merge_view is None)
    assert local.refusals == []
    items = local.mirror.items
    assert items[c].text == "I stayed silent when I knew the plan would fail."
    assert items[c].agreement_count == 3  # voters 0, 1 and 2, each once
    assert {items[a].state, items[b].state} == {ItemState.MERGED}
    assert console.shown_list.ids() == []
    assert console.incoming_list.ids() == [c]
    assert detail(console, c) == "merged from 2"
    assert console.undo_button.toolTip().startswith("Undo merge (3) “I stayed silent")
    qtbot.mouseClick(console.undo_button, Qt.MouseButton.LeftButton)
    assert console.shown_list.ids() == [a, b]
    assert console.incoming_list.ids() == [c]
    assert detail(console, c) == "≈ 2 alike"


def test_a_merge_can_leave_one_out(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    a, b, c = (submit(service, text) for text in SILENT)
    view = open_merge(qtbot, console, a)
    view.rows[1].include.setChecked(False)
    assert view.merge_button.text() == "Merge 2 into one"
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    assert console.incoming_list.ids() == [a, b]
    assert local.mirror.items[c].merged_into == a
    assert detail(console, a) == "≈ 1 alike · merged from 1"


def test_refusals_are_shown_and_nothing_changes(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    a, b, _c = (submit(service, text) for text in SILENT)
    service.execute(Approve(b))
    service.execute(Project(b))  # on screen: it may be kept, not merged away
    view = open_merge(qtbot, console, a)
    assert view.kept() is not None and view.kept().id == b  # type: ignore[union-attr]
    view.choose_keep(a)
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    assert "on screen" in view.error_label.text()
    assert console.statusBar().currentMessage() != ""
    assert local.mirror.items[b].state is ItemState.SHOWN
    # Someone edits the kept one meanwhile: the merge is refused, nothing is overwritten.
    service.execute(Blank())
    kept = local.mirror.items[a]
    service.execute(Edit(a, kept.version, "I stayed silent, again.", ""))
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    assert "edited" in view.error_label.text()
    assert local.mirror.items[a].text == "I stayed silent, again."
    assert local.mirror.items[b].state is ItemState.SHOWN
    view.reject()
    QApplication.processEvents()
    assert console.merge_view is None


def test_no_merge_is_offered_without_alike_ones(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    alone = submit(service, "I deployed on a Friday and went to a wedding.")
    console.incoming_list.select_id(alone)
    qtbot.wait(30)
    assert not console.merge_button.isVisible()
    console.open_merge()  # Ctrl+G with nothing to merge
    assert console.merge_view is None
    assert "alike" in console.statusBar().currentMessage()
