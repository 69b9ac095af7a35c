"""The moderator stream: the core's events as ordered, numbered protocol changes.

Every change is numbered (``seq``), serialised once and handed to every listener
(each moderator's socket, or the console's in-process connection in tests).
Agreement counts go out at display rate at most, the latest per item; the number
of phones connected at most four times a second. :meth:`ModeratorFeed.snapshot`
is the whole state as of the last ``seq``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import assert_never

from facilitator.core.events import (
    AgreementCountChanged,
    Event,
    ItemAdded,
    ItemChanged,
    ItemWithdrawn,
    RoomChanged,
    SessionEnded,
    SessionStarted,
    StoreHealthChanged,
    UndoChanged,
    WordListsChanged,
)
from facilitator.core.events import ProjectionChanged as CoreProjectionChanged
from facilitator.core.events import SessionChanged as CoreSessionChanged
from facilitator.core.model import Item
from facilitator.core.session import SessionService
from facilitator.host import messages
from facilitator.host.likeness import Likeness
from facilitator.host.links import JoinLinks
from facilitator.host.projector_feed import ProjectorFeed
from facilitator.protocol import moderator as stream
from facilitator.protocol.envelope import encode
from facilitator.protocol.moderator import HostStatus, JoinLink, Snapshot
from facilitator.protocol.projector import ProjectorState

COUNT_FRAME_SECONDS = 0.016
COMPARED_PER_TURN = 10  # about 2 ms each among 5,000 items
PHONES_INTERVAL_SECONDS = 0.25

Listener = Callable[[bytes], None]
CallLater = Callable[[float, Callable[[], None]], object]


class ModeratorFeed:
    """``call_later`` schedules the coalesced pushes (the loop's ``call_later``)."""

    def __init__(self, service: SessionService, links: JoinLinks, call_later: CallLater) -> None:
        self._service = service
        self._links = links
        self._call_later = call_later
        # The big screen's state: moderators get it too (the projector window renders it),
        # and the projector page's sockets follow it (projector_api.py).
        self.projector = ProjectorFeed(service, links, call_later)
        self._seq = 0
        self._listeners: list[Listener] = []
        items = service.items()
        self._item_ids = {item.id for item in items}
        self._likeness = Likeness()
        self._to_compare: deque[int] = deque()
        self._compare_later([item.id for item in items])
        self._counts_due: dict[int, tuple[int, int]] = {}  # item → (count, set apart)
        self._phones_connected = 0
        self._phones_reported = 0
        self._phones_due = False
        self._store_detail = ""
        self._transcript_paths: tuple[str, ...] = ()
        self._host_status = HostStatus()
        self._closed = False
        self._unsubscribe = service.bus.subscribe(self._on_event)
        links.subscribe(self._on_link)
        self._unsubscribe_projector = self.projector.subscribe(self._on_projector)

    @property
    def seq(self) -> int:
        return self._seq

    @property
    def phones_connected(self) -> int:
        return self._phones_connected

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def close(self) -> None:
        self._closed = True
        self._to_compare.clear()
        self._unsubscribe()
        self._unsubscribe_projector()
        self.projector.close()
        self._listeners.clear()

    def snapshot(self) -> Snapshot:
        service = self._service
        session = service.session
        return Snapshot(
            seq=self._seq,
            session=messages.session_details(session),
            current_item_id=session.current_item_id,
            items=tuple(self._moderator_item(item) for item in service.items()),
            phones_connected=self._phones_connected,
            store_healthy=service.store_healthy,
            store_detail="" if service.store_healthy else self._store_detail,
            join=self._links.link,
            transcript_paths=self._transcript_paths,
            undo=messages.undo_offer(service.last_undo_step()),
            word_lists=messages.word_lists(service.word_lists),
            room=messages.room(service.room()),
            host=self._host_status,
            projector=self.projector.state,
        )

    @property
    def host_status(self) -> HostStatus:
        return self._host_status

    def set_host_status(self, status: HostStatus) -> None:
        """The host's own work for the session changed (keeping awake, a rehearsal)."""
        if status != self._host_status:
            self._host_status = status
            self._publish(stream.HostChanged(self._next(), status))

    def set_phones_connected(self, count: int) -> None:
        """Called by the phones' hub; reported at most every :data:`PHONES_INTERVAL_SECONDS`."""
        self._phones_connected = count
        if not self._phones_due and count != self._phones_reported:
            self._phones_due = True
            self._call_later(PHONES_INTERVAL_SECONDS, self._push_phones)

    # From the core

    def _on_event(self, event: Event) -> None:
        match event:
            case AgreementCountChanged(confession_id, count, set_apart):
                if not self._counts_due:
                    self._call_later(COUNT_FRAME_SECONDS, self._push_counts)
                self._counts_due[confession_id] = (count, set_apart)
            case ItemAdded(item):
                self._item_ids.add(item.id)
                others = self._likeness.follow(item)
                self._publish(stream.ItemAdded(self._next(), self._moderator_item(item)))
                self._send_items(others)
            case ItemChanged(item):
                others = self._likeness.follow(item)
                self._publish(stream.ItemChanged(self._next(), self._moderator_item(item)))
                self._send_items(others)
            case ItemWithdrawn(item_id):
                self._item_ids.discard(item_id)
                self._counts_due.pop(item_id, None)
                others = self._likeness.forget(item_id)
                self._publish(stream.ItemRemoved(self._next(), item_id))
                self._send_items(others & self._item_ids)
            case CoreProjectionChanged(projection):
                current = None if projection is None else projection.confession_id
                self._publish(stream.ProjectionChanged(self._next(), current))
            case CoreSessionChanged(session):
                self._publish(
                    stream.SessionChanged(self._next(), messages.session_details(session))
                )
            case SessionEnded(session, transcript_paths):
                self._forget_purged()
                self._transcript_paths = transcript_paths
                details = messages.session_details(session)
                self._publish(stream.SessionEnded(self._next(), details, transcript_paths))
            case SessionStarted():
                self._start_afresh()
            case WordListsChanged():
                self._send_snapshot()  # every item's hints changed with the lists
            case UndoChanged(step):
                self._publish(stream.UndoChanged(self._next(), messages.undo_offer(step)))
            case RoomChanged(room):
                self._publish(stream.RoomChanged(self._next(), messages.room(room)))
            case StoreHealthChanged(healthy, detail):
                self._store_detail = detail
                self._publish(stream.StoreChanged(self._next(), healthy, detail))
            case _:
                assert_never(event)

    def _on_link(self, link: JoinLink) -> None:
        self._publish(stream.JoinChanged(self._next(), link))

    def _on_projector(self, state: ProjectorState) -> None:
        if not self._closed:
            self._publish(stream.ProjectorChanged(self._next(), state))

    def _moderator_item(self, item: Item) -> stream.Item:
        return messages.moderator_item(self._service, item, self._likeness.like(item.id))

    def _compare_later(self, item_ids: Iterable[int]) -> None:
        """Find which of a resumed session's items are very like each other a few at a
        time between other work: thousands take seconds, and the host must answer
        phones meanwhile. Moderators get each item whose ``like`` changed."""
        idle = not self._to_compare
        self._to_compare.extend(item_ids)
        if idle and self._to_compare:
            self._call_later(0, self._compare_some)

    @property
    def comparing(self) -> bool:
        """Whether a resumed session's items are still being compared for likeness."""
        return bool(self._to_compare)

    def _compare_some(self) -> None:
        if self._closed:
            return
        changed: set[int] = set()
        for _ in range(min(COMPARED_PER_TURN, len(self._to_compare))):
            item_id = self._to_compare.popleft()
            if item_id in self._item_ids:  # not purged meanwhile
                changed |= self._likeness.follow(self._service.item(item_id))
                if self._likeness.like(item_id):
                    changed.add(item_id)
        self._send_items(changed & self._item_ids)
        if self._to_compare:
            self._call_later(0, self._compare_some)

    def _send_items(self, item_ids: Iterable[int]) -> None:
        """Items that changed around others (which items are very like them)."""
        for item_id in sorted(item_ids):
            self._publish(
                stream.ItemChanged(self._next(), self._moderator_item(self._service.item(item_id)))
            )

    def _start_afresh(self) -> None:
        """The next session: every moderator replaces everything with a new snapshot."""
        self._item_ids = set()
        self._likeness = Likeness()
        self._to_compare.clear()
        self._counts_due.clear()
        self._transcript_paths = ()
        self._send_snapshot()

    def _send_snapshot(self) -> None:
        self._seq += 1
        self._publish(self.snapshot())

    def _forget_purged(self) -> None:
        """Ending the session forgot what was never shown: tell moderators what is gone."""
        remaining = {item.id for item in self._service.items()}
        liked: set[int] = set()
        for item_id in sorted(self._item_ids - remaining):
            self._counts_due.pop(item_id, None)
            liked |= self._likeness.forget(item_id)
            self._publish(stream.ItemRemoved(self._next(), item_id))
        self._item_ids = remaining
        self._send_items(liked & remaining)

    # Coalesced pushes

    def _push_counts(self) -> None:
        due, self._counts_due = self._counts_due, {}
        if self._closed:
            return
        for item_id, (count, set_apart) in due.items():
            self._publish(stream.CountChanged(self._next(), item_id, count, set_apart))

    def _push_phones(self) -> None:
        self._phones_due = False
        if self._closed or self._phones_connected == self._phones_reported:
            return
        self._phones_reported = self._phones_connected
        self._publish(stream.PhonesChanged(self._next(), self._phones_connected))

    # Plumbing

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def _publish(self, message: stream.StreamMessage) -> None:
        encoded = encode(message)
        for listener in list(self._listeners):
            listener(encoded)
