"""The organiser's logo over HTTP: too big for a command (16 KiB), so a moderator uploads
it on its own and a set-up names it by version (``apply_setup``'s ``logo``).

- ``POST <moderator>/api/logo``: the image file as the body (up to 10 MB). The host
  makes its renditions (``core/logo.py``, on a worker thread, one upload at a time) and
  answers ``logo.added`` with its version; nothing changes until a set-up names it.
- ``GET <moderator>/api/logo/{version}/{size}``: the session's logo or one uploaded and
  waiting (the set-up dialogs' preview).
- ``GET /api/logo/{version}/{size}``: the session's logo, for phones and the projector
  page. A version is a digest of the image, so its address never changes meaning: it is
  cached for good, and answered 304 to ``If-None-Match``.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from facilitator.core.model import LogoImage, LogoSize
from facilitator.core.rules import MAX_LOGO_BYTES
from facilitator.core.session import SessionService
from facilitator.host import messages
from facilitator.host.refusals import REFUSED, Refusal
from facilitator.host.replies import (
    json_reply,
    not_modified,
    read_body,
    refusal_reply,
    refused_reply,
)
from facilitator.protocol.envelope import ProtocolError, encode
from facilitator.protocol.moderator import LogoAdded

PUBLIC_LOGO = "/api/logo"
SIZES: tuple[LogoSize, ...] = ("screen", "phone")
UPLOAD_SECONDS = 60.0  # 10 MB over poor Wi-Fi
NO_SUCH_LOGO = Refusal(
    "no_logo", "There is no such logo: the session's logo has changed, or it has none.", 404
)


class LogoApi:
    def __init__(self, service: SessionService, moderator_prefix: str) -> None:
        self._service = service
        self._prefix = moderator_prefix
        self._one_at_a_time = asyncio.Lock()

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(f"{PUBLIC_LOGO}/{{version}}/{{size}}", self.public_image),
            web.post(f"{self._prefix}/api/logo", self.upload),
            web.get(f"{self._prefix}/api/logo/{{version}}/{{size}}", self.moderator_image),
        ]

    async def public_image(self, request: web.Request) -> web.Response:
        return self._image(request, waiting=False)

    async def moderator_image(self, request: web.Request) -> web.Response:
        return self._image(request, waiting=True)

    def _image(self, request: web.Request, *, waiting: bool) -> web.Response:
        version, size = request.match_info["version"], request.match_info["size"]
        if size not in SIZES:
            return refusal_reply(NO_SUCH_LOGO)
        image = self._service.logos.image(version, size, waiting=waiting)
        if image is None:
            return refusal_reply(NO_SUCH_LOGO)
        return _image_reply(request, image, f'"{version}-{size}"', private=waiting)

    async def upload(self, request: web.Request) -> web.Response:
        try:
            data = await _upload_body(request)
            # Pillow is loaded with the first upload, not at every start of the host.
            from facilitator.core.logo import prepare_logo

            async with self._one_at_a_time:
                logo = await asyncio.to_thread(prepare_logo, data)
            self._service.add_logo(logo)
        except LogoTooLarge as refused:
            response = refused_reply(refused)
            response.force_close()  # the rest of the body is not read
            return response
        except REFUSED as refused:
            return refused_reply(refused)
        return json_reply(encode(LogoAdded(messages.wire_logo(logo.info))))


def _image_reply(
    request: web.Request, image: LogoImage, etag: str, *, private: bool
) -> web.Response:
    headers = {
        "ETag": etag,
        "Cache-Control": f"{'private' if private else 'public'}, max-age=31536000, immutable",
    }
    if not_modified(request, etag):
        return web.Response(status=304, headers=headers)
    return web.Response(body=image.data, content_type=image.media_type, headers=headers)


class LogoTooLarge(ProtocolError):
    def __init__(self) -> None:
        super().__init__(
            "logo_too_large",
            f"A logo file may be up to {MAX_LOGO_BYTES // (1024 * 1024)} MB: save it "
            "smaller, please.",
            413,
        )


async def _upload_body(request: web.Request) -> bytes:
    """The body, up to :data:`MAX_LOGO_BYTES` (:class:`LogoTooLarge` beyond)."""
    if (request.content_length or 0) > MAX_LOGO_BYTES:
        raise LogoTooLarge()
    try:
        return await read_body(request, max_bytes=MAX_LOGO_BYTES, seconds=UPLOAD_SECONDS)
    except web.HTTPRequestEntityTooLarge:
        raise LogoTooLarge() from None
