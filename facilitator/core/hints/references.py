"""Reference and case numbers: those after a word that names them ("case 2023/00417"),
those known by their shape (JIRA-4521, an IBAN, a National Insurance number), and those
after a hash (#88213)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from facilitator.core.hints.model import Hint, HintKind
from facilitator.core.hints.phrases import keyword_pattern
from facilitator.core.hints.text import words

# Words after which a number is a reference ("case 2023/00417", "NHS number 943 476 5919").
_REFERENCE_WORDS = words("""
    ticket case claim ref reference invoice inv order account acct policy booking
    application incident job tracking membership member customer patient hospital nhs
    national-insurance ni nino employee staff student payroll tenancy tenant complaint
    request log crime cad matter grievance licence license registration reg serial passport
    utr crn pan bvn nin ssn tfn medicare aadhaar iban pcn penalty permit certificate
    contract purchase-order po visa docket id
""")
_REFERENCE_NOUNS = ("number", "no.", "no", "num", "nr", "id", "ref", "reference", "code")
_KEYWORD_REFERENCE = re.compile(
    keyword_pattern(word.replace("-", " ") for word in _REFERENCE_WORDS)
    + rf"(?:[ \t]+{keyword_pattern(_REFERENCE_NOUNS)})?"
    + r"[ \t]*[:#,]?[ \t]*#?"
    + r"(?P<ref>(?=[\w/-]*\d)[a-z0-9](?:[a-z0-9/-]*[a-z0-9])?(?: [1-9]\d{2,})*)(?![\w/-])"
)
# References recognisable by their shape alone, starting with a capital letter ...
_LETTERED_REFERENCE = re.compile(
    r"[A-Z](?<![\w#][A-Z])(?:"
    r"[A-Z]{1,5}[-/]\d{3,}(?:[-/]\d+)*"  # JIRA-4521, FOI-2022-0931, TEN/004417
    r"|[A-Z]{1,4}\d{5,}"  # INC0012345
    r"|[A-Z]{4}\d{4}[A-Z]"  # an Indian PAN
    r"|[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]"  # a National Insurance number
    r"|[A-Z]\d{2} ?[A-Z]{3}"  # a UK vehicle registration
    r"|(?P<iban>[A-Z]\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)"
    r")(?![\w/-])"
)
_NOT_REFERENCE_PREFIXES = frozenset({"COVID", "ISO", "SARS", "MERS", "EN", "BS", "RFC", "PEP"})
# ... with a digit ...
_NUMBERED_REFERENCE = re.compile(
    r"\d(?<![\w£$€.,/#-]\d)(?:"
    r"\d{3}(?:[ -]\d{4}){2,3}"  # card numbers, Aadhaar
    r"|\d{2}-\d{2}-\d{4}"  # a US social security number
    r"|(?P<sort_code>\d-\d{2}-\d{2})"  # a UK sort code, unless it reads as a date
    r"|(?P<long>\d{7,18})"  # account numbers and other long numbers
    r")(?![\w/-]|[.,]\d)"
)
# ... or with a hash: ticket #88213.
_HASHED_REFERENCE = re.compile(r"#(?<![\w#]#)\d{4,}(?!\w)")
_MIN_REFERENCE_DIGITS = 4
_SIBLING_MIN_LENGTH = 4


def reference_hints(text: str, lowered: str) -> Iterator[Hint]:
    """Reference and case numbers in ``text`` (``lowered`` is it in lower case)."""
    after_keywords = [Hint(*span, HintKind.REFERENCE) for span in _keyword_references(lowered)]
    yield from after_keywords
    yield from _siblings(text, after_keywords)
    for start, end in _shaped_references(text):
        yield Hint(start, end, HintKind.REFERENCE)


def _keyword_references(lowered: str) -> Iterator[tuple[int, int]]:
    for match in _KEYWORD_REFERENCE.finditer(lowered):
        if _looks_like_reference(match.group("ref")):
            yield match.span("ref")


def _shaped_references(text: str) -> Iterator[tuple[int, int]]:
    for match in _LETTERED_REFERENCE.finditer(text):
        if match.group("iban") is not None and not _is_iban(match.group()):
            continue
        if re.split(r"[-/]", match.group())[0] not in _NOT_REFERENCE_PREFIXES:
            yield match.span()
    for match in _NUMBERED_REFERENCE.finditer(text):
        if not _is_date_like(match):
            yield match.span()
    for match in _HASHED_REFERENCE.finditer(text):
        yield match.span()


def _looks_like_reference(token: str) -> bool:
    digits = sum(char.isdigit() for char in token)
    letters = sum(char.isalpha() for char in token)
    if token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2099:
        return False
    return digits >= _MIN_REFERENCE_DIGITS or (digits >= 3 and letters > 0)


def _is_iban(candidate: str) -> bool:
    compact = candidate.replace(" ", "")
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def _is_date_like(match: re.Match[str]) -> bool:
    """Whether a sort code reads as a date (12-03-24), or a long number starts with a
    0 (a phone number's) or reads as a year, month and day (20231105)."""
    number = match.group()
    if match.group("sort_code") is not None:
        first, second, _ = (int(part) for part in number.split("-"))
        return (1 <= first <= 31 and 1 <= second <= 12) or (1 <= first <= 12 and 1 <= second <= 31)
    if match.group("long") is not None:
        if number.startswith("0"):
            return True
        year, month, day = int(number[:4]), int(number[4:6]), int(number[6:])
        return len(number) == 8 and 1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31
    return False


def _siblings(text: str, references: list[Hint]) -> Iterator[Hint]:
    """Other numbers of exactly the shape of a reference found after a keyword: "CAD 4471
    instead of 4417". (References found by their shape find their siblings themselves.)"""
    shapes = {_shape(text[hint.start : hint.end]) for hint in references}
    for shape in shapes:
        if len(shape) >= _SIBLING_MIN_LENGTH:
            for match in re.finditer(rf"(?<![\w/-]){shape}(?![\w/-])", text):
                if _looks_like_reference(match.group()):
                    yield Hint(match.start(), match.end(), HintKind.REFERENCE)


def _shape(token: str) -> str:
    """A pattern for tokens shaped like this one: digits for digits, capitals for capitals."""
    parts = []
    for char in token:
        if char.isdigit():
            parts.append(r"\d")
        elif char.isupper():
            parts.append("[A-Z]")
        elif char.isalpha():
            parts.append("[a-z]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)
