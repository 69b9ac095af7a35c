"""The ``confessional`` command: parse the command line, then run the app on Qt's loop."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from facilitator import __version__, paths

if TYPE_CHECKING:
    from facilitator.core.setup_file import PreparedSession
from facilitator.protocol.commands import MAX_REHEARSAL_PHONES
from facilitator.sim.launch import AUDIENCE_SWITCH, DEFAULT_PHONES

log = logging.getLogger("facilitator")


EXIT_USAGE = 64  # a command line that cannot be read (2 means a newer data file)
EXIT_SETUP_FILE = 65  # the prepared session's file cannot be used (nothing was started)
EXPORT_COMMAND = "export"  # confessional export …: a session's record (export_cli.py)


class _Parser(argparse.ArgumentParser):
    """argparse, with its own exit code for a command line it cannot read: argparse's 2
    is the host's "written by a newer Confessional"."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(
        prog="confessional",
        description="Host a live confessional session from this laptop. "
        "'confessional export --help': a session's record in any format.",
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="where sessions are kept")
    parser.add_argument("--host", default="0.0.0.0", help="address to listen on")
    parser.add_argument("--port", type=int, default=None, help="port to listen on")
    parser.add_argument("--no-zeroconf", action="store_true", help="do not advertise with mDNS")
    parser.add_argument("--headless", action="store_true", help="run without a window")
    parser.add_argument(
        "--new-session", action="store_true", help="start a new session, not the unfinished one"
    )
    parser.add_argument(
        "--session",
        type=Path,
        default=None,
        metavar="FILE",
        help="start a new session set up as prepared in FILE (docs/session-file.md)",
    )
    parser.add_argument(
        "--rehearse",
        nargs="?",
        type=int,
        const=DEFAULT_PHONES,
        default=None,
        metavar="N",
        help=f"rehearse alone: a simulated audience of N phones (default {DEFAULT_PHONES}) "
        "joins the session, which is marked as a rehearsal",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer to this host name (the laptop's addresses, its .local names and "
        "localhost always work); repeatable",
    )
    parser.add_argument(
        "--move-damaged-aside",
        action="store_true",
        help="with --headless: if the database is damaged, rename it (kept for recovery) "
        "and start afresh",
    )
    parser.add_argument("--verbose", action="store_true", help="log more detail")
    parser.add_argument("--version", action="version", version=f"confessional {__version__}")
    namespace = parser.parse_args(argv)
    if namespace.port is not None and not 0 <= namespace.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    if namespace.rehearse is not None and not 1 <= namespace.rehearse <= MAX_REHEARSAL_PHONES:
        parser.error(f"--rehearse takes 1 to {MAX_REHEARSAL_PHONES} phones")
    return namespace


def main(argv: list[str] | None = None) -> int:
    if sys.version_info < (3, 12):  # noqa: UP036 (a clear message when run from a checkout)
        sys.stderr.write("Confessional needs Python 3.12 or newer.\n")
        return 2
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == [AUDIENCE_SWITCH]:  # the bundle's simulated audience (sim/launch.py)
        from facilitator.sim.__main__ import main as run_audience

        return run_audience(arguments[1:])
    if arguments[:1] == [EXPORT_COMMAND]:
        from facilitator.export_cli import main as export

        return export(arguments[1:])
    args = parse_args(argv)
    data_dir = (args.data_dir or paths.default_data_dir()).expanduser().resolve()
    if args.headless:
        return _run_host(args, data_dir)
    from facilitator.app import run_desktop

    return run_desktop(args, data_dir)


def read_prepared(path: Path | None) -> PreparedSession | str | None:
    """The prepared session of ``--session``, or what is wrong with its file."""
    if path is None:
        return None
    from facilitator.core.setup_file import SetupFileError, read_setup_file

    try:
        return read_setup_file(path)
    except SetupFileError as error:
        return str(error)


def _run_host(args: argparse.Namespace, data_dir: Path) -> int:
    """The session host alone: no Qt is imported in this process."""
    from facilitator.host.main import configure_host_logging, exit_now, run_host
    from facilitator.host.session_host import HostOptions

    prepared = read_prepared(args.session)
    if isinstance(prepared, str):  # said before anything starts
        sys.stderr.write(f"confessional: {prepared}\n")
        return EXIT_SETUP_FILE
    configure_host_logging(data_dir, verbose=args.verbose)
    options = HostOptions(
        data_dir=data_dir,
        host=args.host,
        port=args.port,
        zeroconf=not args.no_zeroconf,
        new_session=args.new_session,
        allowed_hosts=tuple(args.allow_host),
        pace_gc=True,
        rehearse=args.rehearse,
        prepared=prepared,
    )
    exit_now(run_host(options, move_damaged_aside=args.move_damaged_aside))
