"""HTTP answers: one envelope in a JSON body, never cached; refusals from the one table."""

from __future__ import annotations

import asyncio

from aiohttp import web

from facilitator.host.refusals import Refusal, Refused, refusal_for
from facilitator.protocol.envelope import ProtocolError, error

RETRY_AFTER_SECONDS = 3
# A body is at most 16 KiB: a phone on poor Wi-Fi sends it in well under this; a client
# that trickles it in to hold the connection gets no longer.
BODY_SECONDS = 10.0


def not_modified(request: web.Request, etag: str) -> bool:
    """Whether the request's ``If-None-Match`` names ``etag`` (weakly or not) or anything
    (``*``): the client has it, and is answered 304 without a body."""
    named = request.headers.get("If-None-Match", "").split(",")
    candidates = {candidate.strip().removeprefix("W/") for candidate in named}
    return etag in candidates or "*" in candidates


def json_reply(body: bytes, status: int = 200) -> web.Response:
    return web.Response(
        body=body,
        status=status,
        content_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


def refusal_reply(refusal: Refusal) -> web.Response:
    response = json_reply(error(refusal.code, refusal.message), refusal.status)
    if refusal.status == 429:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class UnreadableBody(ProtocolError):
    """A body that cannot be read as sent: a ``Content-Encoding`` it does not have (not
    gzip, say), a malformed chunk, or one that did not arrive within
    :data:`BODY_SECONDS`. Nothing after it on the connection can be parsed."""

    def __init__(self, code: str = "bad_json", message: str = "") -> None:
        super().__init__(code, message or "The body could not be read as sent.", 400)


def _too_slow() -> UnreadableBody:
    return UnreadableBody("body_timeout", "The body did not arrive in time.")


async def read_body(
    request: web.Request, *, max_bytes: int | None = None, seconds: float | None = None
) -> bytes:
    """The request's body; :class:`UnreadableBody` (``bad_json``) when it cannot be read,
    or (``body_timeout``) has not arrived in ``seconds`` (:data:`BODY_SECONDS`, read when
    called). ``max_bytes``: a limit of its own instead of the server's.

    aiohttp raises :class:`web.RequestPayloadError` for such a body: left alone that is a
    500, and aiohttp, draining the rest of the body after the answer, logs it again as an
    unhandled exception. A body over the size limit still raises
    :class:`web.HTTPRequestEntityTooLarge` (the server answers ``too_large``).
    """
    if max_bytes is not None:
        request = request.clone(client_max_size=max_bytes)
    try:
        async with asyncio.timeout(BODY_SECONDS if seconds is None else seconds):
            return await request.read()
    except web.RequestPayloadError as failure:
        request.content.feed_eof()  # at its end as far as aiohttp knows: nothing to drain
        raise UnreadableBody() from failure
    except TimeoutError as failure:
        request.content.feed_eof()
        raise _too_slow() from failure


def refused_reply(refused: Refused) -> web.Response:
    """The answer to a request a handler refused, from the one table; after a body that
    could not be read, with ``Connection: close`` (the host reads nothing more from that
    connection: a client that sent its next request on it would see it dropped)."""
    response = refusal_reply(refusal_for(refused))
    if isinstance(refused, UnreadableBody):
        response.force_close()
    return response
