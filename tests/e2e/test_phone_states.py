"""Every state of the phone page, in English, German and Arabic at 390 x 844: axe-core
finds nothing in any of them, nothing scrolls sideways (at 320 px with text at 200 %
too), and each is saved as
docs/screenshots/phone-<state>-<lang>-390x844.png (joining, form with the house rules,
sent and received, a confession shown with its button, replies, shown earlier, ended).

A real host (in this process) and the phone page in Debian's headless Chromium through
``confessional.test`` (an insecure context, as on a LAN IP).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from facilitator.protocol.commands import Approve, Blank, EndSession, Project, UpdateDetails
from tests.e2e.browser import BrowserThread, axe_violations, inside_viewport, scrolls_sideways
from tests.e2e.process import LAN_HOST
from tests.e2e.test_phone_sent_list import moderate, moderator_state
from tests.host.harness import envelope, running_server

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "locale": "en-GB",
        "mine": "I sent the quarterly figures to the whole company instead of the board.",
        "other": "I promised a client a date before I had asked the team whether it was possible.",
        "learned": "Ask first, promise second.",
        "their_reply": "A five-minute check with the team before any date leaves the room.",
        "my_reply": "Saying “I will confirm by tomorrow” instead.",
    },
    "de": {
        "locale": "de-DE",
        "details": (
            "Aus Fehlern lernen",
            "Welcher Fehler hat dich am meisten gelehrt?",
            "Kenn ich",
        ),
        "mine": "Ich habe die Quartalszahlen an die ganze Firma geschickt statt an den Vorstand.",
        "other": "Ich habe einem Kunden einen Termin zugesagt, bevor ich das Team gefragt hatte.",
        "learned": "Erst fragen, dann versprechen.",
        "their_reply": "Fünf Minuten Rücksprache mit dem Team, bevor ein Termin den Raum verlässt.",
        "my_reply": "Stattdessen sagen: „Ich bestätige es bis morgen.“",
    },
    "ar": {
        "locale": "ar",
        "details": ("لا تُهدر خطأً", "ما الخطأ الذي علّمك أكثر من غيره؟", "مررت بهذا"),
        "mine": "أرسلت الأرقام الفصلية إلى الشركة كلها بدلًا من مجلس الإدارة.",
        "other": "وعدت عميلًا بموعد قبل أن أسأل الفريق إن كان ممكنًا.",
        "learned": "اسأل أولًا، ثم عِد.",
        "their_reply": "خمس دقائق مع الفريق قبل أن يخرج أي موعد من الغرفة.",
        "my_reply": "أن أقول «سأؤكد غدًا» بدلًا من ذلك.",
    },
}


def shot(page: Page, state: str, code: str, checks: dict[str, Any]) -> None:
    """Save the state's screenshot, and what axe and the layout say of it."""
    page.wait_for_timeout(250)
    page.screenshot(path=str(SCREENSHOTS / f"phone-{state}-{code}-390x844.png"))
    checks[state] = {"axe": axe_violations(page), "sideways": scrolls_sideways(page)}
    # Text at 200 % on the narrowest phone: still nothing scrolls sideways.
    page.set_viewport_size({"width": 320, "height": 568})
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    checks[state]["sideways"] |= scrolls_sideways(page)
    page.evaluate("document.documentElement.style.fontSize = ''")
    page.set_viewport_size({"width": 390, "height": 844})


def scroll_to(page: Page, selector: str) -> None:
    page.evaluate("(s) => document.querySelector(s).scrollIntoView({block: 'start'})", selector)


@pytest.mark.parametrize("code", sorted(TEXTS))
async def test_every_phone_state_is_accessible_and_pictured(tmp_path: Path, code: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    said = TEXTS[code]
    checks: dict[str, Any] = {}
    async with running_server(tmp_path) as run:
        if "details" in said:  # the session's own words, as its facilitator would write them
            await moderate(run, UpdateDetails(*said["details"]))
        port = run.base.rsplit(":", 1)[1]
        chromium = BrowserThread()
        await chromium.start()
        pages: list[Page] = []
        try:

            def joining_then_form(browser: Browser) -> None:
                context = browser.new_context(
                    locale=said["locale"], viewport={"width": 390, "height": 844}
                )
                page = context.new_page()
                pages.append(page)
                page.emulate_media(reduced_motion="reduce")
                held: list[Route] = []

                def hold(route: Route) -> None:
                    held.append(route)

                page.route("**/api/session", hold)
                page.goto(f"http://{LAN_HOST}:{port}/")
                expect(page.locator("#loading")).not_to_be_empty()
                shot(page, "joining", code, checks)
                page.unroute("**/api/session", hold)  # the held request goes on
                assert held
                expect(page.locator("#confession-text")).to_be_visible()
                expect(page.locator("#house-rules-list li")).to_have_count(4)
                scroll_to(page, "#compose")
                shot(page, "form", code, checks)
                page.fill("#confession-text", said["mine"])
                page.fill("#learned-text", said["learned"])
                page.click("#send-button")
                expect(page.locator("#send-status")).to_have_attribute("data-state", "arrived")
                page.wait_for_timeout(300)  # scrolled after the next layout
                checks["arrived_in_view"] = inside_viewport(page, "#send-status")
                shot(page, "sent", code, checks)

            await chromium.call(joining_then_form)
            [mine] = run.service.items()
            await moderate(run, Approve(mine.id), Project(mine.id))

            def shown(browser: Browser) -> None:
                page = pages[0]
                expect(page.locator("#projected-text")).to_have_text(said["mine"])
                page.evaluate("window.scrollTo(0, 0)")
                checks["agree_in_view"] = inside_viewport(page, "#agree-button")
                page.click("#agree-button")
                expect(page.locator("#agree-count")).to_have_text(
                    page.evaluate("new Intl.NumberFormat(document.documentElement.lang).format(1)")
                )
                shot(page, "shown", code, checks)

            await chromium.call(shown)
            someone = await run.join()
            status, body = await run.send(
                someone,
                envelope(
                    "reply.submit",
                    {
                        "client_id": "their-reply-0001",
                        "confession_id": mine.id,
                        "text": said["their_reply"],
                    },
                ),
            )
            assert status == 200, body
            [reply] = [i for i in (await moderator_state(run))["items"] if i["kind"] == "reply"]
            await moderate(run, Approve(reply["id"]))

            def replies(browser: Browser) -> None:
                page = pages[0]
                expect(page.locator("[data-testid=helped-item]")).to_have_count(1)
                page.locator("#reply-text").fill(said["my_reply"])
                page.click("#reply-send")
                expect(page.locator("#reply-status")).to_have_attribute("data-state", "sent")
                page.wait_for_timeout(300)
                checks["reply_in_view"] = inside_viewport(page, "#reply-status")
                scroll_to(page, "#projected-learned-wrap")
                shot(page, "replies", code, checks)

            await chromium.call(replies)
            await run.submit(someone, "their-confession-1", said["other"])
            other = run.service.items()[-1]
            await moderate(run, Approve(other.id), Project(other.id))

            def other_shown(browser: Browser) -> None:
                page = pages[0]
                expect(page.locator("#projected-text")).to_have_text(said["other"])
                expect(page.locator("[data-testid=earlier-item]")).to_have_count(1)

            await chromium.call(other_shown)
            await moderate(run, Blank())

            def earlier(browser: Browser) -> None:
                page = pages[0]
                expect(page.locator("[data-testid=earlier-item]")).to_have_count(2)
                # the other's (mine has its reply already)
                page.locator("[data-testid=earlier-add]:visible").click()
                page.evaluate("window.scrollTo(0, 0)")
                shot(page, "earlier", code, checks)

            await chromium.call(earlier)
            await moderate(run, EndSession())

            def ended(browser: Browser) -> None:
                page = pages[0]
                expect(page.locator("#ended")).to_be_visible()
                page.evaluate("window.scrollTo(0, 0)")
                shot(page, "ended", code, checks)
                page.context.close()

            await chromium.call(ended)
        finally:
            await chromium.stop()
    for state in ("joining", "form", "sent", "shown", "replies", "earlier", "ended"):
        assert checks[state] == {"axe": [], "sideways": False}, (state, checks[state])
    in_view = {name: checks[name] for name in ("arrived_in_view", "agree_in_view", "reply_in_view")}
    assert in_view == dict.fromkeys(in_view, True)
