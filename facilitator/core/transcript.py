"""The record of a session that organisers keep: what was shown and how the room answered.

Built only from shown confessions' edited text and aggregate counts: nothing in
it identifies a participant.

The **session library** is the folder of these records, ``<data dir>/transcripts/``:
what the app writes at the end of a session, lists after it and keeps. A rehearsal's
record is written apart, to ``<data dir>/rehearsals/``, where only the last
:data:`REHEARSALS_KEPT` are kept, unless the facilitator keeps it: then it moves into
the library like any session's (:func:`move_transcript`).
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from facilitator.core.model import ItemState, SessionInfo
from facilitator.core.store import Store

FORMAT_NAME = "confessional-transcript"
# 2: totals.removed; 3: totals.withdrawn, received counts every one;
# 4: totals.merged, for_organisers (present only when the session kept them)
FORMAT_VERSION = 4
REHEARSALS_FOLDER = "rehearsals"  # beside transcripts/ in the data dir
REHEARSALS_KEPT = 5  # the newest rehearsal records kept apart; older ones are deleted


@dataclass(frozen=True, slots=True)
class ShownConfession:
    order: int
    text: str
    learned: str
    agreements: int


@dataclass(frozen=True, slots=True)
class Totals:
    received: int
    shown: int
    removed: int  # shown, then taken out of the record: only their number is kept
    withdrawn: int  # taken back by their authors before they were shown
    agreements: int
    phones_joined: int
    merged: int = 0  # merged into a confession very like them (their voters count there)


@dataclass(frozen=True, slots=True)
class Transcript:
    title: str
    prompt: str
    date: str
    agree_label: str
    confessions: tuple[ShownConfession, ...]
    totals: Totals
    # Confessions their senders marked for the organisers only: in the record only when
    # the session said so before the first confession (``None``: it did not).
    for_organisers: tuple[OrganisersNote, ...] | None = None


@dataclass(frozen=True, slots=True)
class OrganisersNote:
    text: str
    learned: str


def build_transcript(store: Store, session: SessionInfo) -> Transcript:
    items = store.items(session.id)
    shown = [c for c in items if c.state is ItemState.SHOWN]
    removed = sum(1 for c in items if c.state is ItemState.REMOVED)
    merged = sum(1 for c in items if c.state is ItemState.MERGED)
    notes = tuple(
        OrganisersNote(c.text, c.learned) for c in items if c.state is ItemState.FOR_ORGANISERS
    )
    shown.sort(key=lambda c: c.shown_order or 0)
    confessions = tuple(
        ShownConfession(order=n, text=c.text, learned=c.learned, agreements=c.agreement_count)
        for n, c in enumerate(shown, start=1)
    )
    return Transcript(
        title=session.title,
        prompt=session.prompt,
        date=session.created_on,
        agree_label=session.agree_label,
        confessions=confessions,
        totals=Totals(
            # Every one that arrived: in a lane, still waiting its turn, or withdrawn.
            received=store.received_count(session.id)
            + store.waiting_total(session.id)
            + session.withdrawn_count,
            shown=len(confessions),
            removed=session.removed_count + removed,
            withdrawn=session.withdrawn_count,
            merged=session.merged_count + merged,
            agreements=sum(c.agreements for c in confessions),
            phones_joined=store.participant_count(session.id),
        ),
        for_organisers=notes if session.organisers_record else None,
    )


def to_json(transcript: Transcript) -> str:
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **asdict(transcript)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
# Special only at the start of a line: list markers, thematic breaks, setext underlines.
_MARKDOWN_LINE_START = re.compile(r"^( *)([-+=]|\d+[.)](?= |$))", re.MULTILINE)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match[1], match[2]
    if marker[0].isdigit():  # "1." or "1)": escaping the punctuation is enough
        return f"{indent}{marker[:-1]}\\{marker[-1]}"
    return f"{indent}\\{marker}"


def _markdown_escape(text: str, indent: str = "   ") -> str:
    """``text`` as Markdown that shows it literally; later lines get ``indent`` (the list
    item's content offset, so that a blank line does not end the item)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    escaped = _MARKDOWN_LINE_START.sub(_escape_line_start, escaped)
    return escaped.replace("\n", f"  \n{indent}")


def to_markdown(transcript: Transcript) -> str:
    lines = [f"# {_markdown_escape(transcript.title)}", ""]
    if transcript.prompt:
        lines += [f"*{_markdown_escape(transcript.prompt)}*", ""]
    lines += [f"Date: {transcript.date}", "", "## Confessions", ""]
    if not transcript.confessions:
        lines += ["No confession was shown.", ""]
    for confession in transcript.confessions:
        marker = f"{confession.order}. "
        indent = " " * len(marker)  # "10. " needs four: continuation lines stay in the item
        lines.append(f"{marker}{_markdown_escape(confession.text, indent)}  ")
        if confession.learned:
            learned = _markdown_escape(confession.learned, indent)
            lines.append(f"{indent}*What I learned:* {learned}  ")
        label = _markdown_escape(transcript.agree_label, indent)
        lines += [f"{indent}**{label}: {confession.agreements}**", ""]
    totals = transcript.totals
    lines += [
        "## Totals",
        "",
        f"- Confessions received: {totals.received}",
        f"- Confessions shown: {totals.shown}",
        f"- Removed from the record after showing: {totals.removed}",
        f"- Taken back by their senders before showing: {totals.withdrawn}",
        f"- Merged into a confession very like them: {totals.merged}",
        f"- {_markdown_escape(transcript.agree_label)} taps on shown confessions: "
        f"{totals.agreements}",
        f"- Phones joined: {totals.phones_joined}",
        "",
    ]
    if transcript.for_organisers is not None:
        lines += _organisers_section(transcript.for_organisers)
    return "\n".join(lines)


def _organisers_section(notes: tuple[OrganisersNote, ...]) -> list[str]:
    lines = [
        "## For the organisers",
        "",
        "Marked by their senders for the organisers only; never shown to the room.",
        "",
    ]
    if not notes:
        lines += ["None was sent.", ""]
    for note in notes:
        lines.append(f"- {_markdown_escape(note.text, '  ')}  ")
        if note.learned:
            lines.append(f"  *What I learned:* {_markdown_escape(note.learned, '  ')}  ")
    return [*lines, ""]


def file_stem(transcript: Transcript, session_id: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", transcript.title.lower()).strip("-")[:48] or "session"
    return f"{transcript.date}-{slug}-{session_id}"


def write_transcript(transcript: Transcript, session_id: int, directory: Path) -> tuple[Path, Path]:
    """Write Markdown and JSON side by side; return their paths (Markdown first)."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = file_stem(transcript, session_id)
    markdown_path = directory / f"{stem}.md"
    json_path = directory / f"{stem}.json"
    for path, content in (
        (markdown_path, to_markdown(transcript)),
        (json_path, to_json(transcript)),
    ):
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_text(content, encoding="utf-8")
        temporary.replace(path)
    return markdown_path, json_path


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
