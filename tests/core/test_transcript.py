"""The transcript organisers keep: content, escaping, anonymity, files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from facilitator.core import rules
from facilitator.core.events import EventBus, SessionEnded
from facilitator.core.record.files import file_stem, write_transcript
from facilitator.core.record.formats import RecordFormat, render
from facilitator.core.record.markdown_record import to_markdown
from facilitator.core.session import SessionService
from facilitator.core.store import DATABASE_NAME, Store
from facilitator.core.transcript import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ShownConfession,
    Totals,
    Transcript,
    build_transcript,
)
from facilitator.protocol.commands import Approve, EndSession, Project, SetAside
from tests.core.helpers import TODAY, Recorder, edit, next_up


def transcript(
    *confessions: ShownConfession,
    title: str = "Friday retro",
    prompt: str = "What went wrong?",
    agree_label: str = "Been there",
    totals: Totals | None = None,
) -> Transcript:
    return Transcript(
        title=title,
        prompt=prompt,
        date="2024-05-17",
        agree_label=agree_label,
        confessions=confessions,
        totals=totals
        or Totals(
            received=len(confessions),
            shown=len(confessions),
            removed=0,
            withdrawn=0,
            agreements=sum(c.agreements for c in confessions),
            phones_joined=0,
        ),
    )


def one(text: str, learned: str = "", agreements: int = 0) -> Transcript:
    return transcript(ShownConfession(1, text, learned, agreements))


def confession_lines(markdown: str) -> list[str]:
    """The lines between '## Confessions' and the next section."""
    body = re.split(r"^## ", markdown.split("## Confessions\n", 1)[1], flags=re.MULTILINE)[0]
    return body.strip("\n").split("\n")


# A realistic session


class FinishedSession:
    """A session run through the service, ended, with its transcript files read back."""

    def __init__(self, tmp_path: Path) -> None:
        self.data_dir = tmp_path / "data"
        self.transcripts_dir = tmp_path / "transcripts"
        self.store = Store.open(self.data_dir)
        bus = EventBus()
        self.recorder = Recorder(bus)
        self.service = service = SessionService.start_new(
            self.store,
            bus,
            self.transcripts_dir,
            title="Friday retro",
            prompt="What went wrong this sprint?",
            agree_label="Same here",
            today=lambda: TODAY,
        )
        self.tokens = [service.join() for _ in range(5)]
        phones = [service.participant(token) for token in self.tokens]
        self.participants = phones
        self.client_ids = [f"cid-{n}-Xq93Lm2Pz8" for n in range(6)]

        def submit(n: int, text: str, learned: str = "") -> int:
            return service.submit(phones[n % 5], self.client_ids[n], text, learned).confession_id

        friday = submit(0, "I deployed on a Friday afternoon.", "not on fridays")
        table = submit(1, "I dropped the users table in prod.")
        laptop = submit(2, "I left my laptop on the train \U0001f605", "Use disk encryption.")
        self.queued = submit(3, "QUEUED-never-shown")
        self.incoming = submit(4, "INCOMING-never-shown")
        self.aside = submit(5, "SETASIDE-never-shown")
        edit(self.store, friday, "I deployed on a Friday afternoon.", "Not on Fridays.")
        edit(self.store, table, "I dropped a table in production.")
        self.originals = ["not on fridays", "I dropped the users table in prod."]

        for confession in (table, friday, laptop, self.queued):
            service.execute(Approve(confession))
        service.execute(SetAside(self.aside))
        service.execute(next_up(service))  # table: shown first
        for phone in phones[:2]:
            service.set_agreement(phone, table, True)
        service.execute(next_up(service))  # friday: shown second
        for phone in phones:
            service.set_agreement(phone, friday, True)
        service.execute(Project(laptop))  # laptop: shown third, with no agreement
        service.execute(Project(table))  # table again: keeps its place
        service.set_agreement(phones[4], table, True)
        service.execute(EndSession())
        self.store.close()

        (ended,) = self.recorder.of(SessionEnded)
        self.markdown_path, self.json_path = (Path(p) for p in ended.transcript_paths)
        self.markdown = self.markdown_path.read_text(encoding="utf-8")
        self.json = self.json_path.read_text(encoding="utf-8")
        self.document = json.loads(self.json)


@pytest.fixture
def finished(tmp_path: Path) -> FinishedSession:
    return FinishedSession(tmp_path)


def test_markdown_of_a_realistic_session(finished: FinishedSession) -> None:
    markdown, fingerprint = finished.markdown.split("\nFingerprint: ", 1)
    assert fingerprint == f"`{finished.document['fingerprint']}`\n"
    assert markdown == (
        "# Friday retro\n"
        "\n"
        "*What went wrong this sprint?*\n"
        "\n"
        "Date: 2024-05-17\n"
        "\n"
        "## House rules\n"
        "\n"
        "Chatham House rule: share what you hear here, never who said it.  \n"
        "Don't name colleagues, organisations, clients or service users.  \n"
        "This is not a whistleblowing or safeguarding channel: for that, speak to the "
        "organisers, who will tell you where to go.  \n"
        "Nobody is named: the organisers keep a record of what was shown, never who sent it, "
        "and unshown confessions are deleted when the session ends.\n"
        "\n"
        "## Confessions\n"
        "\n"
        "1. I dropped a table in production.  \n"
        "   **Same here: 3**\n"
        "\n"
        "2. I deployed on a Friday afternoon.  \n"
        "   *What I learned:* Not on Fridays.  \n"
        "   **Same here: 5**\n"
        "\n"
        "3. I left my laptop on the train \U0001f605  \n"
        "   *What I learned:* Use disk encryption.  \n"
        "   **Same here: 0**\n"
        "\n"
        "## Most shared\n"
        "\n"
        "- #2: I deployed on a Friday afternoon. (5)\n"
        "- #1: I dropped a table in production. (3)\n"
        "\n"
        "## Register\n"
        "\n"
        "For a learning log: each mistake, what helped, how many had been there. "
        "Follow-up and by when are for the organisers to fill in; never a name.\n"
        "\n"
        "| # | Mistake | What helped | Been there | Follow-up | By when |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | I dropped a table in production. |  | 3 |  |  |\n"
        "| 2 | I deployed on a Friday afternoon. | Not on Fridays. | 5 |  |  |\n"
        "| 3 | I left my laptop on the train \U0001f605 | Use disk encryption. | 0 |  |  |\n"
        "\n"
        "## Totals\n"
        "\n"
        "- Confessions received: 6\n"
        "- Confessions shown: 3\n"
        "- Set aside, never shown: 1\n"
        "- Removed from the record after showing: 0\n"
        "- Taken back by their senders before showing: 0\n"
        "- Merged into a confession very like them: 0\n"
        "- Same here taps on shown confessions: 8\n"
        "- Phones joined: 5\n"
    )


def register_row(order: int, mistake: str, helped: str, been_there: int) -> dict[str, object]:
    return {
        "order": order,
        "mistake": mistake,
        "what_helped": helped,
        "been_there": been_there,
        "share": None,  # the service alone has no host to say how many phones were connected
        "follow_up": {"action": "", "by_when": ""},
    }


def test_json_of_a_realistic_session(finished: FinishedSession) -> None:
    document = dict(finished.document)
    assert document.pop("fingerprint").startswith("sha256:")
    assert document == {
        "format": "confessional-transcript",
        "version": 7,
        "title": "Friday retro",
        "prompt": "What went wrong this sprint?",
        "date": "2024-05-17",
        "agree_label": "Same here",
        "confessions": [
            {
                "order": 1,
                "text": "I dropped a table in production.",
                "learned": "",
                "agreements": 3,
                "phones_connected": 0,
                "replies": [],
            },
            {
                "order": 2,
                "text": "I deployed on a Friday afternoon.",
                "learned": "Not on Fridays.",
                "agreements": 5,
                "phones_connected": 0,
                "replies": [],
            },
            {
                "order": 3,
                "text": "I left my laptop on the train \U0001f605",
                "learned": "Use disk encryption.",
                "agreements": 0,
                "phones_connected": 0,
                "replies": [],
            },
        ],
        "totals": {
            "received": 6,
            "shown": 3,
            "removed": 0,
            "withdrawn": 0,
            "merged": 0,
            "set_aside": 1,
            "agreements": 8,
            "phones_joined": 5,
        },
        "for_organisers": None,
        "closing_note": "",
        "unshown": None,
        "house_rules": rules.DEFAULT_HOUSE_RULES,  # the session kept the template
        "most_shared": [2, 1],
        "register": [
            register_row(1, "I dropped a table in production.", "", 3),
            register_row(2, "I deployed on a Friday afternoon.", "Not on Fridays.", 5),
            register_row(3, "I left my laptop on the train \U0001f605", "Use disk encryption.", 0),
        ],
    }
    assert finished.json.endswith("}\n")
    assert "\U0001f605" in finished.json  # readable, not \ud83d-escaped


def without_house_rules(content: str) -> str:
    """A record's Markdown or JSON without its house rules: the facilitator's words to the
    room (the template speaks of "clients"), the same in every session's record."""
    if content.startswith("{"):
        document = json.loads(content)
        del document["house_rules"]
        return json.dumps(document, ensure_ascii=False, indent=2)
    return re.sub(r"^## House rules\n.*?(?=^## )", "", content, count=1, flags=re.M | re.S)


def test_nothing_identifying_is_in_either_file(finished: FinishedSession) -> None:
    secret = finished.service.session.moderator_secret
    assert finished.document["house_rules"] == rules.DEFAULT_HOUSE_RULES
    for content in (without_house_rules(finished.markdown), without_house_rules(finished.json)):
        assert "House rules" not in content and "Chatham" not in content
        for token in finished.tokens:
            assert token not in content
        for client in finished.client_ids:
            assert client not in content
            assert "Xq93Lm2Pz8" not in content
        for original in finished.originals:
            assert original not in content
        assert secret not in content
        for unshown in ("QUEUED", "INCOMING", "SETASIDE"):
            assert unshown not in content
        assert "participant" not in content.lower()
        assert "author" not in content.lower()
        assert "client" not in content.lower()
        assert "token" not in content.lower()
    # Nothing beyond the public fields, whatever their values: no room for ids.
    document = finished.document
    assert set(document) == {
        "format",
        "version",
        "title",
        "prompt",
        "date",
        "agree_label",
        "confessions",
        "totals",
        "for_organisers",
        "closing_note",
        "unshown",
        "house_rules",
        "most_shared",
        "register",
        "fingerprint",
    }
    assert document["for_organisers"] is None
    for confession in document["confessions"]:
        assert set(confession) == {
            "order",
            "text",
            "learned",
            "agreements",
            "phones_connected",
            "replies",
        }
    assert set(document["totals"]) == {
        "received",
        "shown",
        "removed",
        "withdrawn",
        "merged",
        "set_aside",
        "agreements",
        "phones_joined",
    }


def test_the_data_file_forgets_too(finished: FinishedSession) -> None:
    on_disk = b"".join(path.read_bytes() for path in finished.data_dir.glob(DATABASE_NAME + "*"))
    for unshown in (b"QUEUED-never-shown", b"INCOMING-never-shown", b"SETASIDE-never-shown"):
        assert unshown not in on_disk
    for original in finished.originals:
        assert original.encode() not in on_disk
    for token in finished.tokens:
        assert token.encode() not in on_disk


def test_file_names_and_places(finished: FinishedSession) -> None:
    session_id = finished.service.session.id
    assert finished.markdown_path == (
        finished.transcripts_dir / f"2024-05-17-friday-retro-{session_id}.md"
    )
    assert finished.json_path == finished.markdown_path.with_suffix(".json")
    assert sorted(p.name for p in finished.transcripts_dir.iterdir()) == sorted(
        [finished.markdown_path.name, finished.json_path.name]
    )


# Building


def test_build_orders_by_first_showing_and_numbers_from_one(
    store: Store, bus: EventBus, transcripts_dir: Path
) -> None:
    service = SessionService.start_new(store, bus, transcripts_dir, today=lambda: TODAY)
    phone = service.participant(service.join())
    ids = [service.submit(phone, f"cid-{n:05d}", f"text {n}").confession_id for n in range(4)]
    for confession in (ids[3], ids[1], ids[2]):
        service.execute(Approve(confession))
        service.execute(Project(confession))
    service.execute(Project(ids[3]))  # re-projected: stays first
    built = build_transcript(store, service.session)
    assert [(c.order, c.text) for c in built.confessions] == [
        (1, "text 3"),
        (2, "text 1"),
        (3, "text 2"),
    ]
    assert built.totals == Totals(
        received=4, shown=3, removed=0, withdrawn=0, agreements=0, phones_joined=1
    )
    assert (built.title, built.prompt, built.agree_label, built.date) == (
        service.session.title,
        service.session.prompt,
        service.session.agree_label,
        "2024-05-17",
    )


def test_build_uses_edited_text(store: Store, bus: EventBus, transcripts_dir: Path) -> None:
    service = SessionService.start_new(store, bus, transcripts_dir)
    phone = service.participant(service.join())
    confession = service.submit(phone, "cid-00001", "raw words", "raw lesson").confession_id
    edit(store, confession, "kind words", "kind lesson")
    service.execute(Approve(confession))
    service.execute(Project(confession))
    (shown,) = build_transcript(store, service.session).confessions
    assert (shown.text, shown.learned) == ("kind words", "kind lesson")


# Markdown escaping


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# heading", "\\# heading"),
        ("## not a heading either", "\\#\\# not a heading either"),
        ("*bold* and _em_", "\\*bold\\* and \\_em\\_"),
        ("**strong**", "\\*\\*strong\\*\\*"),
        ("[link](http://example.com)", "\\[link\\](http://example.com)"),
        ("![image](x.png)", "!\\[image\\](x.png)"),
        ("`code` and ```fence```", "\\`code\\` and \\`\\`\\`fence\\`\\`\\`"),
        ("a | table | row", "a \\| table \\| row"),
        ("back\\slash", "back\\\\slash"),
        ("<https://autolink.example>", "\\<https://autolink.example\\>"),
        ("> quote", "\\> quote"),
        ("~~struck~~", "\\~\\~struck\\~\\~"),
        ("---", "\\---"),
        ("=== not a heading", "\\=== not a heading"),
        ("- not a list", "\\- not a list"),
        ("+1 for this", "\\+1 for this"),
        ("1986. What a year", "1986\\. What a year"),
        ("2) second", "2\\) second"),
        ("well-known - and + and = mid-line", "well-known - and + and = mid-line"),
        ("1.5 times 2", "1.5 times 2"),
        ("&nbsp; and &amp; stay as typed", "\\&nbsp; and \\&amp; stay as typed"),
        ("List<String> & <b>tags</b>", "List\\<String\\> \\& \\<b\\>tags\\</b\\>"),
    ],
)
def test_markdown_escapes_what_markdown_would_interpret(text: str, escaped: str) -> None:
    lines = confession_lines(to_markdown(one(text)))
    assert lines[0] == f"1. {escaped}  "


@pytest.mark.parametrize(
    "line",
    [
        "# heading",
        "---",
        "===",
        "***",
        "___",
        "~~~",
        "```",
        "- item",
        "+ item",
        "* item",
        "1. item",
        "2) item",
        "> quote",
        "| a | b |",
    ],
)
@pytest.mark.parametrize("where", ["first", "continuation"])
def test_no_line_of_a_confession_starts_a_markdown_block(line: str, where: str) -> None:
    text = line if where == "first" else f"Harmless first line\n{line}"
    lines = confession_lines(to_markdown(one(text, learned=text)))
    block_start = re.compile(r"^(#|-|=|\*|_|~|`|\+|>|\||\d+[.)])")
    assert lines[-1] == "   **Been there: 0**"
    for rendered in lines[:-1]:
        content = re.sub(r"^(\d+\. |   )", "", rendered)
        content = content.removeprefix("*What I learned:* ")
        assert not block_start.match(content), rendered


def test_line_start_markers_are_escaped_on_every_line() -> None:
    markdown = to_markdown(one("It broke.\n---\n- twice\n  3. thrice\n===\n~~~"))
    assert confession_lines(markdown)[:6] == [
        "1. It broke.  ",
        "   \\---  ",
        "   \\- twice  ",
        "     3\\. thrice  ",
        "   \\===  ",
        "   \\~\\~\\~  ",
    ]


def test_multiline_text_stays_inside_its_list_item() -> None:
    markdown = to_markdown(one("first line\nsecond line\n\nafter a gap", "lesson\nmore"))
    assert confession_lines(markdown) == [
        "1. first line  ",
        "   second line  ",
        "     ",
        "   after a gap  ",
        "   *What I learned:* lesson  ",
        "   more  ",
        "   **Been there: 0**",
    ]


def test_from_the_tenth_on_multiline_text_stays_inside_its_list_item() -> None:
    """Rendered by a CommonMark parser: twelve items, each with its text, lesson and count."""
    twelve = transcript(
        *(
            ShownConfession(n, f"Confession {n}\n\nafter a gap {n}", f"lesson {n}", n)
            for n in range(1, 13)
        )
    )
    tokens = MarkdownIt("commonmark").parse(to_markdown(twelve))
    items: list[list[str]] = []
    in_order = False
    for token in tokens:
        if token.type in ("ordered_list_open", "ordered_list_close"):
            in_order = token.type == "ordered_list_open"
        elif token.type == "list_item_open" and in_order:
            items.append([])
        elif token.type == "inline" and in_order:
            items[-1].append(token.content)
    assert len(items) == 12
    for n, item in enumerate(items, start=1):
        text = " ".join(item)
        assert f"after a gap {n}" in text, text
        assert f"lesson {n}" in text, text
        assert f"Been there: {n}" in text, text


def test_title_prompt_and_label_are_escaped() -> None:
    markdown = to_markdown(
        transcript(
            ShownConfession(1, "text", "", 2),
            title="# *Retro* [x](y)",
            prompt="_What_ `went` wrong?",
            agree_label="**Me** too",
        )
    )
    lines = markdown.split("\n")
    assert lines[0] == "# \\# \\*Retro\\* \\[x\\](y)"
    assert lines[2] == "*\\_What\\_ \\`went\\` wrong?*"
    assert "   **\\*\\*Me\\*\\* too: 2**" in lines
    assert "- \\*\\*Me\\*\\* too taps on shown confessions: 2" in lines


def test_an_empty_prompt_is_left_out() -> None:
    markdown = to_markdown(transcript(prompt=""))
    assert markdown.startswith("# Friday retro\n\nDate: 2024-05-17\n")
    assert "**" not in markdown


def test_json_keeps_text_as_written() -> None:
    text = '# *raw* [link](x) `tick` "quoted" \\ \u00e9 \U0001f605\nline two'
    document = json.loads(render(one(text, learned="_l_"), RecordFormat.JSON))
    assert document["confessions"][0]["text"] == text
    assert document["confessions"][0]["learned"] == "_l_"
    assert document["format"] == FORMAT_NAME
    assert document["version"] == FORMAT_VERSION


# Empty session


def test_transcript_of_an_empty_session(store: Store, bus: EventBus, transcripts_dir: Path) -> None:
    service = SessionService.start_new(store, bus, transcripts_dir, today=lambda: TODAY)
    recorder = Recorder(bus)
    service.execute(EndSession())
    (ended,) = recorder.of(SessionEnded)
    markdown = Path(ended.transcript_paths[0]).read_text(encoding="utf-8")
    document = json.loads(Path(ended.transcript_paths[1]).read_text(encoding="utf-8"))
    assert markdown == (
        "# Never waste a mistake\n"
        "\n"
        "*What mistake taught you the most?*\n"
        "\n"
        "Date: 2024-05-17\n"
        "\n"
        "## House rules\n"
        "\n"
        "Chatham House rule: share what you hear here, never who said it.  \n"
        "Don't name colleagues, organisations, clients or service users.  \n"
        "This is not a whistleblowing or safeguarding channel: for that, speak to the "
        "organisers, who will tell you where to go.  \n"
        "Nobody is named: the organisers keep a record of what was shown, never who sent it, "
        "and unshown confessions are deleted when the session ends.\n"
        "\n"
        "## Confessions\n"
        "\n"
        "No confession was shown.\n"
        "\n"
        "## Totals\n"
        "\n"
        "- Confessions received: 0\n"
        "- Confessions shown: 0\n"
        "- Set aside, never shown: 0\n"
        "- Removed from the record after showing: 0\n"
        "- Taken back by their senders before showing: 0\n"
        "- Merged into a confession very like them: 0\n"
        "- Been there taps on shown confessions: 0\n"
        "- Phones joined: 0\n"
        "\n"
        f"Fingerprint: `{document['fingerprint']}`\n"
    )
    assert document["confessions"] == []
    assert (document["most_shared"], document["register"]) == ([], [])
    assert document["totals"] == {
        "received": 0,
        "shown": 0,
        "removed": 0,
        "withdrawn": 0,
        "merged": 0,
        "set_aside": 0,
        "agreements": 0,
        "phones_joined": 0,
    }


def test_a_session_where_nothing_was_shown_still_counts_what_arrived(
    store: Store, bus: EventBus, transcripts_dir: Path
) -> None:
    service = SessionService.start_new(store, bus, transcripts_dir)
    phone = service.participant(service.join())
    service.submit(phone, "cid-00001", "NEVER-SHOWN text")
    built = build_transcript(store, service.session)
    assert built.confessions == ()
    assert built.totals == Totals(
        received=1, shown=0, removed=0, withdrawn=0, agreements=0, phones_joined=1
    )
    assert "No confession was shown." in to_markdown(built)
    assert "NEVER-SHOWN" not in to_markdown(built)


# File names


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Never waste a mistake", "2024-05-17-never-waste-a-mistake-7"),
        ("  Friday   Retro!!  ", "2024-05-17-friday-retro-7"),
        ("Q3 post-mortem: DB outage", "2024-05-17-q3-post-mortem-db-outage-7"),
        ("Café crème", "2024-05-17-caf-cr-me-7"),
        ("Ошибки и уроки", "2024-05-17-session-7"),
        ("\U0001f525\U0001f525\U0001f525", "2024-05-17-session-7"),
        ("../../etc/passwd", "2024-05-17-etc-passwd-7"),
        ("C:\\Windows\\System32", "2024-05-17-c-windows-system32-7"),
        ("a" * 120, f"2024-05-17-{'a' * 48}-7"),
    ],
)
def test_file_stem(title: str, stem: str) -> None:
    assert file_stem(transcript(title=title), 7) == stem


def test_file_stems_are_safe_file_names() -> None:
    hostile = '<>:"/\\|?*\x00. ' * 10
    stem = file_stem(transcript(title=hostile), 3)
    assert re.fullmatch(r"[0-9a-z-]+", stem)


def test_sessions_with_the_same_title_and_day_get_different_files(tmp_path: Path) -> None:
    first = write_transcript(transcript(), 1, tmp_path)
    second = write_transcript(transcript(), 2, tmp_path)
    assert set(first).isdisjoint(second)
    assert len(list(tmp_path.iterdir())) == 4


# Writing


def test_write_creates_the_folder_and_both_files(tmp_path: Path) -> None:
    directory = tmp_path / "new" / "transcripts"
    content = one("text", "lesson", 4)
    markdown, json_path = write_transcript(content, 9, directory)
    assert markdown == directory / "2024-05-17-friday-retro-9.md"
    assert json_path == directory / "2024-05-17-friday-retro-9.json"
    assert markdown.read_text(encoding="utf-8") == render(content, RecordFormat.MARKDOWN)
    assert json_path.read_text(encoding="utf-8") == render(content, RecordFormat.JSON)


def test_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    write_transcript(one("text"), 1, tmp_path)
    write_transcript(one("text, again"), 1, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["2024-05-17-friday-retro-1.json", "2024-05-17-friday-retro-1.md"]
    assert not any(name.endswith(".tmp") for name in names)


def test_write_replaces_an_earlier_transcript(tmp_path: Path) -> None:
    markdown, _ = write_transcript(one("first version"), 1, tmp_path)
    write_transcript(one("second version"), 1, tmp_path)
    assert "second version" in markdown.read_text(encoding="utf-8")
    assert "first version" not in markdown.read_text(encoding="utf-8")


def test_a_failed_write_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    markdown, _ = write_transcript(one("the good version"), 1, tmp_path)
    good = markdown.read_text(encoding="utf-8")
    # Something in the way of the temporary file makes the next write fail.
    (tmp_path / (markdown.name + ".tmp")).mkdir()
    with pytest.raises(OSError):
        write_transcript(one("a version that never lands"), 1, tmp_path)
    assert markdown.read_text(encoding="utf-8") == good


def test_files_are_utf8(tmp_path: Path) -> None:
    markdown, json_path = write_transcript(one("Ошибка \U0001f605 日本"), 1, tmp_path)
    for path in (markdown, json_path):
        assert "Ошибка \U0001f605 日本".encode() in path.read_bytes()
