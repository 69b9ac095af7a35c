"""A rehearsal: the simulated audience the host starts, watches and stops.

``start_rehearsal`` (or ``confessional --rehearse N``) starts the audience of
``facilitator/sim/`` as a process of its own (``facilitator/sim/launch.py``): it speaks
the public protocol like any phone and is admitted by the host's rehearsal secret,
which it gets through its environment, never its command line. The host, not the
console, owns it, so that the headless host and the desktop app rehearse alike and a
console that crashes leaves no audience behind.

Starting marks the session as a rehearsal (its record is kept apart unless kept).
The audience is stopped by ``stop_rehearsal``, when the session ends and when the host
stops: SIGTERM (it closes its sockets and exits), then a kill if it has not gone within
:data:`STOP_SECONDS`. If it stops by itself, moderators are told
(``host.rehearsal_detail``). Its output goes to ``logs/rehearsal.log``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import msgspec

from facilitator.core.errors import CommandRefused, DomainError
from facilitator.core.events import Event, SessionEnded
from facilitator.core.session import SessionService
from facilitator.host.feed import ModeratorFeed
from facilitator.sim.launch import PARENT_ENV, SECRET_ENV, audience_command

log = logging.getLogger(__name__)

STOP_SECONDS = 5.0
WATCH_SECONDS = 0.5
POLL_SECONDS = 0.05
LOG_NAME = "rehearsal.log"


def local_url(bind_host: str, port: int) -> str:
    """Where a process on this laptop reaches a host bound to ``bind_host``."""
    address = "127.0.0.1" if bind_host in ("", "0.0.0.0", "::") else bind_host
    return f"http://{address}:{port}/"


class Rehearsal:
    """The audience of the host's session. ``url`` is where the audience joins (set once
    the host listens); ``log_dir`` gets its output."""

    def __init__(
        self, service: SessionService, feed: ModeratorFeed, secret: str, log_dir: Path | None
    ) -> None:
        self._service = service
        self._feed = feed
        self._secret = secret
        self._log_dir = log_dir
        self.url: str | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._watch: asyncio.TimerHandle | None = None
        self._ending: set[asyncio.Task[None]] = set()
        self._unsubscribe = service.bus.subscribe(self._on_event)

    @property
    def running(self) -> bool:
        return self._process is not None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def start(self, phones: int) -> None:
        """Mark the session as a rehearsal and start an audience of ``phones``, or raise
        a refusal (``rehearsal_running``, ``session_ended``, ``rehearsal_not_started``)."""
        if self._process is not None:
            raise DomainError("rehearsal_running", "A rehearsal is running already: stop it first.")
        assert self.url is not None, "the host does not listen yet"
        if not self._service.session.is_open:
            raise CommandRefused("session_ended", "This session has ended.")
        try:
            process = self._spawn(audience_command(self.url, phones))
        except OSError as error:
            detail = f"The simulated audience could not be started ({error.strerror or error})."
            log.error("%s", detail)
            self._report(0, detail)
            raise DomainError("rehearsal_not_started", detail) from error
        try:
            self._service.mark_rehearsal()
        except BaseException:
            self._end_later(process)  # no audience in a session not marked as a rehearsal
            raise
        self._process = process
        log.info("Rehearsal: %d simulated phones (process %d)", phones, process.pid)
        self._report(phones, "")
        self._schedule_watch()

    def stop(self) -> None:
        """Stop the audience, if one runs (it goes within :data:`STOP_SECONDS`, or is
        killed); moderators see the rehearsal stopped at once."""
        process = self._process
        if process is None:
            return
        self._process = None
        self._cancel_watch()
        self._report(0, "")
        log.info("Stopping the rehearsal")
        self._end_later(process)

    async def close(self) -> None:
        """The host stops: stop the audience and wait until it has gone."""
        self._unsubscribe()
        self.stop()
        if self._ending:
            await asyncio.gather(*self._ending, return_exceptions=True)

    # Inside

    def _end_later(self, process: subprocess.Popen[bytes]) -> None:
        task = asyncio.get_running_loop().create_task(_end(process))
        self._ending.add(task)
        task.add_done_callback(self._ending.discard)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SessionEnded) and self._process is not None:
            self.stop()  # its phones' tokens are gone with the session

    def _spawn(self, command: list[str]) -> subprocess.Popen[bytes]:
        environment = {**os.environ, SECRET_ENV: self._secret, PARENT_ENV: str(os.getpid())}
        with self._log_file() as output:
            return subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=output if output is not None else subprocess.DEVNULL,
                env=environment,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )

    @contextlib.contextmanager
    def _log_file(self) -> Iterator[IO[bytes] | None]:
        """The audience's log, opened for the child and closed here once it has it."""
        output: IO[bytes] | None = None
        if self._log_dir is not None:
            try:
                self._log_dir.mkdir(parents=True, exist_ok=True)
                output = (self._log_dir / LOG_NAME).open("ab")
            except OSError as error:
                log.warning("The rehearsal audience logs nowhere: %s", error)
        try:
            yield output
        finally:
            if output is not None:
                output.close()

    def _schedule_watch(self) -> None:
        self._watch = asyncio.get_running_loop().call_later(WATCH_SECONDS, self._check)

    def _cancel_watch(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None

    def _check(self) -> None:
        """Say so if the audience stopped without being asked."""
        self._watch = None
        process = self._process
        if process is None:
            return
        code = process.poll()
        if code is None:
            self._schedule_watch()
            return
        self._process = None
        log.warning("The rehearsal audience stopped by itself (exit code %d)", code)
        self._report(
            0,
            f"The simulated audience stopped by itself (exit code {code}); "
            f"its log is {LOG_NAME} in the logs folder.",
        )

    def _report(self, phones: int, detail: str) -> None:
        status = msgspec.structs.replace(
            self._feed.host_status, rehearsal_phones=phones, rehearsal_detail=detail
        )
        self._feed.set_host_status(status)


async def _end(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (the audience closes its sockets and exits), then a kill."""
    with contextlib.suppress(ProcessLookupError):
        process.terminate()
    if await _exited(process, STOP_SECONDS):
        return
    log.warning("The rehearsal audience did not stop within %.0f s; killing it", STOP_SECONDS)
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    if not await _exited(process, STOP_SECONDS):
        log.error("The rehearsal audience (process %d) could not be stopped", process.pid)


async def _exited(process: subprocess.Popen[bytes], timeout: float) -> bool:
    """Wait (polling: no child watcher, any loop) until ``process`` has exited."""
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(POLL_SECONDS)
    return True
