"""Records kept in the session library (``<data dir>/transcripts/``), read back.

A record's JSON is the reference: any other format can be made again from it, long
after the session's unshown confessions and voters were forgotten. Records written by
earlier versions of the format are read with the fields they did not have yet left
empty (counted as zero, no organisers' section, no house rules, no follow-ups).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.core.record.fingerprint import fingerprint
from facilitator.core.record.formats import document
from facilitator.core.transcript import (
    FORMAT_NAME,
    FORMAT_VERSION,
    FollowUp,
    HelpedReply,
    OrganisersNote,
    ShownConfession,
    Totals,
    Transcript,
)

log = logging.getLogger(__name__)


class RecordUnreadable(Exception):
    """A file that is not a session record this version can read."""


def record_path(folder: Path, session_id: int) -> Path | None:
    """The JSON record of session ``session_id`` in ``folder``, if there is one."""
    found = sorted(folder.glob(f"*-{session_id}.json")) if folder.is_dir() else []
    return found[-1] if found else None


def latest_record(folder: Path) -> Path | None:
    """The record written last (by the date it names, then by the session's number)."""
    records = [p for p in folder.glob("*.json") if _session_number(p) is not None]
    if not records:
        return None
    return max(records, key=lambda p: (p.name[:10], _session_number(p) or 0))


def _session_number(path: Path) -> int | None:
    tail = path.stem.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else None


def read_record(path: Path) -> Transcript:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RecordUnreadable(f"{path}: {error}") from error
    if not isinstance(document, dict):
        raise RecordUnreadable(f"{path}: not a session record (not a JSON object)")
    try:
        return transcript_from(document)
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise RecordUnreadable(f"{path}: not a session record ({error})") from error


def transcript_from(document: dict[str, Any]) -> Transcript:
    if document.get("format") != FORMAT_NAME:
        raise ValueError("unknown format")
    version = int(document["version"])
    if not 1 <= version <= FORMAT_VERSION:
        raise ValueError(f"format version {version}; this version reads up to {FORMAT_VERSION}")
    totals: dict[str, Any] = document["totals"]
    notes = document.get("for_organisers")
    follow_ups = _follow_ups(document.get("register", ()))
    return Transcript(
        title=str(document["title"]),
        prompt=str(document["prompt"]),
        date=str(document["date"]),
        agree_label=str(document["agree_label"]),
        confessions=tuple(
            ShownConfession(
                int(c["order"]),
                str(c["text"]),
                str(c["learned"]),
                int(c["agreements"]),
                None if c.get("phones_connected") is None else int(c["phones_connected"]),
                tuple(
                    HelpedReply(str(r["text"]), int(r["agreements"])) for r in c.get("replies", ())
                ),
                follow_ups.get(int(c["order"]), FollowUp()),
            )
            for c in document["confessions"]
        ),
        totals=Totals(
            received=int(totals["received"]),
            shown=int(totals["shown"]),
            removed=int(totals.get("removed", 0)),
            withdrawn=int(totals.get("withdrawn", 0)),
            agreements=int(totals["agreements"]),
            phones_joined=int(totals["phones_joined"]),
            merged=int(totals.get("merged", 0)),
            set_aside=int(totals.get("set_aside", 0)),
        ),
        for_organisers=_notes(notes),
        closing_note=str(document.get("closing_note", "")),
        unshown=_notes(document.get("unshown")),
        house_rules=str(document.get("house_rules", "")),
    )


def _follow_ups(rows: list[dict[str, Any]]) -> dict[int, FollowUp]:
    """The follow-ups filled in, by confession order: the register is where they live."""
    found: dict[int, FollowUp] = {}
    for row in rows:
        follow_up = FollowUp(str(row["follow_up"]["action"]), str(row["follow_up"]["by_when"]))
        if follow_up.filled:
            found[int(row["order"])] = follow_up
    return found


def _notes(notes: list[dict[str, Any]] | None) -> tuple[OrganisersNote, ...] | None:
    if notes is None:
        return None
    return tuple(OrganisersNote(str(n["text"]), str(n["learned"])) for n in notes)


@dataclass(frozen=True, slots=True)
class RecordEntry:
    """One record in the library, as the library lists it."""

    path: Path
    session_id: int
    transcript: Transcript

    @property
    def shown(self) -> int:
        return len(self.transcript.confessions)


def list_records(folder: Path) -> list[RecordEntry]:
    """The library's records, the newest first; files that are not records are skipped
    (and logged: a damaged file never hides the others)."""
    entries = []
    for path in folder.glob("*.json") if folder.is_dir() else ():
        session_id = _session_number(path)
        if session_id is None:
            continue
        try:
            entries.append(RecordEntry(path, session_id, read_record(path)))
        except RecordUnreadable as error:
            log.warning("Left out of the library: %s", error)
    entries.sort(key=lambda e: (e.transcript.date, e.session_id), reverse=True)
    return entries


LEARNING_LOG_FORMAT = "confessional-learning-log"
LEARNING_LOG_VERSION = 1


def learning_log(entries: list[RecordEntry]) -> dict[str, Any]:
    """Many sessions' records in one document, oldest first, as an organisation keeps a
    learning log: each session's record exactly as its own JSON (the same schema, with its
    own fingerprint), and a fingerprint of the whole."""
    ordered = sorted(entries, key=lambda e: (e.transcript.date, e.session_id))
    log_document: dict[str, Any] = {
        "format": LEARNING_LOG_FORMAT,
        "version": LEARNING_LOG_VERSION,
        "sessions": [document(entry.transcript) for entry in ordered],
    }
    log_document["fingerprint"] = fingerprint(log_document)
    return log_document
