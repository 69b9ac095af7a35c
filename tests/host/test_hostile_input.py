"""No input makes the host fail: every endpoint and socket refuses what does not fit.

Whatever a client sends (absurd nesting, lone surrogates, bytes that are not UTF-8,
numbers JSON cannot hold, duplicate keys, bodies around the size limit, garbage), the
host answers with a documented ``error`` (never a 5xx), keeps the phone's or the
moderator's socket open for the next message, and commits nothing it did not
acknowledge. The explicit cases come first; then Hypothesis throws generated
envelopes at every endpoint and socket (``tests/host/hostile.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import aiohttp
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from facilitator.core.model import Item, ItemKind, SessionInfo
from facilitator.core.word_lists import WordLists
from facilitator.protocol.commands import Approve, Project
from facilitator.protocol.envelope import MAX_MESSAGE_BYTES, Error, ProtocolError, encode
from facilitator.protocol.moderator import Done, Snapshot, decode_to_moderator
from facilitator.protocol.phone import (
    AgreementRecorded,
    ConfessionReceived,
    ConfessionWithdrawn,
    Count,
    Hello,
    Join,
    Joined,
    PhoneState,
    PublicSession,
    ReplyReceived,
    SubmitReply,
    decode_request,
    decode_to_phone,
)
from tests.host.harness import JSON, Running, envelope, receive_json, running_server
from tests.host.hostile import (
    MODERATOR_REQUESTS,
    NAMED_CODES,
    PHONE_REQUESTS,
    Frame,
    documented_codes,
    frames,
    nested,
)
from tests.http_client import connector as http_connector

CODES = documented_codes()
CLOSE_NO_HELLO = 4001
CLOSE_TOO_BIG = 1009
CLOSE_NOT_UTF8 = 1007
TIMEOUT = 5.0


@pytest.fixture(autouse=True)
def nothing_logged_as_an_error(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """The host logs no error for anything a client sends (aiohttp logs a 500 so)."""
    caplog.set_level(logging.ERROR)
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert [f"{r.name}: {r.getMessage()}" for r in errors] == []


def ws_url(base: str) -> str:
    return base.replace("http", "ws", 1)


def submission(client_id: str, text: str, **extra: Any) -> dict[str, Any]:
    return envelope("confession.submit", {"client_id": client_id, "text": text}, **extra)


def dumps(document: Any) -> bytes:
    """JSON as a client writes it: lone surrogates escaped (``"\\ud800"``), ASCII only."""
    return json.dumps(document).encode()


# The endpoints


@dataclass(frozen=True)
class Endpoint:
    name: str
    url: Callable[[Running], str]
    type: str  # a type accepted there, for envelopes refused for their payload
    authorised: bool = False


JOIN = Endpoint("join", lambda run: f"{run.base}/api/join", "join")
MESSAGES = Endpoint(
    "messages", lambda run: f"{run.base}/api/messages", "confession.submit", authorised=True
)
COMMANDS = Endpoint("commands", lambda run: f"{run.moderator_base}/api/commands", "moderate")
ENDPOINTS = (JOIN, MESSAGES, COMMANDS)


async def post(
    run: Running,
    url: str,
    body: bytes,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    """POST ``body``; the answer must be one JSON envelope whatever the status."""
    sent = {**JSON, **(headers or {})}
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    async with run.http.post(url, data=body, headers=sent) as reply:
        assert reply.status < 500, await reply.text()
        assert reply.content_type == "application/json", await reply.text()
        document: dict[str, Any] = json.loads(await reply.read())
    assert set(document) == {"type", "version", "payload"}, document
    assert document["version"] == 1
    return reply.status, document


async def refused_over_http(
    run: Running, endpoint: Endpoint, token: str, body: bytes, refusal: tuple[int, str]
) -> None:
    """``body`` at ``endpoint`` is refused with ``refusal``: its HTTP status and code."""
    status, code = refusal
    answer = await post(run, endpoint.url(run), body, token=token if endpoint.authorised else None)
    assert answer[0] == status, (endpoint.name, answer)
    assert answer[1]["type"] == "error", (endpoint.name, answer)
    assert answer[1]["payload"]["code"] == code, (endpoint.name, answer)
    assert answer[1]["payload"]["message"]


async def raw_request(port: int, head: bytes, body: bytes = b"") -> tuple[int, bytes]:
    """One HTTP/1.1 request written byte for byte (headers aiohttp's client would not send)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            head
            + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json"
            + b"\r\nContent-Length: %d\r\n\r\n" % len(body)
            + body
        )
        await writer.drain()
        answer = await reader.read()
    finally:
        writer.close()
        await writer.wait_closed()
    status_line, _, rest = answer.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


# The sockets


class PhoneSocket:
    """A phone's live socket after ``hello``; ``session`` and ``count`` pushes are kept."""

    PUSHES = ("session", "count")

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.pushes: list[dict[str, Any]] = []

    @classmethod
    async def connect(cls, run: Running, token: str) -> PhoneSocket:
        socket = await run.http.ws_connect(f"{ws_url(run.base)}/ws")
        await socket.send_json(envelope("hello", {"token": token}))
        state = await receive_json(socket)
        assert state["type"] == "state", state
        return cls(socket)

    async def answer(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The next message that is not a push (the answer to what was sent)."""
        while True:
            document: dict[str, Any] = await receive_json(self.socket, timeout)
            if document["type"] not in self.PUSHES:
                return document
            self.pushes.append(document)

    async def ask(self, frame: str) -> dict[str, Any]:
        await self.socket.send_str(frame)
        return await self.answer()

    async def push(self, message_type: str) -> dict[str, Any]:
        for document in self.pushes:
            if document["type"] == message_type:
                self.pushes.remove(document)
                return document
        while True:
            document = await receive_json(self.socket)
            if document["type"] == message_type:
                return document


class ModeratorSocket:
    """A moderator's stream; :meth:`ask` skips the changes it carries meanwhile."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket

    @classmethod
    async def connect(cls, run: Running) -> ModeratorSocket:
        socket = await run.http.ws_connect(f"{ws_url(run.moderator_base)}/ws")
        snapshot = await receive_json(socket)
        assert snapshot["type"] == "moderator.snapshot", snapshot
        return cls(socket)

    async def ask(self, frame: str) -> dict[str, Any]:
        await self.socket.send_str(frame)
        while True:
            document: dict[str, Any] = await receive_json(self.socket)
            if document["type"] in ("moderator.done", "error"):
                return document


async def closed_with(socket: aiohttp.ClientWebSocketResponse, code: int) -> None:
    """The server closed ``socket`` with ``code`` (after any messages still on their way)."""
    while True:
        message = await socket.receive(timeout=TIMEOUT)
        if message.type is not aiohttp.WSMsgType.TEXT:
            break
    assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED), message
    assert socket.close_code == code, (socket.close_code, message)
    await socket.close()


async def first_frame_refused(run: Running, frame: str, code: str) -> None:
    """A first message that is not a valid ``hello``: an ``error``, then 4001 (no hello)."""
    async with run.http.ws_connect(f"{ws_url(run.base)}/ws") as socket:
        await socket.send_str(frame)
        if code == "too_large":
            await closed_with(socket, CLOSE_TOO_BIG)
            return
        error = await receive_json(socket)
        assert (error["type"], error["payload"]["code"]) == ("error", code), error
        await closed_with(socket, CLOSE_NO_HELLO)


@dataclass
class Room:
    """A running host with a confession approved, a phone on its socket and a moderator."""

    run: Running
    token: str
    phone: PhoneSocket
    moderator: ModeratorSocket
    approved: int
    sent: int = 0

    @classmethod
    async def open(cls, run: Running) -> Room:
        token = await run.join()
        await run.submit(token, "setup-0001", "I deployed on a Friday.")
        [item] = run.service.items()
        run.service.execute(Approve(item.id))
        phone = await PhoneSocket.connect(run, token)
        moderator = await ModeratorSocket.connect(run)
        return cls(run, token, phone, moderator, item.id)

    def stored(self) -> tuple[tuple[Item, ...], SessionInfo, WordLists, int]:
        service = self.run.service
        return tuple(service.items()), service.session, service.word_lists, service.phones_joined()

    async def refused(self, body: bytes, refusal: tuple[int, str]) -> None:
        """``body`` is refused at every endpoint and on every socket with ``refusal``."""
        code = refusal[1]
        for endpoint in ENDPOINTS:
            await refused_over_http(self.run, endpoint, self.token, body, refusal)
        frame = body.decode("utf-8", "surrogateescape")
        await first_frame_refused(self.run, frame, code)
        if code == "too_large":
            await self.phone.socket.send_str(frame)
            await closed_with(self.phone.socket, CLOSE_TOO_BIG)
            self.phone = await PhoneSocket.connect(self.run, self.token)
            await self.moderator.socket.send_str(frame)
            await closed_with(self.moderator.socket, CLOSE_TOO_BIG)
            self.moderator = await ModeratorSocket.connect(self.run)
            return
        for socket in (self.phone, self.moderator):
            answer = await socket.ask(frame)
            assert (answer["type"], answer["payload"]["code"]) == ("error", code), answer

    async def still_serves(self) -> None:
        """The same sockets carry on: a confession over the phone's, projected by the
        moderator's, pushed to the phone."""
        self.sent += 1
        client_id = f"after-{self.sent:04d}"
        frame = json.dumps(submission(client_id, "Still here.", ref="after"))
        answer = await self.phone.ask(frame)
        assert answer == {
            "type": "confession.received",
            "version": 1,
            "ref": "after",
            "payload": {"client_id": client_id, "duplicate": False},
        }
        done = await self.moderator.ask(encode(Project(self.approved), ref="p").decode())
        assert (done["type"], done["ref"]) == ("moderator.done", "p"), done
        session = await self.phone.push("session")
        assert session["payload"]["projection"]["confession_id"] == self.approved
        blanked = await self.moderator.ask(
            json.dumps(envelope("moderate", {"command": "blank"}, ref="b"))
        )
        assert blanked["type"] == "moderator.done", blanked
        await self.phone.push("session")

    async def close(self) -> None:
        await self.phone.socket.close()
        await self.moderator.socket.close()


def test_every_named_code_is_in_the_document() -> None:
    document = (Path(__file__).parents[2] / "docs" / "protocol.md").read_text()
    assert [code for code in sorted(NAMED_CODES) if f"`{code}`" not in document] == []


def test_the_generated_phone_requests_include_replies_valid_and_malformed() -> None:
    """The phones' endpoint and socket get ``reply.submit`` among the generated frames
    (``test_generated_input_never_breaks_the_host``): ones the decoder takes, under the
    confession on the screen, and malformed ones it refuses."""
    quick = settings(database=None, max_examples=2_000)

    def reply(frame: Frame) -> bool:
        document = frame.document
        return isinstance(document, dict) and document.get("type") == SubmitReply.TYPE

    def taken(frame: Frame) -> SubmitReply | None:
        try:
            message = decode_request(frame.text(["a-token"])).message
        except ProtocolError:
            return None
        return message if isinstance(message, SubmitReply) else None

    def under_the_screen(frame: Frame) -> bool:
        message = taken(frame)
        return message is not None and message.confession_id == 1

    valid = find(frames(PHONE_REQUESTS), under_the_screen, settings=quick)
    assert reply(valid)
    malformed = find(
        frames(PHONE_REQUESTS), lambda frame: reply(frame) and taken(frame) is None, settings=quick
    )
    with pytest.raises(ProtocolError):
        decode_request(malformed.text(["a-token"]))


# Deep nesting


@pytest.mark.parametrize(
    ("depth", "shape", "where", "refusal"),
    [
        pytest.param(5_000, "array", "payload", (400, "bad_json"), id="5000-arrays"),
        pytest.param(3_000, "mixed", "payload", (400, "bad_json"), id="3000-mixed"),
        # Six bytes a level: 5,000 objects are over the 16 KiB limit already.
        pytest.param(5_000, "object", "payload", (413, "too_large"), id="5000-objects"),
        pytest.param(100_000, "array", "payload", (413, "too_large"), id="100000-arrays"),
        pytest.param(100_000, "object", "payload", (413, "too_large"), id="100000-objects"),
        pytest.param(8_150, "array", "payload", (400, "bad_json"), id="deepest-arrays-that-fit"),
        pytest.param(2_700, "object", "payload", (400, "bad_json"), id="deepest-objects-that-fit"),
        pytest.param(16_000, "array", "unclosed", (400, "bad_json"), id="16000-unclosed"),
        pytest.param(5_000, "array", "body", (400, "bad_envelope"), id="5000-arrays-as-body"),
        pytest.param(100_000, "array", "body", (413, "too_large"), id="100000-arrays-as-body"),
        pytest.param(2_500, "object", "ref", (400, "bad_envelope"), id="2500-objects-as-ref"),
    ],
)
async def test_deep_nesting_is_refused_and_every_socket_stays_open(
    tmp_path: Path, depth: int, shape: str, where: str, refusal: tuple[int, str]
) -> None:
    value = nested(depth, shape, closed=where != "unclosed").encode()
    if where == "body":
        body = value
    elif where == "ref":
        body = b'{"type":"join","version":1,"payload":{},"ref":' + value + b"}"
    else:
        body = b'{"type":"confession.submit","version":1,"payload":' + value + b"}"
    assert (len(body) > MAX_MESSAGE_BYTES) == (refusal[1] == "too_large"), len(body)
    async with running_server(tmp_path) as run:
        room = await Room.open(run)
        before = room.stored()
        await room.refused(body, refusal)
        assert room.stored() == before
        await room.still_serves()
        await room.close()


# Lone surrogates: refused before anything is stored


def _placements(bad: str) -> list[tuple[Endpoint, dict[str, Any]]]:
    """Requests that would each store something, with ``bad`` in one text field."""
    submit = {"client_id": "surrogate-01", "text": "Valid text", "learned": "Valid lesson"}
    edit = {"command": "edit", "item_id": 1, "version": 1, "text": "New", "learned": ""}
    details = {"command": "update_details", "title": "T", "prompt": "P", "agree_label": "L"}
    lists = {"command": "set_word_lists", "local_names": ["Riverside"], "watch_words": []}
    placements: list[tuple[Endpoint, dict[str, Any]]] = [
        (JOIN, envelope("join", {}, ref=bad)),
        (JOIN, envelope(f"join{bad}", {})),
        (JOIN, envelope("join", {bad: 1})),
        (MESSAGES, envelope("confession.submit", submit, ref=bad)),
        (MESSAGES, envelope(f"confession.submit{bad}", submit)),
        (MESSAGES, envelope("agreement.set", {"confession_id": 1, "agreed": True}, ref=bad)),
        (COMMANDS, envelope("moderate", {"command": "approve", "item_id": 1}, ref=bad)),
        (COMMANDS, envelope("moderate", {"command": f"approve{bad}", "item_id": 1})),
        (COMMANDS, envelope("moderate", {**lists, "local_names": [f"River{bad}"]})),
        (COMMANDS, envelope("moderate", {"command": "use_address", "ip": f"127.0.0.1{bad}"})),
    ]
    for name in ("client_id", "text", "learned"):
        placements.append((MESSAGES, envelope("confession.submit", {**submit, name: bad})))
    for name in ("text", "learned"):
        placements.append((COMMANDS, envelope("moderate", {**edit, name: f"x{bad}"})))
    for name in ("title", "prompt", "agree_label"):
        placements.append((COMMANDS, envelope("moderate", {**details, name: f"x{bad}"})))
    return placements


@pytest.mark.parametrize(
    "bad",
    ["\ud800", "\udfff", "\udc00\ud800", "text\ud83d", "\ude00text"],
    ids=["high", "low", "reversed-pair", "high-at-end", "low-at-start"],
)
async def test_lone_surrogates_are_refused_before_anything_is_stored(
    tmp_path: Path, bad: str
) -> None:
    async with running_server(tmp_path) as run:
        room = await Room.open(run)
        before = room.stored()
        for endpoint, document in _placements(bad):
            body = dumps(document)
            assert b"\\ud" in body, body  # escaped, as JSON allows
            await refused_over_http(run, endpoint, room.token, body, (400, "bad_json"))
            if endpoint is MESSAGES:
                answer = await room.phone.ask(body.decode())
                assert answer["payload"]["code"] == "bad_json", answer
                assert "ref" not in answer  # the envelope could not be read: no ref to echo
            elif endpoint is COMMANDS:
                answer = await room.moderator.ask(body.decode())
                assert answer["payload"]["code"] == "bad_json", answer
        for hello in (
            envelope("hello", {"token": bad}),
            envelope("hello", {"token": room.token + bad}),
            envelope("hello", {"token": room.token}, ref=bad),
        ):
            await first_frame_refused(run, dumps(hello).decode(), "bad_json")
        assert room.stored() == before
        await room.still_serves()
        await room.close()


async def test_bytes_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    """In a body: ``bad_json``. In a WebSocket text frame the WebSocket protocol itself is
    broken: aiohttp closes that socket with 1007, and the phone reconnects."""
    async with running_server(tmp_path) as run:
        room = await Room.open(run)
        before = room.stored()
        for bad in (b"\xff", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe2\x82", b"\xf4\x90\x80\x80"):
            for endpoint in ENDPOINTS:
                body = b'{"type":"%s","version":1,"payload":{},"ref":"%s"}' % (
                    endpoint.type.encode(),
                    bad,
                )
                await refused_over_http(run, endpoint, room.token, body, (400, "bad_json"))
            body = dumps(submission("not-utf8-01", "@")).replace(b"@", bad)
            await refused_over_http(run, MESSAGES, room.token, body, (400, "bad_json"))
        assert room.stored() == before
        for socket in (room.phone.socket, room.moderator.socket):
            await socket._writer.send_frame(b'{"type":"\xff"}', aiohttp.WSMsgType.TEXT)
            await closed_with(socket, CLOSE_NOT_UTF8)
        room.phone = await PhoneSocket.connect(run, room.token)
        room.moderator = await ModeratorSocket.connect(run)
        await room.still_serves()
        await room.close()


async def test_an_authorization_header_that_is_not_utf8_names_nobody(tmp_path: Path) -> None:
    """Header bytes that are not UTF-8 reach the handler as lone surrogates; such a token
    must be refused like any unknown one, not hashed."""
    async with running_server(tmp_path) as run:
        room = await Room.open(run)
        before = room.stored()
        body = dumps(submission("header-0001", "Who am I?"))
        port = run.server.port
        assert port is not None
        for token in (b"\xff\xfe", b"\xed\xa0\x80", room.token.encode() + b"\x80", "é".encode()):
            status, answer = await raw_request(
                port, b"POST /api/messages HTTP/1.1\r\nAuthorization: Bearer " + token, body
            )
            assert status == 401, answer
            assert json.loads(answer)["payload"]["code"] == "unknown_participant"
        assert room.stored() == before
        status, answer = await raw_request(
            port,
            b"POST /api/messages HTTP/1.1\r\nAuthorization: Bearer " + room.token.encode(),
            body,
        )
        assert (status, json.loads(answer)["type"]) == (200, "confession.received")
        await room.close()


async def test_a_body_whose_encoding_is_broken_is_refused(tmp_path: Path) -> None:
    """``Content-Encoding`` the body does not have: ``bad_json``, and ``Connection: close``
    (nothing after it can be parsed); a compressed body that inflates past the limit:
    ``too_large`` (without inflating all of it). The same client goes on being served."""
    async with running_server(tmp_path) as run:
        room = await Room.open(run)
        before = room.stored()
        bomb = gzip.compress(b" " * 20_000_000)
        for endpoint in ENDPOINTS:
            token = room.token if endpoint.authorised else None
            for encoding in ("gzip", "deflate"):
                headers = {"Content-Encoding": encoding}
                status, answer = await post(
                    run, endpoint.url(run), b"not compressed", token=token, headers=headers
                )
                assert (status, answer["payload"]["code"]) == (400, "bad_json"), answer
            status, answer = await post(
                run, endpoint.url(run), bomb, token=token, headers={"Content-Encoding": "gzip"}
            )
            assert (status, answer["payload"]["code"]) == (413, "too_large"), answer
        async with run.http.post(
            JOIN.url(run), data=b"{}", headers={**JSON, "Content-Encoding": "gzip"}
        ) as reply:
            assert (reply.status, reply.headers["Connection"]) == (400, "close")
        assert room.stored() == before
        status, answer = await post(
            run,
            MESSAGES.url(run),
            gzip.compress(dumps(submission("gzip-0001", "Compressed, and fine."))),
            token=room.token,
            headers={"Content-Encoding": "gzip"},
        )
        assert (status, answer["type"]) == (200, "confession.received")
        await room.close()


async def test_an_origin_that_is_not_a_url_is_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        for origin in ("http://[", "http://[::1"):
            async with run.http.post(
                f"{run.base}/api/join",
                data=dumps(envelope("join", {})),
                headers={**JSON, "Origin": origin},
            ) as reply:
                assert reply.status == 403, await reply.text()
                assert (await reply.json())["payload"]["code"] == "origin_not_allowed"


# Malformed envelopes, everywhere

ANY_ENDPOINT: list[tuple[bytes, str]] = [
    (b"not json at all", "bad_json"),
    (b"", "bad_json"),
    (b"{", "bad_json"),
    (b'{"type":"join","version":1,"payload":{}} trailing', "bad_json"),
    (b'\xef\xbb\xbf{"type":"join","version":1,"payload":{}}', "bad_json"),
    (b'{"type":"join","version":NaN,"payload":{}}', "bad_json"),
    (b'{"type":"join","version":Infinity,"payload":{}}', "bad_json"),
    (b'{"type":"join","version":1,"payload":-Infinity}', "bad_json"),
    (b"[]", "bad_envelope"),
    (b'["join", 1, {}]', "bad_envelope"),
    (b"42", "bad_envelope"),
    (b"1e400", "bad_envelope"),
    (b"null", "bad_envelope"),
    (b'"join"', "bad_envelope"),
    (b"true", "bad_envelope"),
    (b"{}", "bad_envelope"),
    (b'{"type":"join","version":1}', "bad_envelope"),
    (b'{"version":1,"payload":{}}', "bad_envelope"),
    (b'{"type":7,"version":1,"payload":{}}', "bad_envelope"),
    (b'{"type":"join","version":1,"payload":{},"extra":1}', "bad_envelope"),
    (b'{"type":"join","version":1,"payload":{},"ref":1}', "bad_envelope"),
    (b'{"type":"join","version":1,"payload":{},"ref":"' + b"r" * 65 + b'"}', "bad_envelope"),
    (b'{"type":"join","version":1e400,"payload":{}}', "bad_envelope"),
    (b'{"type":"join","version":2,"payload":{}}', "unsupported_version"),
    (b'{"type":"join","version":"1","payload":{}}', "unsupported_version"),
    (b'{"type":"join","version":1.0,"payload":{}}', "unsupported_version"),
    (b'{"type":"join","version":null,"payload":{}}', "unsupported_version"),
    (b'{"type":"join","version":true,"payload":{}}', "unsupported_version"),
    (b'{"type":"join","version":1180591620717411303424,"payload":{}}', "unsupported_version"),
    (b'{"type":"join","payload":{}}', "unsupported_version"),
    # Duplicate keys: the last one counts, as in JSON.parse.
    (b'{"type":"join","version":1,"payload":{},"version":2}', "unsupported_version"),
    (b'{"type":"nothing.here","version":1,"payload":{}}', "unknown_type"),
    (b'{"type":"joined","version":1,"payload":{}}', "unknown_type"),
]


def _for(endpoint_type: str, payload: bytes) -> bytes:
    return b'{"type":"%s","version":1,"payload":%s}' % (endpoint_type.encode(), payload)


# Payloads refused by the type each endpoint takes (the same text for every endpoint:
# a field it does not have is refused like a wrong one).
WRONG_PAYLOADS: list[bytes] = [b"[]", b"null", b"7", b'"x"', b'{"unknown":1}']


@pytest.mark.parametrize(
    ("body", "code"), ANY_ENDPOINT, ids=[f"{n:02d}" for n in range(len(ANY_ENDPOINT))]
)
async def test_malformed_envelopes_get_documented_refusals(
    tmp_path: Path, body: bytes, code: str
) -> None:
    async with running_server(tmp_path) as run:
        room = await Room.open(run)
        before = room.stored()
        await room.refused(body, (400, code))
        assert room.stored() == before
        await room.still_serves()
        await room.close()


async def test_payloads_of_the_wrong_shape_are_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        room = await Room.open(run)
        before = room.stored()
        for payload in WRONG_PAYLOADS:
            for endpoint in ENDPOINTS:
                body = _for(endpoint.type, payload)
                await refused_over_http(run, endpoint, room.token, body, (400, "invalid_payload"))
            answer = await room.phone.ask(_for("agreement.set", payload).decode())
            assert answer["payload"]["code"] == "invalid_payload", answer
            answer = await room.moderator.ask(_for("moderate", payload).decode())
            assert answer["payload"]["code"] == "invalid_payload", answer
        for number in (b"1e400", b"-1e400", b"1180591620717411303424", b"9007199254740992"):
            for number_in, socket in (
                (b'{"confession_id":%s,"agreed":true}', room.phone),
                (b'{"command":"approve","item_id":%s}', room.moderator),
            ):
                payload = number_in % number
                kind = "agreement.set" if socket is room.phone else "moderate"
                endpoint = MESSAGES if socket is room.phone else COMMANDS
                body = _for(kind, payload)
                await refused_over_http(run, endpoint, room.token, body, (400, "invalid_payload"))
                answer = await socket.ask(body.decode())
                assert answer["payload"]["code"] == "invalid_payload", answer
        assert room.stored() == before
        await room.still_serves()
        await room.close()


async def test_a_refused_request_over_a_socket_carries_its_ref(tmp_path: Path) -> None:
    """Whatever refuses it (the decoder or the rules), the answer names the request."""
    wrong = {"client_id": 5, "text": "x"}
    phone_cases = [
        (envelope("confession.submit", wrong, ref="p1"), "invalid_payload"),
        (envelope("nothing.here", {}, ref="p2"), "unknown_type"),
        ({**submission("ref-0001", "x", ref="p3"), "version": 2}, "unsupported_version"),
        (submission("ref-0001", "x" * 4001, ref="p4"), "text_too_long"),
        (submission("ref-0001", "x" * 1001, ref="p5"), "text_too_long"),
        (submission("bad id!", "x", ref="p6"), "client_id_invalid"),
    ]
    moderator_cases = [
        (envelope("moderate", {"command": "approve", "item_id": "1"}, ref="m1"), "invalid_payload"),
        (envelope("moderate", {"command": "explode"}, ref="m2"), "invalid_payload"),
        (envelope("moderator.explode", {}, ref="m3"), "unknown_type"),
        (
            {**envelope("moderate", {"command": "blank"}, ref="m4"), "version": 0},
            "unsupported_version",
        ),
        (envelope("moderate", {"command": "use_address", "ip": "1" * 65}, ref="m5"), "ip_too_long"),
        (
            envelope("moderate", {"command": "approve", "item_id": 999}, ref="m6"),
            "unknown_confession",
        ),
    ]
    async with running_server(tmp_path) as run:
        room = await Room.open(run)
        before = room.stored()
        for socket, cases in ((room.phone, phone_cases), (room.moderator, moderator_cases)):
            for document, code in cases:
                answer = await socket.ask(json.dumps(document))
                assert (answer["payload"]["code"], answer.get("ref")) == (code, document["ref"])
        assert room.stored() == before
        await room.still_serves()
        await room.close()


async def test_a_message_at_the_limit_is_taken_and_one_byte_more_is_not(tmp_path: Path) -> None:
    def padded(document: dict[str, Any], size: int) -> bytes:
        body = dumps(document)
        return body + b" " * (size - len(body))  # JSON allows trailing whitespace

    async with running_server(tmp_path) as run:
        room = await Room.open(run)
        for size in (MAX_MESSAGE_BYTES - 1, MAX_MESSAGE_BYTES):
            status, answer = await post(run, JOIN.url(run), padded(envelope("join", {}), size))
            assert (status, answer["type"]) == (200, "joined")
            body = padded(submission(f"limit-{size}", "At the limit."), size)
            status, answer = await post(run, MESSAGES.url(run), body, token=room.token)
            assert (status, answer["type"]) == (200, "confession.received")
            blank = padded(envelope("moderate", {"command": "blank"}), size)
            status, answer = await post(run, COMMANDS.url(run), blank)
            assert (status, answer["type"]) == (200, "moderator.done")
            frame = padded(submission(f"limit-ws-{size}", "At the limit."), size).decode()
            assert (await room.phone.ask(frame))["type"] == "confession.received"
            assert (await room.moderator.ask(blank.decode()))["type"] == "moderator.done"
        before = room.stored()
        await room.refused(padded(envelope("join", {}), MAX_MESSAGE_BYTES + 1), (413, "too_large"))
        assert room.stored() == before
        await room.still_serves()
        await room.close()


async def test_binary_frames_do_not_close_live_sockets(tmp_path: Path) -> None:
    """A binary frame is not a message: the moderator is told (``bad_envelope``); the
    phone's socket ignores it. Before ``hello`` it closes the socket (no hello)."""
    async with running_server(tmp_path) as run:
        room = await Room.open(run)
        await room.phone.socket.send_bytes(dumps(submission("binary-0001", "Binary")))
        await room.moderator.socket.send_bytes(b"\x00\xff")
        answer = await room.moderator.ask(json.dumps(envelope("moderator.resync", {})))
        assert answer["payload"]["code"] == "bad_envelope", answer
        await room.still_serves()
        assert [item.text for item in run.service.items()] == [
            "I deployed on a Friday.",
            "Still here.",
        ]
        async with run.http.ws_connect(f"{ws_url(run.base)}/ws") as socket:
            await socket.send_bytes(b"{}")
            message = await socket.receive(timeout=TIMEOUT)
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        await room.close()


# Generated input: Hypothesis, every endpoint and socket


class Stored(NamedTuple):
    items: tuple[Item, ...]
    agreed: frozenset[tuple[int, int]]
    session: SessionInfo
    word_lists: WordLists
    phones: int
    waiting: int  # confessions and replies stored but not yet let into Incoming

    @property
    def submissions(self) -> int:
        """Confessions and replies stored: in a lane, or waiting their turn."""
        return len(self.items) + self.waiting


MARKER = "hostile.marker"
PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
authorizations = st.one_of(
    st.integers(0, 3),
    st.integers(0, 3),
    st.none(),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f")).map(
        lambda text: f"Bearer {text}"
    ),
)


@dataclass
class World:
    """The host under test, the phones' tokens, and what the host acknowledged to the test.

    Its requests go over ``http``, which keeps no connection alive: between examples the
    loop stands still while Hypothesis draws the next one, and a connection kept from
    before could be closed by the host's keep-alive timer just as it is used again.
    """

    run: Running
    http: aiohttp.ClientSession
    tokens: list[str]
    participants: list[int]
    shown: list[int]
    stored_before: int
    submissions_acknowledged: int = 0
    agreements: dict[tuple[int, int], bool] = field(default_factory=dict)
    joined: int = 0
    marker_refs: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)

    @classmethod
    async def open(cls, stack: contextlib.AsyncExitStack, data_dir: Path) -> World:
        """A host with four phones joined, three confessions: one shown, one queued."""
        run = await stack.enter_async_context(running_server(data_dir))
        connector = aiohttp.TCPConnector(force_close=True)
        http = await stack.enter_async_context(aiohttp.ClientSession(connector=connector))
        tokens = [await run.join() for _ in range(4)]
        for n, token in enumerate(tokens[:3]):
            await run.submit(token, f"world-{n:04d}", f"Prepared confession {n}")
        first, second, _ = (item.id for item in run.service.items())
        assert first == 1  # the strategies send agreements to it (hostile.GOOD)
        run.service.execute(Approve(first))
        run.service.execute(Project(first))
        run.service.execute(Approve(second))
        participants = [run.service.participant(token) for token in tokens]
        return cls(run, http, tokens, participants, [first], stored_before=3)

    def saw(self, answer: object) -> None:
        """Count what came back: a refusal's code, or the answer's type."""
        self.outcomes[answer.code if isinstance(answer, Error) else type(answer).__name__] += 1

    def reached_deep_enough(self) -> None:
        """The run was not all garbage: requests were carried out and others refused."""
        refused = sum(n for what, n in self.outcomes.items() if what.islower())
        assert refused, self.outcomes
        assert self.outcomes.total() > refused, self.outcomes

    def stored(self) -> Stored:
        service = self.run.service
        agreed = frozenset(
            (participant, item)
            for participant in self.participants
            for item in self.shown
            if service.has_agreed(participant, item)
        )
        return Stored(
            tuple(service.items()),
            agreed,
            service.session,
            service.word_lists,
            service.phones_joined(),
            service.room().waiting,
        )

    def moderator_done(self, before: Stored) -> None:
        """A command was carried out: a warm-up it added is a stored confession the
        record check expects (no other command adds or deletes one)."""
        self.submissions_acknowledged += self.stored().submissions - before.submissions

    def marker(self) -> tuple[str, str]:
        """A message every socket refuses (``unknown_type``), with a ref to find its answer."""
        self.marker_refs += 1
        ref = f"marker-{self.marker_refs}"
        return ref, json.dumps(envelope(MARKER, {}, ref=ref))

    def phone_answered(self, participant: int | None, before: Stored, answer: object) -> None:
        """Check one answer to a phone's request against what the store holds now."""
        self.saw(answer)
        after = self.stored()
        match answer:
            case Error(code):
                assert code in CODES, code
                assert after == before, "refused, yet something changed"
            case ConfessionReceived(_, duplicate) | ReplyReceived(_, duplicate):
                added = 0 if duplicate else 1
                assert after.submissions == before.submissions + added
                assert after._replace(items=(), waiting=0) == before._replace(items=(), waiting=0)
                self.submissions_acknowledged += added
                new = {i.id: i for i in after.items}.keys() - {i.id for i in before.items}
                for item in (i for i in after.items if i.id in new):  # not if it waits its turn
                    is_reply = isinstance(answer, ReplyReceived)
                    assert (item.kind is ItemKind.REPLY) == is_reply, item
                    assert item.parent_id == (self.shown[0] if is_reply else None), item
            case ConfessionWithdrawn():
                withdrawn = before.submissions - after.submissions
                assert withdrawn in (0, 1)  # deleted, or it was not there
                counted = after.session.withdrawn_count - before.session.withdrawn_count
                kept = {i.id for i in after.items}
                gone = {item.kind for item in before.items if item.id not in kept}
                if counted:  # a confession: the record counts those taken back
                    assert counted == withdrawn == 1 and gone <= {ItemKind.CONFESSION}, gone
                else:  # nothing was there, or a reply (not counted), stored or waiting
                    assert gone <= {ItemKind.REPLY}, gone
                self.submissions_acknowledged -= withdrawn
            case AgreementRecorded(confession_id, agreed, count):
                assert participant is not None
                self.agreements[participant, confession_id] = agreed
                assert ((participant, confession_id) in after.agreed) == agreed
                [item] = [i for i in after.items if i.id == confession_id]
                assert item.agreement_count == count
            case _:
                raise AssertionError(f"not an answer to a phone's request: {answer!r}")

    async def check_the_record(self) -> None:
        """Every stored confession, reply and agreement was acknowledged, and every
        acknowledged one is stored."""
        stored = self.stored()
        assert stored.phones == len(self.tokens) + self.joined
        assert stored.submissions == self.stored_before + self.submissions_acknowledged
        acknowledged = {pair for pair, agreed in self.agreements.items() if agreed}
        assert stored.agreed == acknowledged
        for item in stored.items:
            if item.id in self.shown:
                agreeing = sum(1 for _, shown in acknowledged if shown == item.id)
                assert item.agreement_count == agreeing

    async def a_new_phone_is_served(self) -> None:
        """A phone from another address joins, follows the session and submits, end to end."""
        run = self.run
        connector = http_connector(local_addr=("127.0.0.2", 0))
        async with aiohttp.ClientSession(connector=connector) as http:
            async with http.post(f"{run.base}/api/join", json=envelope("join", {})) as reply:
                assert reply.status == 200, await reply.text()
                token = (await reply.json())["payload"]["token"]
            async with http.ws_connect(f"{ws_url(run.base)}/ws") as socket:
                await socket.send_json(envelope("hello", {"token": token}))
                assert (await receive_json(socket))["type"] == "state"
                await socket.send_json(submission("new-phone-01", "Late to the party.", ref="n"))
                answer = await receive_json(socket)
                while answer["type"] in PhoneSocket.PUSHES:
                    answer = await receive_json(socket)
                assert (answer["type"], answer["ref"]) == ("confession.received", "n"), answer
            headers = {"Authorization": f"Bearer {token}"}
            body = submission("new-phone-02", "And again over HTTP.")
            async with http.post(f"{run.base}/api/messages", json=body, headers=headers) as reply:
                assert reply.status == 200, await reply.text()
                assert (await reply.json())["type"] == "confession.received"


class Target:
    """One endpoint or socket: sends a generated frame and checks what comes back."""

    strategy: st.SearchStrategy[tuple[Frame, Any]]

    def __init__(self, world: World) -> None:
        self.world = world

    async def start(self) -> None:
        return None

    async def exchange(self, frame: Frame, extra: Any) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        return None


class JoinTarget(Target):
    strategy = st.tuples(frames((Join,)), st.none())

    async def exchange(self, frame: Frame, extra: Any) -> None:
        world = self.world
        before = world.stored()
        status, raw = await _post(world, JOIN.url(world.run), frame, None)
        answer = decode_to_phone(raw).message
        world.saw(answer)
        after = world.stored()
        if isinstance(answer, Joined):
            assert status == 200
            assert after == before._replace(phones=before.phones + 1)
            world.joined += 1
        else:
            assert isinstance(answer, Error), answer
            assert 400 <= status < 500 and answer.code in CODES, (status, answer)
            assert after == before


class MessagesTarget(Target):
    strategy = st.tuples(frames(PHONE_REQUESTS), authorizations)

    async def exchange(self, frame: Frame, extra: Any) -> None:
        world = self.world
        participant = world.participants[extra] if isinstance(extra, int) else None
        if isinstance(extra, int):
            authorization: str | None = f"Bearer {world.tokens[extra]}"
        else:
            authorization = extra
        before = world.stored()
        status, raw = await _post(world, MESSAGES.url(world.run), frame, authorization)
        answer = decode_to_phone(raw).message
        if isinstance(answer, Error):
            assert 400 <= status < 500, (status, answer)
        else:
            assert status == 200 and participant is not None, (status, answer)
        world.phone_answered(participant, before, answer)


class CommandsTarget(Target):
    strategy = st.tuples(frames(MODERATOR_REQUESTS), st.none())

    async def exchange(self, frame: Frame, extra: Any) -> None:
        world = self.world
        before = world.stored()
        status, raw = await _post(world, COMMANDS.url(world.run), frame, None)
        answer = decode_to_moderator(raw).message
        world.saw(answer)
        if isinstance(answer, Error):
            assert 400 <= status < 500 and answer.code in CODES, (status, answer)
            assert world.stored() == before, "refused, yet something changed"
        else:
            assert isinstance(answer, Done) and status == 200, (status, answer)
            world.moderator_done(before)


async def _post(
    world: World, url: str, frame: Frame, authorization: str | None
) -> tuple[int, bytes]:
    """POST a generated frame; whatever it is, no 5xx, and 413 for a body over the limit."""
    headers = {"Content-Type": frame.content_type}
    if authorization is not None:
        headers["Authorization"] = authorization
    body = frame.body(world.tokens)
    async with world.http.post(url, data=body, headers=headers) as reply:
        raw = await reply.read()
        assert reply.status < 500, (reply.status, raw[:500])
        if len(body) > MAX_MESSAGE_BYTES:  # unless refused before the body is read
            assert reply.status in (413, 415), (reply.status, raw[:500])
        return reply.status, raw


def _too_big(text: str) -> bool:
    """Over the limit: the host closes the socket (1009), as documented."""
    return len(text.encode()) > MAX_MESSAGE_BYTES


class PhoneSocketTarget(Target):
    """Phone 0's live socket: one answer per frame, then the marker's; never closed."""

    strategy = st.tuples(frames(PHONE_REQUESTS), st.none())

    async def start(self) -> None:
        self.phone = await PhoneSocket.connect(self.world.run, self.world.tokens[0])

    async def exchange(self, frame: Frame, extra: Any) -> None:
        world = self.world
        text = frame.text(world.tokens)
        before = world.stored()
        if _too_big(text):
            await self.phone.socket.send_str(text)
            await closed_with(self.phone.socket, CLOSE_TOO_BIG)
            self.phone = await PhoneSocket.connect(world.run, world.tokens[0])
            assert world.stored() == before
            return
        ref, marker = world.marker()
        await self.phone.socket.send_str(text)
        await self.phone.socket.send_str(marker)
        answers = []
        while True:
            message = await self.phone.socket.receive(timeout=TIMEOUT)
            assert message.type is aiohttp.WSMsgType.TEXT, (message, self.phone.socket.close_code)
            incoming = decode_to_phone(message.data)
            if incoming.ref == ref:
                assert isinstance(incoming.message, Error), incoming
                assert incoming.message.code == "unknown_type"
                break
            if not isinstance(incoming.message, PublicSession | Count):
                answers.append(incoming.message)
        assert len(answers) == 1, answers
        world.phone_answered(world.participants[0], before, answers[0])

    async def stop(self) -> None:
        await self.phone.socket.close()


class FirstFrameTarget(Target):
    """A new socket per frame, as its first message: a ``hello``, or refused and closed."""

    strategy = st.tuples(frames((Hello,)), st.none())

    async def exchange(self, frame: Frame, extra: Any) -> None:
        world = self.world
        text = frame.text(world.tokens)
        before = world.stored()
        async with world.http.ws_connect(f"{ws_url(world.run.base)}/ws") as socket:
            await socket.send_str(text)
            if _too_big(text):
                await closed_with(socket, CLOSE_TOO_BIG)
                return
            first = decode_to_phone(await _text(socket)).message
            world.saw(first)
            if isinstance(first, PhoneState):
                ref, marker = world.marker()
                await socket.send_str(marker)
                refused = decode_to_phone(await _text(socket))
                assert refused.ref == ref and isinstance(refused.message, Error), refused
            else:
                assert isinstance(first, Error) and first.code in CODES, first
                await closed_with(socket, CLOSE_NO_HELLO)
        assert world.stored() == before


async def _text(socket: aiohttp.ClientWebSocketResponse) -> str:
    message = await socket.receive(timeout=TIMEOUT)
    assert message.type is aiohttp.WSMsgType.TEXT, (message, socket.close_code)
    assert isinstance(message.data, str)
    return message.data


class ModeratorSocketTarget(Target):
    """The moderator's stream: answers in order, no gap in ``seq``, never closed."""

    strategy = st.tuples(frames(MODERATOR_REQUESTS), st.none())

    async def start(self) -> None:
        await self._connect()

    async def _connect(self) -> None:
        self.socket = await self.world.http.ws_connect(
            f"{ws_url(self.world.run.moderator_base)}/ws"
        )
        snapshot = decode_to_moderator(await _text(self.socket)).message
        assert isinstance(snapshot, Snapshot)
        self.seq = snapshot.seq

    async def exchange(self, frame: Frame, extra: Any) -> None:
        world = self.world
        text = frame.text(world.tokens)
        before = world.stored()
        if _too_big(text):
            await self.socket.send_str(text)
            await closed_with(self.socket, CLOSE_TOO_BIG)
            await self._connect()
            assert world.stored() == before
            return
        ref, marker = world.marker()
        await self.socket.send_str(text)
        await self.socket.send_str(marker)
        answers: list[object] = []
        while True:
            incoming = decode_to_moderator(await _text(self.socket))
            message = incoming.message
            if incoming.ref == ref:
                assert isinstance(message, Error) and message.code == "unknown_type"
                break
            if isinstance(message, Snapshot):
                assert message.seq >= self.seq, (message.seq, self.seq)
                self.seq = message.seq
                answers.append(message)
            elif isinstance(message, Done | Error):
                answers.append(message)
            else:
                assert message.seq == self.seq + 1, (message, self.seq)  # type: ignore[union-attr]
                self.seq += 1
        assert answers, "no answer"
        for answer in answers:
            world.saw(answer)
            if isinstance(answer, Error):
                assert answer.code in CODES, answer
        if not any(isinstance(answer, Done) for answer in answers):
            assert world.stored() == before, "refused, yet something changed"
        else:
            world.moderator_done(before)

    async def stop(self) -> None:
        await self.socket.close()


TARGETS: dict[str, type[Target]] = {
    "join": JoinTarget,
    "messages": MessagesTarget,
    "commands": CommandsTarget,
    "phone-socket": PhoneSocketTarget,
    "first-frame": FirstFrameTarget,
    "moderator-socket": ModeratorSocketTarget,
}


@pytest.mark.parametrize("name", list(TARGETS))
def test_generated_input_never_breaks_the_host(tmp_path: Path, name: str) -> None:
    """Generated frames at one endpoint or socket: no 5xx, only documented answers, live
    sockets kept, nothing stored unacknowledged; then a new phone is served end to end.

    The host runs on a plain asyncio loop, as in its own process; Hypothesis calls a
    plain function per example, which runs that exchange on the loop.
    """
    with asyncio.Runner() as runner:
        stack = contextlib.AsyncExitStack()
        try:
            world = runner.run(World.open(stack, tmp_path))
            target = TARGETS[name](world)
            runner.run(target.start())
            stack.push_async_callback(target.stop)

            @PROPERTY_SETTINGS
            @given(exchange=target.strategy)
            def throw(exchange: tuple[Frame, Any]) -> None:
                runner.run(target.exchange(*exchange))

            throw()
            world.reached_deep_enough()
            runner.run(world.check_the_record())
            runner.run(world.a_new_phone_is_served())
        finally:
            runner.run(stack.aclose())
