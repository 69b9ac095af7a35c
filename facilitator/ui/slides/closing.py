"""The closing slide: "Thank you", four counts, the most shared mistakes (each at most
two lines, elided with "…", its count after it) and the one-lesson question
(``docs/slides.md``, ``closing``)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QWidget

from facilitator.ui.fit_notes import suffix_format
from facilitator.ui.fit_text import Align, FitText, _Block, _Fitted
from facilitator.ui.slides import layout, strings
from facilitator.ui.slides.parts import Slide, fitted_text, paint_colour, place, size_text

MISTAKE_LINES = 2
ELLIPSIS = "…"
SUFFIX_GAP = "\u2002"  # an en space before the count


class MistakeText(FitText):
    """A mistake and its count in the accent: at most two lines, the mistake cut short
    with "…" when it needs more."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, align=Align.LEFT, vertical=Qt.AlignmentFlag.AlignTop)
        self._suffix = ""
        self._suffix_colour: QColor | None = None
        self._elided = False

    def set_suffix(self, suffix: str, colour: QColor) -> None:
        self._suffix, self._suffix_colour = suffix, colour
        self._invalidate()

    def shown_text(self) -> str:
        """The text as drawn (cut short or not), count included."""
        blocks = self._fit().blocks
        return blocks[0].layout.text() if blocks else ""

    def elided(self) -> bool:
        self._fit()
        return self._elided

    def _lay_out_all(self, pixel_size: int, width: int) -> _Fitted:
        if not self._text:
            return _Fitted(pixel_size, (), 0.0, True, 0)
        font = QFont(self.font())
        font.setPixelSize(pixel_size)
        text = " ".join(self._text.split())
        block = self._mistake(text, font, width)
        self._elided = False
        if block.layout.lineCount() > MISTAKE_LINES:
            low, high = 0, len(text)
            best = self._mistake(ELLIPSIS, font, width)
            while low < high:  # the longest beginning that keeps to two lines with "…"
                middle = (low + high + 1) // 2
                candidate = self._mistake(text[:middle].rstrip() + ELLIPSIS, font, width)
                if candidate.layout.lineCount() <= MISTAKE_LINES:
                    best, low = candidate, middle
                else:
                    high = middle - 1
            block, self._elided = best, True
        return _Fitted(pixel_size, (block,), block.height, True, block.layout.lineCount())

    def _mistake(self, text: str, font: QFont, width: int) -> _Block:
        text = f"\u2068{text}\u2069"  # its own direction: the count stays after it
        full = f"{text}{SUFFIX_GAP}{self._suffix}" if self._suffix else text
        layout = QTextLayout(full, font)
        option = QTextOption(Qt.AlignmentFlag.AlignLeft)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        if self._suffix and self._suffix_colour is not None:
            layout.setFormats([suffix_format(full, self._suffix, self._suffix_colour, bold=True)])
        y, last = 0.0, 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            last = line.height()
            y += last * self._line_spacing
        layout.endLayout()
        y -= last * (self._line_spacing - 1)
        return _Block(layout, y, float(width), True, True)


class ClosingSlide(Slide):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.named_text("thank you", fitted_text(self, weight=QFont.Weight.Bold))
        self.numbers = [
            self.named_text(f"number {i}", fitted_text(self, weight=QFont.Weight.Bold, wrap=False))
            for i in range(4)
        ]
        self.labels = [
            self.named_text(f"label {i}", fitted_text(self, wrap=False)) for i in range(4)
        ]
        self.heading = self.named_text(
            "most shared",
            fitted_text(self, weight=QFont.Weight.Bold, align=Align.LEFT, wrap=False),
        )
        self.mistakes = [MistakeText(self) for _ in range(3)]
        for index, mistake in enumerate(self.mistakes):
            self.named_text(f"mistake {index}", mistake)
        self.question = self.named_text("question", fitted_text(self, weight=QFont.Weight.Bold))

    def fill(self) -> None:
        state, words, colours = self.state, self.strings, self.colours
        closing = state.closing
        self.title.setText(words.tr(strings.THANK_YOU))
        paint_colour(self.title, colours.text)
        counts = (
            (closing.received, closing.shown, closing.set_aside, closing.removed)
            if closing is not None
            else (0, 0, 0, 0)
        )
        names = (strings.RECEIVED, strings.SHOWN, strings.SET_ASIDE, strings.REMOVED)
        for number, label, count, name in zip(
            self.numbers, self.labels, counts, names, strict=True
        ):
            number.setText(str(count))
            label.setText(words.tr(name))
            paint_colour(number, colours.accent)
            paint_colour(label, colours.muted)
        shared = closing.most_shared[:3] if closing is not None else ()
        self.heading.setText(words.tr(strings.MOST_SHARED) if shared else "")
        paint_colour(self.heading, colours.accent)
        for index, mistake in enumerate(self.mistakes):
            if index < len(shared):
                mistake.setText(shared[index].text)
                mistake.set_suffix(
                    words.count(state.agree_label, shared[index].count), colours.accent
                )
            else:
                mistake.setText("")
            paint_colour(mistake, colours.text)
        self.question.setText(words.tr(strings.QUESTION))
        paint_colour(self.question, colours.accent)

    def relayout(self) -> None:
        w, h = float(self.width()), float(self.height())
        boxes = layout.closing(w, h, self.place_logo(w, h))
        place(self.title, boxes.title)
        size_text(self.title, h, layout.THANK_YOU, layout.THANK_YOU / 2)
        for number, label, number_box, label_box in zip(
            self.numbers, self.labels, boxes.numbers, boxes.labels, strict=True
        ):
            place(number, number_box)
            size_text(number, h, layout.CLOSING_NUMBER, layout.CLOSING_NUMBER / 3)
            place(label, label_box)
            size_text(label, h, layout.CLOSING_LABEL, layout.CLOSING_LABEL / 2)
        place(self.heading, boxes.heading)
        size_text(self.heading, h, layout.MOST_SHARED, layout.MOST_SHARED / 2)
        room = boxes.mistakes
        heights = []
        for mistake in self.mistakes:  # each at most a third of the room, then as tall as it is
            size_text(mistake, h, layout.MISTAKE, layout.MISTAKE * 0.6)
            third = room.h / len(self.mistakes)
            heights.append(
                mistake.fitted_height_for(round(room.w), round(third)) if mistake.text() else 0.0
            )
        for mistake, box in zip(
            self.mistakes,
            layout.stacked(room, [math.ceil(x) for x in heights], layout.MISTAKE_GAP * h),
            strict=True,
        ):
            place(mistake, box)
        place(self.question, boxes.question)
        size_text(self.question, h, layout.QUESTION, layout.QUESTION / 2)
