"""A QR code painted module by module, so it stays crisp at any size (Electrum's approach)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator.join.qr import QUIET_ZONE, qr_matrix


class QrWidget(QWidget):
    """Black on white, always square, with the quiet zone a scanner needs.

    Each module is a whole number of device pixels wide (no blurry edges); the
    spare pixels go into the white margin. An optional frame (the big screen's accent,
    :meth:`set_frame`) is drawn on the edge of the widget's square, white inside it.
    """

    def __init__(self, url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url = ""
        self._matrix: list[list[bool]] = []
        self._frame: QColor | None = None
        self._frame_width = 0
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(96, 96)
        self.set_url(url)

    def url(self) -> str:
        """What the code carries (a URL, or a ``WIFI:`` payload)."""
        return self._url

    def set_url(self, url: str) -> None:
        self.set_data(
            url, self.tr("QR code for {url}").format(url=url) if url else self.tr("No QR code")
        )

    def set_data(self, data: str, description: str, *, encoding: str | None = None) -> None:
        """Carry ``data`` (see :func:`facilitator.join.qr.qr_matrix` for ``encoding``);
        ``description`` is what screen readers say (it need not spell ``data`` out)."""
        self.setAccessibleName(description)
        if data == self._url:
            return
        self._url = data
        self._matrix = qr_matrix(data, encoding=encoding) if data else []
        self.update()

    def set_frame(self, color: QColor | None, width: int = 0) -> None:
        """A frame of ``width`` pixels in ``color`` round the code (``None``: no frame)."""
        width = max(0, width) if color is not None else 0
        if (color, width) != (self._frame, self._frame_width):
            self._frame, self._frame_width = color, width
            self.update()

    def frame_width(self) -> int:
        return self._frame_width

    def modules(self) -> int:
        """Width of the code in modules, quiet zone included (0 when there is no URL)."""
        return len(self._matrix) + 2 * QUIET_ZONE if self._matrix else 0

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def sizeHint(self) -> QSize:
        return QSize(200, 200)

    def code_rect(self) -> QRect:
        """The white square (quiet zone included) inside the widget, in widget pixels."""
        side = min(self.width(), self.height()) - 2 * self._frame_width
        modules = self.modules()
        if modules:
            side -= side % modules
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._matrix:
            return
        square = self.code_rect()
        module = square.width() // self.modules()
        if module <= 0:
            return
        painter = QPainter(self)
        try:
            if self._frame is not None and self._frame_width > 0:
                # The frame on the widget's square; white up to it (the spare pixels of
                # whole-pixel modules widen the quiet zone, never show the background).
                side, frame = min(self.width(), self.height()), self._frame_width
                outer = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
                painter.fillRect(outer, self._frame)
                painter.fillRect(outer.adjusted(frame, frame, -frame, -frame), QColor("white"))
            painter.fillRect(square, QColor("white"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("black"))
            origin_x = square.x() + QUIET_ZONE * module
            origin_y = square.y() + QUIET_ZONE * module
            for y, row in enumerate(self._matrix):
                x = 0
                width = len(row)
                while x < width:  # one rectangle per horizontal run of dark modules
                    if not row[x]:
                        x += 1
                        continue
                    start = x
                    while x < width and row[x]:
                        x += 1
                    painter.drawRect(
                        origin_x + start * module,
                        origin_y + y * module,
                        (x - start) * module,
                        module,
                    )
        finally:
            painter.end()
