"""WebSocket fan-out: every message serialised once, every client with its own queue.

A client's queue holds at most one message per *slot* (``"session"``, ``"count"``,
…): a newer message replaces an unsent older one, so a slow phone gets only the
latest state and never holds up the others or grows memory. Large fan-outs yield
to the event loop every :data:`FANOUT_CHUNK` clients so the GUI never stalls.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable

from aiohttp import WSCloseCode, web

log = logging.getLogger(__name__)

FANOUT_CHUNK = 250
SEND_TIMEOUT_SECONDS = 10.0
MAX_PENDING_SLOTS = 64


class Client:
    """One connected WebSocket and the messages waiting to be sent to it."""

    def __init__(self, socket: web.WebSocketResponse, participant_id: int | None) -> None:
        self.socket = socket
        self.participant_id = participant_id
        self._pending: dict[str, str] = {}
        self._wake = asyncio.Event()
        self._closed = False
        self._pump_task = asyncio.get_running_loop().create_task(self._pump())

    def offer(self, slot: str, message: str) -> None:
        """Queue ``message``, replacing any unsent message of the same slot."""
        if self._closed:
            return
        self._pending.pop(slot, None)
        if len(self._pending) >= MAX_PENDING_SLOTS:
            log.info("A client fell too far behind; closing it so it reconnects")
            self._closed = True
            self._pump_task.cancel()
            asyncio.get_running_loop().create_task(
                self.socket.close(code=WSCloseCode.TRY_AGAIN_LATER)
            )
            return
        self._pending[slot] = message
        self._wake.set()

    async def _pump(self) -> None:
        try:
            while not self._closed:
                await self._wake.wait()
                self._wake.clear()
                while self._pending and not self.socket.closed:
                    slot = next(iter(self._pending))
                    message = self._pending.pop(slot)
                    async with asyncio.timeout(SEND_TIMEOUT_SECONDS):
                        await self.socket.send_str(message)
        except (ConnectionError, TimeoutError, RuntimeError):
            self._closed = True
            with contextlib.suppress(Exception):
                await self.socket.close(code=WSCloseCode.GOING_AWAY)

    async def stop(self) -> None:
        self._closed = True
        self._pump_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._pump_task


class Hub:
    """The set of connected clients of one kind (phones, or moderator pages)."""

    def __init__(self, name: str, on_count_changed: Callable[[int], None] | None = None) -> None:
        self.name = name
        self._clients: set[Client] = set()
        self._on_count_changed = on_count_changed
        self._outbox: deque[tuple[str, str]] = deque()
        self._fanout_task: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        return len(self._clients)

    def add(self, socket: web.WebSocketResponse, participant_id: int | None = None) -> Client:
        client = Client(socket, participant_id)
        self._clients.add(client)
        self._notify_count()
        return client

    async def remove(self, client: Client) -> None:
        if client in self._clients:
            self._clients.discard(client)
            self._notify_count()
        await client.stop()

    def broadcast(self, slot: str, message: str) -> None:
        """Offer an already serialised ``message`` to every client, in order of calls."""
        if not self._clients:
            return
        self._outbox.append((slot, message))
        if self._fanout_task is None or self._fanout_task.done():
            self._fanout_task = asyncio.get_running_loop().create_task(self._fan_out())

    async def _fan_out(self) -> None:
        while self._outbox:
            slot, message = self._outbox.popleft()
            for index, client in enumerate(list(self._clients), start=1):
                client.offer(slot, message)
                if index % FANOUT_CHUNK == 0:
                    await asyncio.sleep(0)

    async def close_all(self, code: int = WSCloseCode.GOING_AWAY) -> None:
        """Close every socket (1001 by default: the phones reconnect by themselves)."""
        clients = list(self._clients)
        self._clients.clear()
        self._outbox.clear()
        for client in clients:
            await client.stop()
            with contextlib.suppress(Exception):
                await client.socket.close(code=code, message=b"server shutting down")
        self._notify_count()

    def _notify_count(self) -> None:
        if self._on_count_changed is not None:
            self._on_count_changed(len(self._clients))
