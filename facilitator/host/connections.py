"""How many connections the host keeps open, from whom, and for how long before a request.

One device must not be able to make the session unreachable by opening sockets and
never using them. Every connection counts against its address and against the total,
which stays below the process's open-file limit:

- an address may hold :attr:`ConnectionBudget.per_address` connections (a venue's NAT
  puts hundreds of phones behind one address, so this is generous); more are refused;
- a connection that has not sent a complete request within
  :attr:`ConnectionBudget.first_request_seconds` is closed (idle and half-sent ones);
- when the total is reached, a new connection takes the place of one that has not sent
  a request yet: among the oldest such, the one whose address holds the most; only when
  there is none is the new one refused. Phones that have been served keep their sockets.
  Making room looks at no more than the 64 oldest; the deadline's sweep only at the
  connections past it.

Keep-alive after a request is aiohttp's (``KEEPALIVE_SECONDS``, ``protocol/http.py``); a
phone's WebSocket that does not say ``hello`` is closed by the phones' API.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

log = logging.getLogger(__name__)

FILES_KEPT_FOR_THE_HOST = 256  # the database, logs, the listening socket, mDNS, …
MOST_CONNECTIONS = 20_000
PER_ADDRESS = 1_024
FIRST_REQUEST_SECONDS = 10.0
OLDEST_CONSIDERED = 64  # making room looks at this many of the oldest unused connections

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class ConnectionBudget:
    total: int
    per_address: int = PER_ADDRESS
    first_request_seconds: float = FIRST_REQUEST_SECONDS

    @classmethod
    def from_open_file_limit(cls) -> ConnectionBudget:
        """What the process may hold open, less what the host needs for itself."""
        if sys.platform == "win32":  # no per-process descriptor limit to stay under
            return cls(total=MOST_CONNECTIONS)
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft == resource.RLIM_INFINITY:
            return cls(total=MOST_CONNECTIONS)
        return cls(total=max(16, min(MOST_CONNECTIONS, soft - FILES_KEPT_FOR_THE_HOST)))


@dataclass(slots=True)
class _Connection:
    transport: asyncio.Transport
    address: str
    opened_at: float


@dataclass(slots=True)
class _Counts:
    refused: int = 0
    evicted: int = 0
    timed_out: int = 0
    by_address: Counter[str] = field(default_factory=Counter)


class ConnectionGuard:
    """Wraps the server's protocol factory (``loop.create_server(guard, …)``)."""

    def __init__(
        self,
        factory: Callable[[], asyncio.Protocol],
        budget: ConnectionBudget,
        clock: Clock = time.monotonic,
    ) -> None:
        self._factory = factory
        self.budget = budget
        self._clock = clock
        self._open: dict[asyncio.BaseTransport, _Connection] = {}
        # Not yet served, oldest first (dicts keep insertion order).
        self._unserved: dict[asyncio.BaseTransport, _Connection] = {}
        self._counts = _Counts()
        self._sweeper: asyncio.TimerHandle | None = None

    def __call__(self) -> asyncio.Protocol:
        return _GuardedProtocol(self, self._factory())

    def __len__(self) -> int:
        return len(self._open)

    @property
    def refused(self) -> int:
        return self._counts.refused

    @property
    def closed_unused(self) -> int:
        """Connections closed for sending no request in time, or to make room."""
        return self._counts.timed_out + self._counts.evicted

    def served(self, transport: asyncio.BaseTransport | None) -> None:
        """A complete request arrived on ``transport``: it is a client, not a squatter."""
        if transport is not None:
            self._unserved.pop(transport, None)

    def start(self) -> None:
        self._schedule_sweep()

    def stop(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None

    # The protocol's hooks

    def admit(self, transport: asyncio.Transport) -> bool:
        address = _address_of(transport)
        if self._counts.by_address[address] >= self.budget.per_address:
            return self._refuse()
        if len(self._open) >= self.budget.total and not self._make_room():
            return self._refuse()
        connection = _Connection(transport, address, self._clock())
        self._open[transport] = connection
        self._unserved[transport] = connection
        self._counts.by_address[address] += 1
        return True

    def forget(self, transport: asyncio.BaseTransport) -> None:
        connection = self._open.pop(transport, None)
        self._unserved.pop(transport, None)
        if connection is not None:
            by_address = self._counts.by_address
            by_address[connection.address] -= 1
            if by_address[connection.address] <= 0:
                del by_address[connection.address]

    # Keeping within the budget

    def _refuse(self) -> bool:
        self._counts.refused += 1
        if self._counts.refused in (1, 100, 10_000):
            log.warning("Refused a connection over the budget (%d so far)", self._counts.refused)
        return False

    def _make_room(self) -> bool:
        """Close one of the oldest connections that never sent a request: the one whose
        address holds the most (a flood's, rather than a phone's that is just arriving)."""
        oldest = list(itertools.islice(self._unserved.values(), OLDEST_CONSIDERED))
        if not oldest:
            return False
        by_address = self._counts.by_address
        victim = min(oldest, key=lambda c: (-by_address[c.address], c.opened_at))
        self._counts.evicted += 1
        self._close(victim)
        return True

    def _schedule_sweep(self) -> None:
        interval = min(1.0, self.budget.first_request_seconds / 2)
        self._sweeper = asyncio.get_running_loop().call_later(interval, self._sweep)

    def _sweep(self) -> None:
        deadline = self._clock() - self.budget.first_request_seconds
        expired = list(
            itertools.takewhile(lambda c: c.opened_at <= deadline, self._unserved.values())
        )
        for connection in expired:
            self._counts.timed_out += 1
            self._close(connection)
        self._schedule_sweep()

    def _close(self, connection: _Connection) -> None:
        self.forget(connection.transport)
        connection.transport.abort()


def _address_of(transport: asyncio.BaseTransport) -> str:
    peer = transport.get_extra_info("peername")
    return str(peer[0]) if isinstance(peer, tuple) and peer else "?"


class _GuardedProtocol(asyncio.Protocol):
    """The server's own protocol, admitted (or not) by the guard first."""

    def __init__(self, guard: ConnectionGuard, inner: asyncio.Protocol) -> None:
        self._guard = guard
        self._inner = inner
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport (uvloop's are not asyncio.Transport subclasses, but alike).
        transport = cast(asyncio.Transport, transport)
        if not self._guard.admit(transport):
            transport.abort()
            return
        self._transport = transport
        self._inner.connection_made(transport)

    @property
    def _admitted(self) -> bool:
        return self._transport is not None

    def connection_lost(self, exc: Exception | None) -> None:
        if self._transport is not None:
            self._guard.forget(self._transport)
            self._inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._admitted:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._admitted else None

    def pause_writing(self) -> None:
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._inner.resume_writing()
