"""Which slide is up, and the cross-fade between two.

:class:`SlideStage` holds one widget per slide and shows the one a
:class:`~facilitator.protocol.projector.ProjectorState` asks for (the join slide in two
steps when the facilitator named a Wi-Fi). A new slide, or another confession, fades
in over the old one in 200 ms: a snapshot of the old slide on top, its opacity going
from 1 to 0 (``QGraphicsOpacityEffect``).

Reduced motion (no fade) when any of these says so, checked at each change:
``CONFESSIONAL_REDUCED_MOTION`` set to anything but ``""`` or ``"0"``; the system's
preference (``QStyleHints.accessibility().motionPreference()`` is ``ReducedMotion``);
the style's animations off (``SH_Widget_Animation_Duration`` is 0); or the offscreen
and minimal platforms (tests and screenshots render the final frame at once).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, Qt
from PySide6.QtGui import QGuiApplication, QImage, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsOpacityEffect,
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QStyle,
    QWidget,
)

from facilitator.join.wifi import RoomWifi
from facilitator.protocol.projector import ProjectorState
from facilitator.ui.slides.closing import ClosingSlide
from facilitator.ui.slides.confession import Clock, ConfessionSlide, system_clock
from facilitator.ui.slides.join import JoinSlide
from facilitator.ui.slides.parts import PLACEHOLDER, Slide
from facilitator.ui.slides.simple import BlackSlide, BreakSlide
from facilitator.ui.slides.strings import SlideStrings, screen_language
from facilitator.ui.slides.theme import slide_colours
from facilitator.ui.slides.wifi_join import WifiJoinSlide

FADE_MS = 200
REDUCED_MOTION_ENV = "CONFESSIONAL_REDUCED_MOTION"


def reduced_motion() -> bool:
    """Whether the cross-fade is left out (see the module's docstring)."""
    if os.environ.get(REDUCED_MOTION_ENV, "") not in ("", "0"):
        return True
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return True
    hints = QGuiApplication.styleHints()
    accessibility = hints.accessibility()
    if accessibility.motionPreference() == Qt.MotionPreference.ReducedMotion:
        return True
    style = QApplication.style()
    return style is not None and (
        style.styleHint(QStyle.StyleHint.SH_Widget_Animation_Duration) == 0
    )


class SlideStage(QWidget):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Clock = system_clock,
        motion: bool | None = None,
    ) -> None:
        """``motion``: fade (``True``), never (``False``), or as :func:`reduced_motion`
        says (``None``)."""
        super().__init__(parent)
        self._motion = motion
        self._wifi: RoomWifi | None = None
        self._words: dict[str, SlideStrings] = {}
        self.state = PLACEHOLDER
        self._logo: QImage | None = None
        self.join = JoinSlide()
        self.wifi_join = WifiJoinSlide()
        self.confession = ConfessionSlide(clock=clock)
        self.black = BlackSlide()
        self.break_slide = BreakSlide()
        self.closing = ClosingSlide()
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        for slide in self.slides():
            # Sizes follow the window's, never the other way round: the fixed sizes of a
            # bigger screen must not keep the window from shrinking onto a smaller one.
            slide.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            self._stack.addWidget(slide)
        self._look: tuple[str, int | None] = ("", None)
        self._overlay = QLabel(self)
        self._overlay.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._overlay.hide()
        self._effect = QGraphicsOpacityEffect(self._overlay)
        self._overlay.setGraphicsEffect(self._effect)
        self._fade = QPropertyAnimation(self._effect, b"opacity", self)
        self._fade.setDuration(FADE_MS)
        self._fade.setStartValue(1.0)
        self._fade.setEndValue(0.0)
        self._fade.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._fade.finished.connect(self._overlay.hide)
        self.confession.look_changing.connect(self._fade_from_here)
        self.show_state(PLACEHOLDER)

    def slides(self) -> tuple[Slide, ...]:
        return (
            self.join,
            self.wifi_join,
            self.confession,
            self.black,
            self.break_slide,
            self.closing,
        )

    # Public

    def current(self) -> Slide:
        slide = self._stack.currentWidget()
        assert isinstance(slide, Slide)
        return slide

    def fading(self) -> bool:
        return self._overlay.isVisible()

    def wifi(self) -> RoomWifi | None:
        return self._wifi

    def set_wifi(self, wifi: RoomWifi | None) -> None:
        self._wifi = wifi
        self.wifi_join.set_wifi(wifi)
        self.show_state(self.state, self._logo)

    def set_count(self, item_id: int, count: int) -> None:
        """A count between two states: the confession's, or one of its replies'."""
        if self.state.slide == "confession":
            self.confession.set_count(item_id, count)

    def show_state(self, state: ProjectorState, logo: QImage | None = None) -> None:
        """Show ``state``; ``logo``: the big screen's rendition of ``state.logo``, once
        it is here (the join and closing slides show it)."""
        self.state, self._logo = state, logo
        target = self._choose(state)
        projection = state.projection
        look = (type(target).__name__, projection.confession_id if projection else None)
        if look != self._look:
            self._fade_from_here()
        self._look = look
        words = self._strings(state.language)
        target.show_state(state, words, slide_colours(state), logo)
        self._stack.setCurrentWidget(target)
        for slide in self.slides():
            slide.set_active(slide is target)

    # Choosing

    def _choose(self, state: ProjectorState) -> Slide:
        match state.slide:
            case "join":
                joinable = state.status == "open" and bool(state.join_url)
                return self.wifi_join if self._wifi is not None and joinable else self.join
            case "confession":
                return self.confession if state.projection is not None else self.join
            case "black":
                return self.black
            case "break":
                return self.break_slide
            case "closing":
                return self.closing

    def _strings(self, session_language: str) -> SlideStrings:
        language = screen_language(session_language)
        if language not in self._words:
            self._words[language] = SlideStrings(language)
        return self._words[language]

    # Fading

    def _moving(self) -> bool:
        if self._motion is not None:
            return self._motion
        return not reduced_motion()

    def _fade_from_here(self) -> None:
        """Put a snapshot of what is on screen over it, to fade out after the change."""
        if not self._moving() or not self.isVisible() or self.width() < 2:
            return
        self._fade.stop()
        self._overlay.hide()
        snapshot = self.grab()
        self._overlay.setPixmap(snapshot)
        self._overlay.setGeometry(self.rect())
        self._overlay.raise_()
        self._effect.setOpacity(1.0)
        self._overlay.show()
        self._fade.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._overlay.isVisible():
            self._fade.stop()
            self._overlay.hide()
