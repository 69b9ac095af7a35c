"""The desktop app when its host cannot start because of its data: the host's own
message, no restart loop, and for a damaged database the choice to move it aside and
start afresh."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import facilitator.app
from facilitator.app import start_host
from facilitator.core.errors import StoreDamaged, StoreUnreadable
from facilitator.core.store import DATABASE_NAME
from facilitator.host.main import damaged_message, unreadable_message
from facilitator.host.record import HostRecord
from facilitator.host.session_host import HostOptions, SessionHost
from facilitator.ui.host_failure import MOVE_ASIDE, build_host_failure_box, explain_host_failure
from facilitator.ui.host_process import (
    EXIT_DATA_UNUSABLE,
    EXIT_STORE_DAMAGED,
    HostArgs,
    HostStartFailed,
    HostSupervisor,
)
from tests.desktop_harness import running_desktop
from tests.waiting import wait_until


class AnsweringBox(QMessageBox):
    """Clicks the button labelled ``answer`` instead of waiting for a person (``exec()``
    would block the test); ``None`` is Escape."""

    answer: str | None = None
    shown: list[AnsweringBox] = []  # noqa: RUF012

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        AnsweringBox.shown.append(self)

    def exec(self) -> int:
        if self.answer is None:
            self.reject()
        else:
            (button,) = (b for b in self.buttons() if b.text() == self.answer)
            button.click()
        return self.result()


def answering(answer: str | None) -> Callable[[HostStartFailed], bool]:
    AnsweringBox.answer = answer
    return lambda error: explain_host_failure(error, box_factory=AnsweringBox)


def button_texts(box: QMessageBox) -> set[str]:
    return {button.text().replace("&", "") for button in box.buttons()}


def supervisor_for(data_dir: Path) -> HostSupervisor:
    return HostSupervisor(HostArgs(data_dir, host="127.0.0.1", port=0, zeroconf=False))


def test_the_facilitator_sees_the_host_s_own_message(tmp_path: Path, qtbot: QtBot) -> None:
    """A data problem the facilitator has to solve: said once, in the host's words."""
    database = tmp_path / DATABASE_NAME
    database.mkdir()
    AnsweringBox.shown.clear()
    assert start_host(supervisor_for(tmp_path), False, answering(None)) is None
    (box,) = AnsweringBox.shown
    problem = StoreUnreadable(database, "it is a folder, not a database file")
    assert box.text() == unreadable_message(problem)
    assert box.textFormat().name == "PlainText"
    assert button_texts(box) == {"OK"}  # nothing to choose: the app stops


def test_a_damaged_database_can_be_moved_aside_from_the_app(tmp_path: Path, qtbot: QtBot) -> None:
    database = tmp_path / DATABASE_NAME
    damaged = os.urandom(8192)
    database.write_bytes(damaged)
    supervisor = supervisor_for(tmp_path)
    AnsweringBox.shown.clear()
    assert start_host(supervisor, False, answering("Quit")) is None
    (box,) = AnsweringBox.shown
    assert box.text() == damaged_message(StoreDamaged(database, "file is not a database"))
    assert button_texts(box) == {MOVE_ASIDE, "Quit"}
    assert box.defaultButton().text() == MOVE_ASIDE
    assert database.read_bytes() == damaged  # untouched

    record = start_host(supervisor, False, answering(MOVE_ASIDE))
    try:
        assert record is not None
        assert len(AnsweringBox.shown) == 2  # asked once; the second start worked
        (kept,) = tmp_path.glob(f"{DATABASE_NAME}.damaged-*")
        assert kept.read_bytes() == damaged
    finally:
        supervisor.terminate()
        assert asyncio.run(supervisor.wait_for_exit(10))


def test_other_failures_offer_no_choice(qtbot: QtBot) -> None:
    box = build_host_failure_box(HostStartFailed("The port is in use.", 3), QMessageBox())
    assert box.text() == "The port is in use."
    assert button_texts(box) == {"OK"}
    assert not HostStartFailed("The port is in use.", 3).needs_the_facilitator
    assert HostStartFailed("…", EXIT_DATA_UNUSABLE).needs_the_facilitator


class DamagedDatabaseSupervisor(HostSupervisor):
    """A host that stopped and cannot start again until its damaged database is moved
    aside; then ``replacement`` is the host that starts."""

    def __init__(self, data_dir: Path, replacement: Callable[[], Awaitable[HostRecord]]) -> None:
        super().__init__(HostArgs(data_dir))
        self.message = damaged_message(
            StoreDamaged(data_dir / DATABASE_NAME, "database disk image is malformed")
        )
        self.starts: list[bool] = []  # move_damaged_aside, at each start
        self.running = False
        self._replacement = replacement

    async def is_alive(self) -> bool:
        return self.running

    async def start(
        self, *, new_session: bool = False, move_damaged_aside: bool = False
    ) -> HostRecord:
        self.starts.append(move_damaged_aside)
        if not move_damaged_aside:
            raise HostStartFailed(self.message, EXIT_STORE_DAMAGED)
        self.running = True
        return await self._replacement()


async def test_a_host_that_cannot_restart_is_not_restarted_again_and_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(facilitator.app, "HOST_CHECK_SECONDS", 0.02)
    fresh = SessionHost(HostOptions(tmp_path / "fresh", host="127.0.0.1", port=0, zeroconf=False))

    async def start_fresh() -> HostRecord:
        link = await fresh.start()
        assert fresh.service is not None
        return HostRecord(
            os.getpid(),
            "127.0.0.1",
            link.port,
            fresh.service.session.moderator_secret,
            fresh.rehearsal_secret,
        )

    async with AsyncExitStack() as stack:
        stack.push_async_callback(fresh.stop)
        desktop = await stack.enter_async_context(running_desktop(tmp_path / "first"))
        app, console = desktop.app, desktop.console
        supervisor = DamagedDatabaseSupervisor(tmp_path / "first", start_fresh)
        app.supervisor = supervisor
        assert desktop.host.server is not None
        await desktop.host.server.stop()  # the host is gone

        await wait_until(lambda: app.host_failure_box is not None)
        assert console.host_banner.text() == f"The session host stopped: {supervisor.message}"
        await asyncio.sleep(0.2)  # ten checks of the host's health
        assert supervisor.starts == [False]  # no restart loop
        box = app.host_failure_box
        assert box is not None and box.text() == supervisor.message
        assert button_texts(box) == {MOVE_ASIDE, "Not now"}

        (move_aside,) = (b for b in box.buttons() if b.text() == MOVE_ASIDE)
        move_aside.click()
        await wait_until(lambda: app.connection.live and app.record.port == fresh.link.port)
        assert supervisor.starts == [False, True]
        assert app.host_failure_box is None and app.host_failure is None
        assert console.host_banner.isHidden()
        app.supervisor = None  # the fresh host stops with the test, not by the app's hand
