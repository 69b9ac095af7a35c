"""The "Phones can't connect?" panel: what the facilitator can see, try and ask, at once.

Three parts, top to bottom:

1. **Phones connected**, live: phones on other devices (the laptop's own browser does
   not count; a rehearsal's simulated phones do, and the panel says so while one runs).
2. **Scan the QR code with your own phone now**: the step turns green when the host
   sees a device other than the laptop open the phone page (``host.phone_page_seen``):
   the way in works.
3. **What this laptop can check** (its addresses, whether the address changed this
   session, on Windows how the network is classed by its firewall) and **what it cannot
   see** (client isolation, the same Wi-Fi, mobile data), with the Wi-Fi QR and the
   sheet for IT one click away.

The words are in ``facilitator/join/network_checks.py``. The laptop's interfaces and
the Windows check are injectable (tests pass fakes); the Windows check runs in a
thread (PowerShell takes a second) and is only made on Windows. Shown beside the
console, not modal (``show()``, never ``exec()``).
"""

from __future__ import annotations

import concurrent.futures
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator.join.addresses import local_ipv4_interfaces
from facilitator.join.network_checks import (
    ADVICE,
    Check,
    Level,
    address_change_check,
    address_checks,
)
from facilitator.join.windows_firewall import firewall_check, network_profile
from facilitator.ui.console_style import ACCENT, CARD, DANGER, LINE, MUTED, NOTICE_INK, PAGE
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.qr_widget import QrWidget
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button

Interfaces = Callable[[], Sequence[tuple[str, str]]]
FirewallCheck = Callable[[str], Check]  # the join link's address → what Windows makes of it

TITLE = QT_TRANSLATE_NOOP("ConnectHelp", "Phones can't connect?")
QR_SIDE = 120
POLL_MS = 100
SCAN_STEP = QT_TRANSLATE_NOOP("ConnectHelp", "Scan the QR code with your own phone now")
SCAN_WAITING = QT_TRANSLATE_NOOP(
    "ConnectHelp",
    "Waiting for a phone to open the join link… Use your phone as a guest would: on the "
    "room's Wi-Fi, mobile data off. This laptop's own browser does not count.",
)
SCAN_DONE = QT_TRANSLATE_NOOP(
    "ConnectHelp", "A phone opened the join page: phones can reach this laptop."
)
FIREWALL_READING = QT_TRANSLATE_NOOP("ConnectHelp", "Asking Windows how it treats this network…")
MARKS = {Level.OK: "✓", Level.NOTE: "!", Level.PROBLEM: "✗"}
GREEN = "#dcefe9"

STYLE = f"""
QDialog#connectHelp, QWidget#connectBody {{ background: {PAGE}; }}
QFrame#helpCard {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 10px; }}
QFrame#helpCard QLabel {{ background: transparent; }}
QFrame#helpCard[done="true"] {{ background: {GREEN}; border: 2px solid {ACCENT}; }}
QLabel#helpHeading {{ font-size: 15px; font-weight: 700; }}
QLabel#joinUrl {{ font-size: 17px; font-weight: 700; }}
QLabel#phonesNumber {{ color: {ACCENT}; font-size: 34px; font-weight: 700; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#mark_ok {{ color: {ACCENT}; font-weight: 700; font-size: 15px; }}
QLabel#mark_note {{ color: {NOTICE_INK}; font-weight: 700; font-size: 15px; }}
QLabel#mark_problem {{ color: {DANGER}; font-weight: 700; font-size: 15px; }}
QLabel#adviceTitle {{ font-weight: 600; }}
"""


def windows_firewall(platform: str = sys.platform) -> FirewallCheck | None:
    """The Windows check on Windows; elsewhere there is none to make."""
    if platform != "win32":
        return None
    return lambda ip: firewall_check(network_profile(ip))


def phones_text(phones: int) -> str:
    return translate("ConnectHelp", "phones connected", None, phones)


def phones_note(rehearsal_phones: int) -> str:
    """Who the count is: said plainly, rehearsal included."""
    note = translate(
        "ConnectHelp", "Phones on other devices, live. This laptop's own browser is not counted."
    )
    if rehearsal_phones:
        note += translate(
            "ConnectHelp",
            " A rehearsal runs: its %n simulated phones are counted too.",
            None,
            rehearsal_phones,
        )
        note += translate("ConnectHelp", " Stop it to see real phones alone.")
    return note


def _card(heading: str = "") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("helpCard")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 12)
    layout.setSpacing(6)
    if heading:
        layout.addWidget(plain_label(heading, "helpHeading"))
    return frame, layout


def _wrapped(text: str = "", name: str = "") -> QLabel:
    label = plain_label(text, name)
    label.setWordWrap(True)
    return label


class CheckRow(QWidget):
    """A mark (✓, ! or ✗) and a sentence."""

    def __init__(self, check: Check) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.check = check
        mark = plain_label(MARKS[check.level], f"mark_{check.level.value}")
        mark.setFixedWidth(16)
        mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        row.addWidget(mark)
        self.label = _wrapped(check.text)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.label, 1)


class ConnectHelpDialog(QDialog):
    """``wifi_requested`` and ``sheet_requested``: open the Wi-Fi dialog or the sheet for IT."""

    wifi_requested = Signal()
    sheet_requested = Signal()

    def __init__(
        self,
        mirror: SessionMirror,
        parent: QWidget | None = None,
        *,
        interfaces: Interfaces = local_ipv4_interfaces,
        firewall: FirewallCheck | None = None,
    ) -> None:
        super().__init__(parent)
        self._mirror = mirror
        self._interfaces = interfaces
        self._firewall = firewall
        self._firewall_result: Check | None = None
        self._firewall_future: concurrent.futures.Future[Check] | None = None
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._firewall_timer = QTimer(self)
        self._firewall_timer.setInterval(POLL_MS)
        self._firewall_timer.timeout.connect(self._collect_firewall)
        self.setObjectName("connectHelp")
        self.setWindowTitle(translate("ConnectHelp", TITLE))
        self.setStyleSheet(STYLE)
        self.resize(720, 680)
        self._build()
        for signal in (mirror.phones_changed, mirror.host_changed, mirror.join_changed):
            signal.connect(self.refresh)
        mirror.reset.connect(self.refresh)
        self.finished.connect(self._stop_firewall)
        self.check_again()

    # Building

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("connectBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 14, 16, 6)
        layout.setSpacing(10)
        layout.addWidget(self._build_phones())
        layout.addWidget(self._build_scan_step())
        layout.addWidget(self._build_checks())
        layout.addWidget(self._build_advice())
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(16, 0, 16, 0)
        self.wifi_button = push_button(
            self.tr("Wi-Fi for phones…"),
            "",
            self.tr("The network phones join: its QR code on the join slide"),
        )
        self.sheet_button = push_button(
            self.tr("Sheet for IT…"),
            "",
            self.tr("A page for the venue's IT: address, port, isolation off"),
        )
        self.close_button = push_button(self.tr("Close"))
        buttons.addWidget(self.wifi_button)
        buttons.addWidget(self.sheet_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.wifi_button.clicked.connect(self.wifi_requested)
        self.sheet_button.clicked.connect(self.sheet_requested)
        self.close_button.clicked.connect(self.accept)

    def _build_phones(self) -> QFrame:
        frame, layout = _card()
        row = QHBoxLayout()
        row.setSpacing(12)
        self.phones_number = plain_label(name="phonesNumber")
        row.addWidget(self.phones_number, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.phones_caption = plain_label(name="adviceTitle")
        words.addWidget(self.phones_caption)
        self.phones_note = _wrapped(name="muted")
        words.addWidget(self.phones_note)
        row.addLayout(words, 1)
        layout.addLayout(row)
        return frame

    def _build_scan_step(self) -> QFrame:
        self.scan_step, layout = _card()
        row = QHBoxLayout()
        row.setSpacing(14)
        self.qr = QrWidget()
        self.qr.setFixedSize(QR_SIDE, QR_SIDE)
        row.addWidget(self.qr)
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(plain_label("1. " + translate("ConnectHelp", SCAN_STEP), "helpHeading"))
        self.join_url = plain_label(name="joinUrl", selectable=True)
        text.addWidget(self.join_url)
        self.scan_state = _wrapped()
        text.addWidget(self.scan_state)
        text.addStretch(1)
        row.addLayout(text, 1)
        layout.addLayout(row)
        return self.scan_step

    def _build_checks(self) -> QFrame:
        frame, layout = _card(self.tr("2. What this laptop can check"))
        self._checks_layout = QVBoxLayout()
        self._checks_layout.setSpacing(6)
        layout.addLayout(self._checks_layout)
        self.check_again_button = push_button(
            self.tr("Check again"),
            "",
            self.tr("Read this laptop's addresses again (and Windows' network profile)"),
        )
        self.check_again_button.clicked.connect(self.check_again)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.check_again_button)
        layout.addLayout(row)
        self.check_rows: list[CheckRow] = []
        return frame

    def _build_advice(self) -> QFrame:
        frame, layout = _card(self.tr("3. What the laptop cannot see"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        for row, (title, text) in enumerate(ADVICE):
            heading = _wrapped(title, "adviceTitle")
            heading.setFixedWidth(150)
            grid.addWidget(heading, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_wrapped(text), row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        return frame

    # Following

    def refresh(self, *_: object) -> None:
        """Show the mirror as it is now: the count, the step, the checks."""
        mirror = self._mirror
        host = mirror.host
        self.phones_number.setText(str(mirror.phones_connected))
        self.phones_caption.setText(phones_text(mirror.phones_connected))
        self.phones_note.setText(phones_note(host.rehearsal_phones))
        done = host.phone_page_seen
        self.scan_step.setProperty("done", done)
        self.scan_step.style().unpolish(self.scan_step)
        self.scan_step.style().polish(self.scan_step)
        self.scan_state.setText(
            ("✓ " + translate("ConnectHelp", SCAN_DONE))
            if done
            else translate("ConnectHelp", SCAN_WAITING)
        )
        if mirror.join is not None:
            self.join_url.setText(mirror.join.join_url)
            self.qr.set_url(mirror.join.join_url)
        self._show_checks()

    def step_done(self) -> bool:
        return bool(self.scan_step.property("done"))

    def checks(self) -> list[Check]:
        return [row.check for row in self.check_rows]

    def check_again(self) -> None:
        """Read the laptop's addresses again; on Windows, ask for its network profile."""
        join = self._mirror.join
        if self._firewall is not None and join is not None and self._firewall_future is None:
            self._firewall_result = Check(Level.NOTE, translate("ConnectHelp", FIREWALL_READING))
            if self._executor is None:
                self._executor = concurrent.futures.ThreadPoolExecutor(1, "windows-firewall")
            self._firewall_future = self._executor.submit(self._firewall, join.host_ip)
            self._firewall_timer.start()
        self.refresh()

    def _show_checks(self) -> None:
        join = self._mirror.join
        checks: list[Check] = []
        if join is not None:
            checks += address_checks(list(self._interfaces()), join)
            checks.append(address_change_check(self._mirror.host, join))
        if self._firewall_result is not None:
            checks.append(self._firewall_result)
        if checks == self.checks():
            return
        for row in self.check_rows:
            self._checks_layout.removeWidget(row)
            row.deleteLater()
        self.check_rows = [CheckRow(check) for check in checks]
        for row in self.check_rows:
            self._checks_layout.addWidget(row)

    def _collect_firewall(self) -> None:
        future = self._firewall_future
        if future is None or not future.done():
            return
        self._firewall_timer.stop()
        self._firewall_future = None
        try:
            self._firewall_result = future.result()
        except Exception:  # the check says "unknown" itself; this is a bug's last resort
            self._firewall_result = firewall_check(None)
        self._show_checks()

    def _stop_firewall(self) -> None:
        self._firewall_timer.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        self._firewall_future = None
