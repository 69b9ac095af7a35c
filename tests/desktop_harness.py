"""The desktop app on this test's loop, connected over a real socket to a real host.

The host (``SessionHost``) runs in this process too, on the same loop: it is plain
asyncio code and serves over loopback exactly as in its own process. Tests of the
two processes proper are in ``tests/e2e/test_two_processes.py``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from facilitator.app import DesktopApp
from facilitator.core.session import SessionService
from facilitator.host.laptop_addresses import LaptopAddresses
from facilitator.host.record import HostRecord
from facilitator.host.session_host import HostOptions, SessionHost
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.projector import ProjectorWindow
from tests.e2e.process import LAN_HOST


@dataclass
class Desktop:
    host: SessionHost
    app: DesktopApp
    link: JoinLink

    @property
    def service(self) -> SessionService:
        assert self.host.service is not None
        return self.host.service

    @property
    def console(self) -> ConsoleWindow:
        assert self.app.console is not None
        return self.app.console

    @property
    def projector(self) -> ProjectorWindow:
        assert self.app.projector is not None
        return self.app.projector


@asynccontextmanager
async def running_desktop(
    data_dir: Path,
    port: int | None = 0,
    new_session: bool = True,
    *,
    first_run_guide: bool = False,
    laptop: LaptopAddresses | None = None,
) -> AsyncIterator[Desktop]:
    """``first_run_guide``: as the command line starts the app (the guide opens on a
    laptop where it never did); ``laptop``: a simulated network the host follows as if
    it listened on every interface (it listens on loopback alone)."""
    options = HostOptions(
        data_dir,
        host="127.0.0.1",
        port=port,
        zeroconf=False,
        new_session=new_session,
        allowed_hosts=(LAN_HOST,),
    )
    following = True if laptop is not None else None
    host = SessionHost(options, laptop=laptop, follow_addresses=following)
    link = await host.start()
    try:
        assert host.service is not None
        record = HostRecord(
            os.getpid(),
            "127.0.0.1",
            link.port,
            host.service.session.moderator_secret,
            host.rehearsal_secret,
        )
        app = DesktopApp(record, data_dir, first_run_guide=first_run_guide)
        await app.start()
        try:
            yield Desktop(host, app, link)
        finally:
            await app.stop()
    finally:
        await host.stop()
