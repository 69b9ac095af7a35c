"""Fixtures for the domain core: real stores (in memory or on disk), a bus that records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.core.events import EventBus
from facilitator.core.model import SessionInfo
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from tests.core.helpers import TODAY, Recorder, Room


@pytest.fixture
def store() -> Iterator[Store]:
    store = Store.in_memory()
    yield store
    store.close()


@pytest.fixture
def file_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "data")
    yield store
    store.close()


@pytest.fixture
def session(store: Store) -> SessionInfo:
    return store.create_session(
        "Never waste a mistake",
        "What mistake taught you the most?",
        "Been there",
        "2024-05-17",
        "moderator-secret",
    )


@pytest.fixture
def bus() -> EventBus:
    return EventBus()


@pytest.fixture
def recorder(bus: EventBus) -> Recorder:
    return Recorder(bus)


@pytest.fixture
def transcripts_dir(tmp_path: Path) -> Path:
    return tmp_path / "transcripts"


@pytest.fixture
def service(store: Store, bus: EventBus, transcripts_dir: Path) -> SessionService:
    return SessionService.start_new(store, bus, transcripts_dir, today=lambda: TODAY)


@pytest.fixture
def room(service: SessionService) -> Room:
    return Room(service)


@pytest.fixture
def undo_recorder(bus: EventBus) -> Recorder:
    """Records every event, what undo would take back included."""
    return Recorder(bus, with_undo=True)
