"""``confessional --headless`` on a data folder or database it cannot use: one message
that names the folder or file and says what to do, a documented exit code, no traceback.

Real processes, as a facilitator would meet them. Tests run as root in CI, where
permission bits stop nobody: :func:`as_ordinary_user` runs the host without the
capabilities that let root ignore them, and a test skips (saying why) only where
they cannot be taken away.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from facilitator.core.errors import DataDirUnusable, StoreDamaged, StoreUnreadable
from facilitator.core.events import EventBus
from facilitator.core.migrations import LATEST_VERSION
from facilitator.core.session import SessionService
from facilitator.core.store import DATABASE_NAME, Store
from facilitator.host.main import (
    EXIT_DATA_UNUSABLE,
    EXIT_STORE_DAMAGED,
    EXIT_STORE_TOO_NEW,
    damaged_message,
    data_dir_message,
    move_aside,
    unreadable_message,
)
from tests.e2e.process import APP_ENVIRONMENT, app_command, start_headless

pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parents[2]
PAGE_SIZE = 4096

# Run the rest of the command line without CAP_DAC_OVERRIDE (1) and CAP_DAC_READ_SEARCH
# (2): dropped from the bounding set, root's next program no longer gets them.
_WITHOUT_OVERRIDES = """
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
for capability in (1, 2):
    if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
        sys.exit(f"prctl: errno {ctypes.get_errno()}")
os.execv(sys.argv[1], sys.argv[1:])
"""


def as_ordinary_user(command: list[str]) -> list[str]:
    """``command``, run so that file permissions apply to it even when we are root."""
    if os.geteuid() != 0:
        return command
    return [sys.executable, "-c", _WITHOUT_OVERRIDES, *command]


@pytest.fixture
def permissions_apply(tmp_path: Path) -> Iterator[None]:
    """Skip where even :func:`as_ordinary_user` writes into a read-only folder."""
    locked = tmp_path / "probe"
    locked.mkdir(mode=0o555)
    probe = [sys.executable, "-c", f"open({str(locked / 'x')!r}, 'w')"]
    result = subprocess.run(as_ordinary_user(probe), capture_output=True, check=False)
    locked.chmod(0o755)
    if result.returncode == 0:
        pytest.skip("file permissions cannot be made to apply here (root with its powers kept)")
    yield


def headless(
    data_dir: Path, *extra: str, ordinary_user: bool = False
) -> subprocess.CompletedProcess[str]:
    command = app_command(data_dir, "--headless", "--port", "0", *extra)
    return subprocess.run(
        as_ordinary_user(command) if ordinary_user else command,
        capture_output=True,
        text=True,
        timeout=60,
        env=APP_ENVIRONMENT,
        cwd=CHECKOUT,
        check=False,
    )


def assert_refused(result: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == message  # the last word, unprefixed


def used_data_dir(data_dir: Path, confessions: int = 40) -> Path:
    """A data folder after a session with some confessions; returns its database."""
    store = Store.open(data_dir)
    service = SessionService.start_new(store, EventBus(), data_dir / "transcripts")
    phone = service.participant(service.join())
    for number in range(confessions):
        service.submit(phone, f"client-{number:04d}", f"Confession {number}, told at length.")
    store.close()
    return data_dir / DATABASE_NAME


def host_log(data_dir: Path) -> str:
    return (data_dir / "logs" / "host.log").read_text(encoding="utf-8")


# The data folder


@pytest.mark.parametrize("under_a_file", [True, False], ids=["under a file", "is a file"])
def test_a_data_folder_that_cannot_be_created(tmp_path: Path, under_a_file: bool) -> None:
    in_the_way = tmp_path / "notes.txt"
    in_the_way.write_text("not a folder")
    data_dir = in_the_way / "data" if under_a_file else in_the_way
    reason = (
        f"{in_the_way} is a file, not a folder" if under_a_file else "it is a file, not a folder"
    )
    result = headless(data_dir)
    assert_refused(result, EXIT_DATA_UNUSABLE, data_dir_message(DataDirUnusable(data_dir, reason)))
    assert result.stderr.strip().endswith("or start with --data-dir to use another one.")


def test_a_data_folder_under_a_read_only_folder(tmp_path: Path, permissions_apply: None) -> None:
    parent = tmp_path / "read-only"
    parent.mkdir(mode=0o555)
    data_dir = parent / "data"
    result = headless(data_dir, ordinary_user=True)
    problem = DataDirUnusable(data_dir, "it cannot be created (permission denied)")
    assert_refused(result, EXIT_DATA_UNUSABLE, data_dir_message(problem))


def test_a_read_only_data_folder(tmp_path: Path, permissions_apply: None) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o555)
    result = headless(data_dir, ordinary_user=True)
    problem = DataDirUnusable(data_dir, "it cannot be written to (permission denied)")
    assert_refused(result, EXIT_DATA_UNUSABLE, data_dir_message(problem))


def test_a_data_folder_made_read_only_after_a_session(
    tmp_path: Path, permissions_apply: None
) -> None:
    """The database can be read but not written: SQLite's -wal and -shm files beside it
    cannot be created. The log, still writable, gets the message too."""
    data_dir = tmp_path / "data"
    used_data_dir(data_dir)
    (data_dir / "logs").mkdir()
    (data_dir / "host.lock").touch()
    data_dir.chmod(0o555)
    try:
        result = headless(data_dir, ordinary_user=True)
    finally:
        data_dir.chmod(0o755)
    problem = DataDirUnusable(data_dir, "it cannot be written to (permission denied)")
    assert_refused(result, EXIT_DATA_UNUSABLE, data_dir_message(problem))
    assert data_dir_message(problem) in host_log(data_dir)


# The database file


def test_a_folder_in_place_of_the_database(tmp_path: Path) -> None:
    (tmp_path / DATABASE_NAME).mkdir()
    result = headless(tmp_path)
    problem = StoreUnreadable(tmp_path / DATABASE_NAME, "it is a folder, not a database file")
    assert_refused(result, EXIT_DATA_UNUSABLE, unreadable_message(problem))


def test_a_database_this_user_cannot_read(tmp_path: Path, permissions_apply: None) -> None:
    database = used_data_dir(tmp_path)
    database.chmod(0)
    result = headless(tmp_path, ordinary_user=True)
    problem = StoreUnreadable(database, "permission denied")
    assert_refused(result, EXIT_DATA_UNUSABLE, unreadable_message(problem))


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / DATABASE_NAME).write_bytes(os.urandom(8192))
    result = headless(tmp_path)
    message = damaged_message(StoreDamaged(tmp_path / DATABASE_NAME, "file is not a database"))
    assert_refused(result, EXIT_STORE_DAMAGED, message)
    assert f"{tmp_path / DATABASE_NAME}-wal" in message and "--move-damaged-aside" in message
    assert message in host_log(tmp_path)


def test_a_database_cut_in_half(tmp_path: Path) -> None:
    """SQLite notices at the first read of anything: the file is shorter than its header
    says. The schema read at open finds it, before the session is touched."""
    database = used_data_dir(tmp_path)
    whole = database.read_bytes()
    database.write_bytes(whole[: len(whole) // 2])
    result = headless(tmp_path)
    message = damaged_message(StoreDamaged(database, "database disk image is malformed"))
    assert_refused(result, EXIT_STORE_DAMAGED, message)


def test_a_database_with_an_overwritten_page(tmp_path: Path) -> None:
    """The header and the schema are intact: only the integrity check at open sees it."""
    database = used_data_dir(tmp_path)
    with contextlib.closing(sqlite3.connect(database)) as connection:
        connection.execute("VACUUM")  # no free page left: the last one holds rows
    pages = bytearray(database.read_bytes())
    last = len(pages) // PAGE_SIZE - 1
    pages[last * PAGE_SIZE :] = b"\xff" * PAGE_SIZE
    database.write_bytes(pages)
    result = headless(tmp_path)
    assert result.returncode == EXIT_STORE_DAMAGED, result.stderr
    assert "Traceback" not in result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(
        f"The session database {database} is damaged (the integrity check found: Page {last + 1}: "
    )


def test_a_database_from_a_newer_version(tmp_path: Path) -> None:
    database = used_data_dir(tmp_path)
    with sqlite3.connect(database) as connection:
        connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()
    result = headless(tmp_path)
    assert_refused(
        result,
        EXIT_STORE_TOO_NEW,
        f"This data was written by a newer Confessional (schema {LATEST_VERSION + 1}, this "
        f"version reads up to {LATEST_VERSION}). The data file is {database}: open it with "
        f"that newer version, or start with --data-dir to use another folder.",
    )


# The way out of a damaged database


def test_moving_a_damaged_database_aside_keeps_it_and_starts_afresh(tmp_path: Path) -> None:
    """The file and its -wal are kept as found; the -shm (an index SQLite rebuilds from
    the -wal) goes with them."""
    database = tmp_path / DATABASE_NAME
    contents = {"": os.urandom(8192), "-wal": b"its log", "-shm": b"its index"}
    for suffix, content in contents.items():
        Path(f"{database}{suffix}").write_bytes(content)
    app = start_headless(tmp_path, "--port", "0", "--move-damaged-aside")
    try:
        (kept,) = tmp_path.glob(f"{DATABASE_NAME}.damaged-*[0-9]")
        assert re.fullmatch(rf"{re.escape(DATABASE_NAME)}\.damaged-\d{{8}}-\d{{6}}", kept.name)
        assert kept.read_bytes() == contents[""]
        assert Path(f"{kept}-wal").read_bytes() == contents["-wal"]
        assert Path(f"{kept}-shm").exists()
        assert "moved aside to" in host_log(tmp_path)
    finally:
        assert app.terminate() == 0
    Store.open(tmp_path).close()  # the new database is sound


def test_moving_aside_leaves_a_sound_database_alone(tmp_path: Path) -> None:
    used_data_dir(tmp_path)
    app = start_headless(tmp_path, "--port", "0", "--move-damaged-aside")
    assert app.terminate() == 0
    assert list(tmp_path.glob("*.damaged-*")) == []
    store = Store.open(tmp_path)
    try:
        session = store.latest_open_session()
        assert session is not None and len(store.items(session.id)) == 40
    finally:
        store.close()


def test_moved_aside_files_never_overwrite_earlier_ones(tmp_path: Path) -> None:
    database = tmp_path / DATABASE_NAME
    moment = datetime(2026, 3, 7, 19, 30, 5)
    names = []
    for _ in range(2):
        database.write_bytes(b"damaged")
        Path(f"{database}-wal").write_bytes(b"log")
        names.append(move_aside(database, moment).name)
    assert names == [
        f"{DATABASE_NAME}.damaged-20260307-193005",
        f"{DATABASE_NAME}.damaged-20260307-193005-2",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [*names, *(f"{name}-wal" for name in names)]
    )
