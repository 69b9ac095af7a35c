"""Find, start and restart the session host for the desktop app.

The host is the same executable with ``--headless`` (``python -m facilitator``
from a checkout or a wheel; the bundle's own executable when frozen), started in
a session of its own so that a crash of the console or a Ctrl-C in its terminal
does not take the phones' session down. The host announces itself through its
record in the data dir (``facilitator/host/record.py``); a running host is
reattached to, never started twice. A host that cannot start writes why into a
file the supervisor names (``CONFESSIONAL_STARTUP_FAILURE_FILE``): its stderr is
not the app's to read, and the facilitator is shown the host's own message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from facilitator.host.record import HostRecord, read_record

log = logging.getLogger(__name__)

START_TIMEOUT_SECONDS = 30.0
PROBE_TIMEOUT_SECONDS = 1.5
POLL_SECONDS = 0.05

# The host's exit codes (facilitator/host/main.py)
EXIT_STORE_TOO_NEW = 2
EXIT_STARTUP_FAILED = 3
EXIT_ALREADY_RUNNING = 4
EXIT_DATA_UNUSABLE = 5
EXIT_STORE_DAMAGED = 6
# After these, starting the host again changes nothing until the facilitator acts.
EXITS_FOR_THE_FACILITATOR = frozenset({EXIT_STORE_TOO_NEW, EXIT_DATA_UNUSABLE, EXIT_STORE_DAMAGED})
STARTUP_FAILURE_FILE_ENV = "CONFESSIONAL_STARTUP_FAILURE_FILE"


@dataclass(frozen=True, slots=True)
class HostArgs:
    """What the desktop app passes on to the host it starts."""

    data_dir: Path
    host: str = "0.0.0.0"
    port: int | None = None
    zeroconf: bool = True
    verbose: bool = False
    allowed_hosts: tuple[str, ...] = ()


class HostStartFailed(Exception):
    """The host could not start; the message says why and what to do. ``exit_code`` is
    the host's, when it stopped by itself."""

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    @property
    def needs_the_facilitator(self) -> bool:
        """Whether starting again is pointless until someone deals with the data."""
        return self.exit_code in EXITS_FOR_THE_FACILITATOR

    @property
    def store_damaged(self) -> bool:
        """The database is damaged: the host can move it aside and start afresh."""
        return self.exit_code == EXIT_STORE_DAMAGED


def host_command(
    args: HostArgs,
    *,
    port: int | None,
    new_session: bool,
    move_damaged_aside: bool = False,
    session_file: Path | None = None,
) -> list[str]:
    """The command line that starts the host: this same program, headless."""
    if getattr(sys, "frozen", False):
        program = [sys.executable]
    else:
        program = [sys.executable, "-m", "facilitator"]
    command = [*program, "--headless", "--data-dir", str(args.data_dir), "--host", args.host]
    if port is not None:
        command += ["--port", str(port)]
    if not args.zeroconf:
        command.append("--no-zeroconf")
    if args.verbose:
        command.append("--verbose")
    for name in args.allowed_hosts:
        command += ["--allow-host", name]
    if new_session:
        command.append("--new-session")
    if session_file is not None:
        command += ["--session", str(session_file)]
    if move_damaged_aside:
        command.append("--move-damaged-aside")
    return command


async def probe(record: HostRecord) -> bool:
    """Whether the host of ``record`` answers as a session host with that secret."""
    timeout = aiohttp.ClientTimeout(total=PROBE_TIMEOUT_SECONDS)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as http,
            http.get(record.state_url) as reply,
        ):
            return reply.status == 200
    except (aiohttp.ClientError, OSError, TimeoutError):
        return False


def spawn_detached(
    command: list[str], env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start the host apart from the console, in its own session (or process group):
    a Ctrl-C in the console's terminal or a crash of the console does not reach it."""
    if sys.platform == "win32":
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            env=env,
            creationflags=subprocess.CREATE_NEW_PROCESS_GROUP,
        )
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )


@contextlib.contextmanager
def failure_file() -> Iterator[Path]:
    """An empty file for the host to explain a failed start in; removed afterwards."""
    handle, name = tempfile.mkstemp(prefix="confessional-host-", suffix=".txt")
    os.close(handle)
    try:
        yield Path(name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def read_failure(path: Path) -> str:
    """The host's explanation of its failed start ("" if it wrote none)."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


class HostSupervisor:
    """Keeps one session host running for this data dir."""

    def __init__(self, args: HostArgs) -> None:
        self.args = args
        self.record: HostRecord | None = None
        self.process: subprocess.Popen[bytes] | None = None

    async def find_running(self) -> HostRecord | None:
        """The running host of this data dir, if one answers (then it is reattached to)."""
        record = read_record(self.args.data_dir)
        if record is not None and await probe(record):
            log.info("Reattaching to the running session host")
            self.record = record
            return record
        return None

    async def is_alive(self) -> bool:
        """Whether the host is still there: our child still runs, or the record answers."""
        if self.process is not None:
            return self.process.poll() is None
        return self.record is not None and await probe(self.record)

    async def start(
        self,
        *,
        new_session: bool = False,
        move_damaged_aside: bool = False,
        session_file: Path | None = None,
    ) -> HostRecord:
        """Start the host (or find the one another app started meanwhile) and wait for it.

        ``move_damaged_aside``: a damaged database is renamed (kept) and a new one started;
        ``session_file``: a new session, set up as prepared in that file.
        """
        port = self.args.port if self.record is None else self.record.port
        command = host_command(
            self.args,
            port=port,
            new_session=new_session,
            move_damaged_aside=move_damaged_aside,
            session_file=session_file,
        )
        with failure_file() as failure:
            return await self._run_until_ready(command, failure)

    async def _run_until_ready(self, command: list[str], failure: Path) -> HostRecord:
        previous = read_record(self.args.data_dir)
        log.info("Starting the session host")
        process = spawn_detached(command, {**os.environ, STARTUP_FAILURE_FILE_ENV: str(failure)})
        self.process = process
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            record = read_record(self.args.data_dir)
            if record is not None and record.pid == process.pid and record != previous:
                self.record = record
                return record
            code = process.poll()
            if code is not None:
                return await self._started_elsewhere_or_fail(code, read_failure(failure))
            await asyncio.sleep(POLL_SECONDS)
        process.kill()
        raise HostStartFailed("The session host did not start within 30 seconds.")

    async def _started_elsewhere_or_fail(self, code: int, explanation: str) -> HostRecord:
        self.process = None
        if code == EXIT_ALREADY_RUNNING:
            running = await self.find_running()
            if running is not None:
                return running
        if explanation:
            raise HostStartFailed(explanation, code)
        reasons = {
            EXIT_STORE_TOO_NEW: "The data folder was written by a newer Confessional.",
            EXIT_STARTUP_FAILED: "The port is in use: close the other program using it, "
            "or start with --port to choose another.",
            EXIT_ALREADY_RUNNING: "Another session host is starting for this data folder.",
        }
        raise HostStartFailed(reasons.get(code, f"The session host stopped (exit {code})."), code)

    def terminate(self) -> None:
        """End the host this app started (when it cannot be asked to stop)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()

    async def wait_for_exit(self, timeout: float) -> bool:
        """After ``stop_host``: whether the host process is gone within ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not await self.is_alive():
                return True
            await asyncio.sleep(POLL_SECONDS)
        return False
