"""One simulated phone: joins, follows the session live, confesses and agrees."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import time
from collections.abc import Callable
from typing import Any

import aiohttp

PROTOCOL_VERSION = 1


def new_client_id() -> str:
    return base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()


def envelope(message_type: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"type": message_type, "version": PROTOCOL_VERSION, "payload": payload}


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
        self.projection: dict[str, Any] | None = None
        self.count: int = 0
        self.agreed: set[int] = set()
        self.on_message: Callable[[dict[str, Any], float], None] | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        async with self._http.post(f"{self._base}{path}", json=body, headers=headers) as reply:
            document: dict[str, Any] = await reply.json()
        if document["type"] == "error":
            payload = document["payload"]
            raise PhoneError(reply.status, payload["code"], payload["message"])
        return document["payload"]  # type: ignore[no-any-return]

    async def join(self) -> None:
        self.token = (await self._post("/api/join", envelope("join", {})))["token"]

    async def connect(self) -> None:
        """Open the live socket and say hello; messages then update this phone's view."""
        url = self._base.replace("http://", "ws://", 1).replace("https://", "wss://", 1) + "/ws"
        self._socket = await self._http.ws_connect(url, autoping=True, compress=0)
        await self._socket.send_json(envelope("hello", {"token": self.token}))
        self._reader = asyncio.get_running_loop().create_task(self._read(self._socket))

    async def _read(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        async for frame in socket:
            if frame.type is not aiohttp.WSMsgType.TEXT:
                continue
            document = json.loads(frame.data)
            received = time.perf_counter()
            payload = document["payload"]
            if document["type"] in ("state", "session"):
                self.projection = payload["projection"]
                self.count = self.projection["count"] if self.projection else 0
                self.connected.set()
            elif document["type"] == "count" and self._is_current(payload["confession_id"]):
                self.count = payload["count"]
            if self.on_message is not None:
                self.on_message(document, received)

    def _is_current(self, confession_id: int) -> bool:
        return self.projection is not None and self.projection["confession_id"] == confession_id

    async def submit(self, text: str, learned: str = "") -> dict[str, Any]:
        payload = {"client_id": new_client_id(), "text": text, "learned": learned}
        return await self._post("/api/messages", envelope("confession.submit", payload))

    async def agree(self, confession_id: int, agreed: bool = True) -> int:
        payload = {"confession_id": confession_id, "agreed": agreed}
        answer = await self._post("/api/messages", envelope("agreement.set", payload))
        (self.agreed.add if agreed else self.agreed.discard)(confession_id)
        return int(answer["count"])

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
