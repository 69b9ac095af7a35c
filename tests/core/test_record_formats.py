"""The record in every format, from one fixed session: golden files, and each format
read back the way its reader would (a CommonMark parser, an HTML parser, a CSV reader,
the JSON schema).

Set ``UPDATE_GOLDEN=1`` to write the golden files afresh, then read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from facilitator.core.record.csv_record import BOM, HEADER, defuse
from facilitator.core.record.fingerprint import canonical, fingerprint, matches
from facilitator.core.record.formats import RecordFormat, document, render
from facilitator.core.transcript import (
    FollowUp,
    HelpedReply,
    OrganisersNote,
    ShownConfession,
    Totals,
    Transcript,
)

GOLDEN = Path(__file__).parent / "record_golden"
SCHEMA = Path(__file__).parents[2] / "docs" / "transcript-schema.json"

TRICKY = (
    "I pasted <script>alert('x')</script> & thought it was fine",
    '=HYPERLINK("http://example.invalid","click") went into the budget sheet',
    "+1 to the wrong plan\n\nand a blank line before this one",
    "-- dropped the table in production",
    "@everyone pinged 4,000 people",
    "أرسلت التقرير إلى العميل الخطأ",  # Arabic: right to left
    "*bold*, _under_, [link](http://x), # not a heading, 1. not a list",
    'A "quoted" word, a comma, and a\ttab',
    "| a | b |\n|---|---|",
    "Ich habe den Freitag-Release durchgewunken",
    "The tenth:\n\nwith a blank line, so its lesson must stay attached",
    "Two lines:\n\tthe second indented by a tab",
)


# What helped, from the room: metacharacters, formula prefixes, right to left.
REPLIES = {
    1: (HelpedReply("A second pair of eyes <review> & a checklist", 5),),
    2: (
        HelpedReply("=1+1 stays text", 0),
        HelpedReply("-- and so does this | pipe", 3),
    ),
    6: (HelpedReply("طلبت من زميل أن يراجع", 2),),
    11: (HelpedReply("*Pairing*, not [blame]", 1),),
}


# Filled in after the session: formula prefixes, markup, a pipe; one without a date,
# one with only a date.
FOLLOW_UPS = {
    2: FollowUp("=SUM(A1) the budget | *before* sending", "2026-12-31"),
    5: FollowUp("Ask before @everyone <confirm>", ""),
    7: FollowUp("", "-- next quarter"),
}
# The house rules as the room read them: several lines, each starting with what Markdown
# or a spreadsheet would take for something else.
HOUSE_RULES = (
    "Chatham House rule: <what> is said here & never *who*.\n"
    "- Don't name colleagues.\n"
    "1. Not a list, # not a heading\n"
    "=NOT() a formula; أهلا"
)


def fixed_transcript(*, with_organisers: bool = True) -> Transcript:
    confessions = tuple(
        ShownConfession(
            order=number,
            text=text,
            learned="" if number % 3 == 0 else f"Lesson {number}: <ask> & =check first",
            agreements=(number * 7) % 23,
            phones_connected=None if number == 4 else 40 - number,
            replies=REPLIES.get(number, ()),
            follow_up=FOLLOW_UPS.get(number, FollowUp()),
        )
        for number, text in enumerate(TRICKY, start=1)
    )
    return Transcript(
        title='Retro <Q3> & "friends"',
        prompt="What mistake taught you the most?\nBe kind.",
        date="2026-11-30",
        agree_label="Been there",
        confessions=confessions,
        totals=Totals(
            received=31,
            shown=len(confessions),
            removed=1,
            withdrawn=2,
            agreements=sum(c.agreements for c in confessions),
            phones_joined=40,
            merged=3,
        ),
        for_organisers=(
            (OrganisersNote("The rota <ignores> carers", "=SUM(A1)"),) if with_organisers else None
        ),
        closing_note="Thank you all.\nNext retro: <bring> one lesson & one question."
        if with_organisers
        else "",
        unshown=(OrganisersNote("-- never had time for this one", ""),)
        if with_organisers
        else None,
        house_rules=HOUSE_RULES if with_organisers else "",
    )


@pytest.mark.parametrize("record_format", list(RecordFormat), ids=str)
def test_every_format_matches_its_golden_file(record_format: RecordFormat) -> None:
    rendered = render(fixed_transcript(), record_format)
    golden = GOLDEN / f"record.{record_format.value}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(rendered.encode("utf-8"))
    assert rendered == golden.read_bytes().decode("utf-8")


def test_the_json_follows_the_published_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for transcript in (fixed_transcript(), fixed_transcript(with_organisers=False)):
        jsonschema.validate(json.loads(render(transcript, RecordFormat.JSON)), schema)


def test_the_schema_refuses_what_the_record_never_holds() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    record = json.loads(render(fixed_transcript(), RecordFormat.JSON))
    record["confessions"][0]["author"] = "Jo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)


def test_the_fingerprint_is_the_same_in_every_format_and_checks_the_json() -> None:
    transcript = fixed_transcript()
    stamp = document(transcript)["fingerprint"]
    assert stamp.startswith("sha256:") and len(stamp) == len("sha256:") + 64
    for record_format in RecordFormat:
        assert stamp in render(transcript, record_format)
    record = json.loads(render(transcript, RecordFormat.JSON))
    assert matches(record)
    record["confessions"][3]["agreements"] += 1
    assert not matches(record)


def test_the_canonical_form_ignores_layout_and_key_order() -> None:
    record = json.loads(render(fixed_transcript(), RecordFormat.JSON))
    shuffled = json.loads(json.dumps(dict(reversed(list(record.items()))), indent=7))
    assert canonical(shuffled) == canonical(record)
    assert fingerprint(shuffled) == record["fingerprint"]
    assert b"\\u" not in canonical(record)  # UTF-8, not escapes


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_shows_what_people_wrote_as_text_and_fetches_nothing() -> None:
    page = render(fixed_transcript(), RecordFormat.HTML)
    parser = _Text()
    parser.feed(page)
    text = "".join(parser.text)
    for confession in TRICKY:
        assert confession in text
    assert "script" not in parser.tags  # the confession's <script> is text, not a tag
    assert set(parser.tags) >= {"svg", "rect", "ol", "li", "table"}
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        "http://example.invalid", ""
    ).replace("http://x", "")
    assert "src=" not in page and "<link" not in page


def test_the_chart_has_a_bar_per_shown_confession_scaled_to_the_most() -> None:
    page = render(fixed_transcript(), RecordFormat.HTML)
    assert page.count("<rect ") == len(TRICKY)
    most = max((n * 7) % 23 for n in range(1, len(TRICKY) + 1))
    assert f'width="{600 - 44 - 48}.0"' in page or f'width="{600 - 44 - 48}"' in page
    assert f">{most}</text>" in page


def test_csv_has_one_row_per_shown_confession_and_defuses_formulas() -> None:
    sheet = render(fixed_transcript(), RecordFormat.CSV)
    assert sheet.startswith(BOM)
    rows = list(csv.reader(io.StringIO(sheet.removeprefix(BOM), newline="")))
    assert tuple(rows[0]) == HEADER
    body = rows[1:]
    assert len(body) == len(TRICKY)
    for row, text in zip(body, TRICKY, strict=True):
        assert row[1] == defuse(text)
        assert not row[1].startswith(("=", "+", "-", "@", "\t", "\r"))
        assert row[1].lstrip("'") == text or row[1] == text
    assert body[1][1].startswith("'=HYPERLINK")
    assert body[2][1] == "'+1 to the wrong plan\n\nand a blank line before this one"


def test_markdown_keeps_every_confession_in_its_list_item() -> None:
    markdown = render(fixed_transcript(), RecordFormat.MARKDOWN)
    tokens = MarkdownIt("commonmark").parse(markdown)
    assert not any(t.type in ("html_block", "html_inline", "code_block") for t in tokens)
    ordered = [t for t in tokens if t.type == "ordered_list_open"]
    assert len(ordered) == 1  # one list: no confession, blank line or marker splits it
    items = [t for t in tokens if t.type == "list_item_open" and t.markup == "."]
    assert len(items) == len(TRICKY)
    html = MarkdownIt("commonmark").render(markdown)
    for number in range(1, len(TRICKY) + 1):
        assert f"Been there: {(number * 7) % 23}</strong>" in html


def test_the_house_rules_are_one_literal_paragraph_after_the_prompt() -> None:
    transcript = fixed_transcript()
    markdown = render(transcript, RecordFormat.MARKDOWN)
    tokens = MarkdownIt("commonmark").parse(markdown)
    headings = [tokens[n + 1].content for n, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[1:3] == ["House rules", "Confessions"]  # after the title and prompt
    start = next(n for n, t in enumerate(tokens) if t.content == "House rules")
    end = next(n for n, t in enumerate(tokens) if t.content == "Confessions")
    between = [t.type for t in tokens[start + 2 : end - 1]]
    assert between == ["paragraph_open", "inline", "paragraph_close"]  # no list, no heading
    [paragraph] = [t for t in tokens[start:end] if t.type == "inline"][1:]
    assert [c.type for c in paragraph.children or []].count("hardbreak") == 3  # lines kept
    text = "".join(c.content for c in paragraph.children or [] if c.type == "text")
    assert text == HOUSE_RULES.replace("\n", "")
    parser = _Text()
    parser.feed(render(transcript, RecordFormat.HTML))
    assert HOUSE_RULES in "".join(parser.text)
    assert "House rules" not in render(fixed_transcript(with_organisers=False), RecordFormat.HTML)


def test_follow_ups_filled_in_show_in_the_register_of_every_format() -> None:
    transcript = fixed_transcript()
    sheet = render(transcript, RecordFormat.CSV)
    rows = list(csv.reader(io.StringIO(sheet.removeprefix(BOM), newline="")))[1:]
    follow_up, by_when = HEADER.index("follow_up"), HEADER.index("by_when")
    filled = {
        int(row[0]): (row[follow_up], row[by_when])
        for row in rows
        if row[follow_up] or row[by_when]
    }
    assert filled == {
        2: ("'=SUM(A1) the budget | *before* sending", "2026-12-31"),
        5: ("Ask before @everyone <confirm>", ""),
        7: ("", "'-- next quarter"),
    }
    record = json.loads(render(transcript, RecordFormat.JSON))
    assert {
        row["order"]: row["follow_up"] for row in record["register"] if row["follow_up"]["by_when"]
    } == {
        2: {"action": "=SUM(A1) the budget | *before* sending", "by_when": "2026-12-31"},
        7: {"action": "", "by_when": "-- next quarter"},
    }
    assert all("follow_up" not in confession for confession in record["confessions"])
    markdown = render(transcript, RecordFormat.MARKDOWN)
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<td>=SUM(A1) the budget | <em>before</em>" not in html  # escaped, not markup
    assert "<td>=SUM(A1) the budget | *before* sending</td>\n<td>2026-12-31</td>" in html
    parser = _Text()
    parser.feed(render(transcript, RecordFormat.HTML))
    assert "Ask before @everyone <confirm>" in "".join(parser.text)


def test_the_schema_wants_the_house_rules_and_one_line_follow_ups() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    record = json.loads(render(fixed_transcript(), RecordFormat.JSON))
    without = {key: value for key, value in record.items() if key != "house_rules"}
    with pytest.raises(jsonschema.ValidationError, match="house_rules"):
        jsonschema.validate(without, schema)
    record["register"][0]["follow_up"]["by_when"] = "x" * 41
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)
