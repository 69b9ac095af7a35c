"""``confessional export``: every format from the library, the open session and
``latest``; the fingerprint check; clear exit codes for what cannot be done."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from facilitator import paths
from facilitator.cli import main
from facilitator.core.events import EventBus
from facilitator.core.record.amend import amend_record
from facilitator.core.record.csv_record import BOM
from facilitator.core.record.library import record_path
from facilitator.core.record.register import FollowUp
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.export_cli import EXIT_CHANGED, EXIT_NO_RECORD, EXIT_NOT_WRITTEN, EXIT_USAGE
from facilitator.protocol.commands import Approve, EndSession, Project, SetBatching

TEXTS = ("I merged on a Friday <again> & again", "=1+1 was my estimate\n\nfor the migration")


def run_session(data_dir: Path, *, end: bool) -> int:
    """A session with two shown confessions; ended (its record in the library) or open."""
    store = Store.open(data_dir)
    service = SessionService.start_new(
        store, EventBus(), paths.transcripts_dir(data_dir), title="Export me"
    )
    service.execute(SetBatching("off"))
    phone = service.participant(service.join())
    for number, text in enumerate(TEXTS):
        outcome = service.submit(phone, f"export-{number:03d}", text, "Ask first")
        assert outcome.confession_id is not None
        service.execute(Approve(outcome.confession_id))
        service.execute(Project(outcome.confession_id))
        service.set_agreement(phone, outcome.confession_id, True)
    session_id = service.session.id
    if end:
        service.execute(EndSession())
    store.close()
    return session_id


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.mark.parametrize("end", [True, False], ids=["ended", "open"])
@pytest.mark.parametrize("record_format", ["md", "html", "csv", "json"])
def test_each_format_is_written_for_an_ended_or_an_open_session(
    data_dir: Path, tmp_path: Path, record_format: str, end: bool
) -> None:
    session_id = run_session(data_dir, end=end)
    out = tmp_path / f"out.{record_format}"
    code = main(
        [
            "export",
            "--data-dir",
            str(data_dir),
            str(session_id),
            "--format",
            record_format,
            "--out",
            str(out),
        ]
    )
    assert code == 0
    content = out.read_text(encoding="utf-8")
    if record_format == "csv":
        rows = list(csv.reader(io.StringIO(content.removeprefix(BOM), newline="")))
        assert [row[1] for row in rows[1:]] == [TEXTS[0], "'" + TEXTS[1]]
    elif record_format == "json":
        record = json.loads(content)
        assert [c["text"] for c in record["confessions"]] == list(TEXTS)
        assert record["totals"]["phones_joined"] == 1
    else:
        assert "Export me" in content
    assert "sha256:" in content


def test_latest_is_the_last_session_ended(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_session(data_dir, end=True)
    assert (
        main(["export", "--data-dir", str(data_dir), "latest", "--format", "json", "--out", "-"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["title"] == "Export me"


def test_the_check_finds_a_changed_record(data_dir: Path, tmp_path: Path) -> None:
    session_id = run_session(data_dir, end=True)
    record = tmp_path / "record.json"
    args = ["export", "--data-dir", str(data_dir), str(session_id), "--format", "json"]
    assert main([*args, "--out", str(record)]) == 0
    assert main(["export", "--check", str(record)]) == 0
    changed = json.loads(record.read_text(encoding="utf-8"))
    changed["confessions"][0]["agreements"] = 99
    record.write_text(json.dumps(changed, indent=1), encoding="utf-8")
    assert main(["export", "--check", str(record)]) == EXIT_CHANGED


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (.ci/run installs it)")
def test_a_pdf_holds_the_record_as_text(data_dir: Path, tmp_path: Path) -> None:
    session_id = run_session(data_dir, end=True)
    out = tmp_path / "record.pdf"
    args = ["export", "--data-dir", str(data_dir), str(session_id), "--format", "pdf"]
    assert main([*args, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "I merged on a Friday <again> & again" in text
    assert "=1+1 was my estimate" in text
    assert "Fingerprint: sha256:" in " ".join(text.split())


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (["7", "--format", "md", "--out", "x.md"], EXIT_NO_RECORD),
        (["latest", "--format", "md", "--out", "x.md"], EXIT_NO_RECORD),
        (["seven", "--format", "md", "--out", "x.md"], EXIT_USAGE),
        (["1", "--format", "docx", "--out", "x.docx"], EXIT_USAGE),
        (["1", "--format", "pdf", "--out", "-"], EXIT_USAGE),
        (["1"], EXIT_USAGE),
    ],
)
def test_what_cannot_be_done_is_said_with_its_own_exit_code(
    data_dir: Path, arguments: list[str], code: int
) -> None:
    assert main(["export", "--data-dir", str(data_dir), *arguments]) == code
    assert not data_dir.exists()  # exporting never creates a data dir


def test_an_unwritable_target_is_said(data_dir: Path, tmp_path: Path) -> None:
    session_id = run_session(data_dir, end=True)
    target = tmp_path / "no-such-folder" / "record.md"
    args = ["export", "--data-dir", str(data_dir), str(session_id), "--format", "md"]
    assert main([*args, "--out", str(target)]) == EXIT_NOT_WRITTEN


def test_the_learning_log_gathers_every_ended_session(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--data-dir", str(data_dir), "--learning-log", "--out", "-"]) == (
        EXIT_NO_RECORD
    )
    first = run_session(data_dir, end=True)
    second = run_session(data_dir, end=True)
    out = tmp_path / "log.json"
    assert main(["export", "--data-dir", str(data_dir), "--learning-log", "--out", str(out)]) == 0
    log = json.loads(out.read_text(encoding="utf-8"))
    assert len(log["sessions"]) == 2 and first != second
    assert main(["export", "--check", str(out)]) == 0
    assert main(["export", "--learning-log", "--out", str(out), "3"]) == EXIT_USAGE


def test_an_amended_record_is_exported_with_its_follow_ups_and_checks(
    data_dir: Path, tmp_path: Path
) -> None:
    session_id = run_session(data_dir, end=True)
    json_path = record_path(paths.transcripts_dir(data_dir), session_id)
    assert json_path is not None
    amend_record(json_path, follow_ups={2: FollowUp("=Estimate in ranges", "next sprint")})
    assert main(["export", "--check", str(json_path)]) == 0  # its new fingerprint
    args = ["export", "--data-dir", str(data_dir), str(session_id)]
    sheet, markdown = tmp_path / "register.csv", tmp_path / "record.md"
    assert main([*args, "--format", "csv", "--out", str(sheet)]) == 0
    assert main([*args, "--format", "md", "--out", str(markdown)]) == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text("utf-8").removeprefix(BOM), newline="")))
    assert [(row[5], row[6]) for row in rows[1:]] == [
        ("", ""),
        ("'=Estimate in ranges", "next sprint"),
    ]
    text = markdown.read_text(encoding="utf-8")
    assert "| \\=Estimate in ranges | next sprint |" in text
    assert "## House rules\n\nChatham House rule:" in text
    assert text == json_path.with_suffix(".md").read_text(encoding="utf-8")  # the library's
