"""The rules participant and facilitator text must follow.

Text is always shown as plain text; these rules additionally refuse input that
could disguise itself (bidi overrides, control characters) or that is markup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from facilitator.core.errors import RuleViolation

MAX_CONFESSION_CHARS = 1000
MAX_LEARNED_CHARS = 500
MAX_TITLE_CHARS = 120
MAX_PROMPT_CHARS = 300
MAX_LABEL_CHARS = 30
MAX_CLIENT_ID_CHARS = 64

DEFAULT_TITLE = "Never waste a mistake"
DEFAULT_PROMPT = "What mistake taught you the most?"
DEFAULT_AGREE_LABEL = "Been there"

_BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_ALLOWED_CONTROLS = frozenset("\n\t")
_MARKUP = re.compile(
    r"</?[a-zA-Z!?][^<>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,7});|javascript:", re.IGNORECASE
)
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
TITLE = TextField("title", MAX_TITLE_CHARS, required=True, multiline=False)
PROMPT = TextField("prompt", MAX_PROMPT_CHARS, required=False, multiline=True)
AGREE_LABEL = TextField("agree_label", MAX_LABEL_CHARS, required=True, multiline=False)


def clean_text(value: str, field: TextField) -> str:
    """Return ``value`` normalised, or raise :class:`RuleViolation` saying why not."""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    for char in text:
        if char in _BIDI_CONTROLS:
            raise RuleViolation(
                f"{field.name}_forbidden_characters",
                "The text contains invisible direction-changing characters.",
            )
        if char in _ALLOWED_CONTROLS and (field.multiline or char == "\t"):
            continue
        category = unicodedata.category(char)
        if category in {"Zl", "Zp"} and not field.multiline:
            raise RuleViolation(
                f"{field.name}_forbidden_characters", "This field must stay on one line."
            )
        if category in {"Cc", "Cs", "Co", "Cn"}:
            raise RuleViolation(
                f"{field.name}_forbidden_characters",
                "The text contains control or unassigned characters.",
            )
    text = _BLANK_LINES.sub("\n\n", text.replace("\t", " ")).strip()
    if _MARKUP.search(text):
        raise RuleViolation(
            f"{field.name}_markup", "Please write plain text, without HTML or code."
        )
    if field.required and not text:
        raise RuleViolation(f"{field.name}_empty", "Please write something first.")
    if len(text) > field.max_chars:
        raise RuleViolation(
            f"{field.name}_too_long",
            f"Please keep it under {field.max_chars} characters (this is {len(text)}).",
        )
    return text


def check_client_id(client_id: str) -> str:
    """A submission's client-generated id: what makes a retry a duplicate, not a new one."""
    if not _CLIENT_ID.fullmatch(client_id):
        raise RuleViolation("client_id_invalid", "The message id is malformed.")
    return client_id
