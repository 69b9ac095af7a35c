"""The organiser's logo on the join and closing slides (``docs/slides.md``, "Logo"): the
big screen's rendition, scaled into its box at the content's top right
(:func:`~.layout.logo`), on a plate when its ink would vanish on the theme
(:func:`~.theme.plate_colour`). The box comes from the state's size of the logo, so the
slide keeps its layout while the image is still on its way (drawn once it is here), as
on the projector page."""

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
    image: QImage | None  # already at the size it is drawn; None until it has come
    radius: float


def logo_mark(w: float, h: float, state: ProjectorState, image: QImage | None) -> LogoMark | None:
    """The logo as drawn on a ``w`` x ``h`` slide of ``state``; ``None`` when the state
    names none."""
    if state.logo is None or state.logo.width <= 0 or state.logo.height <= 0:
        return None
    boxes = layout.logo(w, h, state.logo.width, state.logo.height)
    scaled = None
    if image is not None and not image.isNull():
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
    """The plate and the image, once the image has come (nothing before)."""
    if mark.image is None:
        return
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
