"""The projector page's API, behind its own secret (``/projector/<secret>/``): the page
itself, the big screen's state, the join QR code as SVG, and a socket that pushes the
state and the count on screen as they change.

It is read-only: nothing sent on the socket changes anything. The secret is checked by
the server's middleware before any of these handlers run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiohttp import WSCloseCode, WSMsgType, web

from facilitator.host.hub import close_socket
from facilitator.host.participant_api import HEARTBEAT_SECONDS
from facilitator.host.projector_feed import ProjectorFeed
from facilitator.host.replies import json_reply
from facilitator.host.static_files import StaticFiles
from facilitator.join.qr import qr_svg
from facilitator.protocol.envelope import encode
from facilitator.protocol.phone import Count
from facilitator.protocol.projector import ProjectorState

log = logging.getLogger(__name__)

PROJECTOR_ROOT = "/projector"
SEND_TIMEOUT_SECONDS = 10.0
MAX_PROJECTOR_PAGES = 16  # a venue's AV computer or two; not a room of phones


def projector_prefix(secret: str) -> str:
    return f"{PROJECTOR_ROOT}/{secret}"


class ProjectorConnection:
    """One projector page's socket: the latest state and the latest count (older ones
    are never worth sending)."""

    def __init__(self, socket: web.WebSocketResponse, feed: ProjectorFeed) -> None:
        self.socket = socket
        self._state: ProjectorState | None = feed.state
        self._count: Count | None = None
        self._wake = asyncio.Event()
        self._wake.set()
        self._unsubscribe = feed.subscribe(self._on_state, self._on_count)
        self._pump_task = asyncio.get_running_loop().create_task(self._pump())

    def _on_state(self, state: ProjectorState) -> None:
        self._state = state
        self._count = None  # the state carries the count as it is now
        self._wake.set()

    def _on_count(self, count: Count) -> None:
        self._count = count
        self._wake.set()

    async def _pump(self) -> None:
        try:
            while not self.socket.closed:
                await self._wake.wait()
                self._wake.clear()
                for message in self._due():
                    async with asyncio.timeout(SEND_TIMEOUT_SECONDS):
                        await self.socket.send_frame(message, WSMsgType.TEXT)
        except (ConnectionError, TimeoutError, RuntimeError):
            with contextlib.suppress(Exception):
                await self.socket.close(code=WSCloseCode.GOING_AWAY)

    def _due(self) -> list[bytes]:
        due = [encode(message) for message in (self._state, self._count) if message is not None]
        self._state = self._count = None
        return due

    async def stop(self) -> None:
        self._unsubscribe()
        self._pump_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._pump_task


class ProjectorApi:
    def __init__(self, feed: ProjectorFeed, prefix: str, pages: StaticFiles) -> None:
        self._feed = feed
        self.prefix = prefix
        self._pages = pages
        self._connections: set[ProjectorConnection] = set()

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(f"{self.prefix}/", self.page),
            web.get(self.prefix, self.redirect),
            web.get(f"{self.prefix}/api/state", self.get_state),
            web.get(f"{self.prefix}/join-qr.svg", self.join_qr),
            web.get(f"{self.prefix}/ws", self.websocket),
        ]

    def __len__(self) -> int:
        return len(self._connections)

    async def page(self, request: web.Request) -> web.StreamResponse:
        return self._pages.response(request, "projector.html", cache_control="no-store")

    async def redirect(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(f"{self.prefix}/")

    async def get_state(self, request: web.Request) -> web.Response:
        return json_reply(encode(self._feed.state))

    async def join_qr(self, request: web.Request) -> web.Response:
        """The join link's QR code (the page asks again when the link changes)."""
        return web.Response(
            text=qr_svg(self._feed.state.join_url),
            content_type="image/svg+xml",
            headers={"Cache-Control": "no-store"},
        )

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        if len(self._connections) >= MAX_PROJECTOR_PAGES:
            raise web.HTTPServiceUnavailable(text="Too many projector pages are open.")
        socket = web.WebSocketResponse(
            heartbeat=HEARTBEAT_SECONDS, compress=False, max_msg_size=1024
        )
        await socket.prepare(request)
        connection = ProjectorConnection(socket, self._feed)
        self._connections.add(connection)
        try:
            async for _frame in socket:
                pass  # the page only listens
        finally:
            self._connections.discard(connection)
            await connection.stop()
        return socket

    async def close_all(self) -> None:
        """Close every projector page's socket (1001: it reconnects by itself)."""
        connections = list(self._connections)
        self._connections.clear()
        for connection in connections:
            await connection.stop()
        await asyncio.gather(
            *(close_socket(c.socket, WSCloseCode.GOING_AWAY) for c in connections),
            return_exceptions=True,
        )
