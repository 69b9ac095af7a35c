"""The moderator page and the room, in a real browser against a real host process.

Phones on one network address beyond a room's allowance are flagged, their agreements
counted apart until a moderator counts them (``count_shared``); confessions sent
faster than a person writes wait. Every phone here speaks from a loopback address of
its own (``tests.phones``), as on a LAN, except the crowd behind one.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from facilitator.host.confession_pace import BURST
from facilitator.host.shared_addresses import ALLOWANCE
from tests.e2e.browser import PHONE_VIEWPORT
from tests.e2e.test_moderator_page import (
    ARTIFACTS,
    WIDE,
    Host,
    envelope,
    expect_lane,
    moderated,
    open_page,
    posted_commands,
)
from tests.phones import join_from

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHARED_ADDRESS = "127.0.200.1"  # far from the addresses phones of their own get
CROWD = ALLOWANCE + 1  # one more than a room's devices share: every one of them flagged
_client_ids = itertools.count(1)


async def crowd_agrees(host: Host, item_id: int, count: int) -> None:
    """``count`` phones join from :data:`SHARED_ADDRESS` and agree with ``item_id``."""
    for _ in range(count):
        status, answer = await join_from(host.app.base, SHARED_ADDRESS)
        assert status == 200, answer
        await host.agree(answer["payload"]["token"], item_id)


async def own_phones_agree(host: Host, item_id: int, count: int) -> None:
    for _ in range(count):
        await host.agree(await host.join(), item_id)


async def shown_confession(host: Host, text: str) -> int:
    item_id = await host.submit(text)
    await host.command("approve", item_id=item_id)
    await host.command("project", item_id=item_id)
    return item_id


async def test_count_them_and_set_them_apart_again(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    async with moderated(tmp_path) as (host, chromium):
        item_id = await shown_confession(host, "I approved my own holiday request.")
        await own_phones_agree(host, item_id, 2)
        await crowd_agrees(host, item_id, CROWD - 1)
        requests: list[Request] = []
        moderator = await open_page(chromium, host.page_url, requests)

        def from_the_snapshot(page: Page) -> None:
            expect_lane(page, "on-screen", [item_id])
            expect(page.locator("#room-banner")).to_be_hidden()
            expect(page.locator(".live-number")).to_have_text(str(CROWD - 1 + 2))
            expect(page.locator(".live-set-apart")).to_be_hidden()

        await moderator.run(from_the_snapshot)
        # One more from the crowd's address: it holds more phones than a room's devices
        # share, so all of them are flagged, and their agreements move apart.
        await crowd_agrees(host, item_id, 1)

        def set_apart(page: Page) -> None:
            banner = page.locator("#room-banner")
            expect(banner).to_be_visible()
            expect(page.locator("#room-text")).to_have_text(
                f"{CROWD} phones share a network address: a venue network, or someone "
                "adding votes. Their “Been there” is counted apart."
            )
            expect(page.locator("#set-apart-shared")).to_be_hidden()
            expect(page.locator(".live-number")).to_have_text("2")
            expect(page.locator(".live-set-apart")).to_have_text(f"+{CROWD} set apart")
            page.screenshot(
                path=str(ARTIFACTS / "moderator-shared-address.png"), animations="disabled"
            )
            page.set_viewport_size(PHONE_VIEWPORT)  # type: ignore[arg-type]
            page.screenshot(
                path=str(ARTIFACTS / "moderator-shared-address-phone.png"), animations="disabled"
            )
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
            page.set_viewport_size(WIDE)  # type: ignore[arg-type]
            page.click("#count-shared")
            expect(page.locator(".live-number")).to_have_text(str(CROWD + 2))
            expect(page.locator(".live-set-apart")).to_be_hidden()
            expect(page.locator("#room-text")).to_have_text(
                f"{CROWD} phones on a shared address are counted."
            )
            expect(page.locator("#count-shared")).to_be_hidden()
            # The button pressed is gone: the keys are on the one in its place.
            expect(page.locator("#set-apart-shared")).to_be_focused()
            expect(page.locator("#set-apart-shared")).to_have_text("Set them apart")
            expect(page.locator("#toast")).to_have_text("Their agreements are counted now.")

        await moderator.run(set_apart)
        snapshot = await host.snapshot()
        assert snapshot["room"] == {
            "shared_apart": 0,
            "shared_counted": CROWD,
            "waiting": 0,
            "batching": False,
        }
        (item,) = (i for i in snapshot["items"] if i["id"] == item_id)
        assert (item["agreement_count"], item["set_apart_count"]) == (CROWD + 2, 0)

        def by_keyboard(page: Page) -> None:
            page.keyboard.press("Enter")
            expect(page.locator(".live-number")).to_have_text("2")
            expect(page.locator(".live-set-apart")).to_have_text(f"+{CROWD} set apart")
            expect(page.locator("#count-shared")).to_have_text("Count them")
            expect(page.locator("#count-shared")).to_be_focused()
            expect(page.locator("#toast")).to_have_text("Their agreements are set apart again.")
            # A page opened now reads the same from its snapshot.
            page.reload()
            expect(page.locator("#room-text")).to_contain_text(f"{CROWD} phones share a")
            expect(page.locator(".live-set-apart")).to_have_text(f"+{CROWD} set apart")

        await moderator.run(by_keyboard)
        assert posted_commands(requests) == [
            {"command": "count_shared", "counted": True},
            {"command": "count_shared", "counted": False},
        ]
        assert (await host.snapshot())["room"]["shared_apart"] == CROWD

        # Shown, no longer on the screen: its row keeps the figure beside the count.
        await host.command("blank")

        def in_the_shown_lane(page: Page) -> None:
            expect_lane(page, "shown", [item_id])
            card = page.locator(f"[data-testid=confession-{item_id}]")
            expect(card.locator(".item-count")).to_have_text("2 agreements")
            expect(card.locator(".item-set-apart")).to_have_text(f"+{CROWD} set apart")

        await moderator.run(in_the_shown_lane)
        assert moderator.console_errors == []
        await moderator.close()


async def test_confessions_sent_too_fast_are_said_to_wait(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        moderator = await open_page(chromium, host.page_url)
        await moderator.run(lambda page: expect(page.locator("#waiting-incoming")).to_be_hidden())
        token = await host.join()
        for number in range(BURST + 2):
            payload = {"client_id": f"too-fast-{next(_client_ids):04d}", "text": f"Hi {number}"}
            await host.send(token, envelope("confession.submit", payload))

        def some_in_two_waiting(page: Page) -> None:
            expect(page.locator("#list-incoming > li")).to_have_count(BURST)
            waiting = page.locator("#waiting-incoming")
            expect(waiting).to_have_text("2 more waiting (sent too fast)")
            expect(waiting).to_have_attribute(
                "title", "Sent faster than a person writes: they reach Incoming at a steady pace"
            )
            expect(page.locator("#room-banner")).to_be_hidden()

        await moderator.run(some_in_two_waiting)
        assert (await host.snapshot())["room"]["waiting"] == 2
        assert moderator.console_errors == []
        await moderator.close()
