"""Phones for tests: each joins from a loopback address of its own, as on a LAN, so the
host's per-address limits and shared-address flags see a room, not one device."""

from __future__ import annotations

from typing import Any

import aiohttp

from facilitator.sim.addresses import phone_address
from tests.http_client import connector as http_connector


class PhoneAddresses:
    """Hands out 127.0.0.2, 127.0.0.3, …: the next phone's own source address."""

    def __init__(self) -> None:
        self._joined = 0

    def next(self) -> str:
        address = phone_address(self._joined)
        self._joined += 1
        return address


async def join_from(base: str, address: str, **payload: Any) -> tuple[int, dict[str, Any]]:
    """``POST /api/join`` from ``address``; the status and the answer's envelope."""
    connector = http_connector(local_addr=(address, 0))
    message = {"type": "join", "version": 1, "payload": payload}
    async with (
        aiohttp.ClientSession(connector=connector) as http,
        http.post(f"{base}/api/join", json=message) as reply,
    ):
        return reply.status, await reply.json()


async def new_phone(base: str, addresses: PhoneAddresses) -> str:
    """A new phone's token, joined from its own address."""
    status, answer = await join_from(base, addresses.next())
    assert status == 200, answer
    token: str = answer["payload"]["token"]
    return token


def phone_http(address: str) -> aiohttp.ClientSession:
    """An HTTP client whose connections (sockets too) come from ``address``."""
    return aiohttp.ClientSession(connector=http_connector(local_addr=(address, 0)))
