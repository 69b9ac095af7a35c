"""Postcodes: UK ones by their shape, US and Australian ones after their state, German and
Dutch ones before a place, and any after a word that names one ("postcode 560001")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from facilitator.core.hints.model import Hint, HintKind
from facilitator.core.hints.phrases import keyword_pattern
from facilitator.core.hints.text import words

# UK postcodes (M1 1AE, SW1A 2AA); a US ZIP after its state (IL 62704); an Australian
# postcode after its state (NSW 2150).
_LETTERED_POSTCODE = re.compile(
    r"[A-Z](?<![\w][A-Z])(?:"
    r"(?P<uk>(?:[A-Z]?\d[A-Z\d]?|IR) ?\d[ABD-HJLNP-UW-Z]{2})"
    r"|(?P<state>[A-Z]{1,2}),? (?P<code>\d{4,5}(?:-\d{4})?)"
    r")(?!\w)"
)
US_STATES = words("""
    AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV
    NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY
""")
AU_STATES = words("NSW VIC QLD SA WA TAS ACT NT")
_ZIP_PLUS_FOUR = re.compile(r"\d(?<![\w-]\d)\d{4}-\d{4}(?![\w-])")
# German (10115 Berlin) and Dutch (1012 AB Amsterdam) postcodes, before a place's name
# and after a word that leads to a place.
_PLACE_CODE = re.compile(r"\d(?<![\w-]\d)(?:\d{4}|\d{3} ?[A-Z]{2}) (?=[^\W\d_][^\W\d_])")
_PLACE_WORDS = frozenset({"in", "at", "to", "from", "near", "plz", "postcode"})
_POSTCODE_WORD_STEMS = ("post", "zip", "pin", "plz")
_NAMED_POSTCODE = re.compile(
    keyword_pattern(["postcode", "post code", "zip", "zip code", "pin code", "pincode", "plz"])
    + r"[ \t]*[:,]?[ \t]*(?P<code>\d{4,6}(?:-\d{4})?)(?!\w)"
)


def postcode_hints(text: str, lowered: str) -> Iterator[Hint]:
    """Postcodes in ``text`` (``lowered`` is it in lower case)."""
    for match in _LETTERED_POSTCODE.finditer(text):
        if match.group("uk") is not None:
            yield Hint(match.start(), match.end(), HintKind.POSTCODE)
        elif _is_state_code(match.group()[0] + match.group("state"), match.group("code")):
            yield Hint(match.start("code"), match.end("code"), HintKind.POSTCODE)
    for match in _ZIP_PLUS_FOUR.finditer(text):
        yield Hint(match.start(), match.end(), HintKind.POSTCODE)
    for match in _PLACE_CODE.finditer(text):
        words_before = lowered[max(0, match.start() - 10) : match.start()].split()
        if words_before and words_before[-1].strip(",:") in _PLACE_WORDS:
            yield Hint(match.start(), match.end() - 1, HintKind.POSTCODE)
    if any(word in lowered for word in _POSTCODE_WORD_STEMS):
        yield from _named_postcodes(lowered)


def _is_state_code(state: str, code: str) -> bool:
    state = state.lower()
    return (state in US_STATES and len(code) != 4) or (state in AU_STATES and len(code) == 4)


def _named_postcodes(lowered: str) -> Iterator[Hint]:
    for match in _NAMED_POSTCODE.finditer(lowered):
        yield Hint(match.start("code"), match.end("code"), HintKind.POSTCODE)
