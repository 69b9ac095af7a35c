"""The moderator page offers the session's record as a download, in a real browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_moderator_page import moderated, open_page

pytestmark = [pytest.mark.browser]

SHOWN = "I said <yes> to three deadlines & missed all of them."


async def test_the_record_downloads_from_the_page(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        item = await host.submit(SHOWN, learned="Say no early.")
        await host.submit("Never shown, never in the record.")
        await host.command("approve", item_id=item)
        await host.command("project", item_id=item)
        moderator = await open_page(chromium, host.page_url)

        def download(page: Page) -> tuple[str, str]:
            page.get_by_test_id("record-menu").locator("summary").click()
            link = page.get_by_test_id("record-json")
            expect(link).to_be_visible()
            with page.expect_download() as saving:
                link.click()
            json_text = Path(saving.value.path()).read_text(encoding="utf-8")
            with page.expect_download() as saving:
                page.get_by_test_id("record-csv").click()
            return json_text, saving.value.suggested_filename

        json_text, csv_name = await moderator.run(download)
        record = json.loads(json_text)
        assert [c["text"] for c in record["confessions"]] == [SHOWN]
        assert "Never shown" not in json_text
        assert record["fingerprint"].startswith("sha256:")
        assert csv_name.endswith(".csv")
