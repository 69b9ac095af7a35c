"""Like groups and merging, the organisers' lane and the session choices on the moderator
page, in a real browser against a real host process.

Two shown confessions that tell the same mistake, agreed with by overlapping phones
(through the phone protocol), are merged from the page: the count kept is the union
of their voters. A confession sent for the organisers only lands in a lane of its own
and offers no way to the screen. The screenshots go to ``docs/screenshots/``.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_moderator_page import (
    ARTIFACTS,
    Host,
    envelope,
    expect_lane,
    moderated,
    open_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
_client_ids = itertools.count(1)

SILENT = "I stayed silent in the meeting when I saw the budget was wrong."
SILENT_AGAIN = "I stayed silent in a meeting when I saw the budget was wrong!"
KEPT = "I stayed silent in a meeting when I saw that the budget was wrong."


async def shown_with_voters(host: Host, item_id: int, voters: list[str]) -> None:
    await host.command("approve", item_id=item_id)
    await host.command("project", item_id=item_id)
    for token in voters:
        await host.agree(token, item_id)


async def alike(host: Host, first: int, second: int) -> None:
    """Wait until the host has found the two very like each other."""
    for _ in range(100):
        items = {i["id"]: i for i in (await host.snapshot())["items"]}
        if second in items[first]["like"] or first in items[second]["like"]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the host never found them alike")


async def test_merge_two_shown_confessions_counts_each_voter_once(tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    async with moderated(tmp_path) as (host, chromium):
        first = await host.submit(SILENT, learned="Say it in the room.")
        second = await host.submit(SILENT_AGAIN)
        other = await host.submit("I pushed to main on a Friday afternoon.")
        await host.command("approve", item_id=other)
        voters = [await host.join() for _ in range(4)]
        await shown_with_voters(host, first, voters[:3])  # phones 0, 1, 2
        await shown_with_voters(host, second, voters[1:])  # phones 1, 2, 3: on screen now
        await alike(host, first, second)
        moderator = await open_page(chromium, host.page_url)

        def merge(page: Page) -> None:
            expect_lane(page, "shown", [first])
            expect_lane(page, "on-screen", [second])
            expect(page.locator(f"[data-testid=alike-{first}]")).to_have_text("≈ 1 alike")
            expect(page.locator(f"[data-testid=alike-{second}]")).to_have_text("≈ 1 alike")
            expect(page.locator(f"[data-testid=alike-{other}]")).to_have_count(0)
            expect(page.locator("[data-testid=on-screen-count] .live-number")).to_have_text("3")
            page.click(f"[data-testid=alike-{first}]")
            dialog = page.locator("[data-testid=merge-dialog]")
            expect(dialog).to_be_visible()
            group = dialog.locator(".merge-row")
            expect(group).to_have_count(2)
            # What is on the screen cannot be merged away: it is the one kept at first.
            expect(page.locator(f"[data-testid=merge-keep-{second}]")).to_be_checked()
            expect(page.locator("[data-testid=merge-text]")).to_have_value(SILENT_AGAIN)
            # The kept one has no lesson: the one merged in lends its own, to edit.
            expect(page.locator("[data-testid=merge-learned]")).to_have_value("Say it in the room.")
            expect(page.locator("[data-testid=merge-submit]")).to_have_text("Merge 2")
            page.fill("[data-testid=merge-text]", KEPT)
            page.screenshot(
                path=str(SCREENSHOTS / "moderator-merge-group-1280x800.png"),
                animations="disabled",
            )
            # Keeping the other one would merge away what is on screen: the host refuses.
            page.check(f"[data-testid=merge-keep-{first}]")
            expect(page.locator("[data-testid=merge-text]")).to_have_value(SILENT)
            page.click("[data-testid=merge-submit]")
            expect(page.locator("[data-testid=merge-error]")).to_contain_text("on the big screen")
            expect(page.locator("[data-testid=toast]")).to_contain_text("on the big screen")
            page.check(f"[data-testid=merge-keep-{second}]")
            expect(page.locator("[data-testid=merge-error]")).to_be_hidden()
            expect(page.locator(f"[data-testid=merge-include-{first}]")).to_be_checked()
            page.fill("[data-testid=merge-text]", KEPT)
            page.click("[data-testid=merge-submit]")
            expect(dialog).to_be_hidden()
            expect_lane(page, "shown", [])
            expect_lane(page, "on-screen", [second])
            # Phones 0 to 3 agreed with one or both: four, each counted once.
            expect(page.locator("[data-testid=on-screen-count] .live-number")).to_have_text("4")
            expect(page.locator("#list-on-screen .item-text")).to_have_text(KEPT)
            expect(page.locator("#list-on-screen .tag-merged")).to_have_text("merged from 1")
            expect(page.locator(f"[data-testid=alike-{second}]")).to_have_count(0)
            expect(page.locator("#undo-label")).to_contain_text("Undo merge")

        await moderator.run(merge)
        items = {i["id"]: i for i in (await host.snapshot())["items"]}
        assert items[second]["agreement_count"] == 4
        assert items[second]["text"] == KEPT
        assert (items[first]["state"], items[first]["merged_into"]) == ("merged", second)

        def undo(page: Page) -> None:
            page.click("#undo")
            expect_lane(page, "shown", [first])
            expect(page.locator("[data-testid=on-screen-count] .live-number")).to_have_text("3")
            expect(page.locator("#list-on-screen .item-text")).to_have_text(SILENT_AGAIN)
            expect(page.locator("#list-on-screen .tag-merged")).to_have_count(0)

        await moderator.run(undo)
        # The browser logs the refusal's answer (409), and nothing else.
        assert [e for e in moderator.console_errors if "409 (Conflict)" not in e] == []
        await moderator.close()


async def send_for_organisers(host: Host, text: str) -> int:
    token = await host.join()
    payload = {"client_id": f"organisers-{next(_client_ids):04d}", "text": text}
    await host.send(token, envelope("confession.submit", {**payload, "for_organisers": True}))
    (item,) = [i for i in (await host.snapshot())["items"] if i["text"] == text]
    item_id: int = item["id"]
    return item_id


async def test_organisers_lane_and_session_choices(tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    private = "I signed off the <b>safeguarding</b> check & never read the file."
    async with moderated(tmp_path) as (host, chromium):
        moderator = await open_page(chromium, host.page_url)

        def choose_before_any_confession(page: Page) -> None:
            page.click("[data-testid=choices-open]")
            keep = page.get_by_label("Keep organisers-only confessions in the record")
            expect(keep).to_be_enabled()
            expect(keep).not_to_be_checked()
            expect(page.locator("[data-testid=batching-auto]")).to_be_checked()
            keep.check()
            page.check("[data-testid=batching-on]")
            expect(page.locator("[data-testid=batching-now]")).to_be_visible()
            page.check("[data-testid=batching-off]")
            expect(page.locator("[data-testid=batching-now]")).to_be_hidden()
            page.keyboard.press("Escape")
            expect(page.locator("[data-testid=choices]")).to_be_hidden()

        await moderator.run(choose_before_any_confession)
        session = (await host.snapshot())["session"]
        assert (session["organisers_record"], session["batching"]) == (True, "off")

        public = await host.submit("I deployed on a Friday and switched my phone off.")
        secret = await send_for_organisers(host, private)
        venue = await send_for_organisers(
            host, "The fire exit by the lifts on floor 2 was locked all morning."
        )

        def organisers_lane(page: Page) -> None:
            expect_lane(page, "incoming", [public])
            expect_lane(page, "organisers", [secret, venue])
            expect(page.locator("#n-organisers")).to_have_text("2")
            card = page.locator(f"#list-organisers > li[data-id='{secret}']")
            expect(card.locator(".item-text")).to_have_text(private)  # as text, not markup
            expect(card.locator("b")).to_have_count(0)
            expect(card.locator("button")).to_have_count(0)  # no approve, project or merge
            expect(card.locator("input.pick")).to_have_count(0)
            page.click("[data-testid=pick-all]")
            expect(page.locator("[data-testid=bulk-picked]")).to_have_text("1 picked")
            page.click("[data-testid=bulk-clear]")
            card.locator(".item-text").click()
            expect(page.locator("#editor-state")).to_have_text("For the organisers only")
            page.keyboard.press("Enter")  # approving it is refused on the page
            expect(page.locator("[data-testid=toast]")).to_contain_text("can be approved")
            page.keyboard.press("e")
            page.fill("#edit-text", "I signed off the […] check & never read the file.")
            page.keyboard.press("Control+s")
            expect(card.locator(".item-text")).to_have_text(
                "I signed off the […] check & never read the file."
            )
            expect_lane(page, "organisers", [secret, venue])
            card.locator(".item-text").click()
            expect(page.locator("[data-testid=toast]")).not_to_have_class(
                re.compile("is-visible"), timeout=6000
            )
            # The lane at the top of its column, both of its confessions in sight.
            page.evaluate("() => document.querySelector('.group-organisers').scrollIntoView()")
            page.screenshot(
                path=str(SCREENSHOTS / "moderator-organisers-lane-1280x800.png"),
                animations="disabled",
            )
            page.click("[data-testid=choices-open]")
            keep = page.get_by_label("Keep organisers-only confessions in the record")
            expect(keep).to_be_disabled()
            expect(keep).to_be_checked()
            expect(page.locator("[data-testid=organisers-record-late]")).to_be_visible()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "moderator-choices.png"), animations="disabled")
            page.keyboard.press("Escape")

        await moderator.run(organisers_lane)
        items = {i["id"]: i for i in (await host.snapshot())["items"]}
        assert items[secret]["state"] == "for_organisers"
        assert moderator.console_errors == []
        await moderator.close()
