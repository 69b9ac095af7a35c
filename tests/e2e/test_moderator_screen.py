"""The big screen from the moderator page, in a real browser against a real host.

The screen controls (participant_web/moderator_screen.js) send ``show_slide`` by button
and by key (B the join slide, K or the full stop black, P break, C closing) and show which
slide is on; a content note set in the editor reaches the item and the phones (count 0,
``content_note`` true); the projector choices in "Session choices…" send
``set_projector``; the projector link there opens the projector page; the header's
clocks tick (Playwright's fake clock), corrected for a browser clock that is off. The
screenshot goes to ``docs/screenshots/``.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

from tests.e2e.browser import BrowserPhone, axe_violations
from tests.e2e.test_moderator_page import (
    ARTIFACTS,
    WIDE,
    Host,
    expect_lane,
    moderated,
    open_page,
    posted_commands,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BUTTONS = {
    "join": "[data-testid=screen-join]",
    "black": "[data-testid=screen-black]",
    "break": "[data-testid=screen-break]",
    "closing": "[data-testid=screen-closing]",
}
NOW_TEXT = {
    "join": "Big screen: join slide",
    "black": "Big screen: black",
    "break": "Big screen: break",
    "closing": "Big screen: closing",
}


def expect_on(page: Page, slide: str | None) -> None:
    """Exactly the button of ``slide`` is pressed (none while a confession is on)."""
    for name, selector in BUTTONS.items():
        expect(page.locator(selector)).to_have_attribute(
            "aria-pressed", "true" if name == slide else "false"
        )
    if slide is not None:
        expect(page.locator("[data-testid=screen-now]")).to_have_text(NOW_TEXT[slide])


async def projector_state(host: Host) -> dict[str, Any]:
    """What the projector page is told (``/projector/<secret>/api/state``)."""
    path = (await host.snapshot())["session"]["projector_path"]
    async with host.http.get(f"{host.app.base}{path}api/state") as r:
        assert r.status == 200
        body = await r.json()
    assert body["type"] == "projector"
    state: dict[str, Any] = body["payload"]
    return state


async def phone_session(host: Host) -> dict[str, Any]:
    async with host.http.get(f"{host.app.base}/api/session") as r:
        assert r.status == 200
        body = await r.json()
    payload: dict[str, Any] = body["payload"]
    return payload


async def test_each_slide_by_button_and_by_key(tmp_path: Path) -> None:
    requests: list[Request] = []
    async with moderated(tmp_path) as (host, chromium):
        shown = await host.submit("I restarted the wrong server during the demo.")
        await host.command("approve", item_id=shown)
        await host.command("project", item_id=shown)
        moderator = await open_page(chromium, host.page_url, requests)

        def by_buttons(page: Page) -> None:
            expect_lane(page, "on-screen", [shown])
            expect_on(page, None)
            expect(page.locator("[data-testid=screen-now]")).to_have_text(
                f"Big screen: confession #{shown}"
            )
            # "Shown" counts the confession on the screen, and says so.
            expect(page.locator("#n-shown")).to_have_text("1")
            expect(page.locator("#empty-shown")).to_have_text(
                "Only the confession on the screen now: it counts as shown."
            )
            for slide in ("break", "black", "closing", "join"):
                page.click(BUTTONS[slide])
                expect_on(page, slide)
                expect(page.locator("#empty-on-screen")).to_contain_text(
                    "No confession on the big screen"
                )
                if slide == "break":
                    expect_lane(page, "on-screen", [])  # the slide took it off
                    expect_lane(page, "shown", [shown])
                    expect(page.locator("#n-shown")).to_have_text("1")
                    expect(page.locator("#empty-on-screen")).to_have_text(
                        "No confession on the big screen: it shows the break slide."
                    )
            # Pressing the slide that is on sends nothing.
            page.click(BUTTONS["join"])
            expect_on(page, "join")

        await moderator.run(by_buttons)
        sent = [(c["command"], c.get("slide")) for c in posted_commands(requests)]
        assert sent == [
            ("show_slide", "break"),
            ("show_slide", "black"),
            ("show_slide", "closing"),
            ("show_slide", "join"),
        ]
        assert (await host.snapshot())["session"]["slide"] == "join"

        requests.clear()

        def by_keys(page: Page) -> None:
            page.locator("#list-shown").focus()
            for key, slide in (("p", "break"), (".", "black"), ("c", "closing"), ("b", "join")):
                page.keyboard.press(key)
                expect_on(page, slide)
            page.keyboard.press("k")
            expect_on(page, "black")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(
                path=str(ARTIFACTS / "moderator-screen-black.png"), animations="disabled"
            )
            # No key left the focus on a button.
            assert page.evaluate("() => document.activeElement.tagName") != "BUTTON"

        await moderator.run(by_keys)
        sent = [(c["command"], c.get("slide")) for c in posted_commands(requests)]
        assert sent == [
            ("show_slide", "break"),
            ("show_slide", "black"),
            ("show_slide", "closing"),
            ("show_slide", "join"),
            ("show_slide", "black"),
        ]
        assert (await projector_state(host))["slide"] == "black"

        # The panic button with a confession on the screen: one key, black at once; undo
        # puts the confession back.
        await host.command("project", item_id=shown)
        requests.clear()

        def panic(page: Page) -> None:
            expect_lane(page, "on-screen", [shown])
            expect_on(page, None)
            page.locator("#list-on-screen").focus()
            page.keyboard.press("k")
            expect_on(page, "black")
            expect_lane(page, "on-screen", [])
            expect(page.locator("[data-testid=undo]")).to_have_attribute("aria-disabled", "false")
            page.keyboard.press("Control+z")
            expect_lane(page, "on-screen", [shown])
            expect_on(page, None)
            # B with a confession on: blank, as ever (the join slide).
            page.keyboard.press("b")
            expect_on(page, "join")
            expect_lane(page, "on-screen", [])

        await moderator.run(panic)
        sent = [(c["command"], c.get("slide")) for c in posted_commands(requests)]
        assert sent == [("show_slide", "black"), ("undo", None), ("blank", None)]
        assert (await projector_state(host))["slide"] == "join"
        assert moderator.console_errors == []
        await moderator.close()


async def test_content_note_projector_choices_and_link(tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    requests: list[Request] = []
    async with moderated(tmp_path) as (host, chromium):
        heavy = await host.submit(
            "I missed the signs that a colleague was not coping.", "Ask twice."
        )
        token = host.tokens[-1]
        queued = [
            await host.submit("I approved my own expenses by accident."),
            await host.submit("I sent the minutes to the whole county."),
        ]
        waiting = await host.submit("I booked the venue for the wrong year.")
        for item_id in (heavy, *queued):
            await host.command("approve", item_id=item_id)
        await host.command("project", item_id=heavy)
        assert await host.agree(token, heavy) == 1
        assert (await phone_session(host))["projection"]["count"] == 1
        moderator = await open_page(chromium, host.page_url, requests)

        def note(page: Page) -> None:
            expect_lane(page, "incoming", [waiting])
            card = page.locator(f"[data-testid=confession-{heavy}]")
            expect(card.locator(".live-number")).to_have_text("1")
            card.locator(".item-text").click()
            box = page.get_by_label("Content note: warn first, hide the count")
            expect(box).not_to_be_checked()
            box.check()
            expect(page.locator(f"[data-testid=content-note-tag-{heavy}]")).to_have_text(
                "⚠ Content note"
            )
            expect(card.locator(".live-hidden")).to_have_text(
                "hidden from the screen and the phones"
            )
            expect(box).to_be_checked()
            # The box follows the selection: another confession has none.
            page.locator(f"[data-testid=confession-{queued[0]}] .item-text").click()
            expect(box).not_to_be_checked()
            expect(page.locator(f"[data-testid=content-note-tag-{queued[0]}]")).to_have_count(0)
            page.locator(f"[data-testid=confession-{heavy}] .item-text").click()
            expect(box).to_be_checked()

        await moderator.run(note)
        notes = [c for c in posted_commands(requests) if c["command"] == "set_content_note"]
        assert notes == [{"command": "set_content_note", "item_id": heavy, "noted": True}]
        items = {i["id"]: i for i in (await host.snapshot())["items"]}
        assert items[heavy]["content_note"] is True
        assert items[queued[0]]["content_note"] is False
        projection = (await phone_session(host))["projection"]
        assert projection["confession_id"] == heavy
        assert (projection["count"], projection["content_note"]) == (0, True)

        def screenshot(page: Page) -> None:
            page.set_viewport_size(WIDE)  # type: ignore[arg-type]
            page.mouse.move(0, 0)
            expect(page.locator("[data-testid=toast]")).not_to_have_class(
                re.compile("is-visible"), timeout=6000
            )
            page.screenshot(
                path=str(SCREENSHOTS / "moderator-screen-controls-1280x800.png"),
                animations="disabled",
            )
            # A confession with a content note on screen, the clocks, the screen group:
            # nothing axe-core finds to fault.
            assert axe_violations(page) == []

        await moderator.run(screenshot)

        def choices(page: Page) -> str:
            page.click("[data-testid=choices-open]")
            expect(page.locator("[data-testid=projector-dark]")).to_be_checked()
            expect(page.locator("[data-testid=projector-corner-qr]")).to_be_checked()
            expect(page.locator("[data-testid=projector-timer]")).not_to_be_checked()
            page.check("[data-testid=projector-light]")
            expect(page.locator("[data-testid=projector-light]")).to_be_checked()
            page.uncheck("[data-testid=projector-corner-qr]")
            page.check("[data-testid=projector-timer]")
            expect(page.locator("[data-testid=projector-timer]")).to_be_checked()
            link = page.locator("[data-testid=projector-link]")
            expect(link).to_have_value(re.compile(r"^http://.+/projector/[^/]+/$"))
            expect(page.locator("[data-testid=projector-open]")).to_have_attribute(
                "href", link.input_value()
            )
            page.click("[data-testid=projector-copy]")
            expect(page.locator("[data-testid=projector-copied]")).not_to_be_empty()
            page.screenshot(
                path=str(ARTIFACTS / "moderator-choices-screen.png"), animations="disabled"
            )
            page.keyboard.press("Escape")
            return link.input_value()

        link = await moderator.run(choices)
        sent = [c for c in posted_commands(requests) if c["command"] == "set_projector"]
        assert sent == [
            {"command": "set_projector", "theme": "light", "corner_qr": True, "timer": False},
            {"command": "set_projector", "theme": "light", "corner_qr": False, "timer": False},
            {"command": "set_projector", "theme": "light", "corner_qr": False, "timer": True},
        ]
        snapshot = await host.snapshot()
        details = snapshot["session"]
        assert (
            details["projector_theme"],
            details["projector_corner_qr"],
            details["projector_timer"],
        ) == ("light", False, True)
        # The join link's origin and the session's projector path; it opens the page.
        join = urlsplit(snapshot["join"]["join_url"])
        assert link == f"{join.scheme}://{join.netloc}{details['projector_path']}"
        async with host.http.get(link) as r:
            assert r.status == 200
            assert "text/html" in r.headers["Content-Type"]
        state = await projector_state(host)
        assert (state["theme"], state["corner_qr"], state["timer"]) == ("light", False, True)
        assert state["projection"]["content_note"] is True
        assert state["projection"]["count"] == 0
        assert moderator.console_errors == []
        await moderator.close()


async def test_clocks_tick_and_follow_the_laptop(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        shown = await host.submit("I let the projector bulb run out mid-talk.")
        await host.command("approve", item_id=shown)
        moderator = BrowserPhone(chromium)
        await moderator.open("about:blank")

        def open_with_a_clock_ten_minutes_fast(page: Page) -> None:
            page.set_viewport_size(WIDE)  # type: ignore[arg-type]
            # This browser's clock is ten minutes ahead of the laptop's: the page corrects
            # it by the projector state's `now`.
            page.clock.install(time=datetime.fromtimestamp(time.time() + 600, UTC))
            page.goto(host.page_url)
            expect(page.locator("#mod-connection")).to_have_attribute("data-state", "live")
            session_clock = page.locator("[data-testid=session-clock]")
            expect(session_clock).to_have_text(re.compile(r"^0:[0-5]\d$"))
            expect(page.locator("[data-testid=item-clock]")).to_be_hidden()
            before = session_clock.inner_text()
            page.clock.fast_forward("01:00")
            expect(session_clock).to_have_text(re.compile(r"^1:[0-5]\d$"))
            assert session_clock.inner_text() != before

        await moderator.run(open_with_a_clock_ten_minutes_fast)
        await host.command("project", item_id=shown)

        def confession_clock(page: Page) -> None:
            item_clock = page.locator("[data-testid=item-clock]")
            expect(item_clock).to_be_visible()
            expect(item_clock).to_have_text(re.compile(r"^0:[0-5]\d$"))
            page.clock.fast_forward(3_600_000)  # an hour on: h:mm:ss
            expect(item_clock).to_have_text(re.compile(r"^1:00:[0-5]\d$"))
            # (Projecting sent a new projector state, whose `now` the page took: the hour
            # the fake clock jumped is all the session clock can be sure of.)
            expect(page.locator("[data-testid=session-clock]")).to_have_text(
                re.compile(r"^1:0\d:[0-5]\d$")
            )

        await moderator.run(confession_clock)

        # Off the screen: the confession's clock goes; after the end, both.
        await host.command("blank")
        await moderator.run(
            lambda page: expect(page.locator("[data-testid=item-clock]")).to_be_hidden()
        )
        await host.command("end_session")

        def ended(page: Page) -> None:
            expect(page.locator("#ended-panel")).to_be_visible()
            expect(page.locator("[data-testid=session-clock]")).to_be_hidden()
            # No "0 phones connected" under "Ended".
            expect(page.locator("#mod-phones")).to_be_hidden()
            expect(page.locator("[data-testid=screen-now]")).to_be_hidden()

        await moderator.run(ended)
        assert moderator.console_errors == []
        await moderator.close()
