"""The join slide when the facilitator named the room's Wi-Fi: two steps side by side,
"1. Join the Wi-Fi" with its QR code and "2. Open" the join link with the join QR code,
both codes alike and sized against the screen's height, under the session's title and
prompt, and the organiser's logo at the top right as on the join slide (the title kept
clear of it on both sides, so that it stays centred). (The venue's network is the
facilitator's, not the session's: it comes from
:meth:`facilitator.ui.projector.ProjectorWindow.set_wifi`, not from the state.)"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.join.wifi import QR_ENCODING, RoomWifi, wifi_qr_payload
from facilitator.ui.fit_text import FitText
from facilitator.ui.qr_widget import QrWidget
from facilitator.ui.slides import layout, strings
from facilitator.ui.slides.parts import Slide, paint_colour

# In fractions of the window's height (its width for the gap): both codes alike, as big
# as the title and the two steps leave room for.
WIFI_QR = 0.48
WIFI_STEP_GAP = 0.06
WIFI_CAPTION = 0.034
WIFI_VALUE = 0.05  # the network's name and the link, at most
WIFI_VALUE_ROOM = 0.075  # their height: one line
WIFI_VALUE_ROOM_WITH_PASSWORD = 0.125  # the name, and the password under it


def _caption() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return label


def _fixed_gap() -> QSpacerItem:
    return QSpacerItem(0, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)


def _set_pixel_size(widget: QWidget, pixels: int) -> None:
    font = widget.font()
    font.setPixelSize(max(1, pixels))
    widget.setFont(font)


class WifiJoinSlide(Slide):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wifi: RoomWifi | None = None
        self._step_layouts: list[QVBoxLayout] = []
        column = QVBoxLayout(self)
        self.heading = FitText(weight=QFont.Weight.Bold, vertical=Qt.AlignmentFlag.AlignBottom)
        self.named_text("title", self.heading)
        heading_row = QHBoxLayout()
        heading_row.setSpacing(0)
        self._beside_heading = (_fixed_gap(), _fixed_gap())  # room for the logo, both sides
        heading_row.addSpacerItem(self._beside_heading[0])
        heading_row.addWidget(self.heading, 1)
        heading_row.addSpacerItem(self._beside_heading[1])
        column.addLayout(heading_row, 1)
        steps = QHBoxLayout()
        steps.setSpacing(0)
        steps.addStretch(1)
        self.wifi_step, self.wifi_caption, self.wifi_name, self.wifi_qr = self._step()
        self.open_step, self.open_caption, self.open_label, self.open_qr = self._step()
        self.named_text("wifi", self.wifi_name)
        self.named_text("link", self.open_label)
        steps.addWidget(self.wifi_step)
        self._step_gap = _fixed_gap()
        steps.addSpacerItem(self._step_gap)
        steps.addWidget(self.open_step)
        steps.addStretch(1)
        column.addLayout(steps)
        self._column = column

    def _step(self) -> tuple[QWidget, QLabel, FitText, QrWidget]:
        """One step: a caption, a name or link in large type, a QR code."""
        step = QWidget()
        step_layout = QVBoxLayout(step)
        step_layout.setContentsMargins(0, 0, 0, 0)
        self._step_layouts.append(step_layout)
        caption = _caption()
        value = FitText(weight=QFont.Weight.DemiBold)
        qr = QrWidget()
        qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        step_layout.addWidget(caption)
        step_layout.addWidget(value)
        step_layout.addStretch(1)  # the codes line up when one step has a line more
        step_layout.addWidget(qr, 0, Qt.AlignmentFlag.AlignHCenter)
        return step, caption, value, qr

    def set_wifi(self, wifi: RoomWifi | None) -> None:
        self.wifi = wifi
        self.fill()
        self.relayout()

    def fill(self) -> None:
        state, words, colours = self.state, self.strings, self.colours
        self.heading.setText(words.own(state.title, strings.DEFAULT_TITLE))
        self.heading.set_secondary_text(words.own(state.prompt, strings.DEFAULT_PROMPT))
        for caption, text in (
            (self.wifi_caption, strings.JOIN_WIFI),
            (self.open_caption, strings.OPEN_LINK),
        ):
            caption.setText(words.tr(text))
            paint_colour(caption, colours.muted)
        paint_colour(self.heading, colours.text)
        for value in (self.wifi_name, self.open_label):
            paint_colour(value, colours.accent)
        for qr in (self.wifi_qr, self.open_qr):
            qr.set_frame(colours.accent, qr.frame_width())
        wifi = self.wifi
        if wifi is not None:
            self.wifi_name.setText(wifi.ssid)
            spelled = wifi.show_password and bool(wifi.password)
            password = words.tr(strings.PASSWORD).format(password=wifi.password)
            self.wifi_name.set_secondary_text(password if spelled else "")
            self.wifi_qr.set_data(
                wifi_qr_payload(wifi),
                words.tr(strings.WIFI_QR).format(ssid=wifi.ssid),
                encoding=QR_ENCODING,
            )
        self.open_label.setText(state.join_url)
        self.open_qr.set_data(state.join_url, words.tr(strings.SCAN))

    def relayout(self) -> None:
        """Two equal codes side by side under the title, everything against the height."""
        width, height = max(1, self.width()), max(1, self.height())
        margin_x, margin_y = round(width * 0.06), round(height * 0.06)
        self._column.setContentsMargins(margin_x, margin_y, margin_x, margin_y)
        self._column.setSpacing(round(height * 0.05))
        gap = round(width * WIFI_STEP_GAP)
        half = (width - 2 * margin_x - gap) // 2
        side = round(min(height * WIFI_QR, half * 0.92))
        step_width = min(half, round(side * 1.5))
        self._step_gap.changeSize(gap, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        mark = self.place_logo(float(width), float(height))
        clear = 0
        if mark is not None:  # the heading's right edge before the logo, less the gap
            clear = max(0, math.ceil(width - margin_x - (mark.outer.x - layout.LOGO_GAP * width)))
        for spacer in self._beside_heading:
            spacer.changeSize(clear, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        wifi = self.wifi
        spelled = wifi is not None and wifi.show_password and bool(wifi.password)
        frame = max(1, round(height * 0.006))
        for step, caption, value, qr in (
            (self.wifi_step, self.wifi_caption, self.wifi_name, self.wifi_qr),
            (self.open_step, self.open_caption, self.open_label, self.open_qr),
        ):
            step.setFixedWidth(step_width)
            _set_pixel_size(caption, round(height * WIFI_CAPTION))
            value.set_pixel_range(round(height * 0.022), round(height * WIFI_VALUE))
            value.set_secondary_style(
                ratio=0.7,
                min_px=round(height * 0.02),
                max_px=round(height * 0.04),
                color=self.colours.text,
                italic=False,
            )
            # One line for the link, whatever the name's step needs under it.
            two_lines = spelled and value is self.wifi_name
            room = WIFI_VALUE_ROOM_WITH_PASSWORD if two_lines else WIFI_VALUE_ROOM
            value.setFixedHeight(round(height * room))
            qr.setFixedSize(side, side)
            qr.set_frame(self.colours.accent, frame)
        for step_layout in self._step_layouts:
            step_layout.setSpacing(round(height * 0.012))
        self.heading.set_pixel_range(round(height * 0.03), round(height * 0.075))
        self.heading.set_secondary_style(
            ratio=0.62,
            min_px=round(height * 0.018),
            max_px=round(height * 0.05),
            color=self.colours.muted,
            italic=False,
        )
        self._column.invalidate()
        # The new sizes take their room now, not a frame later (no text clipped meanwhile).
        self._column.activate()
