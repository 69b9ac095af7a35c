"""``confessional export``: a session's record in any format, from the command line.

    confessional export [--data-dir DIR] SESSION --format md|html|pdf|csv|json --out PATH
    confessional export --check RECORD.json
    confessional export [--data-dir DIR] --learning-log --out PATH

SESSION is a session's number or ``latest``. An ended session's record is made again
from its JSON in the session library (or among the rehearsals); the open session's is
built from the store as it stands, so a record can be exported during the session too.
PDF is rendered with Qt (offscreen when there is no display). ``--check`` says whether a
record's JSON (or a learning log) still has the fingerprint it was written with.
``--learning-log`` gathers every record of the library into one JSON file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from facilitator import paths
from facilitator.core.errors import StoreNotOpened, StoreTooNew
from facilitator.core.record.files import rehearsals_dir
from facilitator.core.record.fingerprint import matches
from facilitator.core.record.formats import RecordFormat, document, render
from facilitator.core.record.library import (
    RecordUnreadable,
    latest_record,
    learning_log,
    list_records,
    read_record,
    record_path,
)
from facilitator.core.store import DATABASE_NAME, Store
from facilitator.core.transcript import Transcript, build_transcript

EXIT_USAGE = 64
EXIT_NO_RECORD = 66  # EX_NOINPUT: no such session, or its record cannot be read
EXIT_NOT_WRITTEN = 73  # EX_CANTCREAT
EXIT_CHANGED = 1  # --check: the record does not match its fingerprint
PDF = "pdf"


class ExportFailed(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="confessional export",
        description="Write a session's record as Markdown, HTML, PDF, CSV or JSON.",
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="where sessions are kept")
    parser.add_argument("session", nargs="?", help="the session's number, or 'latest'")
    parser.add_argument(
        "--format", choices=[*(f.value for f in RecordFormat), PDF], help="the record's format"
    )
    parser.add_argument("--out", type=Path, help="the file to write ('-': standard output)")
    parser.add_argument("--check", type=Path, metavar="RECORD", help="check a record's JSON")
    parser.add_argument(
        "--learning-log",
        action="store_true",
        help="every record of the library in one JSON file (with --out)",
    )
    args = parser.parse_args(argv)
    if args.learning_log:
        if args.out is None or args.session is not None or args.format is not None:
            parser.error("--learning-log takes --out PATH and no SESSION or --format")
    elif args.check is None and (args.session is None or args.format is None or args.out is None):
        parser.error("give SESSION, --format and --out (or --check RECORD.json)")
    if args.format == PDF and str(args.out) == "-":
        parser.error("a PDF needs a file: --out PATH")
    return args


def main(argv: list[str]) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as leaving:
        return EXIT_USAGE if leaving.code not in (0, None) else 0
    try:
        if args.check is not None:
            return check(args.check)
        data_dir = (args.data_dir or paths.default_data_dir()).expanduser().resolve()
        if args.learning_log:
            return write_learning_log(data_dir, args.out)
        transcript = find_transcript(data_dir, args.session)
        write(transcript, args.format, args.out)
    except ExportFailed as failure:
        sys.stderr.write(f"confessional export: {failure}\n")
        return failure.code
    return 0


def check(path: Path) -> int:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExportFailed(f"cannot read {path}: {error}", EXIT_NO_RECORD) from error
    if not isinstance(record, dict) or "fingerprint" not in record:
        raise ExportFailed(f"{path} is not a record with a fingerprint", EXIT_NO_RECORD)
    if matches(record):
        print(f"{path}: unchanged ({record['fingerprint']})")
        return 0
    print(f"{path}: CHANGED since it was written (it claims {record['fingerprint']})")
    return EXIT_CHANGED


def write_learning_log(data_dir: Path, out: Path) -> int:
    library = paths.transcripts_dir(data_dir)
    entries = list_records(library)
    if not entries:
        raise ExportFailed(f"no session record in {library}", EXIT_NO_RECORD)
    _put(out, json.dumps(learning_log(entries), ensure_ascii=False, indent=2) + "\n")
    return 0


def find_transcript(data_dir: Path, session: str) -> Transcript:
    library = paths.transcripts_dir(data_dir)
    folders = (library, rehearsals_dir(library))
    if session == "latest":
        found = [p for p in (latest_record(folder) for folder in folders) if p is not None]
        if not found:
            raise ExportFailed(f"no session record in {library}", EXIT_NO_RECORD)
        return _read(found[0])
    if not session.isdigit():
        raise ExportFailed(f"SESSION is a number or 'latest', not {session!r}", EXIT_USAGE)
    for folder in folders:
        path = record_path(folder, int(session))
        if path is not None:
            return _read(path)
    return _open_session(data_dir, int(session))


def _read(path: Path) -> Transcript:
    try:
        return read_record(path)
    except RecordUnreadable as error:
        raise ExportFailed(str(error), EXIT_NO_RECORD) from error


def _open_session(data_dir: Path, session_id: int) -> Transcript:
    """A session still open: its record as it stands now."""
    if not (data_dir / DATABASE_NAME).is_file():  # never create a data dir by exporting
        raise ExportFailed(f"no session {session_id} in {data_dir}", EXIT_NO_RECORD)
    try:
        store = Store.open(data_dir)
    except (StoreNotOpened, StoreTooNew) as error:
        raise ExportFailed(str(error), EXIT_NO_RECORD) from error
    try:
        try:
            session = store.session(session_id)
        except KeyError:
            raise ExportFailed(f"no session {session_id} in {data_dir}", EXIT_NO_RECORD) from None
        if not session.is_open:
            raise ExportFailed(
                f"session {session_id} has ended and its record is not in the library",
                EXIT_NO_RECORD,
            )
        return build_transcript(store, session)
    finally:
        store.close()


def write(transcript: Transcript, record_format: str, out: Path) -> None:
    if record_format == PDF:
        _put(out, _pdf(transcript))
    else:
        _put(out, render(transcript, RecordFormat(record_format)))


def _put(out: Path, content: str | bytes) -> None:
    """Write ``content`` to ``out`` (text to standard output for ``-``)."""
    if str(out) == "-" and isinstance(content, str):
        sys.stdout.write(content)
        return
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        out.write_bytes(data)
    except OSError as error:
        reason = error.strerror or error
        raise ExportFailed(f"cannot write {out}: {reason}", EXIT_NOT_WRITTEN) from error
    print(f"Wrote {out}")


def _pdf(transcript: Transcript) -> bytes:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from facilitator.ui.record_pdf import record_pdf

    # A widgets application, the one kind every part of the app (and its tests) shares.
    _app = QApplication.instance() or QApplication([])
    return record_pdf(transcript, document(transcript)["fingerprint"])
