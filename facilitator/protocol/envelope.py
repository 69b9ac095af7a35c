"""The one envelope of HTTP and WebSocket: ``{"type", "version", "payload", "ref"}``.

:func:`decode` checks the envelope, then decodes the payload with the struct its
type names, refusing anything else with a :class:`ProtocolError` that carries a
stable code. :func:`encode` serialises a message once, to UTF-8 JSON bytes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

import msgspec

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 16 * 1024
MAX_REF_CHARS = 64
LARGEST_INTEGER = 2**53 - 1  # what a phone's JavaScript can represent exactly

Id = Annotated[int, msgspec.Meta(ge=-LARGEST_INTEGER, le=LARGEST_INTEGER)]
Ref = Annotated[str, msgspec.Meta(max_length=MAX_REF_CHARS)]


class Message(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A payload; ``TYPE`` is the envelope's ``type`` for it."""

    TYPE: ClassVar[str]


class Error(Message, frozen=True):
    """A refusal, in either direction of any connection."""

    TYPE = "error"
    code: str
    message: str


class ProtocolError(Exception):
    """A message that does not fit the protocol. ``status`` is the HTTP status to answer;
    ``ref`` is the envelope's, when the envelope itself could be read (the refusal of a
    WebSocket request carries it, as any answer does)."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.ref: str | None = None


@dataclass(frozen=True, slots=True)
class Incoming[M]:
    message: M
    ref: str | None = None


class _Envelope(msgspec.Struct, forbid_unknown_fields=True):
    type: str
    payload: msgspec.Raw
    version: Any = None
    ref: Ref | None = None


class _Outgoing(msgspec.Struct, omit_defaults=True):
    type: str
    version: int
    payload: Message
    ref: str | None = None


_envelope_decoder = msgspec.json.Decoder(_Envelope)
_encoder = msgspec.json.Encoder()
_FIELD = re.compile(r"at `\$\.([A-Za-z_]+)")


def registry(*types: type[Message]) -> dict[str, object]:
    """The message types accepted somewhere, by their wire name."""
    return {message_type.TYPE: message_type for message_type in types}


def decode(
    raw: str | bytes, accepted: Mapping[str, object], max_bytes: int | None = MAX_MESSAGE_BYTES
) -> Incoming[Any]:
    """Decode and validate one incoming envelope whose type must be in ``accepted``.

    ``accepted`` maps a wire name to the type its payload decodes to: a struct, or a
    tagged union of structs. Callers name the type they get (see the protocol modules).
    ``max_bytes`` bounds what a client may send; what the host sends is not bounded.
    """
    if max_bytes is not None and len(raw) > max_bytes:
        raise ProtocolError("too_large", "The message is too large.", status=413)
    try:
        envelope = _envelope_decoder.decode(raw)
    except msgspec.ValidationError as error:
        raise ProtocolError("bad_envelope", "Expected {type, version, payload}.") from error
    except (msgspec.DecodeError, RecursionError, UnicodeError) as error:
        raise ProtocolError("bad_json", "The message is not valid JSON.") from error
    try:
        return Incoming(_message(envelope, accepted), envelope.ref)
    except ProtocolError as refused:
        refused.ref = envelope.ref
        raise


def _message(envelope: _Envelope, accepted: Mapping[str, object]) -> Any:
    """The envelope's payload as the struct its type names, or a :class:`ProtocolError`."""
    if type(envelope.version) is not int or envelope.version != PROTOCOL_VERSION:
        raise ProtocolError(
            "unsupported_version", f"This server speaks protocol version {PROTOCOL_VERSION}."
        )
    message_type = accepted.get(envelope.type)
    if message_type is None:
        raise ProtocolError("unknown_type", "This message type is not accepted here.")
    try:
        return msgspec.json.decode(envelope.payload, type=message_type)
    except msgspec.ValidationError as error:
        raise _payload_error(str(error)) from error
    except (msgspec.DecodeError, RecursionError, UnicodeError) as error:
        raise ProtocolError("bad_json", "The message is not valid JSON.") from error


def _payload_error(detail: str) -> ProtocolError:
    field = _FIELD.search(detail)
    if field is not None and "of length <=" in detail:
        name = field.group(1)
        return ProtocolError(f"{name}_too_long", f"The field {name!r} is far too long.")
    return ProtocolError("invalid_payload", f"The payload does not fit: {detail[:200]}.")


def encode(message: Message, ref: str | None = None) -> bytes:
    """The message in its envelope, as UTF-8 JSON: serialise once, send to many."""
    return _encoder.encode(_Outgoing(message.TYPE, PROTOCOL_VERSION, message, ref))


def error(code: str, message: str, ref: str | None = None) -> bytes:
    return encode(Error(code, message), ref)
