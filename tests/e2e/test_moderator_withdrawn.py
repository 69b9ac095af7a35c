"""A confession its sender takes back leaves the moderator page at once; one that has
been on the screen cannot be taken back (the phone says why), in a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.test_moderator_page import envelope, expect_lane, moderated, open_page

pytestmark = [pytest.mark.browser]


async def test_a_withdrawn_confession_leaves_every_lane(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        phone = await host.join()
        for client_id, text in (("wd-00000001", "I will take this back."), ("wd-00000002", "x")):
            await host.send(
                phone, envelope("confession.submit", {"client_id": client_id, "text": text})
            )
        items = {i["text"]: i["id"] for i in (await host.snapshot())["items"]}
        taken_back, shown = items["I will take this back."], items["x"]
        await host.command("approve", item_id=taken_back)
        await host.command("approve", item_id=shown)
        await host.command("project", item_id=shown)
        moderator = await open_page(chromium, host.page_url)
        await moderator.run(lambda page: expect_lane(page, "approved", [taken_back]))
        answer = await host.send(
            phone, envelope("confession.withdraw", {"client_id": "wd-00000001"})
        )
        assert answer["type"] == "confession.withdrawn"
        async with host.http.post(
            f"{host.app.base}/api/messages",
            json=envelope("confession.withdraw", {"client_id": "wd-00000002"}),
            headers={"Authorization": f"Bearer {phone}"},
        ) as reply:
            refused = await reply.json()
            assert reply.status == 409
        assert refused["payload"]["code"] == "already_shown"

        def gone(page: Page) -> None:
            expect_lane(page, "approved", [])
            expect_lane(page, "on-screen", [shown])

        await moderator.run(gone)
        assert taken_back not in {i["id"] for i in (await host.snapshot())["items"]}
