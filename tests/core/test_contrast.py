"""The screen's colours: every theme's text keeps 7:1, and any accent an organiser picks
is moved until it does too."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.contrast import (
    MIN_CONTRAST,
    THEMES,
    Theme,
    contrast,
    mix,
    readable_accent,
)

colours = st.integers(0, 0xFFFFFF).map(lambda value: f"#{value:06x}")


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda theme: theme.name)
def test_every_themes_colours_keep_the_contrast(theme: Theme) -> None:
    for colour in (theme.text, theme.muted, theme.accent):
        assert contrast(colour, theme.background) >= MIN_CONTRAST, colour


@given(accent=colours)
def test_any_accent_is_made_readable_on_both_themes(accent: str) -> None:
    for theme in THEMES.values():
        assert contrast(readable_accent(accent, theme), theme.background) >= MIN_CONTRAST


def test_a_readable_accent_is_kept_as_it_is_and_none_is_the_themes() -> None:
    dark = THEMES["dark"]
    assert readable_accent("#ffff00", dark) == "#ffff00"
    assert readable_accent("", dark) == dark.accent


def test_the_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#777777") == pytest.approx(1.0)
    assert mix("#000000", "#ffffff", 0.5) == "#808080"
