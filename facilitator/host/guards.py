"""Who may talk to the host at all: the names it answers to, and same-origin browsers.

**Host.** A page on another site can make the facilitator's own browser send requests
to the laptop under the attacker's name (DNS rebinding): the browser then treats the
laptop as that site. The host answers only to the names it really has: its addresses
(read again when an unknown one is asked for, so a new network is followed), its mDNS
names, ``localhost``, and the names allowed with ``--allow-host``.

**Origin.** Browsers say where a request comes from. A WebSocket upgrade or a ``POST``
that names another origin than the host's own comes from someone else's page, and is
refused; clients that are not browsers (the console, simulated phones) send none.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from aiohttp import hdrs, web

from facilitator.join.addresses import local_ipv4_interfaces

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
REFRESH_AFTER_SECONDS = 2.0

Clock = Callable[[], float]
Interfaces = Callable[[], Iterable[tuple[str, str]]]


def host_name(host_header: str) -> str:
    """``Host`` without its port, lower case, without a final dot; IPv6 without brackets."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    if host.count(":") == 1:
        host = host.partition(":")[0]
    return host.rstrip(".")


def mdns_names() -> frozenset[str]:
    """The ``.local`` names phones and laptops may use for this machine."""
    short = socket.gethostname().split(".")[0].lower()
    return frozenset({f"{short}.local", f"confessional-{short}.local"})


class AllowedHosts:
    """The names this host answers to; the laptop's addresses are looked up again (at most
    every :data:`REFRESH_AFTER_SECONDS`) when a request names an unknown one."""

    def __init__(
        self,
        extra: Iterable[str] = (),
        *,
        interfaces: Interfaces = local_ipv4_interfaces,
        clock: Clock = time.monotonic,
    ) -> None:
        self._fixed = LOOPBACK_NAMES | mdns_names() | {host_name(name) for name in extra}
        self._interfaces = interfaces
        self._clock = clock
        self._addresses: frozenset[str] = frozenset()
        self._read_at: float | None = None
        self.refresh()

    def allows(self, host_header: str | None) -> bool:
        if not host_header:
            return False
        name = host_name(host_header)
        if name in self._fixed or name in self._addresses:
            return True
        if _is_loopback(name):
            return True
        if self._stale():
            self.refresh()
            return name in self._addresses
        return False

    def _stale(self) -> bool:
        return self._read_at is None or self._clock() - self._read_at >= REFRESH_AFTER_SECONDS

    def refresh(self) -> None:
        """Read the laptop's addresses now (they changed: the old ones are no longer
        answered to, the new ones are)."""
        self._read_at = self._clock()
        self._addresses = frozenset(address for _, address in self._interfaces())


def _is_loopback(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def same_origin(request: web.Request) -> bool:
    """No ``Origin`` (not a browser), or the host's own: scheme http(s), the same host."""
    origin = request.headers.get(hdrs.ORIGIN)
    if origin is None:
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:  # not a URL at all ("http://[")
        return False
    host = request.headers.get(hdrs.HOST, "")
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.strip().lower()


def is_websocket_upgrade(request: web.Request) -> bool:
    return request.headers.get(hdrs.UPGRADE, "").lower() == "websocket"


def changes_state(request: web.Request) -> bool:
    """What a page elsewhere must not be able to make a visitor's browser do here."""
    return request.method not in ("GET", "HEAD", "OPTIONS") or is_websocket_upgrade(request)
