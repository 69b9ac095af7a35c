"""The names the host answers to, same-origin browsers, JSON-only commands, headers on 404s."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from facilitator.core.store import DATABASE_NAME, Store
from facilitator.host.guards import AllowedHosts, host_name
from facilitator.protocol.commands import Blank, EndSession
from facilitator.protocol.envelope import encode
from tests.e2e.process import LAN_HOST
from tests.host.harness import envelope, running_server


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("192.168.1.23:8737", "192.168.1.23"),
        ("Laptop.LOCAL.", "laptop.local"),
        ("[::1]:8737", "::1"),
        ("::1", "::1"),
        ("confessional.test", "confessional.test"),
    ],
)
def test_host_names_are_compared_without_port_case_or_final_dot(header: str, name: str) -> None:
    assert host_name(header) == name


class Interfaces:
    def __init__(self, *addresses: str) -> None:
        self.addresses = list(addresses)
        self.reads = 0

    def __call__(self) -> list[tuple[str, str]]:
        self.reads += 1
        return [("wlan0", address) for address in self.addresses]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_laptops_names_are_allowed_and_others_are_not() -> None:
    allowed = AllowedHosts(["venue-laptop.example"], interfaces=Interfaces("192.168.1.23"))
    for header in (
        "192.168.1.23:8737",
        "localhost:8737",
        "127.0.0.1",
        "127.0.0.5:8737",
        "[::1]:8737",
        "venue-laptop.example",
    ):
        assert allowed.allows(header), header
    for header in ("evil.example", "192.168.1.99", "", None, "confessional.test"):
        assert not allowed.allows(header), header


def test_a_new_address_is_followed_and_lookups_are_rate_limited() -> None:
    interfaces, clock = Interfaces("192.168.1.23"), Clock()
    allowed = AllowedHosts(interfaces=interfaces, clock=clock)
    interfaces.addresses = ["10.0.0.7"]  # the laptop moved to the venue's hotspot
    assert not allowed.allows("10.0.0.7")  # looked up less than 2 s ago
    clock.now += 2.5
    assert allowed.allows("10.0.0.7:8737")
    reads = interfaces.reads
    for _ in range(100):  # a flood of unknown names costs one lookup per 2 s at most
        assert not allowed.allows("evil.example")
    assert interfaces.reads == reads


async def test_requests_for_another_name_are_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        rebound = {"Host": "attacker.example"}
        async with run.http.post(
            f"{run.base}/api/join", json=envelope("join", {}), headers=rebound
        ) as reply:
            assert reply.status == 403
            assert (await reply.json())["payload"]["code"] == "host_not_allowed"
        async with run.http.get(f"{run.base}/", headers=rebound) as reply:
            assert reply.status == 403
            assert "does not belong to the laptop" in await reply.text()
            assert reply.headers["X-Frame-Options"] == "DENY"
        async with run.http.get(f"{run.base}/", headers={"Host": LAN_HOST}) as reply:
            assert reply.status == 200  # allowed with --allow-host
        assert run.service.phones_joined() == 0


async def test_other_sites_pages_cannot_act_here(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        foreign = {"Origin": "http://attacker.example"}
        async with run.http.post(
            f"{run.base}/api/join", json=envelope("join", {}), headers=foreign
        ) as reply:
            assert reply.status == 403
            assert (await reply.json())["payload"]["code"] == "origin_not_allowed"
        own = {"Origin": run.base}
        async with run.http.post(
            f"{run.base}/api/join", json=envelope("join", {}), headers=own
        ) as reply:
            assert reply.status == 200
        for path in ("/ws", "/moderator/{secret}/ws"):
            url = run.base + path.format(secret=run.service.session.moderator_secret)
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await run.http.ws_connect(url, headers=foreign)
            assert refused.value.status == 403
            async with run.http.ws_connect(url, headers=own):
                pass
        async with run.http.get(f"{run.base}/", headers=foreign) as reply:
            assert reply.status == 200  # reading the page changes nothing
        assert run.service.phones_joined() == 1


async def test_moderator_commands_only_as_json(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        url = f"{run.moderator_base}/api/commands"
        for content_type in ("text/plain", "application/x-www-form-urlencoded"):
            async with run.http.post(
                url, data=encode(Blank()), headers={"Content-Type": content_type}
            ) as reply:
                assert reply.status == 415
                assert (await reply.json())["payload"]["code"] == "not_json"
        status, body = await run.moderate(Blank())
        assert (status, body["type"]) == (200, "moderator.done")


async def test_every_answer_carries_the_security_headers(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        for path in ("/nothing-here", "/static/nothing.js", "/api/nothing", "/moderator/x/"):
            async with run.http.get(f"{run.base}{path}") as reply:
                assert reply.status in (403, 404), path
                assert reply.headers["X-Content-Type-Options"] == "nosniff", path
                assert "frame-ancestors 'none'" in reply.headers["Content-Security-Policy"]
        secret = run.service.session.moderator_secret
        async with run.http.get(f"{run.base}/moderator/{secret}", allow_redirects=False) as reply:
            assert reply.status == 302
            assert reply.headers["Referrer-Policy"] == "no-referrer"


async def test_an_ended_sessions_moderator_secret_is_forgotten_when_the_host_stops(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        session_id = run.service.session.id
        secret = run.service.session.moderator_secret
        status, _ = await run.moderate(EndSession())
        assert status == 200
        assert run.service.session.moderator_secret == secret  # the next session keeps it
    store = Store.open(tmp_path)
    try:
        assert store.session(session_id).moderator_secret == ""
        database = b"".join(p.read_bytes() for p in tmp_path.glob(DATABASE_NAME + "*"))
        assert secret.encode() not in database
    finally:
        store.close()


async def test_an_open_sessions_secret_is_kept_for_the_next_start(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        session_id = run.service.session.id
        secret = run.service.session.moderator_secret
    store = Store.open(tmp_path)
    try:
        assert store.session(session_id).moderator_secret == secret
    finally:
        store.close()
