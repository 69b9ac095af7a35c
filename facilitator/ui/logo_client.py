"""The organiser's logo between the console and the session host, over HTTP (a logo is
too big for a command): ``POST <moderator>/api/logo`` with the image file as the body
answers ``logo.added`` (the logo's version, size and ink); ``GET
<moderator>/api/logo/<version>/<screen|phone>`` gives a rendition, of the session's
logo or of one uploaded and waiting for a set-up to name it (``facilitator/host/logo_api.py``).

The moderator's address is the stream's (``ws://host:port/moderator/<secret>/ws``) with
``http`` and ``api/logo`` in place of ``ws``. A refusal, in the host's words or ours
when the host cannot be reached, is a :class:`LogoRefused`.
"""

from __future__ import annotations

import io
from typing import Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

import aiohttp

from facilitator.protocol.envelope import Error, ProtocolError, decode, registry
from facilitator.protocol.moderator import LogoAdded
from facilitator.protocol.phone import Logo
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate

type LogoSize = Literal["screen", "phone"]

UPLOAD_SECONDS = 90.0  # 10 MB over poor Wi-Fi, and the host's work on it
FETCH_SECONDS = 20.0
UNREACHABLE = QT_TRANSLATE_NOOP(
    "LogoClient", "The session host could not be reached; try again in a moment."
)
NOT_UNDERSTOOD = QT_TRANSLATE_NOOP(
    "LogoClient", "The session host answered with something this console does not understand."
)
_ANSWERS = registry(LogoAdded, Error)


class LogoRefused(Exception):
    """The host refused a logo (``logo_svg``, ``logo_too_large``…) or could not be reached."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class LogoSource(Protocol):
    """Where the windows get a logo's renditions (:class:`LogoRefused` when they cannot)."""

    async def fetch_logo(self, version: str, size: LogoSize) -> bytes: ...


class LogoPort(LogoSource, Protocol):
    """Where the set-up dialog uploads a logo: its answer names it by version."""

    async def upload_logo(self, data: bytes) -> Logo: ...


def logo_api_url(stream_url: str) -> str:
    """``ws://host:port/moderator/<secret>/ws`` → ``http://host:port/moderator/<secret>/api/logo``."""
    parts = urlsplit(stream_url)
    scheme = "https" if parts.scheme == "wss" else "http"
    folder = parts.path.rsplit("/", 1)[0]
    return urlunsplit((scheme, parts.netloc, f"{folder}/api/logo", "", ""))


class LogoClient:
    """:class:`LogoPort` over HTTP, at the moderator's address in ``stream_url``."""

    def __init__(self, stream_url: str) -> None:
        self._url = logo_api_url(stream_url)

    async def upload_logo(self, data: bytes) -> Logo:
        timeout = aiohttp.ClientTimeout(total=UPLOAD_SECONDS)
        headers = {"Content-Type": "application/octet-stream"}
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as http,
                http.post(self._url, data=io.BytesIO(data), headers=headers) as reply,
            ):
                raw = await reply.read()
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            raise _unreachable() from error
        answer = _decoded(raw)
        if isinstance(answer, Error):
            raise LogoRefused(answer.code, answer.message)
        return answer.logo

    async def fetch_logo(self, version: str, size: LogoSize) -> bytes:
        timeout = aiohttp.ClientTimeout(total=FETCH_SECONDS)
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as http,
                http.get(f"{self._url}/{version}/{size}") as reply,
            ):
                if reply.status != 200:
                    answer = _decoded(await reply.read())
                    code, message = (
                        (answer.code, answer.message)
                        if isinstance(answer, Error)
                        else ("not_understood", translate("LogoClient", NOT_UNDERSTOOD))
                    )
                    raise LogoRefused(code, message)
                return await reply.read()
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            raise _unreachable() from error


def _decoded(raw: bytes) -> LogoAdded | Error:
    try:
        answer = decode(raw, _ANSWERS, max_bytes=None).message
    except ProtocolError as error:
        raise LogoRefused("not_understood", translate("LogoClient", NOT_UNDERSTOOD)) from error
    assert isinstance(answer, LogoAdded | Error)
    return answer


def _unreachable() -> LogoRefused:
    return LogoRefused("host_unreachable", translate("LogoClient", UNREACHABLE))
