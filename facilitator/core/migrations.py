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

# Confessions become moderated items: a kind, an optional parent (replies will have
# one), an edit version, and a removed state (shown, then taken out of the record).
# The session counts removals, the only trace a removed item leaves in the record.
# The organisers' word lists (local names, watch words) hold for every session.
_V2 = """
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'confession',
    parent_id INTEGER REFERENCES items (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,
    client_id TEXT NOT NULL,
    original_text TEXT NOT NULL,
    original_learned TEXT NOT NULL,
    text TEXT NOT NULL,
    learned TEXT NOT NULL,
    state TEXT NOT NULL
        CHECK (state IN ('incoming', 'approved', 'shown', 'set_aside', 'removed')),
    queue_position INTEGER,
    shown_order INTEGER,
    agreement_count INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (author_id, client_id)
);
INSERT INTO items (id, session_id, author_id, client_id, original_text, original_learned,
                   text, learned, state, queue_position, shown_order, agreement_count)
    SELECT id, session_id, author_id, client_id, original_text, original_learned,
           text, learned, state, queue_position, shown_order, agreement_count
    FROM confessions;
CREATE TABLE item_agreements (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, participant_id)
) WITHOUT ROWID;
INSERT INTO item_agreements (item_id, participant_id)
    SELECT confession_id, participant_id FROM agreements;
DROP TABLE agreements;
DROP TABLE confessions;
ALTER TABLE item_agreements RENAME TO agreements;
CREATE INDEX items_by_session ON items (session_id, state);
CREATE INDEX items_by_parent ON items (parent_id);
ALTER TABLE sessions RENAME COLUMN current_confession_id TO current_item_id;
ALTER TABLE sessions ADD COLUMN removed_count INTEGER NOT NULL DEFAULT 0;
CREATE TABLE word_lists (
    list TEXT NOT NULL CHECK (list IN ('local_names', 'watch_words')),
    position INTEGER NOT NULL,
    entry TEXT NOT NULL,
    PRIMARY KEY (list, position)
) WITHOUT ROWID;
"""

# Counting a crowded room honestly: a participant who joined from an address shared with
# other phones is flagged (the address itself is never stored): 1, their agreements are
# counted apart; 2, the facilitator decided to count them. Confessions sent faster than
# a person writes wait in ``waiting_items`` (already acknowledged, so kept) and reach
# Incoming at a steady pace.
_V3 = """
ALTER TABLE participants ADD COLUMN shared_address INTEGER NOT NULL DEFAULT 0
    CHECK (shared_address IN (0, 1, 2));
ALTER TABLE items ADD COLUMN set_apart_count INTEGER NOT NULL DEFAULT 0;
CREATE TABLE waiting_items (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    text TEXT NOT NULL,
    learned TEXT NOT NULL,
    UNIQUE (author_id, client_id)
);
CREATE INDEX waiting_by_session ON waiting_items (session_id, author_id);
"""

# A rehearsal: a simulated audience ran in the session (or it was started to rehearse).
# Its record is kept apart from the real sessions' unless the facilitator keeps it,
# which makes it an ordinary session (0 again).
_V4 = """
ALTER TABLE sessions ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0
    CHECK (rehearsal IN (0, 1));
"""

# A participant may withdraw an unshown confession: it is deleted at once, and the record
# keeps only how many were withdrawn.
_V5 = """
ALTER TABLE sessions ADD COLUMN withdrawn_count INTEGER NOT NULL DEFAULT 0;
"""

# Keeping up with a room (the items table is rebuilt for its wider state check, with
# foreign keys off as SQLite's "other kinds of table schema changes" describes): a
# confession merged into another (``merged_into``) lends it its voters
# (``agreements.merged_from`` marks the lent ones, so undo can take them back); the
# record counts the merged. A participant may mark a confession for the organisers only;
# the session says whether those go into the record. New confessions may be held for a
# shuffled batch (``waiting_items.held``) so that their timing tells nothing. The
# facilitator may fix the phone page's language (``sessions.language``). The record
# gains the phones connected when each confession was first shown (its share), the
# facilitator's closing note, and, if chosen before the first confession, the approved
# confessions there was no time to show (``unshown_record``). A reply ("what helped",
# kind ``reply`` with its confession as parent) may wait or be held for a batch too:
# ``waiting_items`` keeps its kind and parent.
_V6 = """
CREATE TABLE items_v6 (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'confession',
    parent_id INTEGER REFERENCES items (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,
    client_id TEXT NOT NULL,
    original_text TEXT NOT NULL,
    original_learned TEXT NOT NULL,
    text TEXT NOT NULL,
    learned TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('incoming', 'approved', 'shown', 'set_aside',
                                         'removed', 'merged', 'for_organisers')),
    queue_position INTEGER,
    shown_order INTEGER,
    agreement_count INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    set_apart_count INTEGER NOT NULL DEFAULT 0,
    merged_into INTEGER REFERENCES items (id) ON DELETE SET NULL,
    phones_at_show INTEGER,
    UNIQUE (author_id, client_id)
);
INSERT INTO items_v6 (id, session_id, kind, parent_id, author_id, client_id, original_text,
                      original_learned, text, learned, state, queue_position, shown_order,
                      agreement_count, version, set_apart_count)
    SELECT id, session_id, kind, parent_id, author_id, client_id, original_text,
           original_learned, text, learned, state, queue_position, shown_order,
           agreement_count, version, set_apart_count
    FROM items;
DROP TABLE items;
ALTER TABLE items_v6 RENAME TO items;
CREATE INDEX items_by_session ON items (session_id, state);
CREATE INDEX items_by_parent ON items (parent_id);
ALTER TABLE agreements ADD COLUMN merged_from INTEGER;
ALTER TABLE sessions ADD COLUMN merged_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN organisers_record INTEGER NOT NULL DEFAULT 0
    CHECK (organisers_record IN (0, 1));
ALTER TABLE sessions ADD COLUMN batching TEXT NOT NULL DEFAULT 'auto'
    CHECK (batching IN ('auto', 'on', 'off'));
ALTER TABLE sessions ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN closing_note TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN unshown_record INTEGER NOT NULL DEFAULT 0
    CHECK (unshown_record IN (0, 1));
ALTER TABLE waiting_items ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1));
ALTER TABLE waiting_items ADD COLUMN for_organisers INTEGER NOT NULL DEFAULT 0
    CHECK (for_organisers IN (0, 1));
ALTER TABLE waiting_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'confession'
    CHECK (kind IN ('confession', 'reply'));
ALTER TABLE waiting_items ADD COLUMN parent_id INTEGER REFERENCES items (id) ON DELETE CASCADE;
"""

# The session's set-up: its house rules (NULL: the default template, which each display
# shows in its own language), the longest confession it takes, whether the "what I
# learned" field is offered, and the organiser's accent colour. A confession the
# facilitator prepared to go first (a warm-up) is an item with no author.
# The room's screen: the slide shown while no confession is (join, black, break,
# closing), the projector's theme, its corner QR code and timer, the projector page's
# own secret, when the session started and when the confession on screen was put there
# (the timers), and a content note per confession (a warning first, no count shown).
_V7 = """
ALTER TABLE sessions ADD COLUMN house_rules TEXT;
ALTER TABLE sessions ADD COLUMN max_length INTEGER NOT NULL DEFAULT 1000
    CHECK (max_length BETWEEN 1 AND 1000);
ALTER TABLE sessions ADD COLUMN offer_lesson INTEGER NOT NULL DEFAULT 1
    CHECK (offer_lesson IN (0, 1));
ALTER TABLE sessions ADD COLUMN accent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN slide TEXT NOT NULL DEFAULT 'join'
    CHECK (slide IN ('join', 'black', 'break', 'closing'));
ALTER TABLE sessions ADD COLUMN projector_theme TEXT NOT NULL DEFAULT 'dark'
    CHECK (projector_theme IN ('dark', 'light'));
ALTER TABLE sessions ADD COLUMN projector_corner_qr INTEGER NOT NULL DEFAULT 1
    CHECK (projector_corner_qr IN (0, 1));
ALTER TABLE sessions ADD COLUMN projector_timer INTEGER NOT NULL DEFAULT 0
    CHECK (projector_timer IN (0, 1));
ALTER TABLE sessions ADD COLUMN projector_secret TEXT NOT NULL DEFAULT '';
UPDATE sessions SET projector_secret = lower(hex(randomblob(32))) WHERE status = 'open';
ALTER TABLE sessions ADD COLUMN started_at TEXT;
ALTER TABLE items ADD COLUMN content_note INTEGER NOT NULL DEFAULT 0
    CHECK (content_note IN (0, 1));
ALTER TABLE items ADD COLUMN shown_at TEXT;
"""

# The organiser's logo: what displays need to know of it in the session's row (its
# version, the big screen's rendition's size, its ink), its two renditions in a table of
# their own (read only when a display fetches them), deleted with the session.
_V8 = """
ALTER TABLE sessions ADD COLUMN logo_version TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN logo_width INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN logo_height INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN logo_ink TEXT NOT NULL DEFAULT 'opaque'
    CHECK (logo_ink IN ('dark', 'light', 'opaque'));
CREATE TABLE logos (
    session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    screen BLOB NOT NULL,
    screen_type TEXT NOT NULL CHECK (screen_type IN ('image/png', 'image/jpeg')),
    phone BLOB NOT NULL,
    phone_type TEXT NOT NULL CHECK (phone_type IN ('image/png', 'image/jpeg')),
    phone_width INTEGER NOT NULL,
    phone_height INTEGER NOT NULL
);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8)
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
    if start == LATEST_VERSION:
        return start
    # A table rebuilt must not cascade its deletion to the rows that refer to it.
    foreign_keys = connection.execute("PRAGMA foreign_keys").fetchone()[0]
    connection.execute("PRAGMA foreign_keys = OFF")
    try:
        for version in range(start + 1, LATEST_VERSION + 1):
            _step(connection, version)
    finally:
        connection.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
    return start


def _step(connection: sqlite3.Connection, version: int) -> None:
    try:
        connection.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[version - 1]}")
        dangling = connection.execute("PRAGMA foreign_key_check").fetchone()
        if dangling is not None:
            raise sqlite3.IntegrityError(f"Schema {version} would leave {tuple(dangling)}")
        connection.execute(f"PRAGMA user_version = {version}")
        connection.execute("COMMIT")
    except BaseException:
        # executescript stops at the failing statement, inside the transaction.
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
