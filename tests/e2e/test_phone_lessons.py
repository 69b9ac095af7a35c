"""Take the lessons home: once the session ends, the phone offers what was shown and
what people learned, to read or to save, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from facilitator.protocol.commands import Approve, EndSession, Project, SetBatching
from tests.e2e.test_phone_sent_list import moderate, phone_on
from tests.host.harness import running_server

pytestmark = pytest.mark.browser

SHOWN = "I said <yes> to three deadlines & missed all of them."
LESSON = "Say no early."
UNSHOWN = "Never shown, so never taken home."


async def test_the_ended_page_opens_and_saves_the_lessons(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        await moderate(run, SetBatching("off"))
        token = await run.join()
        await run.submit(token, "client-0001", SHOWN, LESSON)
        await run.submit(token, "client-0002", UNSHOWN)
        first = run.service.items()[0].id
        await moderate(run, Approve(first), Project(first))
        async with phone_on(run) as phone:
            await moderate(run, EndSession())

            def read_and_save(page: Page) -> tuple[str, str]:
                expect(page.get_by_test_id("ended")).to_be_visible(timeout=10_000)
                read = page.get_by_role("link", name="Read the lessons")
                expect(read).to_be_visible()
                with page.expect_download() as saving:
                    page.get_by_role("link", name="Save a copy").click()
                saved = Path(saving.value.path()).read_text(encoding="utf-8")
                with page.context.expect_page() as opening:
                    read.click()
                lessons = opening.value
                lessons.wait_for_load_state()
                return lessons.locator("body").inner_text(), saved

            shown_text, saved = await phone.run(read_and_save)
        assert SHOWN in shown_text and LESSON in shown_text
        assert UNSHOWN not in shown_text and UNSHOWN not in saved
        assert "I said &lt;yes&gt;" in saved
