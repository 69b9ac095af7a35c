"""What phones can do: join, submit, agree, and follow the session live."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import time
from collections.abc import Callable
from typing import assert_never

from aiohttp import WSMsgType, web

from facilitator.core.errors import DomainError, UnknownParticipant
from facilitator.core.model import AgreementRequest, Sharing
from facilitator.core.session import SessionService
from facilitator.host import messages
from facilitator.host.agreements import AgreementBatcher
from facilitator.host.confession_pace import ConfessionPace
from facilitator.host.hub import CLOSE_TIMEOUT_SECONDS
from facilitator.host.live import LiveUpdates
from facilitator.host.ratelimit import RateLimiter
from facilitator.host.refusals import REFUSED, refusal_for
from facilitator.host.replies import json_reply, read_body, refused_reply
from facilitator.host.shared_addresses import SharedAddresses
from facilitator.protocol.envelope import (
    MAX_MESSAGE_BYTES,
    Message,
    ProtocolError,
    encode,
    error,
)
from facilitator.protocol.phone import (
    AgreementRecorded,
    ConfessionReceived,
    ConfessionWithdrawn,
    Joined,
    PhoneRequest,
    ReplyReceived,
    SetAgreement,
    SubmitConfession,
    SubmitReply,
    WithdrawConfession,
    decode_hello,
    decode_join,
    decode_request,
)

log = logging.getLogger(__name__)

HELLO_TIMEOUT_SECONDS = 15.0
HEARTBEAT_SECONDS = 25.0
CLOSE_UNKNOWN_PARTICIPANT = 4001
# aiohttp closes a socket (1009) on a frame of ``max_msg_size`` bytes or more; a message
# of exactly the limit is taken over a socket as over HTTP.
WEBSOCKET_MAX_MSG_SIZE = MAX_MESSAGE_BYTES + 1


# 300 phones behind one venue address join within a minute (60 at once, then 5 a second);
# the laptop's own address is limited like any other.
JOIN_BURST = 60
JOINS_PER_SECOND = 5.0


def _bearer_token(request: web.Request) -> str | None:
    """The token of ``Authorization: Bearer <token>``, if the header holds one that could be.

    Tokens are ASCII (``secrets.token_urlsafe``). Anything else names nobody, and must not
    reach the store: header bytes that are not UTF-8 arrive as lone surrogates, which
    cannot even be hashed.
    """
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token and token.isascii() else None


class ParticipantApi:
    """``rehearsal_secret`` admits a simulated audience (``python -m facilitator.sim``)
    without the per-address limits, by a secret and never by where it comes from.

    ``is_laptop`` tells the laptop's own addresses: a live connection from one of them
    is the facilitator's own browser and is not counted among the phones connected,
    unless it is a phone of a rehearsal (joined by the secret), which stands for one.
    """

    def __init__(
        self,
        service: SessionService,
        live: LiveUpdates,
        rehearsal_secret: str,
        shared_addresses: SharedAddresses,
        is_laptop: Callable[[str | None], bool] = lambda address: False,
    ) -> None:
        self._service = service
        self._live = live
        self._rehearsal_secret = rehearsal_secret.encode()
        self._is_laptop = is_laptop
        self._rehearsal_session: int | None = None
        self._rehearsal_phones: set[int] = set()  # participants of that session, this run
        self._joins = RateLimiter(burst=JOIN_BURST, per_second=JOINS_PER_SECOND)
        self._addresses = shared_addresses
        self._messages = RateLimiter(burst=30, per_second=5)
        self.confession_pace = ConfessionPace(service)
        self._agreements = AgreementBatcher(service)
        self._last_activity = time.monotonic()

    def last_activity(self) -> float:
        """When a phone last joined or sent something (``time.monotonic``)."""
        return self._last_activity

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/api/session", self.get_session),
            web.post("/api/join", self.join),
            web.post("/api/messages", self.post_message),
            web.get("/ws", self.websocket),
        ]

    async def get_session(self, request: web.Request) -> web.Response:
        return json_reply(encode(messages.public_session(self._service)))

    async def join(self, request: web.Request) -> web.Response:
        self._last_activity = time.monotonic()
        try:
            asked = decode_join(await read_body(request))
            if asked.rehearsal is None:
                token = self._join_from(request.remote or "unknown")
            elif self._is_rehearsal(asked.rehearsal):
                token = self._service.join()
                self._remember_rehearsal_phone(self._service.participant(token))
            else:
                raise DomainError("not_rehearsal", "That is not this session's rehearsal secret.")
        except REFUSED as refused:
            return refused_reply(refused)
        return json_reply(encode(Joined(token, self._service.session.id)))

    def _join_from(self, address: str) -> str:
        """A phone's token; flagged if its address is shared with other phones."""
        if not self._joins.allow(address):
            raise DomainError("rate_limited", "Too many new phones from here; wait a moment.")
        session_id = self._service.session.id
        sharing = self._addresses.sharing(session_id, address)
        token = self._service.join(sharing)
        if sharing is Sharing.OWN_ADDRESS:
            participant_id = self._service.participant(token)
            now_shared = self._addresses.joined(session_id, address, participant_id)
            if now_shared:
                self._service.mark_shared(now_shared)
        return token

    def _is_rehearsal(self, secret: str) -> bool:
        return hmac.compare_digest(secret.encode(), self._rehearsal_secret)

    def _remember_rehearsal_phone(self, participant_id: int) -> None:
        """Kept for the session it joined (participant ids start again in the next)."""
        session_id = self._service.session.id
        if session_id != self._rehearsal_session:
            self._rehearsal_session = session_id
            self._rehearsal_phones.clear()
        self._rehearsal_phones.add(participant_id)

    def _counted(self, request: web.Request, participant_id: int) -> bool:
        """A phone of the room: another device, or a rehearsal's simulated phone."""
        if not self._is_laptop(request.remote):
            return True
        return (
            self._rehearsal_session == self._service.session.id
            and participant_id in self._rehearsal_phones
        )

    async def post_message(self, request: web.Request) -> web.Response:
        try:
            incoming = decode_request(await read_body(request))
            participant_id = self._service.participant(_bearer_token(request) or "")
            answer = await self.handle(participant_id, incoming.message)
        except REFUSED as refused:
            return refused_reply(refused)
        return json_reply(encode(answer))

    async def handle(self, participant_id: int, request: PhoneRequest) -> Message:
        """Carry out one participant request and return its answer, or raise a refusal."""
        self._last_activity = time.monotonic()
        # Per session too: the next session gives the same participant ids out again.
        if not self._messages.allow((self._service.session.id, participant_id)):
            raise DomainError("rate_limited", "Slow down a little.")
        match request:
            case SubmitConfession(client_id, text, learned, for_organisers):
                outcome = self._service.submit(
                    participant_id,
                    client_id,
                    text,
                    learned or "",
                    for_organisers=for_organisers,
                    may_enter=self.confession_pace.may_enter,
                )
                return ConfessionReceived(client_id, outcome.duplicate)
            case SubmitReply(client_id, confession_id, text):
                outcome = self._service.submit_reply(
                    participant_id,
                    client_id,
                    confession_id,
                    text,
                    may_enter=self.confession_pace.may_enter,
                )
                return ReplyReceived(client_id, outcome.duplicate)
            case WithdrawConfession(client_id):
                self._service.withdraw(participant_id, client_id)
                return ConfessionWithdrawn(client_id)
            case SetAgreement(confession_id, agreed):
                recorded = await self._agreements.set(
                    AgreementRequest(participant_id, confession_id, agreed)
                )
                shown_count = 0 if recorded.count_hidden else recorded.count
                return AgreementRecorded(recorded.confession_id, recorded.agreed, shown_count)
            case _:
                assert_never(request)

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(
            heartbeat=HEARTBEAT_SECONDS,
            compress=False,
            max_msg_size=WEBSOCKET_MAX_MSG_SIZE,
            timeout=CLOSE_TIMEOUT_SECONDS,  # how long a close waits for the phone's answer
        )
        await socket.prepare(request)
        participant_id = await self._await_hello(socket)
        if participant_id is None:
            return socket
        session_id = self._service.session.id  # the phone's token belongs to this session
        counted = self._counted(request, participant_id)
        client = self._live.phones.add(socket, participant_id, counted=counted)
        client.offer("state", encode(messages.phone_state(self._service, participant_id)))
        try:
            replies = 0
            async for frame in socket:
                if frame.type is WSMsgType.TEXT:
                    replies += 1
                    answer = await self._answer(participant_id, session_id, frame.data)
                    client.offer(f"reply-{replies}", answer)
        finally:
            await self._live.phones.remove(client)
        return socket

    async def _answer(self, participant_id: int, session_id: int, raw: str) -> bytes:
        ref: str | None = None
        try:
            incoming = decode_request(raw)
            ref = incoming.ref
            if self._service.session.id != session_id:
                raise UnknownParticipant()  # a new session has started: join it
            return encode(await self.handle(participant_id, incoming.message), ref)
        except REFUSED as refused:
            if isinstance(refused, ProtocolError) and refused.ref is not None:
                ref = refused.ref  # a readable envelope refused for its content
            refusal = refusal_for(refused)
            return error(refusal.code, refusal.message, ref)

    async def _await_hello(self, socket: web.WebSocketResponse) -> int | None:
        """Wait for the ``hello`` that names the phone; close the socket if it never comes."""
        try:
            async with asyncio.timeout(HELLO_TIMEOUT_SECONDS):
                frame = await socket.receive()
        except TimeoutError:
            await socket.close(code=CLOSE_UNKNOWN_PARTICIPANT, message=b"hello expected")
            return None
        if frame.type is not WSMsgType.TEXT:
            with contextlib.suppress(Exception):
                await socket.close()
            return None
        try:
            return self._service.participant(decode_hello(frame.data).token)
        except REFUSED as refused:
            refusal = refusal_for(refused)
            await socket.send_frame(error(refusal.code, refusal.message), WSMsgType.TEXT)
            await socket.close(code=CLOSE_UNKNOWN_PARTICIPANT, message=refusal.code.encode())
            return None
