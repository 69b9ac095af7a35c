"""Many phrases matched in one pass: the organisers' local names and watch words, given
names typed in lower case, and the keywords before references and postcodes.

The organisers' lists are matched case-insensitively on word boundaries, in any script.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from facilitator.core.hints.model import Hint, HintKind
from facilitator.core.hints.text import lower

# Scripts written without spaces between words: a name in them is matched wherever it
# stands, since a word boundary there says nothing.
_UNSPACED_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR")


def _needs_boundary(edge: Iterable[str]) -> bool:
    """Whether a phrase starting (or ending) with these characters needs a word boundary."""
    for char in edge:
        if char.isalnum():
            return not unicodedata.name(char, "").startswith(_UNSPACED_SCRIPTS)
        if not unicodedata.combining(char):
            return False
    return False


@dataclass
class _TrieNode:
    children: dict[str, _TrieNode] = field(default_factory=dict)
    ending: str | None = None  # the pattern that closes a phrase ending here

    def insert(self, phrase: str) -> None:
        node = self
        for char in phrase:
            node = node.children.setdefault(char, _TrieNode())
        node.ending = r"(?!\w)" if _needs_boundary(reversed(phrase)) else ""

    def pattern(self) -> str:
        """A regular expression for the phrases below this node, longest first."""
        branches = [_char_pattern(char) + child.pattern() for char, child in self.children.items()]
        if self.ending is not None:
            branches.append(self.ending)
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _char_pattern(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


class PhraseMatcher:
    """Finds any of many phrases in one pass of one regular expression (a trie of them).

    Phrases are lower-cased and looked for in lower-cased text. Words within a phrase
    match across any run of white space. Phrases in scripts that separate words with
    spaces match on word boundaries only, so "ass" is not found in "class".
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        bounded, unbounded = _TrieNode(), _TrieNode()
        for phrase in phrases:
            words = lower(unicodedata.normalize("NFC", phrase)).split()
            if words:
                key = " ".join(words)
                (bounded if _needs_boundary(key) else unbounded).insert(key)
        branches = [
            prefix + node.pattern()
            for prefix, node in ((r"(?<!\w)", bounded), ("", unbounded))
            if node.children
        ]
        self._pattern = re.compile("|".join(branches)) if branches else None

    def spans(self, lowered: str) -> Iterator[tuple[int, int]]:
        if self._pattern is not None:
            for match in self._pattern.finditer(lowered):
                yield match.span()

    def hints(self, lowered: str, kind: HintKind) -> Iterator[Hint]:
        for start, end in self.spans(lowered):
            yield Hint(start, end, kind)


def keyword_pattern(words: Iterable[str]) -> str:
    """A regular expression for any of ``words`` (lower case) starting on a word boundary."""
    trie = _TrieNode()
    for word in words:
        trie.insert(word)
    return r"(?<!\w)" + trie.pattern()
