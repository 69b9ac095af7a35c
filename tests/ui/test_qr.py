"""QR codes: segno's matrix, an SVG for the web, and a widget that paints it crisply."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from facilitator.join.qr import QUIET_ZONE, qr_matrix, qr_svg
from facilitator.ui.qr_widget import QrWidget

URL = "http://192.168.1.23:8080/"


def finder_at(matrix: list[list[bool]], top: int, left: int) -> bool:
    """The 7 by 7 finder pattern: dark ring, light ring, dark 3 by 3 centre."""
    for y in range(7):
        for x in range(7):
            ring = min(x, y, 6 - x, 6 - y)
            if matrix[top + y][left + x] != (ring != 1):
                return False
    return True


def test_matrix_is_a_square_qr_code() -> None:
    matrix = qr_matrix(URL)
    size = len(matrix)
    assert size >= 21 and (size - 21) % 4 == 0
    assert all(len(row) == size for row in matrix)
    assert finder_at(matrix, 0, 0)
    assert finder_at(matrix, 0, size - 7)
    assert finder_at(matrix, size - 7, 0)
    assert qr_matrix(URL) == matrix  # deterministic


def test_longer_urls_need_bigger_codes() -> None:
    assert len(qr_matrix(URL + "moderator/" + "x" * 43 + "/")) > len(qr_matrix(URL))


def test_empty_url_is_refused() -> None:
    with pytest.raises(ValueError):
        qr_matrix("")


def test_svg_has_quiet_zone_and_namespace() -> None:
    svg = qr_svg(URL, scale=4)
    size = len(qr_matrix(URL)) + 2 * QUIET_ZONE
    assert svg.startswith("<svg")
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert f'viewBox="0 0 {size * 4} {size * 4}"' in svg


def _dark(color: QColor) -> bool:
    return color.lightness() < 128


@pytest.mark.parametrize("side", [120, 233, 400])
def test_widget_paints_whole_pixel_modules_with_a_quiet_zone(qtbot: QtBot, side: int) -> None:
    widget = QrWidget(URL)
    qtbot.addWidget(widget)
    widget.resize(side, side)
    image: QImage = widget.grab().toImage()
    matrix = qr_matrix(URL)
    square = widget.code_rect()
    modules = len(matrix) + 2 * QUIET_ZONE
    assert square.width() == square.height()
    assert square.width() % modules == 0
    module = square.width() // modules
    assert module >= 1
    for y in range(modules):  # every module is one flat colour: crisp
        for x in range(modules):
            inside_y, inside_x = y - QUIET_ZONE, x - QUIET_ZONE
            inside = 0 <= inside_y < len(matrix) and 0 <= inside_x < len(matrix)
            expected = inside and matrix[inside_y][inside_x]
            left, top = square.x() + x * module, square.y() + y * module
            for px, py in ((left, top), (left + module - 1, top + module - 1)):
                assert _dark(image.pixelColor(px, py)) == expected, (x, y, px, py)


def test_set_url_changes_the_code(qtbot: QtBot) -> None:
    widget = QrWidget()
    qtbot.addWidget(widget)
    assert widget.modules() == 0
    widget.set_url(URL)
    assert widget.url() == URL
    assert widget.modules() == len(qr_matrix(URL)) + 2 * QUIET_ZONE
    assert widget.heightForWidth(300) == 300
