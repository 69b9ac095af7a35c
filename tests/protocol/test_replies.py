"""The messages of "what helped": reply.submit, reply.received, replies in the projection."""

from __future__ import annotations

import json

import msgspec
import pytest

from facilitator.protocol.envelope import ProtocolError, encode
from facilitator.protocol.moderator import ItemKind
from facilitator.protocol.phone import (
    PublicProjection,
    PublicReply,
    PublicSession,
    ReplyReceived,
    SubmitReply,
    TextLimits,
    decode_request,
    decode_to_phone,
)


def test_reply_submit_decodes_into_its_struct() -> None:
    raw = json.dumps(
        {
            "type": "reply.submit",
            "version": 1,
            "ref": "r1",
            "payload": {"client_id": "reply-0001", "confession_id": 12, "text": "Flags"},
        }
    )
    incoming = decode_request(raw)
    assert incoming.message == SubmitReply("reply-0001", 12, "Flags")
    assert incoming.ref == "r1"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"client_id": "reply-0001", "text": "Flags"}, "invalid_payload"),
        ({"client_id": "reply-0001", "confession_id": "12", "text": "x"}, "invalid_payload"),
        ({"client_id": "reply-0001", "confession_id": 1, "text": "x", "learned": ""}, None),
    ],
)
def test_reply_submit_refusals(payload: dict[str, object], code: str | None) -> None:
    raw = json.dumps({"type": "reply.submit", "version": 1, "payload": payload})
    with pytest.raises(ProtocolError) as caught:
        decode_request(raw)
    if code is not None:
        assert caught.value.code == code


def test_reply_received_encodes_as_documented() -> None:
    assert json.loads(encode(ReplyReceived("reply-0001", duplicate=False))) == {
        "type": "reply.received",
        "version": 1,
        "payload": {"client_id": "reply-0001", "duplicate": False},
    }


def test_the_projection_carries_replies_and_old_documents_still_decode() -> None:
    projection = PublicProjection(12, "I deployed on a Friday.", "", 41, (PublicReply(31, "A", 7),))
    session = PublicSession(3, "T", "P", "Been there", "open", projection, TextLimits(1000, 500))
    document = json.loads(encode(session))
    assert document["payload"]["projection"]["replies"] == [
        {"reply_id": 31, "text": "A", "count": 7}
    ]
    assert document["payload"]["limits"] == {"text": 1000, "learned": 500, "reply": 200}
    # A projection without replies (an older host) reads as none.
    old = {"confession_id": 12, "text": "x", "learned": "", "count": 1}
    assert msgspec.convert(old, PublicProjection).replies == ()
    decoded = decode_to_phone(encode(session)).message
    assert isinstance(decoded, PublicSession)
    assert decoded.projection == projection


def test_reply_is_an_item_kind() -> None:
    assert ItemKind("reply") is ItemKind.REPLY
