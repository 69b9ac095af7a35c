"""The app's icon for its windows and the task bar, in every size that ships."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from facilitator import paths

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    icon = QIcon()
    folder = paths.resources_root() / "icons"
    for size in SIZES:
        icon.addFile(str(folder / f"confessional-{size}.png"))
    return icon
