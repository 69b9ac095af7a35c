"""Which screen the projector window goes on, and keeping it there as screens come and go.

Screens are identified by name and serial number, never by their index or
geometry (both change when a cable is plugged in). The projector goes full
screen on the preferred screen if it is connected, else on the first screen that
is not the primary one; with a single screen (or mirrored displays) it is a
normal window. Changes are debounced: operating systems announce a new monitor
in several steps.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

DEBOUNCE_MS = 350
WINDOWED_SIZE = (960, 540)
FULL_SCREEN_FLAGS = (
    Qt.WindowType.Window
    | Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.WindowDoesNotAcceptFocus  # keystrokes stay with the console
)
WINDOWED_FLAGS = Qt.WindowType.Window


@dataclass(frozen=True, slots=True)
class ScreenId:
    name: str
    serial: str = ""

    @property
    def key(self) -> str:
        """A stable string to remember a choice by (in settings)."""
        return f"{self.name}#{self.serial}" if self.serial else self.name

    @classmethod
    def from_key(cls, key: str) -> ScreenId:
        name, _, serial = key.partition("#")
        return cls(name, serial)

    @classmethod
    def of(cls, screen: QScreen) -> ScreenId:
        return cls(screen.name(), screen.serialNumber())


def same_screen(preferred: ScreenId, screen: ScreenId) -> bool:
    if preferred == screen:
        return True
    if preferred.serial:  # the same monitor, plugged into another port
        return preferred.serial == screen.serial
    return preferred.name == screen.name


def choose_projector_screen(
    screens: Sequence[ScreenId], primary: ScreenId | None, preferred: ScreenId | None = None
) -> ScreenId | None:
    """The screen to go full screen on, or ``None`` to be a window on the only screen.

    The preferred screen wins when it is connected and is not the primary one
    (the console lives there); otherwise the first non-primary screen.
    """
    others = [screen for screen in screens if screen != primary]
    if preferred is not None:
        for screen in others:
            if same_screen(preferred, screen):
                return screen
    return others[0] if others else None


class ProjectorPlacement(QObject):
    """Keeps ``window`` full screen on the projector screen, following screen changes.

    ``placement_changed`` carries a sentence for the console's status bar.
    """

    placement_changed = Signal(str)

    def __init__(
        self,
        window: QWidget,
        preferred: str | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._preferred = ScreenId.from_key(preferred) if preferred else None
        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication):
            raise RuntimeError("ProjectorPlacement needs a QGuiApplication")
        self._app: QGuiApplication = app
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.place)
        self._target: ScreenId | None = None
        self._description = ""
        self._app.screenAdded.connect(self._on_screen_added)
        self._app.screenRemoved.connect(self.schedule)
        self._app.primaryScreenChanged.connect(self.schedule)
        for screen in self._app.screens():
            self._watch(screen)

    @property
    def target(self) -> ScreenId | None:
        """The screen the window is full screen on, or ``None`` when it is a window."""
        return self._target

    @property
    def description(self) -> str:
        return self._description

    def set_preferred(self, key: str | None) -> None:
        """Remember the facilitator's choice (a :attr:`ScreenId.key`) and move there."""
        self._preferred = ScreenId.from_key(key) if key else None
        self.place()

    def schedule(self) -> None:
        """Re-place after things settle (restarts the 350 ms single-shot timer)."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._app.screenAdded.disconnect(self._on_screen_added)
        self._app.screenRemoved.disconnect(self.schedule)
        self._app.primaryScreenChanged.disconnect(self.schedule)
        for screen in self._app.screens():
            screen.geometryChanged.disconnect(self.schedule)

    def place(self) -> None:
        """Place the window now and show it."""
        self._timer.stop()
        screens = {ScreenId.of(screen): screen for screen in self._app.screens()}
        primary_screen = self._app.primaryScreen()
        primary = ScreenId.of(primary_screen) if primary_screen is not None else None
        chosen = choose_projector_screen(list(screens), primary, self._preferred)
        if chosen is not None:
            self._full_screen(screens[chosen])
            if self._preferred is not None and not same_screen(self._preferred, chosen):
                log.warning("Preferred screen %s is not connected", self._preferred.key)
            description = self.tr("Projector: full screen on {name}").format(name=chosen.name)
        else:
            self._windowed(primary_screen)
            description = self.tr("Projector: only one screen, shown as a window")
        if chosen != self._target or description != self._description:
            log.info("Projector on %s", chosen.name if chosen is not None else "a window")
        self._target = chosen
        if description != self._description:
            self._description = description
            self.placement_changed.emit(description)

    def _on_screen_added(self, screen: QScreen) -> None:
        self._watch(screen)
        self.schedule()

    def _watch(self, screen: QScreen) -> None:
        # Any geometry change re-runs the whole placement: no per-screen closures
        # that could end up updating the wrong screen.
        screen.geometryChanged.connect(self.schedule)

    def _full_screen(self, screen: QScreen) -> None:
        window = self._window
        if window.windowFlags() != FULL_SCREEN_FLAGS:
            window.setWindowFlags(FULL_SCREEN_FLAGS)
        window.setCursor(Qt.CursorShape.BlankCursor)
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()

    def _windowed(self, screen: QScreen | None) -> None:
        window = self._window
        was_full_screen = window.windowFlags() != WINDOWED_FLAGS or window.isFullScreen()
        if window.windowFlags() != WINDOWED_FLAGS:
            window.setWindowFlags(WINDOWED_FLAGS)
        window.unsetCursor()
        if window.isVisible() and not was_full_screen:
            return  # the facilitator may have moved or resized it: leave it be
        if screen is not None:
            window.setScreen(screen)
            available = screen.availableGeometry()
            width = min(WINDOWED_SIZE[0], available.width())
            height = min(WINDOWED_SIZE[1], available.height())
            frame = QRect(0, 0, width, height)
            frame.moveCenter(available.center())
            window.setGeometry(frame)
        window.showNormal()
