"""The fan-out hub: latest-wins per slot, slow phones never hold up the others."""

from __future__ import annotations

import asyncio

from aiohttp import web

from facilitator.host import hub as hub_module
from facilitator.host.hub import Hub
from tests.waiting import wait_until


class RecordingSocket:
    """Stands in for a WebSocket: records what is sent; may be made slow."""

    def __init__(self, gate: asyncio.Event | None = None) -> None:
        self.sent: list[str] = []
        self.closed = False
        self.close_code: int | None = None
        self._gate = gate

    async def send_frame(self, message: bytes, opcode: object) -> None:
        if self._gate is not None:
            await self._gate.wait()
        self.sent.append(message.decode())

    async def close(self, code: int = 1000, message: bytes = b"") -> bool:
        self.closed = True
        self.close_code = code
        return True


def as_socket(socket: RecordingSocket) -> web.WebSocketResponse:
    return socket  # type: ignore[return-value]


async def test_every_client_gets_each_message_in_order() -> None:
    hub = Hub("phones")
    sockets = [RecordingSocket() for _ in range(3)]
    clients = [hub.add(as_socket(s)) for s in sockets]
    hub.broadcast("session", b"s1")
    hub.broadcast("count", b"c1")
    await wait_until(lambda: all(len(s.sent) == 2 for s in sockets))
    assert all(s.sent == ["s1", "c1"] for s in sockets)
    for client in clients:
        await hub.remove(client)
    assert len(hub) == 0


async def test_a_slow_phone_gets_only_the_latest_and_does_not_hold_up_others() -> None:
    hub = Hub("phones")
    gate = asyncio.Event()
    slow, fast = RecordingSocket(gate), RecordingSocket()
    hub.add(as_socket(slow))
    hub.add(as_socket(fast))
    hub.broadcast("count", b"count-1")
    await wait_until(lambda: fast.sent == ["count-1"])
    for n in range(2, 50):
        hub.broadcast("count", (f"count-{n}").encode())
    hub.broadcast("session", b"session-new")
    hub.broadcast("count", b"count-50")
    await wait_until(lambda: fast.sent[-1:] == ["count-50"])
    assert "session-new" in fast.sent
    assert slow.sent == []
    gate.set()
    # The first send was already under way; then only the newest of each slot, in order.
    await wait_until(lambda: slow.sent[-1:] == ["count-50"])
    assert slow.sent == ["count-1", "session-new", "count-50"]
    await hub.close_all()


async def test_a_client_with_too_many_distinct_pending_messages_is_closed(
    monkeypatch: object,
) -> None:
    hub = Hub("phones")
    gate = asyncio.Event()
    stuck = RecordingSocket(gate)
    client = hub.add(as_socket(stuck))
    for n in range(hub_module.MAX_PENDING_SLOTS + 2):
        client.offer(f"reply-{n}", b"x")
    await wait_until(lambda: stuck.closed)
    assert stuck.close_code == 1013
    gate.set()
    await hub.close_all()


async def test_large_fan_out_yields_to_the_loop() -> None:
    hub = Hub("phones")
    sockets = [RecordingSocket() for _ in range(hub_module.FANOUT_CHUNK * 4)]
    for socket in sockets:
        hub.add(as_socket(socket))
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    task = asyncio.get_running_loop().create_task(ticker())
    await asyncio.sleep(0)
    before = ticks
    hub.broadcast("session", b"s")
    await wait_until(lambda: all(s.sent == ["s"] for s in sockets))
    task.cancel()
    assert ticks - before >= 3  # the loop ran other work between chunks
    counts: list[int] = []
    hub_with_count = Hub("phones", counts.append)
    extra = hub_with_count.add(as_socket(RecordingSocket()))
    await hub_with_count.remove(extra)
    assert counts == [1, 0]
    await hub.close_all()
    assert all(s.closed and s.close_code == 1001 for s in sockets)


async def test_latest_wins_across_the_whole_fan_out() -> None:
    """A count that is already stale is never sent: clients not reached yet when a newer
    count arrives get only the newer one, and a client that connects meanwhile gets
    none of the older ones (it starts from its own state)."""
    hub = Hub("phones")
    sockets = [RecordingSocket() for _ in range(hub_module.FANOUT_CHUNK * 4)]
    for socket in sockets:
        hub.add(as_socket(socket))
    hub.broadcast("count", b"count-1")
    await asyncio.sleep(0)  # the fan-out has reached the first chunk only
    late = RecordingSocket()
    hub.add(as_socket(late))
    hub.broadcast("count", b"count-2")
    await asyncio.sleep(0)
    hub.broadcast("count", b"count-3")
    everyone = [*sockets, late]
    await wait_until(lambda: all(s.sent[-1:] == ["count-3"] for s in everyone))
    for socket in everyone:
        assert socket.sent == sorted(socket.sent)  # in order, nothing older after newer
    assert sockets[0].sent[0] == "count-1"
    assert sockets[-1].sent == ["count-3"]  # never reached while 1 or 2 were the newest
    assert late.sent == ["count-3"]
    assert sum(len(s.sent) for s in everyone) < 2 * len(everyone)
    await hub.close_all()
