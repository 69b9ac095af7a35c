"""What the record derives from what was shown: each confession's share of the phones
connected when it was shown, the most shared mistakes, and the register.

The **register** is the record in the shape of an organisation's learning log: one row
per shown confession (mistake → what helped → how many had been there), with
follow-up fields (an action, and by when) the organisers fill in afterwards
(``core/record/amend.py``); never a participant's name.
"""

from __future__ import annotations

from dataclasses import dataclass

# FollowUp lives with the record it is part of; imported from here too.
from facilitator.core.transcript import FollowUp as FollowUp  # noqa: PLC0414 (re-exported)
from facilitator.core.transcript import ShownConfession, Transcript

MOST_SHARED = 5  # the mistakes the record names as the most shared


@dataclass(frozen=True, slots=True)
class RegisterRow:
    order: int
    mistake: str
    what_helped: str
    been_there: int
    share: float | None
    follow_up: FollowUp


def share(confession: ShownConfession) -> float | None:
    """Of the phones connected when it was first shown, the part that had been there
    (at most all of them: phones that joined later may have agreed too)."""
    phones = confession.phones_connected
    if not phones:
        return None
    return round(min(1.0, confession.agreements / phones), 3)


def share_words(confession: ShownConfession) -> str:
    """``" (19% of the 48 phones connected)"``, or nothing when it is not known."""
    part = share(confession)
    if part is None:
        return ""
    phones = confession.phones_connected
    noun = "phone" if phones == 1 else "phones"
    return f" ({part:.0%} of the {phones} {noun} connected)"


def most_shared(transcript: Transcript) -> tuple[ShownConfession, ...]:
    """The confessions most had been there too (none without an agreement), most first."""
    agreed = [c for c in transcript.confessions if c.agreements > 0]
    agreed.sort(key=lambda c: (-c.agreements, c.order))
    return tuple(agreed[:MOST_SHARED])


REPLY_PREFIX = "\u2013 "  # an en dash: before each reply from the room in ``what_helped``


def what_helped(confession: ShownConfession) -> str:
    """The lesson, then each approved reply on a line of its own after an en dash (one
    string, so that every format and learning log keeps one cell per mistake)."""
    lines = [confession.learned] if confession.learned else []
    lines += [f"{REPLY_PREFIX}{reply.text}" for reply in confession.replies]
    return "\n".join(lines)


def register(transcript: Transcript) -> tuple[RegisterRow, ...]:
    return tuple(
        RegisterRow(
            order=c.order,
            mistake=c.text,
            what_helped=what_helped(c),
            been_there=c.agreements,
            share=share(c),
            follow_up=c.follow_up,
        )
        for c in transcript.confessions
    )
