"""What the slides share: a base class that paints the theme's background and places its
texts in the boxes of :mod:`.layout`, fitted text in a colour, and the corner join code
(a small QR code with the short URL under it)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from facilitator.protocol.projector import ProjectorState
from facilitator.ui.fit_text import Align, FitText
from facilitator.ui.qr_widget import QrWidget
from facilitator.ui.slides import layout, strings
from facilitator.ui.slides.layout import Box, LogoBoxes
from facilitator.ui.slides.logo import LogoMark, logo_mark, paint_logo
from facilitator.ui.slides.strings import SlideStrings
from facilitator.ui.slides.theme import SlideColours, colours_hex
from facilitator.ui.slides.timing import short_url


@dataclass(frozen=True, slots=True)
class Fitted:
    """A text as laid out in its box, for the tests: ``size`` must stay in ``box``."""

    name: str
    box: Box  # the widget's rectangle on the slide
    size: tuple[float, float]  # the laid-out text's width and height
    pixel_size: int
    fits: bool


def paint_colour(widget: QWidget, colour: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    widget.setPalette(palette)


def place(widget: QWidget, box: Box) -> None:
    x, y, w, h = box.pixels()
    widget.setGeometry(x, y, w, h)


def fitted_text(
    parent: QWidget,
    *,
    weight: QFont.Weight = QFont.Weight.Normal,
    align: Align = Align.AUTO,
    wrap: bool = True,
    max_lines: int | None = None,
    paragraph_gap: float | None = None,
    vertical: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignVCenter,
) -> FitText:
    text = FitText(
        parent,
        weight=weight,
        align=align,
        wrap=wrap,
        max_lines=max_lines,
        paragraph_gap=paragraph_gap,
        vertical=vertical,
    )
    text.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return text


def size_text(text: FitText, h: float, max_fraction: float, min_fraction: float) -> None:
    """Between ``min_fraction`` of ``h`` (rounded up: never under it) and ``max_fraction``."""
    low = max(1, math.ceil(min_fraction * h - 1e-9))
    text.set_pixel_range(low, max(low, round(max_fraction * h)))


def _placeholder() -> ProjectorState:
    return ProjectorState(
        slide="join",
        status="open",
        title="Confessional",
        prompt="",
        agree_label="",
        house_rules="",
        unshown_record=False,
        organisers_record=False,
        join_url="",
        language="",
        theme="dark",
        accent="",
        corner_qr=False,
        timer=False,
        projection=None,
        shown_at=None,
        started_at=None,
        now="2026-01-01T00:00:00+00:00",
    )


PLACEHOLDER = _placeholder()
"""Until the first snapshot: the dark join slide with the app's name and no code."""


class Slide(QWidget):
    """One slide: :meth:`show_state` fills it in, :meth:`relayout` places its parts.
    ``logo`` is the big screen's rendition of ``state.logo`` when it is here; a slide
    that shows it places it with :meth:`place_logo`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = PLACEHOLDER
        self.strings = SlideStrings()
        background, text, muted, accent = colours_hex("dark", "")
        self.colours = SlideColours(QColor(background), QColor(text), QColor(muted), QColor(accent))
        self._texts: dict[str, FitText] = {}
        self.logo: QImage | None = None
        self.mark: LogoMark | None = None

    def show_state(
        self,
        state: ProjectorState,
        words: SlideStrings,
        colours: SlideColours,
        logo: QImage | None = None,
    ) -> None:
        self.state, self.strings, self.colours, self.logo = state, words, colours, logo
        self.fill()
        self.relayout()
        self.update()

    def fill(self) -> None:
        """Texts and colours from :attr:`state` (subclasses)."""

    def relayout(self) -> None:
        """Geometry from the slide's size (subclasses)."""

    def set_active(self, active: bool) -> None:
        """The slide is on screen (``True``) or not: timers run only while it is."""

    def background(self) -> QColor:
        return self.colours.background

    def place_logo(self, w: float, h: float) -> LogoBoxes | None:
        """Lay the logo out (``None``: the slide has none to show)."""
        self.mark = logo_mark(w, h, self.state, self.logo)
        return self.mark.boxes if self.mark is not None else None

    def named_text(self, name: str, text: FitText) -> FitText:
        self._texts[name] = text
        return text

    def fitted(self) -> list[Fitted]:
        """Every visible text with its box and laid-out size."""
        found = []
        for name, text in self._texts.items():
            if text.isHidden() or not (text.text() or text.secondary_text()):
                continue
            geometry = text.geometry()
            box = Box(geometry.x(), geometry.y(), geometry.width(), geometry.height())
            size = text.laid_out_size()
            found.append(Fitted(name, box, size, text.font_pixel_size(), text.text_fits()))
        return found

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self.background())
            if self.mark is not None:
                paint_logo(painter, self.mark)
        finally:
            painter.end()


class CornerJoin:
    """The small join code at the bottom right and the short URL under it."""

    def __init__(self, slide: Slide) -> None:
        self.qr = QrWidget(parent=slide)
        self.qr.setMinimumSize(1, 1)
        self.url = slide.named_text("corner url", fitted_text(slide, align=Align.RIGHT, wrap=False))

    def fill(self, state: ProjectorState, words: SlideStrings, colours: SlideColours) -> None:
        url = state.join_url
        self.qr.set_data(url, words.tr(strings.JOIN_QR).format(url=url) if url else "")
        self.url.setText(short_url(url))
        paint_colour(self.url, colours.muted)
        self.qr.set_frame(colours.accent, self.qr.frame_width())
        self.set_visible(bool(url))

    def set_visible(self, visible: bool) -> None:
        self.qr.setVisible(visible)
        self.url.setVisible(visible)

    def relayout(self, w: float, h: float, accent: QColor) -> None:
        place_at = layout.corner(w, h)
        place(self.qr, place_at.qr)
        self.qr.set_frame(accent, max(1, round(layout.QR_FRAME * h / 2)))
        place(self.url, place_at.url)
        size_text(self.url, h, layout.CORNER_URL, layout.CORNER_URL / 2)
