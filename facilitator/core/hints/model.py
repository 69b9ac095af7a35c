"""What a hint is: a span of a confession and the kind of detail it may be."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The kinds are the protocol's: moderators receive them as they are.
from facilitator.protocol.moderator import HintKind as HintKind  # noqa: PLC0414 (re-exported)

# Kinds from the organisers' own lists: they flag the confession, and they are trusted most.
LISTED = frozenset({HintKind.LOCAL_NAME, HintKind.WATCH_WORD})


@dataclass(frozen=True, slots=True)
class Hint:
    """A span of the confession worth a second look: ``text[start:end]``, in code points."""

    start: int
    end: int
    kind: HintKind


def is_flagged(hints: Iterable[Hint]) -> bool:
    """Whether the organisers' lists matched: such a confession needs a moderator's look."""
    return any(hint.kind in LISTED for hint in hints)
