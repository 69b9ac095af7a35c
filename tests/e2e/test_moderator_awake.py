"""The moderator page repeats the console's note on keeping the laptop awake."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from facilitator.ui.awake_note import KEEPING_TEXT, may_sleep_text
from tests.e2e.test_moderator_stream import message, scripted_page, snapshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def host(keeping_awake: bool, awake_detail: str) -> dict[str, object]:
    return {
        "keeping_awake": keeping_awake,
        "awake_detail": awake_detail,
        "rehearsal_phones": 0,
    }


async def test_the_page_says_whether_the_laptop_is_kept_awake(tmp_path: Path) -> None:
    async with scripted_page(tmp_path, lambda: snapshot(10, [])) as (page, scripted):

        def follow(page: Page) -> None:
            note = page.locator("#mod-awake")
            expect(note).to_be_hidden()  # nothing said yet
            how = "sleep is blocked through logind"
            scripted.send(message("host.changed", seq=11, host=host(True, how)))
            expect(note).to_have_text(KEEPING_TEXT)
            expect(note).to_have_attribute("data-warning", "false")
            expect(note).to_have_attribute("title", how)
            why = "no session D-Bus; logind refused (<b>AccessDenied</b>)"
            scripted.send(message("host.changed", seq=12, host=host(False, why)))
            expect(note).to_have_text(may_sleep_text(why))  # as text, never markup
            expect(note).to_have_attribute("data-warning", "true")
            scripted.send(message("host.changed", seq=13, host=host(False, "")))
            expect(note).to_be_hidden()

        await page.run(follow)
