"""One simulated phone: joins, follows the session live, confesses and agrees.

It speaks the public protocol with the same typed messages as the host
(``facilitator.protocol.phone``), over HTTP and its live WebSocket.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import time
from collections.abc import Callable
from typing import assert_never

import aiohttp

from facilitator.protocol.envelope import Error, Message, ProtocolError, encode
from facilitator.protocol.phone import (
    AgreementRecorded,
    ConfessionReceived,
    ConfessionWithdrawn,
    Count,
    Hello,
    Join,
    Joined,
    PhoneState,
    PublicProjection,
    PublicSession,
    ReplyReceived,
    SetAgreement,
    SubmitConfession,
    ToPhone,
    decode_to_phone,
)


def new_client_id() -> str:
    return base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()


class PhoneError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code


class SimulatedPhone:
    def __init__(self, http: aiohttp.ClientSession, base_url: str) -> None:
        self._http = http
        self._base = base_url.rstrip("/")
        self.token: str | None = None
        self.session_id: int | None = None
        self.status = ""  # the session's: "open" or "ended" once the socket says
        self.projection: PublicProjection | None = None
        self.count: int = 0
        self.agreed: set[int] = set()
        self.on_message: Callable[[ToPhone, float], None] | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()
        self.changed = asyncio.Event()  # set at every new view of the session; clear it to wait
        self.disconnected = asyncio.Event()  # the live socket closed (the host stopped)

    async def _post(self, path: str, message: Message) -> ToPhone:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        async with self._http.post(
            f"{self._base}{path}", data=encode(message), headers=headers
        ) as reply:
            answer = decode_to_phone(await reply.read()).message
        if isinstance(answer, Error):
            raise PhoneError(reply.status, answer.code, answer.message)
        return answer

    async def join(self, rehearsal: str | None = None) -> None:
        """Join as a phone; with ``rehearsal`` (the host's rehearsal secret) as one of a
        simulated audience, which the host admits without its per-address limits."""
        joined = await self._post("/api/join", Join(rehearsal))
        assert isinstance(joined, Joined), joined
        self.token = joined.token
        self.session_id = joined.session_id

    async def connect(self) -> None:
        """Open the live socket and say hello; messages then update this phone's view."""
        url = self._base.replace("http://", "ws://", 1).replace("https://", "wss://", 1) + "/ws"
        self._socket = await self._http.ws_connect(url, autoping=True, compress=0)
        await self._socket.send_str(encode(Hello(self.token or "")).decode())
        self._reader = asyncio.get_running_loop().create_task(self._read(self._socket))

    async def _read(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        try:
            async for frame in socket:
                if frame.type is not aiohttp.WSMsgType.TEXT:
                    continue
                with contextlib.suppress(ProtocolError):
                    message = decode_to_phone(frame.data).message
                    self._follow(message)
                    if self.on_message is not None:
                        self.on_message(message, time.perf_counter())
        finally:
            self.disconnected.set()

    def _follow(self, message: ToPhone) -> None:
        match message:
            case PhoneState() | PublicSession():
                self.session_id = message.session_id
                self.status = message.status
                self.projection = message.projection
                self.count = message.projection.count if message.projection else 0
                self.connected.set()
                self.changed.set()
            case Count(confession_id, count):
                if self.projection is not None and self.projection.confession_id == confession_id:
                    self.count = count
            case Error(code="session_ended"):
                # The hello came after the end: the host says so, then closes the socket.
                self.status = "ended"
                self.changed.set()
            case (
                Joined()
                | ConfessionReceived()
                | ConfessionWithdrawn()
                | ReplyReceived()
                | AgreementRecorded()
                | Error()
            ):
                pass
            case _:
                assert_never(message)

    async def submit(self, text: str, learned: str = "") -> ConfessionReceived:
        answer = await self._post(
            "/api/messages", SubmitConfession(new_client_id(), text, learned or None)
        )
        assert isinstance(answer, ConfessionReceived), answer
        return answer

    async def agree(self, confession_id: int, agreed: bool = True) -> int:
        answer = await self._post("/api/messages", SetAgreement(confession_id, agreed))
        assert isinstance(answer, AgreementRecorded), answer
        (self.agreed.add if agreed else self.agreed.discard)(confession_id)
        return answer.count

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
