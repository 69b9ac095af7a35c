"""Capitalised words, and the runs they make when joined by spaces or connectors ("Bank of
England", "St Mary's Primary School", "Ravi and Claire"): the raw material of names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from facilitator.core.hints.name_words import ABBREVIATIONS, NEVER_NAMES

# Words that join capitalised words into one name.
_CONNECTORS = frozenset(
    {"of", "for", "and", "&", "de", "da", "di", "du", "del", "della", "van", "von", "der", "den"}
    | {"la", "le", "bin", "ibn", "al", "el", "y", "upon", "on", "under"}
)
POSSESSIVE_JOIN = "'s"  # St Mary's Primary School


def _uppercase_class() -> str:
    """A character class of the capital letters of the Basic Multilingual Plane."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if chr(code).isupper() or chr(code).istitle():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    parts = (
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
    return "[" + "".join(parts) + "]"


_UPPER = _uppercase_class()
# A capitalised word (O'Brien, Rhys-Morgan, Anne's), an acronym with & (M&S) or with dots
# (B.V.); never part of a handle, an address, a path or a code (P1, HB-77821, List<T>).
_CAPITALISED = re.compile(
    rf"{_UPPER}(?<![\w@#/.+'\u2019<>-]{_UPPER})(?:"
    rf"\.(?:{_UPPER}\.)+"
    rf"|&{_UPPER}+(?![\w&])"
    rf"|(?:[^\W\d_]|['\u2019-](?=[^\W\d_]))*(?![\w@/&<>(\[]|\.\w|-\d|['\u2019]?\d)"
    r")"
)
_RUN_GAP = re.compile(r"[ \t\u00a0]+(?:(?P<connector>[^\W\d]+|&)[ \t\u00a0]+)?")


@dataclass(slots=True)
class Word:
    """A capitalised word; ``end`` and ``key`` leave out a possessive 's."""

    start: int
    end: int
    key: str  # lower case
    acronym: bool  # HMRC, M&S, B.V.
    mixed: bool  # capitals then lower case: DMs, GPs, DMing
    possessive: bool

    @property
    def initial(self) -> bool:
        return self.end - self.start == 1


def capitalised_words(text: str) -> list[Word]:
    """The capitalised words in ``text`` that could be part of a name, in order."""
    return [_word(match) for match in _CAPITALISED.finditer(text) if _may_name(match.group())]


def _may_name(word: str) -> bool:
    """Whether a capitalised word could be part of a name: not "I", "The", "Monday".

    Words left out still separate names, as the gap they leave joins nothing.
    """
    return word.lower() not in NEVER_NAMES


def _word(match: re.Match[str]) -> Word:
    text = match.group()
    possessive = text.endswith(("'s", "\u2019s")) and len(text) > 2
    if possessive:
        text = text[:-2]
    acronym = len(text) > 1 and text.isupper()
    mixed = not acronym and len(text) > 2 and text[1].isupper()
    end = match.start() + len(text)
    return Word(match.start(), end, text.lower(), acronym, mixed, possessive)


@dataclass(slots=True)
class Run:
    """Capitalised words joined by spaces or connectors (of, and, de): a name, maybe."""

    words: tuple[Word, ...]
    connectors: tuple[str, ...]  # connectors[i] stands between words[i] and words[i + 1]

    def slice(self, start: int, end: int) -> Run:
        return Run(self.words[start:end], self.connectors[start : max(start, end - 1)])


def runs(text: str, words: list[Word]) -> Iterator[Run]:
    """The words, in order, grouped into runs of words that join into one name."""
    if not words:
        return
    run_words = [words[0]]
    connectors: list[str] = []
    for word in words[1:]:
        connector = _joining_connector(text, run_words[-1], word)
        if connector is None:
            yield Run(tuple(run_words), tuple(connectors))
            run_words, connectors = [], []
        else:
            connectors.append(connector)
        run_words.append(word)
    yield Run(tuple(run_words), tuple(connectors))


def _joining_connector(text: str, previous: Word, word: Word) -> str | None:
    """How two capitalised words join into one name, or None if they do not."""
    if previous.possessive:
        return POSSESSIVE_JOIN if text[previous.end + 2 : word.start] == " " else None
    gap = text[previous.end : word.start]
    if gap == " ":
        return " "
    if gap in (".", ". ") and (previous.initial or previous.key in ABBREVIATIONS):
        return " "
    match = _RUN_GAP.fullmatch(gap)
    if match is None:
        return None
    connector = (match.group("connector") or " ").lower()
    return connector if connector == " " or connector in _CONNECTORS else None
