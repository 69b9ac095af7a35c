"""The rules participant and facilitator text must follow.

Text is accepted as people type it (code, ``<``, ``&``, any script or emoji) and is
shown as plain text everywhere. Refused is only what hides or spoofs text: control
characters, characters that reorder text (bidi overrides, embeddings, isolates) and
text with nothing visible in it. Tag characters outside emoji flags are removed, as
they hide text; invisible marks people need (LRM, RLM, ALM, ZWJ, ZWNJ) are kept.
The phone page applies the same checks (``participant_web/rules.js``, held to these
by a parity test) with the limits the host sends it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from facilitator.core.errors import RuleViolation

MAX_CONFESSION_CHARS = 1000
MAX_LEARNED_CHARS = 500
MAX_REPLY_CHARS = 200  # one short line: what helped
MAX_TITLE_CHARS = 120
MAX_PROMPT_CHARS = 300
MAX_CLOSING_NOTE_CHARS = 2000
MAX_LABEL_CHARS = 30
MAX_HOUSE_RULES_CHARS = 1500
MAX_LOGO_BYTES = 10 * 1024 * 1024  # an organiser's logo file (core/logo.py)
MIN_CONFESSION_LIMIT = 100  # the shortest limit a facilitator may set on a confession
MAX_CLIENT_ID_CHARS = 64

DEFAULT_TITLE = "Never waste a mistake"
DEFAULT_PROMPT = "What mistake taught you the most?"
DEFAULT_AGREE_LABEL = "Been there"
# The house rules a session has until the facilitator writes their own: what the room is
# promised (each display shows them in its own language; the record keeps this English).
DEFAULT_HOUSE_RULES = (
    "Chatham House rule: share what you hear here, never who said it.\n"
    "Don't name colleagues, organisations, clients or service users.\n"
    "This is not a whistleblowing or safeguarding channel: for that, speak to the "
    "organisers, who will tell you where to go.\n"
    "Nobody is named: the organisers keep a record of what was shown, never who sent it, "
    "and unshown confessions are deleted when the session ends."
)

# Characters that reorder text around them: they can make it read otherwise than it is
# stored ("Trojan Source"). The marks LRM, RLM and ALM (U+200E, U+200F, U+061C) only set a
# direction, are typed by people writing right-to-left scripts, and are kept.
_REORDERING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROLS = frozenset("\n\t")
# Tag characters hide text (they render as nothing); they belong only in the emoji flags
# of subdivisions (black flag, tags, cancel tag), where they are kept.
_TAG_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
_TAGS = re.compile("[\U000e0000-\U000e007f]")
# Blank characters that are letters or symbols by category but show nothing.
_BLANK_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me"})
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class TextField:
    """Names a field so that refusals can say which one broke a rule."""

    name: str
    max_chars: int
    required: bool
    multiline: bool


CONFESSION = TextField("text", MAX_CONFESSION_CHARS, required=True, multiline=True)
LEARNED = TextField("learned", MAX_LEARNED_CHARS, required=False, multiline=True)
REPLY = TextField("text", MAX_REPLY_CHARS, required=True, multiline=False)
TITLE = TextField("title", MAX_TITLE_CHARS, required=True, multiline=False)
PROMPT = TextField("prompt", MAX_PROMPT_CHARS, required=False, multiline=True)
CLOSING_NOTE = TextField("closing_note", MAX_CLOSING_NOTE_CHARS, required=False, multiline=True)
AGREE_LABEL = TextField("agree_label", MAX_LABEL_CHARS, required=True, multiline=False)
HOUSE_RULES = TextField("house_rules", MAX_HOUSE_RULES_CHARS, required=False, multiline=True)
_ACCENT = re.compile(r"^#[0-9a-f]{6}$")


def confession_field(max_chars: int) -> TextField:
    """The confession's rule under the session's own limit (at most the product's)."""
    if max_chars == CONFESSION.max_chars:
        return CONFESSION
    return TextField(CONFESSION.name, max_chars, required=True, multiline=True)


def check_confession_limit(max_chars: int) -> int:
    if not MIN_CONFESSION_LIMIT <= max_chars <= MAX_CONFESSION_CHARS:
        raise RuleViolation(
            "max_length_out_of_range",
            f"A confession's limit must be {MIN_CONFESSION_LIMIT} to "
            f"{MAX_CONFESSION_CHARS} characters.",
        )
    return max_chars


def clean_accent(colour: str) -> str:
    """``#rrggbb`` in lower case, or ``""`` for the product's own colours."""
    accent = colour.strip().lower()
    if accent and not _ACCENT.match(accent):
        raise RuleViolation(
            "accent_malformed", "An accent colour is written as #rrggbb, such as #1a7f64."
        )
    return accent


def clean_text(value: str, field: TextField) -> str:
    """Return ``value`` normalised, or raise :class:`RuleViolation` saying why not."""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    for char in text:
        if char in _REORDERING:
            raise RuleViolation(
                f"{field.name}_forbidden_characters",
                "The text contains characters that reorder it invisibly.",
            )
        if char in _ALLOWED_CONTROLS and (field.multiline or char == "\t"):
            continue
        category = unicodedata.category(char)
        if category in {"Zl", "Zp"} and not field.multiline:
            raise RuleViolation(
                f"{field.name}_forbidden_characters", "This field must stay on one line."
            )
        if category in {"Cc", "Cs"}:
            raise RuleViolation(
                f"{field.name}_forbidden_characters", "The text contains control characters."
            )
    text = _without_hidden_tags(text)
    text = _BLANK_LINES.sub("\n\n", text.replace("\t", " ")).strip()
    if not text:
        if field.required:
            raise RuleViolation(f"{field.name}_empty", "Please write something first.")
        return text
    if not any(_visible(char) for char in text):
        raise RuleViolation(f"{field.name}_invisible", "There is nothing visible in this text.")
    if len(text) > field.max_chars:
        raise RuleViolation(
            f"{field.name}_too_long",
            f"Please keep it under {field.max_chars} characters (this is {len(text)}).",
        )
    return text


def _without_hidden_tags(text: str) -> str:
    """Remove tag characters, except in the emoji flags they are made for."""
    if not _TAGS.search(text):
        return text
    kept: list[str] = []
    position = 0
    for flag in _TAG_FLAG.finditer(text):
        kept += [_TAGS.sub("", text[position : flag.start()]), flag[0]]
        position = flag.end()
    kept.append(_TAGS.sub("", text[position:]))
    return "".join(kept)


def _visible(char: str) -> bool:
    return char not in _BLANK_FILLERS and unicodedata.category(char) not in _INVISIBLE_CATEGORIES


def check_client_id(client_id: str) -> str:
    """A submission's client-generated id: what makes a retry a duplicate, not a new one."""
    if not _CLIENT_ID.fullmatch(client_id):
        raise RuleViolation("client_id_invalid", "The message id is malformed.")
    return client_id


# A register row's follow-up, filled in by the organisers after the session
# (``core/record/amend.py``): one line each, an action and by when. Never a participant's
# name is the form's hint: it cannot be checked.
MAX_FOLLOW_UP_ACTION_CHARS = 200
MAX_FOLLOW_UP_BY_WHEN_CHARS = 40
FOLLOW_UP_ACTION = TextField(
    "follow_up_action", MAX_FOLLOW_UP_ACTION_CHARS, required=False, multiline=False
)
FOLLOW_UP_BY_WHEN = TextField(
    "follow_up_by_when", MAX_FOLLOW_UP_BY_WHEN_CHARS, required=False, multiline=False
)
