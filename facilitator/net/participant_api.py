"""What phones can do: join, submit, agree, and follow the session live."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging

from aiohttp import WSMsgType, web

from facilitator.core.session import SessionService
from facilitator.net import envelope, messages
from facilitator.net.envelope import Envelope, ProtocolError
from facilitator.net.live import LiveUpdates
from facilitator.net.ratelimit import RateLimiter
from facilitator.net.refusals import REFUSED, Refusal, refusal_for

log = logging.getLogger(__name__)

HELLO_TIMEOUT_SECONDS = 15.0
HEARTBEAT_SECONDS = 25.0
HTTP_MESSAGE_TYPES = frozenset({"confession.submit", "agreement.set"})
WS_MESSAGE_TYPES = HTTP_MESSAGE_TYPES | {"hello"}
CLOSE_UNKNOWN_PARTICIPANT = 4001
RETRY_AFTER_SECONDS = 3


def _is_loopback(address: str) -> bool:
    """The laptop itself (rehearsal phones, load tests) is not rate-limited by address."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _bearer_token(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def json_reply(body: str, status: int = 200) -> web.Response:
    return web.Response(
        text=body,
        status=status,
        content_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


def refusal_reply(refusal: Refusal) -> web.Response:
    response = json_reply(envelope.error(refusal.code, refusal.message), refusal.status)
    if refusal.status == 429:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


RATE_LIMITED_JOIN = Refusal("rate_limited", "Too many new phones from here; wait a moment.", 429)
RATE_LIMITED_MESSAGE = Refusal("rate_limited", "Slow down a little.", 429)
UNKNOWN_PARTICIPANT = Refusal("unknown_participant", "Join the session first.", 401)


def _refused(refusal: Refusal, ref: str | None) -> tuple[str, int]:
    return envelope.error(refusal.code, refusal.message, ref), refusal.status


class ParticipantApi:
    def __init__(
        self, service: SessionService, live: LiveUpdates, *, limit_loopback: bool = False
    ) -> None:
        self._service = service
        self._live = live
        self._limit_loopback = limit_loopback
        self._joins = RateLimiter(burst=20, per_second=1 / 3)
        self._messages = RateLimiter(burst=30, per_second=5)

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/api/session", self.get_session),
            web.post("/api/join", self.join),
            web.post("/api/messages", self.post_message),
            web.get("/ws", self.websocket),
        ]

    async def get_session(self, request: web.Request) -> web.Response:
        return json_reply(envelope.encode("session", messages.public_session(self._service)))

    async def join(self, request: web.Request) -> web.Response:
        address = request.remote or "unknown"
        exempt = not self._limit_loopback and _is_loopback(address)
        try:
            envelope.parse(await request.read(), frozenset({"join"}))
            if not exempt and not self._joins.allow(address):
                return refusal_reply(RATE_LIMITED_JOIN)
            token = self._service.join()
        except REFUSED as error:
            return refusal_reply(refusal_for(error))
        payload = {"token": token, "session_id": self._service.session.id}
        return json_reply(envelope.encode("joined", payload))

    async def post_message(self, request: web.Request) -> web.Response:
        try:
            message = envelope.parse(await request.read(), HTTP_MESSAGE_TYPES)
            token = _bearer_token(request)
            if token is None:
                return refusal_reply(UNKNOWN_PARTICIPANT)
            participant_id = self._service.participant(token)
        except REFUSED as error:
            return refusal_reply(refusal_for(error))
        reply, status = self.handle(participant_id, message)
        response = json_reply(reply, status)
        if status == 429:
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    def handle(self, participant_id: int, message: Envelope) -> tuple[str, int]:
        """Carry out one participant message; return the encoded answer and its HTTP status."""
        payload = message.payload
        try:
            if not self._messages.allow(participant_id):
                return _refused(RATE_LIMITED_MESSAGE, message.ref)
            if message.type == "confession.submit":
                outcome = self._service.submit(
                    participant_id,
                    payload["client_id"],
                    payload["text"],
                    payload.get("learned", ""),
                )
                answer = {"client_id": payload["client_id"], "duplicate": outcome.duplicate}
                return envelope.encode("confession.received", answer, message.ref), 200
            agreement = self._service.set_agreement(
                participant_id, payload["confession_id"], payload["agreed"]
            )
            answer = {
                "confession_id": agreement.confession_id,
                "agreed": agreement.agreed,
                "count": agreement.count,
            }
            return envelope.encode("agreement.recorded", answer, message.ref), 200
        except REFUSED as error:
            return _refused(refusal_for(error), message.ref)

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(
            heartbeat=HEARTBEAT_SECONDS, compress=False, max_msg_size=envelope.MAX_MESSAGE_BYTES
        )
        await socket.prepare(request)
        participant_id = await self._await_hello(socket)
        if participant_id is None:
            return socket
        client = self._live.phones.add(socket, participant_id)
        client.offer("state", self._live.personal_state(participant_id))
        try:
            replies = 0
            async for frame in socket:
                if frame.type is not WSMsgType.TEXT:
                    continue
                try:
                    message = envelope.parse(frame.data, HTTP_MESSAGE_TYPES)
                except ProtocolError as error:
                    replies += 1
                    client.offer(f"reply-{replies}", _refused(refusal_for(error), None)[0])
                    continue
                reply, _ = self.handle(participant_id, message)
                replies += 1
                client.offer(f"reply-{replies}", reply)
        finally:
            await self._live.phones.remove(client)
        return socket

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
            hello = envelope.parse(frame.data, frozenset({"hello"}))
            return self._service.participant(hello.payload["token"])
        except REFUSED as error:
            refusal = refusal_for(error)
            await socket.send_str(envelope.error(refusal.code, refusal.message))
            await socket.close(code=CLOSE_UNKNOWN_PARTICIPANT, message=refusal.code.encode())
            return None
