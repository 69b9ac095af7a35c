"""How phones join: the link, its QR code, the laptop's addresses, the moderator link.

The moderator link is secret: it is only ever copied to the clipboard, never shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout

from facilitator.protocol.commands import UseAddress
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.qr_widget import QrWidget
from facilitator.ui.widgets import plain_label, push_button

QR_MAX = 164


class JoinPanel(QFrame):
    """``message`` carries a sentence for the status bar."""

    message = Signal(str)

    def __init__(self, mirror: SessionMirror, commands: CommandPort, join: JoinLink) -> None:
        super().__init__()
        self._commands = commands
        self._join = join
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(plain_label("PHONES JOIN AT", "caption"))
        self.join_url_label = plain_label(name="joinUrl", selectable=True)
        self.join_url_label.setWordWrap(True)
        layout.addWidget(self.join_url_label)

        qr_row = QHBoxLayout()
        qr_row.setSpacing(10)
        self.qr = QrWidget()
        self.qr.setFixedSize(QR_MAX, QR_MAX)
        qr_row.addWidget(self.qr)
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        self.copy_join_button = push_button("Copy join link")
        self.copy_moderator_button = push_button(
            "Copy moderator link",
            "",
            "A private link to moderate from another device. Do not project or share it.",
        )
        buttons.addStretch(1)
        buttons.addWidget(self.copy_join_button)
        buttons.addWidget(self.copy_moderator_button)
        qr_row.addLayout(buttons, 1)
        layout.addLayout(qr_row)

        self.address_caption = plain_label("Addresses of this laptop", "muted")
        layout.addWidget(self.address_caption)
        self.address_list = QListWidget()
        self.address_list.setObjectName("addresses")
        self.address_list.setMaximumHeight(64)
        layout.addWidget(self.address_list)
        self.use_address_button = push_button(
            "Use selected address", "", "If phones cannot open the link, try another address."
        )
        layout.addWidget(self.use_address_button)

        self.copy_join_button.clicked.connect(self._copy_join_link)
        self.copy_moderator_button.clicked.connect(self._copy_moderator_link)
        self.use_address_button.clicked.connect(self._use_selected_address)
        self.address_list.itemSelectionChanged.connect(self._update_address_button)
        mirror.join_changed.connect(self.set_join_info)
        mirror.reset.connect(lambda: self.set_join_info(mirror.join or self._join))
        self.set_join_info(join)

    def join(self) -> JoinLink:
        return self._join

    def set_join_info(self, join: JoinLink) -> None:
        changed = join.join_url != self._join.join_url
        self._join = join
        if changed:
            self.message.emit(f"Phones now join at {join.join_url}")
        self.join_url_label.setText(join.join_url)
        self.qr.set_url(join.join_url)
        self.address_list.clear()
        for candidate in join.candidates:
            in_use = candidate.ip == join.host_ip
            item = QListWidgetItem(candidate.label + ("  — in use" if in_use else ""))
            item.setData(Qt.ItemDataRole.UserRole, candidate.ip)
            if in_use:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.address_list.addItem(item)
        # A choice only when there is one, and the server listens on the chosen address
        # (it advertises a candidate only when bound to every interface).
        ips = [candidate.ip for candidate in join.candidates]
        choice = len(ips) > 1 and join.host_ip in ips
        self.address_caption.setVisible(choice)
        self.address_list.setVisible(choice)
        self.use_address_button.setVisible(choice)
        self._update_address_button()

    def fit_width(self, width: int) -> None:
        """Size the QR code for a panel ``width`` pixels wide (the buttons sit beside it)."""
        side = min(QR_MAX, width - 156)
        self.qr.setFixedSize(side, side)

    def _update_address_button(self) -> None:
        items = self.address_list.selectedItems()
        chosen = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        self.use_address_button.setEnabled(chosen is not None and chosen != self._join.host_ip)

    def _use_selected_address(self) -> None:
        items = self.address_list.selectedItems()
        if not items:
            return
        ip = str(items[0].data(Qt.ItemDataRole.UserRole))
        # The host owns the link: the QR codes, the projector and mDNS follow its answer.
        self._commands.send(UseAddress(ip), lambda code, text: self.message.emit(text))

    def _copy_join_link(self) -> None:
        QGuiApplication.clipboard().setText(self._join.join_url)
        self.message.emit("Join link copied.")

    def _copy_moderator_link(self) -> None:
        QGuiApplication.clipboard().setText(self._join.moderator_url)
        self.message.emit(
            "Moderator link copied. Open it on a device you trust; never project or share it."
        )
