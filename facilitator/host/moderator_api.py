"""The moderators' API: the stream of changes and the commands, behind the secret.

The console and the moderator page both use it. The secret is checked by the
server's middleware before any of these handlers run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque

from aiohttp import WSCloseCode, WSMsgType, web

from facilitator.host.commands import HostCommands
from facilitator.host.feed import ModeratorFeed
from facilitator.host.hub import close_socket
from facilitator.host.participant_api import HEARTBEAT_SECONDS, WEBSOCKET_MAX_MSG_SIZE
from facilitator.host.refusals import REFUSED, refusal_for
from facilitator.host.replies import json_reply, read_body, refused_reply
from facilitator.protocol.commands import decode_command
from facilitator.protocol.envelope import ProtocolError, encode, error
from facilitator.protocol.moderator import Resync, decode_from_moderator

log = logging.getLogger(__name__)

MAX_BACKLOG = 2000
FINISH_SECONDS = 0.5
SEND_TIMEOUT_SECONDS = 10.0


class ModeratorConnection:
    """One moderator's socket: every change in order, or a fresh snapshot if far behind."""

    def __init__(self, socket: web.WebSocketResponse, feed: ModeratorFeed) -> None:
        self.socket = socket
        self._feed = feed
        self._queue: deque[bytes] = deque()
        self._wake = asyncio.Event()
        self._drained = asyncio.Event()
        self._unsubscribe = feed.subscribe(self.send)
        self.send(encode(feed.snapshot()))
        self._pump_task = asyncio.get_running_loop().create_task(self._pump())

    def send(self, message: bytes) -> None:
        if len(self._queue) >= MAX_BACKLOG:
            log.info("A moderator fell far behind; sending a fresh snapshot instead")
            self._queue.clear()
            message = encode(self._feed.snapshot())
        self._queue.append(message)
        self._drained.clear()
        self._wake.set()

    def resync(self) -> None:
        self.send(encode(self._feed.snapshot()))

    async def _pump(self) -> None:
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                while self._queue and not self.socket.closed:
                    async with asyncio.timeout(SEND_TIMEOUT_SECONDS):
                        await self.socket.send_frame(self._queue.popleft(), WSMsgType.TEXT)
                self._drained.set()
        except (ConnectionError, TimeoutError, RuntimeError):
            with contextlib.suppress(Exception):
                await self.socket.close(code=WSCloseCode.GOING_AWAY)

    async def finish(self, timeout: float) -> None:
        """Send what is queued (an answer to ``stop_host``, say), for ``timeout`` at most."""
        self._unsubscribe()
        if self._queue and not self.socket.closed:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._drained.wait()
        await self.stop()

    async def stop(self) -> None:
        self._unsubscribe()
        self._pump_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._pump_task


class ModeratorApi:
    def __init__(self, feed: ModeratorFeed, commands: HostCommands, prefix: str) -> None:
        self._feed = feed
        self._commands = commands
        self.prefix = prefix
        self._connections: set[ModeratorConnection] = set()

    @property
    def feed(self) -> ModeratorFeed:
        return self._feed

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(f"{self.prefix}/api/state", self.get_state),
            web.post(f"{self.prefix}/api/commands", self.post_command),
            web.get(f"{self.prefix}/ws", self.websocket),
        ]

    def __len__(self) -> int:
        return len(self._connections)

    async def get_state(self, request: web.Request) -> web.Response:
        return json_reply(encode(self._feed.snapshot()))

    async def post_command(self, request: web.Request) -> web.Response:
        try:
            command = decode_command(await read_body(request)).message
            done = self._commands.execute(command)
        except REFUSED as refused:
            return refused_reply(refused)
        return json_reply(encode(done))

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(
            heartbeat=HEARTBEAT_SECONDS, compress=False, max_msg_size=WEBSOCKET_MAX_MSG_SIZE
        )
        await socket.prepare(request)
        connection = ModeratorConnection(socket, self._feed)
        self._connections.add(connection)
        try:
            async for frame in socket:
                if frame.type is WSMsgType.TEXT:
                    self._handle(connection, frame.data)
                elif frame.type is WSMsgType.BINARY:
                    connection.send(error("bad_envelope", "Send messages as JSON text."))
        finally:
            self._connections.discard(connection)
            await connection.stop()
        return socket

    def _handle(self, connection: ModeratorConnection, raw: str) -> None:
        ref: str | None = None
        try:
            incoming = decode_from_moderator(raw)
            ref = incoming.ref
            if isinstance(incoming.message, Resync):
                connection.resync()
                return
            done = self._commands.execute(incoming.message)
        except REFUSED as refused:
            if isinstance(refused, ProtocolError) and refused.ref is not None:
                ref = refused.ref  # a readable envelope refused for its content
            refusal = refusal_for(refused)
            connection.send(error(refusal.code, refusal.message, ref))
        else:
            connection.send(encode(done, ref))

    async def close_all(self) -> None:
        """Close every moderator's socket (1001: they reconnect by themselves)."""
        connections = list(self._connections)
        self._connections.clear()
        await asyncio.gather(*(c.finish(FINISH_SECONDS) for c in connections))
        await asyncio.gather(
            *(close_socket(c.socket, WSCloseCode.GOING_AWAY) for c in connections),
            return_exceptions=True,
        )
