"""The organiser's logo on the pages, in Debian's headless Chromium through
``confessional.test`` (not localhost), against a real host in this process.

1. From the moderator's set-up dialog to every page: a file chosen there is uploaded at
   once (``POST <moderator>/api/logo``) and previewed; Apply names it in the one
   ``apply_setup``; the phones' header and the projector page's join and closing slides
   show it (a plate behind dark ink on the dark theme only); a file that is not an image
   is refused with the host's sentence and the logo stays; "No logo" takes it off
   everywhere.
2. The projector page's logo box, to the pixel, at 4:3, 1080p and 4K: the numbers the Qt
   window uses too (docs: the brief of issue 8), worked out here independently of
   ``projector_slides.js``; the slide does not wait for the image.
3. Screenshots to ``docs/screenshots/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from facilitator.protocol.commands import SetProjector, ShowSlide
from facilitator.protocol.phone import Logo
from tests.e2e.browser import axe_violations, inside_viewport, scrolls_sideways
from tests.e2e.process import LAN_HOST
from tests.e2e.test_phone_setup import apply_setup
from tests.e2e.test_projector_page import (
    CHECK,
    ProjectorPage,
    ScriptedScreen,
    check,
    chromium_thread,
    current,
    projector_url,
)
from tests.host.harness import Running, running_server
from tests.logo_samples import dark_ink_png, light_ink_png, opaque_jpeg
from tests.slide_states import SAMPLES, SIZES

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
ARTIFACTS = ROOT / "test-artifacts"

CURRENT_CAPTION = "This session\u2019s logo, as the phones show it."
NOT_AN_IMAGE = "This is not a PNG, JPEG, WebP or GIF image: save the logo as PNG, please."
LIGHT_PLATE = "rgb(251, 248, 242)"  # the light theme's background, behind dark ink
DARK_PLATE = "rgb(15, 19, 23)"  # the dark theme's background, behind light ink
NO_PLATE = "rgba(0, 0, 0, 0)"
PHONE_LIGHT_PLATE = "rgb(245, 242, 237)"  # the phone page's light background
SLACK = 0.5  # layout in fractions of a pixel


async def upload(run: Running, data: bytes) -> Logo:
    """A logo uploaded as the dialog does (waiting until a set-up names it)."""
    async with run.http.post(f"{run.moderator_base}/api/logo", data=data) as reply:
        body = await reply.json()
        assert (reply.status, body["type"]) == (200, "logo.added"), body
    return msgspec.convert(body["payload"]["logo"], Logo)


async def phone_logo(run: Running) -> Any:
    async with run.http.get(f"{run.base}/api/session") as reply:
        assert reply.status == 200
        return (await reply.json())["payload"]["logo"]


def new_page(browser: Browser, width: int, height: int, errors: list[str], scale: int = 2) -> Page:
    context: BrowserContext = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.emulate_media(reduced_motion="reduce")
    return page


def lan(url: str) -> str:
    return url.replace("127.0.0.1", LAN_HOST)


# ---------------------------------------------------------------- the projector's numbers

MARGIN = 0.05
BOX_W, BOX_H, INSET, GAP = 0.22, 0.12, 0.012, 0.03
HEADER_GAP, COUNTS_GAP = 0.045, 0.04  # under the join slide's header; under "Thank you"


def logo_boxes(logo: Logo, w: float, h: float) -> tuple[dict[str, float], dict[str, float]]:
    """The logo's outer box and its image's box on a w by h screen (x, y, width, height)."""
    p = INSET * h
    scale = min((BOX_W * w - 2 * p) / logo.width, (BOX_H * h - 2 * p) / logo.height)
    image_w, image_h = logo.width * scale, logo.height * scale
    right, top = w - MARGIN * h, MARGIN * h
    outer = {"x": right - image_w - 2 * p, "y": top, "width": image_w + 2 * p,
             "height": image_h + 2 * p}  # fmt: skip
    image = {"x": right - p - image_w, "y": top + p, "width": image_w, "height": image_h}
    return outer, image


GEOMETRY = """() => {
  const scene = document.querySelector("[data-current]");
  const box = (selector) => {
    const e = scene.querySelector(selector);
    if (!e || !e.getClientRects().length) return null;
    const r = e.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height,
             right: r.right, bottom: r.bottom };
  };
  const logo = scene.querySelector("[data-testid=logo]");
  const image = scene.querySelector(".logo-image");
  return {
    slide: scene.dataset.slide,
    logo: box("[data-testid=logo]"),
    image: box(".logo-image"),
    plate: logo ? getComputedStyle(logo).backgroundColor : null,
    radius: logo ? parseFloat(getComputedStyle(logo).borderTopRightRadius) : null,
    alt: image ? image.getAttribute("alt") : null,
    src: image ? image.getAttribute("src") : null,
    loaded: image ? image.complete && image.naturalWidth > 0 : null,
    head: box(".join-head"),
    title: box(".join-title"),
    prompt: box(".join-prompt"),
    body: box(".join-body"),
    thanks: box(".closing-title"),
    thanksText: (() => {
      const e = scene.querySelector(".closing-title");
      if (!e) return null;
      const range = document.createRange();
      range.selectNodeContents(e);
      const r = range.getBoundingClientRect();
      return { x: r.left, right: r.right };
    })(),
    counts: box(".closing-counts"),
  };
}"""


def near(found: dict[str, float], expected: dict[str, float], where: str) -> list[str]:
    return [
        f"{where}: {key} {found[key]:.2f}, expected {value:.2f}"
        for key, value in expected.items()
        if abs(found[key] - value) > SLACK
    ]


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["right"] - SLACK
        and b["x"] < a["right"] - SLACK
        and a["y"] < b["bottom"] - SLACK
        and b["y"] < a["bottom"] - SLACK
    )


def layout_problems(
    found: dict[str, Any], logo: Logo | None, theme: str, size: tuple[int, int], where: str
) -> list[str]:
    """What is not where the Qt window puts it too (see the module's docstring)."""
    w, h = size
    content = {"x": MARGIN * h, "y": MARGIN * h, "right": w - MARGIN * h, "bottom": h - MARGIN * h}
    content_w = w - 2 * MARGIN * h
    problems: list[str] = []
    if logo is None:
        if found["logo"] is not None:
            return [f"{where}: a logo without one"]
        if found["slide"] == "join":
            problems += near(found["head"], {"width": content_w}, f"{where} header")
        else:
            problems += near(found["thanks"], {"x": content["x"], "width": content_w}, where)
        return problems
    outer, image = logo_boxes(logo, w, h)
    assert found["logo"] and found["image"], where
    problems += near(found["logo"], outer, f"{where} logo box")
    problems += near(found["image"], image, f"{where} logo image")
    if (
        found["logo"]["right"] > content["right"] + SLACK
        or found["logo"]["y"] < content["y"] - SLACK
    ):
        problems.append(f"{where}: the logo is outside the content box")
    plate = NO_PLATE
    if logo.ink == "dark" and theme == "dark":
        plate = LIGHT_PLATE
    elif logo.ink == "light" and theme == "light":
        plate = DARK_PLATE
    if found["plate"] != plate:
        problems.append(f"{where}: the plate is {found['plate']}, expected {plate}")
    if plate != NO_PLATE and abs(found["radius"] - 0.01 * h) > SLACK:
        problems.append(f"{where}: the plate's corners {found['radius']}")
    if found["alt"] != "":
        problems.append(f"{where}: the logo's alt is {found['alt']!r}")
    beside = outer["width"] + GAP * w
    logo_bottom = outer["y"] + outer["height"]
    if found["slide"] == "join":
        problems += near(found["head"], {"x": content["x"], "width": content_w - beside},
                         f"{where} header")  # fmt: skip
        text_bottom = content["y"]
        for part in ("title", "prompt"):
            if found[part] is None:
                continue
            text_bottom = max(text_bottom, found[part]["bottom"])
            if overlaps(found[part], found["logo"]):
                problems.append(f"{where}: the {part} overlaps the logo")
        top = max(text_bottom, logo_bottom) + HEADER_GAP * h
        problems += near(found["body"], {"y": top}, f"{where} body")
    else:
        thanks = {"x": content["x"] + beside, "width": content_w - 2 * beside}
        problems += near(found["thanks"], thanks, f"{where} thank you")
        if overlaps(found["thanks"], found["logo"]):
            problems.append(f"{where}: 'Thank you' overlaps the logo")
        text = found["thanksText"]
        if abs((text["x"] + text["right"]) / 2 - w / 2) > 1:
            problems.append(f"{where}: 'Thank you' is not centred: {text}")
        top = max(found["thanks"]["bottom"], logo_bottom) + COUNTS_GAP * h
        problems += near(found["counts"], {"y": top}, f"{where} counts")
    return problems


def check_slide(
    page: Page, slide: str, logo: Logo | None, theme: str, where: str
) -> dict[str, Any]:
    current(page, slide)
    viewport = page.viewport_size
    assert viewport is not None
    found: dict[str, Any] = page.evaluate(GEOMETRY)
    size = (viewport["width"], viewport["height"])
    problems = layout_problems(found, logo, theme, size, where)
    assert problems == [], "\n".join(problems)
    return found


# ---------------------------------------------------------------- 1. dialog to every page


def choose_in_dialog(page: Page, name: str, data: bytes, mime: str) -> None:
    """Through the "Choose logo…" button and the browser's file chooser."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choose logo…").click()
    chosen = chooser.value
    assert not chosen.is_multiple()
    chosen.set_files({"name": name, "mimeType": mime, "buffer": data})


def preview_version(page: Page) -> str:
    source = page.get_by_test_id("setup-logo-preview").get_attribute("src") or ""
    return source.split("/api/logo/", 1)[1].split("/", 1)[0] if "/api/logo/" in source else ""


async def test_the_logo_from_the_dialog_to_every_page(tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ARTIFACTS.mkdir(exist_ok=True)
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        port = run.base.rsplit(":", 1)[1]
        errors: dict[str, list[str]] = {"moderator": [], "phone": [], "projector": []}
        pages: dict[str, Page] = {}

        async def on(name: str, function: Callable[[Page], Any]) -> Any:
            return await chromium.call(lambda _browser: function(pages[name]))

        def open_all(browser: Browser) -> None:
            moderator = new_page(browser, 1280, 800, errors["moderator"])
            moderator.goto(lan(f"{run.moderator_base}/"))
            expect(moderator.locator("#mod-connection")).to_have_attribute("data-state", "live")
            phone = new_page(browser, 390, 844, errors["phone"])
            phone.goto(f"http://{LAN_HOST}:{port}/")
            expect(phone.locator("#confession-text")).to_be_visible()
            expect(phone.get_by_test_id("logo")).to_be_hidden()
            screen = new_page(browser, 1920, 1080, errors["projector"], scale=1)
            screen.goto(projector_url(run))
            check_slide(screen, "join", None, "dark", "join without a logo")
            pages.update(moderator=moderator, phone=phone, projector=screen)

        await chromium.call(open_all)

        # The moderator chooses a logo: uploaded at once, previewed, applied.
        def choose_and_apply(page: Page) -> str:
            page.get_by_test_id("setup-open").click()
            dialog = page.get_by_test_id("setup")
            expect(dialog).to_be_visible()
            caption = page.get_by_test_id("setup-logo-caption")
            expect(caption).to_contain_text("No logo.")
            expect(page.get_by_test_id("setup-logo-frame")).to_be_hidden()
            choose_in_dialog(page, "fail-forward.png", dark_ink_png(), "image/png")
            expect(caption).to_have_text(
                "New logo: the phones and the big screen show it once you apply."
            )
            preview = page.get_by_test_id("setup-logo-preview")
            expect(preview).to_be_visible()
            page.wait_for_function(
                "() => document.getElementById('setup-logo-preview').naturalWidth > 0"
            )
            box = preview.bounding_box()
            assert box is not None and box["height"] <= 40.5 and box["width"] <= 160.5, box
            # Keyboard: the two buttons are in the tab order, labelled, one after the other.
            page.get_by_role("button", name="Choose logo…").focus()
            page.keyboard.press("Tab")
            expect(page.get_by_role("button", name="No logo")).to_be_focused()
            group = page.get_by_role("group", name="Logo on the phones and the big screen")
            expect(group).to_be_visible()
            assert axe_violations(page) == []
            group.scroll_into_view_if_needed()
            page.evaluate("() => document.activeElement.blur()")  # no focus ring in the shot
            page.screenshot(
                path=str(SCREENSHOTS / "moderator-session-setup-logo-1280x800.png"),
                animations="disabled",
            )
            page.emulate_media(color_scheme="dark", reduced_motion="reduce")
            page.screenshot(
                path=str(ARTIFACTS / "moderator-setup-logo-dark.png"), animations="disabled"
            )
            page.emulate_media(color_scheme="light", reduced_motion="reduce")
            version = preview_version(page)
            page.get_by_test_id("setup-apply").click()
            expect(dialog).to_be_hidden()
            expect(page.get_by_test_id("toast")).to_have_text("Saved.")
            return version

        version = await on("moderator", choose_and_apply)
        logo = msgspec.convert(await phone_logo(run), Logo)
        assert logo.version == version and logo.ink == "dark"

        # The phone's header shows it (the page was open: the session message brought it).
        def phone_header(page: Page) -> dict[str, Any]:
            image = page.get_by_test_id("logo")
            expect(image).to_be_visible()
            expect(image).to_have_attribute("src", f"/api/logo/{version}/phone")
            expect(image).to_have_attribute("alt", "")
            page.wait_for_function("() => document.getElementById('logo').naturalWidth > 0")
            said: dict[str, Any] = {}
            for width, height in ((390, 844), (320, 568)):
                page.set_viewport_size({"width": width, "height": height})
                for scale in ("", "200%"):
                    page.evaluate(f"document.documentElement.style.fontSize = '{scale}'")
                    box = image.bounding_box()
                    assert box is not None
                    where = f"{width} px, text {scale or '100%'}"
                    assert box["height"] <= 40 + SLACK and box["width"] <= 160 + SLACK, where
                    assert inside_viewport(page, "#logo"), where
                    assert not scrolls_sideways(page), where
                    if (width, scale) == (320, "200%"):
                        page.screenshot(path=str(ARTIFACTS / "phone-logo-320-200.png"))
                page.evaluate("document.documentElement.style.fontSize = ''")
            page.set_viewport_size({"width": 390, "height": 844})
            said["size"] = [image.get_attribute("width"), image.get_attribute("height")]
            said["light"] = image.evaluate("e => getComputedStyle(e).backgroundColor")
            said["axe"] = axe_violations(page)
            page.screenshot(path=str(SCREENSHOTS / "phone-logo-en-390x844.png"))
            page.emulate_media(color_scheme="dark", reduced_motion="reduce")
            said["dark"] = image.evaluate("e => getComputedStyle(e).backgroundColor")
            page.screenshot(path=str(SCREENSHOTS / "phone-logo-dark-390x844.png"))
            page.emulate_media(color_scheme="light", reduced_motion="reduce")
            return said

        said = await on("phone", phone_header)
        # Sized from the session before it loads: fitted to 152 by 32, 4 px all round.
        scale = min(152 / logo.width, 32 / logo.height)
        assert said["size"] == [
            str(round(logo.width * scale) + 8),
            str(round(logo.height * scale) + 8),
        ]
        assert (said["light"], said["dark"]) == (NO_PLATE, PHONE_LIGHT_PLATE)
        assert said["axe"] == []

        # The big screen: the join slide, dark (a plate) then light (none); the closing slide.
        def join_dark(page: Page) -> None:
            found = check_slide(page, "join", logo, "dark", "join 1920x1080 dark")
            assert found["src"] == f"/api/logo/{version}/screen"
            page.wait_for_function(
                "() => document.querySelector('[data-current] .logo-image').naturalWidth > 0"
            )
            page.evaluate("() => document.body.classList.add('idle')")
            page.screenshot(path=str(ARTIFACTS / "projector-logo-join-real-host.png"))

        await on("projector", join_dark)
        status, body = await run.moderate(SetProjector(theme="light", corner_qr=True, timer=False))
        assert status == 200, body

        def join_light(page: Page) -> None:
            expect(page.locator("html")).to_have_attribute("data-theme", "light")
            check_slide(page, "join", logo, "light", "join 1920x1080 light")

        await on("projector", join_light)
        status, body = await run.moderate(ShowSlide("closing"))
        assert status == 200, body
        await on("projector", lambda page: check_slide(page, "closing", logo, "light", "closing"))
        status, body = await run.moderate(SetProjector(theme="dark", corner_qr=True, timer=False))
        assert status == 200, body

        def closing_dark(page: Page) -> None:
            expect(page.locator("html")).to_have_attribute("data-theme", "dark")
            check_slide(page, "closing", logo, "dark", "closing dark")

        await on("projector", closing_dark)

        # Not an image: the host's sentence in the dialog, the logo kept.
        def refused(page: Page) -> None:
            page.get_by_test_id("setup-open").click()
            caption = page.get_by_test_id("setup-logo-caption")
            expect(caption).to_have_text(CURRENT_CAPTION)
            assert preview_version(page) == version
            page.get_by_test_id("setup-logo-file").set_input_files(
                {"name": "logo.png", "mimeType": "image/png", "buffer": b"hello"}
            )
            error = page.get_by_test_id("setup-error")
            expect(error).to_have_text(NOT_AN_IMAGE)
            expect(page.get_by_role("button", name="Choose logo…")).to_be_focused()
            expect(caption).to_have_text(CURRENT_CAPTION)
            assert preview_version(page) == version
            page.screenshot(path=str(ARTIFACTS / "moderator-setup-logo-refused.png"))
            assert axe_violations(page) == []
            page.get_by_test_id("setup-apply").click()
            expect(page.get_by_test_id("setup")).to_be_hidden()
            expect(page.get_by_test_id("toast")).to_have_text("Nothing was changed.")

        await on("moderator", refused)
        assert msgspec.convert(await phone_logo(run), Logo) == logo

        # "No logo", applied: gone from every page.
        def no_logo(page: Page) -> None:
            page.get_by_test_id("setup-open").click()
            page.get_by_role("button", name="No logo").click()
            expect(page.get_by_test_id("setup-logo-frame")).to_be_hidden()
            expect(page.get_by_test_id("setup-logo-caption")).to_have_text(
                "No logo once you apply."
            )
            page.get_by_test_id("setup-apply").click()
            expect(page.get_by_test_id("setup")).to_be_hidden()
            expect(page.get_by_test_id("toast")).to_have_text("Saved.")

        await on("moderator", no_logo)
        assert await phone_logo(run) is None
        await on("phone", lambda page: expect(page.get_by_test_id("logo")).to_be_hidden())

        def closing_without(page: Page) -> None:
            expect(page.locator("[data-current] [data-testid=logo]")).to_have_count(0)
            check_slide(page, "closing", None, "dark", "closing without a logo")

        await on("projector", closing_without)
        status, body = await run.moderate(ShowSlide("join"))
        assert status == 200, body
        await on("projector", lambda page: check_slide(page, "join", None, "dark", "join, none"))
        # The browser logs the refused upload's 400, and nothing else goes wrong.
        refusal = "Failed to load resource: the server responded with a status of 400 (Bad Request)"
        assert errors["moderator"] == [refusal]
        assert errors["phone"] == [] and errors["projector"] == []
        for name in pages:
            await on(name, lambda page: page.context.close())


async def test_apply_waits_for_the_logo_being_prepared(tmp_path: Path) -> None:
    """Apply pressed while the chosen file is still on its way: the set-up carries it."""
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        errors: list[str] = []

        def choose_then_apply_at_once(browser: Browser) -> tuple[str, list[str]]:
            page = new_page(browser, 1280, 800, errors)
            try:
                page.goto(lan(f"{run.moderator_base}/"))
                expect(page.locator("#mod-connection")).to_have_attribute("data-state", "live")
                page.get_by_test_id("setup-open").click()
                page.get_by_test_id("setup-logo-file").set_input_files(
                    {"name": "badge.jpg", "mimeType": "image/jpeg", "buffer": opaque_jpeg()}
                )
                captions = [page.get_by_test_id("setup-logo-caption").inner_text()]
                page.keyboard.press("Control+Enter")
                expect(page.get_by_test_id("setup")).to_be_hidden()
                expect(page.get_by_test_id("toast")).to_have_text("Saved.")
                page.get_by_test_id("setup-open").click()
                captions.append(page.get_by_test_id("setup-logo-caption").inner_text())
                return preview_version(page), captions
            finally:
                page.context.close()

        version, captions = await chromium.call(choose_then_apply_at_once)
        logo = await phone_logo(run)
    assert captions == ["Preparing the logo…", CURRENT_CAPTION]
    assert logo is not None and (logo["version"], logo["ink"]) == (version, "opaque")
    assert errors == []


# ---------------------------------------------------------------- 2. to the pixel


LOGO_SAMPLES = {
    "join": SAMPLES["join"],
    "join-own-rules": SAMPLES["join-own-rules"],
    "join-long": msgspec.structs.replace(
        SAMPLES["join"],
        title="Never waste a mistake: the night shift's handover lessons, 2026",
        prompt="What mistake taught you the most about handing over to the next shift, and "
        "what would you tell the person you were then?",
    ),
    "closing": SAMPLES["closing"],
    "closing-de": msgspec.structs.replace(SAMPLES["closing"], language="de"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_logo_box_to_the_pixel(tmp_path: Path, size: tuple[int, int]) -> None:
    width, height = size
    scripted = ScriptedScreen(SAMPLES["join"])
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        screen = ProjectorPage(chromium)
        await screen.open(projector_url(run), size, before=scripted.route)
        await screen.run(lambda page: current(page, "join"))
        for data in (dark_ink_png(), light_ink_png(), opaque_jpeg()):
            logo = await upload(run, data)
            await apply_setup(run, logo=logo.version)

            def every_slide(page: Page, logo: Logo = logo) -> None:
                page.emulate_media(reduced_motion="reduce")
                problems: list[str] = []
                for name, sample in LOGO_SAMPLES.items():
                    for theme in ("dark", "light"):
                        state = msgspec.structs.replace(sample, theme=theme, logo=logo)
                        scripted.push(page, state)
                        where = f"{name} {width}x{height} {theme} {logo.ink} ink"
                        check_slide(page, name.split("-")[0], logo, theme, where)
                        found = page.evaluate(GEOMETRY)
                        assert found["src"] == f"/api/logo/{logo.version}/screen", where
                        # Nothing overflows its box or the screen, every colour at 7:1.
                        problems += check(page.evaluate(CHECK), state, height, "", where)
                assert problems == [], "\n".join(problems)

            await screen.run(every_slide)
        assert screen.console_errors == []
        await screen.close()


async def test_the_slide_does_not_wait_for_the_logo(tmp_path: Path) -> None:
    """The image never comes: the slide shows at once, every box where it belongs."""
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        logo = await upload(run, dark_ink_png())
        await apply_setup(run, logo=logo.version)
        held: list[Any] = []
        scripted = ScriptedScreen(msgspec.structs.replace(SAMPLES["join"], logo=logo))

        def hold_the_logo(page: Page) -> None:
            scripted.route(page)
            page.route("**/api/logo/**", lambda route: held.append(route))  # noqa: PLW0108

        screen = ProjectorPage(chromium)
        await screen.open(projector_url(run), (1920, 1080), before=hold_the_logo)

        def shown_without_it(page: Page) -> None:
            found = check_slide(page, "join", logo, "dark", "join, the logo held")
            assert found["loaded"] is False
            state = msgspec.structs.replace(SAMPLES["closing"], logo=logo)
            started = page.evaluate("() => performance.now()")
            scripted.push(page, state)
            took = page.evaluate("() => performance.now()") - started
            found = check_slide(page, "closing", logo, "dark", "closing, the logo held")
            assert found["loaded"] is False
            # The QR codes' wait (at most 1 s) is not the logo's: nothing on this slide.
            assert took < 900, took

        await screen.run(shown_without_it)
        assert held, "the page never asked for the logo"
        await screen.close()


async def test_a_new_window_size_lays_the_slide_out_afresh(tmp_path: Path) -> None:
    """Full screen on the AV computer (F11) changes the window's size: the logo's box
    (and every size on the slide) follows."""
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        logo = await upload(run, dark_ink_png())
        await apply_setup(run, logo=logo.version)
        scripted = ScriptedScreen(msgspec.structs.replace(SAMPLES["join"], logo=logo))
        screen = ProjectorPage(chromium)
        await screen.open(projector_url(run), (1280, 720), before=scripted.route)

        def resized(page: Page) -> None:
            check_slide(page, "join", logo, "dark", "join 1280x720")
            title = page.locator("[data-current] .join-title")
            before = float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
            shown = int(page.locator("#stage").get_attribute("data-shown") or 0)
            page.set_viewport_size({"width": 1920, "height": 1080})
            page.wait_for_function(
                "(before) => Number(document.getElementById('stage').dataset.shown) > before",
                arg=shown,
            )
            check_slide(page, "join", logo, "dark", "join resized to 1920x1080")
            after = float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
            assert after == pytest.approx(before * 1.5, abs=0.5)

        await screen.run(resized)
        assert screen.console_errors == []
        await screen.close()


# ---------------------------------------------------------------- 3. screenshots


SHOTS = [
    # dark ink on the dark theme: a light plate
    ("join", (1920, 1080), "dark", dark_ink_png, LIGHT_PLATE),
    # light ink on the light theme: a dark plate
    ("closing", (1024, 768), "light", light_ink_png, DARK_PLATE),
    # an opaque logo: no plate (beside the Qt window's slides/closing-logo-3840x2160-dark.png)
    ("closing", (3840, 2160), "dark", opaque_jpeg, NO_PLATE),
]


@pytest.mark.parametrize("shot", SHOTS, ids=[f"{shot[0]}-{shot[1][0]}-{shot[2]}" for shot in SHOTS])
async def test_screenshots(
    tmp_path: Path, shot: tuple[str, tuple[int, int], str, Callable[[], bytes], str]
) -> None:
    slide, size, theme, sample, plate = shot
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width, height = size
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        logo = await upload(run, sample())
        await apply_setup(run, logo=logo.version)
        state = msgspec.structs.replace(SAMPLES[slide], theme=theme, logo=logo)
        scripted = ScriptedScreen(state)
        screen = ProjectorPage(chromium)
        await screen.open(projector_url(run), size, before=scripted.route)

        def shoot(page: Page) -> None:
            page.emulate_media(reduced_motion="reduce")
            found = check_slide(page, slide, logo, theme, f"{slide} {width}x{height} {theme}")
            assert found["plate"] == plate
            page.wait_for_function(
                "() => document.querySelector('[data-current] .logo-image').naturalWidth > 0"
            )
            page.evaluate("() => document.fonts.ready")
            page.mouse.move(5, 5)
            page.evaluate("() => document.body.classList.add('idle')")
            name = f"projector-page-{slide}-logo-{width}x{height}-{theme}.png"
            page.screenshot(path=str(SCREENSHOTS / name))

        await screen.run(shoot)
        assert screen.console_errors == []
        await screen.close()
