"""The black slide (nothing at all, in either theme) and the break slide ("Break",
"Back soon." and the corner join code for latecomers)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from facilitator.ui.slides import layout, strings
from facilitator.ui.slides.parts import (
    CornerJoin,
    Slide,
    fitted_text,
    paint_colour,
    place,
    size_text,
)
from facilitator.ui.slides.theme import BLACK


class BlackSlide(Slide):
    def background(self) -> QColor:
        return BLACK


class BreakSlide(Slide):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.named_text("break", fitted_text(self, weight=QFont.Weight.Bold))
        self.subtitle = self.named_text("back soon", fitted_text(self))
        self.corner = CornerJoin(self)

    def fill(self) -> None:
        words, colours = self.strings, self.colours
        self.title.setText(words.tr(strings.BREAK))
        self.subtitle.setText(words.tr(strings.BACK_SOON))
        paint_colour(self.title, colours.accent)
        paint_colour(self.subtitle, colours.muted)
        self.corner.fill(self.state, words, colours)

    def relayout(self) -> None:
        w, h = float(self.width()), float(self.height())
        boxes = layout.break_slide(w, h)
        place(self.title, boxes.title)
        size_text(self.title, h, layout.BREAK_TITLE, layout.BREAK_TITLE / 2)
        place(self.subtitle, boxes.subtitle)
        size_text(self.subtitle, h, layout.BACK_SOON, layout.BACK_SOON / 2)
        self.corner.relayout(w, h, self.colours.accent)
