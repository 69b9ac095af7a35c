"""``confessional --headless``: the session host as a process of its own.

Plain asyncio (uvloop where it is installed), no Qt. It takes the data dir's lock,
opens the session, listens, writes its record (``host/record.py``) and prints one
JSON line with the join and moderator URLs; then it serves until SIGTERM, Ctrl-C
or a moderator's ``stop_host``, and goes down in the reverse order.

Exit codes: 0 stopped as asked; 2 the data file is from a newer version; 3 the
port is taken; 4 another host already serves this data dir; 5 the data folder or
the database file in it cannot be used (missing and not creatable, read-only, not
readable); 6 the database is damaged (``--move-damaged-aside`` puts it aside and
starts afresh). Every startup failure ends with one message on stderr that names
the folder or file and says what to do (also in ``logs/host.log`` when that can be
written, and in the file named by ``CONFESSIONAL_STARTUP_FAILURE_FILE``, through
which the desktop app shows the same message).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import NoReturn, TextIO

from facilitator.core.errors import (
    DataDirUnusable,
    StoreDamaged,
    StoreNotOpened,
    StoreTooNew,
    StoreUnavailable,
    StoreUnreadable,
)
from facilitator.core.session import SessionService
from facilitator.core.store import DATABASE_NAME, prepare_data_dir, store_failure
from facilitator.host.record import (
    LOCK_NAME,
    RECORD_NAME,
    DataDirLock,
    HostRecord,
    read_record,
    remove_record,
    write_record,
)
from facilitator.host.session_host import HostOptions, SessionHost, StartupError
from facilitator.logs import asyncio_exception_handler, configure_logging

log = logging.getLogger(__name__)

EXIT_STORE_TOO_NEW = 2
EXIT_STARTUP_FAILED = 3
EXIT_ALREADY_RUNNING = 4
EXIT_DATA_UNUSABLE = 5
EXIT_STORE_DAMAGED = 6
# Where the desktop app asks for the message of a startup failure (it cannot read the
# stderr of a host that runs apart from it).
STARTUP_FAILURE_FILE_ENV = "CONFESSIONAL_STARTUP_FAILURE_FILE"
COMPANION_SUFFIXES = ("-wal", "-shm")  # SQLite's files beside the database
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


def configure_host_logging(data_dir: Path, verbose: bool = False) -> None:
    """Log to stderr and ``logs/host.log``; to stderr alone when the log cannot be written
    there (the data folder's problem is then reported at startup, once and clearly)."""
    try:
        configure_logging(data_dir / "logs", verbose=verbose, file_name="host.log")
    except OSError:
        configure_logging(None, verbose=verbose)


def run_host(
    options: HostOptions, stdout: TextIO = sys.stdout, *, move_damaged_aside: bool = False
) -> int:
    """Serve until asked to stop; return the exit code.

    ``move_damaged_aside``: if the database is damaged, rename it (and its -wal and
    -shm files) beside itself and start afresh; a sound database is kept.
    """
    limit = raise_open_file_limit()
    if limit is not None:
        log.info("Open-file limit: %d", limit)
    return asyncio.run(_serve(options, stdout, move_damaged_aside), loop_factory=_loop_factory())


def exit_now(code: int) -> NoReturn:
    """Leave at once once everything is closed and written: tearing down the objects of
    thousands of connections one by one would only delay the exit."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


class CannotStart(Exception):
    """The host cannot start: ``code`` is its exit code, ``message`` says what to do."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


async def _serve(options: HostOptions, stdout: TextIO, move_damaged_aside: bool) -> int:
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(asyncio_exception_handler(lambda message: None))
    try:
        lock = _lock_data_dir(options.data_dir)
        try:
            host = SessionHost(options)
            try:
                await _run(host, options, stdout, move_damaged_aside)
            finally:
                remove_record(options.data_dir, os.getpid())
                await host.stop()
        finally:
            lock.release()
    except CannotStart as failure:
        report_startup_failure(failure.message)
        return failure.code
    return 0


def _lock_data_dir(data_dir: Path) -> DataDirLock:
    try:
        prepare_data_dir(data_dir)
        lock = DataDirLock.acquire(data_dir)
    except DataDirUnusable as problem:
        raise _cannot_start(problem) from problem
    except OSError as error:
        unlockable = DataDirUnusable(data_dir, f"{LOCK_NAME} cannot be opened ({_reason(error)})")
        raise _cannot_start(unlockable) from error
    if lock is None:
        running = read_record(data_dir)
        where = f" (port {running.port})" if running is not None else ""
        raise CannotStart(
            EXIT_ALREADY_RUNNING,
            f"A session host is already running for this data folder{where}.",
        )
    return lock


async def _run(
    host: SessionHost, options: HostOptions, stdout: TextIO, move_damaged_aside: bool
) -> None:
    service = _open_session(host, move_damaged_aside)
    with _stop_on_signals(host.request_stop):
        try:
            link = await host.start()
        except StartupError as error:
            raise CannotStart(EXIT_STARTUP_FAILED, str(error)) from error
        record = HostRecord(
            pid=os.getpid(),
            address=_local_address(options.host),
            port=link.port,
            moderator_secret=service.session.moderator_secret,
            rehearsal_secret=host.rehearsal_secret,
        )
        try:
            write_record(options.data_dir, record)
        except OSError as error:
            reason = f"{RECORD_NAME} cannot be written ({_reason(error)})"
            problem = DataDirUnusable(options.data_dir, reason)
            raise _cannot_start(problem) from error
        _announce(stdout, link.join_url, link.moderator_url, host)
        await host.wait_for_stop_request()


def _open_session(host: SessionHost, move_damaged_aside: bool) -> SessionService:
    """Open the store and the session; a damaged database is put aside if asked."""
    database = host.options.data_dir / DATABASE_NAME
    try:
        try:
            return _opened(host, database)
        except StoreDamaged:
            if not move_damaged_aside:
                raise
        _move_damaged_aside(host, database)
        return _opened(host, database)
    except StoreTooNew as error:
        raise CannotStart(EXIT_STORE_TOO_NEW, too_new_message(error, database)) from error
    except StoreNotOpened as problem:
        raise _cannot_start(problem) from problem


def _opened(host: SessionHost, database: Path) -> SessionService:
    """``host.open_session()``, where a failure of the store's first reads and writes (the
    unfinished session, a new one) is a :class:`StoreNotOpened` as well."""
    try:
        return host.open_session()
    except StoreUnavailable as error:
        cause = error.__cause__
        if isinstance(cause, sqlite3.Error):
            raise store_failure(database, cause) from error
        raise StoreUnreadable(database, str(error)) from error
    except sqlite3.Error as error:
        raise store_failure(database, error) from error


def _move_damaged_aside(host: SessionHost, database: Path) -> None:
    _close_store(host)
    try:
        moved = move_aside(database)
    except OSError as error:
        raise CannotStart(
            EXIT_DATA_UNUSABLE,
            f"The damaged database {database} could not be moved aside ({_reason(error)}). "
            f"Move it, and its -wal and -shm files, out of {database.parent} yourself and "
            f"start again.",
        ) from error
    log.warning("The damaged database was moved aside to %s; starting with a new one", moved)


def _close_store(host: SessionHost) -> None:
    """Let go of a store that opened but failed later (its file is about to be moved)."""
    if host.store is not None:
        host.store.close()
        host.store = None


def move_aside(database: Path, now: datetime | None = None) -> Path:
    """Rename ``database`` and its -wal and -shm files to ``<name>.damaged-<date-time>``
    (and its -wal, -shm) in the same folder, where SQLite still reads them together;
    return the new path of the database.

    The companions go first: a -wal file left behind would be replayed into the new
    database.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = database.with_name(f"{database.name}.damaged-{stamp}")
    number = 1
    while any(_with_suffix(target, s).exists() for s in ("", *COMPANION_SUFFIXES)):
        number += 1
        target = database.with_name(f"{database.name}.damaged-{stamp}-{number}")
    for suffix in (*COMPANION_SUFFIXES, ""):
        companion = _with_suffix(database, suffix)
        if companion.exists():
            companion.rename(_with_suffix(target, suffix))
    return target


def _with_suffix(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


def _cannot_start(problem: StoreNotOpened) -> CannotStart:
    """The exit code and the message for a data folder or database that cannot be used."""
    match problem:
        case StoreDamaged():
            return CannotStart(EXIT_STORE_DAMAGED, damaged_message(problem))
        case DataDirUnusable():
            return CannotStart(EXIT_DATA_UNUSABLE, data_dir_message(problem))
        case _:
            return CannotStart(EXIT_DATA_UNUSABLE, unreadable_message(problem))


def data_dir_message(problem: StoreNotOpened) -> str:
    return (
        f"Confessional cannot use the data folder {problem.path}: {problem.reason}. "
        f"Make it a folder this user can write to, or start with --data-dir to use "
        f"another one."
    )


def unreadable_message(problem: StoreNotOpened) -> str:
    return (
        f"Confessional cannot open its database {problem.path}: {problem.reason}. It must "
        f"be a file this user can read and write: correct its permissions (or close the "
        f"program holding it), move it out of {problem.path.parent} to start afresh, or "
        f"start with --data-dir to use another folder."
    )


def damaged_message(problem: StoreNotOpened) -> str:
    path = problem.path
    return (
        f"The session database {path} is damaged ({problem.reason}). To keep it for "
        f"recovery and start afresh, start with --move-damaged-aside: it renames "
        f"{path.name} and its -wal and -shm files to {path.name}.damaged-<date-time> in "
        f"the same folder. Or move {path}, {path}-wal and {path}-shm out of the folder "
        f"yourself and start again."
    )


def too_new_message(error: StoreTooNew, database: Path) -> str:
    return (
        f"{error} The data file is {database}: open it with that newer version, or start "
        f"with --data-dir to use another folder."
    )


def report_startup_failure(message: str) -> None:
    """One message on stderr, the same in ``logs/host.log`` (when it can be written) and
    in the desktop app's failure file (when it started this host)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"{message}\n")
        sys.stderr.flush()
    _log_to_files(message)
    report = os.environ.get(STARTUP_FAILURE_FILE_ENV)
    if report:
        with contextlib.suppress(OSError):
            Path(report).write_text(message, encoding="utf-8")


def _log_to_files(message: str) -> None:
    """Log ``message`` to the log files only: stderr already has it, without a prefix."""
    record = log.makeRecord(log.name, logging.ERROR, __file__, 0, message, (), None)
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            handler.handle(record)


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
