"""Phone numbers, found by Google's libphonenumber in the stretches of a confession that
could hold one."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from facilitator.core.hints.model import Hint, HintKind
from facilitator.core.hints.text import starts_word

# Regions whose national formats are tried, most likely first: those whose national
# numbers start with a trunk 0 (07700 900123, 030 901820), and those whose do not
# ((415) 555-0134, 98765 43210). Numbers written with a leading + need no region.
_TRUNK_ZERO_REGIONS = ("GB", "DE", "FR", "IN", "AU", "NG", "NL", "IE")
_NO_TRUNK_REGIONS = ("US", "IN")
_NO_TRUNK_DIGITS = 10  # (415) 555-0134, 98765 43210; or 11 with the US country code 1
# A stretch of text that might hold phone numbers: only these are given to the matcher.
_PHONE_STRETCH = re.compile(r"[+(\d][\d \t\u00a0().\-/+]{6,}\d\)?")
_DOTTED_QUAD = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_MIN_PHONE_DIGITS = 7
_MAX_PHONE_DIGITS = 17
_MIN_NATIONAL_DIGITS = 9


def phone_hints(text: str) -> Iterator[Hint]:
    """Phone numbers in ``text``, national or international."""
    for stretch in _PHONE_STRETCH.finditer(text):
        start, candidate = stretch.start(), stretch.group()
        if _could_be_phone(text, start, candidate):
            for found_start, found_end in _phone_numbers_in(candidate):
                yield Hint(start + found_start, start + found_end, HintKind.PHONE)


def _could_be_phone(text: str, start: int, candidate: str) -> bool:
    digits = sum(char.isdigit() for char in candidate)
    return (
        _MIN_PHONE_DIGITS <= digits <= _MAX_PHONE_DIGITS
        and starts_word(text, start, also="-/.")
        and not _DOTTED_QUAD.fullmatch(candidate)
    )


def _phone_numbers_in(candidate: str) -> list[tuple[int, int]]:
    """The phone numbers that the first region to find any finds, as spans."""
    for region in _regions_for(candidate):
        matcher = phonenumbers.PhoneNumberMatcher(
            candidate, region, leniency=phonenumbers.Leniency.POSSIBLE
        )
        spans = [(match.start, match.end) for match in matcher if _is_plausible_phone(match)]
        if spans:
            return spans
    return []


def _regions_for(candidate: str) -> tuple[str, ...]:
    written = candidate.lstrip("(")
    if written.startswith("+"):
        return _TRUNK_ZERO_REGIONS[:1]
    if written.startswith("0"):
        return _TRUNK_ZERO_REGIONS
    digits = "".join(char for char in written if char.isdigit())
    if len(digits) == _NO_TRUNK_DIGITS or (
        len(digits) == _NO_TRUNK_DIGITS + 1 and digits[0] == "1"
    ):
        return _NO_TRUNK_REGIONS
    return ()


def _is_plausible_phone(match: phonenumbers.PhoneNumberMatch) -> bool:
    """International numbers, valid ones, and long national ones with a trunk 0.

    The last catches numbers that libphonenumber calls invalid only because they sit in
    ranges kept for drama and examples (07700 900123).
    """
    written = match.raw_string.lstrip("(")
    if written.startswith("+") or phonenumbers.is_valid_number(match.number):
        return True
    national = str(match.number.national_number)
    return written.startswith("0") and len(national) >= _MIN_NATIONAL_DIGITS
