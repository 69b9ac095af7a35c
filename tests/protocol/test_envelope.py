"""The envelope on its own: every way a message can be wrong, and encoding once."""

from __future__ import annotations

import json

import pytest

from facilitator.protocol import envelope
from facilitator.protocol.envelope import ProtocolError
from facilitator.protocol.phone import Count, SetAgreement, decode_request


def raw(document: object) -> str:
    return json.dumps(document)


def test_valid_message_round_trips() -> None:
    incoming = decode_request(
        raw(
            {
                "type": "agreement.set",
                "version": 1,
                "payload": {"confession_id": 3, "agreed": True},
                "ref": "a",
            }
        )
    )
    assert (incoming.message, incoming.ref) == (SetAgreement(3, True), "a")
    assert json.loads(envelope.encode(Count(3, 2), "r")) == {
        "type": "count",
        "version": 1,
        "payload": {"confession_id": 3, "count": 2},
        "ref": "r",
    }
    assert b'"ref"' not in envelope.encode(Count(3, 2))


def test_text_is_encoded_as_written() -> None:
    encoded = envelope.error("x", "<b>Äpfel</b> & \u202e")
    assert "<b>Äpfel</b> & \u202e".encode() in encoded
    assert json.loads(encoded)["payload"]["message"] == "<b>Äpfel</b> & \u202e"


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
            {"type": "agreement.set", "version": 1, "payload": {"confession_id": "1", "agreed": 1}},
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
        (
            {
                "type": "agreement.set",
                "version": 1,
                "payload": {"confession_id": 1, "agreed": True, "extra": 1},
            },
            "invalid_payload",
        ),
        ({"type": "agreement.set", "version": 1, "payload": {"agreed": True}}, "invalid_payload"),
        ({"type": "agreement.set", "version": True, "payload": {}}, "unsupported_version"),
        ({"type": "agreement.set", "version": 2, "payload": {}}, "unsupported_version"),
        ({"type": "agreement.set", "version": "1", "payload": {}}, "unsupported_version"),
        ({"type": "agreement.set", "payload": {}}, "unsupported_version"),
        ({"type": "agreement.set", "version": 1, "payload": []}, "invalid_payload"),
        ({"type": "agreement.set", "version": 1, "payload": {}, "extra": 1}, "bad_envelope"),
        ({"type": "agreement.set", "version": 1, "payload": {}, "ref": "x" * 65}, "bad_envelope"),
        ({"type": "agreement.set", "version": 1, "payload": {}, "ref": 5}, "bad_envelope"),
        ({"type": "agreement.set", "version": 1}, "bad_envelope"),
        ({"type": "join", "version": 1, "payload": {}}, "unknown_type"),
        ({"type": 7, "version": 1, "payload": {}}, "bad_envelope"),
        ([1, 2], "bad_envelope"),
        (
            {
                "type": "confession.submit",
                "version": 1,
                "payload": {"client_id": "abcdefgh", "text": "x" * 5000},
            },
            "text_too_long",
        ),
        (
            {
                "type": "confession.submit",
                "version": 1,
                "payload": {"client_id": "c" * 65, "text": "x"},
            },
            "client_id_too_long",
        ),
    ],
)
def test_refusals(document: object, code: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        decode_request(raw(document))
    assert refused.value.code == code
    assert refused.value.message
    assert refused.value.status == 400


def test_optional_fields_may_be_null_or_left_out() -> None:
    for learned in ({}, {"learned": None}):
        payload = {"client_id": "abcdefgh", "text": "x", **learned}
        document = {"type": "confession.submit", "version": 1, "payload": payload}
        assert decode_request(raw(document)).message.learned is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe",
        b'{"type": "agreement.set", "version": 1, "payload": {',
        b"",
        b'{"type": "agreement.set", "version": 1, "payload": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"type": "agreement.set", "version": 1, "payload": {"confession_id": ' + b"[" * 5000,
    ],
)
def test_undecodable_and_absurdly_nested(body: bytes) -> None:
    with pytest.raises(ProtocolError) as refused:
        decode_request(body)
    assert refused.value.code in {"bad_json", "invalid_payload"}


def test_lone_surrogates_are_refused_not_crashed_on() -> None:
    for body in (
        '{"type": "agreement.set", "version": 1, "payload": {}, "ref": "\\ud800"}',
        '{"type": "confession.submit", "version": 1, '
        '"payload": {"client_id": "abcdefgh", "text": "\\udfff"}}',
    ):
        with pytest.raises(ProtocolError) as refused:
            decode_request(body)
        assert refused.value.code == "bad_json"


def test_oversized() -> None:
    with pytest.raises(ProtocolError) as refused:
        decode_request("x" * (envelope.MAX_MESSAGE_BYTES + 1))
    assert (refused.value.code, refused.value.status) == ("too_large", 413)
