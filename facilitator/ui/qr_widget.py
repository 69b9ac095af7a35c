"""A QR code painted module by module, so it stays crisp at any size (Electrum's approach)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator.join.qr import QUIET_ZONE, qr_matrix


class QrWidget(QWidget):
    """Black on white, always square, with the quiet zone a scanner needs.

    Each module is a whole number of device pixels wide (no blurry edges); the
    spare pixels go into the white margin.
    """

    def __init__(self, url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url = ""
        self._matrix: list[list[bool]] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(96, 96)
        self.set_url(url)

    def url(self) -> str:
        """What the code carries (a URL, or a ``WIFI:`` payload)."""
        return self._url

    def set_url(self, url: str) -> None:
        self.set_data(url, f"QR code for {url}" if url else "No QR code")

    def set_data(self, data: str, description: str, *, encoding: str | None = None) -> None:
        """Carry ``data`` (see :func:`facilitator.join.qr.qr_matrix` for ``encoding``);
        ``description`` is what screen readers say (it need not spell ``data`` out)."""
        self.setAccessibleName(description)
        if data == self._url:
            return
        self._url = data
        self._matrix = qr_matrix(data, encoding=encoding) if data else []
        self.update()

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
        side = min(self.width(), self.height())
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
