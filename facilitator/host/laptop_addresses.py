"""The laptop's own addresses, read again every few seconds, and who follows them.

Two things hang on them. **Who is the laptop**: a connection from loopback or from one
of the laptop's own addresses is the laptop itself (the facilitator's browser opening
the phone page), not a phone of the room. **Following the network**: when the laptop
changes networks mid-session its addresses change, and the join link, the names the
host answers to and the mDNS advertisement must follow (``host/address_follow.py``).

Reading the interfaces costs well under a millisecond, so they are simply read every
:data:`POLL_SECONDS`. A change is acted on once two readings in a row agree, so that a
Wi-Fi that drops for a moment and an interface half set up are not followed.

The interfaces come from an injectable source, so tests simulate a laptop whose
network changes (no real network is touched). Tests also say whether all of
127.0.0.0/8 is the laptop: on a laptop it is; in tests each simulated phone speaks from
a loopback address of its own (127.0.0.2 and on) and stands for another device.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
from collections.abc import Callable, Iterable

from facilitator.join.addresses import local_ipv4_interfaces

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0

Interface = tuple[str, str]  # (interface name, IPv4 address)
Interfaces = Callable[[], Iterable[Interface]]
Listener = Callable[[tuple[Interface, ...]], None]


class LaptopAddresses:
    """``interfaces`` reads the laptop's ``(interface, address)`` pairs; with
    ``loopback_is_laptop`` false, only the loopback addresses those pairs name are the
    laptop's (tests: 127.0.0.1 is the laptop, 127.0.0.2 and on are phones)."""

    def __init__(
        self,
        interfaces: Interfaces = local_ipv4_interfaces,
        *,
        loopback_is_laptop: bool = True,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self._read = interfaces
        self._loopback_is_laptop = loopback_is_laptop
        self._poll_seconds = poll_seconds
        self._listeners: list[Listener] = []
        self._current: tuple[Interface, ...] = ()
        self._current = self._read_now()
        self._ips = frozenset(ip for _, ip in self._current)
        self._pending: tuple[Interface, ...] | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def interfaces(self) -> tuple[Interface, ...]:
        """The pairs as last settled (sorted)."""
        return self._current

    def read_interfaces(self) -> list[Interface]:
        """The pairs as they are this moment (what :class:`AllowedHosts` reads)."""
        return list(self._read_now())

    def is_laptop(self, address: str | None) -> bool:
        """Whether a connection from ``address`` comes from this laptop (no address: yes,
        it cannot be told from a phone, so it is not counted as one)."""
        if not address:
            return True
        try:
            ip = ipaddress.ip_address(address.partition("%")[0])
        except ValueError:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # a server listening on "::" sees IPv4 peers so
        return str(ip) in self._ips or (self._loopback_is_laptop and ip.is_loopback)

    def subscribe(self, listener: Listener) -> None:
        """``listener`` hears the new pairs each time they settle on something new."""
        self._listeners.append(listener)

    def poll(self) -> bool:
        """Read once; return whether a change settled (and was announced) now."""
        reading = self._read_now()
        if reading == self._current:
            self._pending = None
            return False
        if reading != self._pending:
            self._pending = reading  # seen once: wait for the next reading to agree
            return False
        self._pending = None
        self._current = reading
        self._ips = frozenset(ip for _, ip in reading)
        log.info("The laptop's addresses changed: %d now", len(reading))
        for listener in list(self._listeners):
            listener(reading)
        return True

    def start(self) -> None:
        """Poll every few seconds on the running loop until :meth:`stop`."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._poll_seconds)
            try:
                self.poll()
            except Exception:  # a listener's bug must not stop the following
                log.exception("Following the laptop's addresses failed once")

    def _read_now(self) -> tuple[Interface, ...]:
        try:
            pairs = self._read()
        except OSError as error:  # an interface going away while it is read
            log.warning("Could not read the laptop's addresses: %s", type(error).__name__)
            return self._current  # as before: nothing is followed on a failed reading
        return tuple(sorted(set(pairs)))
