"""A record amended after its session: the closing note and the register's follow-ups,
written over its Markdown and JSON all or nothing, with its new fingerprint."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.core import rules
from facilitator.core.errors import RuleViolation
from facilitator.core.events import SessionEnded
from facilitator.core.record.amend import amend_record
from facilitator.core.record.files import rehearsals_dir, write_transcript
from facilitator.core.record.fingerprint import fingerprint, matches
from facilitator.core.record.formats import RecordFormat, document, render
from facilitator.core.record.library import RecordUnreadable, list_records, read_record
from facilitator.core.record.register import FollowUp as RegisterFollowUp
from facilitator.core.record.register import register
from facilitator.core.transcript import (
    FORMAT_VERSION,
    FollowUp,
    ShownConfession,
    Totals,
    Transcript,
)
from facilitator.protocol.commands import EndSession, SetClosingNote
from tests.core.helpers import Recorder, Room

SESSION = 7


def record(*, closing_note: str = "Thanks.") -> Transcript:
    confessions = tuple(ShownConfession(n, f"Mistake {n}", f"Lesson {n}", n, 10) for n in (1, 2, 3))
    return Transcript(
        "Q3 retro", "What went wrong?", "2026-11-30", "Been there", confessions,
        Totals(3, 3, 0, 0, 6, 10), closing_note=closing_note, house_rules="No names.",
    )  # fmt: skip


def written(folder: Path, transcript: Transcript | None = None) -> tuple[Path, Path]:
    """A record in ``folder`` as the app writes it at the end of a session."""
    return write_transcript(transcript or record(), SESSION, folder)


def files(*paths: Path) -> dict[str, bytes]:
    """Every file in the folders of ``paths``, by name, as bytes."""
    return {p.name: p.read_bytes() for path in paths for p in sorted(path.parent.iterdir())}


def printed_fingerprint(markdown: str) -> str:
    match = re.search(r"\nFingerprint: `(sha256:[0-9a-f]{64})`\n\Z", markdown)
    assert match is not None, markdown[-200:]
    return match[1]


def test_follow_ups_and_the_closing_note_are_written_with_a_new_fingerprint(
    tmp_path: Path,
) -> None:
    markdown_path, json_path = written(tmp_path / "transcripts")
    old = json.loads(json_path.read_text(encoding="utf-8"))["fingerprint"]
    amended = amend_record(
        json_path,
        closing_note="  Thank you all.\r\nNext: one lesson each.  ",
        follow_ups={2: FollowUp(" Pair on every deploy ", "end of March"), 3: FollowUp("Ask")},
    )
    assert amended.closing_note == "Thank you all.\nNext: one lesson each."  # cleaned
    assert [c.follow_up for c in amended.confessions] == [
        FollowUp(),
        FollowUp("Pair on every deploy", "end of March"),
        FollowUp("Ask", ""),
    ]
    # Nothing else changed: what was shown, the counts, the house rules.
    unamended = replace(
        amended,
        closing_note="Thanks.",
        confessions=tuple(replace(c, follow_up=FollowUp()) for c in amended.confessions),
    )
    assert unamended == record()
    # Read back, it is what was returned; both files are that record, rendered afresh.
    assert read_record(json_path) == amended
    assert json_path.read_text(encoding="utf-8") == render(amended, RecordFormat.JSON)
    assert markdown_path.read_text(encoding="utf-8") == render(amended, RecordFormat.MARKDOWN)
    on_disk = json.loads(json_path.read_text(encoding="utf-8"))
    assert matches(on_disk)
    assert on_disk["fingerprint"] == fingerprint(on_disk) == document(amended)["fingerprint"]
    assert on_disk["fingerprint"] != old
    assert printed_fingerprint(markdown_path.read_text("utf-8")) == on_disk["fingerprint"]
    assert on_disk["register"][1]["follow_up"] == {
        "action": "Pair on every deploy",
        "by_when": "end of March",
    }
    assert "| Pair on every deploy | end of March |" in markdown_path.read_text("utf-8")
    assert {p.name for p in json_path.parent.iterdir()} == {
        markdown_path.name,
        json_path.name,
    }  # no temporary file left


def test_follow_ups_not_named_are_kept_and_an_empty_one_clears(tmp_path: Path) -> None:
    _, json_path = written(tmp_path)
    amend_record(json_path, follow_ups={1: FollowUp("Checklist", "Friday")})
    amended = amend_record(json_path, follow_ups={2: FollowUp("Review", "")})
    assert [c.follow_up for c in amended.confessions] == [
        FollowUp("Checklist", "Friday"),
        FollowUp("Review", ""),
        FollowUp(),
    ]
    assert amended.closing_note == "Thanks."  # not given: kept
    cleared = amend_record(json_path, follow_ups={1: FollowUp()}, closing_note="")
    assert [c.follow_up for c in cleared.confessions] == [
        FollowUp(),
        FollowUp("Review", ""),
        FollowUp(),
    ]
    assert cleared.closing_note == ""
    assert "Closing note" not in json_path.with_suffix(".md").read_text("utf-8")
    assert [row.follow_up for row in register(read_record(json_path))] == [
        FollowUp(),
        FollowUp("Review", ""),
        FollowUp(),
    ]


def test_what_is_not_in_the_record_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    _, json_path = written(tmp_path)
    before = files(json_path)
    with pytest.raises(ValueError, match=r"no shown confession #4: .* are #1 to #3"):
        amend_record(json_path, follow_ups={1: FollowUp("Fine"), 4: FollowUp("Not there")})
    with pytest.raises(ValueError, match=r"#0, #9"):
        amend_record(json_path, follow_ups={9: FollowUp("x"), 0: FollowUp("y")})
    assert files(json_path) == before


@pytest.mark.parametrize(
    ("closing_note", "follow_up", "code"),
    [
        ("x" * (rules.MAX_CLOSING_NOTE_CHARS + 1), None, "closing_note_too_long"),
        ("Fine\u202e", None, "closing_note_forbidden_characters"),
        (None, FollowUp("Two\nlines"), "follow_up_action_forbidden_characters"),
        (None, FollowUp("a" * 201), "follow_up_action_too_long"),
        (None, FollowUp("Ok", "x" * 41), "follow_up_by_when_too_long"),
        (None, FollowUp("Ok", "\u200b"), "follow_up_by_when_invisible"),
    ],
)
def test_text_that_breaks_a_rule_is_refused_and_nothing_changes(
    tmp_path: Path, closing_note: str | None, follow_up: FollowUp | None, code: str
) -> None:
    _, json_path = written(tmp_path)
    before = files(json_path)
    with pytest.raises(RuleViolation) as refused:
        amend_record(
            json_path,
            closing_note=closing_note,
            follow_ups=None if follow_up is None else {1: follow_up},
        )
    assert refused.value.code == code
    assert files(json_path) == before


def test_the_longest_follow_up_fits() -> None:
    # What the rules take, the schema takes (docs/transcript-schema.json).
    assert (rules.MAX_FOLLOW_UP_ACTION_CHARS, rules.MAX_FOLLOW_UP_BY_WHEN_CHARS) == (200, 40)


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe", b'{"format": "something else"}', b'{"format": "confessional-'
     b'transcript", "version": 99}', b"[]"],
    ids=["not-json", "not-utf8", "other-format", "too-new", "not-an-object"],
)  # fmt: skip
def test_a_file_that_is_not_a_record_is_unreadable_and_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    json_path = tmp_path / f"2026-11-30-q3-retro-{SESSION}.json"
    json_path.write_bytes(content)
    with pytest.raises(RecordUnreadable):
        amend_record(json_path, closing_note="Note")
    assert files(json_path) == {json_path.name: content}


def test_a_missing_record_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(RecordUnreadable):
        amend_record(tmp_path / "2026-11-30-gone-3.json", follow_ups={1: FollowUp("x")})
    assert list(tmp_path.iterdir()) == []


def test_a_failure_half_way_leaves_both_files_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Markdown is in place, then the JSON cannot be: the Markdown goes back."""
    _, json_path = written(tmp_path)
    before = files(json_path)
    real_replace = os.replace

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(target) == json_path:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="No space left"):
        amend_record(json_path, closing_note="Never lands", follow_ups={1: FollowUp("No")})
    monkeypatch.undo()
    assert files(json_path) == before
    assert read_record(json_path) == record()


def test_a_temporary_file_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    _, json_path = written(tmp_path)
    before = files(json_path)
    (tmp_path / (json_path.name + ".tmp")).mkdir()  # in the way of the JSON's
    with pytest.raises(OSError):
        amend_record(json_path, closing_note="Never lands")
    (tmp_path / (json_path.name + ".tmp")).rmdir()
    assert files(json_path) == before


def test_a_rehearsal_record_is_amended_in_its_own_folder(tmp_path: Path) -> None:
    library = tmp_path / "transcripts"
    rehearsals = rehearsals_dir(library)
    markdown_path, json_path = written(rehearsals)
    amended = amend_record(json_path, follow_ups={3: FollowUp("Try it live", "Monday")})
    assert {p.name for p in rehearsals.iterdir()} == {markdown_path.name, json_path.name}
    assert not library.exists()  # amended where it is, never moved into the library
    assert read_record(json_path) == amended
    assert printed_fingerprint(markdown_path.read_text("utf-8")) == document(amended)["fingerprint"]


def test_a_record_of_an_earlier_format_is_rewritten_in_this_one(tmp_path: Path) -> None:
    sixth = document(record())
    del sixth["house_rules"]
    sixth["version"] = 6
    sixth["fingerprint"] = fingerprint(sixth)
    json_path = tmp_path / f"2026-11-30-q3-retro-{SESSION}.json"
    json_path.write_text(json.dumps(sixth, indent=2), encoding="utf-8")
    amended = amend_record(json_path, follow_ups={1: FollowUp("Write it down")})
    on_disk = json.loads(json_path.read_text(encoding="utf-8"))
    assert (on_disk["version"], on_disk["house_rules"]) == (FORMAT_VERSION, "")
    assert matches(on_disk)
    assert amended.house_rules == ""
    assert json_path.with_suffix(".md").is_file()  # written beside it, though it was not there


def test_an_ended_sessions_record_is_amended_and_still_in_the_library(
    room: Room, recorder: Recorder, transcripts_dir: Path
) -> None:
    room.shown(room.phone(), "I skipped the review.")
    room.shown(room.phone(), "I said yes to a date I could not keep.")
    room.service.execute(SetClosingNote("Thanks."))
    room.service.execute(EndSession())
    (ended,) = recorder.of(SessionEnded)
    markdown_path, json_path = (Path(p) for p in ended.transcript_paths)
    amended = amend_record(
        json_path, follow_ups={2: RegisterFollowUp("Ask for a week to answer", "Q1")}
    )
    [entry] = list_records(transcripts_dir)
    assert entry.path == json_path and entry.transcript == amended
    assert amended.house_rules == rules.DEFAULT_HOUSE_RULES
    assert amended.confessions[1].follow_up == FollowUp("Ask for a week to answer", "Q1")
    markdown = markdown_path.read_text("utf-8")
    assert "| Ask for a week to answer | Q1 |" in markdown
    assert printed_fingerprint(markdown) == json.loads(json_path.read_text("utf-8"))["fingerprint"]
