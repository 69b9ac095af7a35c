"""The organisers' word lists, and the hints each item's text gets from them and the finder.

Local names (estates, councils, partner organisations, services) are always flagged;
watch words flag a confession for a closer look. Nothing is ever removed because of
them: they only mark text in the moderators' preview.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from facilitator.core import rules
from facilitator.core.errors import RuleViolation
from facilitator.core.hints import Hint, HintFinder, is_flagged

MAX_ENTRY_CHARS = 80
MAX_ENTRIES = 2000
LOCAL_NAMES = "local_names"
WATCH_WORDS = "watch_words"
_ENTRY = rules.TextField("word_list", MAX_ENTRY_CHARS, required=True, multiline=False)
_CACHED_TEXTS = 20_000


@dataclass(frozen=True, slots=True)
class WordLists:
    local_names: tuple[str, ...] = ()
    watch_words: tuple[str, ...] = ()


def clean_list(entries: Sequence[str]) -> tuple[str, ...]:
    """Entries as organisers typed them, each on one line: blanks and repeats dropped."""
    kept: dict[str, str] = {}
    for entry in entries:
        if not entry.strip():
            continue
        clean = " ".join(rules.clean_text(entry, _ENTRY).split())
        kept.setdefault(clean.casefold(), clean)
    if len(kept) > MAX_ENTRIES:
        raise RuleViolation(
            "word_list_too_long", f"Please keep each list under {MAX_ENTRIES} entries."
        )
    return tuple(kept.values())


@dataclass(frozen=True, slots=True)
class FieldHint:
    """A hint in one of an item's fields: ``"text"`` or ``"learned"``."""

    field: Literal["text", "learned"]
    hint: Hint


@dataclass(frozen=True, slots=True)
class ItemHints:
    hints: tuple[FieldHint, ...]
    flagged: bool


class HintsForItems:
    """Hints for an item's two fields, remembered per text (items are read often)."""

    def __init__(self, lists: WordLists) -> None:
        self.lists = lists
        finder = HintFinder(lists.local_names, lists.watch_words)
        self._find = lru_cache(maxsize=_CACHED_TEXTS)(finder.find)

    def for_texts(self, text: str, learned: str) -> ItemHints:
        in_text = self._find(text)
        in_learned = self._find(learned) if learned else ()
        hints = tuple(FieldHint("text", h) for h in in_text) + tuple(
            FieldHint("learned", h) for h in in_learned
        )
        return ItemHints(hints, is_flagged(in_text) or is_flagged(in_learned))
