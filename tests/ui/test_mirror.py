"""The console's mirror of the session: a snapshot, numbered changes, a gap means resync."""

from __future__ import annotations

import msgspec
from pytestqt.qtbot import QtBot

from facilitator.protocol import moderator as stream
from facilitator.protocol.moderator import Address, Item, ItemKind, ItemState, JoinLink
from facilitator.ui.mirror import SessionMirror

SESSION = stream.SessionDetails(
    3, "Retro", "What went wrong?", "Been there", "open", "2026-11-29", removed_count=0
)
LINK = JoinLink(
    "http://192.168.1.23:8737/",
    "http://192.168.1.23:8737/moderator/s/",
    "192.168.1.23",
    8737,
    (Address("192.168.1.23", "wlan0"),),
)


def item(item_id: int, state: ItemState = ItemState.INCOMING, **changes: object) -> Item:
    base = Item(
        id=item_id,
        kind=ItemKind.CONFESSION,
        parent_id=None,
        text=f"Confession {item_id}",
        learned="",
        original_text=f"Confession {item_id}",
        original_learned="",
        state=state,
        queue_position=None,
        shown_order=None,
        agreement_count=0,
        set_apart_count=0,
        version=1,
        hints=(),
        flagged=False,
    )
    return msgspec.structs.replace(base, **changes)


def snapshot(seq: int, *items: Item, current: int | None = None) -> stream.Snapshot:
    return stream.Snapshot(
        seq=seq,
        session=SESSION,
        current_item_id=current,
        items=items,
        phones_connected=4,
        store_healthy=True,
        store_detail="",
        join=LINK,
        transcript_paths=(),
        undo=None,
        word_lists=stream.WordLists((), ()),
        room=stream.Room(shared_apart=0, shared_counted=0, waiting=0),
        host=stream.HostStatus(),
    )


def test_a_snapshot_then_changes_in_order(qtbot: QtBot) -> None:
    mirror = SessionMirror()
    added: list[Item] = []
    counts: list[tuple[int, int]] = []
    mirror.item_added.connect(added.append)
    mirror.count_changed.connect(lambda item_id, count: counts.append((item_id, count)))
    with qtbot.waitSignal(mirror.reset):
        mirror.apply(snapshot(10, item(1)))
    assert mirror.ready and mirror.seq == 10 and list(mirror.items) == [1]
    assert (mirror.phones_connected, mirror.join) == (4, LINK)

    mirror.apply(stream.ItemAdded(11, item(2)))
    mirror.apply(stream.ItemChanged(12, item(2, ItemState.APPROVED, queue_position=1)))
    mirror.apply(stream.ItemChanged(13, item(1, ItemState.APPROVED, queue_position=2)))
    assert [i.id for i in added] == [2]
    assert [(i.id, i.state, i.queue_position) for i in mirror.items.values()] == [
        (1, ItemState.APPROVED, 2),
        (2, ItemState.APPROVED, 1),
    ]

    mirror.apply(stream.ProjectionChanged(14, 2))
    mirror.apply(stream.CountChanged(15, 2, 7))
    mirror.apply(stream.CountChanged(16, 99, 3))  # an item this mirror does not know
    projection = mirror.projection()
    assert projection is not None and (projection.id, projection.agreement_count) == (2, 7)
    assert counts == [(2, 7)]
    mirror.apply(stream.ItemRemoved(17, 1))
    assert list(mirror.items) == [2] and mirror.seq == 17


def test_a_gap_stops_changes_until_a_new_snapshot(qtbot: QtBot) -> None:
    mirror = SessionMirror()
    mirror.apply(snapshot(10, item(1)))
    with qtbot.waitSignal(mirror.gap):
        mirror.apply(stream.ItemAdded(12, item(2)))  # 11 went missing
    mirror.apply(stream.ItemAdded(13, item(3)))
    assert list(mirror.items) == [1] and mirror.seq == 10
    with qtbot.waitSignal(mirror.reset):
        mirror.apply(snapshot(13, item(1), item(2), item(3), current=3))
    mirror.apply(stream.PhonesChanged(14, 9))
    assert sorted(mirror.items) == [1, 2, 3]
    assert (mirror.current_item_id, mirror.phones_connected, mirror.seq) == (3, 9, 14)


def test_changes_before_the_first_snapshot_are_ignored() -> None:
    mirror = SessionMirror()
    mirror.apply(stream.ItemAdded(1, item(1)))
    assert not mirror.ready and mirror.items == {}


def test_the_end_keeps_the_transcript_paths(qtbot: QtBot) -> None:
    mirror = SessionMirror()
    mirror.apply(snapshot(1, item(1, ItemState.SHOWN, shown_order=1), current=1))
    ended = msgspec.structs.replace(SESSION, status="ended")
    mirror.apply(stream.ProjectionChanged(2, None))
    with qtbot.waitSignal(mirror.session_ended) as signal:
        mirror.apply(stream.SessionEnded(3, ended, ("/t/a.md", "/t/a.json")))
    assert signal.args == [("/t/a.md", "/t/a.json")]
    assert mirror.session is not None and not mirror.session.is_open
    assert mirror.projection() is None


def test_the_room_and_the_counts_set_apart(qtbot: QtBot) -> None:
    mirror = SessionMirror()
    counts: list[tuple[int, int]] = []
    mirror.count_changed.connect(lambda item_id, count: counts.append((item_id, count)))
    mirror.apply(snapshot(1, item(1, ItemState.SHOWN, shown_order=1), current=1))
    room = stream.Room(shared_apart=38, shared_counted=0, waiting=5)
    with qtbot.waitSignal(mirror.room_changed) as signal:
        mirror.apply(stream.RoomChanged(2, room))
    assert signal.args == [room] and mirror.room == room
    mirror.apply(stream.CountChanged(3, 1, 12, set_apart=3))
    mirror.apply(stream.CountChanged(4, 1, 12, set_apart=4))  # only the set-apart ones moved
    assert (mirror.items[1].agreement_count, mirror.items[1].set_apart_count) == (12, 4)
    assert counts == [(1, 12), (1, 12)]
