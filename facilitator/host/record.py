"""The running host's record in the data dir: how the desktop app finds and reattaches to it.

``host.json`` holds the host's process id, the address and port it listens on, the
moderator secret and the secret that admits a rehearsal audience. It is readable by
the user alone, written atomically once the host listens, and removed when the host
stops; a host that crashed leaves a stale record, which the app recognises because
nothing answers at that port.
``host.lock`` is held by the running host, so two hosts never share a data dir.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

RECORD_NAME = "host.json"
LOCK_NAME = "host.lock"


@dataclass(frozen=True, slots=True)
class HostRecord:
    pid: int
    address: str  # where the console connects: loopback unless the host is bound to one IP
    port: int
    moderator_secret: str
    rehearsal_secret: str

    @property
    def stream_url(self) -> str:
        return f"ws://{self.address}:{self.port}/moderator/{self.moderator_secret}/ws"

    @property
    def state_url(self) -> str:
        return f"http://{self.address}:{self.port}/moderator/{self.moderator_secret}/api/state"


def write_record(data_dir: Path, record: HostRecord) -> None:
    handle, temporary = tempfile.mkstemp(dir=data_dir, prefix=".host-", suffix=".tmp")
    try:
        os.chmod(temporary, 0o600)  # the secret lets anyone moderate
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(asdict(record), file)
        os.replace(temporary, data_dir / RECORD_NAME)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read_record(data_dir: Path) -> HostRecord | None:
    """The record, or ``None`` if there is none or it cannot be read."""
    try:
        document = json.loads((data_dir / RECORD_NAME).read_text(encoding="utf-8"))
        return HostRecord(
            pid=int(document["pid"]),
            address=str(document["address"]),
            port=int(document["port"]),
            moderator_secret=str(document["moderator_secret"]),
            rehearsal_secret=str(document["rehearsal_secret"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_record(data_dir: Path, pid: int) -> None:
    """Remove the record if it is this process's (a newer host's record stays)."""
    record = read_record(data_dir)
    if record is not None and record.pid == pid:
        with contextlib.suppress(OSError):
            (data_dir / RECORD_NAME).unlink()


class DataDirLock:
    """An exclusive lock on ``host.lock``; released when the process ends, however it ends."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file

    @classmethod
    def acquire(cls, data_dir: Path) -> DataDirLock | None:
        """The lock, or ``None`` if another host holds it."""
        data_dir.mkdir(parents=True, exist_ok=True)
        file = open(data_dir / LOCK_NAME, "a+b")  # noqa: SIM115 (held until release)
        try:
            _lock(file)
        except OSError:
            file.close()
            return None
        return cls(file)

    def release(self) -> None:
        self._file.close()


if sys.platform == "win32":
    import msvcrt

    def _lock(file: IO[bytes]) -> None:
        file.seek(0)
        msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(file: IO[bytes]) -> None:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
