"""The set-up dialog's logo row: *Choose logo…*, *No logo*, a small preview and its size.

A chosen file goes to the host at once (``LogoPort.upload_logo``); while the host
prepares it the row says so, and its answer's version is what the set-up names
(:meth:`LogoRow.version`). A refusal comes out as ``refused`` (the dialog shows it) and
the logo before stays. The preview is the host's big-screen rendition
(:class:`~facilitator.ui.logo_images.LogoImages`), on a dark ground for a logo drawn in
light ink, so that it shows on the light dialog.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QWidget

from facilitator.core.contrast import DARK
from facilitator.core.rules import MAX_LOGO_BYTES
from facilitator.protocol.phone import Logo
from facilitator.ui.logo_client import LogoPort, LogoRefused
from facilitator.ui.logo_images import LogoImages
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import open_file_dialog, plain_label, push_button

log = logging.getLogger(__name__)

CHOOSE = QT_TRANSLATE_NOOP("LogoRow", "Choose logo…")
CHOOSE_TIP = QT_TRANSLATE_NOOP(
    "LogoRow",
    "PNG, JPEG, WebP or GIF, up to 10 MB: on the join and closing slides and the phones' header",
)
NONE_BUTTON = QT_TRANSLATE_NOOP("LogoRow", "No logo")
NONE_CAPTION = QT_TRANSLATE_NOOP("LogoRow", "None")
SIZE_CAPTION = QT_TRANSLATE_NOOP("LogoRow", "{width} × {height} px")  # noqa: RUF001
PREPARING = QT_TRANSLATE_NOOP("LogoRow", "Preparing the logo…")
DIALOG_TITLE = QT_TRANSLATE_NOOP("LogoRow", "The organisers' logo")
IMAGE_FILES = QT_TRANSLATE_NOOP(
    "LogoRow", "Images (*.png *.jpg *.jpeg *.webp *.gif);;All files (*)"
)
UNREADABLE = QT_TRANSLATE_NOOP("LogoRow", "{path} cannot be read ({error}).")
NO_HOST = QT_TRANSLATE_NOOP("LogoRow", "A logo needs the session host, which is not connected.")
PREVIEW = QSize(84, 30)


class LogoRow(QWidget):
    refused = Signal(str, str)  # code, message
    busy_changed = Signal(bool)
    changed = Signal()  # another logo, or none

    def __init__(
        self, logos: LogoPort | None, current: Logo | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._port = logos
        self._logo = current
        self._busy = False
        self._tasks: set[asyncio.Task[None]] = set()
        self.images = LogoImages(logos, self)
        self.images.arrived.connect(lambda _version: self._show())
        self.file_dialog: QFileDialog | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_button = push_button(
            translate("LogoRow", CHOOSE), "", translate("LogoRow", CHOOSE_TIP)
        )
        self.none_button = push_button(translate("LogoRow", NONE_BUTTON))
        self.caption = plain_label(name="muted")
        row.addWidget(self.preview)
        row.addWidget(self.choose_button)
        row.addWidget(self.none_button)
        row.addWidget(self.caption, 1)
        self.choose_button.clicked.connect(self.choose)
        self.none_button.clicked.connect(self.clear)
        if current is not None:
            self.images.want(current.version)
        self._show()

    # What the set-up names

    def logo(self) -> Logo | None:
        return self._logo

    def version(self) -> str:
        return self._logo.version if self._logo is not None else ""

    def busy(self) -> bool:
        """A file is on its way to the host (the set-up waits for its version)."""
        return self._busy

    # Choosing

    def choose(self) -> None:
        """A file dialog, opened without blocking; the file chosen is uploaded."""
        self.file_dialog = open_file_dialog(
            self,
            translate("LogoRow", DIALOG_TITLE),
            translate("LogoRow", IMAGE_FILES),
            self.upload_file,
        )

    def upload_file(self, path: str | Path) -> None:
        try:  # no more than one byte over the limit: the host then says it is too large
            with Path(path).open("rb") as file:
                data = file.read(MAX_LOGO_BYTES + 1)
        except OSError as error:
            message = translate("LogoRow", UNREADABLE).format(
                path=path, error=error.strerror or error
            )
            self.refused.emit("logo_unreadable", message)
            return
        self.upload(data)

    def upload(self, data: bytes) -> None:
        """Send ``data`` (an image file) to the host; its answer becomes the logo."""
        if self._port is None:
            self.refused.emit("not_connected", translate("LogoRow", NO_HOST))
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.refused.emit("not_connected", translate("LogoRow", NO_HOST))
            return
        self._set_busy(True)
        task = loop.create_task(self._upload(self._port, data))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _upload(self, port: LogoPort, data: bytes) -> None:
        try:
            logo = await port.upload_logo(data)
        except LogoRefused as refused:
            log.info("Logo refused: %s", refused.code)
            self._set_busy(False)
            self.refused.emit(refused.code, refused.message)
            return
        self._set_busy(False)
        self.set_logo(logo)

    def set_logo(self, logo: Logo | None) -> None:
        """Show ``logo`` (fetching its preview) as the one the set-up names."""
        self._logo = logo
        if logo is not None:
            self.images.want(logo.version)
        self._show()
        self.changed.emit()

    def clear(self) -> None:
        self.set_logo(None)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._show()
        self.busy_changed.emit(busy)

    # Showing

    def _show(self) -> None:
        logo = self._logo
        self.choose_button.setEnabled(not self._busy and self._port is not None)
        self.none_button.setEnabled(not self._busy and logo is not None)
        if self._busy:
            self.caption.setText(translate("LogoRow", PREPARING))
        elif logo is None:
            self.caption.setText(translate("LogoRow", NONE_CAPTION))
        else:
            self.caption.setText(
                translate("LogoRow", SIZE_CAPTION).format(width=logo.width, height=logo.height)
            )
        self.preview.setPixmap(self._preview(logo))

    def _preview(self, logo: Logo | None) -> QPixmap:
        """The logo scaled into the preview, on the dark theme's ground for light ink."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(PREVIEW * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        image = self.images.image(logo.version) if logo is not None else None
        if logo is None or image is None:
            return pixmap
        painter = QPainter(pixmap)
        try:
            if logo.ink == "light":
                painter.fillRect(0, 0, PREVIEW.width(), PREVIEW.height(), QColor(DARK.background))
            fitted = image.scaled(
                (PREVIEW - QSize(4, 4)) * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            fitted.setDevicePixelRatio(ratio)
            left = (PREVIEW.width() - fitted.width() / ratio) / 2
            top = (PREVIEW.height() - fitted.height() / ratio) / 2
            painter.drawImage(round(left), round(top), fitted)
        finally:
            painter.end()
        return pixmap
