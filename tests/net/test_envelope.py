"""The envelope parser on its own: every way a message can be wrong."""

from __future__ import annotations

import json

import pytest

from facilitator.net import envelope
from facilitator.net.envelope import ProtocolError

SUBMIT = frozenset({"confession.submit", "agreement.set"})


def raw(document: object) -> str:
    return json.dumps(document)


def test_valid_message_round_trips() -> None:
    message = envelope.parse(
        raw(
            {
                "type": "agreement.set",
                "version": 1,
                "payload": {"confession_id": 3, "agreed": True},
                "ref": "a",
            }
        ),
        SUBMIT,
    )
    assert (message.type, message.payload, message.ref) == (
        "agreement.set",
        {"confession_id": 3, "agreed": True},
        "a",
    )
    assert json.loads(envelope.encode("count", {"count": 2}, "r")) == {
        "type": "count",
        "version": 1,
        "payload": {"count": 2},
        "ref": "r",
    }


@pytest.mark.parametrize(
    ("document", "code"),
    [
        (
            {
                "type": "agreement.set",
                "version": 1,
                "payload": {"confession_id": True, "agreed": True},
            },
            "invalid_payload",
        ),
        (
            {"type": "agreement.set", "version": 1, "payload": {"confession_id": 1, "agreed": 1}},
            "invalid_payload",
        ),
        (
            {
                "type": "agreement.set",
                "version": 1,
                "payload": {"confession_id": 2**60, "agreed": True},
            },
            "invalid_payload",
        ),
        ({"type": "agreement.set", "version": True, "payload": {}}, "unsupported_version"),
        ({"type": "agreement.set", "version": 1, "payload": []}, "invalid_payload"),
        ({"type": "agreement.set", "version": 1, "payload": {}, "extra": 1}, "bad_envelope"),
        ({"type": "agreement.set", "version": 1, "payload": {}, "ref": "x" * 65}, "bad_envelope"),
        ({"type": "join", "version": 1, "payload": {}}, "unknown_type"),
        ({"type": 7, "version": 1, "payload": {}}, "bad_envelope"),
        (
            {
                "type": "confession.submit",
                "version": 1,
                "payload": {"client_id": "abcdefgh", "text": "x" * 5000},
            },
            "text_too_long",
        ),
    ],
)
def test_refusals(document: object, code: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        envelope.parse(raw(document), SUBMIT)
    assert refused.value.code == code
    assert refused.value.message


def test_oversized_and_undecodable() -> None:
    with pytest.raises(ProtocolError) as refused:
        envelope.parse("x" * (envelope.MAX_MESSAGE_BYTES + 1), SUBMIT)
    assert (refused.value.code, refused.value.status) == ("too_large", 413)
    with pytest.raises(ProtocolError) as refused:
        envelope.parse(b"\xff\xfe", SUBMIT)
    assert refused.value.code == "bad_json"
