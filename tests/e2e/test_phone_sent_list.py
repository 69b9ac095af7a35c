""" "Sent from this phone": a participant withdraws their own confession until it is shown.

A real host (in this process) and the phone page in headless Chromium through
``confessional.test`` (an insecure context, as on a LAN IP); what the host holds is read
from the moderators' ``api/state``, and moderators act through ``api/commands``.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from facilitator.protocol.commands import Approve, EndSession, NewSession, Project
from tests.e2e.browser import BrowserPhone, BrowserThread
from tests.e2e.process import LAN_HOST
from tests.host.harness import Running, running_server

pytestmark = pytest.mark.browser

SCREENSHOT = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "phone-sent-list-390x844.png"
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

FIRST = (
    "I replied to all with my notes on the salary negotiation attached, "
    "and then replied to all again to apologise."
)
SECOND = "I deployed on a Friday and switched my phone off."
THIRD = "I told the client the bug was a feature."

WITHDRAWN = "Withdrawn: it has been deleted."
TOO_LATE = "It has been on the screen, so it can no longer be withdrawn."
# The list says whether a confession arrived, never what became of it: one shown (its
# withdrawal refused) is "Received", without its Withdraw button.
SHOWN = "Received"


async def moderator_state(run: Running) -> dict[str, Any]:
    async with run.http.get(f"{run.moderator_base}/api/state") as reply:
        assert reply.status == 200
        body = await reply.json()
    assert body["type"] == "moderator.snapshot"
    payload: dict[str, Any] = body["payload"]
    return payload


async def moderate(run: Running, *commands: Any) -> None:
    for command in commands:
        status, body = await run.moderate(command)
        assert status == 200, body


@contextlib.asynccontextmanager
async def phone_on(run: Running) -> AsyncIterator[BrowserPhone]:
    """The phone page in a Chromium of its own, through :data:`LAN_HOST`; closed after."""
    port = run.base.rsplit(":", 1)[1]
    chromium = BrowserThread()
    await chromium.start()
    phone = BrowserPhone(chromium)
    try:
        await phone.open(f"http://{LAN_HOST}:{port}/")
        yield phone
        await phone.close()
    finally:
        await chromium.stop()


def rows(page: Page) -> list[tuple[str, str]]:
    """(excerpt, state) of each row of the list, top to bottom."""
    items = page.locator("[data-testid=sent-item]")
    return [
        (
            items.nth(i).locator("[data-testid=sent-excerpt]").inner_text(),
            items.nth(i).locator("[data-testid=sent-state]").inner_text(),
        )
        for i in range(items.count())
    ]


def row(page: Page, text: str) -> Any:
    return page.locator("[data-testid=sent-item]").filter(has_text=text[:20])


def confess(page: Page, text: str) -> None:
    page.fill("#confession-text", text)
    page.click("#send-button")
    expect(page.locator("#send-status")).to_have_attribute("data-state", "arrived")
    expect(row(page, text).locator("[data-testid=sent-state]")).to_have_text("Received")


def withdraw(page: Page, text: str) -> None:
    item = row(page, text)
    item.locator("[data-testid=sent-withdraw]").click()
    expect(item.locator("[data-testid=sent-confirm]")).to_be_visible()
    item.locator("[data-testid=sent-confirm-yes]").click()


def no_horizontal_scroll(page: Page) -> bool:
    return bool(
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )


def stored_lists(page: Page) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """() => Object.fromEntries(Object.keys(localStorage)
                .filter((key) => key.startsWith("confessional.sent."))
                .map((key) => [key, JSON.parse(localStorage.getItem(key))]))"""
        )
    )


async def test_withdraw_until_shown_then_the_phone_says_why_not(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    async with running_server(tmp_path) as run, phone_on(run) as phone:
        session_id = run.service.session.id

        def send_two(page: Page) -> tuple[list[tuple[str, str]], dict[str, Any]]:
            page.emulate_media(reduced_motion="reduce")
            expect(page.locator("#confession-text")).to_be_visible()
            expect(page.locator("[data-testid=sent]")).to_be_hidden()
            confess(page, FIRST)
            confess(page, SECOND)
            return rows(page), stored_lists(page)

        listed, stored = await phone.run(send_two)
        assert listed == [(f"“{SECOND}”", "Received"), (f"“{FIRST[:56]}…”", "Received")]
        # Only an excerpt stays on the phone once the laptop has the confession.
        [entries] = stored.values()
        assert FIRST not in str(entries) and FIRST[:56] in str(entries)
        assert list(stored) == [f"confessional.sent.{session_id}"]

        def keep_then_withdraw(page: Page) -> tuple[str, int, bool]:
            item = row(page, FIRST)
            item.locator("[data-testid=sent-withdraw]").click()
            no = item.locator("[data-testid=sent-confirm-no]")
            expect(no).to_be_focused()  # the safe choice, where Withdraw was
            question = item.locator("[data-testid=sent-confirm]").inner_text()
            no.click()
            expect(item.locator("[data-testid=sent-withdraw]")).to_be_focused()
            withdraw(page, FIRST)
            expect(page.locator("[data-testid=sent-status]")).to_have_text(WITHDRAWN)
            expect(page.locator("[data-testid=sent-item]")).to_have_count(1)
            focus_kept = page.evaluate(
                "document.activeElement === document.getElementById('sent-heading')"
            )
            return question, page.locator("[data-testid=sent-item]").count(), focus_kept

        question, left, focus_kept = await phone.run(keep_then_withdraw)
        assert "Withdraw it? It will be deleted for good." in question
        assert left == 1 and focus_kept

        state = await moderator_state(run)
        assert [item["text"] for item in state["items"]] == [SECOND]
        assert state["session"]["withdrawn_count"] == 1
        [shown_id] = [item["id"] for item in state["items"]]
        await moderate(run, Approve(shown_id), Project(shown_id))

        def too_late(page: Page) -> tuple[str, bool, bool]:
            expect(page.locator("#projected-text")).to_have_text(SECOND)
            confess(page, THIRD)
            withdraw(page, SECOND)
            expect(page.locator("[data-testid=sent-status]")).to_have_text(TOO_LATE)
            item = row(page, SECOND)
            expect(item.locator("[data-testid=sent-state]")).to_have_text(SHOWN)
            has_button = item.locator("[data-testid=sent-withdraw]").is_visible()
            page.evaluate("document.getElementById('send-button').scrollIntoView()")
            page.screenshot(path=str(SCREENSHOT))
            page.emulate_media(color_scheme="dark", reduced_motion="reduce")
            page.screenshot(path=str(ARTIFACTS / "phone-sent-list-390x844-dark.png"))
            page.emulate_media(color_scheme="light", reduced_motion="reduce")
            return (
                item.locator("[data-testid=sent-state]").inner_text(),
                has_button,
                no_horizontal_scroll(page),
            )

        item_state, has_button, wide_enough = await phone.run(too_late)
        assert item_state == SHOWN and not has_button
        assert wide_enough
        assert [item["state"] for item in (await moderator_state(run))["items"]] == [
            "shown",
            "incoming",
        ]

        def reload_and_narrow(page: Page) -> tuple[list[tuple[str, str]], bool]:
            page.reload()
            expect(page.locator("[data-testid=sent-item]")).to_have_count(2)
            listed = rows(page)
            page.set_viewport_size({"width": 320, "height": 568})
            wide_enough = no_horizontal_scroll(page)
            row(page, THIRD).locator("[data-testid=sent-withdraw]").click()  # widest
            wide_enough = wide_enough and no_horizontal_scroll(page)
            page.locator("[data-testid=sent]").scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "phone-sent-list-320.png"))
            row(page, THIRD).locator("[data-testid=sent-confirm-no]").press("Escape")
            expect(row(page, THIRD).locator("[data-testid=sent-withdraw]")).to_be_focused()
            return listed, wide_enough

        listed, wide_enough = await phone.run(reload_and_narrow)
        assert listed == [(f"“{THIRD}”", "Received"), (f"“{SECOND}”", SHOWN)]
        assert wide_enough

        await moderate(run, EndSession(), NewSession())

        def next_session(page: Page) -> tuple[int, dict[str, Any]]:
            # The page either shows the end or, if the new session's news came first,
            # reloads itself into it; either way a reload shows the new session.
            page.reload()
            expect(page.locator("#confession-text")).to_be_visible()
            expect(page.locator("[data-testid=sent]")).to_be_hidden()
            return page.locator("[data-testid=sent-item]").count(), stored_lists(page)

        count, stored = await phone.run(next_session)
        assert count == 0 and stored == {}
        assert phone.console_errors == []


async def test_a_confession_still_on_the_phone_is_taken_back_too(tmp_path: Path) -> None:
    """Stuck in the outbox (the laptop's HTTP unreachable, the live socket up): the one
    never tried is only dropped; the one tried may have arrived, so the laptop is asked."""
    async with running_server(tmp_path) as run, phone_on(run) as phone:

        def stuck(page: Page) -> tuple[list[tuple[str, str]], list[str]]:
            asked: list[str] = []  # withdrawals sent over the live socket
            page.on(
                "websocket",
                lambda socket: socket.on(
                    "framesent",
                    lambda frame: (
                        asked.append(str(frame)) if "confession.withdraw" in str(frame) else None
                    ),
                ),
            )
            page.reload()
            page.emulate_media(reduced_motion="reduce")
            expect(page.locator("#confession-text")).to_be_visible()
            expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
            page.route("**/api/messages", lambda route: route.abort())
            for text in (SECOND, THIRD):
                page.fill("#confession-text", text)
                page.click("#send-button")
                expect(row(page, text).locator("[data-testid=sent-state]")).to_have_text("Sending…")
            listed = rows(page)
            for text in (THIRD, SECOND):
                withdraw(page, text)
                expect(row(page, text)).to_have_count(0)
                status = page.locator("[data-testid=sent-status]")
                expect(status).to_have_text(WITHDRAWN)
                expect(status).to_be_visible()  # the last row gone, the news stays
            expect(page.locator("#send-status")).to_have_attribute("data-state", "idle")
            page.unroute("**/api/messages")
            page.wait_for_timeout(300)
            return listed, asked

        listed, asked = await phone.run(stuck)
        assert listed == [(f"“{THIRD}”", "Sending…"), (f"“{SECOND}”", "Sending…")]
        assert len(asked) == 1  # for the one that was tried, never for the other
        outbox = await phone.run(
            lambda page: page.evaluate(
                "Object.keys(localStorage).filter((k) => k.includes('.outbox.'))"
            )
        )
        assert outbox == []
        state = await moderator_state(run)
        assert state["items"] == [] and state["session"]["withdrawn_count"] == 0
        # The aborted requests are the test's doing; nothing else may complain.
        assert [e for e in phone.console_errors if "net::ERR_FAILED" not in e] == []
