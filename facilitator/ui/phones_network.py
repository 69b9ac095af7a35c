"""Getting phones onto the network: three buttons for the console's side panel.

*Wi-Fi for phones…* names the network the room joins (shown on the join slide
with its own QR code); *Sheet for IT…* makes the printable page for the venue's
IT; *Phones can't connect?* opens the panel that counts the phones, asks the
facilitator to scan with their own phone, checks the laptop and advises on the rest
(``facilitator/ui/connect_help.py``). The Wi-Fi is a preference of this laptop:
whoever creates this widget gives it the saved one (:meth:`set_wifi`) and keeps what
``wifi_chosen`` carries (the desktop app saves it in settings.json and shows it on the
projector).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from facilitator.join.addresses import local_ipv4_interfaces
from facilitator.join.wifi import RoomWifi
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.connect_help import (
    TITLE,
    ConnectHelpDialog,
    FirewallCheck,
    Interfaces,
    windows_firewall,
)
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.translations import translate
from facilitator.ui.venue_sheet import VenueSheetDialog
from facilitator.ui.widgets import push_button
from facilitator.ui.wifi_dialog import WifiDialog


class PhonesNetwork(QWidget):
    """``wifi_chosen`` carries the :class:`RoomWifi` the facilitator saved (``None``:
    the slide shows no Wi-Fi); ``message`` a sentence for the status bar."""

    wifi_chosen = Signal(object)
    message = Signal(str)

    def __init__(self, mirror: SessionMirror, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mirror = mirror
        self._wifi: RoomWifi | None = None
        self.wifi_dialog: WifiDialog | None = None
        self.sheet_dialog: VenueSheetDialog | None = None
        self.connect_help: ConnectHelpDialog | None = None
        # What the panel reads of this laptop (tests simulate both).
        self.interfaces: Interfaces = local_ipv4_interfaces
        self.firewall: FirewallCheck | None = windows_firewall()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(8)
        column.addLayout(row)
        self.wifi_button = push_button(
            self.tr("Wi-Fi for phones…"),
            "",
            self.tr("The network phones join: its name and QR code go on the join slide"),
        )
        self.sheet_button = push_button(
            self.tr("Sheet for IT…"),
            "",
            self.tr("A printable page for the venue's IT: address, port, client isolation off"),
        )
        row.addWidget(self.wifi_button, 1)
        row.addWidget(self.sheet_button, 1)
        self.help_button = push_button(
            translate("ConnectHelp", TITLE),
            "",
            self.tr("Phones connected, a test with your own phone, checks and advice"),
        )
        column.addWidget(self.help_button)
        self.wifi_button.clicked.connect(self.open_wifi_dialog)
        self.sheet_button.clicked.connect(self.open_venue_sheet)
        self.help_button.clicked.connect(self.open_connect_help)
        mirror.join_changed.connect(self._on_join)

    def wifi(self) -> RoomWifi | None:
        return self._wifi

    def set_wifi(self, wifi: RoomWifi | None) -> None:
        """The Wi-Fi saved earlier (no signal)."""
        self._wifi = wifi

    def open_wifi_dialog(self) -> None:
        """Enter or change the Wi-Fi, in a dialog that does not block the console."""
        if self.wifi_dialog is not None:
            self.wifi_dialog.raise_()
            return
        dialog = WifiDialog(self._wifi, self.window())
        dialog.chosen.connect(self._on_chosen)
        dialog.finished.connect(self._forget_wifi_dialog)
        self.wifi_dialog = dialog
        dialog.open()

    def open_venue_sheet(self) -> None:
        if self.sheet_dialog is not None:
            self.sheet_dialog.raise_()
            return
        join, session = self._mirror.join, self._mirror.session
        if join is None:
            self.message.emit(self.tr("The join link is not known yet."))
            return
        wifi_name = self._wifi.ssid if self._wifi is not None else ""
        title = session.title if session is not None else ""
        dialog = VenueSheetDialog(join, title, wifi_name, self.window())
        dialog.message.connect(self.message)
        dialog.finished.connect(self._forget_sheet_dialog)
        self.sheet_dialog = dialog
        dialog.open()

    def open_connect_help(self) -> None:
        """The "Phones can't connect?" panel: a window beside the console, not modal (the
        facilitator may pick another address while it shows the phones come in)."""
        if self.connect_help is not None:
            self.connect_help.raise_()
            self.connect_help.check_again()
            return
        dialog = ConnectHelpDialog(
            self._mirror, self.window(), interfaces=self.interfaces, firewall=self.firewall
        )
        dialog.wifi_requested.connect(self.open_wifi_dialog)
        dialog.sheet_requested.connect(self.open_venue_sheet)
        dialog.finished.connect(self._forget_connect_help)
        self.connect_help = dialog
        dialog.show()

    def _on_chosen(self, wifi: RoomWifi | None) -> None:
        self._wifi = wifi
        if wifi is None:
            self.message.emit(self.tr("The join slide shows the join link alone."))
        else:
            self.message.emit(
                self.tr("The join slide shows the Wi-Fi {ssid} and its QR code.").format(
                    ssid=wifi.ssid
                )
            )
        self.wifi_chosen.emit(wifi)

    def _on_join(self, join: JoinLink) -> None:
        if self.sheet_dialog is not None:
            self.sheet_dialog.set_join(join)

    def _forget_wifi_dialog(self) -> None:
        if self.wifi_dialog is not None:
            self.wifi_dialog.deleteLater()
        self.wifi_dialog = None

    def _forget_connect_help(self) -> None:
        if self.connect_help is not None:
            self.connect_help.deleteLater()
        self.connect_help = None

    def _forget_sheet_dialog(self) -> None:
        if self.sheet_dialog is not None:
            self.sheet_dialog.deleteLater()
        self.sheet_dialog = None
