"""``confessional --headless``: the session host as a process of its own.

Plain asyncio (uvloop where it is installed), no Qt. It takes the data dir's lock,
opens the session, listens, writes its record (``host/record.py``) and prints one
JSON line with the join and moderator URLs; then it serves until SIGTERM, Ctrl-C
or a moderator's ``stop_host``, and goes down in the reverse order.

Exit codes: 0 stopped as asked; 2 the data file is from a newer version; 3 the
port is taken; 4 another host already serves this data dir.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import NoReturn, TextIO

from facilitator.core.errors import StoreTooNew
from facilitator.host.record import (
    DataDirLock,
    HostRecord,
    read_record,
    remove_record,
    write_record,
)
from facilitator.host.session_host import HostOptions, SessionHost, StartupError
from facilitator.logs import asyncio_exception_handler

log = logging.getLogger(__name__)

EXIT_STORE_TOO_NEW = 2
EXIT_STARTUP_FAILED = 3
EXIT_ALREADY_RUNNING = 4
OPEN_FILES_CEILING = 1_048_576
MACOS_OPEN_MAX = 10_240


def raise_open_file_limit() -> int | None:
    """Raise the soft limit on open files to the hard one (every phone holds a socket).

    Returns the limit now in force; clamped where the hard limit is unlimited. On
    Windows there is no such limit to raise (``None``).
    """
    try:
        import resource
    except ImportError:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = OPEN_FILES_CEILING if hard == resource.RLIM_INFINITY else hard
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return int(soft)
    # macOS refuses more than OPEN_MAX (10,240) per process when the hard limit is
    # unlimited: try that next.
    for limit in (wanted, min(wanted, MACOS_OPEN_MAX)):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
        except (ValueError, OSError) as error:
            log.info("Could not raise the open-file limit to %d: %s", limit, error)
        else:
            return limit
    log.warning("The open-file limit stays at %d: about that many phones at most", soft)
    return int(soft)


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop]:
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop
    return uvloop.new_event_loop


def run_host(options: HostOptions, stdout: TextIO = sys.stdout) -> int:
    limit = raise_open_file_limit()
    if limit is not None:
        log.info("Open-file limit: %d", limit)
    return asyncio.run(_serve(options, stdout), loop_factory=_loop_factory())


def exit_now(code: int) -> NoReturn:
    """Leave at once once everything is closed and written: tearing down the objects of
    thousands of connections one by one would only delay the exit."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


async def _serve(options: HostOptions, stdout: TextIO) -> int:
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(asyncio_exception_handler(lambda message: None))
    lock = DataDirLock.acquire(options.data_dir)
    if lock is None:
        running = read_record(options.data_dir)
        where = f" (port {running.port})" if running is not None else ""
        sys.stderr.write(f"A session host is already running for this data folder{where}.\n")
        return EXIT_ALREADY_RUNNING
    host = SessionHost(options)
    try:
        try:
            service = host.open_session()
        except StoreTooNew as error:
            log.error("%s", error)
            sys.stderr.write(f"{error}\n")
            return EXIT_STORE_TOO_NEW
        with _stop_on_signals(host.request_stop):
            try:
                link = await host.start()
            except StartupError as error:
                sys.stderr.write(f"{error}\n")
                return EXIT_STARTUP_FAILED
            record = HostRecord(
                pid=os.getpid(),
                address=_local_address(options.host),
                port=link.port,
                moderator_secret=service.session.moderator_secret,
            )
            write_record(options.data_dir, record)
            _announce(stdout, link.join_url, link.moderator_url, host)
            await host.wait_for_stop_request()
        return 0
    finally:
        remove_record(options.data_dir, os.getpid())
        await host.stop()
        lock.release()


def _local_address(bind_host: str) -> str:
    """Where a client on this laptop reaches a server bound to ``bind_host``."""
    return "127.0.0.1" if bind_host in ("", "0.0.0.0", "::") else bind_host


def _announce(stdout: TextIO, join_url: str, moderator_url: str, host: SessionHost) -> None:
    stdout.write(json.dumps({"join_url": join_url, "moderator_url": moderator_url}) + "\n")
    stdout.flush()
    link = host.link
    others = [c.label for c in link.candidates if c.ip != link.host_ip]
    # The laptop's own addresses, for the person at the terminal (not through logging,
    # whose privacy filter removes every IP address).
    with contextlib.suppress(OSError):
        sys.stderr.write(f"Phones join at {join_url}\n")
        if others:
            sys.stderr.write(f"Other addresses of this laptop: {', '.join(others)}\n")
        sys.stderr.flush()


@contextlib.contextmanager
def _stop_on_signals(stop: Callable[[], None]) -> Iterator[None]:
    """SIGTERM and Ctrl-C stop the host gracefully, from the loop (never mid-callback)."""
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for signum in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(signum, stop)
        except (NotImplementedError, RuntimeError):  # Windows: no loop signal handlers
            signal.signal(signum, lambda *_: loop.call_soon_threadsafe(stop))
        else:
            installed.append(signum)
    try:
        yield
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)
