"""SQLite persistence for sessions, participants, confessions and agreements.

WAL mode, one connection, explicit transactions. A write either commits or
raises :class:`StoreUnavailable`; callers acknowledge only after it returns, so
anything a phone was told has arrived survives a crash or ``kill -9``.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from facilitator.core.errors import (
    DataDirUnusable,
    StoreDamaged,
    StoreNotOpened,
    StoreUnavailable,
    StoreUnreadable,
)
from facilitator.core.migrations import migrate
from facilitator.core.model import (
    Item,
    ItemCounts,
    ItemKind,
    ItemState,
    Logo,
    LogoImage,
    LogoInfo,
    SessionInfo,
    SessionStatus,
    Sharing,
    Slide,
    WaitingItem,
)

log = logging.getLogger(__name__)

DATABASE_NAME = "confessional.sqlite3"
# PRAGMA quick_check reads the whole file, about 4 ms per MB (measured on 2 cores):
# up to this size it costs a start at most a quarter of a second.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
type SessionChoice = Literal[
    "organisers_record",
    "unshown_record",
    "batching",
    "language",
    "closing_note",
    "house_rules",
    "max_length",
    "offer_lesson",
    "accent",
    "projector_theme",
    "projector_corner_qr",
    "projector_timer",
]
_IDS_PER_QUERY = 500  # well under SQLite's limit of bound parameters
_DAMAGED_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})

_ITEM_COLUMNS = (
    "id, kind, parent_id, text, learned, original_text, original_learned, state, "
    "queue_position, shown_order, agreement_count, set_apart_count, version, merged_into, "
    "phones_at_show, content_note, shown_at"
)
_SESSION_COLUMNS = (
    "id, title, prompt, agree_label, status, created_on, ended_on, port, "
    "moderator_secret, current_item_id, removed_count, rehearsal, withdrawn_count, "
    "merged_count, organisers_record, batching, language, closing_note, unshown_record, "
    "house_rules, max_length, offer_lesson, accent, slide, projector_theme, "
    "projector_corner_qr, projector_timer, projector_secret, started_at, "
    "logo_version, logo_width, logo_height, logo_ink"
)
type LogoChange = Logo | Literal["keep"] | None  # a set-up's logo: a new one, as is, none


def utc_now() -> str:
    """Now, in UTC, to the second (ISO 8601): when a session started or a confession was
    put on the screen (the facilitator's timers)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def token_digest(token: str) -> bytes:
    """Tokens are kept only as digests: the data file alone cannot impersonate a phone."""
    return hashlib.sha256(token.encode()).digest()


def _item(row: sqlite3.Row) -> Item:
    return Item(
        id=row["id"],
        kind=ItemKind(row["kind"]),
        parent_id=row["parent_id"],
        text=row["text"],
        learned=row["learned"],
        original_text=row["original_text"],
        original_learned=row["original_learned"],
        state=ItemState(row["state"]),
        queue_position=row["queue_position"],
        shown_order=row["shown_order"],
        agreement_count=row["agreement_count"],
        set_apart_count=row["set_apart_count"],
        version=row["version"],
        merged_into=row["merged_into"],
        phones_at_show=row["phones_at_show"],
        content_note=bool(row["content_note"]),
        shown_at=row["shown_at"],
    )


def _session(row: sqlite3.Row | dict[str, Any]) -> SessionInfo:
    return SessionInfo(
        id=row["id"],
        title=row["title"],
        prompt=row["prompt"],
        agree_label=row["agree_label"],
        status=SessionStatus(row["status"]),
        created_on=row["created_on"],
        ended_on=row["ended_on"],
        port=row["port"],
        moderator_secret=row["moderator_secret"],
        current_item_id=row["current_item_id"],
        removed_count=row["removed_count"],
        rehearsal=bool(row["rehearsal"]),
        withdrawn_count=row["withdrawn_count"],
        merged_count=row["merged_count"],
        organisers_record=bool(row["organisers_record"]),
        batching=row["batching"],
        language=row["language"],
        closing_note=row["closing_note"],
        unshown_record=bool(row["unshown_record"]),
        house_rules=row["house_rules"],
        max_length=row["max_length"],
        offer_lesson=bool(row["offer_lesson"]),
        accent=row["accent"],
        slide=row["slide"],
        projector_theme=row["projector_theme"],
        projector_corner_qr=bool(row["projector_corner_qr"]),
        projector_timer=bool(row["projector_timer"]),
        projector_secret=row["projector_secret"],
        started_at=row["started_at"],
        logo=_logo_info(row),
    )


def _logo_info(row: sqlite3.Row | dict[str, Any]) -> LogoInfo | None:
    if not row["logo_version"]:
        return None
    return LogoInfo(row["logo_version"], row["logo_width"], row["logo_height"], row["logo_ink"])


_RENAMED_SESSION_COLUMNS = {"current_confession_id": "current_item_id"}
_ADDED_SESSION_COLUMNS = {
    "removed_count": 0,
    "rehearsal": 0,
    "withdrawn_count": 0,
    "merged_count": 0,
    "organisers_record": 0,
    "batching": "auto",
    "language": "",
    "closing_note": "",
    "unshown_record": 0,
    "house_rules": None,
    "max_length": 1000,
    "offer_lesson": 1,
    "accent": "",
    "slide": "join",
    "projector_theme": "dark",
    "projector_corner_qr": 1,
    "projector_timer": 0,
    "projector_secret": "",
    "started_at": None,
    "logo_version": "",
    "logo_width": 0,
    "logo_height": 0,
    "logo_ink": "opaque",
}


def _as_latest_session(row: sqlite3.Row) -> dict[str, Any]:
    """A session row of any schema version with the latest version's column names."""
    values: dict[str, Any] = dict(_ADDED_SESSION_COLUMNS)
    for key in row.keys():  # noqa: SIM118 (a Row iterates over its values, not its keys)
        values[_RENAMED_SESSION_COLUMNS.get(key, key)] = row[key]
    return values


def store_failure(path: Path, error: sqlite3.Error) -> StoreNotOpened:
    """What an SQLite error met while opening ``path`` means: damaged, or not usable."""
    code: int = getattr(error, "sqlite_errorcode", 0)  # absent unless SQLite raised it
    if code & 0xFF in _DAMAGED_CODES:  # the primary result code, without the extended part
        return StoreDamaged(path, str(error))
    return StoreUnreadable(path, str(error))


def prepare_data_dir(folder: Path) -> None:
    """Create the data folder if needed and make sure files can be created in it (SQLite
    writes its -wal and -shm files beside the database)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        raise DataDirUnusable(folder, "it is a file, not a folder") from error
    except NotADirectoryError as error:
        raise DataDirUnusable(folder, _file_in_the_way(folder)) from error
    except OSError as error:
        raise DataDirUnusable(folder, f"it cannot be created ({_os_reason(error)})") from error
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError as error:
        raise DataDirUnusable(folder, f"it cannot be written to ({_os_reason(error)})") from error


def _file_in_the_way(folder: Path) -> str:
    for parent in folder.parents:
        if parent.exists() and not parent.is_dir():
            return f"{parent} is a file, not a folder"
    return "a part of its path is not a folder"


def _check_database_file(path: Path) -> None:
    """An existing database must be a file this user can read and write."""
    if not path.exists():
        return  # SQLite creates it
    if path.is_dir():
        raise StoreUnreadable(path, "it is a folder, not a database file")
    try:
        with path.open("r+b"):
            pass
    except OSError as error:
        raise StoreUnreadable(path, _os_reason(error)) from error


def _os_reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


def _check_integrity(path: Path) -> None:
    """Refuse a damaged database when it is opened, not at its first damaged page during
    a session.

    Reading the schema finds a file that is not a database or was cut short (SQLite
    reports both at the first read). ``PRAGMA quick_check(1)`` finds damaged pages
    anywhere else and stops at the first; it reads the whole file, so it runs only up
    to :data:`QUICK_CHECK_MAX_BYTES`. A larger file starts without it, and a damaged
    page there fails the first read or write that meets it (the store's alarm).

    The connection is read-only: closing it leaves a damaged file and its -wal and -shm
    files as they were found (a read-write one checkpoints or deletes the -wal). A
    failure that is not damage is left for the read-write connection to report.
    """
    if not path.exists():
        return
    read_only = f"{path.resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(read_only, uri=True)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            _quick_check(connection, path)
    except sqlite3.Error as error:
        if isinstance(store_failure(path, error), StoreDamaged):
            raise
        log.info("No integrity check before opening the database: %s", error)


def _quick_check(connection: sqlite3.Connection, path: Path) -> None:
    page_count: int = connection.execute("PRAGMA page_count").fetchone()[0]
    page_size: int = connection.execute("PRAGMA page_size").fetchone()[0]
    size = page_count * page_size
    if size > QUICK_CHECK_MAX_BYTES:
        log.info("The database is %d MB: opened without an integrity check", size // 1_000_000)
        return
    findings = [row[0] for row in connection.execute("PRAGMA quick_check(1)")]
    if findings != ["ok"]:
        lines = "\n".join(findings).splitlines()
        found = " ".join(line for line in lines if not line.startswith("*** in database"))
        raise StoreDamaged(path, f"the integrity check found: {found}")


class Store:
    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self._db = connection
        self.path = path
        # Participants per session, counted once and then kept up by this store's own
        # writes (the host's one store makes every participant): each join asks.
        self._participant_counts: dict[int, int] = {}

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        """Open the data dir's database, creating the folder and the file as needed.

        Raises :class:`DataDirUnusable`, :class:`StoreUnreadable` or
        :class:`StoreDamaged` (each naming the folder or file and what is wrong), or
        :class:`StoreTooNew`.
        """
        prepare_data_dir(data_dir)
        path = data_dir / DATABASE_NAME
        _check_database_file(path)
        try:
            _check_integrity(path)
            return cls(cls._connect(str(path)), path)
        except sqlite3.Error as error:
            raise store_failure(path, error) from error

    @staticmethod
    def peek_unfinished(data_dir: Path) -> SessionInfo | None:
        """The newest unfinished session, read without changing anything (or ``None``).

        For the question "resume it?" before the host opens the store for real; a file
        that cannot be read this way counts as having none.
        """
        path = data_dir / DATABASE_NAME
        if not path.is_file():
            return None
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return None
        try:
            connection.row_factory = sqlite3.Row
            row = connection.execute(
                "SELECT * FROM sessions WHERE status = 'open' ORDER BY id DESC LIMIT 1"
            ).fetchone()
        except sqlite3.Error as error:
            log.warning("Could not look for an unfinished session: %s", error)
            return None
        finally:
            connection.close()
        return None if row is None else _session(_as_latest_session(row))

    @classmethod
    def in_memory(cls) -> Store:
        return cls(cls._connect(":memory:"), None)

    @staticmethod
    def _connect(target: str) -> sqlite3.Connection:
        connection = sqlite3.connect(target, isolation_level=None, check_same_thread=True)
        try:
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA busy_timeout = 2000")
            # Deleted rows are overwritten, not just unlinked: what close_session
            # forgets is gone from the file on every platform's SQLite build.
            connection.execute("PRAGMA secure_delete = ON")
            # Before anything persistent (such as the journal mode) changes, so that
            # a data file from a newer version is refused exactly as it was found.
            migrate(connection)
            connection.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: a commit survives a crash or kill -9 of the app;
            # only a power cut may lose the last commits.
            connection.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            connection.close()
            raise
        return connection

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction, or :class:`StoreUnavailable` and nothing written."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreUnavailable(str(error)) from error
        try:
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise StoreUnavailable(str(error)) from error
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self._db.execute("ROLLBACK")
        except sqlite3.Error:
            log.warning("Rollback failed after a failed write")

    # Sessions

    def create_session(
        self,
        title: str,
        prompt: str,
        agree_label: str,
        created_on: str,
        moderator_secret: str,
        *,
        port: int | None = None,
        projector_secret: str = "",
    ) -> SessionInfo:
        """``projector_secret``: the projector page's (a new one if not given)."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO sessions (title, prompt, agree_label, status, created_on, "
                "moderator_secret, port, projector_secret, started_at) "
                "VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)",
                (
                    title,
                    prompt,
                    agree_label,
                    created_on,
                    moderator_secret,
                    port,
                    projector_secret or secrets.token_urlsafe(32),
                    utc_now(),
                ),
            )
        session_id = cursor.lastrowid
        assert session_id is not None
        return self.session(session_id)

    def session(self, session_id: int) -> SessionInfo:
        row = self._db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise KeyError(session_id)
        return _session(row)

    def latest_open_session(self) -> SessionInfo | None:
        row = self._db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE status = 'open' "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else _session(row)

    def update_session_details(
        self, session_id: int, title: str, prompt: str, agree_label: str
    ) -> None:
        self.set_session_choices(session_id, {}, details=(title, prompt, agree_label))

    def forget_moderator_secret(self, session_id: int) -> None:
        """An ended session's moderator and projector links stop working for good."""
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET moderator_secret = '', projector_secret = '' "
                "WHERE id = ? AND status = 'ended'",
                (session_id,),
            )

    def delete_session(self, session_id: int) -> bool:
        """Delete an ended session and everything kept of it; whether there was one."""
        with self._write() as db:
            db.execute(
                "DELETE FROM agreements WHERE item_id IN "
                "(SELECT id FROM items WHERE session_id = ?)",
                (session_id,),
            )
            db.execute("DELETE FROM items WHERE session_id = ?", (session_id,))
            deleted = db.execute(
                "DELETE FROM sessions WHERE id = ? AND status = 'ended'", (session_id,)
            ).rowcount
        self._participant_counts.pop(session_id, None)
        self._checkpoint()
        return bool(deleted)

    def set_rehearsal(self, session_id: int, rehearsal: bool) -> None:
        """Mark the session as a rehearsal, or (when its record is kept) no longer."""
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET rehearsal = ? WHERE id = ?", (int(rehearsal), session_id)
            )

    def set_session_choice(
        self, session_id: int, choice: SessionChoice, value: str | bool | int | None
    ) -> None:
        """One of the session's choices (a column named by :data:`SessionChoice`, never
        by input): what the record keeps, batching, the phones' language, the note."""
        self.set_session_choices(session_id, {choice: value})

    def set_session_choices(
        self,
        session_id: int,
        choices: Mapping[SessionChoice, str | bool | int | None],
        *,
        details: tuple[str, str, str] | None = None,
        logo: LogoChange = "keep",
    ) -> None:
        """Several of the session's choices in one transaction (its set-up), with its
        ``details`` (title, prompt, agreement label) and its ``logo`` if given."""
        with self._write() as db:
            if details is not None:
                db.execute(
                    "UPDATE sessions SET title = ?, prompt = ?, agree_label = ? WHERE id = ?",
                    (*details, session_id),
                )
            for choice, value in choices.items():
                stored = int(value) if isinstance(value, bool) else value
                db.execute(f"UPDATE sessions SET {choice} = ? WHERE id = ?", (stored, session_id))
            if logo != "keep":
                self._write_logo(db, session_id, logo)

    @staticmethod
    def _write_logo(db: sqlite3.Connection, session_id: int, logo: Logo | None) -> None:
        db.execute("DELETE FROM logos WHERE session_id = ?", (session_id,))
        info = logo.info if logo is not None else LogoInfo("", 0, 0, "opaque")
        db.execute(
            "UPDATE sessions SET logo_version = ?, logo_width = ?, logo_height = ?, "
            "logo_ink = ? WHERE id = ?",
            (info.version, info.width, info.height, info.ink, session_id),
        )
        if logo is not None:
            db.execute(
                "INSERT INTO logos (session_id, screen, screen_type, phone, phone_type, "
                "phone_width, phone_height) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    logo.screen.data,
                    logo.screen.media_type,
                    logo.phone.data,
                    logo.phone.media_type,
                    logo.phone.width,
                    logo.phone.height,
                ),
            )

    def logo(self, session_id: int) -> Logo | None:
        """The session's logo with both renditions, or ``None``."""
        row = self._db.execute(
            "SELECT logo_version, logo_width, logo_height, logo_ink, screen, screen_type, "
            "phone, phone_type, phone_width, phone_height "
            "FROM logos JOIN sessions ON sessions.id = logos.session_id WHERE session_id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            return None
        return Logo(
            row["logo_version"],
            row["logo_ink"],
            LogoImage(row["screen"], row["screen_type"], row["logo_width"], row["logo_height"]),
            LogoImage(row["phone"], row["phone_type"], row["phone_width"], row["phone_height"]),
        )

    def set_session_port(self, session_id: int, port: int) -> None:
        with self._write() as db:
            db.execute("UPDATE sessions SET port = ? WHERE id = ?", (port, session_id))

    def close_session(self, session_id: int, ended_on: str) -> int:
        """End the session and forget what it no longer needs, in one transaction.

        Unshown and removed items, the voters and the participants' token digests go
        (removed items leave their number); shown items keep their (edited) text and
        their agreement counts. Returns how many items were deleted.
        """
        with self._write() as db:
            self._mark_ended(db, session_id, ended_on)
            self._count_removed(db, session_id)
            deleted = self._purge(db, session_id)
            db.execute("DELETE FROM waiting_items WHERE session_id = ?", (session_id,))
        self._participant_counts.pop(session_id, None)
        self._checkpoint()
        return deleted

    @staticmethod
    def _mark_ended(db: sqlite3.Connection, session_id: int, ended_on: str) -> None:
        db.execute(
            "UPDATE sessions SET status = 'ended', ended_on = ?, "
            "current_item_id = NULL WHERE id = ?",
            (ended_on, session_id),
        )

    @staticmethod
    def _count_removed(db: sqlite3.Connection, session_id: int) -> None:
        """Removed and merged items leave only their numbers in the record."""
        db.execute(
            "UPDATE sessions SET removed_count = removed_count + (SELECT COUNT(*) FROM items "
            "WHERE session_id = ? AND state = 'removed' AND kind = 'confession'), "
            "merged_count = merged_count + (SELECT COUNT(*) FROM items WHERE session_id = ? "
            "AND state = 'merged' AND kind = 'confession') "
            "WHERE id = ?",
            (session_id, session_id, session_id),
        )

    @staticmethod
    def _purge(db: sqlite3.Connection, session_id: int) -> int:
        # Confessions for the organisers stay only if the session's house rules said so;
        # replies only when approved, under a confession that stays in the record.
        deleted: int = db.execute(
            "DELETE FROM items WHERE session_id = ? AND kind = 'confession' AND "
            "state != 'shown' AND NOT (state = 'for_organisers' AND (SELECT organisers_record "
            "FROM sessions WHERE id = ?) = 1)",
            (session_id, session_id),
        ).rowcount
        deleted += db.execute(
            "DELETE FROM items WHERE session_id = ? AND kind = 'reply' AND NOT "
            "(state = 'approved' AND parent_id IN (SELECT id FROM items WHERE "
            "session_id = ? AND kind = 'confession' AND state = 'shown'))",
            (session_id, session_id),
        ).rowcount
        db.execute("UPDATE items SET merged_into = NULL WHERE session_id = ?", (session_id,))
        db.execute(
            "UPDATE agreements SET merged_from = NULL WHERE item_id IN "
            "(SELECT id FROM items WHERE session_id = ?)",
            (session_id,),
        )
        db.execute(
            "UPDATE items SET original_text = text, original_learned = learned, "
            "client_id = 'closed-' || id WHERE session_id = ?",
            (session_id,),
        )
        db.execute("DELETE FROM participants WHERE session_id = ?", (session_id,))
        return deleted

    def _checkpoint(self) -> None:
        """Fold the WAL into the main file and truncate it: purged text leaves the disk."""
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            log.warning("Could not checkpoint after purging: %s", error)

    # Participants

    def add_participant(
        self, session_id: int, token: str, sharing: Sharing = Sharing.OWN_ADDRESS
    ) -> int:
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO participants (session_id, token_hash, shared_address) "
                "VALUES (?, ?, ?)",
                (session_id, token_digest(token), int(sharing)),
            )
        participant_id = cursor.lastrowid
        assert participant_id is not None
        if session_id in self._participant_counts:
            self._participant_counts[session_id] += 1
        return participant_id

    def participant_for_token(self, session_id: int, token: str) -> int | None:
        row = self._db.execute(
            "SELECT id FROM participants WHERE session_id = ? AND token_hash = ?",
            (session_id, token_digest(token)),
        ).fetchone()
        return None if row is None else int(row["id"])

    def participant_count(self, session_id: int) -> int:
        count = self._participant_counts.get(session_id)
        if count is None:
            row = self._db.execute(
                "SELECT COUNT(*) FROM participants WHERE session_id = ?", (session_id,)
            ).fetchone()
            count = self._participant_counts[session_id] = int(row[0])
        return count

    def sharing_counts(self, session_id: int) -> dict[Sharing, int]:
        """How many participants joined from an own address, or a shared one (apart or counted)."""
        rows = self._db.execute(
            "SELECT shared_address, COUNT(*) FROM participants WHERE session_id = ? "
            "GROUP BY shared_address",
            (session_id,),
        ).fetchall()
        return {Sharing(row[0]): int(row[1]) for row in rows}

    def sharing(self, participant_id: int) -> Sharing:
        row = self._db.execute(
            "SELECT shared_address FROM participants WHERE id = ?", (participant_id,)
        ).fetchone()
        return Sharing.OWN_ADDRESS if row is None else Sharing(row[0])

    def mark_shared(self, session_id: int, participant_ids: Sequence[int]) -> list[Item]:
        """Set apart the agreements of participants now known to share an address (those
        already flagged keep their flag); return the items whose counts changed."""
        with self._write() as db:
            db.executemany(
                "UPDATE participants SET shared_address = 1 "
                "WHERE id = ? AND session_id = ? AND shared_address = 0",
                [(participant_id, session_id) for participant_id in participant_ids],
            )
            changed = self._recount(db, session_id)
        return [self.item(item_id) for item_id in changed]

    def count_shared(self, session_id: int, counted: bool) -> list[Item]:
        """Count the agreements of every participant on a shared address so far, or set
        them all apart again; return the items whose counts changed."""
        apart, decided = Sharing.SET_APART, Sharing.COUNTED
        before, after = (apart, decided) if counted else (decided, apart)
        with self._write() as db:
            db.execute(
                "UPDATE participants SET shared_address = ? "
                "WHERE session_id = ? AND shared_address = ?",
                (int(after), session_id, int(before)),
            )
            changed = self._recount(db, session_id)
        return [self.item(item_id) for item_id in changed]

    @staticmethod
    def _recount(db: sqlite3.Connection, session_id: int) -> list[int]:
        """Count every item's agreements afresh from the voters' flags; the changed ids."""
        before = db.execute(
            "SELECT id, agreement_count, set_apart_count FROM items WHERE session_id = ?",
            (session_id,),
        ).fetchall()
        db.execute(
            "UPDATE items SET agreement_count = (SELECT COUNT(*) FROM agreements a "
            "  JOIN participants p ON p.id = a.participant_id "
            "  WHERE a.item_id = items.id AND p.shared_address != 1), "
            "set_apart_count = (SELECT COUNT(*) FROM agreements a "
            "  JOIN participants p ON p.id = a.participant_id "
            "  WHERE a.item_id = items.id AND p.shared_address = 1) "
            "WHERE session_id = ?",
            (session_id,),
        )
        after = db.execute(
            "SELECT id, agreement_count, set_apart_count FROM items WHERE session_id = ?",
            (session_id,),
        ).fetchall()
        return [
            new["id"] for old, new in zip(before, after, strict=True) if tuple(old) != tuple(new)
        ]

    # Confessions

    def withdraw(
        self, session_id: int, author_id: int, client_id: str
    ) -> tuple[int | None, list[int]]:
        """Delete the author's unshown confession (waiting, or in a lane) and count it.

        Returns the deleted item's id (``None`` for one that was still waiting) and the
        items that changed with it: those merged into it go back to Incoming, and the one
        it was merged into loses the voters it lent.
        """
        with self._write() as db:
            item = db.execute(
                "SELECT id, kind, merged_into FROM items WHERE author_id = ? AND client_id = ? "
                "AND shown_order IS NULL AND state IN "
                "('incoming', 'approved', 'set_aside', 'for_organisers', 'merged')",
                (author_id, client_id),
            ).fetchone()
            changed: list[int] = []
            if item is not None:
                kind = item["kind"]
                changed = self._unmerge_withdrawn(db, item["id"], item["merged_into"])
                db.execute("DELETE FROM items WHERE id = ?", (item["id"],))
            else:
                waiting = db.execute(
                    "SELECT kind FROM waiting_items WHERE author_id = ? AND client_id = ?",
                    (author_id, client_id),
                ).fetchone()
                kind = ItemKind.CONFESSION.value if waiting is None else waiting["kind"]
                db.execute(
                    "DELETE FROM waiting_items WHERE author_id = ? AND client_id = ?",
                    (author_id, client_id),
                )
            if kind == ItemKind.CONFESSION.value:  # the record counts confessions taken back
                db.execute(
                    "UPDATE sessions SET withdrawn_count = withdrawn_count + 1 WHERE id = ?",
                    (session_id,),
                )
        return (None if item is None else int(item["id"])), changed

    def _unmerge_withdrawn(
        self, db: sqlite3.Connection, item_id: int, merged_into: int | None
    ) -> list[int]:
        children = [
            int(row[0])
            for row in db.execute("SELECT id FROM items WHERE merged_into = ?", (item_id,))
        ]
        db.execute(  # one that was on the screen is part of the record: shown again
            "UPDATE items SET state = CASE WHEN shown_order IS NULL THEN 'incoming' "
            "ELSE 'shown' END, merged_into = NULL, queue_position = NULL WHERE merged_into = ?",
            (item_id,),
        )
        if merged_into is None:
            return children
        db.execute("DELETE FROM agreements WHERE merged_from = ?", (item_id,))
        self._recount_items(db, [merged_into])
        return [*children, merged_into]

    def item_by_client_id(self, author_id: int, client_id: str) -> Item | None:
        row = self._db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items WHERE author_id = ? AND client_id = ?",
            (author_id, client_id),
        ).fetchone()
        return None if row is None else _item(row)

    def add_item(
        self,
        session_id: int,
        author_id: int,
        client_id: str,
        text: str,
        learned: str,
        *,
        for_organisers: bool = False,
        parent_id: int | None = None,
    ) -> Item:
        """A confession, or with ``parent_id`` a reply to that confession."""
        state = ItemState.FOR_ORGANISERS if for_organisers else ItemState.INCOMING
        kind = ItemKind.CONFESSION if parent_id is None else ItemKind.REPLY
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO items (session_id, kind, parent_id, author_id, client_id, "
                "original_text, original_learned, text, learned, state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    kind.value,
                    parent_id,
                    author_id,
                    client_id,
                    text,
                    learned,
                    text,
                    learned,
                    state.value,
                ),
            )
        item_id = cursor.lastrowid
        assert item_id is not None
        return self.item(item_id)

    def add_warm_up(
        self, session_id: int, client_id: str, text: str, learned: str, queue_position: int
    ) -> Item:
        """A confession the facilitator prepared to go first: no author, approved, at
        ``queue_position`` in Up next."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO items (session_id, kind, author_id, client_id, original_text, "
                "original_learned, text, learned, state, queue_position) "
                "VALUES (?, 'confession', NULL, ?, ?, ?, ?, ?, 'approved', ?)",
                (session_id, client_id, text, learned, text, learned, queue_position),
            )
        item_id = cursor.lastrowid
        assert item_id is not None
        return self.item(item_id)

    # Confessions waiting (sent faster than a person writes)

    def add_waiting(
        self,
        session_id: int,
        author_id: int,
        client_id: str,
        text: str,
        learned: str,
        *,
        held: bool = False,
        for_organisers: bool = False,
        parent_id: int | None = None,
    ) -> None:
        """Keep a confession (or with ``parent_id`` a reply) waiting: for its author's
        turn, or ``held`` for a batch."""
        kind = ItemKind.CONFESSION if parent_id is None else ItemKind.REPLY
        with self._write() as db:
            db.execute(
                "INSERT INTO waiting_items (session_id, author_id, client_id, text, learned, "
                "held, for_organisers, kind, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    author_id,
                    client_id,
                    text,
                    learned,
                    held,
                    for_organisers,
                    kind.value,
                    parent_id,
                ),
            )

    def has_replied(self, author_id: int, confession_id: int) -> bool:
        """Whether the author has a reply to the confession (in a lane or waiting)."""
        row = self._db.execute(
            "SELECT 1 FROM items WHERE author_id = ? AND parent_id = ? AND kind = 'reply' "
            "UNION ALL SELECT 1 FROM waiting_items WHERE author_id = ? AND parent_id = ? "
            "AND kind = 'reply' LIMIT 1",
            (author_id, confession_id, author_id, confession_id),
        ).fetchone()
        return row is not None

    def approved_replies(self, confession_id: int) -> list[Item]:
        """The confession's approved replies, in the order approved, with those of the
        confessions merged into it."""
        rows = self._db.execute(
            "WITH RECURSIVE family(id) AS (SELECT ? UNION "
            "  SELECT items.id FROM items JOIN family ON items.merged_into = family.id) "
            f"SELECT {_ITEM_COLUMNS} FROM items WHERE parent_id IN (SELECT id FROM family) "
            "AND kind = 'reply' AND state = 'approved' ORDER BY queue_position, id",
            (confession_id,),
        ).fetchall()
        return [_item(row) for row in rows]

    def is_waiting(self, author_id: int, client_id: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM waiting_items WHERE author_id = ? AND client_id = ?",
            (author_id, client_id),
        ).fetchone()
        return row is not None

    def has_waiting(self, author_id: int) -> bool:
        """Whether the author has confessions waiting for their turn (not held for a batch)."""
        row = self._db.execute(
            "SELECT 1 FROM waiting_items WHERE author_id = ? AND held = 0 LIMIT 1", (author_id,)
        ).fetchone()
        return row is not None

    def waiting_total(self, session_id: int) -> int:
        """Every confession waiting, for its author's turn or held for a batch."""
        row = self._db.execute(
            "SELECT COUNT(*) FROM waiting_items WHERE session_id = ? AND kind = 'confession'",
            (session_id,),
        ).fetchone()
        return int(row[0])

    def has_any_waiting(self, session_id: int) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM waiting_items WHERE session_id = ? LIMIT 1", (session_id,)
        ).fetchone()
        return row is not None

    def waiting_for_organisers(self, session_id: int) -> list[int]:
        rows = self._db.execute(
            "SELECT id FROM waiting_items WHERE session_id = ? AND for_organisers = 1 ORDER BY id",
            (session_id,),
        ).fetchall()
        return [int(row[0]) for row in rows]

    def waiting_count(self, session_id: int) -> int:
        """How many wait for their authors' turn (those held for a batch are not said)."""
        row = self._db.execute(
            "SELECT COUNT(*) FROM waiting_items WHERE session_id = ? AND held = 0",
            (session_id,),
        ).fetchone()
        return int(row[0])

    def first_waiting(self, session_id: int) -> list[WaitingItem]:
        """Each author's oldest confession waiting for a turn, oldest authors' first."""
        rows = self._db.execute(
            "SELECT MIN(id) AS id, author_id FROM waiting_items WHERE session_id = ? "
            "AND held = 0 GROUP BY author_id ORDER BY MIN(id)",
            (session_id,),
        ).fetchall()
        return [WaitingItem(row["id"], row["author_id"]) for row in rows]

    def held_waiting(self, session_id: int) -> list[WaitingItem]:
        """The confessions held for the next batch, oldest first."""
        rows = self._db.execute(
            "SELECT id, author_id FROM waiting_items WHERE session_id = ? AND held = 1 ORDER BY id",
            (session_id,),
        ).fetchall()
        return [WaitingItem(row["id"], row["author_id"], held=True) for row in rows]

    def hold_waiting(self, waiting_id: int) -> None:
        """A waiting confession's turn came while batching: it joins the next batch."""
        with self._write() as db:
            db.execute("UPDATE waiting_items SET held = 1 WHERE id = ?", (waiting_id,))

    def release_waiting(self, waiting_id: int) -> Item:
        """Move a waiting confession into Incoming, in one transaction."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO items (session_id, kind, parent_id, author_id, client_id, "
                "original_text, original_learned, text, learned, state) "
                "SELECT session_id, kind, parent_id, author_id, client_id, text, learned, "
                "text, learned, "
                "CASE for_organisers WHEN 1 THEN 'for_organisers' ELSE 'incoming' END "
                "FROM waiting_items WHERE id = ?",
                (waiting_id,),
            )
            db.execute("DELETE FROM waiting_items WHERE id = ?", (waiting_id,))
        item_id = cursor.lastrowid
        assert item_id is not None
        return self.item(item_id)

    def item(self, item_id: int) -> Item:
        row = self._db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items WHERE id = ?", (item_id,)
        ).fetchone()
        if row is None:
            raise KeyError(item_id)
        return _item(row)

    def item_in_session(self, session_id: int, item_id: int) -> Item | None:
        row = self._db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items WHERE id = ? AND session_id = ?",
            (item_id, session_id),
        ).fetchone()
        return None if row is None else _item(row)

    def items(self, session_id: int) -> list[Item]:
        """Every confession of the session in the order the moderator works through them."""
        rows = self._db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items WHERE session_id = ? "
            "ORDER BY shown_order IS NULL, shown_order, queue_position IS NULL, "
            "queue_position, id",
            (session_id,),
        ).fetchall()
        return [_item(row) for row in rows]

    def confessions_by_state(self, session_id: int) -> dict[ItemState, int]:
        """How many of the session's confessions are in each state (one query)."""
        rows = self._db.execute(
            "SELECT state, COUNT(*) FROM items WHERE session_id = ? AND kind = 'confession' "
            "GROUP BY state",
            (session_id,),
        ).fetchall()
        return {ItemState(row[0]): int(row[1]) for row in rows}

    def most_agreed(self, session_id: int, limit: int) -> list[Item]:
        """The shown confessions most agreed with (none without an agreement, none with
        a content note), most first, then in the order shown."""
        rows = self._db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items WHERE session_id = ? AND kind = 'confession' "
            "AND state = 'shown' AND content_note = 0 AND agreement_count > 0 "
            "ORDER BY agreement_count DESC, shown_order LIMIT ?",
            (session_id, limit),
        ).fetchall()
        return [_item(row) for row in rows]

    def has_replies(self, item_id: int) -> bool:
        """Whether anyone replied to the item (a reply in a lane, or waiting its turn)."""
        row = self._db.execute(
            "SELECT EXISTS (SELECT 1 FROM items WHERE parent_id = ?) "
            "OR EXISTS (SELECT 1 FROM waiting_items WHERE parent_id = ?)",
            (item_id, item_id),
        ).fetchone()
        return bool(row[0])

    def received_count(self, session_id: int, *, from_room: bool = False) -> int:
        """The confessions in the session (replies are not counted); ``from_room``: only
        those phones sent while the session is open (not the facilitator's warm-ups)."""
        authored = " AND author_id IS NOT NULL" if from_room else ""
        row = self._db.execute(
            f"SELECT COUNT(*) FROM items WHERE session_id = ? AND kind = 'confession'{authored}",
            (session_id,),
        ).fetchone()
        return int(row[0])

    def set_state(
        self,
        item_id: int,
        state: ItemState,
        *,
        queue_position: int | None = None,
        shown_order: int | None = None,
    ) -> Item:
        with self._write() as db:
            db.execute(
                "UPDATE items SET state = ?, queue_position = ?, "
                "shown_order = COALESCE(?, shown_order) WHERE id = ?",
                (state.value, queue_position, shown_order, item_id),
            )
        return self.item(item_id)

    def queue(self, session_id: int) -> list[tuple[int, int]]:
        """Up next in order, as (item id, queue position)."""
        rows = self._db.execute(
            "SELECT id, queue_position FROM items WHERE session_id = ? AND state = 'approved' "
            "AND kind = 'confession' ORDER BY queue_position, id",
            (session_id,),
        ).fetchall()
        return [(int(row[0]), int(row[1])) for row in rows]

    def set_queue_positions(self, places: dict[int, int]) -> list[Item]:
        with self._write() as db:
            db.executemany(
                "UPDATE items SET queue_position = ? WHERE id = ?",
                [(place, item_id) for item_id, place in places.items()],
            )
        return [self.item(item_id) for item_id in places]

    def set_states(
        self, session_id: int, changes: Sequence[tuple[int, ItemState, int | None]]
    ) -> list[Item]:
        """Many items' (id, state, queue position) in one transaction."""
        with self._write() as db:
            db.executemany(
                "UPDATE items SET state = ?, queue_position = ? WHERE id = ? AND session_id = ?",
                [(state.value, place, item_id, session_id) for item_id, state, place in changes],
            )
        return self.items_by_id([item_id for item_id, _, _ in changes])

    def items_by_id(self, item_ids: Sequence[int]) -> list[Item]:
        """The items, in the order named (a few queries however many: bulk actions)."""
        found = self._items_where("id IN ({marks})", (), item_ids)
        return [found[item_id] for item_id in item_ids]

    def items_in_session(self, session_id: int, item_ids: Sequence[int]) -> list[Item]:
        """Those of the named items that are in the session, in the order named."""
        found = self._items_where("session_id = ? AND id IN ({marks})", (session_id,), item_ids)
        return [found[item_id] for item_id in item_ids if item_id in found]

    def _items_where(
        self, condition: str, parameters: tuple[int, ...], item_ids: Sequence[int]
    ) -> dict[int, Item]:
        found: dict[int, Item] = {}
        for start in range(0, len(item_ids), _IDS_PER_QUERY):
            chunk = tuple(item_ids[start : start + _IDS_PER_QUERY])
            where = condition.format(marks=", ".join("?" * len(chunk)))
            rows = self._db.execute(
                f"SELECT {_ITEM_COLUMNS} FROM items WHERE {where}", (*parameters, *chunk)
            ).fetchall()
            found.update((row["id"], _item(row)) for row in rows)
        return found

    # Merging

    def merge(self, keep_id: int, merged_ids: Sequence[int]) -> list[Item]:
        """Merge items into ``keep_id``: their voters count there (each once), and they
        leave every lane. Returns the kept item and the merged ones, as they are now."""
        with self._write() as db:
            for merged_id in merged_ids:
                db.execute(
                    "INSERT OR IGNORE INTO agreements (item_id, participant_id, merged_from) "
                    "SELECT ?, participant_id, item_id FROM agreements WHERE item_id = ?",
                    (keep_id, merged_id),
                )
                db.execute(
                    "UPDATE items SET state = 'merged', queue_position = NULL, merged_into = ? "
                    "WHERE id = ?",
                    (keep_id, merged_id),
                )
            self._recount_items(db, [keep_id])
        return self.items_by_id([keep_id, *merged_ids])

    def _unmerge(self, db: sqlite3.Connection, keep_id: int, merged_ids: Sequence[int]) -> None:
        marks = ", ".join("?" * len(merged_ids))
        db.execute(
            f"DELETE FROM agreements WHERE item_id = ? AND merged_from IN ({marks})",
            (keep_id, *merged_ids),
        )
        db.execute(f"UPDATE items SET merged_into = NULL WHERE id IN ({marks})", tuple(merged_ids))
        self._recount_items(db, [keep_id])

    @staticmethod
    def _recount_items(db: sqlite3.Connection, item_ids: Sequence[int]) -> None:
        marks = ", ".join("?" * len(item_ids))
        db.execute(
            "UPDATE items SET agreement_count = (SELECT COUNT(*) FROM agreements a "
            "  JOIN participants p ON p.id = a.participant_id "
            "  WHERE a.item_id = items.id AND p.shared_address != 1), "
            "set_apart_count = (SELECT COUNT(*) FROM agreements a "
            "  JOIN participants p ON p.id = a.participant_id "
            f"  WHERE a.item_id = items.id AND p.shared_address = 1) WHERE id IN ({marks})",
            tuple(item_ids),
        )

    def queue_head(self, session_id: int) -> int | None:
        row = self._db.execute(
            "SELECT id FROM items WHERE session_id = ? AND state = 'approved' "
            "AND kind = 'confession' ORDER BY queue_position, id LIMIT 1",
            (session_id,),
        ).fetchone()
        return None if row is None else int(row["id"])

    def next_shown_order(self, session_id: int) -> int:
        row = self._db.execute(
            "SELECT COALESCE(MAX(shown_order), 0) + 1 FROM items WHERE session_id = ?",
            (session_id,),
        ).fetchone()
        return int(row[0])

    def show(
        self, session_id: int, item_id: int, shown_order: int | None, phones: int | None = None
    ) -> Item:
        """Mark a confession shown (keeping its first place in the order and the phones
        connected then) and project it."""
        with self._write() as db:
            db.execute(
                "UPDATE items SET state = 'shown', queue_position = NULL, "
                "phones_at_show = CASE WHEN shown_order IS NULL THEN ? ELSE phones_at_show END, "
                "shown_order = COALESCE(shown_order, ?), shown_at = ? WHERE id = ?",
                (phones, shown_order, utc_now(), item_id),
            )
            db.execute(
                "UPDATE sessions SET current_item_id = ?, slide = 'join' WHERE id = ?",
                (item_id, session_id),
            )
        return self.item(item_id)

    def edit(self, item_id: int, version: int, text: str, learned: str) -> Item | None:
        """Replace the edited text if the item is still at ``version``; ``None`` if not."""
        with self._write() as db:
            changed = db.execute(
                "UPDATE items SET text = ?, learned = ?, version = version + 1 "
                "WHERE id = ? AND version = ?",
                (text, learned, item_id, version),
            ).rowcount
        return self.item(item_id) if changed else None

    def remove(self, session_id: int, item_id: int) -> Item:
        """Take a shown item out of the record (and off the screen if it is on it)."""
        with self._write() as db:
            db.execute(
                "UPDATE items SET state = 'removed', queue_position = NULL WHERE id = ?",
                (item_id,),
            )
            db.execute(
                "UPDATE sessions SET current_item_id = NULL WHERE id = ? AND current_item_id = ?",
                (session_id, item_id),
            )
        return self.item(item_id)

    def put_back(
        self,
        session_id: int,
        items: Sequence[Item],
        current_item_id: int | None,
        *,
        unmerge: tuple[int, Sequence[int]] | None = None,
    ) -> None:
        """Undo: the items' states, places and texts as ``items`` have them, and the screen;
        for a merge (``unmerge``: the kept id and the merged ids), the lent voters go back.

        The version is the one each item carries: the caller passes a newer one when the
        text goes back, so that an edit made on the undone text is refused.
        """
        with self._write() as db:
            if unmerge is not None:
                self._unmerge(db, *unmerge)
            for item in items:
                db.execute(
                    "UPDATE items SET state = ?, queue_position = ?, shown_order = ?, "
                    "text = ?, learned = ?, version = ? WHERE id = ?",
                    (
                        item.state.value,
                        item.queue_position,
                        item.shown_order,
                        item.text,
                        item.learned,
                        item.version,
                        item.id,
                    ),
                )
            db.execute(
                "UPDATE sessions SET current_item_id = ? WHERE id = ?",
                (current_item_id, session_id),
            )

    def clear_projection(self, session_id: int, slide: Slide | None = None) -> None:
        """Nothing on screen: the session's slide, or ``slide`` from now on."""
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET current_item_id = NULL, slide = COALESCE(?, slide) "
                "WHERE id = ?",
                (slide, session_id),
            )

    def set_content_note(self, item_id: int, noted: bool) -> Item:
        with self._write() as db:
            db.execute("UPDATE items SET content_note = ? WHERE id = ?", (int(noted), item_id))
        return self.item(item_id)

    # The organisers' word lists

    def word_list(self, name: str) -> tuple[str, ...]:
        rows = self._db.execute(
            "SELECT entry FROM word_lists WHERE list = ? ORDER BY position", (name,)
        ).fetchall()
        return tuple(row["entry"] for row in rows)

    def set_word_lists(self, lists: dict[str, tuple[str, ...]]) -> None:
        with self._write() as db:
            for name, entries in lists.items():
                db.execute("DELETE FROM word_lists WHERE list = ?", (name,))
                db.executemany(
                    "INSERT INTO word_lists (list, position, entry) VALUES (?, ?, ?)",
                    [(name, position, entry) for position, entry in enumerate(entries)],
                )

    # Agreements

    def set_agreement(self, item_id: int, participant_id: int, agreed: bool) -> int:
        """Record one participant's agreement (or its withdrawal); return the new count."""
        return self.set_agreements([(item_id, participant_id, agreed)])[item_id].counted

    def set_agreements(self, rows: Sequence[tuple[int, int, bool]]) -> dict[int, ItemCounts]:
        """Record ``(confession, participant, agreed)`` rows in one transaction.

        An agreement from a participant on a shared address is counted apart unless the
        facilitator decided to count theirs. Returns the counts of every confession
        concerned, after the commit.
        """
        deltas: dict[tuple[int, str], int] = {}
        counts: dict[int, ItemCounts] = {}
        if not rows:
            return counts
        with self._write() as db:
            apart = self._set_apart(db, {participant_id for _, participant_id, _ in rows})
            for item_id, participant_id, agreed in rows:
                if agreed:
                    delta = db.execute(
                        "INSERT OR IGNORE INTO agreements (item_id, participant_id) VALUES (?, ?)",
                        (item_id, participant_id),
                    ).rowcount
                    if not delta:  # lent by a merge: their own now, so undoing it keeps it
                        db.execute(
                            "UPDATE agreements SET merged_from = NULL WHERE item_id = ? "
                            "AND participant_id = ? AND merged_from IS NOT NULL",
                            (item_id, participant_id),
                        )
                else:
                    delta = -db.execute(
                        "DELETE FROM agreements WHERE item_id = ? AND participant_id = ?",
                        (item_id, participant_id),
                    ).rowcount
                # A column name chosen here, never input.
                column = "set_apart_count" if participant_id in apart else "agreement_count"
                deltas[item_id, column] = deltas.get((item_id, column), 0) + delta
            for (item_id, column), delta in deltas.items():
                if delta:
                    db.execute(
                        f"UPDATE items SET {column} = {column} + ? WHERE id = ?",
                        (delta, item_id),
                    )
            for item_id in dict.fromkeys(item_id for item_id, _ in deltas):
                row = db.execute(
                    "SELECT agreement_count, set_apart_count FROM items WHERE id = ?", (item_id,)
                ).fetchone()
                counts[item_id] = ItemCounts(int(row[0]), int(row[1]))
        return counts

    @staticmethod
    def _set_apart(db: sqlite3.Connection, participant_ids: set[int]) -> set[int]:
        """Which of these participants' agreements are counted apart: one query a batch."""
        marks = ", ".join("?" * len(participant_ids))
        rows = db.execute(
            f"SELECT id FROM participants WHERE shared_address = ? AND id IN ({marks})",
            (int(Sharing.SET_APART), *participant_ids),
        ).fetchall()
        return {int(row[0]) for row in rows}

    def has_agreed(self, item_id: int, participant_id: int) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM agreements WHERE item_id = ? AND participant_id = ?",
            (item_id, participant_id),
        ).fetchone()
        return row is not None
