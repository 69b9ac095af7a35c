"""Real core objects for the windows: an in-memory store, a bus, a session service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from facilitator.core.events import EventBus
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.net.addresses import JoinInfo, join_info, rank_candidates
from facilitator.ui.bridge import CoreBridge
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.projector import ProjectorWindow


@pytest.fixture
def store() -> Iterator[Store]:
    store = Store.in_memory()
    yield store
    store.close()


@pytest.fixture
def service(store: Store, tmp_path: Path) -> SessionService:
    return SessionService.start_new(store, EventBus(), tmp_path / "transcripts")


@pytest.fixture
def bridge(service: SessionService) -> Iterator[CoreBridge]:
    bridge = CoreBridge(service.bus)
    yield bridge
    bridge.detach()


@pytest.fixture
def join(service: SessionService) -> JoinInfo:
    candidates = tuple(rank_candidates([("wlan0", "192.168.1.23"), ("docker0", "172.17.0.1")]))
    return join_info("192.168.1.23", 8080, service.session.moderator_secret, candidates)


@pytest.fixture
def console(
    qtbot: QtBot, service: SessionService, bridge: CoreBridge, join: JoinInfo
) -> Iterator[ConsoleWindow]:
    window = ConsoleWindow(service, bridge, join)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    window.allow_close()
    window.close()


@pytest.fixture
def projector(
    qtbot: QtBot, service: SessionService, bridge: CoreBridge, join: JoinInfo
) -> Iterator[ProjectorWindow]:
    window = ProjectorWindow(service, bridge, join)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.allow_close()
    window.close()
