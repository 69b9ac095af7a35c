"""Which confessions are very like one another: the same mistake, told twice.

A room sends the same confession more than once: five people who stayed silent, a
phone's autocorrect, a word more or less. Moderators are shown such confessions as one
group and may merge them; nothing is merged by itself.

"Very like" is measured on the texts folded to what a reader would not notice (case,
accents, punctuation, contractions and a few short forms: "prod", "PR", "3"): the
better of the plain similarity and the similarity with the words sorted (so a swapped
word order still matches), as rapidfuzz computes them (0 to 100), at :data:`VERY_LIKE` or
more. On the labelled pairs in ``tests/core/duplicates_set/pairs.json`` that finds
29 of 30 pairs that are the same mistake and groups 2 of 30 pairs that are not (alike
words, another mistake: "forgot to renew the domain" and "… the certificate"); the
test asserts those figures as floors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

VERY_LIKE = 88.0

_APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"  # as phones type it
_WORD = re.compile(r"[\w'-]+")
_SAME_WORDS = {
    "didnt": "did not",
    "didn't": "did not",
    "dont": "do not",
    "don't": "do not",
    "cant": "cannot",
    "can't": "cannot",
    "won't": "will not",
    "i'd": "i had",
    "i'm": "i am",
    "it's": "it is",
    "prod": "production",
    "pr": "pull request",
    "e-mail": "email",
    "e-mailed": "emailed",
    "timezone": "time zone",
    "spreadsheet": "spread sheet",
    "1": "one",
    "2": "two",
    "3": "three",
}


def fold(text: str) -> str:
    """The text as compared: what a reader would not notice is taken out."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace(_APOSTROPHE, "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = (_SAME_WORDS.get(word, word) for word in _WORD.findall(plain))
    folded: str = utils.default_process(" ".join(words))
    return folded


def likeness(folded: str, other: str) -> float:
    """How alike two folded texts are, 0 to 100."""
    return max(fuzz.ratio(folded, other), fuzz.token_sort_ratio(folded, other))


class DuplicateFinder:
    """Groups of very like texts among the items it is told about.

    Texts are compared once per distinct folded text, at C speed (rapidfuzz): the same
    confession sent a thousand times costs no more comparisons than once, and a room of
    thousands of distinct ones costs milliseconds per confession.
    """

    def __init__(self) -> None:
        self._folded: dict[int, str] = {}  # item → its folded text
        self._items: dict[str, set[int]] = {}  # folded text → the items with it
        self._alike: dict[str, set[str]] = {}  # folded text → the other texts very like it

    def add(self, item_id: int, text: str) -> None:
        """Know ``item_id`` with ``text`` (again, if its text was edited)."""
        self.remove(item_id)
        folded = fold(text)
        self._folded[item_id] = folded
        if folded in self._items:
            self._items[folded].add(item_id)
            return
        found: set[str] = set()
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
            matches = process.extract(
                folded, list(self._items), scorer=scorer, score_cutoff=VERY_LIKE, limit=None
            )
            found.update(other for other, _, _ in matches)
        self._items[folded] = {item_id}
        self._alike[folded] = found
        for other in found:
            self._alike[other].add(folded)

    def remove(self, item_id: int) -> None:
        folded = self._folded.pop(item_id, None)
        if folded is None:
            return
        items = self._items[folded]
        items.discard(item_id)
        if not items:
            del self._items[folded]
            for other in self._alike.pop(folded):
                self._alike[other].discard(folded)

    def like(self, item_id: int) -> frozenset[int]:
        """The items very like ``item_id`` (itself not included)."""
        folded = self._folded.get(item_id)
        if folded is None:
            return frozenset()
        found = set(self._items[folded])
        for other in self._alike[folded]:
            found |= self._items[other]
        found.discard(item_id)
        return frozenset(found)

    def group(self, item_id: int) -> frozenset[int]:
        """``item_id`` and the items very like it.

        Not the items like those in turn: likeness does not chain ("the domain" is like
        "the certificate", which is like "the certificate's key"), so each item of a
        group is very like the one it is named after.
        """
        return self.like(item_id) | {item_id}

    def groups(self, item_ids: Iterable[int] | None = None) -> list[frozenset[int]]:
        """Groups of two or more, each item in one at most (among ``item_ids``, if
        given): the oldest item not yet placed gathers the items very like it."""
        wanted = set(self._folded if item_ids is None else item_ids)
        found: list[frozenset[int]] = []
        placed: set[int] = set()
        for item_id in sorted(wanted):
            if item_id in placed:
                continue
            group = (self.group(item_id) & wanted) - placed
            placed |= group
            if len(group) > 1:
                found.append(group)
        return found
