"""FitText's options for the slides: one line that never wraps, at most N lines until the
smallest size, paragraphs, right alignment, right-to-left blocks, and the laid-out size
the slides' tests compare with each box."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from facilitator.ui.fit_notes import Note, NotedFitText
from facilitator.ui.fit_text import Align, FitText, paragraph_direction


@pytest.fixture
def parent(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    yield widget
    widget.close()


def test_one_line_takes_the_largest_size_that_fits_the_width(parent: QWidget) -> None:
    text = FitText(parent, max_px=200, min_px=5, wrap=False)
    text.setGeometry(0, 0, 400, 300)
    text.setText("192.168.178.23:8737")
    assert text.line_count() == 1 and text.text_fits()
    width, height = text.laid_out_size()
    assert 0.9 * 400 < width <= 400 and height <= 300
    assert text.font_pixel_size() < 200  # the width, not the height, decided
    text.set_pixel_range(100, 200)  # even the smallest is too wide: it says so
    assert not text.text_fits()


def test_at_most_two_lines_until_the_smallest_size(parent: QWidget) -> None:
    text = FitText(parent, max_px=70, min_px=45, max_lines=2, align=Align.LEFT)
    text.setGeometry(0, 0, 700, 400)
    text.setText("Never waste a mistake: the retrospective")
    assert text.line_count() <= 2 and text.text_fits()
    text.setText("Never waste a mistake: the quarterly retrospective of the platform team")
    assert text.line_count() == 3 and text.font_pixel_size() == 45  # only at its smallest


def test_paragraphs_each_a_block(parent: QWidget) -> None:
    text = FitText(parent, max_px=30, min_px=10, align=Align.LEFT, paragraph_gap=0.5)
    text.setGeometry(0, 0, 500, 400)
    text.setText("First rule.\n\nSecond rule.\nThird rule.")
    blocks = text._fit().blocks
    assert [block.layout.text() for block in blocks] == [
        "First rule.",
        "Second rule.",
        "Third rule.",
    ]
    assert blocks[0].gap_before == 0 and blocks[1].gap_before == pytest.approx(15)


def test_right_aligned_and_its_extent(parent: QWidget) -> None:
    text = FitText(parent, max_px=20, min_px=10, align=Align.RIGHT, wrap=False)
    text.setGeometry(0, 0, 400, 40)
    text.setText("short")
    block = text._fit().blocks[0]
    assert block.right_edge and block.width < 400
    assert text.laid_out_size()[0] <= 400


def test_the_paragraph_direction() -> None:
    assert paragraph_direction("نشرت التحديث") == Qt.LayoutDirection.RightToLeft
    assert paragraph_direction("123 abc نشرت") == Qt.LayoutDirection.LeftToRight
    assert paragraph_direction("🙈 …") == Qt.LayoutDirection.LeftToRight


def test_notes_keep_smaller_and_say_how_many_more(parent: QWidget) -> None:
    text = NotedFitText(parent, max_px=60, min_px=40)
    text.setGeometry(0, 0, 600, 260)
    text.setText("A confession.")
    text.set_secondary_text("What I learned: something.")
    text.set_secondary_style(ratio=0.7, min_px=10, max_px=60)
    text.set_notes_style(ratio=0.6, min_px=10, max_px=40)
    text.set_more_format(lambda n: f"+{n} weitere")
    text.set_notes("", [Note(f"Reply {n} " * 12, f"· {n} helped") for n in range(8)])
    assert text.secondary_pixel_size() < text.font_pixel_size()
    assert text.notes_pixel_size() < text.secondary_pixel_size()
    shown = text.notes_shown()
    assert shown < 8
    assert text._fit().blocks[-1].layout.text() == f"+{8 - shown} weitere"
    assert text.laid_out_size()[1] <= 260
