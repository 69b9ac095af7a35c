"""The session's set-up on the phone: the house rules above the form (the facilitator's
own, or the default template in the page's language) with what the record keeps, the
longest confession taken and said when a paste is over it, the "what I learned" field
only when offered, and the organiser's colour kept at 7:1 in light and dark mode.

A real host (in this process) and the phone page in Debian's headless Chromium through
``confessional.test`` (an insecure context, as on a LAN IP).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from facilitator.core import rules, setup
from facilitator.protocol.commands import ApplySetup, SetOrganisersRecord, SetUnshownRecord
from tests.e2e.browser import (
    BrowserThread,
    axe_violations,
    evaluate_on_phone_page,
    inside_viewport,
    scrolls_sideways,
)
from tests.e2e.process import LAN_HOST
from tests.host.harness import Running, envelope, running_server

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "participant_web" / "i18n"
ARTIFACTS = ROOT / "test-artifacts"

OWN_RULES = (
    "Be kind to your past self.\n- No names, not even your own.\n\nWhat is said here stays here."
)
OWN_LINES = [
    "Be kind to your past self.",
    "No names, not even your own.",
    "What is said here stays here.",
]


def catalogue(code: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CATALOGUES / f"{code}.json").read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------- the catalogues (no browser)


def test_the_english_default_house_rules_are_the_hosts() -> None:
    """The page's English template and announcements say what the record says."""
    english = catalogue("en")
    assert english["house_rules.default"] == rules.DEFAULT_HOUSE_RULES
    assert english["house_rules.unshown_record"] == setup.UNSHOWN_ANNOUNCEMENT
    assert english["house_rules.organisers_record"] == setup.ORGANISERS_ANNOUNCEMENT


@pytest.mark.parametrize("code", ["en", "de", "fr", "es", "cy", "ar"])
def test_every_catalogue_has_the_four_default_rules(code: str) -> None:
    lines = catalogue(code)["house_rules.default"].split("\n")
    assert len(lines) == 4 and all(line.strip() == line and line for line in lines)
    assert catalogue(code)["error.learned_not_offered"]


# ---------------------------------------------------------------- contrast.js (pure)

COLOURS = ["#ffff00", "#00ff00", "#ffffff", "#000000", "#1a7f64", "#ff0000", "#0000ff",
           "#808080", "#0e6a62", "#ff69b4", "#123456", "#fedcba"]  # fmt: skip


@pytest.mark.browser
async def test_every_accent_is_clamped_to_seven_to_one(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        found = await evaluate_on_phone_page(
            run.base,
            """async (colours) => {
                const c = await import("/static/contrast.js");
                const out = [];
                for (const colour of colours) {
                  for (const mode of ["light", "dark"]) {
                    const s = c.SCHEMES[mode];
                    const got = c.accentColours(colour, mode);
                    const least = (of) => Math.min(...s.backgrounds.map((b) => c.contrast(of, b)));
                    out.push({
                      colour, mode, accent: got.accent,
                      onBackgrounds: least(got.accent),
                      textOnIt: c.contrast(got.onAccent, got.accent),
                      textOnStrong: c.contrast(got.onAccent, got.strong),
                      strongOnSoft: c.contrast(got.strong, got.soft),
                      strongOnBackgrounds: least(got.strong),
                    });
                  }
                }
                return {
                  out,
                  none: c.accentProperties(""),
                  bad: c.accentProperties("red"),
                  ratio: c.contrast("#ffffff", "#000000"),
                };
            }""",
            COLOURS,
        )
    assert round(found["ratio"], 2) == 21
    assert found["none"] == {} and found["bad"] == {}
    for each in found["out"]:
        for name in ("onBackgrounds", "textOnIt", "textOnStrong", "strongOnSoft"):
            assert each[name] >= 7, each
        assert each["strongOnBackgrounds"] >= 7, each
    clamped = {(each["colour"], each["mode"]): each["accent"] for each in found["out"]}
    # A colour that holds already stays as it is; the others move towards black or white.
    assert clamped[("#000000", "light")] == "#000000"
    assert clamped[("#ffffff", "dark")] == "#ffffff"
    assert clamped[("#ffff00", "dark")] == "#ffff00"
    assert clamped[("#ffff00", "light")] != "#ffff00"
    assert clamped[("#0000ff", "dark")] != "#0000ff"


# ---------------------------------------------------------------- in the browser


def open_phone(
    browser: Browser, port: str, locale: str, width: int, height: int
) -> tuple[Page, list[str]]:
    """The phone page, and the list its errors (page and console) go to."""
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"http://{LAN_HOST}:{port}/")
    expect(page.locator("#confession-text")).to_be_visible()
    return page, errors


def house_rules(page: Page) -> list[str]:
    return page.locator("#house-rules-list li").all_inner_texts()


def record_lines(page: Page) -> list[str]:
    return page.locator("#house-rules-record li").all_inner_texts()


def above_the_form(page: Page) -> bool:
    rules_box = page.locator("#house-rules").bounding_box()
    field = page.locator("#confession-text").bounding_box()
    send = page.locator("#send-button").bounding_box()
    assert rules_box and field and send
    return rules_box["y"] + rules_box["height"] <= field["y"] < send["y"]


def contrast_of(page: Page, selector: str) -> dict[str, float]:
    """The contrast of the element's text on its background, and of its background on
    the page's: computed in the page with contrast.js."""
    return dict(
        page.evaluate(
            """async (selector) => {
                const c = await import("/static/contrast.js");
                const hex = (rgb) => "#" + rgb.match(/\\d+/g).slice(0, 3)
                  .map((n) => Number(n).toString(16).padStart(2, "0")).join("");
                const element = document.querySelector(selector);
                const style = getComputedStyle(element);
                const page = hex(getComputedStyle(document.body).backgroundColor);
                const fill = hex(style.backgroundColor);
                return {
                  text: c.contrast(hex(style.color), fill),
                  fill: c.contrast(fill, page),
                };
            }""",
            selector,
        )
    )


async def apply_setup(run: Running, **changes: Any) -> None:
    session = run.service.session
    command = ApplySetup(
        title=changes.get("title", session.title),
        prompt=changes.get("prompt", session.prompt),
        agree_label=changes.get("agree_label", session.agree_label),
        house_rules=changes.get("house_rules"),
        max_length=changes.get("max_length", 1000),
        offer_lesson=changes.get("offer_lesson", True),
        language=changes.get("language", ""),
        accent=changes.get("accent", ""),
        logo=changes.get("logo", ""),
    )
    status, body = await run.moderate(command)
    assert status == 200, body


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(390, 844), (320, 568)])
async def test_house_rules_limits_lesson_and_accent_follow_the_set_up(
    tmp_path: Path, width: int, height: int
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    german = catalogue("de")
    async with running_server(tmp_path) as run:
        port = run.base.rsplit(":", 1)[1]
        chromium = BrowserThread()
        await chromium.start()
        try:

            def default_in_german(browser: Browser) -> dict[str, Any]:
                page, errors = open_phone(browser, port, "de-DE", width, height)
                try:
                    expect(page.locator("#house-rules-heading")).to_have_text(
                        german["house_rules.heading"]
                    )
                    return {
                        "rules": house_rules(page),
                        "record": record_lines(page),
                        "above": above_the_form(page),
                        "lesson": page.locator("#field-learned").is_visible(),
                        "axe": axe_violations(page),
                        "errors": errors,
                    }
                finally:
                    page.context.close()

            first = await chromium.call(default_in_german)
            assert first["rules"] == german["house_rules.default"].split("\n")
            assert first["record"] == [] and first["above"] and first["lesson"]
            assert first["axe"] == [] and first["errors"] == []

            # The facilitator's set-up, before any confession: their rules, what the
            # record keeps, 200 characters at most, no lesson, a yellow that must darken.
            for command in (SetUnshownRecord(True), SetOrganisersRecord(True)):
                status, body = await run.moderate(command)
                assert status == 200, body
            await apply_setup(
                run, house_rules=OWN_RULES, max_length=200, offer_lesson=False, accent="#ffff00"
            )

            def own_set_up(browser: Browser) -> dict[str, Any]:
                page, errors = open_phone(browser, port, "en-GB", width, height)
                try:
                    expect(page.locator("#house-rules-list li")).to_have_count(3)
                    said: dict[str, Any] = {
                        "rules": house_rules(page),
                        "record": record_lines(page),
                        "above": above_the_form(page),
                        "lesson": page.locator("#field-learned").is_visible(),
                        "counter": page.inner_text("#confession-counter"),
                        "light": contrast_of(page, "#send-button"),
                    }
                    page.screenshot(path=str(ARTIFACTS / f"phone-accent-light-{width}.png"))
                    page.emulate_media(color_scheme="dark", reduced_motion="reduce")
                    said["dark"] = contrast_of(page, "#send-button")
                    page.screenshot(path=str(ARTIFACTS / f"phone-accent-dark-{width}.png"))
                    page.emulate_media(color_scheme="light", reduced_motion="reduce")
                    page.evaluate("document.documentElement.style.fontSize = '200%'")
                    said["wide_at_200"] = scrolls_sideways(page)
                    said["axe"] = axe_violations(page)
                    page.evaluate("document.documentElement.style.fontSize = ''")
                    # A paste over the limit is kept whole and said, and Send says why.
                    page.fill("#confession-text", "I pasted the whole thread. " * 10)
                    said["kept"] = len(page.input_value("#confession-text"))
                    said["over"] = page.inner_text("#confession-counter")
                    said["blocked"] = page.inner_text("#send-blocked")
                    said["described"] = page.evaluate(
                        "document.getElementById('send-button').getAttribute('aria-describedby')"
                    )
                    said["axe_over"] = axe_violations(page)
                    page.click("#send-button")
                    expect(page.locator("#field-error")).to_be_visible()
                    page.wait_for_timeout(300)
                    said["error"] = page.inner_text("#field-error")
                    said["error_in_view"] = inside_viewport(page, "#field-error")
                    page.screenshot(path=str(ARTIFACTS / f"phone-over-limit-{width}.png"))
                    page.fill("#confession-text", "I shipped on a Friday.")
                    said["unblocked"] = page.inner_text("#send-blocked")
                    page.click("#send-button")
                    expect(page.locator("#send-status")).to_have_attribute("data-state", "arrived")
                    page.wait_for_timeout(300)
                    said["arrived_in_view"] = inside_viewport(page, "#send-status")
                    said["errors"] = errors
                    return said
                finally:
                    page.context.close()

            said = await chromium.call(own_set_up)
        finally:
            await chromium.stop()
        items = run.service.items()
    english = catalogue("en")
    assert said["rules"] == OWN_LINES
    assert said["record"] == [
        english["house_rules.unshown_record"],
        english["house_rules.organisers_record"],
    ]
    assert said["above"] and not said["lesson"]
    assert said["counter"] == "0 / 200"
    for mode in ("light", "dark"):
        assert said[mode]["text"] >= 7 and said[mode]["fill"] >= 7, (mode, said[mode])
    assert not said["wide_at_200"]
    assert said["axe"] == [] and said["axe_over"] == []
    assert said["kept"] == 270  # nothing cut off
    assert said["over"] == "270 / 200: 70 too many, please shorten it"
    assert said["blocked"] == "Too long to send: please shorten your text to 200 characters."
    assert said["described"] == "send-blocked"
    assert said["error"] == "Please keep it to 200 characters or fewer."
    assert said["error_in_view"] and said["arrived_in_view"]
    assert said["unblocked"] == ""
    assert said["errors"] == []
    [item] = items
    assert (item.text, item.learned) == ("I shipped on a Friday.", "")


@pytest.mark.browser
async def test_a_lesson_is_refused_when_the_session_does_not_offer_it(tmp_path: Path) -> None:
    """The host's refusal has a sentence on the phone (a page open since before the change)."""
    async with running_server(tmp_path) as run:
        await apply_setup(run, offer_lesson=False)
        token = await run.join()
        payload = {"client_id": "client-lesson-01", "text": "I did it.", "learned": "Not again."}
        status, body = await run.send(token, envelope("confession.submit", payload))
        assert body["payload"]["code"] == "learned_not_offered", status
        said = await evaluate_on_phone_page(
            run.base,
            """async (code) => {
                const i18n = await import("/static/i18n.js");
                await i18n.load();
                const rules = await import("/static/rules.js");
                rules.setLimits({ text: 1000, learned: 0 });
                return [i18n.errorText(code), rules.checkConfession("I did it.", "Not again."),
                        rules.checkConfession("I did it.", "  ")];
            }""",
            "learned_not_offered",
        )
    assert said == [catalogue("en")["error.learned_not_offered"], "learned_not_offered", None]
