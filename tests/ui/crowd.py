"""A console opened on a session filled beforehand (thousands of confessions): the host's
own stream and commands (``local_host.py``), the window shown at 1280x800, the host's
background comparison of the items finished before the test times anything; and what
a timed step cost."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pytestqt.qtbot import QtBot

from facilitator.core.events import EventBus
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.protocol.commands import SetBatching
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.console import ConsoleWindow
from tests.ui.local_host import LocalHost


@contextmanager
def console_over(
    qtbot: QtBot, service: SessionService, join: JoinLink, *, compared: bool = True
) -> Iterator[tuple[ConsoleWindow, LocalHost]]:
    """The console over ``service`` (closed after, with its host; the store is the caller's).

    The host compares a resumed session's items for likeness in the background (in the
    host process; here on this thread): with ``compared`` it is let finish first.
    """
    local = LocalHost(service, join)
    window = ConsoleWindow(local.mirror, local)
    qtbot.addWidget(window)
    try:
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        if compared:
            qtbot.waitUntil(lambda: not local.feed.comparing, timeout=60_000)
            qtbot.wait(50)
        yield window, local
    finally:
        window.allow_close()
        window.close()
        local.close()


@contextmanager
def crowded_console(
    qtbot: QtBot,
    join: JoinLink,
    transcripts: Path,
    fill: Callable[[SessionService], object],
    *,
    compared: bool = True,
) -> Iterator[tuple[ConsoleWindow, LocalHost]]:
    """A new session in memory, filled by ``fill``, and the console over it."""
    store = Store.in_memory()
    service = SessionService.start_new(store, EventBus(), transcripts)
    service.execute(SetBatching("off"))  # thousands of phones: they would arrive in batches
    try:
        fill(service)
        with console_over(qtbot, service, join, compared=compared) as opened:
            yield opened
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class Cost:
    """Wall time (``perf_counter``) and the GUI thread's CPU time, in ms."""

    wall: float
    cpu: float
