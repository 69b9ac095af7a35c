"""The console's notice that the laptop's address changed mid-session.

The host follows the laptop to its new address (``host/address_follow.py``): the join
link, both QR codes and mDNS change by themselves. What the facilitator must know is
what that means for the room, said by :func:`address_change_text`: phones that joined
at the old address cannot reconnect by themselves unless the laptop gets it back, so
they scan the QR code again. The notice stays until the facilitator dismisses it, and
comes back with the next change. The moderator page says the same
(``participant_web/moderator_address.js``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout

from facilitator.join.network_checks import address_change_text
from facilitator.ui.console_style import INK, NOTICE, NOTICE_LINE
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.widgets import plain_label, push_button

STYLE = f"""
QFrame#addressNotice {{
    background: {NOTICE}; border: 1px solid {NOTICE_LINE}; border-radius: 8px;
}}
QFrame#addressNotice QLabel {{ background: transparent; color: {INK}; font-size: 14px; }}
"""


class AddressNotice(QFrame):
    def __init__(self, mirror: SessionMirror) -> None:
        super().__init__()
        self._mirror = mirror
        self._dismissed = 0  # the host's count of changes when the notice was dismissed
        self.setObjectName("addressNotice")
        self.setStyleSheet(STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 10, 8)
        row.setSpacing(12)
        self.text = plain_label(selectable=True)
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.dismiss_button = push_button(self.tr("OK"), "", self.tr("Hide this notice"))
        row.addWidget(self.dismiss_button)
        self.dismiss_button.clicked.connect(self.dismiss)
        mirror.host_changed.connect(self.refresh)
        mirror.join_changed.connect(self.refresh)
        mirror.reset.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: object) -> None:
        host, join = self._mirror.host, self._mirror.join
        changes = host.address_changes
        if changes < self._dismissed:
            self._dismissed = 0  # a restarted host counts afresh
        text = address_change_text(host, join) if join is not None else ""
        self.text.setText(text)
        self.setVisible(bool(text) and changes > self._dismissed)

    def dismiss(self) -> None:
        self._dismissed = self._mirror.host.address_changes
        self.hide()
