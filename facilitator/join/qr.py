"""QR codes for the join URL: a module matrix for Qt to paint, an SVG for web pages.

Both carry the URL exactly as given (phones need the numeric IP, see
``facilitator.join.addresses``); the matrix also carries the Wi-Fi to join
(``facilitator.join.wifi``). Error correction is at least "M" so a code projected
on a screen with glare or a bit of keystone still scans.
"""

from __future__ import annotations

import io

import segno

QUIET_ZONE = 4
"""Modules of white border a QR code needs around it to scan reliably."""


def _make(url: str, encoding: str | None = None) -> segno.QRCode:
    if not url:
        raise ValueError("a QR code needs a non-empty URL")
    return segno.make_qr(url, error="m", boost_error=True, encoding=encoding)


def qr_matrix(url: str, *, encoding: str | None = None) -> list[list[bool]]:
    """The code's modules, row by row, ``True`` for dark; without the quiet zone.

    ``encoding`` is that of the bytes (``None``: ISO 8859-1 when it can, else UTF-8).
    """
    code = _make(url, encoding)
    return [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=0)]


def qr_svg(url: str, *, scale: int = 8) -> str:
    """The code as an SVG document (inline in HTML or as a file): quiet zone, black on white."""
    buffer = io.BytesIO()
    _make(url).save(
        buffer,
        kind="svg",
        scale=scale,
        border=QUIET_ZONE,
        dark="#000",
        light="#fff",
        xmldecl=False,
        omitsize=True,
        nl=False,
    )
    return buffer.getvalue().decode("utf-8")
