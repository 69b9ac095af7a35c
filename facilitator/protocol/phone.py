"""What phones and the session host say to each other (docs/protocol.md, "Participant")."""

from __future__ import annotations

from typing import Annotated

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


class WithdrawConfession(Message, frozen=True):
    """Take back one's own confession (named by the ``client_id`` it was sent with) before
    it is shown; it is deleted at once."""

    TYPE = "confession.withdraw"
    client_id: ClientId


class SetAgreement(Message, frozen=True):
    TYPE = "agreement.set"
    confession_id: Id
    agreed: bool


type PhoneRequest = SubmitConfession | WithdrawConfession | SetAgreement

_JOIN = registry(Join)
_HELLO = registry(Hello)
_REQUESTS = registry(SubmitConfession, WithdrawConfession, SetAgreement)


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


class PublicProjection(msgspec.Struct, frozen=True):
    """What the big screen shows: the edited text only, and the count."""

    confession_id: int
    text: str
    learned: str
    count: int


class TextLimits(msgspec.Struct, frozen=True):
    """How many characters a confession and its lesson may have (the page checks too)."""

    text: int
    learned: int


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


class PhoneState(PublicSession, frozen=True):
    """``session`` plus whether this phone agreed with what is projected (after ``hello``)."""

    TYPE = "state"
    agreed: bool = False


class Count(Message, frozen=True):
    TYPE = "count"
    confession_id: int
    count: int


class ConfessionReceived(Message, frozen=True):
    TYPE = "confession.received"
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
    AgreementRecorded,
    Error,
)


def decode_to_phone(raw: str | bytes) -> Incoming[ToPhone]:
    """What the host sends to a phone (simulated phones and benchmarks read it so)."""
    return decode(raw, _TO_PHONE, max_bytes=None)
