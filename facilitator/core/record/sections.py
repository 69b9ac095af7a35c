"""The words every human-readable format of the record shares: section headings, what
they say, and the totals as readers see them."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.core.transcript import FollowUp, Transcript


@dataclass(frozen=True, slots=True)
class NotesSection:
    """A section of confessions without a place in the order shown."""

    heading: str
    intro: str
    empty: str


ORGANISERS_SECTION = NotesSection(
    "For the organisers",
    "Marked by their senders for the organisers only; never shown to the room.",
    "None was sent.",
)
UNSHOWN_SECTION = NotesSection(
    "Approved, not shown",
    "Approved by the moderators; there was no time to show them.",
    "Every approved confession was shown.",
)
HOUSE_RULES_HEADING = "House rules"  # after the prompt; left out of records before v7
HELPED_HEADING = "What helped, from the room"
HELPED_TOO = "helped too"  # after a reply: how many tapped "this helped me too"
FOLLOW_UP = "Follow-up"  # a follow-up filled in, where a format has no register table
BY_WHEN = "by"  # "Follow-up: Pair on deploys (by end of March)"
REGISTER_INTRO = (
    "For a learning log: each mistake, what helped, how many had been there. "
    "Follow-up and by when are for the organisers to fill in; never a name."
)


def totals_rows(transcript: Transcript) -> tuple[tuple[str, int], ...]:
    """The totals as the record's readers see them, in every format but JSON."""
    totals = transcript.totals
    return (
        ("Confessions received", totals.received),
        ("Confessions shown", totals.shown),
        ("Set aside, never shown", totals.set_aside),
        ("Removed from the record after showing", totals.removed),
        ("Taken back by their senders before showing", totals.withdrawn),
        ("Merged into a confession very like them", totals.merged),
        (f"{transcript.agree_label} taps on shown confessions", totals.agreements),
        ("Phones joined", totals.phones_joined),
    )


def follow_up_words(follow_up: FollowUp) -> str:
    """``"Pair on every deploy (by end of March)"``; ``""`` when nothing is filled in."""
    when = f"({BY_WHEN} {follow_up.by_when})" if follow_up.by_when else ""
    return " ".join(part for part in (follow_up.action, when) if part)
