"""The confession lists: a model changed one row at a time, a view that keeps the
selection by id, and wrapped text computed once per item and width."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from facilitator.ui import confession_list
from facilitator.ui.confession_list import (
    DETAIL_ROLE,
    MARKED_ROLE,
    ConfessionList,
    ConfessionModel,
    Entry,
)

LONG = (
    "I rewrote the deployment scripts over a weekend without telling anyone, because I "
    "was sure I knew better. On Monday nothing could be released: the old scripts handled "
    "three edge cases nobody had written down. Two teams lost a week."
)


def entry(confession_id: int, text: str = "", detail: str = "") -> Entry:
    return Entry(confession_id, text or f"Confession {confession_id}.", detail)


class Recorder:
    """The structural signals of a model, in order, as (name, first, last) tuples."""

    def __init__(self, model: ConfessionModel) -> None:
        self.seen: list[tuple[str, int, int]] = []
        model.rowsInserted.connect(
            lambda _p, first, last: self.seen.append(("insert", first, last))
        )
        model.rowsRemoved.connect(lambda _p, first, last: self.seen.append(("remove", first, last)))
        model.rowsMoved.connect(
            lambda _p, first, last, _d, row: self.seen.append(("move", first, row))
        )
        model.dataChanged.connect(
            lambda top, bottom, _roles: self.seen.append(("data", top.row(), bottom.row()))
        )
        model.modelReset.connect(lambda: self.seen.append(("reset", -1, -1)))
        model.layoutChanged.connect(lambda: self.seen.append(("layout", -1, -1)))

    def take(self) -> list[tuple[str, int, int]]:
        seen, self.seen = self.seen, []
        return seen


@pytest.fixture
def model(qtbot: QtBot) -> Iterator[ConfessionModel]:
    model = ConfessionModel()
    # Qt's own checker: any inconsistency is a Qt warning, which fails the test.
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    yield model
    del tester


def check_index(model: ConfessionModel) -> None:
    for row, listed in enumerate(model.entries()):
        assert model.row_of(listed.confession_id) == row


# The model


def test_model_changes_one_row_at_a_time(model: ConfessionModel) -> None:
    seen = Recorder(model)
    for confession_id in (1, 2, 3):
        model.insert(model.rowCount(), entry(confession_id))
    model.insert(0, entry(10))
    model.insert(2, entry(20))
    assert [e.confession_id for e in model.entries()] == [10, 1, 20, 2, 3]
    assert seen.take() == [
        ("insert", 0, 0),
        ("insert", 1, 1),
        ("insert", 2, 2),
        ("insert", 0, 0),
        ("insert", 2, 2),
    ]
    check_index(model)

    assert model.remove(20).confession_id == 20
    model.move(3, 0)  # the last to the top
    model.move(10, 3)  # and down again
    assert [e.confession_id for e in model.entries()] == [3, 1, 2, 10]
    assert seen.take() == [("remove", 2, 2), ("move", 3, 0), ("move", 1, 4)]
    check_index(model)

    assert model.update(Entry(2, "Edited.", "Learned: a lot"))
    assert not model.update(Entry(2, "Edited.", "Learned: a lot"))  # nothing changed
    assert seen.take() == [("data", 2, 2)]
    index = model.index(2, 0)
    assert index.data() == "Edited."
    assert index.data(DETAIL_ROLE) == "Learned: a lot"
    assert index.data(MARKED_ROLE) is False


def test_model_update_names_the_roles_that_changed(model: ConfessionModel) -> None:
    model.insert(0, entry(1))
    roles: list[list[int]] = []
    model.dataChanged.connect(lambda _top, _bottom, changed: roles.append(list(changed)))
    model.update(Entry(1, "Confession 1.", "", marked=True))
    model.update(Entry(1, "Other text.", "Been there · 3", marked=True))
    assert roles == [[MARKED_ROLE], [int(Qt.ItemDataRole.DisplayRole), DETAIL_ROLE]]


def test_model_refuses_what_it_cannot_do(model: ConfessionModel) -> None:
    model.insert(0, entry(1))
    with pytest.raises(ValueError):
        model.insert(1, entry(1))
    with pytest.raises(IndexError):
        model.insert(5, entry(2))
    with pytest.raises(KeyError):
        model.remove(99)
    with pytest.raises(KeyError):
        model.update(entry(99))
    with pytest.raises(ValueError):
        model.reset([entry(3), entry(3)])


def test_model_index_stays_right_through_random_changes(model: ConfessionModel) -> None:
    """The id → row index renumbers only one side of a change: check it against a list."""
    rng = random.Random(7)
    expected: list[int] = []
    next_id = 1
    for _ in range(400):
        choice = rng.random()
        if choice < 0.5 or not expected:
            row = rng.choice([0, len(expected), rng.randint(0, len(expected))])
            model.insert(row, entry(next_id))
            expected.insert(row, next_id)
            next_id += 1
        elif choice < 0.8:
            gone = rng.choice(expected)
            model.remove(gone)
            expected.remove(gone)
        else:
            moved = rng.choice(expected)
            row = rng.randint(0, len(expected) - 1)
            model.move(moved, row)
            expected.remove(moved)
            expected.insert(row, moved)
        assert [e.confession_id for e in model.entries()] == expected
    check_index(model)
    model.reset([entry(i) for i in (5, 6, 7)])
    check_index(model)
    assert model.row_of(1) is None


# The view


@pytest.fixture
def view(qtbot: QtBot) -> ConfessionList:
    widget = ConfessionList("Nothing here yet.")
    qtbot.addWidget(widget)
    widget.resize(280, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def fill(view: ConfessionList, count: int, text: Callable[[int], str] | None = None) -> None:
    for confession_id in range(1, count + 1):
        body = text(confession_id) if text else f"Confession {confession_id}."
        view.place(Entry(confession_id, body, f"Learned: {confession_id}"), (confession_id,))


def test_place_keeps_rows_sorted_by_key_with_row_operations(view: ConfessionList) -> None:
    seen = Recorder(view.list_model())
    view.place(entry(3), (30, 3))
    view.place(entry(1), (10, 1))
    view.place(entry(2), (20, 2))
    assert view.ids() == [1, 2, 3]
    view.place(entry(1, "Requeued."), (40, 1))  # a new key moves it
    assert view.ids() == [2, 3, 1]
    assert view.texts() == ["Confession 2.", "Confession 3.", "Requeued."]
    assert view.discard(3)
    assert not view.discard(3)
    assert view.ids() == [2, 1]
    assert view.count() == 2
    kinds = [kind for kind, _, _ in seen.take()]
    assert kinds == ["insert", "insert", "insert", "move", "data", "remove"]


def test_selection_is_kept_by_id_across_changes(qtbot: QtBot, view: ConfessionList) -> None:
    fill(view, 5)
    changes: list[int | None] = []
    view.selection_changed.connect(lambda: changes.append(view.selected_id()))
    view.select_id(3)
    assert changes == [3]
    view.place(entry(0), (0,))  # above it
    view.place(entry(9), (9,))  # below it
    view.place(entry(3, "Edited."), (3,))  # its text
    view.place(entry(4), (-1,))  # another row moves past it
    view.place(entry(3, "Edited."), (100, 3))  # it moves itself
    assert view.selected_id() == 3
    assert changes == [3]  # none of that was a change of selection
    view.select_id(3)
    assert changes == [3]
    view.select_id(None)
    view.select_id(42)  # not listed: nothing selected
    assert changes == [3, None]


def test_when_the_selected_row_leaves_the_next_one_takes_its_place(view: ConfessionList) -> None:
    fill(view, 4)
    changes: list[int | None] = []
    view.selection_changed.connect(lambda: changes.append(view.selected_id()))
    view.select_id(2)
    view.discard(2)
    assert view.selected_id() == 3  # the row that took its place
    view.discard(3)
    assert view.selected_id() == 4
    view.discard(4)  # the last one: the one before it
    assert view.selected_id() == 1
    view.discard(1)
    assert view.selected_id() is None
    assert changes == [2, 3, 4, 1, None]  # once each


def test_removing_an_unselected_current_row_selects_nothing(view: ConfessionList) -> None:
    fill(view, 3)
    view.select_id(2)
    view.select_id(None)  # the current row stays, unselected
    view.discard(2)
    assert view.selected_id() is None


def test_replace_all_keeps_the_selection_where_it_makes_sense(view: ConfessionList) -> None:
    fill(view, 4)
    view.select_id(3)
    view.replace_all([((n,), entry(n)) for n in (4, 3, 1)])
    assert view.ids() == [1, 3, 4]
    assert view.selected_id() == 3
    view.replace_all([((n,), entry(n)) for n in (1, 4)])  # it went: its row's new occupant
    assert view.selected_id() == 4


def test_rows_are_laid_out_like_a_list(qtbot: QtBot, view: ConfessionList) -> None:
    fill(view, 40, lambda n: LONG if n % 3 == 0 else f"Confession {n}.")
    qtbot.waitUntil(lambda: view.visualRect(view.list_model().index(0, 0)).isValid())
    model = view.list_model()

    def rects() -> list[tuple[int, int]]:
        return [
            (
                view.visualRect(model.index(row, 0)).top(),
                view.visualRect(model.index(row, 0)).height(),
            )
            for row in range(view.count())
        ]

    before = rects()
    for (top, height), (next_top, _) in itertools.pairwise(before):
        assert next_top == top + height + 2 * confession_list.SPACING  # no overlap, no hole
    index = model.index(2, 0)
    center = view.visualRect(index).center()
    assert view.indexAt(center) == index

    collapsed = view.visualRect(model.index(2, 0)).height()
    view.select_id(3)  # row 2, a long text: shown in full
    assert view.visualRect(model.index(2, 0)).height() > collapsed
    view.select_id(1)
    assert view.visualRect(model.index(2, 0)).height() == collapsed

    view.scrollTo(model.index(39, 0))
    assert view.viewport().rect().contains(view.visualRect(model.index(39, 0)))
    assert view.verticalScrollBar().value() == view.verticalScrollBar().maximum()


def test_keyboard_and_mouse_select_rows(qtbot: QtBot, view: ConfessionList) -> None:
    fill(view, 30)
    view.setFocus()
    view.select_id(1)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_id() == 2
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.selected_id() == 30
    assert view.viewport().rect().contains(view.visualRect(view.currentIndex()))
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.selected_id() == 1
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    paged = view.selected_id()
    assert paged is not None and paged > 3
    target = view.list_model().index(2, 0)
    view.scrollTo(target)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(target).center()
    )
    assert view.selected_id() == 3
    outside = QPoint(1, view.visualRect(target).bottom() + 1)  # the spacing between rows
    assert view.indexAt(outside) == QModelIndex()


def test_empty_text_is_painted_only_when_empty(qtbot: QtBot, view: ConfessionList) -> None:
    def ink() -> int:
        """Pixels that differ from the background where the placeholder's first line is
        (12 px from the top), above the bottom border of a first row."""
        image = view.viewport().grab().toImage()
        background = image.pixel(image.width() - 3, image.height() - 3)
        return sum(
            1
            for x in range(image.width())
            for y in range(14, 26)
            if image.pixel(x, y) != background
        )

    assert ink() > 50  # the placeholder
    view.place(Entry(1, " "), (1,))  # a row with nothing to read
    qtbot.wait(20)
    assert view.count() == 1
    assert ink() == 0


# The layout cache


type Wrap = tuple[str, float, int | None]  # text, width, line limit (None: in full)


@pytest.fixture
def wraps(monkeypatch: pytest.MonkeyPatch) -> list[Wrap]:
    """Every call of ``wrap_lines`` (the real function runs)."""
    calls: list[Wrap] = []
    real = confession_list.wrap_lines

    def counting(text: str, font: QFont, width: float, max_lines: int | None) -> list[str]:
        calls.append((text, width, max_lines))
        return real(text, font, width, max_lines)

    monkeypatch.setattr(confession_list, "wrap_lines", counting)
    return calls


def texts_of(wraps: list[Wrap]) -> list[str]:
    return sorted(text for text, _, _ in wraps)


def settle(qtbot: QtBot, view: ConfessionList) -> None:
    view.viewport().update()
    qtbot.wait(30)


def test_text_is_wrapped_once_per_item_and_width(
    qtbot: QtBot, view: ConfessionList, wraps: list[Wrap]
) -> None:
    fill(view, 30, lambda n: f"{LONG} ({n})")
    settle(qtbot, view)
    # While the rows came in, the scroll bar appeared (a narrower list): at most two widths.
    widths = {width for _, width, _ in wraps}
    assert 1 <= len(widths) <= 2
    assert len(wraps) == len(set(wraps))  # never the same text, width and limit twice
    last = [wrap for wrap in wraps if wrap[1] == view.layout_width()]
    assert texts_of(last) == sorted(
        [f"{LONG} ({n})" for n in range(1, 31)] + [f"Learned: {n}" for n in range(1, 31)]
    )
    wraps.clear()

    for value in (0, 300, view.verticalScrollBar().maximum(), 0):  # paint, scroll, paint
        view.verticalScrollBar().setValue(value)
        settle(qtbot, view)
    assert wraps == []

    view.place(Entry(31, "One more.", "Learned: 31"), (31,))
    settle(qtbot, view)
    assert texts_of(wraps) == ["Learned: 31", "One more."]
    wraps.clear()

    view.place(Entry(5, f"{LONG} (5)", "Been there · 2"), (5,))  # only the detail changed
    settle(qtbot, view)
    assert texts_of(wraps) == ["Been there · 2"]
    wraps.clear()

    view.select_id(7)  # shown in full: wrapped without a line limit, once
    settle(qtbot, view)
    assert sorted(wraps, key=str) == sorted(
        [(f"{LONG} (7)", view.layout_width(), None), ("Learned: 7", view.layout_width(), None)],
        key=str,
    )
    wraps.clear()
    view.select_id(8)
    view.select_id(7)  # both forms of 7 are cached now
    settle(qtbot, view)
    assert texts_of(wraps) == sorted([f"{LONG} (8)", "Learned: 8"])
    wraps.clear()

    view.resize(view.width() + 40, view.height())  # another width: everything once more
    settle(qtbot, view)
    assert len(wraps) == len(set(wraps)) == 2 * 31
    wraps.clear()
    view.resize(view.width(), view.height() + 60)  # taller only: nothing to wrap
    settle(qtbot, view)
    assert wraps == []


def test_a_removed_item_leaves_the_cache(view: ConfessionList) -> None:
    fill(view, 3)
    view.doItemsLayout()
    assert len(view.layout_cache) == 3
    view.discard(2)
    assert len(view.layout_cache) == 2
    view.replace_all([((3,), entry(3)), ((4,), entry(4))])
    view.doItemsLayout()
    assert len(view.layout_cache) == 2  # 1 went, 4 came


def test_a_burst_is_measured_in_view_first_and_the_view_stays_still(
    qtbot: QtBot, view: ConfessionList, wraps: list[Wrap]
) -> None:
    def text(n: int) -> str:
        return f"{LONG[: n % 160 + 10]} ({n})"

    def wide(n: int) -> str:  # wider letters than most: estimated a line short
        return " ".join(["WWWWWW"] * (n % 5 + 6)) + f" ({n})"

    fill(view, 200, text)
    settle(qtbot, view)  # laid out (the scroll bar shown: the width stays)
    qtbot.waitUntil(lambda: view.layout_width() is not None and not view._estimated)
    wraps.clear()
    for n in range(1000, 1500):  # a bulk action: 500 rows above the ones shown, at once
        view.place(Entry(n, wide(n)), (0, n))
    model = view.list_model()
    row = view.row_of(150)
    assert row is not None
    view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
    assert len(wraps) < 60, len(wraps)  # the rows in view only, not 500
    shown_top = view.visualRect(model.index(row, 0)).top()
    qtbot.waitUntil(lambda: not view._estimated)  # the rest, a chunk per turn of the loop
    assert texts_of(wraps) == sorted(wide(n) for n in range(1000, 1500))  # each once
    assert view.visualRect(model.index(row, 0)).top() == shown_top  # the view kept still
    rects = [view.visualRect(model.index(r, 0)) for r in range(view.count())]
    assert all(a.bottom() < b.top() for a, b in itertools.pairwise(rects))
    assert all(rect.height() == view.item_layout(r).height for r, rect in enumerate(rects))


def test_the_view_scrolls_per_pixel_with_single_selection(view: ConfessionList) -> None:
    assert view.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert view.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerPixel
