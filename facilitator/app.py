"""Wiring: the app comes up in one order and goes down in the reverse.

store → session → live updates → server → (windows | JSON line) → discovery;
stop: discovery → windows → server (sockets closed with 1001) → live → store.
Everything runs on one thread and one event loop: Qt's, through qasync.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from facilitator import paths
from facilitator.core.events import EventBus
from facilitator.core.model import SessionInfo
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.net.addresses import JoinInfo, choose_advertised, join_info
from facilitator.net.discovery import Discovery
from facilitator.net.live import LiveUpdates
from facilitator.net.server import ConfessionalServer, PortInUse
from facilitator.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from facilitator.ui.bridge import CoreBridge
    from facilitator.ui.console import ConsoleWindow
    from facilitator.ui.projector import ProjectorWindow

log = logging.getLogger(__name__)

DEFAULT_PORT = 8737
AskResume = Callable[[SessionInfo], bool]


@dataclass(frozen=True, slots=True)
class Options:
    data_dir: Path
    host: str = "0.0.0.0"
    port: int | None = None
    zeroconf: bool = True
    headless: bool = False
    new_session: bool = False


class StartupError(Exception):
    """The app cannot start; the message says what to do."""


class ConfessionalApp:
    def __init__(
        self,
        options: Options,
        ask_resume: AskResume | None = None,
        stdout: TextIO = sys.stdout,
    ) -> None:
        self.options = options
        self._ask_resume = ask_resume
        self._stdout = stdout
        self.bus = EventBus()
        self.store: Store | None = None
        self.service: SessionService | None = None
        self.resumed = False
        self.live: LiveUpdates | None = None
        self.server: ConfessionalServer | None = None
        self.discovery = Discovery()
        self.join: JoinInfo | None = None
        self.bridge: CoreBridge | None = None
        self.console: ConsoleWindow | None = None
        self.projector: ProjectorWindow | None = None
        self.settings = Settings()
        self._stop_requested = asyncio.Event()
        self._discovery_task: asyncio.Task[bool] | None = None

    # Start

    def open_session(self) -> SessionService:
        """Open the store and resume the unfinished session or start a new one.

        Synchronous on purpose: the console may ask the facilitator with a modal
        question, which is only safe before the event loop runs.
        """
        data_dir = self.options.data_dir
        log.info("Opening the session store")
        self.store = Store.open(data_dir)
        transcripts = paths.transcripts_dir(data_dir)
        unfinished = None if self.options.new_session else self.store.latest_open_session()
        if unfinished is not None and self._should_resume(unfinished):
            self.service = SessionService.resume(self.store, self.bus, unfinished, transcripts)
            self.resumed = True
        else:
            self.service = SessionService.start_new(self.store, self.bus, transcripts)
        return self.service

    def _should_resume(self, session: SessionInfo) -> bool:
        if self.options.headless or self._ask_resume is None:
            return True
        return self._ask_resume(session)

    async def start(self) -> None:
        service = self.service or self.open_session()
        self.live = LiveUpdates(service, on_phones_connected=self._phones_connected)
        port, fallback = self._port_plan(service.session)
        self.server = ConfessionalServer(
            service, self.live, paths.web_root(), self.options.host, port
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
        advertised, candidates = choose_advertised(self.options.host)
        self.join = join_info(advertised, bound, service.session.moderator_secret, candidates)
        if self.options.headless:
            self._announce()
        else:
            self._open_windows()
        if self.options.zeroconf:
            self._discovery_task = asyncio.get_running_loop().create_task(
                self.discovery.start(advertised, bound)
            )
        log.info("Ready: %d address candidate(s)", len(candidates))

    def _port_plan(self, session: SessionInfo) -> tuple[int, bool]:
        """Which port to listen on, and whether another one will do if it is taken."""
        if self.options.port is not None:
            return self.options.port, False
        if session.port is not None:
            return session.port, False  # phones of this session keep their storage per origin
        return DEFAULT_PORT, True

    def _announce(self) -> None:
        assert self.join is not None
        line = {"join_url": self.join.join_url, "moderator_url": self.join.moderator_url}
        self._stdout.write(json.dumps(line) + "\n")
        self._stdout.flush()
        others = [c.label for c in self.join.candidates if c.ip != self.join.host_ip]
        # The laptop's own addresses, for the person at the terminal (not through logging,
        # whose privacy filter removes every IP address).
        sys.stderr.write(f"Phones join at {self.join.join_url}\n")
        if others:
            sys.stderr.write(f"Other addresses of this laptop: {', '.join(others)}\n")
        sys.stderr.flush()

    def _open_windows(self) -> None:
        from facilitator.ui.bridge import CoreBridge
        from facilitator.ui.console import ConsoleWindow
        from facilitator.ui.projector import ProjectorWindow

        assert self.service is not None and self.join is not None
        self.settings = load_settings(self.options.data_dir)
        self.bridge = CoreBridge(self.bus)
        self.projector = ProjectorWindow(self.service, self.bridge, self.join)
        self.console = ConsoleWindow(self.service, self.bridge, self.join)
        self.console.close_requested.connect(self.request_stop)
        self.projector.placement_changed.connect(self.console.set_projector_status)
        self.console.projector_screen.set_choice(self.settings.projector_screen)
        self.console.projector_screen.screen_chosen.connect(self._choose_projector_screen)
        self.projector.place(self.settings.projector_screen)
        self.console.show()

    def _choose_projector_screen(self, key: str | None) -> None:
        """Move the projector to the facilitator's choice and remember it for next time."""
        assert self.projector is not None
        log.info("Projector screen chosen: %s", key or "automatic")
        self.projector.place(key)
        self.settings = replace(self.settings, projector_screen=key)
        try:
            save_settings(self.options.data_dir, self.settings)
        except OSError as error:
            log.warning("Could not save the settings: %s", error)
            if self.console is not None:
                self.console.show_message(
                    f"The projector moved, but the choice could not be saved for next time: "
                    f"{error.strerror or error}"
                )

    def report_unexpected(self, message: str) -> None:
        """Show an unexpected error to the facilitator (it is already logged)."""
        if self.console is not None:
            self.console.show_error(message)

    def _phones_connected(self, count: int) -> None:
        if self.bridge is not None:
            self.bridge.set_phones_connected(count)

    # Run and stop

    def request_stop(self) -> None:
        self._stop_requested.set()

    async def wait_for_stop_request(self) -> None:
        await self._stop_requested.wait()

    async def stop(self) -> None:
        log.info("Stopping")
        if self._discovery_task is not None:
            self._discovery_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._discovery_task
        await self.discovery.stop()
        for window in (self.console, self.projector):
            if window is not None:
                window.allow_close()
                window.close()
        if self.server is not None:
            await self.server.stop()
        if self.live is not None:
            self.live.detach()
        if self.bridge is not None:
            self.bridge.detach()
        if self.store is not None:
            self.store.close()
        log.info("Stopped")
