"""Timing privacy: new confessions reach Incoming in small shuffled batches.

Someone watching a moderator's screen while a phone goes down could otherwise tie
the confession that appears a second later to the person holding that phone. When
batching is on (``auto``: in rooms of over :data:`AUTO_BATCH_PHONES` phones), a new
confession is committed and acknowledged as ever but held; the host lets the held
ones in together, shuffled, once at least :data:`AT_LEAST` wait, or after
:data:`LONGEST_HOLD_SECONDS` so that a quiet room's confessions are not held for ever
(then a batch may be of one: the trade-off of a room where hardly anyone writes).
"""

from __future__ import annotations

from typing import assert_never

from facilitator.core.model import Batching

AUTO_BATCH_PHONES = 30
AT_LEAST = 3
LONGEST_HOLD_SECONDS = 90.0
TICK_SECONDS = 10.0


def batching_active(mode: Batching, phones_joined: int) -> bool:
    match mode:
        case "on":
            return True
        case "off":
            return False
        case "auto":
            return phones_joined > AUTO_BATCH_PHONES
        case _:
            assert_never(mode)


def batch_due(held: int, held_for_seconds: float, *, active: bool) -> bool:
    """Whether the held confessions go in now."""
    if held == 0:
        return False
    return not active or held >= AT_LEAST or held_for_seconds >= LONGEST_HOLD_SECONDS
