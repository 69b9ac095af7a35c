"""The desktop app: the console and the projector, as a client of the session host.

Start: find the data dir's running host (reattach) or start one → connect to its
moderator stream → first snapshot → windows.
While running: if the host stops, say so at once, restart it on the same data
dir and port (the session resumes) and reconnect; phones reconnect by themselves.
A host that cannot start because of its data (the folder, a damaged or newer
database) is not started again and again: the facilitator is shown its message,
and for a damaged database offered to move it aside and start afresh.
Stop (closing the console, SIGTERM, Ctrl-C): ask the host to stop (the session
stays open unless the facilitator ended it) → windows → connection.
A crash of this process never ends the session: the host keeps serving phones.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from facilitator import paths
from facilitator.cli import EXIT_SETUP_FILE, read_prepared
from facilitator.core.model import SessionInfo
from facilitator.core.store import Store
from facilitator.host.record import HostRecord
from facilitator.join.wifi import RoomWifi
from facilitator.protocol.commands import EndSession, StartRehearsal, StopHost
from facilitator.settings import Settings, load_settings, save_settings
from facilitator.ui.host_connection import HostConnection
from facilitator.ui.host_failure import (
    build_host_failure_box,
    chose_to_move_aside,
    explain_host_failure,
)
from facilitator.ui.host_process import HostStartFailed, HostSupervisor
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.session_library import SessionLibrary
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from facilitator.ui.console import ConsoleWindow
    from facilitator.ui.projector import ProjectorWindow

log = logging.getLogger(__name__)

FIRST_SNAPSHOT_SECONDS = 20.0
HOST_EXIT_SECONDS = 5.0
HOST_CHECK_SECONDS = 2.0
HOST_STOPPED = QT_TRANSLATE_NOOP(
    "DesktopApp",
    "The session host stopped. Restarting it on the same port: nothing that phones were "
    "told was received is lost, and they reconnect by themselves.",
)
MOVING_ASIDE = QT_TRANSLATE_NOOP(
    "DesktopApp",
    "Moving the damaged database aside and starting a new session with a new database…",
)
PROJECTOR_MOVED = QT_TRANSLATE_NOOP("DesktopApp", "The projector moved")
WIFI_SHOWN = QT_TRANSLATE_NOOP("DesktopApp", "The join slide shows it")
NOT_SAVED = QT_TRANSLATE_NOOP(
    "DesktopApp", "{done}, but it could not be saved for next time: {reason}"
)
NOT_NOW = QT_TRANSLATE_NOOP("DesktopApp", "Not now")


def start_host(
    supervisor: HostSupervisor,
    new_session: bool,
    explain: Callable[[HostStartFailed], bool],
    session_file: Path | None = None,
) -> HostRecord | None:
    """Start the host before the windows open; if it cannot start, ``explain`` why (and
    start it again, moving a damaged database aside, when ``explain`` says so)."""
    for move_damaged_aside in (False, True):
        try:
            return asyncio.run(
                supervisor.start(
                    new_session=new_session,
                    move_damaged_aside=move_damaged_aside,
                    session_file=session_file,
                )
            )
        except HostStartFailed as error:
            sys.stderr.write(f"{error}\n")
            if not explain(error):
                return None
    return None


class DesktopApp:
    """The windows and their one connection to the host of ``record``.

    ``supervisor`` restarts the host if it stops (``None``: nobody does, in tests);
    ``rehearse``: ask the host for a simulated audience of that many phones once the
    windows are open (``--rehearse``); ``first_run_guide``: open the guide if this
    laptop's settings say it was never shown (the command line asks; tests do not).
    """

    def __init__(
        self,
        record: HostRecord,
        data_dir: Path,
        supervisor: HostSupervisor | None = None,
        rehearse: int | None = None,
        first_run_guide: bool = False,
    ) -> None:
        self.record = record
        self.rehearse = rehearse
        self.first_run_guide = first_run_guide
        self.data_dir = data_dir
        self.supervisor = supervisor
        self.mirror = SessionMirror()
        self.connection = HostConnection(self.mirror, record.stream_url)
        self.console: ConsoleWindow | None = None
        self.projector: ProjectorWindow | None = None
        self.library: SessionLibrary | None = None
        self.settings = Settings()
        self._connection_task: asyncio.Task[None] | None = None
        self._watch_task: asyncio.Task[None] | None = None
        self.host_failure: HostStartFailed | None = None  # until the facilitator acts
        self.host_failure_box: QMessageBox | None = None
        self._move_damaged_aside = False
        self._stop_requested = asyncio.Event()

    async def start(self) -> None:
        """Connect, wait for the first snapshot, open the windows."""
        loop = asyncio.get_running_loop()
        first_snapshot = asyncio.Event()
        self.mirror.reset.connect(first_snapshot.set)
        self._connection_task = loop.create_task(self.connection.run())
        try:
            async with asyncio.timeout(FIRST_SNAPSHOT_SECONDS):
                await first_snapshot.wait()
        except TimeoutError:
            raise HostStartFailed("The session host does not answer.") from None
        finally:
            self.mirror.reset.disconnect(first_snapshot.set)
        self._open_windows()
        self.connection.status_changed.connect(self._on_connection_status)
        if self.rehearse is not None:
            self.connection.send(
                StartRehearsal(self.rehearse),
                on_refused=lambda code, text: self._show_message(text),
            )
        log.info("Console ready: %d items", len(self.mirror.items))

    def _open_windows(self) -> None:
        from facilitator.ui.console import ConsoleWindow
        from facilitator.ui.projector import ProjectorWindow

        self.settings = load_settings(self.data_dir)
        self.projector = ProjectorWindow(self.mirror, logos=self.connection)
        self.console = ConsoleWindow(self.mirror, self.connection, logos=self.connection)
        self.connection.refused.connect(lambda code, text: self._show_message(text))
        self.console.close_requested.connect(self.request_stop)
        self.console.end_and_close_requested.connect(self._end_and_close)
        self.console.library_requested.connect(self.open_library)
        self.projector.placement_changed.connect(self.console.set_projector_status)
        self.console.projector_screen.set_choice(self.settings.projector_screen)
        self.console.projector_screen.screen_chosen.connect(self._choose_projector_screen)
        self.projector.set_wifi(self.settings.wifi)
        self.console.phones_network.set_wifi(self.settings.wifi)
        self.console.phones_network.wifi_chosen.connect(self._choose_wifi)
        self.projector.place(self.settings.projector_screen)
        self.console.show()
        if self.first_run_guide and not self.settings.first_run_guide_seen:
            self._open_first_run_guide(self.console)

    def _open_first_run_guide(self, console: ConsoleWindow) -> None:
        """Once on a laptop: the guide opens over the console (never blocking the loop)."""
        log.info("First run on this laptop: opening the guide")
        console.open_guide()
        self.settings = replace(self.settings, first_run_guide_seen=True)
        try:
            save_settings(self.data_dir, self.settings)
        except OSError as error:  # it opens again next time: no harm done
            log.warning("Could not remember that the guide was shown: %s", error)

    def _choose_projector_screen(self, key: str | None) -> None:
        """Move the projector to the facilitator's choice and remember it for next time."""
        assert self.projector is not None
        log.info("Projector screen chosen: %s", key or "automatic")
        self.projector.place(key)
        self._remember(replace(self.settings, projector_screen=key), PROJECTOR_MOVED)

    def _choose_wifi(self, wifi: RoomWifi | None) -> None:
        """Show the Wi-Fi phones join on the join slide and remember it for next time."""
        assert self.projector is not None
        log.info("Wi-Fi for phones %s", "chosen" if wifi is not None else "removed")
        self.projector.set_wifi(wifi)
        self._remember(replace(self.settings, wifi=wifi), WIFI_SHOWN)

    def _remember(self, settings: Settings, done: str) -> None:
        """Keep ``settings`` for next time; if they cannot be saved, say so after ``done``."""
        self.settings = settings
        try:
            save_settings(self.data_dir, settings)
        except OSError as error:
            log.warning("Could not save the settings: %s", error)
            self._show_message(
                translate("DesktopApp", NOT_SAVED).format(
                    done=translate("DesktopApp", done), reason=error.strerror or error
                )
            )

    def open_library(self) -> None:
        """The session library, read afresh each time it is opened (never blocking)."""
        if self.library is None:
            self.library = SessionLibrary(
                paths.transcripts_dir(self.data_dir), self.connection, self.console
            )
            self.library.message.connect(self._show_message)
        else:
            self.library.reload()
        self.library.show()
        self.library.raise_()

    def _show_message(self, text: str) -> None:
        if self.console is not None:
            self.console.show_message(text)

    def report_unexpected(self, message: str) -> None:
        """Show an unexpected error to the facilitator (it is already logged)."""
        if self.console is not None:
            self.console.show_error(message)

    # The host's health

    def _on_connection_status(self, status: str) -> None:
        if self.console is not None:
            self.console.set_host_connected(status == "live")
        if status == "lost":
            self._watch_host()

    def _watch_host(self) -> None:
        if self._watch_task is None and not self._stop_requested.is_set():
            self._watch_task = asyncio.get_running_loop().create_task(self._check_host())

    async def _check_host(self) -> None:
        """While the connection is down: if the host is gone, start it again on the same
        port (and again, a little later, if that failed for a passing reason)."""
        try:
            while (
                not self.connection.live
                and not self._stop_requested.is_set()
                and self.host_failure is None
            ):
                if self.supervisor is not None and not await self.supervisor.is_alive():
                    await self._restart_host(self.supervisor)
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(HOST_CHECK_SECONDS):
                        await self._stop_requested.wait()
        finally:
            self._watch_task = None

    async def _restart_host(self, supervisor: HostSupervisor) -> None:
        log.warning("The session host stopped; restarting it")
        if self.console is not None:
            alarm = MOVING_ASIDE if self._move_damaged_aside else HOST_STOPPED
            self.console.show_host_alarm(translate("DesktopApp", alarm))
        try:
            self.record = await supervisor.start(move_damaged_aside=self._move_damaged_aside)
        except HostStartFailed as error:
            log.error("Could not restart the session host: %s", error)
            self._host_did_not_restart(error)
            return
        self._move_damaged_aside = False
        self.connection.set_url(self.record.stream_url)
        self.connection.reconnect_now()

    def _host_did_not_restart(self, error: HostStartFailed) -> None:
        """Say why; stop restarting when only the facilitator can change that, and offer
        the way out of a damaged database."""
        if error.needs_the_facilitator:
            self.host_failure = error
        if self.console is None:
            return
        self.console.show_host_alarm(f"The session host stopped: {error}")
        if error.store_damaged and self.host_failure_box is None:
            self._offer_to_move_aside(error, self.console)

    def _offer_to_move_aside(self, error: HostStartFailed, parent: QWidget) -> None:
        """Ask without blocking the loop (``open()``, not ``exec()``)."""
        decline = translate("DesktopApp", NOT_NOW)
        box = build_host_failure_box(error, QMessageBox(parent), decline=decline)
        box.buttonClicked.connect(lambda button: self._on_move_aside_answer(box, button))
        box.finished.connect(self._forget_host_failure_box)
        self.host_failure_box = box
        box.open()

    def _on_move_aside_answer(self, box: QMessageBox, button: QAbstractButton) -> None:
        if chose_to_move_aside(box, button):
            log.info("Moving the damaged database aside and starting afresh")
            self._move_damaged_aside = True
            self.host_failure = None
            self._watch_host()

    def _forget_host_failure_box(self) -> None:
        if self.host_failure_box is not None:
            self.host_failure_box.deleteLater()
        self.host_failure_box = None

    # Stop

    def request_stop(self) -> None:
        self._stop_requested.set()

    def _end_and_close(self) -> None:
        """End the session (the transcript is written), then close."""
        self.connection.send(
            EndSession(),
            on_refused=lambda code, text: self._show_message(text),
            on_done=self.request_stop,
        )

    async def wait_for_stop_request(self) -> None:
        await self._stop_requested.wait()

    async def stop(self, *, stop_host: bool = True) -> None:
        """Close the windows and the connection; ask the host to stop (the session stays)."""
        log.info("Stopping")
        if stop_host:
            await self._stop_host()
        for window in (self.console, self.projector):
            if window is not None:
                window.allow_close()
                window.close()
        self.connection.stop()
        if self._connection_task is not None:
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                async with asyncio.timeout(HOST_EXIT_SECONDS):
                    await self._connection_task
        if self._watch_task is not None:
            self._watch_task.cancel()
        log.info("Stopped")

    async def _stop_host(self) -> None:
        """Ask the host to stop over the protocol (it may be reconnecting: wait a moment);
        a host this app started that cannot be reached is terminated instead."""
        if self._watch_task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._watch_task  # a restart under way finishes first
        if await _wait_until_live(self.connection, HOST_EXIT_SECONDS):
            stopped = asyncio.Event()
            self.connection.send(
                StopHost(), on_refused=lambda *_: stopped.set(), on_done=stopped.set
            )
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(HOST_EXIT_SECONDS):
                    await stopped.wait()
        if self.supervisor is None:
            return
        if not await self.supervisor.wait_for_exit(HOST_EXIT_SECONDS):
            log.warning("The session host did not stop when asked; terminating it")
            self.supervisor.terminate()


async def _wait_until_live(connection: HostConnection, timeout: float) -> bool:
    if connection.live:
        return True
    live = asyncio.Event()

    def on_status(status: str) -> None:
        if status == "live":
            live.set()

    connection.status_changed.connect(on_status)
    try:
        async with asyncio.timeout(timeout):
            await live.wait()
    except TimeoutError:
        pass
    finally:
        connection.status_changed.disconnect(on_status)
    return connection.live


PREPARED_NOT_USED = QT_TRANSLATE_NOOP(
    "DesktopApp",
    "Confessional is already hosting a session on this laptop, so the prepared session "
    "was not started. End that session first, or load the file with Set up session…",
)


def ask_for_new_session(
    data_dir: Path, new_session: bool, ask_resume: Callable[[SessionInfo], bool]
) -> bool:
    """Whether the host should start a new session: asked only if one is unfinished."""
    if new_session:
        return True
    unfinished = Store.peek_unfinished(data_dir)
    return unfinished is not None and not ask_resume(unfinished)


def run_desktop(args: argparse.Namespace, data_dir: Path) -> int:
    """``confessional``: find or start the host, then run the windows on Qt's loop."""
    os.environ["QT_API"] = "pyside6"
    import qasync
    from PySide6.QtWidgets import QApplication

    from facilitator import APP_ID
    from facilitator.logs import (
        asyncio_exception_handler,
        configure_logging,
        install_exception_hooks,
    )
    from facilitator.os_signals import StopSignals
    from facilitator.ui.app_icon import app_icon
    from facilitator.ui.gui_thread_gc import GuiThreadCollector
    from facilitator.ui.host_process import HostArgs
    from facilitator.ui.qtlog import install_qt_message_handler
    from facilitator.ui.resume import ask_resume
    from facilitator.ui.translations import install_ui_translator, ui_language

    try:
        configure_logging(data_dir / "logs", verbose=args.verbose, file_name="console.log")
    except OSError:  # the data folder's problem: the host says what it is
        configure_logging(None, verbose=args.verbose)
    install_qt_message_handler()
    qt_app = QApplication(sys.argv[:1])
    qt_app.setApplicationName("Confessional")
    qt_app.setDesktopFileName(APP_ID)  # Wayland finds the window's menu entry and icon
    qt_app.setWindowIcon(app_icon())
    qt_app.setQuitOnLastWindowClosed(False)
    GuiThreadCollector(qt_app).start()  # Qt objects in cycles die on their own thread
    # The console's language, before any window or dialog is built (the projector's
    # slides keep their own, by the session's language).
    install_ui_translator(ui_language())

    supervisor = HostSupervisor(
        HostArgs(
            data_dir,
            args.host,
            args.port,
            not args.no_zeroconf,
            args.verbose,
            tuple(args.allow_host),
        )
    )
    if args.session is not None:
        unusable = read_prepared(args.session)
        if isinstance(unusable, str):  # said before anything starts
            explain_host_failure(HostStartFailed(unusable))
            return EXIT_SETUP_FILE
    record = asyncio.run(supervisor.find_running())
    if record is None:
        # Modal: only before the loop runs.
        new_session = args.session is not None or ask_for_new_session(
            data_dir, args.new_session, ask_resume
        )
        record = start_host(supervisor, new_session, explain_host_failure, args.session)
        if record is None:
            return 3
    elif args.session is not None:
        explain_host_failure(HostStartFailed(translate("DesktopApp", PREPARED_NOT_USED)))

    app = DesktopApp(record, data_dir, supervisor, rehearse=args.rehearse, first_run_guide=True)
    install_exception_hooks(app.report_unexpected)

    async def run() -> int:
        asyncio.get_running_loop().set_exception_handler(
            asyncio_exception_handler(app.report_unexpected)
        )
        signals = StopSignals(app.request_stop)
        try:
            try:
                await app.start()
            except HostStartFailed as error:
                sys.stderr.write(f"{error}\n")
                return 3
            await app.wait_for_stop_request()
        finally:
            signals.restore()
            await app.stop()
        return 0

    code = asyncio.run(run(), loop_factory=qasync.QEventLoop)
    destroy_windows()
    return code


def destroy_windows() -> None:
    """Delete every window while Qt still runs, not in the interpreter's teardown (where
    the order of destruction is arbitrary and Qt can crash on the way out)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
