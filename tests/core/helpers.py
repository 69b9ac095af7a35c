"""Helpers shared by the core tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from facilitator.core.errors import DomainError
from facilitator.core.events import Event, EventBus, UndoChanged
from facilitator.core.model import ItemState
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.protocol.commands import Approve, Project, ProjectNext, Undo

TODAY = date(2024, 5, 17)


class Recorder:
    """Collects the events published on a bus, in order.

    What undo would take back (``UndoChanged``) follows every moderation action; it is
    left out unless ``with_undo`` (the undo tests look at it).
    """

    def __init__(self, bus: EventBus, *, with_undo: bool = False) -> None:
        self.events: list[Event] = []
        self._with_undo = with_undo
        bus.subscribe(self._record)

    def _record(self, event: Event) -> None:
        if self._with_undo or not isinstance(event, UndoChanged):
            self.events.append(event)

    def of[E](self, kind: type[E]) -> list[E]:
        return [event for event in self.events if isinstance(event, kind)]

    def kinds(self) -> list[str]:
        return [type(event).__name__ for event in self.events]

    def clear(self) -> None:
        self.events.clear()


def client_id(n: int) -> str:
    """A well-formed client id: 8 to 64 ASCII letters, digits, ``_`` or ``-``."""
    return f"client-{n:04d}"


def edit(store: Store, item_id: int, text: str, learned: str | None = None) -> None:
    """A moderator's edit, written straight to the store (the command is tested on its own)."""
    item = store.item(item_id)
    edited = store.edit(item_id, item.version, text, item.learned if learned is None else learned)
    assert edited is not None


def next_up(service: SessionService) -> ProjectNext:
    """``project next``, naming what the moderator sees at the head of the queue."""
    return ProjectNext(service.queue_head() or 0)


def undo(service: SessionService) -> None:
    """Take back what undo offers now (there must be something)."""
    step = service.last_undo_step()
    assert step is not None
    service.execute(Undo(step.id))


def refused(code: str, action: Callable[[], object]) -> None:
    with pytest.raises(DomainError) as caught:
        action()
    assert caught.value.code == code, caught.value.message


class Room:
    """A service plus a few phones that have joined it."""

    def __init__(self, service: SessionService) -> None:
        self.service = service
        self._next_client = 0

    def phone(self) -> int:
        return self.service.participant(self.service.join())

    def submit(self, participant: int, text: str = "", learned: str = "") -> int:
        self._next_client += 1
        outcome = self.service.submit(
            participant,
            client_id(self._next_client),
            text or f"confession {self._next_client}",
            learned,
        )
        assert not outcome.duplicate and outcome.confession_id is not None
        return outcome.confession_id

    def state(self, confession_id: int) -> ItemState:
        return self.service.item(confession_id).state

    def approved(self, participant: int, text: str = "") -> int:
        confession = self.submit(participant, text)
        self.service.execute(Approve(confession))
        return confession

    def shown(self, participant: int, text: str = "") -> int:
        confession = self.approved(participant, text)
        self.service.execute(Project(confession))
        return confession
