"""The organiser's logo on the join and closing slides (``docs/slides.md``, "Logo"): the
big screen's rendition, scaled into its box at the content's top right
(:func:`~.layout.logo`), on a plate when its ink would vanish on the theme
(:func:`~.theme.plate_colour`)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from facilitator.protocol.projector import ProjectorState
from facilitator.ui.slides import layout
from facilitator.ui.slides.layout import LogoBoxes
from facilitator.ui.slides.theme import plate_colour


@dataclass(frozen=True, slots=True)
class LogoMark:
    boxes: LogoBoxes
    plate: QColor | None
    image: QImage  # already at the size it is drawn
    radius: float


def logo_mark(w: float, h: float, state: ProjectorState, image: QImage | None) -> LogoMark | None:
    """The logo as drawn on a ``w`` x ``h`` slide of ``state``; ``None`` without one (the
    state names none, or its image is not here yet)."""
    if state.logo is None or image is None or image.isNull():
        return None
    boxes = layout.logo(w, h, image.width(), image.height())
    _, _, width, height = boxes.image.pixels()
    scaled = image.scaled(
        width,
        height,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    plate = plate_colour(state.logo.ink, state.theme)
    return LogoMark(boxes, QColor(plate) if plate else None, scaled, layout.LOGO_RADIUS * h)


def paint_logo(painter: QPainter, mark: LogoMark) -> None:
    outer = mark.boxes.outer
    if mark.plate is not None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mark.plate)
        painter.drawRoundedRect(
            QRectF(outer.x, outer.y, outer.w, outer.h), mark.radius, mark.radius
        )
    x, y, _, _ = mark.boxes.image.pixels()
    painter.drawImage(x, y, mark.image)
