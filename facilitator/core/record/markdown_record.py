"""The record as Markdown: every piece of text people wrote shows literally.

Special characters are escaped, and so are markers that would start a block at the
start of a line; continuation lines are indented to their list item's content, so a
blank line inside a confession never ends its item (checked with a CommonMark parser).
"""

from __future__ import annotations

import re

from facilitator.core.record.register import most_shared, register, share_words
from facilitator.core.record.sections import (
    HELPED_TOO,
    HOUSE_RULES_HEADING,
    ORGANISERS_SECTION,
    REGISTER_INTRO,
    UNSHOWN_SECTION,
    NotesSection,
    totals_rows,
)
from facilitator.core.transcript import OrganisersNote, Transcript

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
    lines += [f"Date: {transcript.date}", ""]
    if transcript.house_rules:
        rules = _markdown_escape(transcript.house_rules, "")
        lines += [f"## {HOUSE_RULES_HEADING}", "", rules, ""]
    lines += ["## Confessions", ""]
    if not transcript.confessions:
        lines += ["No confession was shown.", ""]
    label = _markdown_escape(transcript.agree_label)
    for confession in transcript.confessions:
        marker = f"{confession.order}. "
        indent = " " * len(marker)  # "10. " needs four: continuation lines stay in the item
        lines.append(f"{marker}{_markdown_escape(confession.text, indent)}  ")
        if confession.learned:
            learned = _markdown_escape(confession.learned, indent)
            lines.append(f"{indent}*What I learned:* {learned}  ")
        count = f"**{label}: {confession.agreements}**{share_words(confession)}"
        lines.append(f"{indent}{count}")
        if confession.replies:
            lines += ["", f"{indent}*What helped, from the room:*", ""]
            lines += [
                f"{indent}- {_cell(reply.text)} ({HELPED_TOO}: {reply.agreements})"
                for reply in confession.replies
            ]
        lines.append("")
    lines += _most_shared_section(transcript)
    lines += _register_section(transcript)
    if transcript.unshown is not None:
        lines += _notes_section(UNSHOWN_SECTION, transcript.unshown)
    if transcript.for_organisers is not None:
        lines += _notes_section(ORGANISERS_SECTION, transcript.for_organisers)
    if transcript.closing_note:
        lines += ["## Closing note", "", _markdown_escape(transcript.closing_note, ""), ""]
    lines += ["## Totals", ""]
    lines += [f"- {_markdown_escape(name)}: {value}" for name, value in totals_rows(transcript)]
    lines.append("")
    return "\n".join(lines)


def _most_shared_section(transcript: Transcript) -> list[str]:
    shared = most_shared(transcript)
    if not shared:
        return []
    lines = ["## Most shared", ""]
    for confession in shared:
        text = _cell(confession.text)
        lines.append(f"- #{confession.order}: {text} ({confession.agreements})")
    return [*lines, ""]


def _register_section(transcript: Transcript) -> list[str]:
    if not transcript.confessions:
        return []
    lines = [
        "## Register",
        "",
        REGISTER_INTRO,
        "",
        "| # | Mistake | What helped | Been there | Follow-up | By when |",
        "|---|---|---|---|---|---|",
    ]
    for row in register(transcript):
        lines.append(
            f"| {row.order} | {_cell(row.mistake)} | {_cell(row.what_helped)} | "
            f"{row.been_there} | {_cell(row.follow_up.action)} | {_cell(row.follow_up.by_when)} |"
        )
    return [*lines, ""]


def _cell(text: str) -> str:
    """Text for one line (a table cell, a list entry): line breaks become spaces."""
    return _markdown_escape(" ".join(text.split()), "")


def _notes_section(section: NotesSection, notes: tuple[OrganisersNote, ...]) -> list[str]:
    lines = [f"## {section.heading}", "", section.intro, ""]
    if not notes:
        lines += [section.empty, ""]
    for note in notes:
        lines.append(f"- {_markdown_escape(note.text, '  ')}  ")
        if note.learned:
            lines.append(f"  *What I learned:* {_markdown_escape(note.learned, '  ')}  ")
    return [*lines, ""]
