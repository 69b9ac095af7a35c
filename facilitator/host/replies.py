"""HTTP answers: one envelope in a JSON body, never cached; refusals from the one table."""

from __future__ import annotations

from aiohttp import web

from facilitator.host.refusals import Refusal
from facilitator.protocol.envelope import error

RETRY_AFTER_SECONDS = 3


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
