"""The values the domain hands out: sessions, moderated items, projections."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Literal

# An item's kind and state are the protocol's words: moderators see them as they are.
from facilitator.protocol.moderator import ItemKind as ItemKind  # noqa: PLC0414 (re-exported)
from facilitator.protocol.moderator import ItemState as ItemState  # noqa: PLC0414 (re-exported)

type Batching = Literal["auto", "on", "off"]
type Slide = Literal["join", "black", "break", "closing"]  # while no confession is shown
type Theme = Literal["dark", "light"]
# What an organiser's logo needs behind it (``core/logo.py``): dark ink on transparency
# a light plate on the dark theme, light ink a dark plate on the light theme.
type Ink = Literal["dark", "light", "opaque"]


class SessionStatus(StrEnum):
    OPEN = "open"
    ENDED = "ended"


class Sharing(IntEnum):
    """Whether a participant joined from an address shared with other phones (a venue
    network, a hotspot, or a script minting votes), and if so whether the facilitator
    counts their agreements. Stored as the participant's only trace of an address."""

    OWN_ADDRESS = 0
    SET_APART = 1
    COUNTED = 2


@dataclass(frozen=True, slots=True)
class Item:
    """A moderated item (today a confession) as the moderators see it.

    ``agreement_count`` is the public count; ``set_apart_count`` the agreements from
    participants on a shared address that the facilitator has not decided to count.

    ``text`` and ``learned`` are the edited versions: the only ones that ever
    leave the moderators' view. ``original_*`` keep what the participant wrote.
    ``version`` counts the edits; an edit names the version it was made on.
    The author is never part of this value.
    """

    id: int
    kind: ItemKind
    parent_id: int | None
    text: str
    learned: str
    original_text: str
    original_learned: str
    state: ItemState
    queue_position: int | None
    shown_order: int | None
    agreement_count: int
    set_apart_count: int
    version: int
    merged_into: int | None = None  # the item it was merged into (its voters count there)
    phones_at_show: int | None = None  # phones connected when it was first shown
    content_note: bool = False  # the screen warns first; its count is never shown
    shown_at: str | None = None  # when it was last put on the screen (UTC, ISO 8601)


@dataclass(frozen=True, slots=True)
class ItemCounts:
    """An item's agreements: those counted, and those from shared addresses set apart."""

    counted: int
    set_apart: int


@dataclass(frozen=True, slots=True)
class WaitingItem:
    """A confession (or reply) waiting for its turn: sent faster than a person writes
    (``held`` is false), or held for the next shuffled batch (timing privacy)."""

    waiting_id: int
    author_id: int
    held: bool = False


@dataclass(frozen=True, slots=True)
class LogoInfo:
    """The organiser's logo as displays need to know it before they fetch it: its
    version (in its address), the big screen's rendition's size, and its ink."""

    version: str
    width: int
    height: int
    ink: Ink


type LogoSize = Literal["screen", "phone"]


@dataclass(frozen=True, slots=True)
class LogoImage:
    data: bytes
    media_type: Literal["image/png", "image/jpeg"]
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Logo:
    """The organiser's logo as ``core/logo.py`` made it: a rendition for the big screen
    and one for the phones."""

    version: str
    ink: Ink
    screen: LogoImage
    phone: LogoImage

    @property
    def info(self) -> LogoInfo:
        return LogoInfo(self.version, self.screen.width, self.screen.height, self.ink)

    def image(self, size: LogoSize) -> LogoImage:
        return self.screen if size == "screen" else self.phone


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
    current_item_id: int | None
    removed_count: int
    rehearsal: bool = False  # its record is kept apart unless the facilitator keeps it
    withdrawn_count: int = 0  # confessions their authors took back before they were shown
    merged_count: int = 0  # confessions merged into another (counted at the end)
    organisers_record: bool = False  # confessions for the organisers go into the record
    batching: Batching = "auto"  # new confessions reach Incoming in shuffled batches
    language: str = ""  # the phone page's language, fixed by the facilitator ("": the phone's)
    closing_note: str = ""  # the facilitator's, for the record
    unshown_record: bool = False  # approved confessions never shown go into the record
    house_rules: str | None = None  # the facilitator's; None: the default template
    max_length: int = 1000  # the longest confession this session takes
    offer_lesson: bool = True  # phones are offered the "what I learned" field
    accent: str = ""  # the organiser's colour (#rrggbb), or the product's
    slide: Slide = "join"  # what the screen shows while no confession is on it
    projector_theme: Theme = "dark"
    projector_corner_qr: bool = True  # a small join code in a corner beside a confession
    projector_timer: bool = False  # the confession's timer on the big screen too
    projector_secret: str = ""  # the projector page's link (forgotten with the moderators')
    started_at: str | None = None  # when the session started (UTC, ISO 8601)
    logo: LogoInfo | None = None  # the organiser's, shown on the join and closing slides

    @property
    def is_open(self) -> bool:
        return self.status is SessionStatus.OPEN


@dataclass(frozen=True, slots=True)
class ProjectedReply:
    """An approved reply ("what helped") shown under the confession on screen."""

    reply_id: int
    text: str
    agreement_count: int


@dataclass(frozen=True, slots=True)
class Projection:
    """What the big screen and every phone show: public fields only; ``replies`` are the
    confession's approved replies, in the order approved."""

    confession_id: int
    text: str
    learned: str
    agreement_count: int
    shown_order: int
    replies: tuple[ProjectedReply, ...] = ()
    content_note: bool = False  # a warning first; the count is not shown
    shown_at: str | None = None  # when it was put on the screen (UTC, ISO 8601)


@dataclass(frozen=True, slots=True)
class ClosingSummary:
    """What the closing slide says the session gathered: counts only, and the mistakes
    most had been there too (shown, with a count that was shown: no content note)."""

    received: int
    shown: int
    set_aside: int
    removed: int
    most_shared: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class SubmitOutcome:
    """``confession_id`` (the new item's, a reply's too) is ``None`` while it waits for
    its turn."""

    confession_id: int | None
    duplicate: bool


@dataclass(frozen=True, slots=True)
class Room:
    """What moderators need to read the counts and the queue rightly.

    Phones that joined from an address shared with other phones: ``shared_apart`` of them
    are counted apart, ``shared_counted`` the facilitator decided to count. ``waiting``
    confessions were sent faster than a person writes and reach Incoming at a steady pace.
    """

    shared_apart: int
    shared_counted: int
    waiting: int
    batching: bool = False


@dataclass(frozen=True, slots=True)
class AgreementRequest:
    """One participant agreeing (or no longer agreeing) with one confession."""

    participant_id: int
    confession_id: int
    agreed: bool


@dataclass(frozen=True, slots=True)
class AgreementOutcome:
    """``count_hidden``: the confession carries a content note, so its count is kept off
    the screen and the phones (the phone is answered 0)."""

    confession_id: int
    agreed: bool
    count: int
    count_hidden: bool = False
