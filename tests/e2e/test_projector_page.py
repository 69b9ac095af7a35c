"""The projector page (``/projector/<secret>/``, docs/slides.md) in Debian's headless
Chromium through ``confessional.test`` (not localhost: an insecure context, as a venue's
AV computer on the LAN sees it).

1. Against a real host in this process: the page follows the moderators' commands, the
   phones' agreements and a dropped socket.
2. The sample states of ``tests/slide_states.py`` (shared with the Qt window's tests) at
   4:3, 1080p and 4K, dark and light, with every accent: no text overflows its box or
   the screen, the lesson is smaller than the confession, the confession at least
   0.032 h, every colour at least 7:1 against the background. The host serves the page;
   ``api/state`` and the socket are Playwright's, which pushes the samples.
3. Curated screenshots to ``docs/screenshots/projector-page-*.png``.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import pytest
from playwright.sync_api import Browser, Page, Route, WebSocketRoute, expect

from facilitator.core import rules
from facilitator.core.contrast import MIN_CONTRAST, THEMES, contrast, readable_accent
from facilitator.core.model import ItemState
from facilitator.protocol.commands import Approve, Project, SetContentNote, ShowSlide
from facilitator.protocol.projector import ProjectorState
from tests.e2e.browser import BrowserThread
from tests.e2e.process import LAN_HOST
from tests.host.harness import Running, envelope, running_server
from tests.slide_states import ACCENTS, SAMPLES, SIZES, as_json
from tests.slide_states import THEMES as THEME_NAMES

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
CONTENT_NOTE_TIMEOUT_MS = 10_000  # the note shows for 5 s (host clock), then the confession
T = TypeVar("T")


def projector_url(run: Running) -> str:
    port = run.base.rsplit(":", 1)[1]
    return f"http://{LAN_HOST}:{port}/projector/{run.service.session.projector_secret}/"


def state_message(state: ProjectorState) -> str:
    return f'{{"type":"projector","version":1,"payload":{as_json(state)}}}'


class ProjectorPage:
    """One page on the browser thread; ``console_errors`` collects the page's errors."""

    def __init__(self, chromium: BrowserThread) -> None:
        self._chromium = chromium
        self._page: Page | None = None
        self.console_errors: list[str] = []

    async def open(
        self, url: str, size: tuple[int, int], before: Callable[[Page], None] | None = None
    ) -> None:
        def open_page(browser: Browser) -> None:
            width, height = size
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.on(
                "console",
                lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
            )
            page.on("pageerror", lambda error: self.console_errors.append(str(error)))
            if before is not None:
                before(page)
            page.goto(url)
            self._page = page

        await self._chromium.call(open_page)

    async def run(self, function: Callable[[Page], T]) -> T:
        def on_page(browser: Browser) -> T:
            assert self._page is not None
            return function(self._page)

        return await self._chromium.call(on_page)

    async def close(self) -> None:
        await self.run(lambda page: page.context.close())


@asynccontextmanager
async def chromium_thread() -> AsyncIterator[BrowserThread]:
    thread = BrowserThread()
    await thread.start()
    try:
        yield thread
    finally:
        await thread.stop()


def current(page: Page, slide: str) -> Any:
    """The scene on screen, once it is ``slide``."""
    locator = page.locator(f"[data-current][data-slide='{slide}']")
    expect(locator).to_be_visible()
    return locator


# ---------------------------------------------------------------- 1. a real host


async def shown_confession(run: Running, text: str, learned: str = "", client: int = 1) -> int:
    token = await run.join()
    await run.submit(token, f"client-projector-{client}", text, learned)
    [item] = [i for i in run.service.items() if i.state is ItemState.INCOMING]
    for command in (Approve(item.id), Project(item.id)):
        status, body = await run.moderate(command)
        assert status == 200, body
    return item.id


async def test_the_page_follows_the_session(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        screen = ProjectorPage(chromium)
        await screen.open(projector_url(run), (1920, 1080))
        state_url = projector_url(run).replace(LAN_HOST, "127.0.0.1") + "api/state"
        async with run.http.get(state_url) as reply:
            join_url = (await reply.json())["payload"]["join_url"]

        def join_slide(page: Page) -> list[str]:
            scene = current(page, "join")
            expect(scene.locator(".join-title")).to_have_text("Never waste a mistake")
            expect(page.get_by_test_id("connection")).to_have_attribute("data-state", "live")
            expect(page.get_by_test_id("connection")).to_be_hidden()
            short = join_url.removeprefix("http://").removesuffix("/")
            expect(scene.get_by_test_id("short-url")).to_have_text(short)
            expect(scene.locator("img.qr-join")).to_have_js_property("complete", True)
            assert scene.locator("img.qr-join").evaluate("image => image.naturalWidth") > 0
            lines: list[str] = scene.locator(".rule").all_text_contents()
            return lines

        assert await screen.run(join_slide) == rules.DEFAULT_HOUSE_RULES.split("\n")

        status, body = await run.moderate(ShowSlide("break"))
        assert status == 200, body
        await screen.run(lambda page: expect(current(page, "break")).to_contain_text("Break"))

        confession = await shown_confession(run, "I <b>deployed</b> & left.", "Not on Fridays.")

        def shown(page: Page) -> None:
            scene = current(page, "confession")
            # Plain text: the markup someone typed is shown as typed, never applied.
            expect(scene.get_by_test_id("confession-text")).to_have_text(
                "I <b>deployed</b> & left."
            )
            assert scene.locator("b").count() == 0
            expect(scene.get_by_test_id("confession-lesson")).to_have_text(
                "What I learned: Not on Fridays."
            )
            expect(scene.get_by_test_id("count")).to_have_text("Been there · 0")

        await screen.run(shown)

        voter = await run.join()
        agreement = envelope("agreement.set", {"confession_id": confession, "agreed": True})
        status, answer = await run.send(voter, agreement)
        assert (status, answer["payload"]["count"]) == (200, 1)
        await screen.run(
            lambda page: expect(current(page, "confession").get_by_test_id("count")).to_have_text(
                "Been there · 1"
            )
        )

        # The host drops the socket (as when it restarts): the slide stays, a dot says
        # so, and the page comes back by itself.
        await run.server.projector.close_all()

        def dropped_and_back(page: Page) -> None:
            dot = page.get_by_test_id("connection")
            expect(dot).to_have_attribute("data-state", "reconnecting")
            expect(dot).to_be_visible()
            expect(current(page, "confession").get_by_test_id("count")).to_have_text(
                "Been there · 1"
            )
            expect(dot).to_have_attribute("data-state", "live", timeout=15_000)

        await screen.run(dropped_and_back)

        status, body = await run.moderate(SetContentNote(confession, noted=True))
        assert status == 200, body

        def content_note(page: Page) -> None:
            note = current(page, "note")
            expect(note).to_contain_text("Content note")
            expect(note).to_contain_text("The next confession touches on something heavy.")
            scene = page.locator("[data-current][data-slide='confession']")
            expect(scene).to_be_visible(timeout=CONTENT_NOTE_TIMEOUT_MS)
            expect(scene.get_by_test_id("confession-text")).to_have_text(
                "I <b>deployed</b> & left."
            )
            expect(scene.get_by_test_id("count")).to_be_hidden()

        await screen.run(content_note)

        # A second confession, without a note: the room agrees with it too.
        second = await shown_confession(run, "I trusted the staging database.", client=2)
        status, answer = await run.send(
            voter, envelope("agreement.set", {"confession_id": second, "agreed": True})
        )
        assert status == 200, answer
        status, body = await run.moderate(ShowSlide("closing"))
        assert status == 200, body

        def closing(page: Page) -> None:
            scene = current(page, "closing")
            expect(scene.locator(".closing-title")).to_have_text("Thank you")
            for key, value in (("received", 2), ("shown", 2), ("set_aside", 0), ("removed", 0)):
                expect(scene.get_by_test_id(f"closing-{key}")).to_have_text(
                    f"{value}{key}".replace("_", " ")
                )
            # The noted confession's count is never shown: it is not among the most shared.
            expect(scene.locator(".shared-text")).to_have_text(["I trusted the staging database."])
            expect(scene.locator(".shared-count")).to_have_text(["Been there · 1"])
            expect(scene.locator(".closing-question")).to_have_text(
                "What one lesson will you carry forward?"
            )

        await screen.run(closing)
        assert screen.console_errors == []
        await screen.close()


# ---------------------------------------------------------------- 2. the samples


class ScriptedScreen:
    """``api/state`` and the socket played by the test: it pushes the states."""

    def __init__(self, first: ProjectorState) -> None:
        self.first = first
        self.socket: WebSocketRoute | None = None

    def route(self, page: Page) -> None:
        page.route("**/api/state", self._state)
        page.route_web_socket("**/ws", self._accept)

    def _state(self, route: Route) -> None:
        route.fulfill(status=200, content_type="application/json", body=state_message(self.first))

    def _accept(self, socket: WebSocketRoute) -> None:
        self.socket = socket  # never connected to the host

    def push(self, page: Page, state: ProjectorState) -> None:
        """Send ``state`` and wait until the page shows it."""
        assert self.socket is not None
        shown = int(page.locator("#stage").get_attribute("data-shown") or 0)
        self.socket.send(state_message(state))
        page.wait_for_function(
            "(before) => Number(document.getElementById('stage').dataset.shown) > before",
            arg=shown,
        )


CHECK = """() => {
  const scene = document.querySelector("[data-current]");
  const [width, height] = [window.innerWidth, window.innerHeight];
  const problems = [];
  const colours = [];
  const name = (e) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.slice(0, 40)}"`;
  const outside = (r, b) => r.left < b.left - 0.5 || r.top < b.top - 0.5
    || r.right > b.right + 0.5 || r.bottom > b.bottom + 0.5;
  const screen = { left: 0, top: 0, right: width, bottom: height };
  for (const e of scene.querySelectorAll("[data-text]")) {
    if (!e.getClientRects().length) continue;
    const style = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    if (outside(r, screen)) problems.push(`${name(e)} is off the screen`);
    if (style.display !== "inline") {
      if (e.dataset.elide) {
        const lines = r.height / parseFloat(style.lineHeight);
        if (lines > Number(e.dataset.elide) + 0.1) problems.push(`${name(e)}: ${lines} lines`);
      } else if (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1) {
        problems.push(`${name(e)} overflows: ${e.scrollWidth}x${e.scrollHeight} in `
          + `${e.clientWidth}x${e.clientHeight}`);
      }
    }
    for (let a = e.parentElement; a && a !== scene.parentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if ((s.overflowX !== "visible" || s.overflowY !== "visible")
          && outside(r, a.getBoundingClientRect())) {
        problems.push(`${name(e)} is cut by ${name(a)}`);
      }
    }
    if (e.textContent.trim()) colours.push([name(e), style.color]);
  }
  for (const image of scene.querySelectorAll("img.qr")) {
    colours.push(["the QR code's frame", getComputedStyle(image).outlineColor]);
    if (outside(image.getBoundingClientRect(), screen)) problems.push("a QR code is off screen");
  }
  const size = (selector) => {
    const e = scene.querySelector(selector);
    return e && e.getClientRects().length ? parseFloat(getComputedStyle(e).fontSize) : null;
  };
  return {
    slide: scene.dataset.slide,
    problems,
    colours,
    background: getComputedStyle(scene).backgroundColor,
    confession: size(".confession-text"),
    lesson: size(".confession-lesson"),
    count: scene.querySelector("[data-testid=count]")
      ? getComputedStyle(scene.querySelector("[data-testid=count]")).color : null,
  };
}"""

RGB = re.compile(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)")


def hex_colour(css: str) -> str:
    match = RGB.fullmatch(css)
    assert match, css
    assert match.group(4) in (None, "1"), f"a see-through colour: {css}"
    return "#" + "".join(f"{int(part):02x}" for part in match.groups()[:3])


def check(
    found: dict[str, Any], state: ProjectorState, height: int, accent: str, where: str
) -> list[str]:
    problems = [f"{where}: {problem}" for problem in found["problems"]]
    background = hex_colour(found["background"])
    for name, colour in found["colours"]:
        ratio = contrast(hex_colour(colour), background)
        if ratio < MIN_CONTRAST:
            problems.append(f"{where}: {name} in {colour} is {ratio:.2f}:1 on {background}")
    if found["slide"] == "confession":
        if found["confession"] < 0.032 * height - 0.01:
            problems.append(f"{where}: the confession at {found['confession']} px")
        if found["lesson"] is not None and found["lesson"] >= found["confession"]:
            problems.append(f"{where}: the lesson is not smaller than the confession")
    if found["count"] is not None and found["slide"] == "confession":
        expected = readable_accent(accent, THEMES[state.theme])
        got = hex_colour(found["count"])
        close = all(abs(int(got[i : i + 2], 16) - int(expected[i : i + 2], 16)) <= 1
                    for i in (1, 3, 5))  # fmt: skip
        if not close:
            problems.append(f"{where}: the count in {got}, contrast.py says {expected}")
    return problems


def expected_slide(name: str) -> str:
    if name == "content-note":
        return "note"
    if name.startswith("confession") or name == "content-note-after":
        return "confession"
    return name.split("-", maxsplit=1)[0]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_every_sample_fits_and_keeps_its_contrast(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    width, height = size
    scripted = ScriptedScreen(SAMPLES["join"])
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        screen = ProjectorPage(chromium)
        await screen.open(projector_url(run), size, before=scripted.route)

        def render_all(page: Page) -> list[str]:
            page.emulate_media(reduced_motion="reduce")
            current(page, "join")
            problems: list[str] = []
            for name, sample in SAMPLES.items():
                for theme in THEME_NAMES:
                    for accent in ACCENTS:
                        state = msgspec.structs.replace(sample, theme=theme, accent=accent)
                        scripted.push(page, state)
                        found = page.evaluate(CHECK)
                        where = f"{name} {width}x{height} {theme} accent {accent or 'default'}"
                        assert found["slide"] == expected_slide(name), where
                        problems += check(found, state, height, accent, where)
            return problems

        problems = await screen.run(render_all)
        assert problems == [], "\n".join(problems)
        assert screen.console_errors == []
        await screen.close()


async def test_the_screen_speaks_german_when_the_session_does(tmp_path: Path) -> None:
    german = msgspec.structs.replace(SAMPLES["join"], language="de")
    scripted = ScriptedScreen(german)
    catalogue = json.loads((ROOT / "participant_web/i18n/de.json").read_text(encoding="utf-8"))
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        screen = ProjectorPage(chromium)
        await screen.open(projector_url(run), (1920, 1080), before=scripted.route)

        def in_german(page: Page) -> None:
            scene = current(page, "join")
            expect(page.locator("html")).to_have_attribute("lang", "de")
            expect(scene.locator(".join-rules .heading")).to_have_text("Hausregeln")
            expect(scene.locator(".rule")).to_have_text(
                catalogue["house_rules.default"].split("\n")
            )
            # The product's default words as the phones say them in German.
            expect(scene.locator(".join-title")).to_have_text(catalogue["session.title_default"])
            expect(scene.locator(".join-prompt")).to_have_text(catalogue["form.prompt_default"])
            assert page.title().startswith(catalogue["session.title_default"])
            scripted.push(page, msgspec.structs.replace(SAMPLES["closing"], language="de"))
            expect(current(page, "closing").locator(".shared-count").first).to_contain_text(
                f"{catalogue['agree.default_label']} · "
            )
            scripted.push(page, msgspec.structs.replace(SAMPLES["break"], language="de"))
            expect(current(page, "break")).to_contain_text("Pause")
            expect(current(page, "break")).to_contain_text("Gleich geht es weiter.")

        await screen.run(in_german)
        assert screen.console_errors == []
        await screen.close()


def count_message(confession_id: int, count: int) -> str:
    payload = {"confession_id": confession_id, "count": count}
    return json.dumps({"type": "count", "version": 1, "payload": payload})


async def test_counts_links_and_fades(tmp_path: Path) -> None:
    """A count changes only the confession it is for, and never one with a content
    note; a new join link brings a new code; slides cross-fade in 200 ms unless the
    system asks for reduced motion."""
    scripted = ScriptedScreen(SAMPLES["join"])
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        screen = ProjectorPage(chromium)
        await screen.open(projector_url(run), (1280, 720), before=scripted.route)

        def follow(page: Page) -> None:
            join = current(page, "join")
            assert join.evaluate("e => getComputedStyle(e).transitionDuration") == "0.2s"
            scripted.push(page, SAMPLES["confession-short"])
            count = current(page, "confession").get_by_test_id("count")
            expect(count).to_have_text("Been there · 41")
            assert scripted.socket is not None
            scripted.socket.send(count_message(13, 99))  # not the one on screen
            scripted.socket.send(count_message(12, 42))
            expect(count).to_have_text("Been there · 42")
            scripted.push(page, SAMPLES["content-note-after"])
            scripted.socket.send(count_message(12, 43))
            scene = current(page, "confession")
            expect(scene.get_by_test_id("confession-text")).to_have_text(
                "I deployed on a Friday afternoon and went home."
            )
            expect(scene.get_by_test_id("count")).to_be_hidden()
            moved = msgspec.structs.replace(SAMPLES["join"], join_url="http://10.0.0.7:8000/")
            scripted.push(page, moved)
            join = current(page, "join")
            expect(join.get_by_test_id("short-url")).to_have_text("10.0.0.7:8000")
            source = join.locator("img.qr-join").get_attribute("src") or ""
            assert source == "join-qr.svg?v=http%3A%2F%2F10.0.0.7%3A8000%2F"
            page.emulate_media(reduced_motion="reduce")
            assert join.evaluate("e => getComputedStyle(e).transitionDuration") == "0s"

        await screen.run(follow)
        assert screen.console_errors == []
        await screen.close()


async def test_the_full_screen_button_and_the_cursor_hide_when_the_mouse_rests(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        screen = ProjectorPage(chromium)
        await screen.open(projector_url(run), (1280, 720))

        def rest_and_move(page: Page) -> None:
            current(page, "join")
            button = page.get_by_test_id("full-screen")
            expect(button).to_have_text("Full screen")
            page.mouse.move(200, 200)
            expect(button).to_have_css("opacity", "1")
            expect(page.locator("body")).to_have_class("idle", timeout=5_000)
            expect(button).to_have_css("opacity", "0")
            assert page.locator("body").evaluate("b => getComputedStyle(b).cursor") == "none"
            page.mouse.move(300, 300)
            expect(page.locator("body")).not_to_have_class("idle")
            button.click()
            page.wait_for_function("() => document.fullscreenElement !== null")
            expect(button).to_have_text("Leave full screen")
            page.mouse.dblclick(400, 400)
            page.wait_for_function("() => document.fullscreenElement === null")
            expect(button).to_have_text("Full screen")

        await screen.run(rest_and_move)
        assert screen.console_errors == []
        await screen.close()


# ---------------------------------------------------------------- 3. screenshots

CURATED = [
    ("join", (1920, 1080), "dark"),
    ("confession-long-replies", (1024, 768), "dark"),
    ("confession-rtl", (1920, 1080), "light"),
    ("confession-emoji", (1920, 1080), "dark"),
    ("closing", (3840, 2160), "dark"),
    ("content-note", (1920, 1080), "light"),
]


async def test_screenshots(tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    scripted = ScriptedScreen(SAMPLES["join"])
    async with running_server(tmp_path) as run, chromium_thread() as chromium:
        for name, (width, height), theme in CURATED:
            screen = ProjectorPage(chromium)
            await screen.open(projector_url(run), (width, height), before=scripted.route)

            def shoot(
                page: Page, name: str = name, theme: str = theme, size: str = f"{width}x{height}"
            ) -> None:
                page.emulate_media(reduced_motion="reduce")
                current(page, "join")
                page.evaluate("() => document.fonts.ready")
                state = msgspec.structs.replace(SAMPLES[name], theme=theme)
                scripted.push(page, state)
                current(page, expected_slide(name))
                page.mouse.move(5, 5)  # then the button hides after 3 s: not waited for
                page.evaluate("() => document.body.classList.add('idle')")
                page.screenshot(path=str(SCREENSHOTS / f"projector-page-{name}-{size}-{theme}.png"))

            await screen.run(shoot)
            assert screen.console_errors == []
            await screen.close()
