"""The join slide: title and prompt, the join QR code with the short URL under it, and
the house rules (``docs/slides.md``, ``join``)."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from facilitator.ui.fit_text import Align, FitText
from facilitator.ui.qr_widget import QrWidget
from facilitator.ui.slides import layout, strings
from facilitator.ui.slides.layout import Box
from facilitator.ui.slides.parts import (
    Slide,
    fitted_text,
    paint_colour,
    place,
    size_text,
)
from facilitator.ui.slides.timing import short_url

TOP = Qt.AlignmentFlag.AlignTop


class JoinSlide(Slide):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bold = QFont.Weight.Bold
        self.title = self.named_text(
            "title", fitted_text(self, weight=bold, align=Align.LEFT, max_lines=2, vertical=TOP)
        )
        self.prompt = self.named_text(
            "prompt", fitted_text(self, align=Align.LEFT, max_lines=3, vertical=TOP)
        )
        self.qr = QrWidget(parent=self)
        self.qr.setMinimumSize(1, 1)
        self.url = self.named_text("url", fitted_text(self, weight=bold, wrap=False, vertical=TOP))
        self.scan = self.named_text(
            "scan heading",
            fitted_text(self, weight=bold, align=Align.LEFT, wrap=False, vertical=TOP),
        )
        self.heading = self.named_text(
            "rules heading",
            fitted_text(self, weight=bold, align=Align.LEFT, wrap=False, vertical=TOP),
        )
        self.rules = self.named_text(
            "rules", fitted_text(self, align=Align.LEFT, paragraph_gap=0.55, vertical=TOP)
        )

    def fill(self) -> None:
        state, words, colours = self.state, self.strings, self.colours
        self.title.setText(words.own(state.title, strings.DEFAULT_TITLE))
        self.prompt.setText(words.own(state.prompt, strings.DEFAULT_PROMPT))
        url = state.join_url
        self.qr.set_data(url, words.tr(strings.JOIN_QR).format(url=url) if url else "")
        self.url.setText(short_url(url))
        self.scan.setText(words.tr(strings.SCAN))
        for part in (self.qr, self.url, self.scan):
            part.setVisible(bool(url))
        rules = words.house_rules(state.house_rules, state.unshown_record, state.organisers_record)
        self.rules.setText(rules)
        self.heading.setText(words.tr(strings.HOUSE_RULES) if rules else "")
        paint_colour(self.title, colours.text)
        paint_colour(self.prompt, colours.muted)
        paint_colour(self.url, colours.text)
        paint_colour(self.heading, colours.accent)
        paint_colour(self.scan, colours.accent)
        paint_colour(self.rules, colours.text)

    def relayout(self) -> None:
        w, h = float(self.width()), float(self.height())
        mark = self.place_logo(w, h)
        header = layout.join_header(w, h, mark)
        size_text(self.title, h, layout.TITLE_MAX, layout.TITLE_MIN)
        place(self.title, header.title)
        title_h = self._taken(self.title, header.title)
        prompt_box = layout.join_prompt(w, h, title_h, mark)
        size_text(self.prompt, h, layout.PROMPT_MAX, layout.PROMPT_MIN)
        place(self.prompt, prompt_box)
        prompt_h = self._taken(self.prompt, prompt_box)
        top = prompt_box.y + prompt_h if prompt_h else prompt_box.y
        body = layout.join_body(w, h, layout.join_body_top(h, top, mark))
        place(self.qr, body.qr)
        self.qr.set_frame(self.colours.accent, max(1, round(layout.QR_FRAME * h)))
        place(self.url, body.url)
        size_text(self.url, h, layout.URL_MAX, layout.URL_MIN)
        place(self.scan, body.scan)
        size_text(self.scan, h, layout.RULES_HEADING, layout.RULES_HEADING / 2)
        place(self.heading, body.heading)
        size_text(self.heading, h, layout.RULES_HEADING, layout.RULES_HEADING / 2)
        place(self.rules, body.rules)
        size_text(self.rules, h, layout.RULES_MAX, layout.RULES_MIN)

    def _taken(self, text: FitText, box: Box) -> float:
        """Shrink ``text``'s box to the height it took (0 when it is empty)."""
        if not text.text():
            return 0.0
        taken = text.laid_out_size()[1]
        x, y, width, _ = box.pixels()
        text.setGeometry(x, y, width, max(1, math.ceil(taken)))
        return taken
