"""A real server on a real socket (127.0.0.1, a free port), with the real core behind it.

The laptop is 127.0.0.1 (:func:`loopback_laptop`): phones that speak from a loopback address
of their own (127.0.0.2 and on, ``tests.phones``) stand for other devices, as on a LAN.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.host.connections import ConnectionBudget
from facilitator.host.laptop_addresses import LaptopAddresses
from facilitator.host.live import LiveUpdates
from facilitator.host.server import ConfessionalServer
from facilitator.host.session_host import HostOptions, SessionHost
from facilitator.protocol.commands import Command
from facilitator.protocol.envelope import encode
from tests.e2e.process import LAN_HOST
from tests.http_client import connector as http_connector
from tests.phones import PhoneAddresses, join_from

JSON = {"Content-Type": "application/json"}


@dataclass
class Running:
    service: SessionService
    store: Store
    live: LiveUpdates
    server: ConfessionalServer
    http: aiohttp.ClientSession
    base: str
    rehearsal_secret: str
    addresses: PhoneAddresses = field(default_factory=PhoneAddresses)
    host: SessionHost | None = None

    @property
    def moderator_base(self) -> str:
        return f"{self.base}/moderator/{self.service.session.moderator_secret}"

    async def join(self, address: str | None = None) -> str:
        """A new phone's token; each phone joins from its own address unless told one."""
        status, answer = await join_from(self.base, address or self.addresses.next())
        assert status == 200, answer
        token: str = answer["payload"]["token"]
        return token

    async def send(self, token: str | None, message: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        async with self.http.post(
            f"{self.base}/api/messages", json=message, headers=headers
        ) as reply:
            return reply.status, await reply.json()

    async def submit(self, token: str, client_id: str, text: str, learned: str = "") -> int:
        payload = {"client_id": client_id, "text": text, "learned": learned}
        status, body = await self.send(token, envelope("confession.submit", payload))
        assert status == 200, body
        return status

    async def moderate(self, command: Command) -> tuple[int, dict[str, Any]]:
        async with self.http.post(
            f"{self.moderator_base}/api/commands", data=encode(command), headers=JSON
        ) as reply:
            return reply.status, await reply.json()

    async def moderate_raw(self, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        async with self.http.post(
            f"{self.moderator_base}/api/commands", json=envelope("moderate", payload)
        ) as reply:
            return reply.status, await reply.json()


def envelope(message_type: str, payload: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": message_type, "version": 1, "payload": payload, **extra}


async def receive_json(socket: aiohttp.ClientWebSocketResponse, timeout: float = 5.0) -> Any:
    message = await socket.receive(timeout=timeout)
    assert message.type is aiohttp.WSMsgType.TEXT, message
    return json.loads(message.data)


async def receive_until(
    socket: aiohttp.ClientWebSocketResponse, message_type: str, timeout: float = 5.0
) -> dict[str, Any]:
    while True:
        document: dict[str, Any] = await receive_json(socket, timeout)
        if document["type"] == message_type:
            return document


def loopback_laptop() -> LaptopAddresses:
    """A laptop with loopback alone, whose only own address is 127.0.0.1."""
    return LaptopAddresses(lambda: [("lo", "127.0.0.1")], loopback_is_laptop=False)


@asynccontextmanager
async def running_server(
    data_dir: Path, connection_budget: ConnectionBudget | None = None
) -> AsyncIterator[Running]:
    host = SessionHost(
        HostOptions(
            data_dir,
            host="127.0.0.1",
            port=0,
            zeroconf=False,
            new_session=True,
            allowed_hosts=(LAN_HOST,),
            connection_budget=connection_budget,
        ),
        laptop=loopback_laptop(),
    )
    link = await host.start()
    assert host.service is not None and host.store is not None
    assert host.live is not None and host.server is not None
    connector = http_connector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        try:
            yield Running(
                host.service,
                host.store,
                host.live,
                host.server,
                http,
                link.join_url.rstrip("/"),
                host.rehearsal_secret,
                host=host,
            )
        finally:
            await host.stop()
