"""Schema migrations: every earlier version upgrades with its data; newer ones are refused."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from facilitator.core.errors import StoreTooNew
from facilitator.core.migrations import LATEST_VERSION, MIGRATIONS, migrate, schema_version
from facilitator.core.model import ItemState, SessionStatus, WaitingItem
from facilitator.core.queue_order import GAP, after_last
from facilitator.core.store import DATABASE_NAME, Store, token_digest

EXPECTED_TABLES = {
    "sessions",
    "participants",
    "items",
    "agreements",
    "word_lists",
    "waiting_items",
    "logos",
}


def connect(target: str | Path = ":memory:") -> sqlite3.Connection:
    connection = sqlite3.connect(target, isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    connection = connect()
    yield connection
    connection.close()


def tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {row[0] for row in rows}


def schema(connection: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
    )
    return [tuple(row) for row in rows]


def build_database_at(connection: sqlite3.Connection, version: int) -> None:
    """Apply the shipped steps up to ``version``, exactly as an older release left them."""
    for step, script in enumerate(MIGRATIONS[:version], start=1):
        connection.executescript(script)
        connection.execute(f"PRAGMA user_version = {step}")
    assert schema_version(connection) == version


# Representative data, written with the SQL of the schema version it was shipped with.
# When a migration changes a table, add a seeder for the new version here: each seeder
# is used for its version and every later one until the next seeder.


SEEDED_ITEMS = [
    # id, session, author, client_id, text, learned, state, queue, shown, count
    (1, 1, None, "old-client-1", "Kept from an old session", "", "shown", None, 1, 5),
    (11, 2, 21, "client-0001", "Shown and edited", "Lesson", "shown", None, 1, 2),
    (12, 2, 22, "client-0002", "Waiting in the queue", "", "approved", 1, None, 0),
    (13, 2, 21, "client-0003", "Just arrived \U0001f605", "", "incoming", None, None, 0),
    (14, 2, 22, "client-0004", "Not for the screen", "", "set_aside", None, None, 0),
]


def seed_sessions_and_participants(connection: sqlite3.Connection, current_column: str) -> None:
    connection.execute(
        "INSERT INTO sessions (id, title, prompt, agree_label, status, created_on, ended_on, "
        f"port, moderator_secret, {current_column}) VALUES "
        "(1, 'Old session', 'Old prompt?', 'Me too', 'ended', '2024-01-02', '2024-01-02', "
        "8737, 'secret-1', NULL), "
        "(2, 'Live session', 'What went wrong?', 'Been there', 'open', '2024-05-17', NULL, "
        "9000, 'secret-2', 11)"
    )
    connection.execute(
        "INSERT INTO participants (id, session_id, token_hash) VALUES (?, 2, ?), (?, 2, ?)",
        (21, token_digest("token-a"), 22, token_digest("token-b")),
    )


def seed_items(connection: sqlite3.Connection, table: str) -> None:
    for cid, sid, author, client, text, learned, state, queue, shown, count in SEEDED_ITEMS:
        original = "Original words" if cid == 11 else text
        connection.execute(
            f"INSERT INTO {table} (id, session_id, author_id, client_id, original_text, "
            "original_learned, text, learned, state, queue_position, shown_order, "
            "agreement_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cid,
                sid,
                author,
                client,
                original,
                learned,
                text,
                learned,
                state,
                queue,
                shown,
                count,
            ),
        )


def seed_v1(connection: sqlite3.Connection) -> None:
    seed_sessions_and_participants(connection, "current_confession_id")
    seed_items(connection, "confessions")
    connection.execute(
        "INSERT INTO agreements (confession_id, participant_id) VALUES (11, 21), (11, 22)"
    )


def seed_v2(connection: sqlite3.Connection) -> None:
    seed_sessions_and_participants(connection, "current_item_id")
    seed_items(connection, "items")
    connection.execute("INSERT INTO agreements (item_id, participant_id) VALUES (11, 21), (11, 22)")


def seed_v3(connection: sqlite3.Connection) -> None:
    """Version 3 keeps confessions sent too fast waiting for their turn."""
    seed_v2(connection)
    connection.execute(
        "INSERT INTO waiting_items (id, session_id, author_id, client_id, text, learned) "
        "VALUES (31, 2, 22, 'client-0005', 'Sent too fast', 'Slow down')"
    )


def seed_v4(connection: sqlite3.Connection) -> None:
    """Version 4 marks rehearsals: the live session is one."""
    seed_v3(connection)
    connection.execute("UPDATE sessions SET rehearsal = 1 WHERE id = 2")


SEEDERS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: seed_v1,
    2: seed_v2,
    3: seed_v3,
    4: seed_v4,
}


def seed(connection: sqlite3.Connection, version: int) -> bool:
    """Insert data fitting the schema at ``version``; False where there is no schema yet."""
    usable = [v for v in SEEDERS if v <= version]
    if not usable:
        return False
    SEEDERS[max(usable)](connection)
    return True


def assert_seeded_data_is_intact(store: Store) -> None:
    """Read the seeded data back through today's store, the way the app will."""
    old = store.session(1)
    assert (old.title, old.status, old.ended_on, old.port) == (
        "Old session",
        SessionStatus.ENDED,
        "2024-01-02",
        8737,
    )
    live = store.latest_open_session()
    assert live is not None
    assert live.id == 2
    assert (live.title, live.prompt, live.agree_label) == (
        "Live session",
        "What went wrong?",
        "Been there",
    )
    assert (live.port, live.moderator_secret, live.current_item_id) == (9000, "secret-2", 11)
    assert live.created_on == "2024-05-17"
    assert not old.rehearsal

    assert store.participant_for_token(2, "token-a") == 21
    assert store.participant_for_token(2, "token-b") == 22
    assert store.participant_count(2) == 2

    listed = store.items(2)
    assert [c.id for c in listed] == [11, 12, 13, 14]
    assert [c.state for c in listed] == [
        ItemState.SHOWN,
        ItemState.APPROVED,
        ItemState.INCOMING,
        ItemState.SET_ASIDE,
    ]
    shown = listed[0]
    assert (shown.text, shown.original_text, shown.learned) == (
        "Shown and edited",
        "Original words",
        "Lesson",
    )
    assert (shown.shown_order, shown.agreement_count, shown.set_apart_count) == (1, 2, 0)
    assert listed[1].queue_position == 1
    assert listed[2].text == "Just arrived \U0001f605"
    assert store.has_agreed(11, 21)
    assert store.has_agreed(11, 22)
    assert store.item_by_client_id(22, "client-0002") == listed[1]
    assert [c.text for c in store.items(1)] == ["Kept from an old session"]

    # Nothing is merged, nothing is for the organisers, nothing held for a batch.
    assert all(c.merged_into is None for c in listed)
    assert (live.merged_count, live.organisers_record, live.batching) == (0, False, "auto")
    assert store.held_waiting(2) == []

    # And the migrated database still takes writes: a place after the last in Up next.
    assert store.set_agreement(11, 21, False) == 1
    store.set_state(13, ItemState.APPROVED, queue_position=after_last(store.queue(2)))
    assert store.queue(2) == [(12, 1), (13, 1 + GAP)]


# Empty database


def test_there_is_at_least_one_migration() -> None:
    assert LATEST_VERSION == len(MIGRATIONS) >= 1


def test_migrating_an_empty_database_reaches_the_latest_version(
    connection: sqlite3.Connection,
) -> None:
    assert schema_version(connection) == 0
    assert migrate(connection) == 0
    assert schema_version(connection) == LATEST_VERSION
    assert tables(connection) == EXPECTED_TABLES
    assert not connection.in_transaction


def test_the_latest_schema_has_the_expected_columns(connection: sqlite3.Connection) -> None:
    migrate(connection)

    def columns(table: str) -> set[str]:
        return {row["name"] for row in connection.execute(f"PRAGMA table_info({table})")}

    assert columns("sessions") >= {
        "id",
        "title",
        "prompt",
        "agree_label",
        "status",
        "created_on",
        "ended_on",
        "port",
        "moderator_secret",
        "current_item_id",
        "removed_count",
        "rehearsal",
        "withdrawn_count",
    }
    assert columns("participants") >= {"id", "session_id", "token_hash", "shared_address"}
    assert "token" not in columns("participants")
    assert columns("items") >= {
        "id",
        "session_id",
        "kind",
        "parent_id",
        "version",
        "author_id",
        "client_id",
        "original_text",
        "original_learned",
        "text",
        "learned",
        "state",
        "queue_position",
        "shown_order",
        "agreement_count",
        "set_apart_count",
    }
    assert columns("agreements") >= {"item_id", "participant_id"}
    assert columns("waiting_items") >= {"session_id", "author_id", "client_id", "text", "learned"}
    assert columns("word_lists") >= {"list", "position", "entry"}


def test_the_schema_enforces_its_constraints(connection: sqlite3.Connection) -> None:
    migrate(connection)
    seed_v2(connection)
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE sessions SET status = 'paused' WHERE id = 2")
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE items SET state = 'deleted' WHERE id = 13")
    with pytest.raises(sqlite3.IntegrityError):  # one agreement per participant and confession
        connection.execute("INSERT INTO agreements (item_id, participant_id) VALUES (11, 21)")
    with pytest.raises(sqlite3.IntegrityError):  # one confession per author and client id
        connection.execute(
            "INSERT INTO items (session_id, author_id, client_id, original_text, "
            "original_learned, text, learned, state) "
            "VALUES (2, 21, 'client-0001', 'x', '', 'x', '', 'incoming')"
        )
    with pytest.raises(sqlite3.IntegrityError):  # agreements need a real participant
        connection.execute("INSERT INTO agreements (item_id, participant_id) VALUES (12, 999)")
    with pytest.raises(sqlite3.IntegrityError):  # agreements need a real item
        connection.execute("INSERT INTO agreements (item_id, participant_id) VALUES (999, 21)")
    with pytest.raises(sqlite3.IntegrityError):  # a rehearsal or not
        connection.execute("UPDATE sessions SET rehearsal = 2 WHERE id = 2")
    # Schema 6: the rebuilt items table keeps its checks and references, with new ones.
    with pytest.raises(sqlite3.IntegrityError):  # merged into a real item
        connection.execute("UPDATE items SET merged_into = 999 WHERE id = 13")
    with pytest.raises(sqlite3.IntegrityError):  # items belong to a real session
        connection.execute("UPDATE items SET session_id = 999 WHERE id = 13")
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE sessions SET organisers_record = 2 WHERE id = 2")
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE sessions SET batching = 'sometimes' WHERE id = 2")
    connection.execute(
        "INSERT INTO waiting_items (session_id, author_id, client_id, text, learned) "
        "VALUES (2, 21, 'client-0009', 'x', '')"
    )
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE waiting_items SET held = 2")
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE waiting_items SET for_organisers = 2")
    for state in ("merged", "for_organisers"):  # the wider state check
        connection.execute("UPDATE items SET state = ? WHERE id = 13", (state,))
    connection.execute("UPDATE items SET merged_into = 11 WHERE id = 13")
    # Deleting an item still takes its agreements with it, and leaves those merged into
    # it pointing nowhere rather than deleting them.
    connection.execute("DELETE FROM items WHERE id = 11")
    assert connection.execute("SELECT COUNT(*) FROM agreements").fetchone()[0] == 0
    assert connection.execute("SELECT merged_into FROM items WHERE id = 13").fetchone()[0] is None


def test_store_open_creates_a_migrated_database(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.close()
    connection = connect(tmp_path / DATABASE_NAME)
    try:
        assert schema_version(connection) == LATEST_VERSION
        assert tables(connection) == EXPECTED_TABLES
    finally:
        connection.close()


# Every earlier version


@pytest.mark.parametrize("version", range(LATEST_VERSION))
def test_migrating_from_every_earlier_version_keeps_the_data(
    connection: sqlite3.Connection, version: int
) -> None:
    build_database_at(connection, version)
    has_data = seed(connection, version)

    assert migrate(connection) == version

    assert schema_version(connection) == LATEST_VERSION
    assert tables(connection) == EXPECTED_TABLES
    assert not connection.in_transaction
    if not has_data:
        # Nothing could be stored before the first schema: seed it now to prove it works.
        seed(connection, LATEST_VERSION)
    store = Store(connection, None)
    assert_seeded_data_is_intact(store)
    expected_waiting = [WaitingItem(31, 22)] if version >= 3 or not has_data else []
    assert store.first_waiting(2) == expected_waiting
    # Sessions from before rehearsals were marked were real ones; none had withdrawals.
    assert store.session(2).rehearsal is (version >= 4 or not has_data)
    assert store.session(2).withdrawn_count == 0
    assert store.session(2).logo is None  # no session had a logo before schema 8
    assert store.logo(2) is None


@pytest.mark.parametrize("version", range(LATEST_VERSION))
def test_store_open_migrates_a_data_file_from_every_earlier_version(
    tmp_path: Path, version: int
) -> None:
    old = connect(tmp_path / DATABASE_NAME)
    build_database_at(old, version)
    has_data = seed(old, version)
    old.close()

    store = Store.open(tmp_path)
    try:
        assert schema_version(store._db) == LATEST_VERSION
        if not has_data:
            seed(store._db, LATEST_VERSION)
        assert_seeded_data_is_intact(store)
    finally:
        store.close()


@pytest.mark.parametrize("version", range(LATEST_VERSION + 1))
def test_migrated_schema_matches_a_fresh_one(version: int) -> None:
    fresh, upgraded = connect(), connect()
    try:
        migrate(fresh)
        build_database_at(upgraded, version)
        migrate(upgraded)
        assert schema(upgraded) == schema(fresh)
    finally:
        fresh.close()
        upgraded.close()


def rows(connection: sqlite3.Connection, table: str) -> list[dict[str, object]]:
    return [dict(row) for row in connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]


def defaults(connection: sqlite3.Connection, table: str, columns: object) -> dict[str, object]:
    """The declared defaults of ``columns`` of ``table``, as SQLite stores them."""
    found: dict[str, object] = {}
    for column in connection.execute(f"PRAGMA table_info({table})"):
        if column["name"] in columns:  # type: ignore[operator]
            default = column["dflt_value"]  # SQL text, or None for no default (NULL)
            found[column["name"]] = (
                None if default is None else connection.execute(f"SELECT {default}").fetchone()[0]
            )
    return found


def test_schema_6_rebuilds_the_items_table_keeping_every_row_and_reference(
    connection: sqlite3.Connection,
) -> None:
    build_database_at(connection, 5)
    seed(connection, 5)
    connection.execute("UPDATE items SET version = 3, set_apart_count = 1 WHERE id = 11")
    before = {
        table: rows(connection, table)
        for table in ("items", "agreements", "waiting_items", "participants", "sessions")
    }
    assert before["agreements"], "agreements to keep"

    migrate(connection)

    # Foreign keys are on again, and nothing points nowhere.
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    added = {
        "items": {"merged_into": None},
        "agreements": {"merged_from": None},
        "waiting_items": {"held": 0, "for_organisers": 0},
        "participants": {},
        "sessions": {"merged_count": 0, "organisers_record": 0, "batching": "auto"},
    }
    for table, old_rows in before.items():
        new_rows = rows(connection, table)
        assert len(new_rows) == len(old_rows), table
        for old_row, new_row in zip(old_rows, new_rows, strict=True):
            # Every value kept; every added column at its default.
            assert {key: new_row[key] for key in old_row} == old_row, table
            new_values = {key: value for key, value in new_row.items() if key not in old_row}
            if table == "sessions":  # schema 7 gives an open session a projector secret
                secret = new_values.pop("projector_secret")
                assert len(str(secret)) == (64 if new_row["status"] == "open" else 0)
            assert new_values == {**defaults(connection, table, new_values), **added[table]}
    # The rebuilt table is the one the others refer to: deleting an item still deletes
    # its agreements (a table dropped while references pointed at it would not).
    connection.execute("DELETE FROM items WHERE id = 11")
    assert rows(connection, "agreements") == []
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("INSERT INTO agreements (item_id, participant_id) VALUES (11, 21)")


# Idempotence


def test_migrate_is_idempotent(connection: sqlite3.Connection) -> None:
    migrate(connection)
    seed_v2(connection)
    before_schema = schema(connection)
    before_rows = connection.execute("SELECT * FROM items ORDER BY id").fetchall()

    assert migrate(connection) == LATEST_VERSION
    assert migrate(connection) == LATEST_VERSION

    assert schema_version(connection) == LATEST_VERSION
    assert schema(connection) == before_schema
    after_rows = connection.execute("SELECT * FROM items ORDER BY id").fetchall()
    assert [tuple(r) for r in after_rows] == [tuple(r) for r in before_rows]


def test_reopening_a_store_does_not_migrate_again(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    session = store.create_session("t", "p", "l", "2024-05-17", "s")
    store.close()
    for _ in range(3):
        store = Store.open(tmp_path)
        try:
            assert store.session(session.id).title == "t"
            assert schema_version(store._db) == LATEST_VERSION
        finally:
            store.close()


# Newer versions


def test_a_newer_database_is_refused_without_modifying_it(
    connection: sqlite3.Connection,
) -> None:
    build_database_at(connection, LATEST_VERSION)
    seed(connection, LATEST_VERSION)
    connection.execute("CREATE TABLE from_the_future (x)")
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    before = schema(connection)

    with pytest.raises(StoreTooNew) as caught:
        migrate(connection)

    message = str(caught.value)
    assert str(LATEST_VERSION + 1) in message
    assert str(LATEST_VERSION) in message
    assert schema_version(connection) == LATEST_VERSION + 1
    assert schema(connection) == before
    assert not connection.in_transaction


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_store_open_refuses_a_newer_data_file_and_leaves_it_byte_for_byte(
    tmp_path: Path, journal_mode: str
) -> None:
    path = tmp_path / DATABASE_NAME
    newer = connect(path)
    newer.execute(f"PRAGMA journal_mode = {journal_mode}")
    build_database_at(newer, LATEST_VERSION)
    seed(newer, LATEST_VERSION)
    newer.execute(f"PRAGMA user_version = {LATEST_VERSION + 7}")
    newer.close()
    files_before = sorted(p.name for p in tmp_path.iterdir())
    before = path.read_bytes()

    with pytest.raises(StoreTooNew):
        Store.open(tmp_path)

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before
    # The refused file is not held open: it can be moved away (or deleted) at once.
    path.rename(tmp_path / "moved.sqlite3")


def test_a_failing_migration_step_leaves_the_database_as_it_was(
    connection: sqlite3.Connection,
) -> None:
    # A stray table with a clashing name makes the step fail part-way through.
    connection.execute("CREATE TABLE agreements (stray TEXT)")
    connection.execute("INSERT INTO agreements VALUES ('keep me')")

    with pytest.raises(sqlite3.OperationalError, match="agreements"):
        migrate(connection)

    assert not connection.in_transaction
    assert schema_version(connection) == 0
    assert tables(connection) == {"agreements"}
    assert connection.execute("SELECT stray FROM agreements").fetchall()[0][0] == "keep me"


@pytest.mark.parametrize("version", range(1, LATEST_VERSION + 1))
def test_the_unfinished_session_is_found_in_a_file_of_every_version_without_migrating_it(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / DATABASE_NAME
    old = connect(path)
    build_database_at(old, version)
    seed(old, version)
    old.close()
    before = path.read_bytes()

    found = Store.peek_unfinished(tmp_path)

    assert found is not None
    assert (found.id, found.title, found.port, found.current_item_id) == (
        2,
        "Live session",
        9000,
        11,
    )
    assert found.removed_count == 0
    assert found.rehearsal is (version >= 4)  # the v4 seeder's session is a rehearsal
    assert path.read_bytes() == before
