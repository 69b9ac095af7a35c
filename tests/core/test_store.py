"""The SQLite store: durability, privacy of tokens, consistency, and failing writes."""

from __future__ import annotations

import dataclasses
import hashlib
import random
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from facilitator.core.errors import StoreUnavailable
from facilitator.core.model import ItemState, SessionInfo, SessionStatus
from facilitator.core.queue_order import GAP, after_last
from facilitator.core.store import DATABASE_NAME, Store, token_digest
from tests.core.helpers import edit

State = ItemState


def new_session(store: Store, title: str = "Session") -> SessionInfo:
    return store.create_session(title, "Prompt?", "Been there", "2024-05-17", "secret-" + title)


def add(store: Store, session: SessionInfo, author: int, n: int, text: str | None = None) -> int:
    return store.add_item(session.id, author, f"client-{n:04d}", text or f"confession {n}", "").id


def table_count(store: Store, table: str) -> int:
    return int(store._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def database_bytes(directory: Path) -> bytes:
    """The data file and, if present, its write-ahead log: everything on disk."""
    return b"".join(path.read_bytes() for path in sorted(directory.glob(DATABASE_NAME + "*")))


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to prove a failed write changed nothing."""
    tables = [
        row[0]
        for row in store._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    assert {"sessions", "items", "agreements", "waiting_items"} <= set(tables)
    return {
        table: [tuple(row) for row in store._db.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
        for table in tables
    }


# Connection set-up


def test_data_file_uses_write_ahead_logging(file_store: Store, tmp_path: Path) -> None:
    assert file_store.path == tmp_path / "data" / DATABASE_NAME
    assert file_store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    new_session(file_store)
    assert (tmp_path / "data" / f"{DATABASE_NAME}-wal").exists()
    # WAL is persistent: another connection sees it too.
    other = sqlite3.connect(file_store.path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()


def test_connection_settings(file_store: Store) -> None:
    db = file_store._db
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 2000
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert not db.in_transaction


def test_open_creates_the_data_directory(tmp_path: Path) -> None:
    directory = tmp_path / "deep" / "er" / "data"
    store = Store.open(directory)
    try:
        assert (directory / DATABASE_NAME).is_file()
    finally:
        store.close()


def test_in_memory_store_has_no_path(store: Store) -> None:
    assert store.path is None


# Durability


def test_everything_survives_close_and_reopen(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    store = Store.open(directory)
    session = new_session(store, "Durable")
    store.set_session_port(session.id, 8737)
    alice = store.add_participant(session.id, "token-alice")
    bob = store.add_participant(session.id, "token-bob")
    first = add(store, session, alice, 1)
    second = add(store, session, bob, 2)
    third = add(store, session, bob, 3)
    store.set_state(second, State.APPROVED, queue_position=after_last(store.queue(session.id)))
    store.set_state(third, State.SET_ASIDE)
    store.show(session.id, first, store.next_shown_order(session.id))
    store.set_agreement(first, alice, True)
    store.set_agreement(first, bob, True)
    edit(store, first, "edited first", "edited learned")
    before_session = store.session(session.id)
    before_confessions = store.items(session.id)
    store.close()

    reopened = Store.open(directory)
    try:
        assert reopened.session(session.id) == before_session
        assert reopened.session(session.id).port == 8737
        assert reopened.session(session.id).current_item_id == first
        assert reopened.latest_open_session() == before_session
        assert reopened.items(session.id) == before_confessions
        assert reopened.participant_for_token(session.id, "token-alice") == alice
        assert reopened.participant_for_token(session.id, "token-bob") == bob
        assert reopened.participant_count(session.id) == 2
        assert reopened.has_agreed(first, alice)
        assert reopened.item(first).agreement_count == 2
        assert reopened.item(first).text == "edited first"
        assert reopened.item(first).original_text == "confession 1"
        assert reopened.item_by_client_id(bob, "client-0002") is not None
    finally:
        reopened.close()


def test_a_committed_write_is_visible_to_another_connection_before_close(
    file_store: Store,
) -> None:
    # What "committed" means for a crash or kill -9: another process can read it now.
    session = new_session(file_store)
    author = file_store.add_participant(session.id, "token")
    confession = add(file_store, session, author, 1, "on disk already")
    assert file_store.path is not None
    other = Store.open(file_store.path.parent)
    try:
        assert other.item(confession).text == "on disk already"
        assert other.participant_for_token(session.id, "token") == author
    finally:
        other.close()


# Tokens


def test_tokens_are_stored_only_as_digests(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    store = Store.open(directory)
    session = new_session(store)
    tokens = [f"RawToken-{n}-Qx7pL2mV9sK4wZ8r" for n in range(5)]
    ids = [store.add_participant(session.id, token) for token in tokens]

    stored = [
        row[0] for row in store._db.execute("SELECT token_hash FROM participants ORDER BY id")
    ]
    assert stored == [hashlib.sha256(token.encode()).digest() for token in tokens]
    assert [store.participant_for_token(session.id, token) for token in tokens] == ids

    for token in tokens:
        on_disk = database_bytes(directory)  # data file and write-ahead log, still open
        assert token.encode() not in on_disk
        assert token.encode("utf-16-le") not in on_disk
    store.close()
    on_disk = database_bytes(directory)
    assert on_disk
    for token in tokens:
        assert token.encode() not in on_disk


def test_token_digest_is_sha256() -> None:
    assert token_digest("abc") == hashlib.sha256(b"abc").digest()
    assert len(token_digest("")) == 32
    assert token_digest("a") != token_digest("b")


def test_unknown_token_or_token_of_another_session_is_not_a_participant(store: Store) -> None:
    first = new_session(store, "first")
    second = new_session(store, "second")
    participant = store.add_participant(first.id, "token-1")
    assert store.participant_for_token(first.id, "token-1") == participant
    assert store.participant_for_token(first.id, "token-2") is None
    assert store.participant_for_token(first.id, "TOKEN-1") is None
    assert store.participant_for_token(second.id, "token-1") is None


def test_the_same_token_cannot_be_issued_twice(store: Store, session: SessionInfo) -> None:
    store.add_participant(session.id, "same")
    # The unique digest refuses it; the store reports it as a failed write.
    with pytest.raises(StoreUnavailable):
        store.add_participant(session.id, "same")
    assert store.participant_count(session.id) == 1


def test_the_participant_count_follows_joins_and_the_end(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    session = new_session(store)
    assert store.participant_count(session.id) == 0
    for n in range(3):
        store.add_participant(session.id, f"token-{n}")
    with pytest.raises(StoreUnavailable):
        store.add_participant(session.id, "token-0")  # refused: not one more
    assert store.participant_count(session.id) == 3
    reopened = Store.open(tmp_path / "data")
    assert reopened.participant_count(session.id) == 3  # counted from the file
    reopened.close()
    store.close_session(session.id, "2024-05-18")
    assert store.participant_count(session.id) == 0  # the end forgets who joined
    store.close()


# Sessions


def test_create_session_returns_an_open_session(store: Store) -> None:
    session = store.create_session("Title", "Prompt", "Label", "2024-05-17", "s3cret")
    assert session.title == "Title"
    assert session.prompt == "Prompt"
    assert session.agree_label == "Label"
    assert session.status is SessionStatus.OPEN
    assert session.is_open
    assert session.created_on == "2024-05-17"
    assert session.ended_on is None
    assert session.port is None
    assert session.moderator_secret == "s3cret"
    assert session.current_item_id is None
    assert store.session(session.id) == session


def test_unknown_session_is_a_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.session(999)


def test_latest_open_session_skips_ended_ones(store: Store) -> None:
    assert store.latest_open_session() is None
    first = new_session(store, "first")
    second = new_session(store, "second")
    assert store.latest_open_session() == second
    store.close_session(second.id, "2024-05-18")
    assert store.latest_open_session() == first
    store.close_session(first.id, "2024-05-18")
    assert store.latest_open_session() is None


def test_update_details_and_port(store: Store, session: SessionInfo) -> None:
    store.update_session_details(session.id, "New", "New prompt", "Same here")
    store.set_session_port(session.id, 9000)
    updated = store.session(session.id)
    assert (updated.title, updated.prompt, updated.agree_label, updated.port) == (
        "New",
        "New prompt",
        "Same here",
        9000,
    )


def test_close_session_records_the_end_and_clears_the_projection(
    store: Store, session: SessionInfo
) -> None:
    author = store.add_participant(session.id, "t")
    confession = add(store, session, author, 1)
    store.show(session.id, confession, 1)
    store.close_session(session.id, "2024-05-18")
    ended = store.session(session.id)
    assert ended.status is SessionStatus.ENDED
    assert not ended.is_open
    assert ended.ended_on == "2024-05-18"
    assert ended.current_item_id is None


# Confessions


def test_add_confession_keeps_the_original_next_to_the_editable_text(
    store: Store, session: SessionInfo
) -> None:
    author = store.add_participant(session.id, "t")
    confession = store.add_item(session.id, author, "client-0001", "text", "learned")
    assert confession.text == confession.original_text == "text"
    assert confession.learned == confession.original_learned == "learned"
    assert confession.state is State.INCOMING
    assert confession.queue_position is None
    assert confession.shown_order is None
    assert confession.agreement_count == 0
    assert store.item(confession.id) == confession
    assert store.item_by_client_id(author, "client-0001") == confession
    assert store.item_by_client_id(author, "client-0002") is None

    edit(store, confession.id, "edited", "edited learned")
    edited = store.item(confession.id)
    assert (edited.text, edited.learned) == ("edited", "edited learned")
    assert (edited.original_text, edited.original_learned) == ("text", "learned")


def test_client_ids_are_unique_per_author_only(store: Store, session: SessionInfo) -> None:
    alice = store.add_participant(session.id, "a")
    bob = store.add_participant(session.id, "b")
    from_alice = store.add_item(session.id, alice, "client-0001", "alice", "")
    from_bob = store.add_item(session.id, bob, "client-0001", "bob", "")
    assert from_alice.id != from_bob.id
    assert store.item_by_client_id(alice, "client-0001") == from_alice
    assert store.item_by_client_id(bob, "client-0001") == from_bob
    with pytest.raises(StoreUnavailable):
        store.add_item(session.id, alice, "client-0001", "again", "")
    assert store.received_count(session.id) == 2


def test_confession_lookups_are_scoped_to_their_session(store: Store) -> None:
    first = new_session(store, "first")
    second = new_session(store, "second")
    author = store.add_participant(first.id, "t")
    confession = add(store, first, author, 1)
    assert store.item_in_session(first.id, confession) is not None
    assert store.item_in_session(second.id, confession) is None
    assert store.item_in_session(first.id, 999) is None
    assert store.items(second.id) == []
    assert store.received_count(second.id) == 0
    with pytest.raises(KeyError):
        store.item(999)


def test_confessions_come_in_working_order(store: Store, session: SessionInfo) -> None:
    author = store.add_participant(session.id, "t")
    ids = [add(store, session, author, n) for n in range(1, 9)]
    c1, c2, c3, c4, c5, c6, c7, c8 = ids
    # Shown: c5 first, then c2.
    store.show(session.id, c5, store.next_shown_order(session.id))
    store.show(session.id, c2, store.next_shown_order(session.id))
    # Approved queue: c7, then c1, then c4.
    for confession in (c7, c1, c4):
        store.set_state(
            confession, State.APPROVED, queue_position=after_last(store.queue(session.id))
        )
    # The rest, by arrival: c3 incoming, c6 set aside, c8 incoming.
    store.set_state(c6, State.SET_ASIDE)

    listed = store.items(session.id)
    assert [c.id for c in listed] == [c5, c2, c7, c1, c4, c3, c6, c8]
    assert [c.shown_order for c in listed[:2]] == [1, 2]
    assert [c.queue_position for c in listed[2:5]] == [GAP, 2 * GAP, 3 * GAP]
    assert store.queue(session.id) == [(c7, GAP), (c1, 2 * GAP), (c4, 3 * GAP)]
    assert store.queue_head(session.id) == c7
    assert [c.state for c in listed] == [
        State.SHOWN,
        State.SHOWN,
        State.APPROVED,
        State.APPROVED,
        State.APPROVED,
        State.INCOMING,
        State.SET_ASIDE,
        State.INCOMING,
    ]


def test_next_positions_follow_the_highest_in_use(store: Store, session: SessionInfo) -> None:
    author = store.add_participant(session.id, "t")
    first, second, third = (add(store, session, author, n) for n in (1, 2, 3))
    assert store.queue(session.id) == []
    assert after_last(store.queue(session.id)) == GAP
    assert store.next_shown_order(session.id) == 1
    store.set_state(first, State.APPROVED, queue_position=GAP)
    store.set_state(second, State.APPROVED, queue_position=2 * GAP)
    assert after_last(store.queue(session.id)) == 3 * GAP
    store.show(session.id, first, 1)
    assert store.item(first).queue_position is None
    assert store.queue(session.id) == [(second, 2 * GAP)]
    assert store.next_shown_order(session.id) == 2
    store.set_state(third, State.APPROVED, queue_position=after_last(store.queue(session.id)))
    assert store.item(third).queue_position == 3 * GAP  # still after the second


def test_the_queue_orders_equal_places_by_arrival(store: Store, session: SessionInfo) -> None:
    author = store.add_participant(session.id, "t")
    first, second, third = (add(store, session, author, n) for n in (1, 2, 3))
    store.set_state(third, State.APPROVED, queue_position=GAP)
    store.set_state(second, State.APPROVED, queue_position=GAP)
    store.set_state(first, State.APPROVED, queue_position=2 * GAP)
    assert [item_id for item_id, _ in store.queue(session.id)] == [second, third, first]
    assert store.queue_head(session.id) == second
    moved = store.set_queue_positions({first: GAP // 2, third: 3 * GAP})
    assert [(i.id, i.queue_position) for i in moved] == [(first, GAP // 2), (third, 3 * GAP)]
    assert store.queue(session.id) == [(first, GAP // 2), (second, GAP), (third, 3 * GAP)]


def test_merge_lends_voters_once_and_put_back_takes_back_only_the_lent(
    store: Store, session: SessionInfo
) -> None:
    author, both, one, mine = (store.add_participant(session.id, f"t{n}") for n in range(4))
    keep, other, third = (add(store, session, author, n) for n in (1, 2, 3))
    for item_id in (keep, other, third):
        store.show(session.id, item_id, store.next_shown_order(session.id))
    store.set_agreements([(keep, both, True), (keep, mine, True)])
    store.set_agreements([(other, both, True), (other, one, True), (third, one, True)])
    before = store.items_by_id([keep, other, third])

    after = store.merge(keep, [other, third])

    assert [item.id for item in after] == [keep, other, third]
    assert after[0].agreement_count == 3  # both, mine and one: each once
    assert [(i.state, i.merged_into, i.queue_position) for i in after[1:]] == [
        (State.MERGED, keep, None),
        (State.MERGED, keep, None),
    ]
    assert [i.agreement_count for i in after[1:]] == [2, 1]  # theirs stay with them

    store.put_back(session.id, before, keep, unmerge=(keep, [other, third]))

    assert store.items_by_id([keep, other, third]) == before
    assert [store.has_agreed(keep, p) for p in (both, one, mine)] == [True, False, True]
    assert store.session(session.id).current_item_id == keep


def test_show_keeps_the_first_shown_order(store: Store, session: SessionInfo) -> None:
    author = store.add_participant(session.id, "t")
    first, second = add(store, session, author, 1), add(store, session, author, 2)
    store.show(session.id, first, 1)
    store.show(session.id, second, 2)
    again = store.show(session.id, first, 3)
    assert again.shown_order == 1
    assert store.session(session.id).current_item_id == first
    assert store.next_shown_order(session.id) == 3


def test_set_state_keeps_shown_order_and_replaces_queue_position(
    store: Store, session: SessionInfo
) -> None:
    author = store.add_participant(session.id, "t")
    confession = add(store, session, author, 1)
    store.set_state(confession, State.APPROVED, queue_position=4)
    assert store.item(confession).queue_position == 4
    store.set_state(confession, State.SET_ASIDE)
    assert store.item(confession).queue_position is None
    store.show(session.id, confession, 7)
    store.set_state(confession, State.SHOWN)
    assert store.item(confession).shown_order == 7


def test_clear_projection(store: Store, session: SessionInfo) -> None:
    author = store.add_participant(session.id, "t")
    confession = add(store, session, author, 1)
    store.show(session.id, confession, 1)
    store.clear_projection(session.id)
    assert store.session(session.id).current_item_id is None
    assert store.item(confession).state is State.SHOWN


# Agreements


@pytest.fixture
def shown(store: Store, session: SessionInfo) -> tuple[int, list[int]]:
    """One shown confession and five participants."""
    voters = [store.add_participant(session.id, f"voter-{n}") for n in range(5)]
    confession = add(store, session, voters[0], 1)
    store.show(session.id, confession, 1)
    return confession, voters


def agreement_rows(store: Store, confession_id: int) -> int:
    return int(
        store._db.execute(
            "SELECT COUNT(*) FROM agreements WHERE item_id = ?", (confession_id,)
        ).fetchone()[0]
    )


def test_agreement_is_idempotent(store: Store, shown: tuple[int, list[int]]) -> None:
    confession, (alice, bob, *_) = shown
    assert store.set_agreement(confession, alice, True) == 1
    assert store.set_agreement(confession, alice, True) == 1
    assert store.set_agreement(confession, alice, True) == 1
    assert store.has_agreed(confession, alice)
    assert not store.has_agreed(confession, bob)
    assert store.set_agreement(confession, bob, True) == 2
    assert store.set_agreement(confession, alice, False) == 1
    assert store.set_agreement(confession, alice, False) == 1
    assert not store.has_agreed(confession, alice)
    assert store.set_agreement(confession, bob, False) == 0
    assert store.set_agreement(confession, bob, False) == 0
    assert store.item(confession).agreement_count == 0
    assert agreement_rows(store, confession) == 0


def test_withdrawing_an_agreement_never_given_does_not_go_negative(
    store: Store, shown: tuple[int, list[int]]
) -> None:
    confession, voters = shown
    assert store.set_agreement(confession, voters[0], False) == 0
    assert store.item(confession).agreement_count == 0


def test_agreement_counts_stay_consistent_with_agreement_rows(
    store: Store, session: SessionInfo
) -> None:
    voters = [store.add_participant(session.id, f"voter-{n}") for n in range(8)]
    confessions = [add(store, session, voters[0], n) for n in range(1, 5)]
    for order, confession in enumerate(confessions, start=1):
        store.show(session.id, confession, order)
    rng = random.Random(20240517)
    expected: dict[int, set[int]] = {c: set() for c in confessions}
    for _ in range(300):
        confession, voter, agreed = (
            rng.choice(confessions),
            rng.choice(voters),
            rng.random() < 0.6,
        )
        count = store.set_agreement(confession, voter, agreed)
        (expected[confession].add if agreed else expected[confession].discard)(voter)
        assert count == len(expected[confession])
    for confession in confessions:
        assert store.item(confession).agreement_count == len(expected[confession])
        assert agreement_rows(store, confession) == len(expected[confession])
        for voter in voters:
            assert store.has_agreed(confession, voter) == (voter in expected[confession])


# Purging


def test_closing_keeps_only_what_was_shown(store: Store) -> None:
    session = new_session(store, "purged")
    other = new_session(store, "untouched")
    voters = [store.add_participant(session.id, f"voter-{n}") for n in range(3)]
    outsider = store.add_participant(other.id, "outsider")

    shown_a = add(store, session, voters[0], 1, "shown A")
    shown_b = add(store, session, voters[1], 2, "shown B")
    incoming = add(store, session, voters[2], 3, "incoming")
    approved = add(store, session, voters[0], 4, "approved")
    set_aside = add(store, session, voters[1], 5, "set aside")
    elsewhere = add(store, other, outsider, 1, "elsewhere")

    store.show(session.id, shown_a, 1)
    store.show(session.id, shown_b, 2)
    store.set_state(approved, State.APPROVED, queue_position=1)
    store.set_state(set_aside, State.SET_ASIDE)
    for voter in voters:
        store.set_agreement(shown_a, voter, True)
    store.set_agreement(shown_b, voters[0], True)
    store.show(other.id, elsewhere, 1)
    store.set_agreement(elsewhere, outsider, True)
    edit(store, shown_a, "shown A, edited", "edited learned")

    assert store.close_session(session.id, "2024-05-18") == 3

    remaining = store.items(session.id)
    assert [c.id for c in remaining] == [shown_a, shown_b]
    assert [c.agreement_count for c in remaining] == [3, 1]
    assert [c.shown_order for c in remaining] == [1, 2]
    for gone in (incoming, approved, set_aside):
        with pytest.raises(KeyError):
            store.item(gone)
    # The edited text is all that is kept: the original is forgotten.
    kept = store.item(shown_a)
    assert kept.text == kept.original_text == "shown A, edited"
    assert kept.learned == kept.original_learned == "edited learned"
    # Nobody of the session is left, nor who agreed with what, nor who wrote what.
    assert store.participant_count(session.id) == 0
    for voter in voters:
        assert store.participant_for_token(session.id, f"voter-{voters.index(voter)}") is None
    assert agreement_rows(store, shown_a) == 0
    assert agreement_rows(store, shown_b) == 0
    authors = store._db.execute(
        "SELECT author_id FROM items WHERE session_id = ?", (session.id,)
    ).fetchall()
    assert [row[0] for row in authors] == [None, None]

    # The other session is untouched.
    assert store.participant_for_token(other.id, "outsider") == outsider
    assert store.item(elsewhere).agreement_count == 1
    assert agreement_rows(store, elsewhere) == 1
    assert store.received_count(other.id) == 1


def test_closing_an_empty_session_twice(store: Store, session: SessionInfo) -> None:
    assert store.close_session(session.id, "2024-05-18") == 0
    assert store.close_session(session.id, "2024-05-18") == 0


def test_purged_text_and_originals_are_gone_from_the_data_file(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    store = Store.open(directory)
    session = new_session(store)
    author = store.add_participant(session.id, "token-Zq81")
    unshown = add(store, session, author, 1, "UNSHOWN-never-on-screen")
    shown = add(store, session, author, 2, "ORIGINAL-before-the-edit")
    edit(store, shown, "edited for the screen")
    store.show(session.id, shown, 1)
    store.set_state(unshown, State.SET_ASIDE)
    store.close_session(session.id, "2024-05-17")
    store.close()

    on_disk = database_bytes(directory)
    assert b"edited for the screen" in on_disk
    assert b"UNSHOWN-never-on-screen" not in on_disk
    assert b"ORIGINAL-before-the-edit" not in on_disk


# Failing writes


@pytest.fixture(params=["memory", "file"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    store = Store.in_memory() if request.param == "memory" else Store.open(tmp_path / "data")
    yield store
    store.close()


def populated(store: Store) -> tuple[SessionInfo, int, int, int]:
    """A session with a participant, a shown confession with an agreement, an unshown one."""
    session = new_session(store)
    author = store.add_participant(session.id, "token")
    shown = add(store, session, author, 1)
    unshown = add(store, session, author, 2)
    store.show(session.id, shown, 1)
    store.set_agreement(shown, author, True)
    return session, author, shown, unshown


def every_write(
    store: Store, session: SessionInfo, author: int, shown: int, unshown: int
) -> dict[str, Callable[[], object]]:
    return {
        "create_session": lambda: new_session(store, "another"),
        "update_session_details": lambda: store.update_session_details(session.id, "t", "p", "l"),
        "set_session_port": lambda: store.set_session_port(session.id, 1234),
        "close_session": lambda: store.close_session(session.id, "2024-05-18"),
        "add_participant": lambda: store.add_participant(session.id, "new token"),
        "add_item": lambda: add(store, session, author, 99),
        "set_state": lambda: store.set_state(unshown, State.APPROVED, queue_position=1),
        "show": lambda: store.show(session.id, unshown, 2),
        "clear_projection": lambda: store.clear_projection(session.id),
        "set_agreement": lambda: store.set_agreement(shown, author, False),
        "edit": lambda: store.edit(unshown, 1, "edited", ""),
        "remove": lambda: store.remove(session.id, shown),
        "put_back": lambda: store.put_back(
            session.id, [dataclasses.replace(store.item(unshown), text="put back")], None
        ),
        "set_word_lists": lambda: store.set_word_lists({"watch_words": ("word",)}),
        "set_states": lambda: store.set_states(session.id, [(unshown, State.APPROVED, GAP)]),
        "set_queue_positions": lambda: store.set_queue_positions({unshown: GAP}),
        "merge": lambda: store.merge(unshown, [shown]),
        "add_waiting": lambda: store.add_waiting(
            session.id, author, "client-held", "held", "", held=True
        ),
        "set_session_choice": lambda: store.set_session_choice(
            session.id, "organisers_record", True
        ),
        "set_session_choice_text": lambda: store.set_session_choice(session.id, "batching", "on"),
        "withdraw": lambda: store.withdraw(session.id, author, "client-0002"),
    }


WRITE_NAMES = [
    "create_session",
    "update_session_details",
    "set_session_port",
    "close_session",
    "add_participant",
    "add_item",
    "set_state",
    "show",
    "clear_projection",
    "set_agreement",
    "edit",
    "remove",
    "put_back",
    "set_word_lists",
    "set_states",
    "set_queue_positions",
    "merge",
    "add_waiting",
    "set_session_choice",
    "set_session_choice_text",
    "withdraw",
]


@pytest.mark.parametrize("write", WRITE_NAMES)
def test_every_write_fails_cleanly_when_the_store_is_read_only(
    any_store: Store, write: str
) -> None:
    session, author, shown, unshown = populated(any_store)
    before = snapshot(any_store)
    any_store._db.execute("PRAGMA query_only = ON")

    with pytest.raises(StoreUnavailable, match="readonly"):
        every_write(any_store, session, author, shown, unshown)[write]()

    assert not any_store._db.in_transaction
    assert snapshot(any_store) == before

    any_store._db.execute("PRAGMA query_only = OFF")
    every_write(any_store, session, author, shown, unshown)[write]()
    assert snapshot(any_store) != before, "the same write succeeds once the store is writable"


def test_writes_work_again_after_a_read_only_spell(any_store: Store) -> None:
    session, author, _, _ = populated(any_store)
    any_store._db.execute("PRAGMA query_only = ON")
    for n in range(3):
        with pytest.raises(StoreUnavailable):
            add(any_store, session, author, 10 + n)
    any_store._db.execute("PRAGMA query_only = OFF")
    added = add(any_store, session, author, 10)
    assert any_store.item(added).text == "confession 10"
    assert any_store.received_count(session.id) == 3


def test_disk_full_fails_cleanly_and_recovers(any_store: Store) -> None:
    session, author, _, _ = populated(any_store)
    any_store.add_item(session.id, author, "client-big-1", "a" * 1000, "b" * 500)
    before = snapshot(any_store)
    db = any_store._db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    # More than the free pages hold (a migration that rebuilt a table leaves some).
    free_bytes = (
        db.execute("PRAGMA freelist_count").fetchone()[0]
        * db.execute("PRAGMA page_size").fetchone()[0]
    )
    big = "c" * (free_bytes + 1000)
    db.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(StoreUnavailable, match="full"):
        any_store.add_item(session.id, author, "client-big-2", big, "d" * 500)

    assert not any_store._db.in_transaction
    assert snapshot(any_store) == before
    assert any_store.item_by_client_id(author, "client-big-2") is None

    db.execute("PRAGMA max_page_count = 1073741823")
    added = any_store.add_item(session.id, author, "client-big-2", big, "d" * 500)
    assert any_store.item(added.id).text == big
    assert any_store.received_count(session.id) == 4


def fail_on(store: Store, table: str, operation: str) -> None:
    """Make the next ``operation`` on ``table`` fail inside the store's transaction."""
    store._db.execute(
        f"CREATE TEMP TRIGGER fail_{table}_{operation} BEFORE {operation} ON main.{table} "
        "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
    )


def test_a_write_failing_halfway_leaves_nothing_half_written(any_store: Store) -> None:
    session, _, shown, _ = populated(any_store)
    other_voter = any_store.add_participant(session.id, "other")
    before = snapshot(any_store)

    # set_agreement inserts the agreement row, then fails updating the count.
    fail_on(any_store, "items", "UPDATE")
    with pytest.raises(StoreUnavailable, match="simulated failure"):
        any_store.set_agreement(shown, other_voter, True)
    assert not any_store._db.in_transaction
    assert snapshot(any_store) == before
    assert not any_store.has_agreed(shown, other_voter)

    # close_session deletes confessions, then fails updating what is kept.
    with pytest.raises(StoreUnavailable, match="simulated failure"):
        any_store.close_session(session.id, "2024-05-18")
    assert snapshot(any_store) == before
    assert any_store.received_count(session.id) == 2

    any_store._db.execute("DROP TRIGGER temp.fail_items_UPDATE")
    assert any_store.set_agreement(shown, other_voter, True) == 2


def test_an_error_raised_inside_a_write_rolls_it_back_and_propagates(store: Store) -> None:
    session = new_session(store)
    with pytest.raises(RuntimeError, match="not sqlite"), store._write() as db:
        db.execute("UPDATE sessions SET title = 'half' WHERE id = ?", (session.id,))
        raise RuntimeError("not sqlite")
    assert not store._db.in_transaction
    assert store.session(session.id).title == "Session"


def test_a_busy_database_is_reported_as_unavailable(file_store: Store) -> None:
    session = new_session(file_store)
    assert file_store.path is not None
    blocker = sqlite3.connect(file_store.path, isolation_level=None)
    file_store._db.execute("PRAGMA busy_timeout = 0")
    try:
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreUnavailable, match="locked"):
            file_store.set_session_port(session.id, 1)
        assert not file_store._db.in_transaction
        blocker.execute("ROLLBACK")
        file_store.set_session_port(session.id, 1)
        assert file_store.session(session.id).port == 1
    finally:
        blocker.close()


def test_close_session_ends_and_purges_in_one_transaction(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    session = new_session(store)
    author = store.add_participant(session.id, "token-of-the-author")
    unshown = add(store, session, author, 1, "never shown, must be forgotten")
    store._db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreUnavailable):
        store.close_session(session.id, "2024-05-18")
    store._db.execute("PRAGMA query_only = OFF")
    assert store.session(session.id).status is SessionStatus.OPEN
    assert store.item(unshown).text == "never shown, must be forgotten"
    assert store.close_session(session.id, "2024-05-18") == 1
    assert store.session(session.id).status is SessionStatus.ENDED
    wal = tmp_path / "data" / f"{DATABASE_NAME}-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    store.close()
    assert b"never shown, must be forgotten" not in database_bytes(tmp_path / "data")
