"""The console's lists of confessions: plain text, a few lines each, the selected one in full.

Three layers, each doing one thing per change, whatever the length of the list:

- :class:`ConfessionModel` holds the rows (:class:`Entry` values) and an id → row
  index, and changes one row at a time (insert, remove, move, update) with the
  matching ``begin…``/``end…`` calls; only :meth:`ConfessionModel.reset` resets.
- :class:`LayoutCache` keeps each item's wrapped lines: a text is wrapped again
  only when it, the item's expansion or the width changed.
- :class:`ConfessionList` is the view. It keeps the rows sorted by a key its
  owner gives (:meth:`ConfessionList.place`, found with ``bisect``) and lays the
  rows out itself, from cached heights and their running sums, so that one
  more row costs one wrap and one insertion. Rows inserted are measured when the
  geometry is next read (a burst of hundreds is laid out once), and a row whose
  wrapped lines are not known yet (after a bulk action, a search, a resize) gets an
  estimated height: the rows in view are measured at once, the others a chunk per
  turn of the event loop, the scroll position moved by what the rows above the
  view grew, so that nothing in view moves.

Why not ``QListView``'s own layout: with rows of different heights it asks the
delegate for the size of *every* row after any insertion or removal (a full
relayout, ~7 µs per row through Python: 35 ms at 5,000 rows). Its ``Batched``
mode spreads the same work over later event-loop turns and loses the scroll
position meanwhile. So :class:`ConfessionList` overrides the geometry of
``QListView`` (``visualRect``, ``indexAt``, ``scrollTo``, ``moveCursor``,
``setSelection``, ``paintEvent``, ``updateGeometries`` and the model slots) and
never runs its private layout.

Items are painted by :class:`ConfessionDelegate` with ``drawText`` (never rich
text); a confession with a content note starts its detail line with a small amber
badge (:data:`CONTENT_NOTE_BADGE`). A list keeps its selection across updates by
confession id, and when the selected confession leaves (approved, set aside) the one
that took its place is selected, so a moderator can go through the incoming list with
the keyboard.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, islice
from operator import itemgetter

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHoverEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QRegion,
    QResizeEvent,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate

ID_ROLE = int(Qt.ItemDataRole.UserRole)
DETAIL_ROLE = ID_ROLE + 1
MARKED_ROLE = ID_ROLE + 2
_DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
COLLAPSED_LINES = 3
REFINE_CHUNK = 100  # estimated rows measured per turn of the event loop (a few ms)
PADDING = 8
SPACING = 2
_DETAIL_GAP = 4
_LINE_SEPARATOR = "\u2028"
# The detail line's start: the confession has a content note (content_note_badge()).
CONTENT_NOTE_BADGE = QT_TRANSLATE_NOOP("ConfessionList", "⚠ CN")
CONTENT_NOTE_TIP = QT_TRANSLATE_NOOP(
    "ConfessionList", "Content note: the room is warned first and sees no count"
)
_BADGE_FILL = QColor("#fff6d6")
_BADGE_LINE = QColor("#e7c65a")
_BADGE_INK = QColor("#7a5200")
_BADGE_PAD = 3
_ROOT = QModelIndex()

type Index = QModelIndex | QPersistentModelIndex
type SortKey = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """One row: a confession's id, its text, a detail line (learned, count…),
    whether it is marked (a bar on its left: the one on screen now), and what a search
    looks in (folded text and lesson; never painted). With ``content_note`` the detail
    line starts with :data:`CONTENT_NOTE_BADGE` (see :func:`with_badge`), drawn as a badge."""

    confession_id: int
    text: str
    detail: str = ""
    marked: bool = False
    search: str = field(default="", repr=False)
    content_note: bool = False


def content_note_badge() -> str:
    """:data:`CONTENT_NOTE_BADGE` in the console's language."""
    return translate("ConfessionList", CONTENT_NOTE_BADGE)


def with_badge(detail: str, content_note: bool) -> str:
    """``detail`` as a row shows it: after the content-note badge when there is one."""
    if not content_note:
        return detail
    badge = content_note_badge()
    return f"{badge}  {detail}" if detail else badge  # clear of the box


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


def _detail_font(font: QFont) -> QFont:
    detail = QFont(font)
    if font.pixelSize() > 0:
        detail.setPixelSize(max(9, round(font.pixelSize() * 0.88)))
    else:
        detail.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
    return detail


# The model


class ConfessionModel(QAbstractListModel):
    """Rows of :class:`Entry`, changed one row at a time.

    The id → row index costs O(1) for changes at either end of the list, where
    they happen (arrivals at the end, the first one approved or projected): each
    id maps to a slot number and ``row = slot - base``; a change in the middle
    renumbers the shorter side only.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Entry] = []
        self._ids: list[int] = []  # parallel to the rows: renumbering runs at C speed
        self._slots: dict[int, int] = {}
        self._base = 0
        self.draggable = False  # rows may be dragged (to reorder the queue)

    # Reading

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = _DISPLAY_ROLE) -> object:
        row = index.row()
        if not index.isValid() or row >= len(self._rows):
            return None
        entry = self._rows[row]
        if role == _DISPLAY_ROLE:
            return entry.text
        if role == ID_ROLE:
            return entry.confession_id
        if role == DETAIL_ROLE:
            return entry.detail
        if role == MARKED_ROLE:
            return entry.marked
        if role == _TOOLTIP_ROLE and entry.content_note:
            return translate("ConfessionList", CONTENT_NOTE_TIP)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.draggable and index.isValid():
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def row_of(self, confession_id: int) -> int | None:
        slot = self._slots.get(confession_id)
        return None if slot is None else slot - self._base

    def entry(self, row: int) -> Entry:
        return self._rows[row]

    def entries(self) -> list[Entry]:
        return list(self._rows)

    def rows(self) -> Sequence[Entry]:
        """The rows themselves (not a copy: read, never change)."""
        return self._rows

    # Changing

    def insert(self, row: int, entry: Entry) -> None:
        """Insert ``entry`` so that it becomes row ``row``."""
        if entry.confession_id in self._slots:
            raise ValueError(f"confession {entry.confession_id} is listed already")
        count = len(self._rows)
        if not 0 <= row <= count:
            raise IndexError(row)
        self.beginInsertRows(_ROOT, row, row)
        ids, slots = self._ids, self._slots
        self._rows.insert(row, entry)
        ids.insert(row, entry.confession_id)
        if row < count - row:  # fewer rows before it: they move one slot down
            self._base -= 1
            slots.update(zip(ids[:row], range(self._base, self._base + row), strict=True))
        else:
            tail = ids[row + 1 :]
            slots.update(
                zip(tail, range(row + 1 + self._base, count + 1 + self._base), strict=True)
            )
        slots[entry.confession_id] = row + self._base
        self.endInsertRows()

    def remove(self, confession_id: int) -> Entry:
        """Remove the row of ``confession_id``; returns its entry."""
        row = self._require(confession_id)
        self.beginRemoveRows(_ROOT, row, row)
        ids, slots = self._ids, self._slots
        entry = self._rows.pop(row)
        del ids[row]
        del slots[confession_id]
        count = len(ids)
        if row < count - row:
            self._base += 1
            slots.update(zip(ids[:row], range(self._base, self._base + row), strict=True))
        else:
            slots.update(zip(ids[row:], range(row + self._base, count + self._base), strict=True))
        self.endRemoveRows()
        return entry

    def move(self, confession_id: int, row: int) -> None:
        """Move the row of ``confession_id`` so that it becomes row ``row``."""
        source = self._require(confession_id)
        if not 0 <= row < len(self._rows):
            raise IndexError(row)
        if row == source:
            return
        destination = row + 1 if row > source else row  # Qt counts before the move
        if not self.beginMoveRows(_ROOT, source, source, _ROOT, destination):
            raise IndexError(row)
        rows, ids = self._rows, self._ids
        rows.insert(row, rows.pop(source))
        ids.insert(row, ids.pop(source))
        low, high = min(source, row), max(source, row) + 1
        self._slots.update(
            zip(ids[low:high], range(low + self._base, high + self._base), strict=True)
        )
        self.endMoveRows()

    def update(self, entry: Entry) -> bool:
        """Replace the row with ``entry``'s id; ``dataChanged`` for that row only.

        Returns whether anything changed.
        """
        row = self._require(entry.confession_id)
        old = self._rows[row]
        if old == entry:
            return False
        self._rows[row] = entry
        roles = [
            role
            for role, changed in (
                (_DISPLAY_ROLE, old.text != entry.text),
                (DETAIL_ROLE, old.detail != entry.detail),
                (MARKED_ROLE, old.marked != entry.marked),
            )
            if changed
        ]
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, roles)
        return True

    def reset(self, entries: Sequence[Entry]) -> None:
        """Show ``entries`` instead of everything (a model reset: for re-reading all)."""
        slots = {entry.confession_id: row for row, entry in enumerate(entries)}
        if len(slots) != len(entries):
            raise ValueError("a confession is listed twice")
        self.beginResetModel()
        self._rows = list(entries)
        self._ids = [entry.confession_id for entry in self._rows]
        self._slots = slots
        self._base = 0
        self.endResetModel()

    def _require(self, confession_id: int) -> int:
        row = self.row_of(confession_id)
        if row is None:
            raise KeyError(confession_id)
        return row


# Text layout


@dataclass(frozen=True, slots=True)
class ItemLayout:
    """An item's wrapped lines at one width, and its height with padding."""

    text: str
    detail: str
    width: float
    lines: tuple[str, ...]
    detail_lines: tuple[str, ...]
    height: int


class LayoutCache:
    """Each item's wrapped lines, per expansion (collapsed or in full), for one font, at
    the last two widths (a scroll bar that comes and goes changes the width back and forth).

    An item's text is wrapped again only when its text or the width changed; its
    detail line (which changes with every count in the Shown list) on its own.
    :meth:`estimate` guesses a height without wrapping, for rows not yet in view.
    """

    def __init__(self, font: QFont) -> None:
        self._items: dict[tuple[int, bool], tuple[ItemLayout, ...]] = {}
        self._font = QFont(font)
        self._detail_font = _detail_font(font)
        self._line_spacing = QFontMetricsF(self._font).lineSpacing()
        self._detail_spacing = QFontMetricsF(self._detail_font).lineSpacing()
        self._char_width = QFontMetricsF(self._font).averageCharWidth()

    @property
    def font(self) -> QFont:
        return self._font

    @property
    def detail_font(self) -> QFont:
        return self._detail_font

    def __len__(self) -> int:
        return len(self._items)

    def cached(self, entry: Entry, expanded: bool, width: float) -> ItemLayout | None:
        """The layout of ``entry`` if it is known as it is now at ``width`` (no wrapping)."""
        for found in self._items.get((entry.confession_id, expanded), ()):
            if found.width == width:
                same = found.text == entry.text and found.detail == entry.detail
                return found if same else None
        return None

    def estimate(self, entry: Entry, expanded: bool, width: float) -> int:
        """About the height :meth:`layout` would give, from the text's length alone."""
        per_line = max(1, int(width / self._char_width))
        lines = sum(len(part) // per_line + 1 for part in entry.text.split("\n"))
        if not expanded:
            lines = min(lines, COLLAPSED_LINES)
        height = lines * self._line_spacing
        if entry.detail:
            details = 1 if not expanded else len(entry.detail) // per_line + 1
            height += _DETAIL_GAP + details * self._detail_spacing
        return int(height) + 2 * PADDING

    def _at_width(self, key: tuple[int, bool], width: float) -> ItemLayout | None:
        return next((made for made in self._items.get(key, ()) if made.width == width), None)

    def layout(self, entry: Entry, expanded: bool, width: float) -> ItemLayout:
        key = (entry.confession_id, expanded)
        cached = self._at_width(key, width)
        if cached is not None:
            if cached.text == entry.text and cached.detail == entry.detail:
                return cached
            same_text = cached.text == entry.text
            lines = cached.lines if same_text else self._wrap_text(entry.text, expanded, width)
            same_detail = cached.detail == entry.detail
            details = (
                cached.detail_lines
                if same_detail
                else self._wrap_detail(entry.detail, expanded, width)
            )
        else:
            lines = self._wrap_text(entry.text, expanded, width)
            details = self._wrap_detail(entry.detail, expanded, width)
        height = len(lines) * self._line_spacing
        if details:
            height += _DETAIL_GAP + len(details) * self._detail_spacing
        made = ItemLayout(
            entry.text, entry.detail, width, lines, details, int(height) + 2 * PADDING
        )
        other_widths = tuple(known for known in self._items.get(key, ()) if known.width != width)
        self._items[key] = (made, *other_widths[:1])
        return made

    def forget(self, confession_id: int) -> None:
        self._items.pop((confession_id, False), None)
        self._items.pop((confession_id, True), None)

    def retain(self, confession_ids: set[int]) -> None:
        """Forget every item but these."""
        self._items = {key: item for key, item in self._items.items() if key[0] in confession_ids}

    def _wrap_text(self, text: str, expanded: bool, width: float) -> tuple[str, ...]:
        limit = None if expanded else COLLAPSED_LINES
        return tuple(wrap_lines(text, self._font, width, limit))

    def _wrap_detail(self, detail: str, expanded: bool, width: float) -> tuple[str, ...]:
        if not detail:
            return ()
        limit = None if expanded else 1
        return tuple(wrap_lines(detail, self._detail_font, width, limit))


# Painting


class ConfessionDelegate(QStyledItemDelegate):
    """Paints an item from its cached layout: plain ``drawText``, never rich text."""

    def __init__(self, view: ConfessionList) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        layout = self._view.item_layout(index.row())
        return QSize(int(layout.width), layout.height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        style_option.text = ""
        view = self._view
        view.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option, painter, view)
        palette: QPalette = style_option.palette
        rect: QRect = style_option.rect
        entry = view.entry_at(index.row())
        layout = view.item_layout(index.row())
        fonts = view.layout_cache
        painter.save()
        try:
            if entry.marked:
                painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), view.mark_color)
            x = float(rect.left() + PADDING)
            y = float(rect.top() + PADDING)
            metrics = QFontMetricsF(fonts.font)
            painter.setFont(fonts.font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            for line in layout.lines:
                painter.drawText(QPointF(x, y + metrics.ascent()), line)
                y += metrics.lineSpacing()
            if layout.detail_lines:
                detail_metrics = QFontMetricsF(fonts.detail_font)
                painter.setFont(fonts.detail_font)
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                y += _DETAIL_GAP
                for at, line in enumerate(layout.detail_lines):
                    start, rest = x, line
                    if at == 0 and entry.content_note and line.startswith(content_note_badge()):
                        start += self._paint_badge(painter, detail_metrics, x, y)
                        rest = line.removeprefix(content_note_badge())
                    painter.drawText(QPointF(start, y + detail_metrics.ascent()), rest)
                    y += detail_metrics.lineSpacing()
        finally:
            painter.restore()

    @staticmethod
    def _paint_badge(painter: QPainter, metrics: QFontMetricsF, x: float, y: float) -> float:
        """The badge's text in its ink on an amber box; returns the text's advance."""
        width = metrics.horizontalAdvance(content_note_badge())
        box = QRectF(x - _BADGE_PAD, y, width + 2 * _BADGE_PAD, metrics.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(_BADGE_LINE)
        painter.setBrush(_BADGE_FILL)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(_BADGE_INK)
        painter.drawText(QPointF(x, y + metrics.ascent()), content_note_badge())
        painter.restore()
        return width


# The view


class ConfessionList(QListView):
    """Rows of :class:`Entry` kept sorted by a key; ``selection_changed`` fires once per
    real change of the selected confession (or of how many are selected).

    The owner shows or moves an entry with :meth:`place` (its key decides the row)
    and takes it away with :meth:`discard`; :meth:`replace_all` re-reads everything.

    A filter (:meth:`set_filter`: words, each of which an entry's ``search`` must hold)
    keeps the others out of the model: they stay known to the list (:meth:`total`,
    :meth:`first_entry`) and come back when the filter changes or they change to match.
    The model only ever holds the rows shown, so keyboard moves and selection need no
    mapping.
    """

    selection_changed = Signal()

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self._keys: list[SortKey] = []  # sorted, parallel to the model's rows
        self._key_of: dict[int, SortKey] = {}
        # Every entry, shown or filtered out: sorted keys (ending with the id) and entries.
        self._all_keys: list[SortKey] = []
        self._all: dict[int, tuple[SortKey, Entry]] = {}
        self._words: tuple[str, ...] = ()
        self._layouts = LayoutCache(self.font())
        # Geometry, when laid out (``_laid_width`` is not None), as QListView's: each row
        # takes its height plus twice SPACING (its "step"); the first starts at SPACING.
        # ``_tops`` holds the running sums (each row's top), valid for the first rows only.
        self._steps: list[int] = []
        self._tops: list[int] = []
        self._tops_valid = 0
        self._laid_width: float | None = None
        # Rows inserted since the last measure (their step is 0 until then): a burst of
        # changes (a bulk action: hundreds of rows) is measured and laid out once, when
        # something reads the geometry or the event loop turns (``_geometry_timer``).
        self._unmeasured: set[int] = set()
        # Rows whose height is estimated (not wrapped yet: out of view after a bulk action,
        # a search or a resize): measured when they come into view, the rest a chunk at a
        # time while the event loop is idle (``_refine_timer``), the view kept still.
        self._estimated: set[int] = set()
        self._refine_timer = QTimer(self)
        self._refine_timer.setSingleShot(True)
        self._refine_timer.setInterval(0)
        self._refine_timer.timeout.connect(self._refine_some)
        self._geometry_timer = QTimer(self)
        self._geometry_timer.setSingleShot(True)
        self._geometry_timer.setInterval(0)
        self._geometry_timer.timeout.connect(self._update_geometry_now)
        self._expanded: int | None = None  # the selected confession, shown in full
        self._announced: tuple[int | None, int] = (None, 0)  # selection last announced, count
        self._hover = QPersistentModelIndex()
        self.mark_color = QColor("#1f6f5c")
        self._model = ConfessionModel(self)
        self.setModel(self._model)
        self._model.rowsRemoved.connect(self._after_removal)
        self._model.rowsMoved.connect(self._after_move)
        self.setItemDelegate(ConfessionDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(SPACING)

    # Reading

    @property
    def layout_cache(self) -> LayoutCache:
        return self._layouts

    def list_model(self) -> ConfessionModel:
        return self._model

    def count(self) -> int:
        """The rows shown (after the filter)."""
        return self._model.rowCount()

    def total(self) -> int:
        """Every entry listed, shown or filtered out."""
        return len(self._all)

    def all_ids(self) -> list[int]:
        return list(self._all)

    def keyed(self) -> dict[int, tuple[SortKey, Entry]]:
        """Every entry listed (shown or filtered out) with its key, by id (a copy)."""
        return dict(self._all)

    def is_listed(self, confession_id: int) -> bool:
        """Whether ``confession_id`` is in this list, shown or filtered out."""
        return confession_id in self._all

    def first_entry(self) -> Entry | None:
        """The first entry by key, shown or filtered out."""
        return self._all[self._all_keys[0][-1]][1] if self._all_keys else None

    def filter_words(self) -> tuple[str, ...]:
        return self._words

    def _matches(self, entry: Entry) -> bool:
        search = entry.search or entry.text.casefold()
        return all(word in search for word in self._words)

    def entries(self) -> list[Entry]:
        return self._model.entries()

    def entry_at(self, row: int) -> Entry:
        return self._model.entry(row)

    def ids(self) -> list[int]:
        return [entry.confession_id for entry in self._model.entries()]

    def texts(self) -> list[str]:
        return [entry.text for entry in self._model.entries()]

    def row_of(self, confession_id: int) -> int | None:
        return self._model.row_of(confession_id)

    def selected_id(self) -> int | None:
        """The selected confession (of several: the current one, else the first)."""
        model = self.selectionModel()
        if not model.hasSelection():
            return None
        current = self.currentIndex()
        if current.isValid() and model.isSelected(current):
            return self._model.entry(current.row()).confession_id
        rows = model.selectedRows()
        return self._model.entry(rows[0].row()).confession_id if rows else None

    def selected_count(self) -> int:
        """How many rows are selected (by ranges: cheap with thousands selected)."""
        selection = self.selectionModel().selection()
        spans = (selection.at(at) for at in range(selection.count()))
        return sum(span.bottom() - span.top() + 1 for span in spans)

    def selected_ids(self) -> list[int]:
        """Every selected confession, in row order."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [self._model.entry(row).confession_id for row in rows]

    def set_multi_select(self, multi: bool) -> None:
        """Let Ctrl+click, Shift+click and Ctrl+A select several rows (for bulk actions)."""
        mode = QAbstractItemView.SelectionMode
        self.setSelectionMode(mode.ExtendedSelection if multi else mode.SingleSelection)

    def id_after(self, confession_id: int) -> int | None:
        """The confession after ``confession_id`` by key, shown or filtered out."""
        known = self._all.get(confession_id)
        if known is None:
            return None
        at = bisect_right(self._all_keys, known[0])
        return self._all_keys[at][-1] if at < len(self._all_keys) else None

    def layout_width(self) -> float | None:
        """The text width the rows are laid out for (None before the first layout)."""
        return self._laid_width

    def item_layout(self, row: int) -> ItemLayout:
        """The wrapped lines of ``row`` at the width the list is laid out for."""
        entry = self._model.entry(row)
        width = self._laid_width if self._laid_width is not None else self._text_width()
        return self._layouts.layout(entry, entry.confession_id == self._expanded, width)

    # Changing

    def select_id(self, confession_id: int | None) -> None:
        row = None if confession_id is None else self._model.row_of(confession_id)
        if row is None:
            self.clearSelection()
        else:
            self.setCurrentIndex(self._model.index(row, 0))

    def setCurrentRow(self, row: int) -> None:
        """Select ``row`` (as ``QListWidget.setCurrentRow`` does)."""
        self.setCurrentIndex(self._model.index(row, 0))

    def place(self, entry: Entry, key: SortKey) -> None:
        """Show ``entry`` at the row its ``key`` sorts to, or update and move it there
        (or keep it out, or take it out, when the filter does not match it).

        Keys must be unique within the list (end them with the confession id).
        """
        confession_id = entry.confession_id
        known = self._all.get(confession_id)
        if known is None:
            insort(self._all_keys, key)
        elif known[0] != key:
            del self._all_keys[bisect_left(self._all_keys, known[0])]
            insort(self._all_keys, key)
        self._all[confession_id] = (key, entry)
        if not self._matches(entry):
            self._hide(confession_id)
            return
        old_key = self._key_of.get(confession_id)
        keys = self._keys
        if old_key is None:
            row = bisect_left(keys, key)
            keys.insert(row, key)
            self._key_of[confession_id] = key
            self._model.insert(row, entry)
            return
        if old_key != key:
            del keys[bisect_left(keys, old_key)]
            row = bisect_left(keys, key)
            keys.insert(row, key)
            self._key_of[confession_id] = key
            self._model.move(confession_id, row)
        self._model.update(entry)

    def discard(self, confession_id: int) -> bool:
        """Take ``confession_id`` off the list; returns whether it was listed."""
        known = self._all.pop(confession_id, None)
        if known is None:
            return False
        del self._all_keys[bisect_left(self._all_keys, known[0])]
        self._hide(confession_id)
        return True

    def _hide(self, confession_id: int) -> None:
        key = self._key_of.pop(confession_id, None)
        if key is not None:
            del self._keys[bisect_left(self._keys, key)]
            self._model.remove(confession_id)

    def update_entry(self, entry: Entry) -> bool:
        """Replace the listed entry with the same id (its row stays); False if not listed."""
        known = self._all.get(entry.confession_id)
        if known is None or known[1] == entry:
            return False
        self.place(entry, known[0])
        return True

    def replace_all(self, keyed: Iterable[tuple[SortKey, Entry]]) -> None:
        """Show these entries sorted by key, keeping the selection where it makes sense."""
        ordered = sorted(keyed, key=itemgetter(0))
        self._all_keys = [key for key, _ in ordered]
        self._all = {entry.confession_id: (key, entry) for key, entry in ordered}
        self._show_matching(keep_row=True)

    def set_filter(self, words: tuple[str, ...]) -> None:
        """Show only the entries whose ``search`` holds every one of ``words`` (folded);
        none: show all. The selection stays if it still matches."""
        if words == self._words:
            return
        self._words = words
        self._show_matching(keep_row=False)

    def _show_matching(self, keep_row: bool) -> None:
        everything = self._all
        ordered = [everything[key[-1]] for key in self._all_keys]
        if self._words:
            ordered = [(key, entry) for key, entry in ordered if self._matches(entry)]
        entries = [entry for _, entry in ordered]
        if entries == self._model.entries() and [key for key, _ in ordered] == self._keys:
            return
        selected = self.selected_id()
        selected_row = None if selected is None else self._model.row_of(selected)
        scroll = self.verticalScrollBar().value()
        self._keys = [key for key, _ in ordered]
        self._key_of = {entry.confession_id: key for key, entry in ordered}
        self._model.reset(entries)  # the selection model clears silently
        if selected is not None and selected in self._key_of:
            self.select_id(selected)
        elif keep_row and selected_row is not None and entries:
            self.setCurrentRow(min(selected_row, len(entries) - 1))
        self.verticalScrollBar().setValue(scroll)
        self._sync_selection()
        if selected is not None and selected in self._key_of:
            self.scrollTo(self._model.index(self._model.row_of(selected) or 0, 0))

    # Geometry: our own, from cached heights (see the module docstring)

    def _text_width(self) -> float:
        return float(max(40, self.viewport().width() - 2 * PADDING))

    def _step(self, row: int, width: float) -> int:
        entry = self._model.entry(row)
        expanded = entry.confession_id == self._expanded
        return self._layouts.layout(entry, expanded, width).height + 2 * SPACING

    def _estimated_step(self, entry: Entry, width: float) -> int:
        """``entry``'s step if its layout is known already, else estimated (and measured
        later: it joins ``_estimated``)."""
        expanded = entry.confession_id == self._expanded
        known = self._layouts.cached(entry, expanded, width)
        if known is not None:
            return known.height + 2 * SPACING
        self._estimated.add(entry.confession_id)
        return self._layouts.estimate(entry, expanded, width) + 2 * SPACING

    def _relayout_all(self) -> None:
        width = self._text_width()
        self._estimated.clear()
        self._steps = [self._estimated_step(entry, width) for entry in self._model.rows()]
        self._laid_width = width
        self._tops_valid = 0
        self._unmeasured.clear()
        self._refine_later()

    def _measure_unmeasured(self) -> None:
        """Give the rows inserted since the geometry was last read their height (estimated
        when not known: those in view are measured by :meth:`_ensure_tops`)."""
        if not self._unmeasured or self._laid_width is None:
            return
        width, steps = self._laid_width, self._steps
        for confession_id in self._unmeasured:
            row = self._model.row_of(confession_id)
            if row is not None:
                steps[row] = self._estimated_step(self._model.entry(row), width)
                self._tops_valid = min(self._tops_valid, row)
        self._unmeasured.clear()
        self._refine_later()

    def _refine_later(self) -> None:
        if self._estimated and not self._refine_timer.isActive():
            self._refine_timer.start()

    def _measure_rows(self, rows: Iterable[int]) -> int:
        """Measure those of ``rows`` whose height is estimated; returns how much higher the
        rows grew in all."""
        if self._laid_width is None:
            return 0
        grown = 0
        width, steps, estimated = self._laid_width, self._steps, self._estimated
        for row in rows:
            confession_id = self._model.entry(row).confession_id
            if confession_id in estimated:
                estimated.discard(confession_id)
                step = self._step(row, width)
                if step != steps[row]:
                    grown += step - steps[row]
                    steps[row] = step
                    self._tops_valid = min(self._tops_valid, row)
        return grown

    def _refine_some(self) -> None:
        """Measure a chunk of the estimated rows; those above the view shift the scroll
        position by as much as they grew, so what is in view stays where it is."""
        if self._laid_width is None or not self._estimated:
            return
        bar = self.verticalScrollBar()
        scroll = bar.value()
        first_in_view = max(0, bisect_right(self._ensure_tops(), scroll) - 1)
        chunk = list(islice(self._estimated, REFINE_CHUNK))
        rows = [row for i in chunk if (row := self._model.row_of(i)) is not None]
        self._estimated.difference_update(chunk)  # (any no longer listed, too)
        self._estimated.update(self._model.entry(row).confession_id for row in rows)
        above = self._measure_rows(row for row in rows if row < first_in_view)
        self._measure_rows(rows)
        self.updateGeometries()
        if above:
            bar.setValue(scroll + above)
        self.viewport().update()
        self._refine_later()

    def _update_geometry_later(self) -> None:
        if not self._geometry_timer.isActive():
            self._geometry_timer.start()

    def _update_geometry_now(self) -> None:
        self._geometry_timer.stop()
        self.updateGeometries()
        self.viewport().update()

    def _refit(self, rows: Iterable[int]) -> bool:
        """Measure ``rows`` again; returns whether a height changed."""
        if self._laid_width is None:
            return False
        changed = False
        for row in rows:
            confession_id = self._model.entry(row).confession_id
            self._unmeasured.discard(confession_id)
            self._estimated.discard(confession_id)
            step = self._step(row, self._laid_width)
            if step != self._steps[row]:
                self._steps[row] = step
                self._tops_valid = min(self._tops_valid, row)
                changed = True
        return changed

    def _ensure_tops(self) -> list[int]:
        """Each row's top (the rows in view measured, not estimated)."""
        self._measure_unmeasured()
        tops = self._running_tops()
        if self._estimated:
            scroll = self.verticalScrollBar().value()
            page = self.viewport().height()
            first = max(0, bisect_right(tops, scroll) - 1)
            if self._measure_rows(range(first, bisect_right(tops, scroll + page + page))):
                tops = self._running_tops()
        return tops

    def _running_tops(self) -> list[int]:
        steps, tops = self._steps, self._tops
        count, valid = len(steps), self._tops_valid
        if valid < count:
            del tops[valid:]
            start = tops[-1] + steps[valid - 1] if valid else SPACING
            tops.extend(accumulate(steps[valid : count - 1], initial=start))
        elif len(tops) > count:
            del tops[count:]
        self._tops_valid = count
        return tops

    def _content_height(self) -> int:
        if self._laid_width is None or not self._steps:
            return 0
        return self._ensure_tops()[-1] + self._steps[-1] - SPACING  # as QListView's

    def _row_rect(self, row: int) -> QRect:
        """``row``'s rectangle in viewport coordinates (empty when not laid out)."""
        if self._laid_width is None or not 0 <= row < len(self._steps):
            return QRect()
        top = self._ensure_tops()[row] - self.verticalScrollBar().value()
        width = self.viewport().width() - 2 * SPACING
        return QRect(SPACING, top, width, self._steps[row] - 2 * SPACING)

    def _row_at(self, y: int) -> int:
        """The row whose step (the item and the spacing below it) holds content ``y``, or -1."""
        if self._laid_width is None or not self._steps:
            return -1
        row = bisect_right(self._ensure_tops(), y) - 1
        if row < 0 or y >= self._tops[row] + self._steps[row]:
            return -1
        return row

    def _visible_rows(self, top: int, bottom: int) -> range:
        """Rows that meet content ``top``…``bottom``."""
        if self._laid_width is None or not self._steps:
            return range(0)
        tops = self._ensure_tops()
        return range(max(0, bisect_right(tops, top) - 1), bisect_right(tops, bottom))

    def visualRect(self, index: Index) -> QRect:
        if not index.isValid() or index.model() is not self._model:
            return QRect()
        return self._row_rect(index.row())

    def indexAt(self, point: QPoint) -> QModelIndex:
        row = self._row_at(point.y() + self.verticalScrollBar().value())
        if row < 0 or not self._row_rect(row).contains(point):
            return QModelIndex()
        return self._model.index(row, 0)

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: Index) -> bool:
        return False

    def scrollTo(
        self,
        index: Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if self._geometry_timer.isActive():
            self._update_geometry_now()  # the scroll range must hold the rows just added
        rect = self.visualRect(index)
        if not rect.isValid():
            return
        area = self.viewport().rect()
        rect = rect.adjusted(-SPACING, -SPACING, SPACING, SPACING)
        ensure = hint == QAbstractItemView.ScrollHint.EnsureVisible
        above = ensure and rect.top() < area.top()
        below = ensure and rect.bottom() > area.bottom()
        bar = self.verticalScrollBar()
        value = bar.value()
        if hint == QAbstractItemView.ScrollHint.PositionAtTop or above:
            value += rect.top()
        elif hint == QAbstractItemView.ScrollHint.PositionAtBottom or below:
            value += min(rect.top(), rect.bottom() - area.height() + 1)
        elif hint == QAbstractItemView.ScrollHint.PositionAtCenter:
            value += rect.top() - (area.height() - rect.height()) // 2
        bar.setValue(value)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        count = self._model.rowCount()
        if count == 0:
            return QModelIndex()
        current = self.currentIndex()
        if not current.isValid():
            return self._model.index(0, 0)
        row = current.row()
        action = QAbstractItemView.CursorAction
        page = self.viewport().height()
        match cursorAction:
            case action.MoveUp | action.MovePrevious:
                row = max(0, row - 1)
            case action.MoveDown | action.MoveNext:
                row = min(count - 1, row + 1)
            case action.MoveHome:
                row = 0
            case action.MoveEnd:
                row = count - 1
            case action.MovePageUp if self._laid_width is not None:
                target = self._ensure_tops()[row] - page
                row = max(0, self._row_at(max(0, target)))
            case action.MovePageDown if self._laid_width is not None:
                target = self._ensure_tops()[row] + page
                found = self._row_at(min(self._content_height() - 1, target))
                row = count - 1 if found < 0 else found
            case _:
                pass
        return self._model.index(row, 0)

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        area = rect.normalized()
        first = self.indexAt(area.topLeft())
        last = self.indexAt(area.bottomRight())
        selection = QItemSelection()
        if first.isValid() and last.isValid():
            top, bottom = sorted((first.row(), last.row()))
            selection.select(self._model.index(top, 0), self._model.index(bottom, 0))
        self.selectionModel().select(selection, command)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        if self._geometry_timer.isActive():  # amid a burst of changes: all is repainted
            return QRegion(self.viewport().rect())
        region = QRegion()
        scroll = self.verticalScrollBar().value()
        visible = self._visible_rows(scroll, scroll + self.viewport().height())
        for position in range(selection.count()):
            selected = selection.at(position)
            for row in range(
                max(selected.top(), visible.start), min(selected.bottom() + 1, visible.stop)
            ):
                region += self._row_rect(row)
        return region

    def viewportSizeHint(self) -> QSize:
        return QSize(self.viewport().width(), self._content_height())

    def updateGeometries(self) -> None:
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        bar.setPageStep(page)
        bar.setRange(0, max(0, self._content_height() - page))
        bar.setSingleStep(self._steps[0] - SPACING if self._steps else 20)  # as QListView
        self.horizontalScrollBar().setRange(0, 0)
        QAbstractItemView.updateGeometries(self)

    def doItemsLayout(self) -> None:
        if self._laid_width != self._text_width() or len(self._steps) != self._model.rowCount():
            self._relayout_all()
        QAbstractItemView.doItemsLayout(self)  # scroll bars, repaint; never QListView's

    # Model changes: one row at a time

    def rowsInserted(self, parent: Index, start: int, end: int) -> None:
        if self._laid_width is None:
            self.scheduleDelayedItemsLayout()
        else:
            self._steps[start:start] = [0] * (end + 1 - start)  # measured when read
            self._unmeasured.update(
                self._model.entry(row).confession_id for row in range(start, end + 1)
            )
            self._tops_valid = min(self._tops_valid, start)
            self._update_geometry_later()
        QAbstractItemView.rowsInserted(self, parent, start, end)

    def rowsAboutToBeRemoved(self, parent: Index, start: int, end: int) -> None:
        self._select_instead_of(start, end)
        QAbstractItemView.rowsAboutToBeRemoved(self, parent, start, end)
        for row in range(start, end + 1):
            confession_id = self._model.entry(row).confession_id
            self._layouts.forget(confession_id)
            self._unmeasured.discard(confession_id)
            self._estimated.discard(confession_id)
        if self._laid_width is not None:
            del self._steps[start : end + 1]
            self._tops_valid = min(self._tops_valid, start)

    def dataChanged(self, topLeft: Index, bottomRight: Index, roles: Sequence[int] = ()) -> None:
        if self._refit(range(topLeft.row(), bottomRight.row() + 1)):
            self.updateGeometries()
            self.viewport().update()
        QAbstractItemView.dataChanged(self, topLeft, bottomRight, roles)

    def reset(self) -> None:
        QAbstractItemView.reset(self)
        self._hover = QPersistentModelIndex()
        self._layouts.retain(set(self._all))  # filtered out ones keep their wrapped lines
        if self._laid_width is not None:  # measure now, so the scroll position can stay
            self._relayout_all()
            self.updateGeometries()
            self.viewport().update()

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        super().selectionChanged(selected, deselected)
        self._sync_selection()

    def _after_removal(self) -> None:
        self._update_geometry_later()

    def _after_move(
        self, parent: Index, start: int, end: int, destination: Index, row: int
    ) -> None:
        if self._laid_width is not None:
            moved = self._steps[start : end + 1]
            del self._steps[start : end + 1]
            at = row if row < start else row - len(moved)
            self._steps[at:at] = moved
            self._tops_valid = min(self._tops_valid, start, at)
        self._update_geometry_later()

    def _select_instead_of(self, start: int, end: int) -> None:
        """Before rows go: if the selected one is among them, select the row that will
        take its place (or the one before, at the end); move the current index off them
        without selecting anything otherwise."""
        selection = self.selectionModel()
        count = self._model.rowCount()
        after = self._model.index(end + 1, 0) if end + 1 < count else QModelIndex()
        instead = after if after.isValid() else self._model.index(start - 1, 0)
        selected = self.selected_id()
        selected_row = None if selected is None else self._model.row_of(selected)
        flag = QItemSelectionModel.SelectionFlag
        if selected_row is not None and start <= selected_row <= end:
            if instead.isValid():
                selection.setCurrentIndex(instead, flag.ClearAndSelect)
            else:
                selection.clear()
        elif start <= self.currentIndex().row() <= end:
            selection.setCurrentIndex(instead, flag.NoUpdate)

    def _sync_selection(self) -> None:
        """Expand the selected item (and collapse the one before); announce a new selection."""
        selected = self.selected_id()
        if selected != self._expanded:
            rows = [self._model.row_of(i) for i in (self._expanded, selected) if i is not None]
            self._expanded = selected
            if self._refit(row for row in rows if row is not None):
                self.updateGeometries()
                self.viewport().update()
        announced = (selected, self.selected_count())
        if announced != self._announced:
            self._announced = announced
            self.selection_changed.emit()

    # Qt

    def resizeEvent(self, event: QResizeEvent) -> None:
        QAbstractItemView.resizeEvent(self, event)
        if self._laid_width is not None and self._laid_width != self._text_width():
            self.scheduleDelayedItemsLayout()  # once, however many resizes come first

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        QAbstractItemView.scrollContentsBy(self, 0, dy)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            font = self.font()
            if font != self._layouts.font:
                self._layouts = LayoutCache(font)
                if self._laid_width is not None:
                    self._relayout_all()
                    self.updateGeometries()
                    self.viewport().update()

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.HoverLeave:
            self._hover = QPersistentModelIndex()
        elif isinstance(event, QHoverEvent):  # enter or move
            self._hover = QPersistentModelIndex(self.indexAt(event.position().toPoint()))
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.executeDelayedItemsLayout()
        if self._geometry_timer.isActive():  # this paint shows the rows just added
            self._geometry_timer.stop()
            self.updateGeometries()
        painter = QPainter(self.viewport())
        try:
            self._paint_rows(painter, event.rect())
            if self._model.rowCount() == 0 and self._empty_text:
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

    def _paint_rows(self, painter: QPainter, area: QRect) -> None:
        """What ``QListView.paintEvent`` does for the rows that meet ``area``."""
        scroll = self.verticalScrollBar().value()
        rows = self._visible_rows(area.top() + scroll, area.bottom() + scroll)
        if not rows:
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        state = option.state
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        current = self.currentIndex()
        focus = (self.hasFocus() or self.viewport().hasFocus()) and current.isValid()
        current_row = current.row() if focus else -1
        hover_row = self._hover.row() if self._hover.isValid() else -1
        selection = self.selectionModel()
        delegate = self.itemDelegate()
        if enabled:
            option.palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)
        for row in rows:
            index = self._model.index(row, 0)
            option.rect = self._row_rect(row)
            item_state = state
            if selection.isSelected(index):
                item_state |= QStyle.StateFlag.State_Selected
            if row == current_row:
                item_state |= QStyle.StateFlag.State_HasFocus
            if row == hover_row:
                item_state |= QStyle.StateFlag.State_MouseOver
            option.state = item_state
            delegate.paint(painter, option, index)
