"""What the big screen shows when no confession is on it: the join slide, black, a break
or the closing slide (``show_slide``), beside *Project next*.

Each control has one key, window-wide (a focused text field keeps its keys): **B** the
join slide (what *Blank* always did: the confession comes off, the room sees how to
join), **.** black (the panic button: nothing at all on the screen, in one keystroke),
**P** a break, **C** the closing slide. The slide on screen is marked and its control
does nothing more; while a confession is on screen none is marked. The mark follows the
host (``session.slide`` and the confession on screen), never the click alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from facilitator.protocol.commands import ShowSlide
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import push_button

type Slide = Literal["join", "black", "break", "closing"]


@dataclass(frozen=True, slots=True)
class SlideControl:
    slide: Slide
    label: str
    key: str
    tip: str


CONTROLS: tuple[SlideControl, ...] = (
    SlideControl(
        "join",
        QT_TRANSLATE_NOOP("ScreenControls", "Join slide"),
        "B",
        QT_TRANSLATE_NOOP(
            "ScreenControls",
            "Take the confession off the screen: the room sees how to join and the house rules",
        ),
    ),
    SlideControl(
        "black",
        QT_TRANSLATE_NOOP("ScreenControls", "Black"),
        ".",
        QT_TRANSLATE_NOOP("ScreenControls", "Nothing at all on the big screen: the panic button"),
    ),
    SlideControl(
        "break",
        QT_TRANSLATE_NOOP("ScreenControls", "Break"),
        "P",
        QT_TRANSLATE_NOOP(
            "ScreenControls", "“Break — back soon”, with a small join code for latecomers"
        ),
    ),
    SlideControl(
        "closing",
        QT_TRANSLATE_NOOP("ScreenControls", "Closing"),
        "C",
        QT_TRANSLATE_NOOP(
            "ScreenControls", "Thank you, what the session gathered and the one-lesson question"
        ),
    ),
)
ON_SCREEN_TIP = QT_TRANSLATE_NOOP("ScreenControls", "On the big screen now")


def control_tip(control: SlideControl) -> str:
    tip = translate("ScreenControls", control.tip)
    return translate("ScreenControls", "{tip} ({key})").format(tip=tip, key=control.key)


class ScreenControls(QWidget):
    """Four controls in two rows; ``message`` carries a refusal for the status bar."""

    message = Signal(str)

    def __init__(self, commands: CommandPort, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._commands = commands
        self._on_screen: str | None = "join"
        self._open = True
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        self.buttons: dict[Slide, QPushButton] = {}
        for at, control in enumerate(CONTROLS):
            name = "blackSlide" if control.slide == "black" else "slide"
            button = push_button(self.tr(control.label), name, control_tip(control))
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, slide=control.slide: self.request(slide))
            grid.addWidget(button, at // 2, at % 2)
            self.buttons[control.slide] = button

    def install_shortcuts(self, window: QWidget) -> None:
        """The controls' keys, for the whole of ``window``."""
        for control in CONTROLS:
            shortcut = QShortcut(QKeySequence(control.key), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda slide=control.slide: self.request(slide))

    def on_screen(self) -> str | None:
        """The slide marked as on screen (None: a confession is)."""
        return self._on_screen

    def show_screen(self, slide: str, confession_on_screen: bool, session_open: bool) -> None:
        """Follow the host: ``slide`` is the session's, shown unless a confession is."""
        self._on_screen = None if confession_on_screen else slide
        self._open = session_open
        for name, button in self.buttons.items():
            current = name == self._on_screen
            button.setEnabled(session_open and not current)
            button.setAccessibleDescription(self.tr(ON_SCREEN_TIP) if current else "")
            if button.property("onScreen") != current:
                button.setProperty("onScreen", current)
                button.style().unpolish(button)  # the style sheet reads the property
                button.style().polish(button)

    def request(self, slide: Slide) -> None:
        """Show ``slide`` (nothing to do when it is on screen already)."""
        if not self._open or slide == self._on_screen:
            return
        self._commands.send(ShowSlide(slide), on_refused=lambda code, text: self.message.emit(text))
