"""The projector page's link: the join link's origin and the session's ``projector_path``.

A venue's AV computer opens it in a browser to show the big screen (read-only: what the
room sees, nothing of the moderators'). Shown and copied in the Session choices dialog.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button

LINK_NOTE = QT_TRANSLATE_NOOP(
    "ProjectorLink",
    "For a venue's AV computer: open this link in its browser, full screen, and it shows "
    "the big screen. The room keeps its screen while this console restarts.",
)
NO_LINK = QT_TRANSLATE_NOOP(
    "ProjectorLink", "The projector page is not available for this session."
)
COPIED = QT_TRANSLATE_NOOP("ProjectorLink", "Projector page link copied.")


def projector_link(join_url: str, projector_path: str) -> str:
    """``http://192.168.1.23:8737`` + ``/projector/<secret>/`` ("" without a path)."""
    if not projector_path:
        return ""
    parts = urlsplit(join_url)
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}{projector_path}"


class ProjectorLink(QWidget):
    """The link (read-only, selectable), a Copy button and a line on what it is for."""

    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._link = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.link_field = QLineEdit()
        self.link_field.setObjectName("projectorLink")
        self.link_field.setReadOnly(True)
        row.addWidget(self.link_field, 1)
        self.copy_button = push_button(
            self.tr("Copy"), "", self.tr("Copy the projector page's link")
        )
        self.copy_button.clicked.connect(self.copy)
        row.addWidget(self.copy_button)
        layout.addLayout(row)
        self.note = plain_label(translate("ProjectorLink", LINK_NOTE), "muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

    def link(self) -> str:
        return self._link

    def show_link(self, join_url: str, projector_path: str) -> None:
        self._link = projector_link(join_url, projector_path)
        self.link_field.setText(self._link or translate("ProjectorLink", NO_LINK))
        self.link_field.setCursorPosition(0)
        self.copy_button.setEnabled(bool(self._link))

    def copy(self) -> None:
        if self._link:
            QGuiApplication.clipboard().setText(self._link)
            self.message.emit(translate("ProjectorLink", COPIED))
