"""Debian's headless Chromium, driven by Playwright from a thread of its own.

Playwright's sync API refuses to run inside a running asyncio loop, and the app's
loop (Qt's, through qasync) is running during a test. So the browser lives on
its own thread; coroutines on the app's loop hand it small functions and await
their results, while the loop keeps serving the pages the browser asks for.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.process import LAN_HOST

CHROMIUM = Path("/usr/bin/chromium")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    f"--host-resolver-rules=MAP {LAN_HOST} 127.0.0.1",
]
PHONE_VIEWPORT = {"width": 390, "height": 844}

T = TypeVar("T")
_Call = tuple[Callable[[Browser], Any], asyncio.Future[Any], asyncio.AbstractEventLoop]


class BrowserThread:
    def __init__(self) -> None:
        if not CHROMIUM.exists():
            raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
        self._calls: queue.Queue[_Call | None] = queue.Queue()
        self._started = threading.Event()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="chromium", daemon=True)

    def _run(self) -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
                )
                self._started.set()
                self._serve(browser)
                browser.close()
        except BaseException as error:
            self._failure = error
            self._started.set()

    def _serve(self, browser: Browser) -> None:
        while (call := self._calls.get()) is not None:
            function, future, loop = call
            try:
                result = function(browser)
            except BaseException as error:
                loop.call_soon_threadsafe(_settle, future, None, error)
            else:
                loop.call_soon_threadsafe(_settle, future, result, None)

    async def start(self) -> None:
        # Garbage is collected on the main thread only (tests/conftest.py), never on
        # this Python-running thread, where Qt objects in it would die off their thread.
        self._thread.start()
        await _wait_for(self._started.is_set, 60)
        if self._failure is not None:
            raise RuntimeError("Chromium did not start") from self._failure

    async def call(self, function: Callable[[Browser], T]) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._calls.put((function, future, loop))
        return await future

    async def stop(self) -> None:
        self._calls.put(None)
        await _wait_for(lambda: not self._thread.is_alive(), 30)


async def evaluate_on_phone_page(base: str, script: str, argument: Any) -> Any:
    """Run ``script`` (a JavaScript function of one argument) in the phone page served
    at ``base``, reached as a LAN host; return what it returns."""
    port = base.rsplit(":", 1)[1]
    chromium = BrowserThread()
    await chromium.start()

    def evaluate(browser: Browser) -> Any:
        page = browser.new_page()
        try:
            page.goto(f"http://{LAN_HOST}:{port}/")
            return page.evaluate(script, argument)
        finally:
            page.close()

    try:
        return await chromium.call(evaluate)
    finally:
        await chromium.stop()


async def _wait_for(done: Callable[[], bool], timeout: float) -> None:
    """Poll instead of blocking an executor thread: no extra Python threads, no QThreads."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not done():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("the browser thread did not answer")
        await asyncio.sleep(0.02)


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


class BrowserPhone:
    """One phone-sized page; every method runs on the browser thread."""

    def __init__(self, browser: BrowserThread) -> None:
        self._browser = browser
        self._page: Page | None = None
        self.console_errors: list[str] = []
        self.requests: list[str] = []  # "METHOD path" of every HTTP request the page made

    async def open(self, url: str) -> None:
        def open_page(browser: Browser) -> None:
            context = browser.new_context(viewport=PHONE_VIEWPORT, device_scale_factor=2)  # type: ignore[arg-type]
            page = context.new_page()
            page.on(
                "console",
                lambda message: (
                    self.console_errors.append(message.text) if message.type == "error" else None
                ),
            )
            page.on("pageerror", lambda error: self.console_errors.append(str(error)))
            page.on(
                "request",
                lambda request: self.requests.append(
                    f"{request.method} {urlsplit(request.url).path}"
                ),
            )
            page.goto(url)
            self._page = page

        await self._browser.call(open_page)

    async def run(self, function: Callable[[Page], T]) -> T:
        def on_page(browser: Browser) -> T:
            assert self._page is not None, "open() first"
            return function(self._page)

        return await self._browser.call(on_page)

    async def close(self) -> None:
        await self.run(lambda page: page.context.close())


# ---------------------------------------------------------------- checks on a page


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now (rule id, impact, the first
    element's selector), or [] (axe-playwright-python, with the axe-core it carries)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation.get('impact')}): "
        f"{violation['nodes'][0]['target'] if violation['nodes'] else ''}"
        for violation in results.response["violations"]
    ]


def inside_viewport(page: Page, selector: str) -> bool:
    """Whether the first element ``selector`` names is wholly within the viewport."""
    box = page.locator(selector).first.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None, selector
    slack = 0.5  # layout in fractions of a pixel
    return (
        box["y"] >= -slack
        and box["y"] + box["height"] <= viewport["height"] + slack
        and box["x"] >= -slack
        and box["x"] + box["width"] <= viewport["width"] + slack
    )


def scrolls_sideways(page: Page) -> bool:
    return bool(
        page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    )
