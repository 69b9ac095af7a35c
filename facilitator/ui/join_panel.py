"""How phones join: the link, its QR code, the laptop's addresses, the moderator link.

The moderator link is secret: it is only ever copied to the clipboard, never shown.

The panel keeps to its column at 1024x768: the QR code is as wide as the buttons beside
it leave (:meth:`JoinPanel.fit_width`) and gives way in height when the column is short
(it is drawn square in whatever it gets), and the list of addresses is as tall as its
rows, under a caption that shares its line with the button that uses one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
)

from facilitator.protocol.commands import UseAddress
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.qr_widget import QrWidget
from facilitator.ui.widgets import plain_label, push_button

QR_MAX = 164
QR_MIN = 56  # the least height the code keeps when the column is short
BUTTONS_WIDTH = 156  # the copy buttons and the gap before them
ADDRESS_ROWS = 3  # rows of the address list in view (more: it scrolls)


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
        layout.addWidget(plain_label(self.tr("PHONES JOIN AT"), "caption"))
        self.join_url_label = plain_label(name="joinUrl", selectable=True)
        self.join_url_label.setWordWrap(True)
        layout.addWidget(self.join_url_label)

        qr_row = QHBoxLayout()
        qr_row.setSpacing(10)
        self.qr = QrWidget()
        self.qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self._size_qr(QR_MAX)
        qr_row.addWidget(self.qr)
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        self.copy_join_button = push_button(self.tr("Copy join link"))
        self.copy_moderator_button = push_button(
            self.tr("Copy moderator link"),
            "",
            self.tr("A private link to moderate from another device. Do not project or share it."),
        )
        buttons.addStretch(1)
        buttons.addWidget(self.copy_join_button)
        buttons.addWidget(self.copy_moderator_button)
        qr_row.addLayout(buttons, 1)
        layout.addLayout(qr_row)

        address_row = QHBoxLayout()
        address_row.setSpacing(8)
        self.address_caption = plain_label(self.tr("Addresses of this laptop"), "muted")
        self.address_caption.setWordWrap(True)
        address_row.addWidget(self.address_caption, 1)
        self.use_address_button = push_button(
            self.tr("Use selected"),
            "",
            self.tr(
                "Put the selected address in the join link and the QR codes. If phones cannot "
                "open the link, try another address."
            ),
            elide=True,
        )
        address_row.addWidget(self.use_address_button)
        layout.addLayout(address_row)
        self.address_list = QListWidget()
        self.address_list.setObjectName("addresses")
        layout.addWidget(self.address_list)

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
            self.message.emit(self.tr("Phones now join at {url}").format(url=join.join_url))
        self.join_url_label.setText(join.join_url)
        self.qr.set_url(join.join_url)
        self.address_list.clear()
        for candidate in join.candidates:
            in_use = candidate.ip == join.host_ip
            item = QListWidgetItem(candidate.label + (self.tr("  — in use") if in_use else ""))
            item.setData(Qt.ItemDataRole.UserRole, candidate.ip)
            if in_use:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.address_list.addItem(item)
        # A choice only when there is one, and the server listens on the chosen address
        # (it advertises a candidate only when bound to every interface).
        self._fit_address_list()
        ips = [candidate.ip for candidate in join.candidates]
        choice = len(ips) > 1 and join.host_ip in ips
        self.address_caption.setVisible(choice)
        self.address_list.setVisible(choice)
        self.use_address_button.setVisible(choice)
        self._update_address_button()

    def fit_width(self, width: int) -> None:
        """Size the QR code for a panel ``width`` pixels wide (the buttons sit beside it)."""
        self._size_qr(min(QR_MAX, width - BUTTONS_WIDTH))

    def _size_qr(self, side: int) -> None:
        """``side`` wide, up to ``side`` tall, down to :data:`QR_MIN` in a short column."""
        self.qr.setFixedWidth(side)
        self.qr.setMinimumHeight(min(side, QR_MIN))
        self.qr.setMaximumHeight(side)

    def _fit_address_list(self) -> None:
        """As tall as its rows (up to :data:`ADDRESS_ROWS`), not a fixed box."""
        rows = max(1, min(ADDRESS_ROWS, self.address_list.count()))
        row = self.address_list.sizeHintForRow(0) if self.address_list.count() else 18
        frame = 2 * self.address_list.frameWidth()
        self.address_list.setFixedHeight(rows * max(row, 1) + frame + 6)

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
        self.message.emit(self.tr("Join link copied."))

    def _copy_moderator_link(self) -> None:
        QGuiApplication.clipboard().setText(self._join.moderator_url)
        self.message.emit(
            self.tr(
                "Moderator link copied. Open it on a device you trust; never project or share it."
            )
        )
