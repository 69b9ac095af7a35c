"""Real parts for the windows: the core on an in-memory store, the host's own stream
and command handling (``local_host.py``), and the mirror the windows follow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from facilitator.core.events import EventBus
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.join.addresses import join_link, rank_candidates
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.projector import ProjectorWindow
from tests.ui.local_host import LocalHost


@pytest.fixture
def store() -> Iterator[Store]:
    store = Store.in_memory()
    yield store
    store.close()


@pytest.fixture
def service(store: Store, tmp_path: Path) -> SessionService:
    return SessionService.start_new(store, EventBus(), tmp_path / "transcripts")


@pytest.fixture
def join(service: SessionService) -> JoinLink:
    candidates = tuple(rank_candidates([("wlan0", "192.168.1.23"), ("docker0", "172.17.0.1")]))
    return join_link("192.168.1.23", 8080, service.session.moderator_secret, candidates)


@pytest.fixture
def local(service: SessionService, join: JoinLink) -> Iterator[LocalHost]:
    host = LocalHost(service, join)
    yield host
    host.close()


@pytest.fixture
def mirror(local: LocalHost) -> SessionMirror:
    return local.mirror


@pytest.fixture
def console(qtbot: QtBot, local: LocalHost) -> Iterator[ConsoleWindow]:
    window = ConsoleWindow(local.mirror, local)
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
def projector(qtbot: QtBot, local: LocalHost) -> Iterator[ProjectorWindow]:
    window = ProjectorWindow(local.mirror)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.allow_close()
    window.close()
