"""Helpers shared by the core tests."""

from __future__ import annotations

from datetime import date

from facilitator.core.events import Event, EventBus
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.protocol.commands import ProjectNext

TODAY = date(2024, 5, 17)


class Recorder:
    """Collects every event published on a bus, in order."""

    def __init__(self, bus: EventBus) -> None:
        self.events: list[Event] = []
        bus.subscribe(self.events.append)

    def of[E](self, kind: type[E]) -> list[E]:
        return [event for event in self.events if isinstance(event, kind)]

    def kinds(self) -> list[str]:
        return [type(event).__name__ for event in self.events]

    def clear(self) -> None:
        self.events.clear()


def client_id(n: int) -> str:
    """A well-formed client id: 8 to 64 ASCII letters, digits, ``_`` or ``-``."""
    return f"client-{n:04d}"


def edit(store: Store, confession_id: int, text: str, learned: str | None = None) -> None:
    """Stand-in for a moderator's edit: the core has no edit command (yet)."""
    with store._write() as db:
        db.execute("UPDATE confessions SET text = ? WHERE id = ?", (text, confession_id))
        if learned is not None:
            db.execute("UPDATE confessions SET learned = ? WHERE id = ?", (learned, confession_id))


def next_up(service: SessionService) -> ProjectNext:
    """``project next``, naming what the moderator sees at the head of the queue."""
    return ProjectNext(service.queue_head() or 0)
