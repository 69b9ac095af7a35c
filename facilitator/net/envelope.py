"""The one message envelope of HTTP and WebSocket: ``{"type", "version", "payload"}``.

Every incoming message is checked against the schema of its type before any
handler sees it; see docs/protocol.md for the messages themselves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 16 * 1024
_MAX_REF_CHARS = 64
_RAW_TEXT_CHARS = 4000  # the rules give the precise limits; this only bounds the work


@dataclass(frozen=True, slots=True)
class FieldSpec:
    kind: type
    required: bool = True
    max_chars: int | None = None


@dataclass(frozen=True, slots=True)
class Envelope:
    type: str
    payload: dict[str, Any]
    ref: str | None = None


class ProtocolError(Exception):
    """A message that does not fit the protocol. ``status`` is the HTTP status to answer."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


SCHEMAS: dict[str, dict[str, FieldSpec]] = {
    "join": {},
    "hello": {"token": FieldSpec(str, max_chars=128)},
    "confession.submit": {
        "client_id": FieldSpec(str, max_chars=64),
        "text": FieldSpec(str, max_chars=_RAW_TEXT_CHARS),
        "learned": FieldSpec(str, required=False, max_chars=_RAW_TEXT_CHARS),
    },
    "agreement.set": {"confession_id": FieldSpec(int), "agreed": FieldSpec(bool)},
    "moderate": {
        "command": FieldSpec(str, max_chars=32),
        "confession_id": FieldSpec(int, required=False),
    },
}


def _kind_matches(value: object, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**53
    return isinstance(value, kind)


def _check_payload(message_type: str, payload: object) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise ProtocolError("invalid_payload", "The payload must be an object.")
    schema = SCHEMAS[message_type]
    unknown = sorted(set(payload) - set(schema))
    if unknown:
        raise ProtocolError("invalid_payload", f"Unknown field(s): {', '.join(unknown)[:200]}.")
    for name, spec in schema.items():
        if payload.get(name) is None and not spec.required:
            payload.pop(name, None)
            continue
        if name not in payload:
            if spec.required:
                raise ProtocolError("invalid_payload", f"The field {name!r} is missing.")
            continue
        value = payload[name]
        if not _kind_matches(value, spec.kind):
            raise ProtocolError(
                "invalid_payload", f"The field {name!r} must be of type {spec.kind.__name__}."
            )
        if spec.max_chars is not None and isinstance(value, str) and len(value) > spec.max_chars:
            raise ProtocolError(f"{name}_too_long", f"The field {name!r} is far too long.")
    return payload


def parse(raw: str | bytes, allowed: frozenset[str]) -> Envelope:
    """Decode and validate one incoming envelope whose type must be in ``allowed``."""
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ProtocolError("too_large", "The message is too large.", status=413)
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ProtocolError("bad_json", "The message is not valid JSON.") from error
    if not isinstance(document, dict):
        raise ProtocolError("bad_envelope", "The message must be a JSON object.")
    extra_keys = set(document) - {"type", "version", "payload", "ref"}
    message_type = document.get("type")
    if extra_keys or not isinstance(message_type, str) or "payload" not in document:
        raise ProtocolError("bad_envelope", "Expected {type, version, payload}.")
    if document.get("version") != PROTOCOL_VERSION or isinstance(document.get("version"), bool):
        raise ProtocolError(
            "unsupported_version", f"This server speaks protocol version {PROTOCOL_VERSION}."
        )
    if message_type not in allowed or message_type not in SCHEMAS:
        raise ProtocolError("unknown_type", "This message type is not accepted here.")
    ref = document.get("ref")
    if ref is not None and (not isinstance(ref, str) or len(ref) > _MAX_REF_CHARS):
        raise ProtocolError("bad_envelope", "ref must be a short string.")
    return Envelope(message_type, _check_payload(message_type, document["payload"]), ref)


def encode(message_type: str, payload: dict[str, Any], ref: str | None = None) -> str:
    document: dict[str, Any] = {"type": message_type, "version": PROTOCOL_VERSION}
    document["payload"] = payload
    if ref is not None:
        document["ref"] = ref
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def error(code: str, message: str, ref: str | None = None) -> str:
    return encode("error", {"code": code, "message": message}, ref)
