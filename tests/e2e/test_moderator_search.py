"""The moderator page's search and Incoming sort, in a real browser against a real host."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_moderator_page import expect_lane, moderated, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def test_search_narrows_the_lanes_and_esc_restores(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        coffee = await host.submit("I drank the last coffee and made no more.")
        branch = await host.submit("I renamed the main branch on a Friday.")
        cafe = await host.submit("I spilt café au lait on the server.")
        queued = await host.submit("I skipped the retro.", learned="Retros need COFFEE.")
        await host.command("approve", item_id=queued)
        moderator = await open_page(chromium, host.page_url)

        def search(page: Page) -> None:
            expect_lane(page, "incoming", [coffee, branch, cafe])
            page.locator("#list-incoming").focus()
            page.keyboard.press("/")
            field = page.get_by_label("Search")
            expect(field).to_be_focused()
            page.keyboard.type("coffee")
            expect_lane(page, "incoming", [coffee])
            expect_lane(page, "approved", [queued])  # the lesson matches too
            expect(page.locator("#n-incoming")).to_have_text("1 of 3")
            expect(page.locator("#n-approved")).to_have_text("1 of 1")
            field.fill("CAFE")  # case and accents do not matter
            expect_lane(page, "incoming", [cafe])
            expect(page.locator("#n-approved")).to_have_text("0 of 1")
            page.keyboard.press("Escape")
            expect(field).to_have_value("")
            expect_lane(page, "incoming", [coffee, branch, cafe])
            expect(page.locator("#n-incoming")).to_have_text("3")
            expect(page.locator("#n-approved")).to_have_text("1")
            page.get_by_label("Sort Incoming by").select_option("length")
            expect_lane(page, "incoming", [cafe, branch, coffee])

        await moderator.run(search)
        assert moderator.console_errors == []
        await moderator.close()
