"""Whether the console fits its window: nothing outside it, no one-line text wider than
its room, wrapped texts broken between words. The 1024x768 tests in English and German
ask the same of it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

from facilitator.ui.console import ConsoleWindow
from facilitator.ui.widgets import ElidedButton, ElidedLabel


def inside(console: ConsoleWindow, widget: QWidget) -> bool:
    top_left = widget.mapTo(console, QPoint(0, 0))
    return console.rect().contains(QRect(top_left, widget.size()))


def in_scroll_content(widget: QWidget) -> bool:
    """Whether ``widget`` scrolls inside a scroll area (it may be wider than the view)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def words_fit(label: QLabel) -> bool:
    """A wrapped label breaks at words: every word fits its width."""
    metrics = label.fontMetrics()
    room = label.contentsRect().width()
    return all(metrics.horizontalAdvance(word) <= room for word in label.text().split())


def assert_console_fits(console: ConsoleWindow) -> None:
    """Every visible widget inside the window (or scrolling inside its area); cut texts,
    lane and screen buttons, the one-line labels and the wrapped ones within their room."""
    outside = [
        f"{type(widget).__name__} {widget.objectName()}"
        for widget in console.findChildren(QWidget)
        if widget.isVisibleTo(console)
        and widget.window() is console
        and not in_scroll_content(widget)
        and not inside(console, widget)
    ]
    assert outside == []
    # One-line texts are cut to their width, never wider.
    for label in console.findChildren(ElidedLabel):
        if label.isVisibleTo(console):
            width = label.fontMetrics().horizontalAdvance(label.text())
            assert width <= label.contentsRect().width(), label.full_text()
    buttons = [b for b in console.findChildren(ElidedButton) if b.isVisibleTo(console)]
    assert console.approve_button in buttons and console.undo_button in buttons
    for button in buttons:
        advance = button.fontMetrics().horizontalAdvance(button.shown_text())
        assert advance <= button.text_room(), button.text()
    for slide_button in console.screen_controls.buttons.values():
        text_width = slide_button.fontMetrics().horizontalAdvance(slide_button.text())
        assert text_width < slide_button.width() - 8, slide_button.text()
    for one_line in (
        console.timers.item_label,
        console.timers.session_label,
        console.phones_label,
        console.join_panel.join_url_label,
    ):
        if one_line.isVisibleTo(console):
            advance = one_line.fontMetrics().horizontalAdvance(one_line.text())
            assert advance <= one_line.contentsRect().width(), one_line.text()
    # Wrapped texts break between words.
    for wrapped in (
        console.now_empty,
        console.join_panel.address_caption,
        console.editor.draft_label,
    ):
        assert words_fit(wrapped), wrapped.text()
