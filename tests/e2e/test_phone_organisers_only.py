"""For the organisers only: a confession marked so from the phone never reaches the screen.

A real host (in this process) and the phone page in headless Chromium through
``confessional.test`` (an insecure context, as on a LAN IP); moderators watch the stream
(``/moderator/<secret>/ws``) and act through ``api/commands``, as the console does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp
import pytest
from playwright.sync_api import Page, expect

from facilitator.protocol.commands import Approve, Project, SetOrganisersRecord
from tests.e2e.test_phone_sent_list import (
    WITHDRAWN,
    moderate,
    moderator_state,
    no_horizontal_scroll,
    phone_on,
    row,
    withdraw,
)
from tests.host.harness import Running, receive_json, receive_until, running_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "screenshots" / "phone-organisers-only-390x844.png"
ARTIFACTS = ROOT / "test-artifacts"

OPTION = "For the organisers only\u00a0— never shown on the screen"
KEPT = "The organisers keep these in the session's record (without your name)."
NOT_KEPT = "The moderators read these; they are not kept after the session."
MARK = "For the organisers"

PRIVATE = "I signed off the safeguarding check without reading the file."
LESSON = "Read it, or say you have not."
PUBLIC = "I deployed on a Friday and switched my phone off."
OFFLINE = "I reused the admin password for the staff rota."


def option(page: Page) -> Any:
    return page.get_by_role("checkbox", name=OPTION)


def note(page: Page) -> Any:
    return page.locator("[data-testid=organisers-note]")


def send(page: Page, text: str, *, for_organisers: bool, learned: str = "") -> None:
    page.fill("#confession-text", text)
    page.fill("#learned-text", learned)
    if for_organisers:
        option(page).check()
    page.click("#send-button")


def mark(page: Page, text: str) -> Any:
    return row(page, text).locator("[data-testid=sent-for-organisers]")


def outbox(page: Page) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = page.evaluate(
        """() => Object.keys(localStorage).filter((key) => key.includes(".outbox."))
            .flatMap((key) => JSON.parse(localStorage.getItem(key)))"""
    )
    return items


async def next_change(socket: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    """The next change of the stream that concerns items (others are not asked about)."""
    while True:
        message: dict[str, Any] = await receive_json(socket, timeout=10)
        if message["type"] in ("item.added", "item.changed", "item.removed"):
            return message


async def refused(run: Running, command: Any) -> str:
    status, body = await run.moderate(command)
    assert status != 200, body
    code: str = body["payload"]["code"]
    return code


async def test_for_the_organisers_only_never_reaches_incoming_and_can_be_withdrawn(
    tmp_path: Path,
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    async with running_server(tmp_path) as run, phone_on(run) as phone:

        def the_house_rule(page: Page) -> tuple[str, bool, str | None]:
            page.emulate_media(reduced_motion="reduce")
            expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
            expect(option(page)).not_to_be_checked()
            expect(note(page)).to_have_text(NOT_KEPT)
            return (
                option(page).get_attribute("aria-describedby") or "",
                note(page).is_visible(),
                page.evaluate("document.getElementById('organisers-note').id"),
            )

        described, visible, note_id = await phone.run(the_house_rule)
        assert described == note_id == "organisers-note" and visible

        # Before the first confession the organisers may keep them in the record:
        # the phones' line follows at once, over the live socket, and after a reload.
        await moderate(run, SetOrganisersRecord(True))
        await phone.run(lambda page: expect(note(page)).to_have_text(KEPT))

        def reload_keeps_the_rule(page: Page) -> None:
            page.reload()
            expect(note(page)).to_have_text(KEPT)

        await phone.run(reload_keeps_the_rule)
        await moderate(run, SetOrganisersRecord(False))
        await phone.run(lambda page: expect(note(page)).to_have_text(NOT_KEPT))
        await moderate(run, SetOrganisersRecord(True))
        await phone.run(lambda page: expect(note(page)).to_have_text(KEPT))

        async with run.http.ws_connect(f"{run.moderator_base.replace('http', 'ws')}/ws") as stream:
            await receive_until(stream, "moderator.snapshot")

            def send_private(page: Page) -> tuple[bool, bool, str]:
                page.fill("#confession-text", PRIVATE)
                page.fill("#learned-text", LESSON)
                option(page).check()
                page.evaluate(
                    "document.getElementById('send-button')"
                    ".scrollIntoView({block: 'end'}); window.scrollBy(0, 24)"
                )
                page.screenshot(path=str(SCREENSHOT))
                page.emulate_media(color_scheme="dark", reduced_motion="reduce")
                page.screenshot(path=str(ARTIFACTS / "phone-organisers-only-390-dark.png"))
                page.emulate_media(color_scheme="light", reduced_motion="reduce")
                page.set_viewport_size({"width": 320, "height": 568})
                narrow = no_horizontal_scroll(page)
                page.locator("#field-organisers").scroll_into_view_if_needed()
                page.screenshot(path=str(ARTIFACTS / "phone-organisers-only-320.png"))
                page.set_viewport_size({"width": 390, "height": 844})
                page.click("#send-button")
                expect(page.locator("#send-status")).to_have_attribute("data-state", "arrived")
                expect(mark(page, PRIVATE)).to_have_text(MARK)
                expect(row(page, PRIVATE).locator("[data-testid=sent-state]")).to_have_text(
                    "Received"
                )
                # The form is ready for the next one, and that one is for the screen.
                expect(option(page)).not_to_be_checked()
                return narrow, no_horizontal_scroll(page), page.inner_text("#sent")

            narrow, wide, listed = await phone.run(send_private)
            assert narrow and wide
            # The phone says only where it went, never what became of it.
            assert "set aside" not in listed.lower()

            added = await next_change(stream)
            assert added["type"] == "item.added"
            item = added["payload"]["item"]
            assert (item["state"], item["text"], item["learned"]) == (
                "for_organisers",
                PRIVATE,
                LESSON,
            )
            private_id = item["id"]

            # The house rule is fixed once a confession has arrived.
            assert await refused(run, SetOrganisersRecord(False)) == "too_late"
            # No moderator can put it in the queue or on the screen.
            assert await refused(run, Approve(private_id)) == "cannot_approve"
            assert await refused(run, Project(private_id)) == "not_approved"
            state = await moderator_state(run)
            assert [(i["id"], i["state"]) for i in state["items"]] == [
                (private_id, "for_organisers")
            ]
            assert state["current_item_id"] is None
            assert state["session"]["organisers_record"] is True

            # One for the screen, shown: it can no longer be withdrawn (the refusal is
            # test_phone_sent_list's); the one for the organisers still can.
            await phone.run(lambda page: send(page, PUBLIC, for_organisers=False))
            added = await next_change(stream)
            public_id = added["payload"]["item"]["id"]
            assert added["payload"]["item"]["state"] == "incoming"
            await moderate(run, Approve(public_id), Project(public_id))

            def withdraw_private(page: Page) -> tuple[int, str]:
                expect(page.locator("#projected-text")).to_have_text(PUBLIC)
                expect(mark(page, PUBLIC)).to_be_hidden()
                page.locator("#sent").screenshot(
                    path=str(ARTIFACTS / "phone-sent-for-organisers-390.png")
                )
                withdraw(page, PRIVATE)
                expect(page.locator("[data-testid=sent-status]")).to_have_text(WITHDRAWN)
                expect(row(page, PRIVATE)).to_have_count(0)
                return page.locator("[data-testid=sent-item]").count(), page.inner_text(
                    "#sent-list"
                )

            left, listed = await phone.run(withdraw_private)
            assert left == 1 and MARK not in listed
            while (change := await next_change(stream))["type"] != "item.removed":
                pass
            assert change["payload"]["item_id"] == private_id

        state = await moderator_state(run)
        assert [i["id"] for i in state["items"]] == [public_id]
        assert state["session"]["withdrawn_count"] == 1
        assert phone.console_errors == []


async def test_the_mark_stays_with_a_confession_kept_on_the_phone(tmp_path: Path) -> None:
    """The laptop's HTTP unreachable: the outbox keeps the confession, marked, across a
    reload and its retries, and it arrives for the organisers once the laptop answers."""
    async with running_server(tmp_path) as run, phone_on(run) as phone:

        def offline(page: Page) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            page.emulate_media(reduced_motion="reduce")
            expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
            page.route("**/api/messages", lambda route: route.abort())
            send(page, OFFLINE, for_organisers=True)
            expect(page.locator("#send-status")).to_have_attribute("data-state", "saved")
            expect(mark(page, OFFLINE)).to_have_text(MARK)
            expect(row(page, OFFLINE).locator("[data-testid=sent-state]")).to_have_text("Sending…")
            before = outbox(page)
            page.reload()  # the route stays: still no answer after the reload
            expect(page.locator("#send-status")).to_have_attribute("data-state", "saved")
            expect(mark(page, OFFLINE)).to_have_text(MARK)
            page.wait_for_timeout(1500)  # at least one retry, refused like the first
            return before, outbox(page)

        before, after = await phone.run(offline)
        assert [(i["text"], i["for_organisers"]) for i in before] == [(OFFLINE, True)]
        assert [(i["text"], i["for_organisers"], i["tried"]) for i in after] == [
            (OFFLINE, True, True)
        ]
        assert (await moderator_state(run))["items"] == []

        def back_online(page: Page) -> list[dict[str, Any]]:
            page.unroute("**/api/messages")
            page.evaluate("window.dispatchEvent(new Event('online'))")
            expect(page.locator("#send-status")).to_have_attribute("data-state", "arrived")
            expect(row(page, OFFLINE).locator("[data-testid=sent-state]")).to_have_text("Received")
            expect(mark(page, OFFLINE)).to_have_text(MARK)
            return outbox(page)

        assert await phone.run(back_online) == []
        [item] = (await moderator_state(run))["items"]
        assert (item["text"], item["state"]) == (OFFLINE, "for_organisers")

        def reload_keeps_the_mark(page: Page) -> None:
            page.reload()
            expect(mark(page, OFFLINE)).to_have_text(MARK)

        await phone.run(reload_keeps_the_mark)
        # The aborted requests are the test's doing; nothing else may complain.
        assert [e for e in phone.console_errors if "net::ERR_FAILED" not in e] == []
