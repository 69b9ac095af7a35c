"""What helped, end to end in a real browser: a phone replies under the confession on
screen, the moderator page approves the reply, phones are sent it under the confession,
and the record the page downloads holds it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_moderator_page import envelope, expect_lane, moderated, open_page

pytestmark = [pytest.mark.browser]

CONFESSION = "I approved a pull request I had not read."
HELPED = "A checklist in the pull request template."


async def test_the_page_approves_what_helped_and_the_record_keeps_it(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        confession = await host.submit(CONFESSION)
        await host.command("approve", item_id=confession)
        await host.command("project", item_id=confession)
        phone = await host.join()
        payload = {"client_id": "helped-00000001", "confession_id": confession, "text": HELPED}
        answer = await host.send(phone, envelope("reply.submit", payload))
        assert answer["type"] == "reply.received"
        [reply] = [i for i in (await host.snapshot())["items"] if i["kind"] == "reply"]
        assert reply["parent_id"] == confession
        moderator = await open_page(chromium, host.page_url)

        def approve(page: Page) -> str:
            expect_lane(page, "incoming", [reply["id"]])
            expect(page.locator(f"#list-incoming > li[data-id='{reply['id']}']")).to_contain_text(
                f"#{confession}"
            )
            page.click(f"[data-testid=approve-{reply['id']}]")
            expect_lane(page, "incoming", [])
            expect_lane(page, "approved", [])  # never queued: shown under its confession
            page.get_by_test_id("record-menu").locator("summary").click()
            with page.expect_download() as saving:
                page.get_by_test_id("record-json").click()
            return Path(saving.value.path()).read_text(encoding="utf-8")

        record = json.loads(await moderator.run(approve))
        assert await host.state_of(reply["id"]) == "approved"
        async with host.http.get(f"{host.app.base}/api/session") as response:
            projection = (await response.json())["payload"]["projection"]
        assert [r["text"] for r in projection["replies"]] == [HELPED]
        [shown] = record["confessions"]
        assert [r["text"] for r in shown["replies"]] == [HELPED]
