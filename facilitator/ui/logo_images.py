"""The organiser's logo as the windows draw it: the big screen's rendition of each
version, fetched once from the host and kept (a version never changes meaning), with
its bytes (the set-up dialog saves them into a session file).

``arrived`` says a version is here (:meth:`image`, :meth:`data`); ``failed`` says it
could not be fetched, in the host's words or ours; asking again tries again.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from facilitator.core.model import LogoImage
from facilitator.ui.logo_client import LogoRefused, LogoSource
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

NOT_AN_IMAGE = QT_TRANSLATE_NOOP("LogoImages", "The logo from the session host cannot be shown.")
# What the host makes a rendition as (core/logo.py): PNG, or JPEG for an opaque logo.
MEDIA_TYPES: dict[bytes, Literal["image/png", "image/jpeg"]] = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


class LogoImages(QObject):
    arrived = Signal(str)  # version
    failed = Signal(str, str)  # version, message

    def __init__(self, source: LogoSource | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._renditions: dict[str, LogoImage] = {}
        self._images: dict[str, QImage] = {}
        self._asked: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    def image(self, version: str) -> QImage | None:
        return self._images.get(version)

    def rendition(self, version: str) -> LogoImage | None:
        """``version``'s big-screen rendition as the host made it (a session file keeps
        it as it is)."""
        return self._renditions.get(version)

    def keep(self, version: str, data: bytes) -> bool:
        """Keep ``data`` as ``version``'s rendition; whether it is a PNG or JPEG image
        that Qt can draw."""
        image = QImage.fromData(data)
        media_type = _media_type(data)
        if image.isNull() or media_type is None:
            return False
        self._renditions[version] = LogoImage(data, media_type, image.width(), image.height())
        self._images[version] = image
        self.arrived.emit(version)
        return True

    def want(self, version: str) -> None:
        """Fetch ``version`` unless it is here or on its way (``arrived`` once it is)."""
        if not version or version in self._images or version in self._asked:
            return
        if self._source is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            log.debug("No event loop: logo %s is not fetched", version)
            return
        self._asked.add(version)
        task = loop.create_task(self._fetch(self._source, version))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _fetch(self, source: LogoSource, version: str) -> None:
        try:
            data = await source.fetch_logo(version, "screen")
        except LogoRefused as refused:
            log.info("Logo %s not fetched: %s", version, refused.code)
            self._asked.discard(version)
            self.failed.emit(version, refused.message)
            return
        self._asked.discard(version)
        if not self.keep(version, data):
            self.failed.emit(version, translate("LogoImages", NOT_AN_IMAGE))


def _media_type(data: bytes) -> Literal["image/png", "image/jpeg"] | None:
    return next((kind for start, kind in MEDIA_TYPES.items() if data.startswith(start)), None)
