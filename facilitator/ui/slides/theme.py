"""The slide's colours as Qt colours: the theme of ``docs/slides.md`` and the organiser's
accent, moved until it keeps 7:1 against the background
(:func:`facilitator.core.contrast.readable_accent`)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from facilitator.core.contrast import DARK, LIGHT, THEMES, readable_accent
from facilitator.protocol.projector import ProjectorState

BLACK = QColor("#000000")


@dataclass(frozen=True, slots=True)
class SlideColours:
    background: QColor
    text: QColor
    muted: QColor
    accent: QColor


def colours_hex(theme_name: str, accent: str) -> tuple[str, str, str, str]:
    """Background, text, muted and accent of ``theme_name`` as ``#rrggbb``, the accent
    made readable (an unknown theme: dark; an accent that is not ``#rrggbb``: the
    theme's own)."""
    theme = THEMES.get(theme_name, DARK)
    try:
        readable = readable_accent(accent, theme)
    except ValueError:
        readable = theme.accent
    return theme.background, theme.text, theme.muted, readable


def slide_colours(state: ProjectorState) -> SlideColours:
    background, text, muted, accent = colours_hex(state.theme, state.accent)
    return SlideColours(QColor(background), QColor(text), QColor(muted), QColor(accent))


def plate_colour(ink: str, theme_name: str) -> str | None:
    """The plate behind a logo, as ``#rrggbb``: the light theme's background behind dark
    ink on the dark theme, the dark theme's behind light ink on the light theme; else
    none (the logo shows on the slide's own background)."""
    if ink == "dark" and theme_name == "dark":
        return LIGHT.background
    if ink == "light" and theme_name == "light":
        return DARK.background
    return None
