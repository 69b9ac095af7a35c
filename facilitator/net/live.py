"""Turns the core's change events into pushes to phones and moderator pages.

Count updates are coalesced (at most one push per :data:`COUNT_INTERVAL`), the
moderator state likewise; every push is serialised once for all its receivers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from facilitator.core.events import (
    AgreementCountChanged,
    ConfessionAdded,
    ConfessionChanged,
    Event,
    ProjectionChanged,
    SessionChanged,
    SessionEnded,
    StoreHealthChanged,
)
from facilitator.core.session import SessionService
from facilitator.net import envelope, messages
from facilitator.net.hub import Hub

COUNT_INTERVAL = 0.1
MODERATOR_INTERVAL = 0.1


class LiveUpdates:
    def __init__(
        self,
        service: SessionService,
        on_phones_connected: Callable[[int], None] | None = None,
    ) -> None:
        self._service = service
        self.phones = Hub("phones", on_phones_connected)
        self.moderators = Hub("moderators")
        self.transcript_paths: tuple[str, ...] = ()
        self._counts_due: asyncio.TimerHandle | None = None
        self._moderators_due: asyncio.TimerHandle | None = None
        self._unsubscribe = service.bus.subscribe(self._on_event)

    def detach(self) -> None:
        self._unsubscribe()
        for handle in (self._counts_due, self._moderators_due):
            if handle is not None:
                handle.cancel()

    def personal_state(self, participant_id: int) -> str:
        """The ``state`` message a phone receives after ``hello``."""
        payload = messages.public_session(self._service)
        projection = self._service.projection()
        payload["agreed"] = projection is not None and self._service.has_agreed(
            participant_id, projection.confession_id
        )
        return envelope.encode("state", payload)

    def moderator_state(self) -> str:
        return envelope.encode(
            "moderator.state", messages.moderator_state(self._service, self.transcript_paths)
        )

    def _on_event(self, event: Event) -> None:
        match event:
            case ProjectionChanged() | SessionChanged():
                self._push_session()
            case AgreementCountChanged():
                self._schedule_counts()
            case SessionEnded(transcript_paths=paths):
                self.transcript_paths = paths
            case ConfessionAdded() | ConfessionChanged() | StoreHealthChanged():
                pass
        self._schedule_moderators()

    def _push_session(self) -> None:
        self.phones.broadcast(
            "session", envelope.encode("session", messages.public_session(self._service))
        )

    def _schedule_counts(self) -> None:
        if self._counts_due is None and len(self.phones):
            loop = asyncio.get_running_loop()
            self._counts_due = loop.call_later(COUNT_INTERVAL, self._push_count)

    def _push_count(self) -> None:
        self._counts_due = None
        projection = self._service.projection()
        if projection is None:
            return
        payload = {"confession_id": projection.confession_id, "count": projection.agreement_count}
        self.phones.broadcast("count", envelope.encode("count", payload))

    def _schedule_moderators(self) -> None:
        if self._moderators_due is None and len(self.moderators):
            loop = asyncio.get_running_loop()
            self._moderators_due = loop.call_later(MODERATOR_INTERVAL, self._push_moderators)

    def _push_moderators(self) -> None:
        self._moderators_due = None
        self.moderators.broadcast("state", self.moderator_state())
