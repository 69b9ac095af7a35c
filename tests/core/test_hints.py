"""Identifying-detail hints: each kind, what must not be a hint, the organisers' lists,
overlaps, and the scores over the labelled confessions in ``hints_set/``."""

from __future__ import annotations

import itertools
import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from facilitator.core.hints import Hint, HintFinder, HintKind, is_flagged

SET_DIR = Path(__file__).parent / "hints_set"
LABELLED_SET = SET_DIR / "confessions.jsonl"
HELD_OUT_SET = SET_DIR / "heldout.jsonl"

FINDER = HintFinder()


def found(text: str, finder: HintFinder = FINDER) -> list[tuple[HintKind, str]]:
    return [(hint.kind, text[hint.start : hint.end]) for hint in finder.find(text)]


# --- Each kind ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Write to jo@example.org today.", "jo@example.org"),
        ("Her address, r.adeyemi@example-law.co.uk, is burned in.", "r.adeyemi@example-law.co.uk"),
        ("mail first.last+tag@sub.example.com.", "first.last+tag@sub.example.com"),
        ("Schreib an jürgen.weber@example.de bitte", "jürgen.weber@example.de"),
    ],
)
def test_emails(text: str, detail: str) -> None:
    assert (HintKind.EMAIL, detail) in found(text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Call me on 07700 900123 tomorrow.", "07700 900123"),
        ("Ring +44 20 7946 0958.", "+44 20 7946 0958"),
        ("The office is (020) 7946 0958, ask for me.", "(020) 7946 0958"),
        ("Our US bridge is +1 415-555-0134.", "+1 415-555-0134"),
        ("Manchester: 0161 496 0000.", "0161 496 0000"),
        ("Berlin office 030 901820 or", "030 901820"),
        ("Paris: 01 23 45 67 89.", "01 23 45 67 89"),
        ("Mine was +91 98765 43210.", "+91 98765 43210"),
        ("Or 98765 43210 in India.", "98765 43210"),
        ("Lagos: 0803 123 4567.", "0803 123 4567"),
        ("Sydney (02) 5550 1234.", "(02) 5550 1234"),
        ("I called him at (512) 555-0143 to apologize.", "(512) 555-0143"),
        ("Mobile +49 151 23456789.", "+49 151 23456789"),
    ],
)
def test_phone_numbers(text: str, detail: str) -> None:
    assert (HintKind.PHONE, detail) in found(text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("See https://staging.example.com/admin.", "https://staging.example.com/admin"),
        ("at www.example.org for details", "www.example.org"),
        ("Go to example.co.uk/returns, then", "example.co.uk/returns"),
        ("(see wiki.example.org/pm/2024-03-checkout)", "wiki.example.org/pm/2024-03-checkout"),
        (
            "http://build-03.example.net:8080/debug was open",
            "http://build-03.example.net:8080/debug",
        ),
        (
            "Links like example-parcels.com/redeliver?id=44 are traps.",
            "example-parcels.com/redeliver?id=44",
        ),
        ("It was https://en.example.org/wiki/Foo_(bar).", "https://en.example.org/wiki/Foo_(bar)"),
    ],
)
def test_urls(text: str, detail: str) -> None:
    assert (HintKind.URL, detail) in found(text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("I tagged @jo_smith by mistake.", "@jo_smith"),
        ("Ask @priya.k, she knows.", "@priya.k"),
        ("about @raj.patel's code", "@raj.patel"),
        ("Follow @LeedsHousingHelp!", "@LeedsHousingHelp"),
        ("on Mastodon as @jo@example.social today", "@jo@example.social"),
    ],
)
def test_handles(text: str, detail: str) -> None:
    assert (HintKind.HANDLE, detail) in found(text)


def test_handles_are_not_emails_or_group_mentions() -> None:
    assert found("Email jo@example.org and @here and @everyone.") == [
        (HintKind.EMAIL, "jo@example.org")
    ]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Ticket INC0012345 was mine.", "INC0012345"),
        ("See JIRA-4521 for the details.", "JIRA-4521"),
        ("It was case 2023/00417 at the court.", "2023/00417"),
        ("ref: HB-77821, for the record", "HB-77821"),
        ("Her NHS number, 943 476 5919, was read out.", "943 476 5919"),
        ("National Insurance number QQ 12 34 56 C.", "QQ 12 34 56 C"),
        ("Invoice INV-20931 was fake.", "INV-20931"),
        ("the tenancy reference TEN/004417", "TEN/004417"),
        ("Ticket #88213 sat there.", "#88213"),
        ("the account number 55-201-8834 and", "55-201-8834"),
        ("Order 112-4459812-7730 shipped late", "112-4459812-7730"),
        ("PAN ABCPE1234F was unchecked.", "ABCPE1234F"),
        ("IBAN GB33 BUKB 2020 1555 5555 55 instead.", "GB33 BUKB 2020 1555 5555 55"),
        ("Sort code 20-45-77, account 41553388.", "20-45-77"),
        ("Sort code 20-45-77, account 41553388.", "41553388"),
        ("registration AB12 CDE was", "AB12 CDE"),
    ],
)
def test_reference_numbers(text: str, detail: str) -> None:
    assert (HintKind.REFERENCE, detail) in found(text)


def test_a_number_shaped_like_a_found_reference_is_one_too() -> None:
    text = "I read out log number CAD 4471 instead of 4417."
    assert (HintKind.REFERENCE, "4417") in found(text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("meant for M1 1AE, not", "M1 1AE"),
        ("at SW1A 2AA on the form", "SW1A 2AA"),
        ("a visit to LS6 3QW.", "LS6 3QW"),
        ("Springfield, IL 62704.", "62704"),
        ("her old ZIP, 30309-4512, instead", "30309-4512"),
        ("Parramatta NSW 2150 office", "2150"),
        ("a flat in 10115 Berlin", "10115"),
        ("our old office in 1012 AB Amsterdam", "1012 AB"),
        ("PIN code 560001 for everyone", "560001"),
    ],
)
def test_postcodes(text: str, detail: str) -> None:
    assert (HintKind.POSTCODE, detail) in found(text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Dear Mrs Jenkins, sorry.", "Jenkins"),
        ("Sister Adeyemi pulled me aside.", "Adeyemi"),
        ("I copied Nurse Abimbola Oyelaran in.", "Abimbola Oyelaran"),
        ("It was Mrs. Adaeze Okonkwo's complaint.", "Adaeze Okonkwo"),
        ("Herr Schulz got the letter.", "Schulz"),
        ("I told Wojciech to redo it.", "Wojciech"),
        ("and Marek Nowak showed me how", "Marek Nowak"),
        ("Priya said nothing.", "Priya"),
        ("Tom Fletcher stayed till midnight.", "Tom Fletcher"),
        ("Élodie Moreau rebooked everything.", "Élodie Moreau"),
        ("i told priya before anyone else.", "priya"),
        ("Told the team. then emailed sarah and i left.", "sarah"),
        ("Aled Rhys-Morgan did the work.", "Aled Rhys-Morgan"),
    ],
)
def test_people(text: str, detail: str) -> None:
    assert (HintKind.PERSON, detail) in found(text)


def test_lower_case_given_names_count_only_in_text_typed_in_lower_case() -> None:
    assert found("My Git commit said priya wrote it.") == []
    assert found("my git commit said priya wrote it") == [(HintKind.PERSON, "priya")]


def test_a_possessive_ends_a_person_s_name() -> None:
    assert found("I forwarded Fiona's Year Plan to everyone.") == [(HintKind.PERSON, "Fiona")]


def test_two_people_joined_by_and_are_two_hints() -> None:
    names = [detail for _, detail in found("It bounced between Ravi Menon and Claire Dunmore.")]
    assert names == ["Ravi Menon", "Claire Dunmore"]


def test_a_name_seen_once_is_found_again_at_a_sentence_start() -> None:
    details = found("I told Okafor first. Okafor was kind about it.")
    assert details == [(HintKind.PERSON, "Okafor"), (HintKind.PERSON, "Okafor")]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("I worked for Leeds City Council then.", "Leeds City Council"),
        ("Kwame from Northgate Housing Association rang.", "Northgate Housing Association"),
        ("at Copperleaf Analytics Ltd.", "Copperleaf Analytics Ltd"),
        ("the University of Leeds offer", "University of Leeds"),
        ("Bramble & Stone Solicitors were cross.", "Bramble & Stone Solicitors"),
        ("a board paper from Greenfield NHS Foundation Trust", "Greenfield NHS Foundation Trust"),
        ("I worked at HMRC for a year.", "HMRC"),
        ("I rang HMRC, then DWP, then the DVLA.", "DVLA"),
        ("Sunbury Building Society were lovely.", "Sunbury Building Society"),
        ("the flat at Kestrel Software GmbH", "Kestrel Software GmbH"),
        ("about Van Dijk Bouw B.V. again", "Van Dijk Bouw B.V."),
        ("Nobody at St Mary's Primary School knew.", "St Mary's Primary School"),
    ],
)
def test_organisations(text: str, detail: str) -> None:
    assert (HintKind.ORGANISATION, detail) in found(text)


# --- What must not be a hint ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I did what I was told, e.g. the old consent rules, etc. and more.",
        "Ratings dropped to 3.5 stars in a day.",
        "We shipped version 2.0 and then version 2.0.1.",
        "The meeting was at 10:30 on 12/03/2024.",
        "It happened in 2023 and again in October 2023.",
        "I refunded £12,500 instead of £1,250 and 10,000 shares.",
        "I said it on Monday. By Thursday it was worse. March was quiet.",
        "The bug was in a line with List<String> and Map<String, Integer>.",
        "Then everything broke. Nobody noticed. Lessons were learned.",
        "I ran DELETE without a WHERE clause.",
        "I ticked Universal Credit instead of Housing Benefit on the form.",
        "Our IT lead and HR asked the CEO for a PDF ASAP.",
        "It was the end.Next time I'll check the main.py and notes.md files.",
        "I pasted it into Excel, then Slack, then a Google Doc.",
        "The family spoke Polish and lived in Openshaw.",
        "I read my DMs in the Year 10 class on Ward 12.",
        "I was SO ANGRY THAT DAY.",
        "Our Chief Executive called a Major Incident.",
        "I gave the NHS number to the GP at A&E.",
        "My server at 192.168.0.12 was down.",
    ],
)
def test_ordinary_text_has_no_hints(text: str) -> None:
    assert found(text) == []


def test_a_sentence_start_is_not_a_name_unless_it_looks_like_one() -> None:
    assert found("Dispatch covered for me. Eleven people stayed late.") == []


# --- The organisers' lists ------------------------------------------------------------


def test_local_names_match_whatever_the_case_and_the_spacing() -> None:
    finder = HintFinder(local_names=["Riverside Estate", "okonjo"])
    text = "I live on the RIVERSIDE  estate and Prof OKONJO knows."
    assert found(text, finder) == [
        (HintKind.LOCAL_NAME, "RIVERSIDE  estate"),
        (HintKind.LOCAL_NAME, "OKONJO"),
    ]


def test_list_entries_match_only_whole_words() -> None:
    finder = HintFinder(watch_words=["ass", "Riverside"])
    assert found("The class went down to the riversides.", finder) == []
    assert found("Don't be an ass, Riverside!", finder) == [
        (HintKind.WATCH_WORD, "ass"),
        (HintKind.WATCH_WORD, "Riverside"),
    ]


def test_blank_list_entries_are_ignored() -> None:
    finder = HintFinder(local_names=["", "   ", "\n"], watch_words=[""])
    assert found("Nothing to see here at all.", finder) == []


def test_the_longest_list_entry_wins() -> None:
    finder = HintFinder(local_names=["Riverside", "Riverside Estate", "Riverside Estate North"])
    assert found("on Riverside Estate North and Riverside Estate", finder) == [
        (HintKind.LOCAL_NAME, "Riverside Estate North"),
        (HintKind.LOCAL_NAME, "Riverside Estate"),
    ]


@pytest.mark.parametrize(
    ("entry", "text", "detail"),
    [
        ("Σοφία", "Μίλησα με τη ΣΟΦΊΑ χθες.", "ΣΟΦΊΑ"),
        ("Дмитрий", "Я сказал дмитрию? Нет, Дмитрий знал.", "Дмитрий"),
        ("王伟", "我告诉了王伟这件事。", "王伟"),
        ("प्रिया", "मैंने प्रिया को बताया", "प्रिया"),
        ("İbrahim", "I told ibrahim and İBRAHIM.", "ibrahim"),
    ],
)
def test_lists_work_in_any_script(entry: str, text: str, detail: str) -> None:
    finder = HintFinder(local_names=[entry])
    assert (HintKind.LOCAL_NAME, detail) in found(text, finder)


def test_offsets_count_code_points() -> None:
    finder = HintFinder(local_names=["Okafor"])
    text = "🙈🙈 told Okafor"
    (hint,) = finder.find(text)
    assert (hint.start, hint.end) == (8, 14)
    assert text[hint.start : hint.end] == "Okafor"


def test_is_flagged_only_by_the_organisers_lists() -> None:
    finder = HintFinder(local_names=["Okafor"], watch_words=["sacked"])
    assert is_flagged(finder.find("Okafor knows."))
    assert is_flagged(finder.find("I got sacked."))
    assert not is_flagged(finder.find("Mrs Jenkins at jo@example.org, 07700 900123."))
    assert not is_flagged([])
    assert is_flagged(iter([Hint(0, 1, HintKind.WATCH_WORD)]))


# --- Overlaps -------------------------------------------------------------------------


def test_list_entries_win_over_the_heuristics() -> None:
    finder = HintFinder(local_names=["Northgate"])
    assert found("I rang Northgate Housing Association.", finder) == [
        (HintKind.LOCAL_NAME, "Northgate")
    ]
    finder = HintFinder(watch_words=["example"])
    assert found("Mail jo@example.org now.", finder) == [(HintKind.WATCH_WORD, "example")]


def test_the_longer_structured_hint_wins() -> None:
    assert found("mail jo.smith@example.org or priya.") == [
        (HintKind.EMAIL, "jo.smith@example.org"),
        (HintKind.PERSON, "priya"),
    ]
    text = "tracking https://track.example.com/112-4459812-7730 now"
    assert found(text) == [(HintKind.URL, "https://track.example.com/112-4459812-7730")]


def test_a_reference_beats_a_phone_number_of_the_same_span() -> None:
    assert found("NHS number 943 476 5919.") == [(HintKind.REFERENCE, "943 476 5919")]


def test_hints_are_sorted_and_never_overlap() -> None:
    finder = HintFinder(local_names=["Riverside Estate", "Okafor"], watch_words=["idiot"])
    for confession in read_set(LABELLED_SET) + read_set(HELD_OUT_SET):
        hints = finder.find(confession.text)
        assert list(hints) == sorted(hints, key=lambda hint: hint.start)
        for earlier, later in itertools.pairwise(hints):
            assert earlier.end <= later.start
        assert all(0 <= hint.start < hint.end <= len(confession.text) for hint in hints)


# --- The labelled set -----------------------------------------------------------------

# Person and organisation are scored as one category: names. Postcodes are scored apart
# from references.
CATEGORY = {
    HintKind.EMAIL: "email",
    HintKind.PHONE: "phone",
    HintKind.URL: "url",
    HintKind.HANDLE: "handle",
    HintKind.REFERENCE: "reference",
    HintKind.POSTCODE: "postcode",
    HintKind.PERSON: "names",
    HintKind.ORGANISATION: "names",
}
STRUCTURED = ("email", "phone", "url", "handle", "reference", "postcode")
RECALL_FLOOR = dict.fromkeys(STRUCTURED, 0.95) | {"names": 0.75}
PRECISION_FLOOR = dict.fromkeys(STRUCTURED, 0.90) | {"names": 0.60}
MIN_LABELS_TO_ASSERT = 5


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    category: str

    def meets(self, other: Span) -> bool:
        return self.category == other.category and self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Confession:
    text: str
    labels: tuple[Span, ...]


def read_set(path: Path) -> list[Confession]:
    confessions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = row["text"]
        labels = tuple(label_span(text, detail) for detail in row["details"])
        confessions.append(Confession(text, labels))
    return confessions


def label_span(text: str, detail: dict[str, object]) -> Span:
    substring, occurrence = str(detail["text"]), int(str(detail.get("occurrence", 0)))
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(substring, start + 1)
    return Span(start, start + len(substring), CATEGORY[HintKind(str(detail["kind"]))])


@dataclass
class Score:
    labelled: Counter[str]
    recalled: Counter[str]
    predicted: Counter[str]
    correct: Counter[str]

    def recall(self, category: str) -> float:
        return self.recalled[category] / self.labelled[category] if self.labelled[category] else 1

    def precision(self, category: str) -> float:
        return self.correct[category] / self.predicted[category] if self.predicted[category] else 1


def score(confessions: list[Confession]) -> Score:
    """A predicted span is right if it overlaps a labelled detail of its category."""
    result = Score(Counter(), Counter(), Counter(), Counter())
    for confession in confessions:
        predicted = [
            Span(hint.start, hint.end, CATEGORY[hint.kind]) for hint in FINDER.find(confession.text)
        ]
        for label in confession.labels:
            result.labelled[label.category] += 1
            result.recalled[label.category] += any(label.meets(p) for p in predicted)
        for prediction in predicted:
            result.predicted[prediction.category] += 1
            result.correct[prediction.category] += any(
                prediction.meets(label) for label in confession.labels
            )
    return result


def report(name: str, result: Score) -> None:
    print(f"\n{name}: category  recall  precision  (labels, predictions)")
    for category in (*STRUCTURED, "names"):
        print(
            f"  {category:9}  {result.recall(category):6.3f}  {result.precision(category):9.3f}"
            f"  ({result.labelled[category]}, {result.predicted[category]})"
        )


def test_the_labelled_set_is_well_formed_and_large_enough() -> None:
    confessions = read_set(LABELLED_SET)  # every labelled detail is found in its text
    rows = [json.loads(line) for line in LABELLED_SET.read_text(encoding="utf-8").splitlines()]
    kinds = Counter(detail["kind"] for row in rows for detail in row["details"])
    assert len(confessions) >= 110
    assert sum(not confession.labels for confession in confessions) >= 25
    for kind in ("email", "phone", "url", "handle", "reference"):
        assert kinds[kind] >= 20, kind
    assert kinds["person"] >= 60
    assert kinds["organisation"] >= 40
    assert kinds["postcode"] >= 3
    assert all(len(confession.text) <= 1000 for confession in confessions)


@pytest.mark.parametrize("path", [LABELLED_SET, HELD_OUT_SET], ids=["labelled", "held-out"])
def test_recall_and_precision_over_the_set(path: Path) -> None:
    result = score(read_set(path))
    report(path.name, result)
    for category in (*STRUCTURED, "names"):
        if result.labelled[category] >= MIN_LABELS_TO_ASSERT:
            assert result.recall(category) >= RECALL_FLOOR[category], category
            assert result.precision(category) >= PRECISION_FLOOR[category], category


def test_find_is_fast() -> None:
    """Prints seconds per 5000 texts: the set's confessions as they are, and run together
    into texts of up to 1000 characters (dense with details: the worst case)."""
    confessions = [confession.text for confession in read_set(LABELLED_SET)]
    finder = HintFinder(
        local_names=["Riverside Estate", *(f"Resident {n}" for n in range(200))],
        watch_words=["idiot", "sacked", "useless"],
    )
    print()
    for label, texts in (
        ("confessions from the set", [confessions[i % len(confessions)] for i in range(5000)]),
        ("texts of up to 1000 chars", long_texts(confessions, 2000)),
    ):
        started = time.perf_counter()
        for text in texts:
            finder.find(text)
        per_5000 = (time.perf_counter() - started) * 5000 / len(texts)
        average = sum(map(len, texts)) / len(texts)
        print(f"find: {per_5000:.2f} s per 5000 {label} (mean {average:.0f} chars)")


def long_texts(confessions: list[str], count: int) -> list[str]:
    """Confessions run together into texts of up to 1000 characters: dense with details."""
    texts: list[str] = []
    current = ""
    index = 0
    while len(texts) < count:
        confession = confessions[index % len(confessions)]
        index += 1
        if len(current) + len(confession) + 1 > 1000:
            texts.append(current)
            current = ""
        current += confession + " "
    return texts
