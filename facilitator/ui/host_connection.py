"""The console's one connection to the session host: the moderator stream and commands.

It speaks the same protocol as the moderator page (docs/protocol.md,
"Moderators"): the stream feeds a :class:`SessionMirror`; commands go out with a
``ref`` and their refusals come back to whoever sent them. When the connection
drops it comes back by itself, with a growing delay, and starts from a snapshot.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
from collections.abc import Callable, Coroutine
from typing import Protocol

import aiohttp
from PySide6.QtCore import QObject, Signal

from facilitator.protocol.commands import Command
from facilitator.protocol.envelope import Error, ProtocolError, encode
from facilitator.protocol.moderator import Done, Resync, decode_to_moderator
from facilitator.protocol.phone import Logo
from facilitator.ui.logo_client import LogoClient, LogoSize
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

OnRefused = Callable[[str, str], None]  # code, message
OnDone = Callable[[], None]
HEARTBEAT_SECONDS = 10.0
MAX_STREAM_MESSAGE_BYTES = 256 * 1024 * 1024
RETRY_FIRST_SECONDS = 0.2
RETRY_MAX_SECONDS = 2.0
NOT_CONNECTED = QT_TRANSLATE_NOOP(
    "HostConnection", "Not connected to the session host; try again in a moment."
)
CONNECTION_LOST = QT_TRANSLATE_NOOP(
    "HostConnection", "The connection to the session host dropped; look whether it happened."
)


class CommandPort(Protocol):
    """Where the windows send commands.

    ``on_done`` runs once the host has committed the command (the mirror already
    shows its effect); a refusal comes back to ``on_refused`` instead.
    """

    def send(
        self,
        command: Command,
        on_refused: OnRefused | None = None,
        on_done: OnDone | None = None,
    ) -> None: ...


class HostConnection(QObject):
    """``status_changed`` says "connecting", "live" or "lost"; ``refused`` carries the
    refusals of commands sent without a handler of their own."""

    status_changed = Signal(str)
    refused = Signal(str, str)

    def __init__(
        self, mirror: SessionMirror, stream_url: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._mirror = mirror
        self._url = stream_url
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._pending: dict[str, tuple[OnRefused | None, OnDone | None]] = {}
        self._refs = (f"c{n}" for n in itertools.count(1))
        self._stop = asyncio.Event()
        self._retry_now = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self.status = "connecting"
        mirror.gap.connect(self._ask_for_snapshot)

    @property
    def live(self) -> bool:
        return self._socket is not None and not self._socket.closed

    def set_url(self, stream_url: str) -> None:
        """Connect to another address from the next attempt on (a restarted host)."""
        self._url = stream_url

    async def run(self) -> None:
        """Stay connected until :meth:`stop`."""
        attempt = 0
        async with aiohttp.ClientSession() as http:
            while not self._stop.is_set():
                self._set_status("connecting" if attempt == 0 else "lost")
                try:
                    async with http.ws_connect(
                        self._url,
                        heartbeat=HEARTBEAT_SECONDS,
                        max_msg_size=MAX_STREAM_MESSAGE_BYTES,
                        compress=0,
                    ) as socket:
                        attempt = 0
                        await self._serve(socket)
                except (aiohttp.ClientError, OSError, TimeoutError) as error:
                    log.debug("No connection to the session host: %s", type(error).__name__)
                if self._stop.is_set():
                    break
                self._set_status("lost")
                self._retry_now.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._retry_now.wait(), _backoff(attempt))
                attempt += 1

    async def _serve(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        try:
            async for frame in socket:
                if frame.type is aiohttp.WSMsgType.TEXT:
                    self._receive(frame.data)
        finally:
            self._socket = None
            self._fail_pending()

    def reconnect_now(self) -> None:
        """Try again at once (the host was just restarted) instead of after the delay."""
        self._retry_now.set()

    def stop(self) -> None:
        """Close the connection; :meth:`run` returns soon after."""
        self._stop.set()
        self._retry_now.set()
        if self._socket is not None:
            self._in_background(self._close(self._socket))

    async def _close(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        await socket.close()

    def _in_background(self, work: Coroutine[object, object, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # Commands

    def send(
        self,
        command: Command,
        on_refused: OnRefused | None = None,
        on_done: OnDone | None = None,
    ) -> None:
        socket = self._socket
        if socket is None or socket.closed:
            self._refuse(on_refused, "not_connected", translate("HostConnection", NOT_CONNECTED))
            return
        ref = next(self._refs)
        self._pending[ref] = (on_refused, on_done)
        self._in_background(self._send(socket, encode(command, ref)))

    async def _send(self, socket: aiohttp.ClientWebSocketResponse, message: bytes) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await socket.send_str(message.decode())

    def _ask_for_snapshot(self) -> None:
        if self._socket is not None:
            log.info("A change was missed; asking the host for a snapshot")
            self._in_background(self._send(self._socket, encode(Resync())))

    # The organiser's logo, over HTTP beside the stream (``logo_client.py``)

    async def upload_logo(self, data: bytes) -> Logo:
        """Upload an image file; the host's answer names it for a set-up (raises
        :class:`~facilitator.ui.logo_client.LogoRefused`)."""
        return await LogoClient(self._url).upload_logo(data)

    async def fetch_logo(self, version: str, size: LogoSize) -> bytes:
        """A rendition of the session's logo or of one uploaded and waiting."""
        return await LogoClient(self._url).fetch_logo(version, size)

    # Receiving

    def _receive(self, raw: str) -> None:
        try:
            incoming = decode_to_moderator(raw)
        except ProtocolError as error:
            log.warning("The host sent a message this console does not understand: %s", error)
            return
        message = incoming.message
        match message:
            case Done():
                _, on_done = self._pending.pop(incoming.ref or "", (None, None))
                if on_done is not None:
                    on_done()
            case Error(code=code, message=text):
                on_refused, _ = self._pending.pop(incoming.ref or "", (None, None))
                self._refuse(on_refused, code, text)
            case _:
                self._mirror.apply(message)
                self._set_status("live")

    def _refuse(self, handler: OnRefused | None, code: str, message: str) -> None:
        if handler is not None:
            handler(code, message)
        else:
            self.refused.emit(code, message)

    def _fail_pending(self) -> None:
        pending, self._pending = self._pending, {}
        for on_refused, _ in pending.values():
            self._refuse(
                on_refused, "connection_lost", translate("HostConnection", CONNECTION_LOST)
            )

    def _set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            log.info("Connection to the session host: %s", status)
            self.status_changed.emit(status)


def _backoff(attempt: int) -> float:
    delay: float = min(RETRY_MAX_SECONDS, RETRY_FIRST_SECONDS * 2.0 ** min(attempt, 10))
    return delay * random.uniform(0.8, 1.2)
