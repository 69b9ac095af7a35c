"""A headless session run entirely from the moderator page in a real browser."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import LAN_HOST, BrowserPhone, BrowserThread
from tests.e2e.process import start_headless
from tests.net.harness import envelope

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


async def test_moderate_a_headless_session_from_the_browser(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    app = start_headless(tmp_path / "data", "--port", "0")
    chromium = BrowserThread()
    await chromium.start()
    try:
        async with aiohttp.ClientSession() as http:
            tokens = []
            for text in ("I skipped code review to meet a deadline.", "I named a server 'temp'."):
                async with http.post(f"{app.base}/api/join", json=envelope("join", {})) as r:
                    token = (await r.json())["payload"]["token"]
                tokens.append(token)
                payload = {"client_id": f"mod-page-{len(tokens):04d}", "text": text}
                async with http.post(
                    f"{app.base}/api/messages",
                    json=envelope("confession.submit", payload),
                    headers={"Authorization": f"Bearer {token}"},
                ) as r:
                    assert r.status == 200
            async with http.get(f"{app.moderator_url}api/state") as r:
                first, second = (c["id"] for c in (await r.json())["payload"]["confessions"])

            moderator = BrowserPhone(chromium)
            await moderator.open(app.moderator_url.replace("127.0.0.1", LAN_HOST))

            def approve_and_project(page: Page) -> None:
                page.set_viewport_size({"width": 1280, "height": 800})
                expect(page.locator("#list-incoming > li")).to_have_count(2)
                page.click(f"[data-testid=approve-{first}]")
                page.click(f"[data-testid=set_aside-{second}]")
                expect(page.locator("#list-set-aside > li")).to_have_count(1)
                page.click("#project-next")
                expect(page.locator("#list-on-screen")).to_contain_text("skipped code review")

            await moderator.run(approve_and_project)
            async with http.get(f"{app.base}/api/session") as r:
                projection = (await r.json())["payload"]["projection"]
            assert projection["confession_id"] == first
            agree = envelope("agreement.set", {"confession_id": first, "agreed": True})
            for token in tokens:
                async with http.post(
                    f"{app.base}/api/messages",
                    json=agree,
                    headers={"Authorization": f"Bearer {token}"},
                ) as r:
                    assert r.status == 200

            def see_count_and_end(page: Page) -> list[str]:
                expect(page.locator("[data-testid=on-screen-count] .live-number")).to_have_text("2")
                page.screenshot(path=str(ARTIFACTS / "moderator-page.png"), animations="disabled")
                page.click("#end-session")
                page.click("#confirm-end-yes")
                expect(page.locator("#transcript-paths > li")).to_have_count(2)
                return [
                    text.strip()
                    for text in page.locator("#transcript-paths > li").all_text_contents()
                ]

            paths = await moderator.run(see_count_and_end)
            assert moderator.console_errors == []
            await moderator.close()
        markdown = next(Path(p) for p in paths if p.endswith(".md"))
        text = markdown.read_text(encoding="utf-8")
        assert "I skipped code review to meet a deadline." in text
        assert "Been there: 2" in text
        assert "temp" not in text  # set aside, never shown: not in the transcript
    finally:
        await chromium.stop()
        app.terminate()
