"""Phones of the room against the laptop's own browser: what "phones connected" counts,
and when the host tells moderators that a phone reached the laptop.

Everything here is on loopback. The harness's laptop is 127.0.0.1 alone
(``tests.host.harness.loopback_laptop``): a socket or a page request from 127.0.0.1 is
the facilitator's own browser, and each phone speaks from a loopback address of its own
(127.0.0.2 and on), standing for another device on the LAN. On a real laptop all of
127.0.0.0/8 and the laptop's interface addresses are the laptop
(``tests/host/test_address_follow.py``).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from facilitator.host.feed import ModeratorFeed
from tests.host.harness import Running, envelope, receive_until, running_server
from tests.phones import phone_http
from tests.waiting import wait_until

LAPTOP = "127.0.0.1"


def feed_of(run: Running) -> ModeratorFeed:
    assert run.host is not None and run.host.feed is not None
    return run.host.feed


async def open_phone(
    run: Running, http: aiohttp.ClientSession, token: str
) -> aiohttp.ClientWebSocketResponse:
    socket = await http.ws_connect(f"{run.base.replace('http', 'ws')}/ws")
    await socket.send_json(envelope("hello", {"token": token}))
    await receive_until(socket, "state")
    return socket


async def join_as_rehearsal(
    run: Running, http: aiohttp.ClientSession
) -> tuple[int, dict[str, object]]:
    message = envelope("join", {"rehearsal": run.rehearsal_secret})
    async with http.post(f"{run.base}/api/join", json=message) as reply:
        return reply.status, await reply.json()


async def test_the_laptops_own_browser_is_not_a_phone_connected(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run, phone_http(LAPTOP) as laptop_browser:
        feed = feed_of(run)
        own = await open_phone(run, laptop_browser, await run.join(LAPTOP))
        address = run.addresses.next()
        async with phone_http(address) as http:
            phone = await open_phone(run, http, await run.join(address))
            await wait_until(lambda: run.live.phones.counted == 1)
            assert len(run.live.phones) == 2  # both are served all the same
            assert feed.phones_connected == 1
            await phone.close()
            await wait_until(lambda: feed.phones_connected == 0)
        await own.close()


async def test_a_rehearsals_simulated_phones_count_though_they_are_on_the_laptop(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run, phone_http(LAPTOP) as laptop:
        tokens = []
        for _ in range(3):
            status, answer = await join_as_rehearsal(run, laptop)
            assert status == 200, answer
            tokens.append(answer["payload"]["token"])
        sockets = [await open_phone(run, laptop, token) for token in tokens]
        await wait_until(lambda: feed_of(run).phones_connected == 3)
        for socket in sockets:
            await socket.close()


async def test_moderators_hear_once_that_a_phone_opened_the_page(tmp_path: Path) -> None:
    async with (
        running_server(tmp_path) as run,
        run.http.ws_connect(f"{run.moderator_base.replace('http', 'ws')}/ws") as moderator,
    ):
        snapshot = await receive_until(moderator, "moderator.snapshot")
        assert snapshot["payload"]["host"]["phone_page_seen"] is False
        feed = feed_of(run)

        async with phone_http(LAPTOP) as laptop, laptop.get(f"{run.base}/") as page:
            assert page.status == 200  # the facilitator tries the link on the laptop
        await asyncio.sleep(0.05)
        assert feed.host_status.phone_page_seen is False

        for _ in range(2):
            async with (
                phone_http(run.addresses.next()) as phone,
                phone.get(f"{run.base}/") as page,
            ):
                assert page.status == 200
        changed = await receive_until(moderator, "host.changed")
        assert changed["payload"]["host"]["phone_page_seen"] is True
        assert feed.host_status.phone_page_seen is True

        # Said once: the second phone's page sent nothing more.
        seq = feed.seq
        assert changed["payload"]["seq"] == seq
