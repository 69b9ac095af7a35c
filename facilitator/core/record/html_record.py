"""The record as one self-contained, printable HTML file with a chart of the counts.

Nothing is fetched: the style is inline and the chart an inline SVG. Every piece of
text people wrote is escaped (``html.escape``) and set ``dir="auto"``, so code, ``<``,
``&`` and right-to-left scripts read as written; line breaks are kept by CSS.
"""

from __future__ import annotations

from html import escape

from facilitator.core.record.register import most_shared, register, share_words
from facilitator.core.record.sections import (
    HELPED_HEADING,
    HELPED_TOO,
    HOUSE_RULES_HEADING,
    ORGANISERS_SECTION,
    REGISTER_INTRO,
    UNSHOWN_SECTION,
    NotesSection,
    totals_rows,
)
from facilitator.core.transcript import OrganisersNote, ShownConfession, Transcript

_STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #111; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
.prompt { font-style: italic; white-space: pre-wrap; margin-top: 0; }
.meta, .fingerprint { color: #444; font-size: 0.9rem; }
.fingerprint { font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
ol.confessions { padding-left: 2.4rem; }
ol.confessions > li { margin-bottom: 1.1rem; break-inside: avoid; }
.text, .learned { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.learned { color: #333; font-size: 0.95rem; }
.count { font-weight: 600; margin: 0.2rem 0 0; }
ul.helped { margin: 0.1rem 0 0; padding-left: 1.2rem; overflow-wrap: anywhere; }
table.totals { border-collapse: collapse; }
table.totals th { text-align: left; font-weight: normal; padding: 0.15rem 1rem 0.15rem 0; }
table.totals td { text-align: right; font-variant-numeric: tabular-nums; }
.share { font-weight: normal; color: #444; }
table.register { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
table.register th, table.register td { border: 1px solid #bbb; padding: 0.3rem 0.45rem;
  vertical-align: top; text-align: start; }
table.register th, table.register td:first-child, table.register td.number {
  white-space: nowrap; }
table.register td[dir] { white-space: pre-wrap; overflow-wrap: anywhere; }
table.register td.number { text-align: end; font-variant-numeric: tabular-nums; }
table.register td:nth-child(5), table.register td:nth-child(6) { min-width: 6rem; }
svg.chart { width: 100%; height: auto; }
svg.chart text { font: 12px system-ui, sans-serif; fill: #111; }
svg.chart rect { fill: #2f5d8a; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""

_ROW = 22  # the chart's height per confession, in its own units
_LABEL = 44  # room for "#12" on the left
_WIDTH = 600


def to_html(transcript: Transcript, fingerprint: str) -> str:
    parts = _page_start(transcript.title)
    if transcript.prompt:
        parts.append(f'<p class="prompt" dir="auto">{escape(transcript.prompt)}</p>')
    parts.append(f'<p class="meta">{escape(transcript.date)}</p>')
    if transcript.house_rules:
        parts += [
            f"<h2>{HOUSE_RULES_HEADING}</h2>",
            f'<p class="text" dir="auto">{escape(transcript.house_rules)}</p>',
        ]
    parts += _confessions(transcript)
    parts += _most_shared(transcript)
    parts += _register(transcript)
    if transcript.unshown is not None:
        parts += _notes(UNSHOWN_SECTION, transcript.unshown)
    if transcript.for_organisers is not None:
        parts += _notes(ORGANISERS_SECTION, transcript.for_organisers)
    if transcript.closing_note:
        parts += [
            "<h2>Closing note</h2>",
            f'<p class="text" dir="auto">{escape(transcript.closing_note)}</p>',
        ]
    parts += _totals(transcript)
    parts += [
        f'<p class="fingerprint">Fingerprint: {escape(fingerprint)}</p>',
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _page_start(title: str) -> list[str]:
    """A self-contained page up to its heading: nothing is fetched."""
    escaped = escape(title)
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<title dir="auto">{escaped}</title>',
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f'<h1 dir="auto">{escaped}</h1>',
    ]


def lessons_html(transcript: Transcript) -> str:
    """What every phone may take home when the session ends: the confessions shown and
    their lessons, nothing else (no counts, no totals, nothing that was not shown)."""
    parts = _page_start(transcript.title)
    parts += [f'<p class="meta">{escape(transcript.date)}</p>', '<ol class="confessions">']
    for confession in transcript.confessions:
        parts += _shown(confession)
        parts.append("</li>")
    if not transcript.confessions:
        parts.append("</ol><p>No confession was shown.</p>")
    else:
        parts.append("</ol>")
    return "\n".join([*parts, "</body>", "</html>", ""])


def _confessions(transcript: Transcript) -> list[str]:
    parts = ["<h2>Confessions</h2>"]
    if not transcript.confessions:
        return [*parts, "<p>No confession was shown.</p>"]
    parts.append(chart(transcript.confessions, transcript.agree_label))
    parts.append('<ol class="confessions">')
    label = escape(transcript.agree_label)
    for confession in transcript.confessions:
        parts += _shown(confession, counts=True)
        parts.append(
            f'<p class="count"><span dir="auto">{label}</span>: {confession.agreements}'
            f'<span class="share">{escape(share_words(confession))}</span></p>'
        )
        parts += _helped(confession)
        parts.append("</li>")
    parts.append("</ol>")
    return parts


def _shown(confession: ShownConfession, *, counts: bool = False) -> list[str]:
    """A shown confession's item up to its count: its text and lesson (and, without
    counts, what helped: the phones' take-home page has no counts)."""
    parts = [
        f'<li value="{confession.order}">',
        f'<p class="text" dir="auto">{escape(confession.text)}</p>',
    ]
    if confession.learned:
        parts.append(
            '<p class="learned"><em>What I learned:</em> '
            f'<span dir="auto">{escape(confession.learned)}</span></p>'
        )
    return parts if counts else parts + _helped(confession, counts=False)


def _helped(confession: ShownConfession, *, counts: bool = True) -> list[str]:
    """The approved replies from the room, in the order approved."""
    if not confession.replies:
        return []
    parts = [f'<p class="learned"><em>{HELPED_HEADING}:</em></p>', '<ul class="helped">']
    for reply in confession.replies:
        count = f' <span class="share">({HELPED_TOO}: {reply.agreements})</span>' if counts else ""
        parts.append(f'<li><span dir="auto">{escape(reply.text)}</span>{count}</li>')
    return [*parts, "</ul>"]


def chart(confessions: tuple[ShownConfession, ...], agree_label: str) -> str:
    """A horizontal bar per shown confession, in the order shown, with its count."""
    most = max((c.agreements for c in confessions), default=0) or 1
    room = _WIDTH - _LABEL - 48
    height = _ROW * len(confessions) + 4
    label = escape(agree_label)
    bars = []
    for row, confession in enumerate(confessions):
        y = row * _ROW + 2
        width = round(room * confession.agreements / most, 1)
        bars.append(
            f'<text x="{_LABEL - 6}" y="{y + 15}" text-anchor="end">#{confession.order}</text>'
            f'<rect x="{_LABEL}" y="{y + 3}" width="{width}" height="{_ROW - 6}"></rect>'
            f'<text x="{_LABEL + width + 6}" y="{y + 15}">{confession.agreements}</text>'
        )
    return (
        f'<svg class="chart" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{label}: the count for each '
        f'confession, in the order shown"><title>{label}, by confession</title>'
        + "".join(bars)
        + "</svg>"
    )


def _totals(transcript: Transcript) -> list[str]:
    cells = "".join(
        f'<tr><th scope="row" dir="auto">{escape(name)}</th><td>{value}</td></tr>'
        for name, value in totals_rows(transcript)
    )
    return ["<h2>Totals</h2>", f'<table class="totals">{cells}</table>']


def _notes(section: NotesSection, notes: tuple[OrganisersNote, ...]) -> list[str]:
    parts = [f"<h2>{escape(section.heading)}</h2>", f"<p>{escape(section.intro)}</p>"]
    if not notes:
        return [*parts, f"<p>{escape(section.empty)}</p>"]
    parts.append("<ul>")
    for note in notes:
        learned = (
            f'<p class="learned"><em>What I learned:</em> <span dir="auto">'
            f"{escape(note.learned)}</span></p>"
            if note.learned
            else ""
        )
        parts.append(f'<li><p class="text" dir="auto">{escape(note.text)}</p>{learned}</li>')
    parts.append("</ul>")
    return parts


def _most_shared(transcript: Transcript) -> list[str]:
    shared = most_shared(transcript)
    if not shared:
        return []
    items = "".join(
        f'<li><span dir="auto">{escape(c.text)}</span> '
        f'<span class="meta">#{c.order} · {c.agreements}</span></li>'
        for c in shared
    )
    return ["<h2>Most shared</h2>", f'<ol class="most-shared">{items}</ol>']


def _register(transcript: Transcript) -> list[str]:
    if not transcript.confessions:
        return []
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in ("#", "Mistake", "What helped", "Been there", "Follow-up", "By when")
    )
    rows = "".join(
        f"<tr><td>{row.order}</td>"
        f'<td dir="auto">{escape(row.mistake)}</td>'
        f'<td dir="auto">{escape(row.what_helped)}</td>'
        f'<td class="number">{row.been_there}</td>'
        f'<td dir="auto">{escape(row.follow_up.action)}</td>'
        f'<td dir="auto">{escape(row.follow_up.by_when)}</td></tr>'
        for row in register(transcript)
    )
    return [
        "<h2>Register</h2>",
        f'<p class="meta">{escape(REGISTER_INTRO)}</p>',
        f'<table class="register"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>',
    ]
