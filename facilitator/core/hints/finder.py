"""Finding every hint in a confession: each source in turn, then overlaps resolved.

``find`` runs on every confession as it arrives, so it is kept fast: everything is
compiled once (each ``HintFinder`` compiles its own lists once), every pattern starts
with a literal or a character class so that the regular expression engine can skip
ahead, keywords are matched against a lower-cased copy of the text instead of with
IGNORECASE, and libphonenumber only sees stretches that could hold a phone number.
Finders for structured details run only on text with the character they need.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from facilitator.core.hints.contacts import email_hints, handle_hints, url_hints
from facilitator.core.hints.model import Hint, HintKind
from facilitator.core.hints.names import name_hints
from facilitator.core.hints.overlaps import without_overlaps
from facilitator.core.hints.phones import phone_hints
from facilitator.core.hints.phrases import PhraseMatcher
from facilitator.core.hints.postcodes import postcode_hints
from facilitator.core.hints.references import reference_hints
from facilitator.core.hints.text import lower


class HintFinder:
    """Finds hints in confessions, with the organisers' local names and watch words."""

    def __init__(self, local_names: Sequence[str] = (), watch_words: Sequence[str] = ()) -> None:
        self._local_names = PhraseMatcher(local_names)
        self._watch_words = PhraseMatcher(watch_words)

    def find(self, text: str) -> tuple[Hint, ...]:
        """The hints in ``text``, sorted by start and never overlapping.

        ``text`` is expected in NFC, as ``rules.clean_text`` leaves it; list entries are
        put in NFC too.
        """
        lowered = lower(text)
        candidates = [
            *self._local_names.hints(lowered, HintKind.LOCAL_NAME),
            *self._watch_words.hints(lowered, HintKind.WATCH_WORD),
            *_structured_hints(text, lowered),
            *name_hints(text),
        ]
        return without_overlaps(candidates)


_DIGIT = re.compile(r"\d")
_TWO_DIGITS = re.compile(r"\d\D?\d")  # in every reference (AB12 CDE) and phone number


def _structured_hints(text: str, lowered: str) -> Iterator[Hint]:
    if "@" in text:
        yield from email_hints(text)
        yield from handle_hints(text)
    yield from url_hints(text, lowered)
    if _DIGIT.search(text):
        yield from postcode_hints(text, lowered)
        if _TWO_DIGITS.search(text):
            yield from phone_hints(text)
            yield from reference_hints(text, lowered)
