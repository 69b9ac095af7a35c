"""The phone page as people hold it: the answer to Send where the eye is, nothing cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from facilitator.protocol.commands import Approve, Project
from tests.e2e.browser import BrowserThread, scrolls_sideways
from tests.e2e.process import LAN_HOST
from tests.host.harness import running_server

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LONG = "I pasted the whole incident report into the chat. " * 40  # 2,000 characters


def on_phone(browser: Browser, url: str, width: int, height: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.emulate_media(reduced_motion="reduce")
    page.goto(url)
    expect(page.locator("#confession-text")).to_be_visible()
    return page


def inside_viewport(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    return box["y"] >= -0.5 and box["y"] + box["height"] <= viewport["height"] + 0.5


@pytest.mark.parametrize(("width", "height"), [(390, 844), (320, 568)])
async def test_the_answer_to_send_is_in_view_and_a_long_paste_is_kept(
    tmp_path: Path, width: int, height: int
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    async with running_server(tmp_path) as run:
        port = run.base.rsplit(":", 1)[1]
        chromium = BrowserThread()
        await chromium.start()
        try:

            def confess(browser: Browser) -> tuple[str, str, bool]:
                page = on_phone(browser, f"http://{LAN_HOST}:{port}/", width, height)
                try:
                    page.fill("#confession-text", LONG)
                    kept = page.input_value("#confession-text")
                    counter = page.text_content("#confession-counter") or ""
                    page.click("#send-button")
                    expect(page.locator("#field-error")).to_be_visible()
                    error = page.text_content("#field-error") or ""
                    page.fill("#confession-text", "I shipped on a Friday.")
                    page.fill("#learned-text", "Not any more.")
                    page.click("#send-button")
                    expect(page.locator("#send-status")).to_have_attribute("data-state", "arrived")
                    page.wait_for_timeout(300)
                    in_view = inside_viewport(page, "#send-status")
                    page.screenshot(path=str(ARTIFACTS / f"phone-arrived-{width}.png"))
                    return kept, counter + " | " + error, in_view
                finally:
                    page.context.close()

            kept, said, in_view = await chromium.call(confess)
        finally:
            await chromium.stop()
        assert kept == LONG  # nothing cut off
        assert "2,000 / 1,000: 1,000 too many" in said
        assert "keep it to 1,000 characters" in said
        assert in_view
        [item] = run.service.items()
        assert item.text == "I shipped on a Friday."


@pytest.mark.parametrize(("width", "height"), [(390, 844), (320, 568)])
async def test_been_there_stays_in_reach_of_a_long_confession(
    tmp_path: Path, width: int, height: int
) -> None:
    async with running_server(tmp_path) as run:
        author = await run.join()
        await run.submit(author, "client-long-0001", "x " * 498 + "end.", "y " * 248 + "end.")
        [item] = run.service.items()
        run.service.execute(Approve(item.id))
        run.service.execute(Project(item.id))
        port = run.base.rsplit(":", 1)[1]
        chromium = BrowserThread()
        await chromium.start()
        try:

            def agree(browser: Browser) -> tuple[bool, str]:
                page = on_phone(browser, f"http://{LAN_HOST}:{port}/", width, height)
                try:
                    expect(page.locator("#projected")).to_be_visible()
                    page.locator("#live-heading").scroll_into_view_if_needed()
                    reachable = inside_viewport(page, "#agree-button")
                    # In the middle of the text, and with text at 200 %: still in reach,
                    # and nothing scrolls sideways.
                    middle = """() => {
                        const box = document.getElementById("projected-text")
                          .getBoundingClientRect();
                        window.scrollBy(0, box.top + box.height / 2 - innerHeight / 2);
                    }"""
                    page.evaluate(middle)
                    reachable = reachable and inside_viewport(page, "#agree-button")
                    page.evaluate("document.documentElement.style.fontSize = '200%'")
                    page.evaluate(middle)
                    reachable = reachable and inside_viewport(page, "#agree-button")
                    reachable = reachable and not scrolls_sideways(page)
                    page.screenshot(path=str(ARTIFACTS / f"phone-long-confession-200-{width}.png"))
                    page.evaluate("document.documentElement.style.fontSize = ''")
                    page.click("#agree-button")
                    expect(page.locator("#agree-count")).to_have_text("1")
                    page.screenshot(path=str(ARTIFACTS / f"phone-long-confession-{width}.png"))
                    return reachable, page.text_content("#agree-count") or ""
                finally:
                    page.context.close()

            reachable, count = await chromium.call(agree)
        finally:
            await chromium.stop()
        assert reachable
        assert count == "1"
        assert run.service.item(item.id).agreement_count == 1
