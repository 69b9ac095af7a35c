"""Queue control on the moderator page, in a real browser against a real host process.

Up next is reordered by dragging a card's handle, by its ↑ ↓ buttons and by Alt+↑ Alt+↓,
and one confession goes to the top with "Move to top" (Alt+Home); many confessions are
picked (a checkbox each, or all the search shows) and approved or set aside in one step.
Each is one undo step on the host, and the Undo button names it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, FloatRect, Page, Request, expect

from tests.e2e.test_moderator_page import (
    Host,
    expect_lane,
    moderated,
    open_page,
    posted_commands,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def queued(host: Host, *texts: str) -> list[int]:
    ids = [await host.submit(text) for text in texts]
    for item_id in ids:
        await host.command("approve", item_id=item_id)
    return ids


async def queue_order(host: Host) -> list[int]:
    items = [i for i in (await host.snapshot())["items"] if i["state"] == "approved"]
    return [i["id"] for i in sorted(items, key=lambda i: (i["queue_position"], i["id"]))]


def handle_and_target(page: Page, item_id: int, onto: int) -> tuple[float, float, FloatRect]:
    """The middle of a card's drag handle, and the box of the card it goes onto."""
    handle = page.locator(f"[data-testid=drag-{item_id}]")
    target = page.locator(f"#list-approved > li[data-id='{onto}']")
    target.scroll_into_view_if_needed()
    handle.scroll_into_view_if_needed()
    start = handle.bounding_box()
    box = target.bounding_box()
    assert start is not None and box is not None
    return start["x"] + start["width"] / 2, start["y"] + start["height"] / 2, box


def drag(page: Page, item_id: int, onto: int, *, below: bool = False) -> None:
    """Drag a card by its handle onto the upper (or lower) part of another card."""
    x, y, box = handle_and_target(page, item_id, onto)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, box["y"] + box["height"] * (0.8 if below else 0.2), steps=8)
    page.mouse.up()


async def test_reorder_by_drag_buttons_and_keys_and_move_to_top(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        a, b, c, d = await queued(
            host,
            "I merged my own pull request at midnight.",
            "I skipped the retro to finish a slide deck.",
            "I renamed the shared drive folder everybody used.",
            "I answered a question I had not understood.",
        )
        requests: list[Request] = []
        moderator = await open_page(chromium, host.page_url, requests)

        def by_drag(page: Page) -> None:
            expect_lane(page, "approved", [a, b, c, d])
            drag(page, d, onto=b)  # d dropped on b's upper half: just before b
            expect_lane(page, "approved", [a, d, b, c])
            expect(page.locator("#undo-label")).to_contain_text("Undo move")
            drag(page, a, onto=c, below=True)  # a onto c's lower half: after c, the end
            expect_lane(page, "approved", [d, b, c, a])

        await moderator.run(by_drag)
        assert await queue_order(host) == [d, b, c, a]

        def by_buttons_and_keys(page: Page) -> None:
            page.click(f"[data-testid=move_down-{d}]")
            expect_lane(page, "approved", [b, d, c, a])
            page.click(f"[data-testid=move_up-{a}]")
            expect_lane(page, "approved", [b, d, a, c])
            page.click(f"#list-approved > li[data-id='{c}'] .item-text")  # select c
            page.keyboard.press("Alt+ArrowUp")
            expect_lane(page, "approved", [b, d, c, a])
            page.keyboard.press("Alt+ArrowUp")
            expect_lane(page, "approved", [b, c, d, a])
            expect(page.locator(f"#list-approved > li[data-id='{c}']")).to_have_class(
                "item item-approved is-selected"
            )
            page.keyboard.press("Alt+ArrowDown")
            expect_lane(page, "approved", [b, d, c, a])
            page.keyboard.press("Alt+Home")
            expect_lane(page, "approved", [c, b, d, a])
            page.click(f"[data-testid=move_to_top-{a}]")
            expect_lane(page, "approved", [a, c, b, d])
            expect(page.locator(f"#list-approved > li[data-id='{a}'] .item-place")).to_have_text(
                "#1 in queue"
            )
            # One undo step per move: the last one goes back.
            page.keyboard.press("Control+z")
            expect_lane(page, "approved", [c, b, d, a])

        await moderator.run(by_buttons_and_keys)
        assert await queue_order(host) == [c, b, d, a]
        sent = posted_commands(requests)
        assert {"command": "move", "item_id": d, "before_id": b} in sent
        assert {"command": "move", "item_id": a, "before_id": None} in sent
        assert {"command": "move_to_top", "item_id": a} in sent
        assert moderator.console_errors == []
        await moderator.close()


async def test_search_then_pick_all_shown_and_approve_in_one_step(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        coffee = [
            await host.submit(f"I drank the last coffee on floor {floor} and made none.")
            for floor in (1, 2, 3)
        ]
        other = await host.submit("I pushed to main without running the tests.")
        aside = await host.submit("I blamed the coffee machine for my typo.")
        await host.command("set_aside", item_id=aside)
        moderator = await open_page(chromium, host.page_url)

        def bulk(page: Page) -> None:
            expect_lane(page, "incoming", [*coffee, other])
            page.get_by_label("Search").fill("coffee")
            expect_lane(page, "incoming", coffee)
            expect_lane(page, "set-aside", [aside])
            page.click("[data-testid=pick-all]")
            expect(page.locator("[data-testid=bulk-picked]")).to_have_text("4 picked")
            page.uncheck(f"[data-testid=pick-{coffee[1]}]")
            expect(page.locator("[data-testid=bulk-picked]")).to_have_text("3 picked")
            page.click("[data-testid=bulk-approve]")
            expect_lane(page, "approved", [coffee[0], coffee[2], aside])
            expect(page.locator("#n-approved")).to_have_text("3 of 3")
            expect(page.locator("[data-testid=bulk-picked]")).to_have_text("")
            expect(page.locator("#undo-label")).to_have_text("Undo approve (3)")
            expect(page.locator("[data-testid=pick-all]")).to_be_focused()
            page.get_by_label("Search").press("Escape")  # clears the search
            expect_lane(page, "incoming", [coffee[1], other])
            # X picks the selected card from the keyboard; bulk Set aside takes it.
            page.click(f"#list-incoming > li[data-id='{other}'] .item-text")
            page.keyboard.press("x")
            expect(page.locator(f"[data-testid=pick-{other}]")).to_be_checked()
            page.click("[data-testid=bulk-set-aside]")
            expect_lane(page, "set-aside", [other])
            expect(page.locator("#undo-label")).to_have_text("Undo set aside (1)")
            page.click("#undo")
            expect_lane(page, "incoming", [coffee[1], other])

        await moderator.run(bulk)
        states = {i["id"]: i["state"] for i in (await host.snapshot())["items"]}
        assert [states[i] for i in (*coffee, other, aside)] == [
            "approved",
            "incoming",
            "approved",
            "incoming",
            "approved",
        ]
        assert moderator.console_errors == []
        await moderator.close()


TABLET = {"width": 820, "height": 1180}


def touch_drag(page: Page, item_id: int, onto: int) -> None:
    """A finger on a card's handle, moved onto the upper part of another card (real touch
    events through the DevTools protocol: the page sees pointer events of type touch)."""
    x, y, box = handle_and_target(page, item_id, onto)
    cdp = page.context.new_cdp_session(page)

    def touch(kind: str, points: list[dict[str, float]]) -> None:
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", [{"x": x, "y": y}])
    end = box["y"] + box["height"] * 0.2
    for step in range(1, 9):
        touch("touchMove", [{"x": x, "y": y + (end - y) * step / 8}])
    touch("touchEnd", [])
    cdp.detach()


async def test_reorder_by_touch_on_a_tablet(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        a, b, c = await queued(
            host,
            "I printed the whole report single-sided.",
            "I booked the room for the wrong week.",
            "I sent the draft to the client instead of the team.",
        )
        url = host.page_url

        def on_tablet(browser: Browser) -> list[str]:
            context = browser.new_context(viewport=TABLET, has_touch=True)  # type: ignore[arg-type]
            errors: list[str] = []
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            try:
                page.goto(url)
                expect_lane(page, "approved", [a, b, c])
                touch_drag(page, c, onto=a)  # the narrow layout: the page itself scrolls
                expect_lane(page, "approved", [c, a, b])
            finally:
                context.close()
            return errors

        assert await chromium.call(on_tablet) == []
        assert await queue_order(host) == [c, a, b]
