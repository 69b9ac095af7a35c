"""Where records go: the session library, and the rehearsals kept apart.

The **session library** is the folder of records, ``<data dir>/transcripts/``: what
the app writes at the end of a session (Markdown and JSON side by side, both with the
record's fingerprint), lists after it and keeps. A rehearsal's record is written
apart, to ``<data dir>/rehearsals/``, where only the last :data:`REHEARSALS_KEPT` are
kept, unless the facilitator keeps it: then it moves into the library like any
session's (:func:`move_transcript`).
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from facilitator.core.record.formats import RecordFormat, render
from facilitator.core.transcript import Transcript

REHEARSALS_FOLDER = "rehearsals"  # beside transcripts/ in the data dir
REHEARSALS_KEPT = 5  # the newest rehearsal records kept apart; older ones are deleted


def file_stem(transcript: Transcript, session_id: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", transcript.title.lower()).strip("-")[:48] or "session"
    return f"{transcript.date}-{slug}-{session_id}"


def write_transcript(transcript: Transcript, session_id: int, directory: Path) -> tuple[Path, Path]:
    """Write Markdown and JSON side by side; return their paths (Markdown first)."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = file_stem(transcript, session_id)
    markdown_path = directory / f"{stem}.md"
    json_path = directory / f"{stem}.json"
    write_record_files(transcript, markdown_path, json_path)
    return markdown_path, json_path


def write_record_files(transcript: Transcript, markdown_path: Path, json_path: Path) -> None:
    """Write a record's Markdown and JSON (the same fingerprint in both), all or nothing.

    Each file is written whole to a temporary file beside it, then put in place with
    ``os.replace`` (Markdown first, the JSON, the reference, last). If a write fails, the
    files already there are left as they were; if the JSON cannot be put in place after
    the Markdown was, the Markdown goes back to what it was. The ``OSError`` is raised.
    """
    contents = (
        (markdown_path, render(transcript, RecordFormat.MARKDOWN)),
        (json_path, render(transcript, RecordFormat.JSON)),
    )
    before = {path: _read_bytes(path) for path, _ in contents}
    temporaries: list[Path] = []
    replaced: list[Path] = []
    try:
        for path, content in contents:
            temporary = path.with_suffix(path.suffix + ".tmp")
            temporaries.append(temporary)
            _write_synced(temporary, content.encode("utf-8"))
        for (path, _), temporary in zip(contents, temporaries, strict=True):
            os.replace(temporary, path)
            replaced.append(path)
    except OSError:
        for path in replaced:
            _put_back(path, before[path])
        for temporary in temporaries[len(replaced) :]:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        raise


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _put_back(path: Path, data: bytes | None) -> None:
    """A file as it was before a write that failed (best effort: the error that made the
    write fail is the one raised)."""
    with contextlib.suppress(OSError):
        if data is None:
            path.unlink(missing_ok=True)
            return
        temporary = path.with_suffix(path.suffix + ".tmp")
        _write_synced(temporary, data)
        os.replace(temporary, path)


def delete_records(folder: Path, session_id: int) -> int:
    """Delete session ``session_id``'s record files (Markdown and JSON) in ``folder``;
    return how many went."""
    deleted = 0
    for path in folder.glob(f"*-{session_id}.*") if folder.is_dir() else ():
        if path.suffix in (".md", ".json") and path.stem.rsplit("-", 1)[-1] == str(session_id):
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted


def rehearsals_dir(transcripts_dir: Path) -> Path:
    """Where rehearsals' records go: beside the library, never in it."""
    return transcripts_dir.parent / REHEARSALS_FOLDER


def move_transcript(paths: tuple[Path, ...], directory: Path) -> tuple[Path, ...]:
    """Move a record's files into ``directory`` (same names); return their new paths.

    All or nothing: if one cannot be moved, those already moved go back and the
    ``OSError`` is raised.
    """
    directory.mkdir(parents=True, exist_ok=True)
    moved: list[tuple[Path, Path]] = []
    try:
        for path in paths:
            target = directory / path.name
            path.replace(target)
            moved.append((path, target))
    except OSError:
        for source, target in reversed(moved):
            with contextlib.suppress(OSError):
                target.replace(source)
        raise
    return tuple(target for _, target in moved)


def prune_rehearsals(directory: Path, keep: int = REHEARSALS_KEPT) -> int:
    """Delete all but the newest ``keep`` rehearsal records (Markdown and JSON side by
    side) in ``directory``; return how many records were deleted."""
    try:
        files = [p for p in directory.iterdir() if p.suffix in (".md", ".json") and p.is_file()]
    except OSError:
        return 0
    records: dict[str, list[Path]] = {}
    for path in files:
        records.setdefault(path.stem, []).append(path)

    def newest(stem: str) -> float:
        return max(_modified(path) for path in records[stem])

    stale = sorted(records, key=lambda stem: (newest(stem), stem), reverse=True)[keep:]
    for stem in stale:
        for path in records[stem]:
            with contextlib.suppress(OSError):
                path.unlink()
    return len(stale)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
