"""The big screen: the window that shows what the room sees.

The window follows the mirror's :class:`~facilitator.protocol.projector.ProjectorState`
(``mirror.projector``, announced by ``projector_changed``; counts between two states
come as ``count_changed``) and shows the slide it names, drawn by
:mod:`facilitator.ui.slides` as ``docs/slides.md`` says. It adds what only the desktop
knows: the organiser's logo on the join and closing slides (fetched from the host
through ``logos`` when ``state.logo`` names one it has not got yet; drawn once it
arrives), the room's Wi-Fi (:meth:`ProjectorWindow.set_wifi`: the join slide in two
steps), where the window goes (:meth:`ProjectorWindow.place`), and refusing a stray
Alt+F4 on the projector until the app closes it. Every text is plain text: nothing a
participant writes is ever interpreted as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from facilitator.join.wifi import RoomWifi, wifi_qr_payload
from facilitator.protocol.moderator import Item
from facilitator.protocol.projector import ProjectorState
from facilitator.ui.fit_notes import NotedFitText
from facilitator.ui.fit_text import FitText
from facilitator.ui.logo_client import LogoSource
from facilitator.ui.logo_images import LogoImages
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.qr_widget import QrWidget
from facilitator.ui.screens import ProjectorPlacement
from facilitator.ui.slides.confession import Clock, system_clock
from facilitator.ui.slides.parts import PLACEHOLDER, Slide
from facilitator.ui.slides.stage import SlideStage


def count_caption(agree_label: str, count: int) -> str:
    """ "Been there · 3": the count as the big screen words it (the console's too)."""
    return f"{agree_label} · {count}"


class ProjectorWindow(QWidget):
    """Shows what ``mirror`` says is on the big screen, and follows it.

    Place it with :meth:`place`. It refuses to close (a stray Alt+F4 on the projector)
    until :meth:`allow_close`. ``logos``: where the logo's renditions come from (the
    console's connection; ``None``: no logo is drawn). ``clock`` (the display's, UTC)
    and ``motion`` (the cross-fade: on, off, or ``None`` as the system asks) are for
    tests.
    """

    close_refused = Signal()
    placement_changed = Signal(str)  # where the window is, for the console's status bar

    def __init__(
        self,
        mirror: SessionMirror,
        parent: QWidget | None = None,
        *,
        clock: Clock = system_clock,
        motion: bool | None = None,
        logos: LogoSource | None = None,
    ) -> None:
        super().__init__(parent)
        self._mirror = mirror
        self.logos = LogoImages(logos, self)
        self.logos.arrived.connect(self._logo_arrived)
        self._placement: ProjectorPlacement | None = None
        self._closing_allowed = False
        self.setWindowTitle(self.tr("Confessional — Projector"))
        # The facilitator's keyboard stays with the console when this window appears.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("projector")
        self.setAutoFillBackground(True)
        self.resize(960, 540)
        self.stage = SlideStage(self, clock=clock, motion=motion)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.stage)
        mirror.reset.connect(self._on_reset)
        mirror.projector_changed.connect(self._show)
        mirror.count_changed.connect(self.stage.set_count)
        self._on_reset()

    # The slides' parts, by the names the window's tests and callers use

    @property
    def confession_label(self) -> NotedFitText:
        return self.stage.confession.text

    @property
    def count_label(self) -> FitText:
        return self.stage.confession.count

    @property
    def timer_label(self) -> FitText:
        return self.stage.confession.timer

    @property
    def idle_title(self) -> FitText:
        return self.stage.join.title

    @property
    def idle_prompt(self) -> FitText:
        return self.stage.join.prompt

    @property
    def join_label(self) -> FitText:
        """The short join URL under the join slide's code (``192.168.1.23:8737``)."""
        return self.stage.join.url

    @property
    def qr(self) -> QrWidget:
        return self.stage.join.qr

    @property
    def wifi_heading(self) -> FitText:
        return self.stage.wifi_join.heading

    @property
    def wifi_caption(self) -> QLabel:
        return self.stage.wifi_join.wifi_caption

    @property
    def wifi_name_label(self) -> FitText:
        return self.stage.wifi_join.wifi_name

    @property
    def wifi_qr(self) -> QrWidget:
        return self.stage.wifi_join.wifi_qr

    @property
    def open_caption(self) -> QLabel:
        return self.stage.wifi_join.open_caption

    @property
    def open_label(self) -> FitText:
        return self.stage.wifi_join.open_label

    @property
    def open_qr(self) -> QrWidget:
        return self.stage.wifi_join.open_qr

    # Public

    def state(self) -> ProjectorState:
        """The state on screen (a placeholder until the first snapshot)."""
        return self.stage.state

    def slide(self) -> Slide:
        """The slide on screen."""
        return self.stage.current()

    def is_idle(self) -> bool:
        """No confession on screen (any other slide, the join slide with or without the
        Wi-Fi, a break, black, the closing slide)."""
        return self.stage.current() is not self.stage.confession

    def shows_wifi(self) -> bool:
        """Whether the join slide in two steps (Wi-Fi, then link) is up."""
        return self.stage.current() is self.stage.wifi_join

    def wifi(self) -> RoomWifi | None:
        return self.stage.wifi()

    def set_wifi(self, wifi: RoomWifi | None) -> None:
        """Show ``wifi`` on the join slide (``None``: the join link alone). Raises
        :class:`ValueError` if phones could not join it as given."""
        if wifi is not None:
            wifi_qr_payload(wifi)
        self.stage.set_wifi(wifi)

    def projection(self) -> Item | None:
        """The confession the room sees (``None`` when another slide is up)."""
        projection = self.stage.state.projection
        if self.is_idle() or projection is None:
            return None
        return self._mirror.items.get(projection.confession_id)

    def place(self, preferred_screen: str | None = None) -> None:
        """Show the window: full screen on the projector screen, or as a window.

        Keeps following screens being plugged in and out until the window closes.
        ``preferred_screen`` is a remembered :attr:`ScreenId.key`.
        """
        if self._placement is None:
            self._placement = ProjectorPlacement(self, preferred_screen, parent=self)
            self._placement.placement_changed.connect(self.placement_changed)
            self._placement.place()
        else:
            self._placement.set_preferred(preferred_screen)

    @property
    def placement(self) -> ProjectorPlacement | None:
        return self._placement

    def allow_close(self) -> None:
        """Let the next ``close()`` through (the app calls this at shutdown)."""
        self._closing_allowed = True

    # Qt

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_allowed:
            if self._placement is not None:
                self._placement.stop()
                self._placement = None
            event.accept()
        else:
            event.ignore()
            self.close_refused.emit()

    # Following the mirror

    def _logo_arrived(self, version: str) -> None:
        shown = self.stage.state.logo
        if shown is not None and shown.version == version:
            self._show(self.stage.state)

    def _on_reset(self) -> None:
        self._show(self._mirror.projector or PLACEHOLDER)

    def _show(self, state: ProjectorState) -> None:
        logo = None
        if state.logo is not None:
            self.logos.want(state.logo.version)
            logo = self.logos.image(state.logo.version)
        self.stage.show_state(state, logo)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, self.stage.current().background())
        self.setPalette(palette)
