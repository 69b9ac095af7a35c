"""The values the domain hands out: sessions, confessions, projections."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ConfessionState(StrEnum):
    """Where a confession is in its life.

    incoming → approved (queued) → shown; incoming/approved → set_aside → restorable.
    """

    INCOMING = "incoming"
    APPROVED = "approved"
    SHOWN = "shown"
    SET_ASIDE = "set_aside"


class SessionStatus(StrEnum):
    OPEN = "open"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class Confession:
    """A confession as the moderator sees it.

    ``text`` and ``learned`` are the edited versions: the only ones that ever
    leave the moderator's view. ``original_*`` keep what the participant wrote.
    The author is never part of this value.
    """

    id: int
    text: str
    learned: str
    original_text: str
    original_learned: str
    state: ConfessionState
    queue_position: int | None
    shown_order: int | None
    agreement_count: int


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: int
    title: str
    prompt: str
    agree_label: str
    status: SessionStatus
    created_on: str
    ended_on: str | None
    port: int | None
    moderator_secret: str
    current_confession_id: int | None

    @property
    def is_open(self) -> bool:
        return self.status is SessionStatus.OPEN


@dataclass(frozen=True, slots=True)
class Projection:
    """What the big screen and every phone show: public fields only."""

    confession_id: int
    text: str
    learned: str
    agreement_count: int
    shown_order: int


@dataclass(frozen=True, slots=True)
class SubmitOutcome:
    confession_id: int
    duplicate: bool


@dataclass(frozen=True, slots=True)
class AgreementRequest:
    """One participant agreeing (or no longer agreeing) with one confession."""

    participant_id: int
    confession_id: int
    agreed: bool


@dataclass(frozen=True, slots=True)
class AgreementOutcome:
    confession_id: int
    agreed: bool
    count: int
