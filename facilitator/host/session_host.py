"""The session host: the store, the session, the server, discovery; no windows.

Comes up in one order and goes down in the reverse:
store → session → live updates and the moderator stream → server → join link → discovery
→ following the laptop's addresses → keeping the laptop awake (while the session is open);
stop: following → discovery → server (sockets closed with 1001) → keeping awake → stream
→ store.
No Qt here: the host runs on a plain asyncio loop (uvloop where available).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import msgspec

from facilitator import paths
from facilitator.core.errors import DomainError, StoreUnavailable
from facilitator.core.events import EventBus
from facilitator.core.model import SessionInfo
from facilitator.core.session import SessionService
from facilitator.core.setup_file import PreparedSession
from facilitator.core.store import Store
from facilitator.host.address_follow import AddressFollower
from facilitator.host.commands import HostCommands
from facilitator.host.connections import ConnectionBudget
from facilitator.host.discovery import Discovery
from facilitator.host.feed import ModeratorFeed
from facilitator.host.gc_pacer import GcPacer
from facilitator.host.guards import AllowedHosts
from facilitator.host.keep_awake import KeepAwake
from facilitator.host.laptop_addresses import LaptopAddresses
from facilitator.host.links import WILDCARD_HOSTS, JoinLinks
from facilitator.host.live import LiveUpdates
from facilitator.host.moderator_api import ModeratorApi
from facilitator.host.rehearsal import Rehearsal, local_url
from facilitator.host.server import ConfessionalServer, PortInUse, moderator_prefix
from facilitator.host.shared_addresses import SharedAddresses
from facilitator.protocol.moderator import JoinLink

log = logging.getLogger(__name__)

DEFAULT_PORT = 8737


@dataclass(frozen=True, slots=True)
class HostOptions:
    data_dir: Path
    host: str = "0.0.0.0"
    port: int | None = None
    zeroconf: bool = True
    new_session: bool = False
    allowed_hosts: tuple[str, ...] = ()  # names besides the laptop's own (--allow-host)
    connection_budget: ConnectionBudget | None = None  # None: from the open-file limit
    pace_gc: bool = False  # the host process's own: tests share their process
    rehearse: int | None = None  # a simulated audience of this many phones (--rehearse)
    prepared: PreparedSession | None = None  # --session FILE: a new session, set up so


class StartupError(Exception):
    """The host cannot start; the message says what to do."""


class SessionHost:
    """``laptop`` and ``discovery``: the laptop's addresses and mDNS (tests simulate a
    network that changes, and see what is advertised). The join link follows the
    laptop's addresses when the host listens on every interface; ``follow_addresses``
    says otherwise (tests listen on loopback alone and simulate the rest)."""

    def __init__(
        self,
        options: HostOptions,
        *,
        laptop: LaptopAddresses | None = None,
        discovery: Discovery | None = None,
        follow_addresses: bool | None = None,
    ) -> None:
        self.options = options
        self._follow_addresses = (
            options.host in WILDCARD_HOSTS if follow_addresses is None else follow_addresses
        )
        self.bus = EventBus()
        self.store: Store | None = None
        self.service: SessionService | None = None
        self.resumed = False
        self.links: JoinLinks | None = None
        self.feed: ModeratorFeed | None = None
        self.live: LiveUpdates | None = None
        self.server: ConfessionalServer | None = None
        self.discovery = discovery or Discovery()
        self.laptop = laptop or LaptopAddresses()
        self.gc_pacer: GcPacer | None = None
        self.rehearsal: Rehearsal | None = None
        self.keep_awake: KeepAwake | None = None
        self._discovery_task: asyncio.Task[bool] | None = None
        self._stop_requested = asyncio.Event()
        # Admits a simulated audience (python -m facilitator.sim) for this run of the host.
        self.rehearsal_secret = secrets.token_urlsafe(32)

    @property
    def link(self) -> JoinLink:
        assert self.links is not None, "the host has not started"
        return self.links.link

    def open_session(self) -> SessionService:
        """Open the store; resume the unfinished session (unless told not to) or start one."""
        log.info("Opening the session store")
        self.store = Store.open(self.options.data_dir)
        transcripts = paths.transcripts_dir(self.options.data_dir)
        prepared = self.options.prepared
        fresh = self.options.new_session or prepared is not None
        unfinished = None if fresh else self.store.latest_open_session()
        if unfinished is not None:
            self.service = SessionService.resume(self.store, self.bus, unfinished, transcripts)
            self.resumed = True
        else:
            self.service = SessionService.start_new(self.store, self.bus, transcripts)
            if prepared is not None:
                self.service.prepare(prepared)
                log.info("Set up session %d as prepared", self.service.session.id)
        return self.service

    async def start(self) -> JoinLink:
        """Listen and advertise; return the join link. Raises :class:`StartupError`."""
        service = self.service or self.open_session()
        loop = asyncio.get_running_loop()
        port, fallback = self._port_plan(service.session)
        secret = service.session.moderator_secret
        # Following, any of the laptop's addresses may go in the link (as for 0.0.0.0).
        advertised_for = "0.0.0.0" if self._follow_addresses else self.options.host
        self.links = JoinLinks.for_server(
            advertised_for, port, secret, list(self.laptop.interfaces)
        )
        self.feed = ModeratorFeed(service, self.links, loop.call_later)
        self.live = LiveUpdates(service, on_phones_connected=self.feed.set_phones_connected)
        feed = self.feed
        service.phones_connected = lambda: feed.phones_connected  # the record's shares
        shared_addresses = SharedAddresses()
        logs = self.options.data_dir / "logs"
        self.rehearsal = Rehearsal(service, self.feed, self.rehearsal_secret, logs)
        commands = HostCommands(
            service,
            self.links,
            self.feed,
            shared_addresses,
            on_stop=self.request_stop,
            rehearsal=self.rehearsal,
        )
        moderators = ModeratorApi(self.feed, commands, moderator_prefix(secret))
        allowed_hosts = AllowedHosts(
            self.options.allowed_hosts, interfaces=self.laptop.read_interfaces
        )
        self.server = ConfessionalServer(
            service,
            self.live,
            moderators,
            paths.web_root(),
            host=self.options.host,
            port=port,
            rehearsal_secret=self.rehearsal_secret,
            shared_addresses=shared_addresses,
            allowed_hosts=allowed_hosts,
            connection_budget=self.options.connection_budget,
            laptop=self.laptop,
            on_phone_page=self._phone_page_seen,
        )
        try:
            bound = await self.server.start(fall_back_to_any_port=fallback)
        except PortInUse as error:
            raise StartupError(
                f"Port {port} is in use. This session's phones know that port: close the "
                f"other program using it, or start with --port to choose another."
            ) from error
        if bound != service.session.port:
            service.set_port(bound)
        if self.options.pace_gc:
            self.gc_pacer = GcPacer(self.server.participants.last_activity)
            self.gc_pacer.start()
        self.links.bound_to(bound)
        self.rehearsal.url = local_url(self.options.host, bound)
        if self.options.zeroconf:
            self.links.subscribe(self._advertise)
            self._advertise(self.links.link)
        AddressFollower(self.laptop, self.links, allowed_hosts, self.feed)
        self.laptop.start()
        self.keep_awake = KeepAwake(self._report_awake)
        self.keep_awake.follow(service.bus)
        self.keep_awake.want(service.session.is_open)
        await self.keep_awake.settle()  # the first snapshot says whether it is kept awake
        if self.options.rehearse:
            self._start_rehearsal(self.rehearsal, self.options.rehearse)
        log.info("Ready: %d address candidate(s)", len(self.links.link.candidates))
        return self.links.link

    def request_stop(self) -> None:
        """Ask :meth:`wait_for_stop_request` to return (a signal, or ``stop_host``)."""
        self._stop_requested.set()

    async def wait_for_stop_request(self) -> None:
        await self._stop_requested.wait()

    @staticmethod
    def _start_rehearsal(rehearsal: Rehearsal, phones: int) -> None:
        """``--rehearse``: the audience joins as soon as the host listens; if it cannot
        start, the host serves all the same (moderators see why)."""
        try:
            rehearsal.start(phones)
        except (DomainError, StoreUnavailable) as error:
            log.error("No rehearsal: %s", error)

    def _report_awake(self, keeping_awake: bool, detail: str) -> None:
        """Moderators see whether the laptop is kept awake (``host.changed``)."""
        if self.feed is not None:
            status = self.feed.host_status
            self.feed.set_host_status(
                msgspec.structs.replace(status, keeping_awake=keeping_awake, awake_detail=detail)
            )

    def _phone_page_seen(self) -> None:
        """Another device loaded the phone page: moderators hear it once (``host.changed``)."""
        if self.feed is not None and not self.feed.host_status.phone_page_seen:
            log.info("A phone reached the laptop")
            status = self.feed.host_status
            self.feed.set_host_status(msgspec.structs.replace(status, phone_page_seen=True))

    def _port_plan(self, session: SessionInfo) -> tuple[int, bool]:
        """Which port to listen on, and whether another one will do if it is taken."""
        if self.options.port is not None:
            return self.options.port, False
        if session.port is not None:
            return session.port, False  # phones of this session keep their storage per origin
        return DEFAULT_PORT, True

    def _advertise(self, link: JoinLink) -> None:
        """(Re)advertise ``link`` with mDNS in the background; failure means "off"."""
        previous = self._discovery_task
        self._discovery_task = asyncio.get_running_loop().create_task(
            self._readvertise(previous, link)
        )

    async def _readvertise(self, previous: asyncio.Task[bool] | None, link: JoinLink) -> bool:
        if previous is not None:
            previous.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await previous
        await self.discovery.stop()
        return await self.discovery.start(link.host_ip, link.port)

    @staticmethod
    def _forget_ended_secret(service: SessionService) -> None:
        try:
            service.forget_moderator_secret()
        except StoreUnavailable:
            log.warning("Could not forget the ended session's moderator secret")

    async def stop(self) -> None:
        started = time.perf_counter()
        log.info("Stopping")
        if self.rehearsal is not None:
            await self.rehearsal.close()  # first: its phones need no goodbye
        await self.laptop.stop()
        if self._discovery_task is not None:
            self._discovery_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._discovery_task
        await self.discovery.stop()
        if self.server is not None:
            await self.server.stop()
        if self.keep_awake is not None:
            await self.keep_awake.close()
        if self.live is not None:
            self.live.detach()
        if self.feed is not None:
            self.feed.close()
        if self.service is not None:
            self._forget_ended_secret(self.service)
        if self.store is not None:
            self.store.close()
        if self.gc_pacer is not None:
            await self.gc_pacer.stop()  # last: closing thousands of sockets needs no full GC
        log.info("Stopped in %.2f s", time.perf_counter() - started)
