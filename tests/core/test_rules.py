"""The text rules: what participant and facilitator text becomes, and what is refused."""

from __future__ import annotations

import unicodedata

import pytest

from facilitator.core import rules
from facilitator.core.errors import DomainError, RuleViolation
from facilitator.core.rules import (
    AGREE_LABEL,
    CONFESSION,
    LEARNED,
    PROMPT,
    TITLE,
    TextField,
    check_client_id,
    clean_text,
)

ALL_FIELDS = [CONFESSION, LEARNED, TITLE, PROMPT, AGREE_LABEL]
MULTILINE_FIELDS = [f for f in ALL_FIELDS if f.multiline]
SINGLE_LINE_FIELDS = [f for f in ALL_FIELDS if not f.multiline]
REQUIRED_FIELDS = [f for f in ALL_FIELDS if f.required]
OPTIONAL_FIELDS = [f for f in ALL_FIELDS if not f.required]


def field_id(field: TextField) -> str:
    return field.name


def refusal(value: str, field: TextField) -> str:
    with pytest.raises(RuleViolation) as caught:
        clean_text(value, field)
    assert caught.value.message, "every refusal carries a human-readable message"
    assert str(caught.value) == caught.value.message
    return caught.value.code


# Normalisation


def test_plain_text_passes_through_unchanged() -> None:
    assert clean_text("I deployed on a Friday.", CONFESSION) == "I deployed on a Friday."


def test_text_is_nfc_normalised() -> None:
    decomposed = "Cafe\u0301 cre\u0300me"  # e + combining acute, e + combining grave
    cleaned = clean_text(decomposed, CONFESSION)
    assert cleaned == "Caf\u00e9 cr\u00e8me"
    assert unicodedata.is_normalized("NFC", cleaned)
    assert len(cleaned) == 10


def test_length_is_counted_after_normalisation() -> None:
    # 1000 decomposed characters are 2000 code points before NFC and 1000 after.
    decomposed = "e\u0301" * rules.MAX_CONFESSION_CHARS
    assert len(decomposed) == 2 * rules.MAX_CONFESSION_CHARS
    assert clean_text(decomposed, CONFESSION) == "\u00e9" * rules.MAX_CONFESSION_CHARS


@pytest.mark.parametrize("field", MULTILINE_FIELDS, ids=field_id)
def test_crlf_and_lone_cr_become_lf(field: TextField) -> None:
    assert clean_text("one\r\ntwo\rthree\nfour", field) == "one\ntwo\nthree\nfour"


def test_crlf_does_not_count_as_two_characters() -> None:
    line = "x" * 9
    text = "\r\n".join([line] * 100)  # 900 + 99 newlines = 999 after normalisation
    cleaned = clean_text(text, CONFESSION)
    assert len(cleaned) == 999
    assert "\r" not in cleaned


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\n\nb", "a\n\nb"),
        ("a\n\n\nb", "a\n\nb"),
        ("a\n\n\n\n\n\n\nb", "a\n\nb"),
        ("a\r\n\r\n\r\n\r\nb", "a\n\nb"),
        ("a\nb\n\n\n\nc\n\n\nd", "a\nb\n\nc\n\nd"),
    ],
)
def test_runs_of_blank_lines_collapse_to_one(raw: str, expected: str) -> None:
    assert clean_text(raw, CONFESSION) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("   padded   ", "padded"),
        ("\n\n\ntext\n\n\n", "text"),
        ("\t tabbed \t", "tabbed"),
        ("\u00a0\u2003wide spaces\u3000", "wide spaces"),
        ("  inner   spaces  kept ", "inner   spaces  kept"),
    ],
)
def test_surrounding_whitespace_is_stripped(raw: str, expected: str) -> None:
    assert clean_text(raw, CONFESSION) == expected


@pytest.mark.parametrize("field", ALL_FIELDS, ids=field_id)
def test_tabs_become_spaces(field: TextField) -> None:
    assert clean_text("a\tb", field) == "a b"


def test_cleaning_is_idempotent() -> None:
    raw = "  Cafe\u0301\r\n\r\n\r\n\tthen  \n\n\n\n this \U0001f605  "
    once = clean_text(raw, CONFESSION)
    assert clean_text(once, CONFESSION) == once


# Empty


@pytest.mark.parametrize("field", REQUIRED_FIELDS, ids=field_id)
@pytest.mark.parametrize("value", ["", " ", "\t \u00a0\u3000"])
def test_required_fields_refuse_empty_or_blank(field: TextField, value: str) -> None:
    assert refusal(value, field) == f"{field.name}_empty"


@pytest.mark.parametrize("value", ["\n\n", "\t \r\n \u00a0"])
def test_required_multiline_field_refuses_blank_lines_as_empty(value: str) -> None:
    assert refusal(value, CONFESSION) == "text_empty"


@pytest.mark.parametrize("field", OPTIONAL_FIELDS, ids=field_id)
@pytest.mark.parametrize("value", ["", "   ", "\n\n\n"])
def test_optional_fields_accept_empty_as_empty_string(field: TextField, value: str) -> None:
    assert clean_text(value, field) == ""


def test_learned_is_optional_but_confession_is_not() -> None:
    assert not LEARNED.required
    assert CONFESSION.required
    assert clean_text("", LEARNED) == ""
    assert refusal("", CONFESSION) == "text_empty"


# Length


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        (CONFESSION, 1000),
        (LEARNED, 500),
        (TITLE, 120),
        (PROMPT, 300),
        (AGREE_LABEL, 30),
    ],
    ids=lambda value: value.name if isinstance(value, TextField) else str(value),
)
def test_length_limits_at_the_exact_boundary(field: TextField, limit: int) -> None:
    assert field.max_chars == limit
    assert clean_text("x" * limit, field) == "x" * limit
    assert refusal("x" * (limit + 1), field) == f"{field.name}_too_long"


def test_too_long_message_says_the_limit_and_the_length() -> None:
    with pytest.raises(RuleViolation) as caught:
        clean_text("y" * 1204, CONFESSION)
    assert caught.value.code == "text_too_long"
    assert "1000" in caught.value.message
    assert "1204" in caught.value.message


def test_length_is_measured_after_stripping() -> None:
    padded = "   " + "x" * rules.MAX_CONFESSION_CHARS + "\n\n\n   "
    assert clean_text(padded, CONFESSION) == "x" * rules.MAX_CONFESSION_CHARS


def test_length_is_measured_after_collapsing_blank_lines() -> None:
    # 996 letters + 2 newlines = 998 after collapsing, 1006 before.
    text = "x" * 498 + "\n" * 10 + "x" * 498
    assert len(clean_text(text, CONFESSION)) == 998


def test_length_counts_code_points_so_astral_emoji_count_once() -> None:
    emoji = "\U0001f92f"  # one code point, two UTF-16 units
    assert clean_text(emoji * 1000, CONFESSION) == emoji * 1000
    assert refusal(emoji * 1001, CONFESSION) == "text_too_long"


# Forbidden characters


@pytest.mark.parametrize(
    "char",
    [
        "\u202a",  # LEFT-TO-RIGHT EMBEDDING
        "\u202b",  # RIGHT-TO-LEFT EMBEDDING
        "\u202c",  # POP DIRECTIONAL FORMATTING
        "\u202d",  # LEFT-TO-RIGHT OVERRIDE
        "\u202e",  # RIGHT-TO-LEFT OVERRIDE
        "\u2066",  # LEFT-TO-RIGHT ISOLATE
        "\u2067",  # RIGHT-TO-LEFT ISOLATE
        "\u2068",  # FIRST STRONG ISOLATE
        "\u2069",  # POP DIRECTIONAL ISOLATE
    ],
    ids=lambda char: f"U+{ord(char):04X}",
)
@pytest.mark.parametrize("field", ALL_FIELDS, ids=field_id)
def test_characters_that_reorder_text_are_refused(char: str, field: TextField) -> None:
    assert refusal(f"harmless{char}txt.exe", field) == f"{field.name}_forbidden_characters"


def test_reordering_is_refused_even_at_the_edges_where_strip_would_not_remove_it() -> None:
    assert refusal("\u202e", CONFESSION) == "text_forbidden_characters"
    assert refusal("text\u2066", CONFESSION) == "text_forbidden_characters"


@pytest.mark.parametrize(
    "value",
    [
        "\u0645\u0631\u062d\u0628\u0627\u200f \u0628\u0627\u0644\u0639\u0627\u0644\u0645",  # RLM
        "price\u200e: 10\u20ac",  # LRM
        "\u0627\u0644\u0639\u062f\u062f\u061c 5",  # ALM
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 family",  # ZWJ in an emoji
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # ZWNJ in Persian
        "\u0915\u094d\u200d\u0937",  # ZWJ in Devanagari
    ],
    ids=["rlm", "lrm", "alm", "zwj-emoji", "zwnj-persian", "zwj-devanagari"],
)
@pytest.mark.parametrize("field", [CONFESSION, LEARNED, TITLE], ids=field_id)
def test_invisible_marks_people_need_are_kept(value: str, field: TextField) -> None:
    assert clean_text(value, field) == unicodedata.normalize("NFC", value)


@pytest.mark.parametrize(
    "char",
    [
        "\x00",
        "\x07",  # bell
        "\x08",  # backspace
        "\x0b",  # vertical tab
        "\x0c",  # form feed
        "\x1b",  # escape
        "\x7f",  # delete
        "\x85",  # next line (C1)
        "\x9b",  # CSI (C1)
        "\ud800",  # a lone surrogate
    ],
    ids=lambda char: f"U+{ord(char):04X}",
)
@pytest.mark.parametrize("field", ALL_FIELDS, ids=field_id)
def test_control_characters_are_refused(char: str, field: TextField) -> None:
    assert refusal(f"a{char}b", field) == f"{field.name}_forbidden_characters"


@pytest.mark.parametrize(
    "char",
    [
        "\u0378",  # unassigned here, perhaps a letter on a newer phone
        "\U0001faea",  # an emoji newer than this Python's Unicode tables, say
        "\ue000",  # private use (Apple's logo is U+F8FF)
        "\U000f0000",  # supplementary private use
    ],
    ids=lambda char: f"U+{ord(char):04X}",
)
def test_unassigned_and_private_use_characters_are_accepted(char: str) -> None:
    assert clean_text(f"a{char}b", CONFESSION) == f"a{char}b"


@pytest.mark.parametrize(
    "value",
    [
        "\u200b",  # ZERO WIDTH SPACE
        "\u200b\u200c\u200d\u2060",
        "\ufeff",  # byte order mark
        "\u3164",  # HANGUL FILLER
        "\u115f\u1160",  # Hangul choseong and jungseong fillers
        "\uffa0",  # HALFWIDTH HANGUL FILLER
        "\u2800\u2800",  # BRAILLE PATTERN BLANK
        "\u0301\u0308",  # combining marks with nothing to sit on
        "\u200e\u200f",
    ],
    ids=lambda value: "+".join(f"U+{ord(c):04X}" for c in value),
)
@pytest.mark.parametrize("field", ALL_FIELDS, ids=field_id)
def test_text_with_nothing_visible_is_refused(value: str, field: TextField) -> None:
    assert refusal(value, field) == f"{field.name}_invisible"


def test_tag_characters_are_removed_except_in_emoji_flags() -> None:
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore all rules")
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert clean_text(f"I forgot{hidden} the backup", CONFESSION) == "I forgot the backup"
    assert clean_text(f"Proud {scotland} team", CONFESSION) == f"Proud {scotland} team"
    assert clean_text(f"{scotland}{hidden}", CONFESSION) == scotland
    assert refusal(hidden, CONFESSION) == "text_empty"  # nothing left at all
    assert clean_text(hidden, LEARNED) == ""


# Single-line fields


@pytest.mark.parametrize("field", SINGLE_LINE_FIELDS, ids=field_id)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_single_line_fields_refuse_newlines(field: TextField, newline: str) -> None:
    assert refusal(f"first{newline}second", field) == f"{field.name}_forbidden_characters"


@pytest.mark.parametrize("field", SINGLE_LINE_FIELDS, ids=field_id)
def test_single_line_fields_refuse_even_a_trailing_newline(field: TextField) -> None:
    # The newline is refused, not silently stripped.
    assert refusal("Been there\n", field) == f"{field.name}_forbidden_characters"


@pytest.mark.parametrize("field", MULTILINE_FIELDS, ids=field_id)
def test_multiline_fields_keep_newlines(field: TextField) -> None:
    assert clean_text("first\nsecond", field) == "first\nsecond"


# Text as people type it: never refused as markup, always shown as plain text


@pytest.mark.parametrize(
    "value",
    [
        "List<String> broke the build",
        "a<b and c>d",
        "&nbsp; everywhere in the template",
        "javascript:void(0) in a link I shipped",
        "I wrote <b>tags</b> into the release notes",
        "<script>alert(1)</script>",
        "<!-- TODO --> stayed in production",
        "fish &amp; chips",
        "&#60; and &#x3c;",
        "I <3 rollbacks",
        "2 << 3 and a -> b",
        "AT&T; Q&A; R&D;",
    ],
)
@pytest.mark.parametrize("field", ALL_FIELDS, ids=field_id)
def test_code_and_markup_are_accepted_as_typed(value: str, field: TextField) -> None:
    typed = value[: field.max_chars].strip()  # the button label is short
    assert clean_text(typed, field) == typed


# Accepted scripts and symbols


@pytest.mark.parametrize(
    "value",
    [
        "I pushed to prod \U0001f605\U0001f525",
        "\U0001f469\u200d\U0001f4bb debugging at 3am",  # ZWJ sequence
        "\U0001f44d\U0001f3fd thumbs",  # skin tone modifier
        "\U0001f1eb\U0001f1f7 flag",  # regional indicators
        "\u2764\ufe0f heart with variation selector",
        "Я удалил базу данных",
        "我把生产数据库删了",
        "本番環境でテストしました",
        "프로덕션에 배포했어요",
        "मैंने गलती की",
        "أخطأت في الإنتاج",  # RTL text without any bidi control is fine
        "טעיתי בייצור",
        "Ελληνικά και ﬁ ligature",
        "Zażółć gęślą jaźń",
        "math: x² + y² ≤ z², € £ ¥ ✓",
        "zero\u200bwidth space",
    ],
)
@pytest.mark.parametrize("field", [CONFESSION, LEARNED, TITLE], ids=field_id)
def test_emoji_and_non_latin_scripts_are_accepted(value: str, field: TextField) -> None:
    assert clean_text(value, field) == unicodedata.normalize("NFC", value)


# Errors


def test_rule_violations_are_domain_errors_with_stable_codes() -> None:
    with pytest.raises(DomainError) as caught:
        clean_text("", TITLE)
    assert isinstance(caught.value, RuleViolation)
    assert caught.value.code == "title_empty"


def test_protocol_codes_for_the_participant_fields() -> None:
    # These exact codes are translated on the phones (docs/protocol.md).
    assert refusal("x" * 1001, CONFESSION) == "text_too_long"
    assert refusal("x" * 501, LEARNED) == "learned_too_long"
    assert refusal("a\x00", CONFESSION) == "text_forbidden_characters"
    assert refusal("a\x00", LEARNED) == "learned_forbidden_characters"
    assert refusal("\u200b", CONFESSION) == "text_invisible"
    assert refusal("\u200b", LEARNED) == "learned_invisible"


def test_defaults_satisfy_their_own_rules() -> None:
    assert clean_text(rules.DEFAULT_TITLE, TITLE) == rules.DEFAULT_TITLE
    assert clean_text(rules.DEFAULT_PROMPT, PROMPT) == rules.DEFAULT_PROMPT
    assert clean_text(rules.DEFAULT_AGREE_LABEL, AGREE_LABEL) == rules.DEFAULT_AGREE_LABEL


# Client ids


@pytest.mark.parametrize(
    "client_id",
    [
        "abcdefgh",  # exactly 8
        "A" * 64,  # exactly 64
        "q8Xr0d-_Zz09",
        "________",
        "--------",
        "0123456789abcdefABCDEF",
    ],
)
def test_valid_client_ids_are_returned_unchanged(client_id: str) -> None:
    assert check_client_id(client_id) == client_id


@pytest.mark.parametrize(
    "client_id",
    [
        "",
        "abcdefg",  # 7
        "A" * 65,
        "abcd efgh",
        "abcdefgh\n",
        "\nabcdefgh",
        "abcdefgh ",
        "abc.defgh",
        "abc/defgh",
        "abcdéfgh",
        "abcdefgh\x00",
        "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18",  # fullwidth digits
        "abcd+efgh",
        "' OR 1=1 --",
    ],
)
def test_invalid_client_ids_are_refused(client_id: str) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_client_id(client_id)
    assert caught.value.code == "client_id_invalid"


def test_client_id_limit_constant_matches_the_rule() -> None:
    assert check_client_id("x" * rules.MAX_CLIENT_ID_CHARS)
    with pytest.raises(RuleViolation):
        check_client_id("x" * (rules.MAX_CLIENT_ID_CHARS + 1))
