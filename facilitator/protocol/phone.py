"""What phones and the session host say to each other (docs/protocol.md, "Participant")."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from facilitator.protocol.envelope import Error, Id, Incoming, Message, decode, registry

_RAW_TEXT_CHARS = 4000  # the rules give the precise limits; this only bounds the work

# The rule itself (8-64 of A-Z a-z 0-9 _ -) is the core's, with its own refusal code
# (client_id_invalid); the pattern here only documents it in the OpenAPI document.
ClientId = Annotated[
    str, msgspec.Meta(max_length=64, extra_json_schema={"pattern": "^[A-Za-z0-9_-]{8,64}$"})
]
Token = Annotated[str, msgspec.Meta(max_length=128)]
RawText = Annotated[str, msgspec.Meta(max_length=_RAW_TEXT_CHARS)]


# Phone → host


class Join(Message, frozen=True):
    """``rehearsal``: a simulated audience's secret (``python -m facilitator.sim``)."""

    TYPE = "join"
    rehearsal: Token | None = None


class Hello(Message, frozen=True):
    TYPE = "hello"
    token: Token


class SubmitConfession(Message, frozen=True):
    TYPE = "confession.submit"
    client_id: ClientId
    text: RawText
    learned: RawText | None = None
    for_organisers: bool = False  # for the organisers only: never shown on the big screen


class SubmitReply(Message, frozen=True):
    """One short line on what helped, under a confession that has been shown (one per
    phone per confession)."""

    TYPE = "reply.submit"
    client_id: ClientId
    confession_id: Id
    text: RawText


class WithdrawConfession(Message, frozen=True):
    """Take back one's own confession (named by the ``client_id`` it was sent with) before
    it is shown, or one's own reply before it is approved; it is deleted at once."""

    TYPE = "confession.withdraw"
    client_id: ClientId


class SetAgreement(Message, frozen=True):
    TYPE = "agreement.set"
    confession_id: Id
    agreed: bool


type PhoneRequest = SubmitConfession | SubmitReply | WithdrawConfession | SetAgreement

_JOIN = registry(Join)
_HELLO = registry(Hello)
_REQUESTS = registry(SubmitConfession, SubmitReply, WithdrawConfession, SetAgreement)


def decode_join(raw: str | bytes) -> Join:
    message: Join = decode(raw, _JOIN).message
    return message


def decode_hello(raw: str | bytes) -> Hello:
    message: Hello = decode(raw, _HELLO).message
    return message


def decode_request(raw: str | bytes) -> Incoming[PhoneRequest]:
    return decode(raw, _REQUESTS)


# Host → phone


class Joined(Message, frozen=True):
    TYPE = "joined"
    token: str
    session_id: int


class PublicReply(msgspec.Struct, frozen=True):
    """An approved "what helped" reply to the confession on screen, and its own count of
    "this helped me too"."""

    reply_id: int
    text: str
    count: int


class PublicProjection(msgspec.Struct, frozen=True):
    """What the big screen shows: the edited text only, and the count; ``replies`` are
    the confession's approved replies, in the order approved."""

    confession_id: int
    text: str
    learned: str
    count: int
    replies: tuple[PublicReply, ...] = ()
    # A content note: the screen warned first, and the count is not shown (``count`` 0).
    content_note: bool = False


class TextLimits(msgspec.Struct, frozen=True):
    """How many characters a confession, its lesson and a reply may have (the page
    checks too)."""

    text: int
    learned: int
    reply: int = 200


class Logo(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The organiser's logo: fetched from ``/api/logo/{version}/{size}`` (``screen``: at
    most 1200 x 600 px, ``width`` x ``height``; ``phone``: the same shape, at most
    480 x 120 px). ``ink`` ``dark`` (drawn dark on transparency: a light plate behind
    it on a dark ground), ``light`` (the reverse) or ``opaque`` (it brings its own)."""

    version: str
    width: int
    height: int
    ink: Literal["dark", "light", "opaque"]


class PublicSession(Message, frozen=True):
    """The public state of the session: what any phone may see."""

    TYPE = "session"
    session_id: int
    title: str
    prompt: str
    agree_label: str
    status: str
    projection: PublicProjection | None
    limits: TextLimits
    # Whether confessions for the organisers only are kept in a section of the record
    # (otherwise the moderators read them and they are forgotten at the end).
    organisers_record: bool = False
    # The language the facilitator fixed for the phone page ("" for the phone's own).
    language: str = ""
    # The facilitator's house rules; null: the default template, in the page's language.
    house_rules: str | None = None
    # Whether approved confessions there is no time to show go into the record (the page
    # says so under the house rules, as it says where organisers-only ones go).
    unshown_record: bool = False
    accent: str = ""  # the organiser's colour (#rrggbb; the page keeps its contrast), or ""
    logo: Logo | None = None  # the organiser's logo, for the page's header


class PhoneState(PublicSession, frozen=True):
    """``session`` plus whether this phone agreed with what is projected, and which of its
    replies it said helped it too (``helped``: reply ids), after ``hello``."""

    TYPE = "state"
    agreed: bool = False
    helped: tuple[int, ...] = ()


class Count(Message, frozen=True):
    TYPE = "count"
    confession_id: int
    count: int


class ConfessionReceived(Message, frozen=True):
    TYPE = "confession.received"
    client_id: str
    duplicate: bool


class ReplyReceived(Message, frozen=True):
    """A reply is saved (``duplicate``: that ``client_id`` was saved before)."""

    TYPE = "reply.received"
    client_id: str
    duplicate: bool


class ConfessionWithdrawn(Message, frozen=True):
    """The confession is not in the session (any more): deleted, or never there."""

    TYPE = "confession.withdrawn"
    client_id: str


class AgreementRecorded(Message, frozen=True):
    TYPE = "agreement.recorded"
    confession_id: int
    agreed: bool
    count: int


type ToPhone = (
    Joined
    | PhoneState
    | PublicSession
    | Count
    | ConfessionReceived
    | ConfessionWithdrawn
    | ReplyReceived
    | AgreementRecorded
    | Error
)
_TO_PHONE = registry(
    Joined,
    PhoneState,
    PublicSession,
    Count,
    ConfessionReceived,
    ConfessionWithdrawn,
    ReplyReceived,
    AgreementRecorded,
    Error,
)


def decode_to_phone(raw: str | bytes) -> Incoming[ToPhone]:
    """What the host sends to a phone (simulated phones and benchmarks read it so)."""
    return decode(raw, _TO_PHONE, max_bytes=None)
