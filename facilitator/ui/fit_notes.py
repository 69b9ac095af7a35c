"""Fitted text with short notes under it: a confession, its lesson and what helped.

:class:`NotedFitText` is a :class:`FitText` whose main text and secondary line are
followed by a heading and a list of notes (each a line that may wrap, with a hanging
indent, and an optional suffix in an accent colour, e.g. how many it helped too).
The notes are always smaller than the main text and the secondary line. Everything is
fitted together; when the notes cannot all fit even at the smallest size, the first
ones are shown and a last line says how many more there are ("+2 more"; the words
come from :meth:`NotedFitText.set_more_format`, for a translation).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextLayout, QTextOption

from facilitator.ui.fit_text import FitText, _Block, _Fitted, stacked_height

BULLET = "\u2013\u2002"  # an en dash and an en space: continuation lines hang under the text
NOTE_SPACING = 0.35  # between notes, in note sizes


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    suffix: str = ""  # drawn after the text (a space between) in the accent colour


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def suffix_format(
    full: str, suffix: str, colour: QColor, *, bold: bool = False
) -> QTextLayout.FormatRange:
    """The format of ``suffix`` at the end of ``full`` (a layout's text): in ``colour``
    (a count after a note or a mistake, in the accent)."""
    accent = QTextLayout.FormatRange()
    accent.length = _utf16(suffix)
    accent.start = _utf16(full) - accent.length
    char_format = QTextCharFormat()
    char_format.setForeground(colour)
    if bold:
        char_format.setFontWeight(QFont.Weight.Bold)
    accent.format = char_format
    return accent


def more_caption(hidden: int) -> str:
    return f"+{hidden} more"


class NotedFitText(FitText):
    """See the module docstring. Colours and sizes: :meth:`set_notes_style`."""

    # Set by set_notes and set_notes_style (no notes until then).
    _heading = ""
    _notes: tuple[Note, ...] = ()
    _notes_ratio = 0.45
    _notes_range = (1, 10_000)
    _heading_color: QColor | None = None
    _note_color: QColor | None = None
    _suffix_color: QColor | None = None
    _shown = 0  # how many notes the last fit drew
    _more: Callable[[int], str] = staticmethod(more_caption)
    _notes_share: float | None = None  # see set_notes_share

    # Public

    def set_notes(self, heading: str, notes: Sequence[Note]) -> None:
        notes = tuple(notes)
        if (heading, notes) != (self._heading, self._notes):
            self._heading, self._notes = heading, notes
            self._update_accessible_name()
            self._invalidate()

    def notes(self) -> tuple[Note, ...]:
        return self._notes

    def set_notes_style(
        self,
        *,
        ratio: float,
        min_px: int,
        max_px: int,
        heading: QColor | None = None,
        color: QColor | None = None,
        suffix: QColor | None = None,
    ) -> None:
        """Notes are ``ratio`` times the main size within the pixel range, and smaller than
        the main text and the secondary line whatever the range says."""
        self._notes_ratio = ratio
        self._notes_range = (max(1, min_px), max(1, min_px, max_px))
        self._heading_color, self._note_color, self._suffix_color = heading, color, suffix
        self._invalidate()

    def set_more_format(self, more: Callable[[int], str]) -> None:
        """How the last line says how many notes did not fit (``more_caption``: English)."""
        self._more = more
        self._invalidate()

    def set_notes_share(self, share: float | None) -> None:
        """Fit the main text and the secondary line (and a "+N more" line) into all but
        ``share`` of the height when they can, then show as many notes as fit in the whole
        (``None``: everything fitted together, the notes dropped only when they cannot fit
        even at the smallest size)."""
        self._notes_share = share
        self._invalidate()

    def notes_shown(self) -> int:
        """How many notes are drawn (the others are counted in "+N more")."""
        self._fit()
        return self._shown

    def notes_pixel_size(self) -> int:
        """The notes' pixel size for the current geometry (0 without notes)."""
        fitted = self._fit()
        return self._note_px(fitted.pixel_size) if self._notes else 0

    def secondary_pixel_size(self) -> int:
        return self._secondary_px(self._fit().pixel_size) if self._secondary else 0

    # Layout

    def _update_accessible_name(self) -> None:
        lines = [self._text, self._secondary]
        if self._notes:
            lines += [self._heading, *(f"{n.text} {n.suffix}".strip() for n in self._notes)]
        self.setAccessibleName("\n".join(line for line in lines if line))

    def _secondary_px(self, pixel_size: int) -> int:
        """The secondary line (the lesson) is always smaller than the main text."""
        return max(1, min(super()._secondary_px(pixel_size), pixel_size - 1))

    def _note_px(self, pixel_size: int) -> int:
        low, high = self._notes_range
        size = min(high, max(low, round(pixel_size * self._notes_ratio)), pixel_size - 1)
        if self._secondary:
            size = min(size, self._secondary_px(pixel_size) - 1)
        return max(1, size)

    def _search_in(self, width: int, height: int) -> _Fitted:
        if not self._notes:
            self._shown = 0
            return super()._search_in(width, height)
        if self._notes_share is not None:
            return self._search_shared(width, height, self._notes_share)
        shown = len(self._notes)
        while shown > 0 and self._lay_out_noted(self._min_px, width, shown).height > height:
            shown -= 1  # not all fit even at the smallest size: the first ones, and "+N more"
        self._shown = shown
        return self._largest(
            lambda pixel_size: self._lay_out_noted(pixel_size, width, shown), width, height
        )

    def _search_shared(self, width: int, height: int, share: float) -> _Fitted:
        """The main text first (see :meth:`set_notes_share`), then the notes that fit."""
        first = max(1, round(height * (1 - share)))

        def lay_out(pixel_size: int) -> _Fitted:  # no note: "+N more" holds their place
            return self._lay_out_noted(pixel_size, width, 0)

        fitted = self._largest(lay_out, width, first)
        if not fitted.fits:
            fitted = self._largest(lay_out, width, height)
        for shown in range(len(self._notes), 0, -1):
            candidate = self._lay_out_noted(fitted.pixel_size, width, shown)
            if candidate.height <= height:
                self._shown = shown
                return candidate
        self._shown = 0
        return fitted

    def _lay_out_noted(self, pixel_size: int, width: int, shown: int) -> _Fitted:
        fitted = self._lay_out_all(pixel_size, width)
        blocks = list(fitted.blocks)
        main = blocks[0] if blocks and self._text else None
        under_main = main is not None and main.left_aligned and not main.left_edge
        room = max(1, round(main.width)) if main is not None and under_main else width
        size = self._note_px(pixel_size)
        hidden = len(self._notes) - shown
        group: list[_Block] = []
        if self._heading:
            group.append(self._note_block(self._heading, "", size, room, QFont.Weight.DemiBold))
            group[-1] = replace(group[-1], color=self._heading_color)
        for note in self._notes[:shown]:
            # The note in an isolate (FSI … PDI): right-to-left text keeps its own order,
            # and the suffix stays after it.
            text = f"{BULLET}\u2068{note.text}\u2069"
            block = self._note_block(text, note.suffix, size, room)
            group.append(replace(block, color=self._note_color))
        if hidden:
            group.append(self._note_block(self._more(hidden), "", size, room))
            group[-1] = replace(group[-1], color=self._secondary_color)
        group_width = room if under_main else max((b.width for b in group), default=0.0)
        for index, block in enumerate(group):
            gap = (self._gap(pixel_size) if blocks else 0.0) if index == 0 else size * NOTE_SPACING
            group[index] = replace(block, width=group_width, gap_before=gap)
        blocks += group
        return _Fitted(pixel_size, tuple(blocks), stacked_height(blocks), True, fitted.lines)

    def _note_block(
        self,
        text: str,
        suffix: str,
        pixel_size: int,
        width: int,
        weight: QFont.Weight = QFont.Weight.Normal,
    ) -> _Block:
        """One note, left-aligned, wrapped lines indented under its text (past the dash)."""
        font = QFont(self.font())
        font.setPixelSize(pixel_size)
        font.setWeight(weight)
        font.setItalic(False)
        full = f"{text} {suffix}" if suffix else text
        layout = QTextLayout(full.replace("\n", " "), font)
        option = QTextOption(Qt.AlignmentFlag.AlignLeft)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        if suffix and self._suffix_color is not None:
            layout.setFormats([suffix_format(full, suffix, self._suffix_color)])
        indent = 0.0
        if text.startswith(BULLET):
            probe = QTextLayout(BULLET, font)
            probe.beginLayout()
            dash = probe.createLine()
            dash.setLineWidth(width)
            indent = dash.naturalTextWidth()
            probe.endLayout()
        y, natural, last = 0.0, 0.0, 0.0
        layout.beginLayout()
        first = True
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            x = 0.0 if first else min(indent, width / 2)
            line.setLineWidth(max(1.0, width - x))
            line.setPosition(QPointF(x, y))
            natural = max(natural, x + line.naturalTextWidth())
            last = line.height()
            y += last * self._line_spacing
            first = False
        layout.endLayout()
        y -= last * (self._line_spacing - 1)
        return _Block(layout, y, natural, False, True)
