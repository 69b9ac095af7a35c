"""The console's copy of the session, kept up to date from the moderator stream.

A snapshot replaces everything (``reset``); each numbered change is applied and
announced with a signal of its own. A change that does not carry the next number
means something was missed: the mirror stops applying changes and asks for a new
snapshot (``gap``). The windows read the mirror and follow its signals; they
never talk to the host themselves. No networking here.
"""

from __future__ import annotations

from typing import assert_never

import msgspec
from PySide6.QtCore import QObject, Signal

from facilitator.protocol import moderator as stream
from facilitator.protocol.moderator import (
    HostStatus,
    Item,
    JoinLink,
    Room,
    SessionDetails,
    UndoOffer,
    WordLists,
)
from facilitator.protocol.projector import ProjectorState


class SessionMirror(QObject):
    reset = Signal()  # a snapshot replaced everything
    gap = Signal()  # a change was missed: ask the host for a snapshot
    item_added = Signal(object)  # Item
    item_changed = Signal(object)  # Item, as it is now
    item_removed = Signal(int)  # item id
    projection_changed = Signal(object)  # Item | None
    count_changed = Signal(int, int)  # item id, count
    session_changed = Signal(object)  # SessionDetails
    session_ended = Signal(object)  # tuple of transcript paths
    store_changed = Signal(bool, str)  # healthy, detail
    phones_changed = Signal(int)
    join_changed = Signal(object)  # JoinLink
    undo_changed = Signal(object)  # UndoOffer | None
    room_changed = Signal(object)  # Room
    host_changed = Signal(object)  # HostStatus
    projector_changed = Signal(object)  # ProjectorState: what the big screen shows

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seq = 0
        self.ready = False
        self.session: SessionDetails | None = None
        self.items: dict[int, Item] = {}
        self.current_item_id: int | None = None
        self.phones_connected = 0
        self.store_healthy = True
        self.store_detail = ""
        self.join: JoinLink | None = None
        self.transcript_paths: tuple[str, ...] = ()
        self.undo: UndoOffer | None = None
        self.word_lists = WordLists((), ())
        self.room = Room(shared_apart=0, shared_counted=0, waiting=0)
        self.host = HostStatus()
        self.projector: ProjectorState | None = None
        self._waiting_for_snapshot = False

    # Reading

    def projection(self) -> Item | None:
        """The item on the big screen, if any."""
        current = self.current_item_id
        return None if current is None else self.items.get(current)

    # Changing

    def apply(self, message: stream.StreamMessage) -> None:
        if isinstance(message, stream.Snapshot):
            self._apply_snapshot(message)
            return
        if self._waiting_for_snapshot or not self.ready:
            return
        if message.seq != self.seq + 1:
            self._waiting_for_snapshot = True
            self.gap.emit()
            return
        self.seq = message.seq
        self._apply_change(message)

    def _apply_snapshot(self, snapshot: stream.Snapshot) -> None:
        self.seq = snapshot.seq
        self.session = snapshot.session
        self.items = {item.id: item for item in snapshot.items}
        self.current_item_id = snapshot.current_item_id
        self.phones_connected = snapshot.phones_connected
        self.store_healthy = snapshot.store_healthy
        self.store_detail = snapshot.store_detail
        self.join = snapshot.join
        self.transcript_paths = snapshot.transcript_paths
        self.undo = snapshot.undo
        self.word_lists = snapshot.word_lists
        self.room = snapshot.room
        self.host = snapshot.host
        self.projector = snapshot.projector
        self.ready = True
        self._waiting_for_snapshot = False
        self.reset.emit()

    def _apply_change(self, change: stream.Change) -> None:
        match change:
            case stream.ItemAdded(item=item):
                self.items[item.id] = item
                self.item_added.emit(item)
            case stream.ItemChanged(item=item):
                self.items[item.id] = item
                self.item_changed.emit(item)
            case stream.ItemRemoved(item_id=item_id):
                if self.items.pop(item_id, None) is not None:
                    self.item_removed.emit(item_id)
            case stream.ProjectionChanged(item_id=item_id):
                self.current_item_id = item_id
                self.projection_changed.emit(self.projection())
            case stream.CountChanged(item_id=item_id, count=count, set_apart=set_apart):
                self._set_count(item_id, count, set_apart)
            case stream.SessionChanged(session=session):
                self.session = session
                self.session_changed.emit(session)
            case stream.SessionEnded(session=session, transcript_paths=paths):
                self.session = session
                self.transcript_paths = paths
                self.session_ended.emit(paths)
            case stream.StoreChanged(healthy=healthy, detail=detail):
                self.store_healthy, self.store_detail = healthy, detail
                self.store_changed.emit(healthy, detail)
            case stream.PhonesChanged(connected=connected):
                self.phones_connected = connected
                self.phones_changed.emit(connected)
            case stream.JoinChanged(join=join):
                self.join = join
                self.join_changed.emit(join)
            case stream.UndoChanged(undo=undo):
                self.undo = undo
                self.undo_changed.emit(undo)
            case stream.RoomChanged(room=room):
                self.room = room
                self.room_changed.emit(room)
            case stream.HostChanged(host=host):
                self.host = host
                self.host_changed.emit(host)
            case stream.ProjectorChanged(state=state):
                self.projector = state
                self.projector_changed.emit(state)
            case _:
                assert_never(change)

    def _set_count(self, item_id: int, count: int, set_apart: int) -> None:
        item = self.items.get(item_id)
        if item is None or (item.agreement_count, item.set_apart_count) == (count, set_apart):
            return
        self.items[item_id] = msgspec.structs.replace(
            item, agreement_count=count, set_apart_count=set_apart
        )
        self.count_changed.emit(item_id, count)
