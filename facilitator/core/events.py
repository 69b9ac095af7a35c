"""Change announcements from the domain, and the plain-Python bus that carries them.

The console observes them through a Qt bridge (``facilitator.ui.bridge``), the
phones through the WebSocket hub (``facilitator.host.hub``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from facilitator.core.model import Item, Projection, Room, SessionInfo
from facilitator.core.undo import UndoStep
from facilitator.core.word_lists import WordLists

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ItemAdded:
    item: Item


@dataclass(frozen=True, slots=True)
class ItemChanged:
    """An item changed state, place in the queue or text (the item as it is now)."""

    item: Item


@dataclass(frozen=True, slots=True)
class ItemWithdrawn:
    """Its author took it back before it was shown: it is deleted."""

    item_id: int


@dataclass(frozen=True, slots=True)
class ProjectionChanged:
    """A new confession is on the big screen, or none (``projection is None``)."""

    projection: Projection | None


@dataclass(frozen=True, slots=True)
class AgreementCountChanged:
    """The public ``count``, and the agreements from shared addresses set apart."""

    confession_id: int
    count: int
    set_apart: int = 0


@dataclass(frozen=True, slots=True)
class RoomChanged:
    """Phones on shared addresses, whether they count, or the waiting confessions changed."""

    room: Room


@dataclass(frozen=True, slots=True)
class SessionChanged:
    """Title, prompt, label or status changed (an ended session has ``status == ENDED``)."""

    session: SessionInfo


@dataclass(frozen=True, slots=True)
class StoreHealthChanged:
    """Writes started failing (``healthy is False``) or work again."""

    healthy: bool
    detail: str


@dataclass(frozen=True, slots=True)
class SessionStarted:
    """The host started the next session (after the last one ended)."""

    session: SessionInfo


@dataclass(frozen=True, slots=True)
class SessionEnded:
    """The session is over and its transcript is written."""

    session: SessionInfo
    transcript_paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UndoChanged:
    """What ``undo`` would take back now (``step is None``: nothing)."""

    step: UndoStep | None


@dataclass(frozen=True, slots=True)
class WordListsChanged:
    """The organisers' lists changed, and with them every item's hints."""

    lists: WordLists


Event = (
    ItemAdded
    | ItemChanged
    | ItemWithdrawn
    | ProjectionChanged
    | AgreementCountChanged
    | SessionChanged
    | SessionStarted
    | SessionEnded
    | StoreHealthChanged
    | UndoChanged
    | WordListsChanged
    | RoomChanged
)
Listener = Callable[[Event], None]


class EventBus:
    """Synchronous fan-out to listeners; a failing listener never stops the others."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, event: Event) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("A listener failed on %s", type(event).__name__)
