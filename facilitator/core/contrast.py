"""Colours the big screen keeps readable: WCAG contrast, and the organiser's accent
moved towards the theme's text colour until it keeps :data:`MIN_CONTRAST` against the
background (its hue stays). The projector page does the same (participant_web)."""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_CONTRAST = 7.0  # WCAG AAA for text: the back row, a washed-out projector
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, slots=True)
class Theme:
    """A screen's colours: each of ``text``, ``muted`` and the default ``accent`` keeps
    :data:`MIN_CONTRAST` against ``background``."""

    name: str
    background: str
    text: str
    muted: str
    accent: str


DARK = Theme("dark", background="#0f1317", text="#f5f1e8", muted="#b9c2cc", accent="#ffc857")
LIGHT = Theme("light", background="#fbf8f2", text="#14181c", muted="#3b444e", accent="#6b4300")
THEMES = {theme.name: theme for theme in (DARK, LIGHT)}


def rgb(colour: str) -> tuple[int, int, int]:
    if not _HEX.match(colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = int(colour[1:], 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (_channel(part) for part in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(a: str, b: str, share: float) -> str:
    """``a`` moved ``share`` (0 to 1) of the way to ``b``, in sRGB."""
    mixed = (round(x + (y - x) * share) for x, y in zip(rgb(a), rgb(b), strict=True))
    return "#" + "".join(f"{part:02x}" for part in mixed)


def readable_accent(accent: str, theme: Theme) -> str:
    """The organiser's ``accent`` (``""``: the theme's own) moved towards the theme's
    text colour, a percent at a time, until it keeps :data:`MIN_CONTRAST`."""
    if not accent:
        return theme.accent
    start = accent.lower()
    for step in range(101):
        candidate = mix(start, theme.text, step / 100)
        if contrast(candidate, theme.background) >= MIN_CONTRAST:
            return candidate
    return theme.text
