"""Plain text that picks the largest font size at which it fits its rectangle.

A main text and an optional secondary line below it (smaller, e.g. "what I
learned") are fitted together and centred as a group. The text is laid out
with :class:`QTextLayout` and painted as is: it is never interpreted as HTML or
Markdown, whatever it contains.

Options for the big screen's slides: one line that never wraps (``wrap=False``: the
size is the largest at which it fits the width), at most ``max_lines`` lines until the
smallest size, and paragraphs (``paragraph_gap``: each line of the text its own block,
e.g. house rules). :meth:`FitText.laid_out_size` is the laid-out text's size, which
tests compare with the widget's rectangle without reading pixels.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

_LINE_SEPARATOR = "\u2028"  # QTextLayout breaks lines on this, not on "\n"
CENTER_UP_TO_LINES = 3
"""In ``AUTO`` alignment, texts of up to this many lines are centred line by line."""


class Align(Enum):
    AUTO = "auto"  # short: centred lines; long: a left-aligned block, centred
    LEFT = "left"  # left-aligned block at the left edge
    RIGHT = "right"  # left-aligned block at the right edge (one line: right-aligned)


@dataclass(frozen=True, slots=True)
class _Block:
    layout: QTextLayout
    height: float
    width: float  # of the block (for centring a left-aligned block)
    left_edge: bool  # draw at x = 0 instead of centred
    left_aligned: bool  # lines start at the block's left (else each line is centred)
    gap_before: float = 0.0  # space above it (none above the first)
    color: QColor | None = None  # its own colour (else the main or the secondary one)
    right_edge: bool = False  # draw against the right edge


@dataclass(frozen=True, slots=True)
class _Fitted:
    pixel_size: int
    blocks: tuple[_Block, ...]
    height: float
    fits: bool
    lines: int = 0  # of the main text (for ``max_lines``)


@dataclass(frozen=True, slots=True)
class _Style:
    weight: QFont.Weight
    italic: bool


def stacked_height(blocks: Sequence[_Block]) -> float:
    return sum(block.gap_before + block.height for block in blocks)


def paragraph_direction(text: str) -> Qt.LayoutDirection:
    """Right to left when the first letter with a strong direction is right-to-left
    (Arabic, Hebrew…), as the Unicode bidi algorithm decides a paragraph's direction."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
    return Qt.LayoutDirection.LeftToRight


def block_extent(block: _Block) -> float:
    """How wide ``block`` is drawn: its width, or a line that runs past it (never when
    lines wrap; a line that may not wrap can)."""
    layout = block.layout
    widest = 0.0
    for index in range(layout.lineCount()):
        line = layout.lineAt(index)
        widest = max(widest, line.x() + line.naturalTextWidth())
    return max(block.width, widest)


class FitText(QWidget):
    """Draws :meth:`text` (and :meth:`secondary_text`) as large as fits, never larger than
    ``max_px`` and never smaller than ``min_px`` (it is clipped in that case)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_px: int = 96,
        min_px: int = 12,
        weight: QFont.Weight = QFont.Weight.Normal,
        italic: bool = False,
        align: Align = Align.AUTO,
        vertical: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignVCenter,
        line_spacing: float = 1.15,
        wrap: bool = True,
        max_lines: int | None = None,
        paragraph_gap: float | None = None,
        block_gap: float = 0.9,
        centre_up_to: int = CENTER_UP_TO_LINES,
    ) -> None:
        super().__init__(parent)
        self._text = ""
        self._secondary = ""
        self._max_px = max_px
        self._min_px = min_px
        self._style = _Style(weight, italic)
        self._secondary_style = _Style(QFont.Weight.Normal, True)
        self._secondary_ratio = 0.5
        self._secondary_range = (1, 10_000)
        self._secondary_color: QColor | None = None
        self._align = align
        self._vertical = vertical
        self._line_spacing = line_spacing
        self._wrap = wrap
        self._max_lines = max_lines
        self._paragraph_gap = paragraph_gap
        self._block_gap = block_gap  # between the main text and what follows, in its sizes
        self._centre_up_to = centre_up_to  # AUTO: lines centred up to this many
        self._fitted: _Fitted | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # Public

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._update_accessible_name()
            self._invalidate()

    def secondary_text(self) -> str:
        return self._secondary

    def set_secondary_text(self, text: str) -> None:
        if text != self._secondary:
            self._secondary = text
            self._update_accessible_name()
            self._invalidate()

    def set_secondary_style(
        self,
        *,
        ratio: float,
        min_px: int,
        max_px: int,
        color: QColor | None = None,
        italic: bool = True,
    ) -> None:
        """The secondary line is ``ratio`` times the main size, kept within the pixel range."""
        self._secondary_ratio = ratio
        self._secondary_range = (max(1, min_px), max(1, min_px, max_px))
        self._secondary_color = color
        self._secondary_style = _Style(QFont.Weight.Normal, italic)
        self._invalidate()

    def set_pixel_range(self, min_px: int, max_px: int) -> None:
        min_px = max(1, min_px)
        max_px = max(min_px, max_px)
        if (min_px, max_px) != (self._min_px, self._max_px):
            self._min_px, self._max_px = min_px, max_px
            self._invalidate()

    def font_pixel_size(self) -> int:
        """The main text's pixel size for the current geometry."""
        return self._fit().pixel_size

    def text_fits(self) -> bool:
        """Whether everything fits (false only if even the minimum size overflows)."""
        return self._fit().fits

    def line_count(self) -> int:
        """Lines of the main text at the current size."""
        blocks = self._fit().blocks
        return blocks[0].layout.lineCount() if blocks else 0

    def laid_out_size(self) -> tuple[float, float]:
        """Width and height of the text as drawn (at most the widget's when it fits)."""
        fitted = self._fit()
        width = max((block_extent(block) for block in fitted.blocks), default=0.0)
        return width, fitted.height

    def fitted_height_for(self, width: int, height: int) -> float:
        """The height the text takes when fitted into ``width`` by ``height`` (for placing
        what comes under it before this widget gets that geometry)."""
        return self._search_in(max(1, width), max(1, height)).height

    # Qt

    def sizeHint(self) -> QSize:
        return QSize(200, 2 * self._min_px)

    def minimumSizeHint(self) -> QSize:
        return QSize(50, self._min_px)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fitted = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fitted = None
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        fitted = self._fit()
        if not fitted.blocks:
            return
        top = 0.0
        if self._vertical & Qt.AlignmentFlag.AlignVCenter:
            top = max(0.0, (self.height() - fitted.height) / 2)
        elif self._vertical & Qt.AlignmentFlag.AlignBottom:
            top = max(0.0, self.height() - fitted.height)
        main_color = self.palette().color(self.foregroundRole())
        painter = QPainter(self)
        try:
            painter.setClipRect(self.rect())
            for index, block in enumerate(fitted.blocks):
                color = main_color
                if block.color is not None:
                    color = block.color
                elif index > 0 and self._secondary_color is not None:
                    color = self._secondary_color
                painter.setPen(color)
                top += block.gap_before
                left = 0.0 if block.left_edge else max(0.0, (self.width() - block.width) / 2)
                if block.right_edge:
                    left = max(0.0, self.width() - block.width)
                block.layout.draw(painter, QPointF(left, top))
                top += block.height
        finally:
            painter.end()

    # Layout

    def _update_accessible_name(self) -> None:
        self.setAccessibleName("\n".join(t for t in (self._text, self._secondary) if t))

    def _invalidate(self) -> None:
        self._fitted = None
        self.update()

    def _fit(self) -> _Fitted:
        if self._fitted is None:
            self._fitted = self._search()
        return self._fitted

    def _secondary_px(self, pixel_size: int) -> int:
        low, high = self._secondary_range
        return min(high, max(low, round(pixel_size * self._secondary_ratio)))

    def _gap(self, pixel_size: int) -> float:
        return pixel_size * self._block_gap

    def _search(self) -> _Fitted:
        return self._search_in(max(1, self.width()), max(1, self.height()))

    def _search_in(self, width: int, height: int) -> _Fitted:
        return self._largest(lambda pixel_size: self._lay_out_all(pixel_size, width), width, height)

    def _within(self, fitted: _Fitted, width: int, height: int) -> bool:
        if fitted.height > height:
            return False
        return self._wrap or all(block_extent(b) <= width for b in fitted.blocks)

    def _largest(self, lay_out: Callable[[int], _Fitted], width: int, height: int) -> _Fitted:
        """The largest size at which ``lay_out`` fits (the smallest, not fitting, if none);
        with ``max_lines``, the largest that also keeps to them, else the smallest."""
        low, high = self._min_px, self._max_px
        best = lay_out(low)
        if not self._within(best, width, height):
            return replace(best, fits=False)
        max_lines = self._max_lines
        if max_lines is not None and best.lines > max_lines:
            return best  # more lines at the smallest size, rather than cut
        while low < high:  # the largest size that fits
            middle = (low + high + 1) // 2
            candidate = lay_out(middle)
            if self._within(candidate, width, height) and (
                max_lines is None or candidate.lines <= max_lines
            ):
                best, low = candidate, middle
            else:
                high = middle - 1
        return best

    def _lay_out_all(self, pixel_size: int, width: int) -> _Fitted:
        blocks: list[_Block] = []
        if self._text and self._paragraph_gap is not None:
            paragraphs = [p for p in self._text.replace("\r\n", "\n").split("\n") if p.strip()]
            for index, paragraph in enumerate(paragraphs):
                block = self._block(paragraph, pixel_size, self._style, width)
                gap = pixel_size * self._paragraph_gap if index else 0.0
                blocks.append(replace(block, gap_before=gap))
            lines = sum(block.layout.lineCount() for block in blocks)
            return _Fitted(pixel_size, tuple(blocks), stacked_height(blocks), True, lines)
        if self._text:
            blocks.append(self._block(self._text, pixel_size, self._style, width))
        if self._secondary:
            secondary_px = self._secondary_px(pixel_size)
            main = blocks[0] if blocks else None
            if main is not None and main.left_aligned and not main.left_edge:
                # Under a long, left-aligned main text: the same left edge and width.
                block = self._block(
                    self._secondary,
                    secondary_px,
                    self._secondary_style,
                    max(1, round(main.width)),
                    force_left=True,
                )
                block = _Block(block.layout, block.height, main.width, False, True)
            else:
                block = self._block(self._secondary, secondary_px, self._secondary_style, width)
            if blocks:
                block = replace(block, gap_before=self._gap(pixel_size))
            blocks.append(block)
        lines = blocks[0].layout.lineCount() if self._text and blocks else 0
        return _Fitted(pixel_size, tuple(blocks), stacked_height(blocks), True, lines)

    def _block(
        self, text: str, pixel_size: int, style: _Style, width: int, *, force_left: bool = False
    ) -> _Block:
        font = QFont(self.font())
        font.setPixelSize(pixel_size)
        font.setWeight(style.weight)
        font.setItalic(style.italic)
        text = text.replace("\r\n", "\n").replace("\n", _LINE_SEPARATOR)
        if self._align is Align.RIGHT and not force_left:
            block = self._lay_out(text, font, width, Qt.AlignmentFlag.AlignLeft, left_edge=False)
            return replace(block, right_edge=True)
        if self._align is Align.LEFT or force_left:
            left_edge = self._align is Align.LEFT
            return self._lay_out(text, font, width, Qt.AlignmentFlag.AlignLeft, left_edge=left_edge)
        block = self._lay_out(text, font, width, Qt.AlignmentFlag.AlignHCenter, left_edge=False)
        if block.layout.lineCount() > self._centre_up_to:
            block = self._lay_out(text, font, width, Qt.AlignmentFlag.AlignLeft, left_edge=False)
        return block

    def _lay_out(
        self, text: str, font: QFont, width: int, alignment: Qt.AlignmentFlag, *, left_edge: bool
    ) -> _Block:
        layout = QTextLayout(text, font)
        direction = paragraph_direction(text)
        rtl_block = (
            direction is Qt.LayoutDirection.RightToLeft and alignment == Qt.AlignmentFlag.AlignLeft
        )
        # QTextLayout aligns visually: a right-to-left block starts at the right.
        option = QTextOption(Qt.AlignmentFlag.AlignRight if rtl_block else alignment)
        option.setWrapMode(
            QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
            if self._wrap
            else QTextOption.WrapMode.NoWrap
        )
        option.setTextDirection(direction)
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        y = 0.0
        natural = 0.0
        last_height = 0.0
        lines = []
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            natural = max(natural, line.naturalTextWidth())
            last_height = line.height()
            lines.append((line, y))
            y += last_height * self._line_spacing
        layout.endLayout()
        y -= last_height * (self._line_spacing - 1)  # no extra space under the last line
        centred_lines = alignment == Qt.AlignmentFlag.AlignHCenter
        block_width = float(width) if centred_lines else natural
        if rtl_block:  # the block is as wide as its longest line: its right edge is theirs
            for line, top in lines:
                line.setPosition(QPointF(natural - width, top))
        return _Block(layout, y, block_width, left_edge, not centred_lines)
