"""Likely names of people and organisations: runs of capitalised words away from the start
of a sentence, after titles, with organisation words or common given names, acronyms, and
given names typed in lower case. These are heuristics, the least trusted of the hints."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from facilitator.core.hints.model import Hint, HintKind
from facilitator.core.hints.name_runs import POSSESSIVE_JOIN, Run, Word, capitalised_words, runs
from facilitator.core.hints.name_words import (
    ABBREVIATIONS,
    COMMON_ACRONYMS,
    FUNCTION_WORDS,
    GENERIC_WORDS,
    GIVEN_NAMES,
    HONORIFICS,
    NAMED_THINGS,
    NEVER_NAMES,
    ORGANISATION_WORDS,
    SHOUTED_WORDS,
    TITLES,
)
from facilitator.core.hints.phrases import PhraseMatcher
from facilitator.core.hints.text import starts_word

_PLACE_PREPOSITIONS = frozenset({"in", "near"})
_CODE_NOUNS = frozenset({"number", "no", "id", "code", "check", "ref", "reference"})
# Where a run without an organisation word splits into names: Ravi and Claire, Priya's Team.
_SPLITTING_CONNECTORS = frozenset({"and", "&", POSSESSIVE_JOIN})
_VERB_MIN_LENGTH = 6
_MAX_ACRONYM = 6

_SENTENCE_OPENERS = frozenset(" \t\u00a0\"'\u201c\u2018([{*\u2022-\u2013\u2014")
_SENTENCE_ENDS = frozenset(".!?…:;")
_WORD_BEFORE_STOP = re.compile(r"(\w+)\.$")


def name_hints(text: str) -> list[Hint]:
    """Likely names of people and organisations in ``text``."""
    words = capitalised_words(text)
    hints = [hint for run in runs(text, words) for hint in _run_hints(text, run)]
    hints.extend(_repeated_names(words, hints))
    hints.extend(_lowercase_given_names(text))
    return hints


def _run_hints(text: str, run: Run) -> Iterator[Hint]:
    if len(run.words) == 1:
        if not run.words[0].mixed:
            yield from _untitled_name(text, run)
        return
    for part, title in _split_at_titles(text, run):
        if title:
            yield from _titled_name(part, title)
        else:
            for piece in _split(part, lambda word: word.key in NEVER_NAMES or word.mixed):
                yield from _untitled_names(text, piece)


def _split_at_titles(text: str, run: Run) -> Iterator[tuple[Run, str]]:
    """The run's stretches, each with the title (Dr, Sister) it follows, or ""."""
    start, title = 0, ""
    for index, word in enumerate(run.words[:-1]):
        if word.key in TITLES and text[word.start].isupper():
            if index > start:
                yield run.slice(start, index), title
            start, title = index + 1, word.key
    yield run.slice(start, len(run.words)), title


def _split(run: Run, drops: Callable[[Word], bool]) -> Iterator[Run]:
    start = 0
    for index, word in enumerate(run.words):
        if drops(word):
            if index > start:
                yield run.slice(start, index)
            start = index + 1
    if start < len(run.words):
        yield run.slice(start, len(run.words))


def _split_at_connectors(run: Run) -> Iterator[Run]:
    start = 0
    for index, connector in enumerate(run.connectors):
        if connector in _SPLITTING_CONNECTORS:
            yield run.slice(start, index + 1)
            start = index + 1
    yield run.slice(start, len(run.words))


def _titled_name(run: Run, title: str) -> Iterator[Hint]:
    while run.words and run.words[-1].key in NEVER_NAMES:
        run = run.slice(0, len(run.words) - 1)
    reads_as_name = title in HONORIFICS or any(_is_name_like(word) for word in run.words)
    if run.words and reads_as_name:
        yield _hint(run, HintKind.PERSON)


def _untitled_names(text: str, run: Run) -> Iterator[Hint]:
    if _is_organisation(run):
        yield from _untitled_name(text, run)
    else:
        for person in _split_at_connectors(run):
            yield from _untitled_name(text, person)


def _is_organisation(run: Run) -> bool:
    return any(word.key in ORGANISATION_WORDS for word in run.words)


def _untitled_name(text: str, run: Run) -> Iterator[Hint]:
    if _opens_sentence(text, run.words[0].start) and not _keeps_opening_word(run):
        run = run.slice(1, len(run.words))
    run = _trimmed(run)
    if not run.words:
        return
    if _is_organisation(run):
        if any(_is_distinctive(word) for word in run.words):
            yield _hint(run, HintKind.ORGANISATION)
    elif len(run.words) == 1 and run.words[0].acronym:
        if _is_organisation_acronym(text, run.words[0]):
            yield _hint(run, HintKind.ORGANISATION)
    elif any(_is_name_like(word) for word in run.words) and not _is_place(text, run):
        acronyms = any(word.acronym for word in run.words)
        yield _hint(run, HintKind.ORGANISATION if acronyms else HintKind.PERSON)


def _trimmed(run: Run) -> Run:
    """The run without initials or common acronyms at its end (Parramatta NSW)."""
    end = len(run.words)
    while end and (run.words[end - 1].initial or run.words[end - 1].key in COMMON_ACRONYMS):
        end -= 1
    return run.slice(0, end)


def _opens_sentence(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in _SENTENCE_OPENERS:
        index -= 1
    if index < 0 or text[index] == "\n":
        return True
    if text[index] not in _SENTENCE_ENDS:
        return False
    if text[index] == ".":
        window = text[max(0, index - 10) : index + 1]
        previous = _WORD_BEFORE_STOP.search(window)
        word = previous.group(1) if previous else ""
        if word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
            return False
        if window.lower().endswith(("e.g.", "i.e.")):
            return False
    return True


def _keeps_opening_word(run: Run) -> bool:
    """Whether a run's first word, which opens a sentence, is part of the name."""
    first = run.words[0]
    if first.key in GIVEN_NAMES:
        return True
    if first.key in GENERIC_WORDS or first.key in NAMED_THINGS or first.acronym:
        return False
    if len(run.words) == 1 or _reads_as_verb_or_adverb(first.key):
        return False
    rest = run.words[1:]
    return any(_is_name_like(word) or word.key in ORGANISATION_WORDS for word in rest)


def _reads_as_verb_or_adverb(key: str) -> bool:
    """Called, Emailing, Honestly: long words with these endings are seldom names."""
    return len(key) >= _VERB_MIN_LENGTH and key.endswith(("ing", "ed", "ly"))


def _is_name_like(word: Word) -> bool:
    key = word.key.split("-", 1)[0]  # Somali-speaking, British-born
    return not (
        word.initial
        or word.acronym
        or key in GENERIC_WORDS
        or key in NAMED_THINGS
        or key in NEVER_NAMES
        or key in ORGANISATION_WORDS
        or key in TITLES
    )


def _is_distinctive(word: Word) -> bool:
    """Whether a word of an organisation's name tells which organisation it is."""
    key = word.key
    if word.acronym:
        return key not in ORGANISATION_WORDS and key not in COMMON_ACRONYMS
    return not (word.initial or key in ORGANISATION_WORDS or key in GENERIC_WORDS)


def _is_organisation_acronym(text: str, word: Word) -> bool:
    key = word.key
    if key in COMMON_ACRONYMS or key in FUNCTION_WORDS or key in SHOUTED_WORDS:
        return False
    if len(key) > _MAX_ACRONYM:
        return False
    after = text[word.end : word.end + 12].split()
    if after and (after[0][0].isdigit() or after[0].strip(".,:").lower() in _CODE_NOUNS):
        return False
    return not _is_shouted(text, word)


_CAPITALS = re.compile(r"\b[A-Z]{2,}\b")


def _is_shouted(text: str, word: Word) -> bool:
    """Whether the acronym sits among everyday words in capitals ("SO ANGRY THAT DAY")."""
    neighbourhood = text[max(0, word.start - 30) : word.end + 30]
    capitals = (capital.lower() for capital in _CAPITALS.findall(neighbourhood))
    return any(capital in FUNCTION_WORDS or capital in SHOUTED_WORDS for capital in capitals)


def _is_place(text: str, run: Run) -> bool:
    """A lone word after "in" ("in Salford") is taken for a place unless it is a given name."""
    if len(run.words) > 1 or run.words[0].key in GIVEN_NAMES:
        return False
    before = text[max(0, run.words[0].start - 8) : run.words[0].start].split()
    return bool(before) and before[-1].lower() in _PLACE_PREPOSITIONS


def _hint(run: Run, kind: HintKind) -> Hint:
    return Hint(run.words[0].start, run.words[-1].end, kind)


def _repeated_names(words: list[Word], hints: list[Hint]) -> Iterator[Hint]:
    """Other appearances of words already taken for a person's name ("Okafor said")."""
    people = [hint for hint in hints if hint.kind is HintKind.PERSON]
    named = {word.key for word in words if any(h.start <= word.start < h.end for h in people)}
    for word in words:
        unhinted = not any(hint.start < word.end and word.start < hint.end for hint in hints)
        if unhinted and word.key in named and _is_name_like(word):
            yield Hint(word.start, word.end, HintKind.PERSON)


_LOWERCASE_GIVEN_NAMES = PhraseMatcher(sorted(GIVEN_NAMES))
_LOWER_CASE_TYPING = re.compile(r"\A\W*[a-z]|[.!?]\s+[a-z]|\si[\s'\u2019]")


def _lowercase_given_names(text: str) -> Iterator[Hint]:
    """Given names typed in lower case, as people often do on phones ("told priya").

    They are looked for only in text typed that way, with a sentence or an "i" in lower
    case: where writers use capitals, a lower-case given name is more likely a word. The
    names are lower case and ``text`` is not lowered, so only lower-case names match.
    """
    if not _LOWER_CASE_TYPING.search(text):
        return
    for start, end in _LOWERCASE_GIVEN_NAMES.spans(text):
        if starts_word(text, start, also="@#/.+-'\u2019<>") and not _in_address(text, end):
            yield Hint(start, end, HintKind.PERSON)


def _in_address(text: str, end: int) -> bool:
    """Whether a word ending at ``end`` goes on into an email address or a host name."""
    following = text[end : end + 2]
    return following[:1] in ("@", "_") or (following[:1] == "." and following[1:].isalnum())
