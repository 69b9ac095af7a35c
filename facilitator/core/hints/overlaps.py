"""Choosing among overlapping hints.

Where hints overlap, the more trusted source wins (the organisers' lists, then the
patterns for structured details, then the heuristics for names), then the longer hint,
then the more specific kind.
"""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.core.hints.model import LISTED, Hint, HintKind

_NAMES = frozenset({HintKind.PERSON, HintKind.ORGANISATION})
# On equal trust and length, the earlier kind is the more specific one.
_SPECIFICITY = (
    HintKind.LOCAL_NAME,
    HintKind.WATCH_WORD,
    HintKind.EMAIL,
    HintKind.URL,
    HintKind.HANDLE,
    HintKind.REFERENCE,
    HintKind.POSTCODE,
    HintKind.PHONE,
    HintKind.ORGANISATION,
    HintKind.PERSON,
)


def _trust(kind: HintKind) -> int:
    if kind in LISTED:
        return 0
    return 2 if kind in _NAMES else 1


_RANKS = {kind: (_trust(kind), _SPECIFICITY.index(kind)) for kind in HintKind}


def _precedence(hint: Hint) -> tuple[int, int, int, int]:
    trust, specificity = _RANKS[hint.kind]
    return (trust, hint.start - hint.end, specificity, hint.start)


def without_overlaps(candidates: Iterable[Hint]) -> tuple[Hint, ...]:
    """The candidates that win where they overlap, sorted by start."""
    kept: list[Hint] = []
    for hint in sorted(set(candidates), key=_precedence):
        if all(hint.end <= other.start or other.end <= hint.start for other in kept):
            kept.append(hint)
    return tuple(sorted(kept, key=lambda hint: hint.start))
