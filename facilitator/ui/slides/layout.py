"""Where each part of a slide goes: pure functions of the screen's width ``w`` and height
``h`` (and, on the join slide, of how tall the title and prompt turned out), in pixels.

Sizes follow ``docs/slides.md``: fractions of ``h`` (widths of ``w``), a margin of 0.05 h
on every side. Nothing here knows Qt, so the maths is tested on its own
(``tests/ui/test_slides.py``); the slides fit their text into these boxes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MARGIN = 0.05
LINE = 1.2  # a box for one line of text, in font sizes (DejaVu Sans: 1.164)

# join
TITLE_MAX, TITLE_MIN, TITLE_LINES, TITLE_ROOM = 0.07, 0.045, 2, 0.18
PROMPT_MAX, PROMPT_MIN, PROMPT_LINES, PROMPT_ROOM = 0.045, 0.03, 3, 0.16
TITLE_GAP, HEADER_GAP = 0.012, 0.045
JOIN_QR_H, JOIN_QR_W = 0.55, 0.42
URL_MAX, URL_MIN, URL_GAP = 0.06, 0.012, 0.012
RULES_HEADING = 0.035
RULES_MAX, RULES_MIN = 0.032, 0.02
COLUMN_GAP = 0.06
HEADING_GAP = 0.012
QR_FRAME = 0.006  # the accent frame round a QR code (join, corner)

# confession
TEXT_TOP, TEXT_BOTTOM = 0.05, 0.80
CONFESSION_MAX, CONFESSION_MIN = 0.09, 0.032
LESSON_RATIO, LESSON_MAX, LESSON_MIN = 0.7, 0.045, 0.02
HELPED_RATIO, HELPED_MIN, HELPED_MAX = 0.6, 0.019, 0.034
HELPED_SHARE = 1 / 3  # of the confession's box kept for what helped, when the rest holds it
FOOTER_TOP, FOOTER_BOTTOM = 0.84, 0.95
COUNT = 0.06
TIMER = 0.04
TIMER_GAP = 0.04
CORNER_QR, CORNER_URL, CORNER_GAP = 0.11, 0.018, 0.004
NOTE_TITLE, NOTE_TEXT = 0.07, 0.04

# break
BREAK_TITLE, BACK_SOON = 0.12, 0.05

# the organiser's logo (join, closing)
LOGO_W, LOGO_H = 0.22, 0.12  # its box at most, of w and of h
LOGO_PAD = 0.012  # of h: round the image, inside its box
LOGO_RADIUS = 0.01  # of h: the plate's corners
LOGO_GAP = 0.03  # of w: between the logo's box and the text beside it

# closing
THANK_YOU = 0.08
CLOSING_NUMBER, CLOSING_LABEL = 0.07, 0.025
MOST_SHARED = 0.035
MISTAKE = 0.03
QUESTION = 0.05


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, other: Box) -> bool:
        """``other`` lies inside (to a millionth of a pixel: sums of fractions)."""
        slack = 1e-6
        return (
            self.x <= other.x + slack
            and self.y <= other.y + slack
            and other.right <= self.right + slack
            and other.bottom <= self.bottom + slack
        )

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def pixels(self) -> tuple[int, int, int, int]:
        """x, y, width, height in whole pixels, inside the box (never larger)."""
        x, y = int(-(-self.x // 1)), int(-(-self.y // 1))  # ceil
        return x, y, max(1, int(self.right) - x), max(1, int(self.bottom) - y)


def content(w: float, h: float) -> Box:
    """The screen less its margin (0.05 h on every side)."""
    m = MARGIN * h
    return Box(m, m, w - 2 * m, h - 2 * m)


def one_line(size: float, h: float) -> float:
    """The height of a box for one line of text of ``size`` (a fraction of ``h``)."""
    return size * h * LINE


# The organiser's logo


@dataclass(frozen=True, slots=True)
class LogoBoxes:
    outer: Box  # at the content's top right; the plate fills it when one is drawn
    image: Box  # inside it, ``LOGO_PAD`` from its top and right


def logo(w: float, h: float, image_w: float, image_h: float) -> LogoBoxes:
    """The logo's boxes for an image of ``image_w`` x ``image_h``: scaled up or down,
    keeping its shape, to fit (0.22 w - 2p) x (0.12 h - 2p), p = 0.012 h; its box is the
    image and p round it, right- and top-aligned in the content."""
    area = content(w, h)
    pad = LOGO_PAD * h
    scale = min((LOGO_W * w - 2 * pad) / image_w, (LOGO_H * h - 2 * pad) / image_h)
    width, height = image_w * scale, image_h * scale
    outer = Box(area.right - width - 2 * pad, area.y, width + 2 * pad, height + 2 * pad)
    return LogoBoxes(outer, Box(outer.x + pad, outer.y + pad, width, height))


def logo_room(w: float, mark: LogoBoxes | None) -> float:
    """The width the logo takes from the text beside it: its box and a gap of 0.03 w."""
    return 0.0 if mark is None else mark.outer.w + LOGO_GAP * w


def below_logo(top: float, mark: LogoBoxes | None) -> float:
    """``top``, or the logo's bottom when that is lower."""
    return top if mark is None else max(top, mark.outer.bottom)


# The join slide


@dataclass(frozen=True, slots=True)
class JoinHeader:
    title: Box  # as much room as the title may take; it reports what it took
    prompt_room: float  # the prompt's most


@dataclass(frozen=True, slots=True)
class JoinBody:
    scan: Box
    qr: Box
    url: Box
    heading: Box
    rules: Box


def join_header(w: float, h: float, mark: LogoBoxes | None = None) -> JoinHeader:
    """The title's room: the content's width less the logo's (:func:`logo_room`)."""
    area = content(w, h)
    width = area.w - logo_room(w, mark)
    return JoinHeader(Box(area.x, area.y, width, TITLE_ROOM * h), PROMPT_ROOM * h)


def join_prompt(w: float, h: float, title_height: float, mark: LogoBoxes | None = None) -> Box:
    area = content(w, h)
    top = area.y + title_height + (TITLE_GAP * h if title_height else 0.0)
    return Box(area.x, top, area.w - logo_room(w, mark), PROMPT_ROOM * h)


def join_body_top(h: float, header_bottom: float, mark: LogoBoxes | None = None) -> float:
    """Where the body starts: under the title and prompt, and under the logo."""
    return below_logo(header_bottom, mark) + HEADER_GAP * h


def join_body(w: float, h: float, top: float) -> JoinBody:
    """Under the title and prompt (``top``): at the left "Scan to join", the QR code and
    the short URL under it; at the right "House rules" and the rules. The code is
    min(0.55 h, 0.42 w), smaller only when a long title and prompt leave less room; the
    left column is centred in the height it has, the rules start level with it."""
    area = content(w, h)
    heading_h = one_line(RULES_HEADING, h)
    url_h = one_line(URL_MAX, h)
    room = area.bottom - top - heading_h - HEADING_GAP * h - URL_GAP * h - url_h
    side = max(0.0, min(JOIN_QR_H * h, JOIN_QR_W * w, room))
    top += (room - side) / 2
    scan = Box(area.x, top, side, heading_h)
    qr = Box(area.x, scan.bottom + HEADING_GAP * h, side, side)
    url = Box(area.x, qr.bottom + URL_GAP * h, side, url_h)
    left = qr.right + COLUMN_GAP * h
    heading = Box(left, top, area.right - left, heading_h)
    rules = Box(left, qr.y, area.right - left, area.bottom - qr.y)
    return JoinBody(scan, qr, url, heading, rules)


# The confession (and the corner join code of the break slide)


@dataclass(frozen=True, slots=True)
class Corner:
    qr: Box
    url: Box


@dataclass(frozen=True, slots=True)
class ConfessionBoxes:
    text: Box
    count: Box
    corner: Corner
    note_title: Box
    note_text: Box


def corner(w: float, h: float) -> Corner:
    """The small join code at the bottom right, the short URL under it (right-aligned:
    it is wider than the code)."""
    area = content(w, h)
    side = CORNER_QR * h
    url_h = one_line(CORNER_URL, h)
    qr = Box(area.right - side, area.bottom - url_h - CORNER_GAP * h - side, side, side)
    url_w = min(area.w / 2, 0.4 * h)
    return Corner(qr, Box(area.right - url_w, area.bottom - url_h, url_w, url_h))


def confession(w: float, h: float, *, with_corner: bool) -> ConfessionBoxes:
    area = content(w, h)
    text = Box(area.x, TEXT_TOP * h, area.w, (TEXT_BOTTOM - TEXT_TOP) * h)
    place = corner(w, h)
    right = place.qr.x - TIMER_GAP * h if with_corner else area.right
    count = Box(area.x, FOOTER_TOP * h, right - area.x, (FOOTER_BOTTOM - FOOTER_TOP) * h)
    note_width = min(area.w, 0.8 * w)
    note_x = (w - note_width) / 2
    note_title = Box(note_x, 0.28 * h, note_width, one_line(NOTE_TITLE, h))
    note_text = Box(note_x, note_title.bottom + 0.03 * h, note_width, 0.3 * h)
    return ConfessionBoxes(text, count, place, note_title, note_text)


def beside(box: Box, used: float, gap: float) -> Box:
    """What is left of ``box`` to the right of ``used`` pixels and a ``gap``."""
    x = min(box.right, box.x + used + gap)
    return Box(x, box.y, box.right - x, box.h)


# Break


@dataclass(frozen=True, slots=True)
class BreakBoxes:
    title: Box
    subtitle: Box
    corner: Corner


def break_slide(w: float, h: float) -> BreakBoxes:
    area = content(w, h)
    title = Box(area.x, 0.32 * h, area.w, one_line(BREAK_TITLE, h))
    subtitle = Box(area.x, title.bottom + 0.02 * h, area.w, one_line(BACK_SOON, h))
    return BreakBoxes(title, subtitle, corner(w, h))


# Closing


@dataclass(frozen=True, slots=True)
class ClosingBoxes:
    title: Box
    numbers: tuple[Box, Box, Box, Box]
    labels: tuple[Box, Box, Box, Box]
    heading: Box
    mistakes: Box  # the room for up to three, one under another (see :func:`stacked`)
    question: Box


def closing(w: float, h: float, mark: LogoBoxes | None = None) -> ClosingBoxes:
    """With a logo, "Thank you" is narrowed by its room on both sides (it stays centred)
    and the rest starts under the lower of the two."""
    area = content(w, h)
    room = logo_room(w, mark)
    title = Box(area.x + room, area.y, area.w - 2 * room, one_line(THANK_YOU, h))
    column = area.w / 4
    number_top = below_logo(title.bottom, mark) + 0.04 * h
    numbers = tuple(
        Box(area.x + i * column, number_top, column, one_line(CLOSING_NUMBER, h)) for i in range(4)
    )
    labels = tuple(
        Box(box.x, box.bottom + 0.005 * h, column, one_line(CLOSING_LABEL, h)) for box in numbers
    )
    heading = Box(area.x, labels[0].bottom + 0.05 * h, area.w, one_line(MOST_SHARED, h))
    question = Box(area.x, area.bottom - one_line(QUESTION, h), area.w, one_line(QUESTION, h))
    top, bottom = heading.bottom + 0.015 * h, question.y - 0.04 * h
    return ClosingBoxes(
        title,
        (numbers[0], numbers[1], numbers[2], numbers[3]),
        (labels[0], labels[1], labels[2], labels[3]),
        heading,
        Box(area.x, top, area.w, bottom - top),
        question,
    )


MISTAKE_GAP = 0.025


def stacked(room: Box, heights: list[float], gap: float) -> list[Box]:
    """Boxes of ``heights`` one under another in ``room``, ``gap`` apart, on whole pixels;
    each at most as tall as what is left of the room."""
    boxes, y = [], float(math.ceil(room.y))
    for height in heights:
        taken = max(0.0, min(float(math.ceil(height)), math.floor(room.bottom) - y))
        boxes.append(Box(room.x, y, room.w, taken))
        y = min(float(math.floor(room.bottom)), float(math.ceil(y + taken + gap)))
    return boxes
