"""The ``confessional`` command: parse the command line, then run the app on Qt's loop."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from facilitator import __version__, paths

log = logging.getLogger("facilitator")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="confessional",
        description="Host a live confessional session from this laptop.",
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="where sessions are kept")
    parser.add_argument("--host", default="0.0.0.0", help="address to listen on")
    parser.add_argument("--port", type=int, default=None, help="port to listen on")
    parser.add_argument("--no-zeroconf", action="store_true", help="do not advertise with mDNS")
    parser.add_argument("--headless", action="store_true", help="run without a window")
    parser.add_argument(
        "--new-session", action="store_true", help="start a new session, not the unfinished one"
    )
    parser.add_argument("--verbose", action="store_true", help="log more detail")
    parser.add_argument("--version", action="version", version=f"confessional {__version__}")
    namespace = parser.parse_args(argv)
    if namespace.port is not None and not 0 <= namespace.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    return namespace


def main(argv: list[str] | None = None) -> int:
    if sys.version_info < (3, 12):  # noqa: UP036 (a clear message when run from a checkout)
        sys.stderr.write("Confessional needs Python 3.12 or newer.\n")
        return 2
    args = parse_args(argv)
    if args.headless:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["QT_API"] = "pyside6"

    import qasync
    from PySide6.QtWidgets import QApplication

    from facilitator.app import AskResume, ConfessionalApp, Options, StartupError
    from facilitator.core.errors import StoreTooNew
    from facilitator.logs import (
        asyncio_exception_handler,
        configure_logging,
        install_exception_hooks,
    )
    from facilitator.os_signals import StopSignals
    from facilitator.ui.qtlog import install_qt_message_handler

    data_dir = (args.data_dir or paths.default_data_dir()).expanduser().resolve()
    configure_logging(data_dir / "logs", verbose=args.verbose)
    install_qt_message_handler()
    qt_app = QApplication(sys.argv[:1])
    qt_app.setApplicationName("Confessional")
    qt_app.setQuitOnLastWindowClosed(False)

    options = Options(
        data_dir=data_dir,
        host=args.host,
        port=args.port,
        zeroconf=not args.no_zeroconf,
        headless=args.headless,
        new_session=args.new_session,
    )
    ask_resume: AskResume | None = None
    if not args.headless:
        from facilitator.ui.resume import ask_resume as ask_resume_dialog

        ask_resume = ask_resume_dialog

    app = ConfessionalApp(options, ask_resume=ask_resume)
    install_exception_hooks(app.report_unexpected)
    try:
        app.open_session()
    except StoreTooNew as error:
        log.error("%s", error)
        sys.stderr.write(f"{error}\n")
        return 2

    async def run() -> int:
        asyncio.get_running_loop().set_exception_handler(
            asyncio_exception_handler(app.report_unexpected)
        )
        signals = StopSignals(app.request_stop)
        try:
            try:
                await app.start()
            except StartupError as error:
                sys.stderr.write(f"{error}\n")
                return 3
            await app.wait_for_stop_request()
        finally:
            signals.restore()
            await app.stop()
        return 0

    return asyncio.run(run(), loop_factory=qasync.QEventLoop)
