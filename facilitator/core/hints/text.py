"""Small helpers on confession text that several finders share."""

from __future__ import annotations


def lower(text: str) -> str:
    """``text`` in lower case, each character where it was (the dotted capital I aside,
    lower-casing never changes the length of a string)."""
    return text.replace("\u0130", "I").lower()


def words(text: str) -> frozenset[str]:
    """The set of white-space separated words in ``text``, lower-cased: a vocabulary."""
    return frozenset(text.lower().split())


def starts_word(text: str, start: int, also: str = "") -> bool:
    """Whether ``text[start]`` follows no letter, digit, underscore or character of ``also``."""
    return not start or not (text[start - 1].isalnum() or text[start - 1] in "_" + also)
