"""Put the projector page's render (Chromium) beside the projector window's (Qt) of the
same slide, for docs/slides.md: both come from the same sample state
(tests/slide_states.py) at 1920x1080.

    QT_QPA_PLATFORM=offscreen python docs/make_projector_comparison.py

Reads the renders the tests write (tests/e2e/test_projector_page.py,
tests/ui/test_slides.py) and writes
docs/screenshots/projector-page-beside-window-<sample>-1920x1080-<theme>.png.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

SHOTS = Path(__file__).resolve().parent / "screenshots"
PAIRS = (("join", "dark"), ("join-logo", "dark"))  # both sides render these at 1920x1080
HALF = 960  # each render at half its width, side by side
CAPTION = 56


def compose(sample: str, theme: str) -> Path:
    page = QImage(str(SHOTS / f"projector-page-{sample}-1920x1080-{theme}.png"))
    window = QImage(str(SHOTS / "slides" / f"{sample}-1920x1080-{theme}.png"))
    if page.isNull() or window.isNull():
        raise SystemExit(f"run the tests that render {sample} ({theme}) first")
    height = HALF * 1080 // 1920
    out = QImage(2 * HALF + 16, height + CAPTION, QImage.Format.Format_RGB32)
    out.fill(QColor("#ffffff"))
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    font = QFont()
    font.setPixelSize(24)
    painter.setFont(font)
    painter.setPen(QColor("#14181c"))
    for left, image, caption in (
        (0, page, "The projector page in Chromium"),
        (HALF + 16, window, "The projector window (Qt)"),
    ):
        painter.drawText(QRect(left, 0, HALF, CAPTION), Qt.AlignmentFlag.AlignCenter, caption)
        painter.drawImage(QRect(left, CAPTION, HALF, height), image)
    painter.end()
    target = SHOTS / f"projector-page-beside-window-{sample}-1920x1080-{theme}.png"
    out.save(str(target))
    return target


def main() -> None:
    QGuiApplication(sys.argv[:1])
    for sample, theme in PAIRS:
        print(compose(sample, theme))


if __name__ == "__main__":
    main()
