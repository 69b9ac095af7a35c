"""Forward-only schema migrations, numbered by ``PRAGMA user_version``.

Each step takes the database from version ``n - 1`` to ``n``. Never edit a step
that has shipped: add a new one.
"""

from __future__ import annotations

import sqlite3

from facilitator.core.errors import StoreTooNew

_V1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    prompt TEXT NOT NULL,
    agree_label TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'ended')),
    created_on TEXT NOT NULL,
    ended_on TEXT,
    port INTEGER,
    moderator_secret TEXT NOT NULL,
    current_confession_id INTEGER
);
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE
);
CREATE TABLE confessions (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,
    client_id TEXT NOT NULL,
    original_text TEXT NOT NULL,
    original_learned TEXT NOT NULL,
    text TEXT NOT NULL,
    learned TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('incoming', 'approved', 'shown', 'set_aside')),
    queue_position INTEGER,
    shown_order INTEGER,
    agreement_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (author_id, client_id)
);
CREATE INDEX confessions_by_session ON confessions (session_id, state);
CREATE TABLE agreements (
    confession_id INTEGER NOT NULL REFERENCES confessions (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    PRIMARY KEY (confession_id, participant_id)
) WITHOUT ROWID;
"""

MIGRATIONS: tuple[str, ...] = (_V1,)
LATEST_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the database to :data:`LATEST_VERSION`; return the version it started at."""
    start = schema_version(connection)
    if start > LATEST_VERSION:
        raise StoreTooNew(
            f"This data was written by a newer Confessional (schema {start}, "
            f"this version reads up to {LATEST_VERSION})."
        )
    for version in range(start + 1, LATEST_VERSION + 1):
        try:
            connection.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[version - 1]}\n"
                f"PRAGMA user_version = {version};\nCOMMIT;"
            )
        except BaseException:
            # executescript stops at the failing statement, inside the transaction.
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return start
