"""Turns the core's change events into pushes to phones.

Count updates are coalesced: one push per interval, which grows with the room so
that the sends per second stay within :data:`COUNT_SENDS_PER_SECOND` (0.1 s up to
1,000 phones, 0.5 s at 5,000, 1 s from 10,000 on). Every push is serialised once
for all its receivers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import assert_never

from facilitator.core.events import (
    AgreementCountChanged,
    Event,
    ItemAdded,
    ItemChanged,
    ItemWithdrawn,
    ProjectionChanged,
    RoomChanged,
    SessionChanged,
    SessionEnded,
    SessionStarted,
    StoreHealthChanged,
    UndoChanged,
    WordListsChanged,
)
from facilitator.core.session import SessionService
from facilitator.host import messages
from facilitator.host.hub import Hub
from facilitator.protocol.envelope import encode
from facilitator.protocol.phone import Count, PublicProjection

COUNT_SENDS_PER_SECOND = 10_000
COUNT_INTERVAL_MIN = 0.1
COUNT_INTERVAL_MAX = 1.0


def count_interval(phones: int) -> float:
    """Seconds between two count pushes to ``phones`` phones."""
    return min(COUNT_INTERVAL_MAX, max(COUNT_INTERVAL_MIN, phones / COUNT_SENDS_PER_SECOND))


class LiveUpdates:
    def __init__(
        self,
        service: SessionService,
        on_phones_connected: Callable[[int], None] | None = None,
    ) -> None:
        self._service = service
        self.phones = Hub("phones", on_phones_connected)
        self._counts_due: asyncio.TimerHandle | None = None
        # The counts of the projected replies as phones last got them (in ``session``).
        self._reply_counts: tuple[tuple[int, int], ...] = ()
        self._unsubscribe = service.bus.subscribe(self._on_event)

    def detach(self) -> None:
        self._unsubscribe()
        if self._counts_due is not None:
            self._counts_due.cancel()

    def _on_event(self, event: Event) -> None:
        match event:
            case ProjectionChanged() | SessionChanged() | SessionStarted():
                self._push_session()  # a new session id: pages start over with it
            case AgreementCountChanged():
                self._schedule_counts()
            case (
                ItemAdded()
                | ItemChanged()
                | ItemWithdrawn()
                | SessionEnded()
                | StoreHealthChanged()
                | UndoChanged()
                | WordListsChanged()
                | RoomChanged()
            ):
                pass
            case _:
                assert_never(event)

    def _push_session(self) -> None:
        public = messages.public_session(self._service)
        self._reply_counts = _reply_counts(public.projection)
        self.phones.broadcast("session", encode(public))

    def _schedule_counts(self) -> None:
        if self._counts_due is None and len(self.phones):
            loop = asyncio.get_running_loop()
            interval = count_interval(len(self.phones))
            self._counts_due = loop.call_later(interval, self._push_count)

    def _push_count(self) -> None:
        self._counts_due = None
        projection = self._service.projection()
        if projection is not None:
            if not projection.content_note:  # a content note's count is never shown
                count = Count(projection.confession_id, projection.agreement_count)
                self.phones.broadcast("count", encode(count))
            public = messages.public_projection(projection)
            if _reply_counts(public) != self._reply_counts:
                self._push_session()  # "this helped me too" counts go out with the replies


def _reply_counts(projection: PublicProjection | None) -> tuple[tuple[int, int], ...]:
    if projection is None:
        return ()
    return tuple((reply.reply_id, reply.count) for reply in projection.replies)
