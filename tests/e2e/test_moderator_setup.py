"""Setting up the session from the moderator page, in a real browser against a real host.

The "Set up session…" dialog (participant_web/moderator_setup.js) sends one
``apply_setup``, then ``set_closing_note`` when the note changed, then one ``add_warm_up``
per warm-up confession; the phones' ``session`` (``GET /api/session``, what every phone
is sent) must carry the set-up. A refusal stays in the dialog with its message. The
screenshot goes to ``docs/screenshots/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Request, expect

from facilitator.core.rules import DEFAULT_HOUSE_RULES
from tests.e2e.test_moderator_page import (
    ARTIFACTS,
    Host,
    expect_lane,
    moderated,
    open_page,
    posted_commands,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

TITLE = "Lessons from the <b>night shift</b>"
PROMPT = "What did a mistake on a night shift teach you?"
RULES = "What is said here stays here.\nNo names, no wards."
WARM_UPS = [
    ("I once gave the handover from the wrong patient list.", "Read the name out loud."),
    ("I signed for a delivery I never checked.", ""),
]
NOTE = "Thank you all.\nThe themes go to the quality board in March."


async def phone_session(host: Host) -> dict[str, Any]:
    """The ``session`` message every phone is sent."""
    async with host.http.get(f"{host.app.base}/api/session") as r:
        assert r.status == 200
        body = await r.json()
    assert body["type"] == "session"
    payload: dict[str, Any] = body["payload"]
    return payload


def open_setup(page: Page) -> None:
    page.click("[data-testid=setup-open]")
    expect(page.locator("[data-testid=setup]")).to_be_visible()


def fits(page: Page, width: int, height: int) -> None:
    """The dialog fits the viewport: nothing sideways to scroll, Apply in sight."""
    page.set_viewport_size({"width": width, "height": height})
    dialog = page.locator("[data-testid=setup]")
    box = dialog.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (height, box)
    sideways = page.evaluate(
        "() => [...document.querySelectorAll('#setup, #setup .setup-scroll')]"
        ".some((e) => e.scrollWidth > e.clientWidth + 1)"
    )
    assert not sideways, f"the set-up dialog scrolls sideways at {width} px"
    expect(page.locator("[data-testid=setup-apply]")).to_be_in_viewport()
    expect(page.locator("[data-testid=setup-cancel]")).to_be_in_viewport()


async def test_set_up_the_session_from_the_page(tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    requests: list[Request] = []
    async with moderated(tmp_path) as (host, chromium):
        before = await phone_session(host)
        assert before["limits"]["learned"] > 0
        moderator = await open_page(chromium, host.page_url, requests)

        def set_up(page: Page) -> None:
            # By keyboard: the button opens it, the title has the focus.
            page.focus("[data-testid=setup-open]")
            page.keyboard.press("Enter")
            expect(page.locator("[data-testid=setup]")).to_be_visible()
            expect(page.locator("[data-testid=setup-title]")).to_be_focused()
            expect(page.locator("[data-testid=setup-title]")).to_have_value(before["title"])
            expect(page.locator("[data-testid=setup-max-length]")).to_have_value("1000")
            expect(page.locator("[data-testid=setup-offer-lesson]")).to_be_checked()
            expect(page.locator("[data-testid=setup-accent-none]")).to_be_checked()
            # The default rules: shown (in English) as what the phones promise.
            rules = page.get_by_label("House rules")
            default = page.get_by_label("Use the default rules")
            expect(default).to_be_checked()
            expect(rules).to_have_value("")
            expect(rules).to_have_attribute("placeholder", DEFAULT_HOUSE_RULES)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(
                path=str(ARTIFACTS / "moderator-setup-default-rules.png"), animations="disabled"
            )
            # Unticked, the default is there to start one's own from.
            default.uncheck()
            expect(rules).to_have_value(DEFAULT_HOUSE_RULES)
            page.fill("[data-testid=setup-title]", TITLE)
            page.get_by_label("The question").fill(PROMPT)
            rules.fill(RULES)
            page.get_by_label("Longest confession").fill("280")
            page.get_by_label("Also ask “What I learned”").uncheck()
            page.get_by_label("Language of the phone page").select_option("cy")
            page.fill("[data-testid=setup-accent]", "#1a7f64")  # picking one chooses it
            expect(page.locator("[data-testid=setup-accent-own]")).to_be_checked()
            expect(page.locator("[data-testid=setup-accent-value]")).to_have_text("#1a7f64")
            for index, (text, learned) in enumerate(WARM_UPS, start=1):
                page.click("[data-testid=setup-add-warm-up]")
                expect(page.get_by_label(f"Warm-up {index}", exact=True)).to_be_focused()
                page.keyboard.type(text)
                warm_up = page.locator("[data-testid=warm-up]").nth(index - 1)
                warm_up.get_by_label("What they learned (optional)").fill(learned)
            page.click("[data-testid=setup-add-warm-up]")  # an empty one is not sent
            page.get_by_label("Closing note for the record").fill(NOTE)
            # From the top: what the room reads and what the phones ask.
            page.evaluate("() => document.querySelector('#setup .setup-scroll').scrollTo(0, 0)")
            page.screenshot(
                path=str(SCREENSHOTS / "moderator-session-setup-1280x800.png"),
                animations="disabled",
            )
            for width, height in ((1024, 768), (390, 844)):
                fits(page, width, height)
                page.screenshot(
                    path=str(ARTIFACTS / f"moderator-setup-{width}x{height}.png"),
                    animations="disabled",
                )
            page.emulate_media(color_scheme="dark")
            page.screenshot(
                path=str(ARTIFACTS / "moderator-setup-390x844-dark.png"), animations="disabled"
            )
            page.emulate_media(color_scheme="light")
            page.set_viewport_size({"width": 1280, "height": 800})
            page.click("[data-testid=setup-apply]")
            expect(page.locator("[data-testid=setup]")).to_be_hidden()
            expect(page.locator("[data-testid=setup-open]")).to_be_focused()
            expect(page.locator("[data-testid=toast]")).to_have_text(
                "Saved. Warm-up confessions added to Up next: 2."
            )
            expect(page.locator("[data-testid=mod-title]")).to_have_text(TITLE)
            expect(page.locator("#list-approved .item-text")).to_have_text(
                [text for text, _ in WARM_UPS]
            )

        await moderator.run(set_up)
        sent = [c["command"] for c in posted_commands(requests)]
        assert sent == ["apply_setup", "set_closing_note", "add_warm_up", "add_warm_up"]
        phone = await phone_session(host)
        assert (phone["title"], phone["prompt"]) == (TITLE, PROMPT)
        assert phone["limits"]["text"] == 280
        assert phone["limits"]["learned"] == 0  # the lesson is not offered
        assert phone["house_rules"] == RULES
        assert (phone["accent"], phone["language"]) == ("#1a7f64", "cy")
        snapshot = await host.snapshot()
        details = snapshot["session"]
        assert details["closing_note"] == NOTE
        assert (details["max_length"], details["offer_lesson"]) == (280, False)
        queued = sorted(
            (i for i in snapshot["items"] if i["state"] == "approved"),
            key=lambda i: i["queue_position"],
        )
        assert [(i["text"], i["learned"]) for i in queued] == WARM_UPS

        def shown_back_then_refused(page: Page) -> None:
            open_setup(page)
            # What the session has now, the closing note included.
            expect(page.locator("[data-testid=setup-title]")).to_have_value(TITLE)
            expect(page.get_by_label("Closing note for the record")).to_have_value(NOTE)
            expect(page.get_by_label("Use the default rules")).not_to_be_checked()
            expect(page.get_by_label("House rules")).to_have_value(RULES)
            expect(page.get_by_label("Longest confession")).to_have_value("280")
            expect(page.get_by_label("Also ask “What I learned”")).not_to_be_checked()
            expect(page.get_by_label("Language of the phone page")).to_have_value("cy")
            expect(page.locator("[data-testid=setup-accent]")).to_have_value("#1a7f64")
            expect(page.locator("[data-testid=warm-up]")).to_have_count(0)
            # House rules of 1,600 characters: the counter warns, the host refuses, the
            # dialog says why and stays open on the field.
            rules = page.get_by_label("House rules")
            rules.fill("R" * 1600)
            expect(page.locator("[data-testid=setup-rules-count]")).to_have_text(
                "1,600 of 1,500 characters"
            )
            page.click("[data-testid=setup-apply]")
            error = page.locator("[data-testid=setup-error]")
            expect(error).to_have_text("Please keep the house rules to 1,500 characters or fewer.")
            expect(page.locator("[data-testid=setup]")).to_be_visible()
            expect(rules).to_be_focused()
            expect(rules).to_have_attribute("aria-invalid", "true")
            page.screenshot(
                path=str(ARTIFACTS / "moderator-setup-refused.png"), animations="disabled"
            )
            # Back to the default rules: applied, the error gone.
            page.get_by_label("Use the default rules").check()
            page.click("[data-testid=setup-apply]")
            expect(page.locator("[data-testid=setup]")).to_be_hidden()
            expect(page.locator("[data-testid=toast]")).to_have_text("Saved.")

        await moderator.run(shown_back_then_refused)
        phone = await phone_session(host)
        assert phone["house_rules"] is None  # null: the default template
        assert (phone["title"], phone["limits"]["text"]) == (TITLE, 280)  # the rest kept

        def closing_note_alone(page: Page) -> None:
            requests.clear()
            open_setup(page)
            page.get_by_label("Closing note for the record").fill("See you next year.")
            page.keyboard.press("Control+Enter")  # applies, from a text area too
            expect(page.locator("[data-testid=setup]")).to_be_hidden()
            open_setup(page)
            expect(page.get_by_label("Closing note for the record")).to_have_value(
                "See you next year."
            )
            # Escape closes without sending anything; the focus goes back.
            page.get_by_label("Closing note for the record").fill("Not this.")
            page.keyboard.press("Escape")
            expect(page.locator("[data-testid=setup]")).to_be_hidden()
            expect(page.locator("[data-testid=setup-open]")).to_be_focused()

        await moderator.run(closing_note_alone)
        # Only the note changed: the set-up is not sent again.
        assert [c["command"] for c in posted_commands(requests)] == ["set_closing_note"]
        assert (await host.snapshot())["session"]["closing_note"] == "See you next year."
        # The browser logs the refusal's answer (400 or 409), and nothing else.
        assert [e for e in moderator.console_errors if "status of 4" not in e] == []
        await moderator.close()


async def test_an_over_long_title_is_refused_in_the_dialog(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        first = await host.submit("I merged my own pull request at midnight.")
        moderator = await open_page(chromium, host.page_url)

        def refused(page: Page) -> None:
            expect_lane(page, "incoming", [first])
            open_setup(page)
            title = page.locator("[data-testid=setup-title]")
            title.fill("T" * 121)
            page.click("[data-testid=setup-add-warm-up]")
            page.keyboard.type("A warm-up that must wait for a good title.")
            title.press("Enter")  # Enter in a one-line field applies
            error = page.locator("[data-testid=setup-error]")
            expect(error).to_have_text("Please keep the title to 120 characters or fewer.")
            expect(title).to_be_focused()
            # Nothing after the refusal was sent: the warm-up waits in the list.
            expect(page.locator("[data-testid=warm-up]")).to_have_count(1)
            expect_lane(page, "approved", [])
            title.fill("A good title")
            page.click("[data-testid=setup-apply]")
            expect(page.locator("[data-testid=setup]")).to_be_hidden()
            expect(page.locator("#list-approved .item-text")).to_have_text(
                ["A warm-up that must wait for a good title."]
            )

        await moderator.run(refused)
        assert (await host.snapshot())["session"]["title"] == "A good title"
        await host.command("end_session")

        def ended(page: Page) -> None:
            # No set-up after the end; the columns left with no lane go (only Shown stays).
            expect(page.locator("[data-testid=ended-panel]")).to_be_visible()
            expect(page.locator("[data-testid=setup-open]")).to_be_hidden()
            expect(page.locator("#board > .col:visible")).to_have_count(1)
            expect(page.locator("#list-shown")).to_be_attached()
            expect(page.locator("#board > .col:visible #h-shown")).to_be_visible()

        await moderator.run(ended)
        assert [e for e in moderator.console_errors if "status of 4" not in e] == []
        await moderator.close()


async def test_the_dialog_follows_another_moderator_and_keeps_what_is_typed_here(
    tmp_path: Path,
) -> None:
    """While the dialog is open another moderator (the console, say) sets the title and
    the closing note: the fields left alone show theirs, the prompt typed here stays,
    and Apply sends the prompt over their title."""
    async with moderated(tmp_path) as (host, chromium):
        moderator = await open_page(chromium, host.page_url)

        def type_prompt(page: Page) -> None:
            open_setup(page)
            page.locator("[data-testid=setup-prompt]").fill(PROMPT)

        await moderator.run(type_prompt)
        await host.command(
            "update_details", title="Ward 7", prompt="Their prompt", agree_label="Me too"
        )
        await host.command("set_closing_note", note=NOTE)

        def followed(page: Page) -> None:
            expect(page.locator("[data-testid=setup-title]")).to_have_value("Ward 7")
            expect(page.locator("[data-testid=setup-agree-label]")).to_have_value("Me too")
            expect(page.locator("[data-testid=setup-prompt]")).to_have_value(PROMPT)
            expect(page.locator("[data-testid=setup-closing-note]")).to_have_value(NOTE)
            page.click("[data-testid=setup-apply]")
            expect(page.locator("[data-testid=setup]")).to_be_hidden()

        await moderator.run(followed)
        session = (await host.snapshot())["session"]
        assert (session["title"], session["prompt"], session["agree_label"]) == (
            "Ward 7",
            PROMPT,
            "Me too",
        )
        assert session["closing_note"] == NOTE
        assert moderator.console_errors == []
        await moderator.close()
