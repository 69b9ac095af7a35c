"""The big screen: what the room sees.

One confession at a time in large plain text, the "what I learned" line below
it, what helped (its approved replies from the room, smaller, each with how many
it helped too; "+N more" when not all fit) and the live agreement count; between
confessions a calm screen with the session's title, prompt and how to join. When
the facilitator named the Wi-Fi phones join, that screen is the *join slide* in
two steps: "1. Join the Wi-Fi" with its QR code, "2. Open" the join link with the
join QR code, both sized against the screen's height. Every text is plain text:
nothing a participant writes is ever interpreted as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpacerItem,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from facilitator.join.wifi import QR_ENCODING, RoomWifi, wifi_qr_payload
from facilitator.protocol.moderator import Item, SessionDetails
from facilitator.ui.fit_notes import Note, NotedFitText
from facilitator.ui.fit_text import FitText
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.qr_widget import QrWidget
from facilitator.ui.replies import HELPED_HEADING, ApprovedReplies, helped_caption
from facilitator.ui.screens import ProjectorPlacement

BACKGROUND = QColor("#0f1317")
TEXT = QColor("#f5f1e8")
MUTED = QColor("#9aa4af")
ACCENT = QColor("#ffc857")


_NO_SESSION_YET = SessionDetails(0, "Confessional", "", "", "open", "", 0)

# The join slide with a Wi-Fi, in fractions of the window's height (its width for
# the gap): both codes alike, as big as the title and the two steps leave room for.
WIFI_QR = 0.48
WIFI_STEP_GAP = 0.06
WIFI_CAPTION = 0.034
WIFI_VALUE = 0.05  # the network's name and the link, at most
WIFI_VALUE_ROOM = 0.075  # their height: one line
WIFI_VALUE_ROOM_WITH_PASSWORD = 0.125  # the name, and the password under it

# What helped (approved replies) under the confession, in fractions of the height: always
# smaller than the confession and its lesson.
REPLY_MIN = 0.019
REPLY_MAX = 0.034


def count_caption(agree_label: str, count: int) -> str:
    return f"{agree_label} · {count}"


def _prompt_scale(prompt: str) -> float:
    """The idle screen's prompt in pixels per screen height: smaller when it is long."""
    if len(prompt) <= 80:
        return 0.05
    if len(prompt) <= 160:
        return 0.04
    return 0.032


def _plain_label(color: QColor, weight: QFont.Weight = QFont.Weight.Normal) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)
    font = label.font()
    font.setWeight(weight)
    label.setFont(font)
    return label


def _set_pixel_size(widget: QWidget, pixels: int) -> None:
    font = widget.font()
    font.setPixelSize(max(1, pixels))
    widget.setFont(font)


class ProjectorWindow(QWidget):
    """Shows what ``mirror`` says is projected, and follows it.

    Place it with :class:`facilitator.ui.screens.ProjectorPlacement`. It refuses
    to close (a stray Alt+F4 on the projector) until :meth:`allow_close`.
    """

    close_refused = Signal()
    placement_changed = Signal(str)  # where the window is, for the console's status bar

    def __init__(self, mirror: SessionMirror, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mirror = mirror
        self._placement: ProjectorPlacement | None = None
        self._closing_allowed = False
        self.setWindowTitle("Confessional — Projector")
        # The facilitator's keyboard stays with the console when this window appears.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("projector")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, BACKGROUND)
        palette.setColor(QPalette.ColorRole.WindowText, TEXT)
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.resize(960, 540)

        self._wifi: RoomWifi | None = None
        self._step_layouts: list[QVBoxLayout] = []
        self._stack = QStackedLayout(self)
        self._idle_page = self._build_idle_page()
        self._wifi_page = self._build_wifi_page()
        self._showing_page = self._build_showing_page()
        for page in (self._idle_page, self._wifi_page, self._showing_page):
            # Sizes follow the window's, never the other way round: the fixed sizes of
            # a bigger screen must not keep the window from shrinking onto a smaller one.
            page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            self._stack.addWidget(page)

        for signal in (
            mirror.reset,
            mirror.projection_changed,
            mirror.session_changed,
            mirror.session_ended,
            mirror.join_changed,
        ):
            signal.connect(self._refresh)
        mirror.count_changed.connect(self._on_count)
        self._replies = ApprovedReplies(mirror, self)
        self._replies.changed.connect(self._refresh_replies)
        self._refresh()

    # Building

    def _build_idle_page(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        column = QVBoxLayout()
        self.idle_title = _plain_label(TEXT, QFont.Weight.Bold)
        self.idle_title.setWordWrap(True)
        self.idle_prompt = _plain_label(TEXT)
        self.idle_prompt.setWordWrap(True)
        self.join_caption = _plain_label(MUTED)
        self.join_caption.setText("Join on your phone")
        self.join_label = _plain_label(ACCENT, QFont.Weight.DemiBold)
        self.join_label.setWordWrap(True)
        column.addStretch(1)
        column.addWidget(self.idle_title)
        self._title_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        column.addSpacerItem(self._title_gap)
        column.addWidget(self.idle_prompt)
        self._join_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        column.addSpacerItem(self._join_gap)
        column.addWidget(self.join_caption)
        column.addWidget(self.join_label)
        column.addStretch(1)
        self._idle_column = column
        row.addLayout(column, 3)
        self.qr = QrWidget()
        self.qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        self._idle_row = row
        return page

    def _build_wifi_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.wifi_heading = FitText(weight=QFont.Weight.Bold, vertical=Qt.AlignmentFlag.AlignBottom)
        column.addWidget(self.wifi_heading, 1)
        steps = QHBoxLayout()
        steps.setSpacing(0)
        steps.addStretch(1)
        self.wifi_step, self.wifi_caption, self.wifi_name_label, self.wifi_qr = self._step(
            "1. Join the Wi-Fi"
        )
        self.open_step, self.open_caption, self.open_label, self.open_qr = self._step("2. Open")
        steps.addWidget(self.wifi_step)
        self._step_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        steps.addSpacerItem(self._step_gap)
        steps.addWidget(self.open_step)
        steps.addStretch(1)
        column.addLayout(steps)
        self._wifi_column = column
        return page

    def _step(self, caption_text: str) -> tuple[QWidget, QLabel, FitText, QrWidget]:
        """One step of the join slide: a caption, a name or link in large type, a QR code."""
        step = QWidget()
        layout = QVBoxLayout(step)
        layout.setContentsMargins(0, 0, 0, 0)
        self._step_layouts.append(layout)
        caption = _plain_label(MUTED)
        caption.setText(caption_text)
        caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        value = FitText(weight=QFont.Weight.DemiBold)
        palette = value.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ACCENT)
        value.setPalette(palette)
        qr = QrWidget()
        qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addWidget(caption)
        layout.addWidget(value)
        layout.addStretch(1)  # the codes line up when one step has a line more
        layout.addWidget(qr, 0, Qt.AlignmentFlag.AlignHCenter)
        return step, caption, value, qr

    def _build_showing_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        header = QHBoxLayout()
        self.header_title = _plain_label(MUTED)
        self.header_join = _plain_label(MUTED)
        self.header_join.setAlignment(Qt.AlignmentFlag.AlignRight)
        header.addWidget(self.header_title, 1)
        header.addWidget(self.header_join, 0)
        # The confession, its lesson and what helped (approved replies), fitted together.
        self.confession_label = NotedFitText(max_px=96, min_px=20, weight=QFont.Weight.Medium)
        self.count_label = _plain_label(ACCENT, QFont.Weight.Bold)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        column.addLayout(header)
        column.addWidget(self.confession_label, 1)
        column.addWidget(self.count_label)
        self._showing_column = column
        return page

    # Public

    def is_idle(self) -> bool:
        """Nothing projected: the title and how to join (with the Wi-Fi or without)."""
        return self._stack.currentWidget() in (self._idle_page, self._wifi_page)

    def shows_wifi(self) -> bool:
        """Whether the join slide in two steps (Wi-Fi, then link) is up."""
        return self._stack.currentWidget() is self._wifi_page

    def wifi(self) -> RoomWifi | None:
        return self._wifi

    def set_wifi(self, wifi: RoomWifi | None) -> None:
        """Show ``wifi`` on the join slide (``None``: the join link alone). Raises
        :class:`ValueError` if phones could not join it as given."""
        if wifi is not None:
            wifi_qr_payload(wifi)
        self._wifi = wifi
        self._refresh()

    def projection(self) -> Item | None:
        """What the room sees (``None`` between confessions and after the end)."""
        session = self._mirror.session
        if session is None or not session.is_open:
            return None
        return self._mirror.projection()

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()

    # Following the session

    def _on_count(self, item_id: int, count: int) -> None:
        session, projection = self._mirror.session, self.projection()
        if session is not None and projection is not None and projection.id == item_id:
            self.count_label.setText(count_caption(session.agree_label, count))

    # Drawing

    def _refresh(self) -> None:
        session = self._mirror.session or _NO_SESSION_YET
        ended = not session.is_open
        join = self._mirror.join
        join_url = join.join_url if join is not None else ""  # never the moderator's link
        projection = self.projection()
        wifi = self._wifi
        if projection is None and wifi is not None and join_url and not ended:
            self._show_wifi_page(session, wifi, join_url)
        elif projection is None:
            self.idle_title.setText(session.title)
            if ended:
                self.idle_prompt.setText("Thank you for your honesty. This session has ended.")
            else:
                self.idle_prompt.setText(session.prompt)
            self.join_label.setText(join_url)
            self.qr.set_url(join_url)
            joinable = not ended and bool(join_url)
            self.join_caption.setVisible(joinable)
            self.join_label.setVisible(joinable)
            self.qr.setVisible(joinable)
            self._stack.setCurrentWidget(self._idle_page)
        else:
            self.header_title.setText(session.title)
            joining = f"Join: {join_url}" if join_url else ""
            if wifi is not None and joining:
                joining = f"Wi-Fi: {wifi.ssid} · {joining}"
            self.header_join.setText(joining)
            self.confession_label.setText(projection.text)
            learned = f"What I learned: {projection.learned}" if projection.learned else ""
            self.confession_label.set_secondary_text(learned)
            self._refresh_replies()
            self.count_label.setText(count_caption(session.agree_label, projection.agreement_count))
            self._stack.setCurrentWidget(self._showing_page)
        self._apply_sizes()

    def _refresh_replies(self) -> None:
        """What helped, under the confession on screen: its approved replies and counts."""
        projection = self.projection()
        replies = self._replies.of(None if projection is None else projection.id)
        notes = [Note(reply.text, helped_caption(reply.agreement_count)) for reply in replies]
        self.confession_label.set_notes(HELPED_HEADING, notes)

    def _show_wifi_page(self, session: SessionDetails, wifi: RoomWifi, join_url: str) -> None:
        self.wifi_heading.setText(session.title)
        self.wifi_heading.set_secondary_text(session.prompt)
        self.wifi_name_label.setText(wifi.ssid)
        spelled = wifi.show_password and bool(wifi.password)
        self.wifi_name_label.set_secondary_text(f"Password: {wifi.password}" if spelled else "")
        self.wifi_qr.set_data(
            wifi_qr_payload(wifi), f"QR code to join the Wi-Fi {wifi.ssid}", encoding=QR_ENCODING
        )
        self.open_label.setText(join_url)
        self.open_qr.set_url(join_url)
        self._stack.setCurrentWidget(self._wifi_page)

    def _apply_sizes(self) -> None:
        """Scale every font to the window, so the room sees the same at any resolution."""
        height = max(1, self.height())
        width = max(1, self.width())
        margin_x, margin_y = round(width * 0.06), round(height * 0.06)
        for layout in (self._idle_row, self._showing_column):
            layout.setContentsMargins(margin_x, margin_y, margin_x, margin_y)
        self._idle_row.setSpacing(round(width * 0.05))
        self._idle_column.setSpacing(round(height * 0.012))
        self._showing_column.setSpacing(round(height * 0.03))
        _set_pixel_size(self.idle_title, round(height * 0.075))
        prompt = self._mirror.session.prompt if self._mirror.session is not None else ""
        _set_pixel_size(self.idle_prompt, round(height * _prompt_scale(prompt)))
        self._title_gap.changeSize(0, round(height * 0.03))
        self._join_gap.changeSize(0, round(height * 0.07))
        self._idle_column.invalidate()
        _set_pixel_size(self.join_caption, round(height * 0.03))
        _set_pixel_size(self.join_label, round(height * 0.048))
        side = round(min(height * 0.62, width * 0.4))
        self.qr.setFixedSize(side, side)
        _set_pixel_size(self.header_title, round(height * 0.024))
        _set_pixel_size(self.header_join, round(height * 0.024))
        self.confession_label.set_pixel_range(round(height * 0.024), round(height * 0.085))
        self.confession_label.set_secondary_style(
            ratio=0.55, min_px=round(height * 0.024), max_px=round(height * 0.045), color=MUTED
        )
        self.confession_label.set_notes_style(
            ratio=0.5,
            min_px=round(height * REPLY_MIN),
            max_px=round(height * REPLY_MAX),
            heading=ACCENT,
            color=TEXT,
            suffix=ACCENT,
        )
        _set_pixel_size(self.count_label, round(height * 0.075))
        # The new fonts take their room now, not a frame later (no text clipped meanwhile).
        self._showing_column.activate()
        self._apply_wifi_sizes(width, height, margin_x, margin_y)

    def _apply_wifi_sizes(self, width: int, height: int, margin_x: int, margin_y: int) -> None:
        """The join slide with a Wi-Fi: two equal codes side by side under the title."""
        self._wifi_column.setContentsMargins(margin_x, margin_y, margin_x, margin_y)
        self._wifi_column.setSpacing(round(height * 0.05))
        gap = round(width * WIFI_STEP_GAP)
        half = (width - 2 * margin_x - gap) // 2
        side = round(min(height * WIFI_QR, half * 0.92))
        step_width = min(half, round(side * 1.5))
        self._step_gap.changeSize(gap, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        spelled = self._wifi is not None and self._wifi.show_password and bool(self._wifi.password)
        for step, caption, value, qr in (
            (self.wifi_step, self.wifi_caption, self.wifi_name_label, self.wifi_qr),
            (self.open_step, self.open_caption, self.open_label, self.open_qr),
        ):
            step.setFixedWidth(step_width)
            _set_pixel_size(caption, round(height * WIFI_CAPTION))
            value.set_pixel_range(round(height * 0.022), round(height * WIFI_VALUE))
            value.set_secondary_style(
                ratio=0.7,
                min_px=round(height * 0.02),
                max_px=round(height * 0.04),
                color=TEXT,
                italic=False,
            )
            # One line for the link, whatever the name's step needs under it.
            two_lines = spelled and value is self.wifi_name_label
            room = WIFI_VALUE_ROOM_WITH_PASSWORD if two_lines else WIFI_VALUE_ROOM
            value.setFixedHeight(round(height * room))
            qr.setFixedSize(side, side)
        for layout in self._step_layouts:
            layout.setSpacing(round(height * 0.012))
        self.wifi_heading.set_pixel_range(round(height * 0.03), round(height * 0.075))
        self.wifi_heading.set_secondary_style(
            ratio=0.62,
            min_px=round(height * 0.018),
            max_px=round(height * 0.05),
            color=TEXT,
            italic=False,
        )
        self._wifi_column.invalidate()
