"""The big screen's state, kept current: rebuilt (coalesced) when what the screen shows
changes, and handed to its listeners (the moderators' stream, for the projector window;
the projector page's sockets). The count of the confession on screen goes out on its
own, at display rate, unless it carries a content note."""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

import msgspec

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
from facilitator.core.store import utc_now
from facilitator.host.links import JoinLinks
from facilitator.host.projector_state import projector_state
from facilitator.protocol.moderator import JoinLink
from facilitator.protocol.phone import Count
from facilitator.protocol.projector import ProjectorState

STATE_DELAY_SECONDS = 0.0  # a slide or confession changes: at the next turn of the loop
CLOSING_REFRESH_SECONDS = 0.5  # the closing slide's counts, while confessions still change
COUNT_INTERVAL_SECONDS = 0.1  # the count on screen, ten times a second at most

CallLater = Callable[[float, Callable[[], None]], object]
StateListener = Callable[[ProjectorState], None]
CountListener = Callable[[Count], None]


class ProjectorFeed:
    def __init__(self, service: SessionService, links: JoinLinks, call_later: CallLater) -> None:
        self._service = service
        self._links = links
        self._call_later = call_later
        self._state = projector_state(service, links.link.join_url)
        self._state_due = False
        self._count_due: Count | None = None
        self._count_scheduled = False
        self._closed = False
        self._state_listeners: list[StateListener] = []
        self._count_listeners: list[CountListener] = []
        self._unsubscribe = service.bus.subscribe(self._on_event)
        links.subscribe(self._on_link)

    @property
    def state(self) -> ProjectorState:
        """The state as last built, with the host's clock as it is now (a display
        corrects its own clock by ``now``)."""
        return msgspec.structs.replace(self._state, now=utc_now())

    def subscribe(
        self, on_state: StateListener, on_count: CountListener | None = None
    ) -> Callable[[], None]:
        self._state_listeners.append(on_state)
        if on_count is not None:
            self._count_listeners.append(on_count)

        def unsubscribe() -> None:
            if on_state in self._state_listeners:
                self._state_listeners.remove(on_state)
            if on_count is not None and on_count in self._count_listeners:
                self._count_listeners.remove(on_count)

        return unsubscribe

    def close(self) -> None:
        self._closed = True
        self._unsubscribe()
        self._state_listeners.clear()
        self._count_listeners.clear()

    def _on_event(self, event: Event) -> None:
        match event:
            case ProjectionChanged() | SessionChanged() | SessionEnded() | SessionStarted():
                self._rebuild_in(STATE_DELAY_SECONDS)
            case ItemAdded() | ItemChanged() | ItemWithdrawn():
                if self._state.slide == "closing":
                    self._rebuild_in(CLOSING_REFRESH_SECONDS)
            case AgreementCountChanged(confession_id, count):
                self._on_count(confession_id, count)
            case RoomChanged() | StoreHealthChanged() | UndoChanged() | WordListsChanged():
                pass  # nothing the screen shows
            case _:
                assert_never(event)

    def _on_link(self, link: JoinLink) -> None:
        self._rebuild_in(STATE_DELAY_SECONDS)

    def _on_count(self, confession_id: int, count: int) -> None:
        projection = self._state.projection
        if self._state.slide == "closing":
            self._rebuild_in(CLOSING_REFRESH_SECONDS)
        if projection is None:
            return
        if any(reply.reply_id == confession_id for reply in projection.replies):
            self._rebuild_in(COUNT_INTERVAL_SECONDS)  # "this helped me too" comes with them
            return
        if projection.confession_id != confession_id:
            return
        if projection.content_note:
            return  # never shown
        self._count_due = Count(confession_id, count)
        if not self._count_scheduled:
            self._count_scheduled = True
            self._call_later(COUNT_INTERVAL_SECONDS, self._push_count)

    def _rebuild_in(self, delay: float) -> None:
        if not self._state_due:
            self._state_due = True
            self._call_later(delay, self._rebuild)

    def _rebuild(self) -> None:
        self._state_due = False
        if self._closed:
            return
        state = projector_state(self._service, self._links.link.join_url)
        if state == self._state_without_clock(state):
            return
        self._state = state
        for listener in list(self._state_listeners):
            listener(state)

    def _state_without_clock(self, state: ProjectorState) -> ProjectorState:
        """The current state, with the new one's clock: equal when nothing else changed."""
        return msgspec.structs.replace(self._state, now=state.now)

    def _push_count(self) -> None:
        self._count_scheduled = False
        due, self._count_due = self._count_due, None
        if self._closed or due is None:
            return
        for listener in list(self._count_listeners):
            listener(due)
