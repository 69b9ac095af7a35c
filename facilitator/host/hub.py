"""WebSocket fan-out to phones: latest wins, end to end.

The hub keeps only the newest message of each *slot* (``"session"``, ``"count"``)
and a version number per slot; nothing queues a sequence of broadcasts. A fan-out
pass offers every client the newest message of each slot it has not been offered
yet, yielding to the event loop every :data:`FANOUT_CHUNK` clients; a broadcast
that arrives during a pass is picked up by the clients not reached yet and by one
more pass for the others. Each client's queue holds at most one message per slot
too (a newer one replaces an unsent older one), so a slow phone gets only the
latest state, never holds up the others and cannot grow memory. Replies to a
phone's own messages use slots of their own and are never replaced.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from aiohttp import WSCloseCode, WSMsgType, web

log = logging.getLogger(__name__)

FANOUT_CHUNK = 250
SEND_TIMEOUT_SECONDS = 10.0
CLOSE_TIMEOUT_SECONDS = 0.5
MAX_PENDING_SLOTS = 64


class Client:
    """One connected WebSocket and the messages waiting to be sent to it."""

    def __init__(
        self, socket: web.WebSocketResponse, participant_id: int | None, counted: bool = True
    ) -> None:
        self.socket = socket
        self.participant_id = participant_id
        self.counted = counted  # a phone of the room (not the laptop's own browser)
        self.offered: dict[str, int] = {}  # slot → version of the newest message offered
        self._pending: dict[str, bytes] = {}
        self._wake = asyncio.Event()
        self._closed = False
        self._pump_task = asyncio.get_running_loop().create_task(self._pump())

    def offer(self, slot: str, message: bytes) -> None:
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
                        await self.socket.send_frame(message, WSMsgType.TEXT)
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
    """The connected phones; ``on_count_changed`` hears how many of them are counted
    (the room's phones: a client added with ``counted=False`` is the laptop's own)."""

    def __init__(self, name: str, on_count_changed: Callable[[int], None] | None = None) -> None:
        self.name = name
        self._clients: dict[Client, None] = {}  # insertion-ordered set
        self._counted = 0
        self._on_count_changed = on_count_changed
        self._latest: dict[str, tuple[int, bytes]] = {}  # slot → (version, message)
        self._version = 0
        self._fanout_task: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        return len(self._clients)

    @property
    def counted(self) -> int:
        return self._counted

    def add(
        self,
        socket: web.WebSocketResponse,
        participant_id: int | None = None,
        *,
        counted: bool = True,
    ) -> Client:
        client = Client(socket, participant_id, counted)
        # A new client starts from the state it is sent on its own (``state``), so it is
        # counted as having been offered everything broadcast so far.
        client.offered = {slot: version for slot, (version, _) in self._latest.items()}
        self._clients[client] = None
        self._counted += counted
        self._notify_count()
        return client

    async def remove(self, client: Client) -> None:
        if client in self._clients:
            del self._clients[client]
            self._counted -= client.counted
            self._notify_count()
        await client.stop()

    def broadcast(self, slot: str, message: bytes) -> None:
        """Make ``message`` the newest of ``slot`` and bring every client up to date."""
        self._version += 1
        self._latest.pop(slot, None)  # offered in the order of the newest broadcasts
        self._latest[slot] = (self._version, message)
        if self._clients and (self._fanout_task is None or self._fanout_task.done()):
            self._fanout_task = asyncio.get_running_loop().create_task(self._fan_out())

    async def _fan_out(self) -> None:
        while True:
            newest = self._version
            for index, client in enumerate(list(self._clients), start=1):
                for slot, (version, message) in list(self._latest.items()):
                    if client.offered.get(slot, 0) < version:
                        client.offered[slot] = version
                        client.offer(slot, message)
                if index % FANOUT_CHUNK == 0:
                    await asyncio.sleep(0)
            # A broadcast while this pass yielded may have missed the clients before it.
            if self._version == newest:
                return

    async def close_all(self, code: int = WSCloseCode.GOING_AWAY) -> None:
        """Close every socket at once (1001 by default: phones reconnect by themselves)."""
        clients = list(self._clients)
        self._clients.clear()
        self._counted = 0
        self._latest.clear()
        if self._fanout_task is not None:
            self._fanout_task.cancel()
        await asyncio.gather(*(client.stop() for client in clients))
        await asyncio.gather(
            *(close_socket(client.socket, code) for client in clients), return_exceptions=True
        )
        self._notify_count()

    def _notify_count(self) -> None:
        if self._on_count_changed is not None:
            self._on_count_changed(self._counted)


async def close_socket(socket: web.WebSocketResponse, code: int) -> None:
    """Close without waiting long for the other side's answer (it may be gone)."""
    with contextlib.suppress(TimeoutError, Exception):
        async with asyncio.timeout(CLOSE_TIMEOUT_SECONDS):
            await socket.close(code=code, message=b"server shutting down")
