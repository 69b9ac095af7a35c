"""The moderator page in a real browser against a real ``confessional --headless`` process.

The page keeps its own model from the host's stream (a snapshot, then numbered
changes; docs/protocol.md, "Moderators"). These tests drive the page and check what
it shows against what the host says through ``api/state``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import urllib.request
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from playwright.sync_api import Page, Request, Route, expect

from facilitator.host.record import read_record
from tests.e2e.browser import LAN_HOST, BrowserPhone, BrowserThread
from tests.e2e.process import HeadlessApp, start_headless
from tests.http_client import http_client
from tests.phones import PhoneAddresses, new_phone

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WIDE = {"width": 1280, "height": 800}
RECONNECT_TIMEOUT_MS = 20_000  # the page retries with a growing delay (1 s, 2 s, 4 s, …)

_client_ids = itertools.count(1)


def envelope(type_: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"type": type_, "version": 1, "payload": payload}


@dataclass
class Host:
    """A headless app and an HTTP client that plays phones and reads the moderator state."""

    app: HeadlessApp
    http: aiohttp.ClientSession = field(init=False)
    tokens: list[str] = field(default_factory=list)
    addresses: PhoneAddresses = field(default_factory=PhoneAddresses)

    @property
    def page_url(self) -> str:
        # Not "localhost": the page is tested as phones and laptops on a LAN see it.
        return self.app.moderator_url.replace("127.0.0.1", LAN_HOST)

    async def join(self) -> str:
        token = await new_phone(self.app.base, self.addresses)
        self.tokens.append(token)
        return token

    async def send(self, token: str, message: dict[str, Any]) -> dict[str, Any]:
        async with self.http.post(
            f"{self.app.base}/api/messages",
            json=message,
            headers={"Authorization": f"Bearer {token}"},
        ) as r:
            body: dict[str, Any] = await r.json()
            assert r.status == 200, body
            return body

    async def submit(self, text: str, learned: str = "") -> int:
        """Send a confession from a new phone; return its id."""
        token = await self.join()
        payload = {"client_id": f"mod-page-{next(_client_ids):04d}", "text": text}
        if learned:
            payload["learned"] = learned
        await self.send(token, envelope("confession.submit", payload))
        (item,) = [i for i in (await self.snapshot())["items"] if i["text"] == text]
        item_id: int = item["id"]
        return item_id

    async def agree(self, token: str, item_id: int, agreed: bool = True) -> int:
        body = await self.send(
            token, envelope("agreement.set", {"confession_id": item_id, "agreed": agreed})
        )
        count: int = body["payload"]["count"]
        return count

    async def snapshot(self) -> dict[str, Any]:
        async with self.http.get(f"{self.app.moderator_url}api/state") as r:
            assert r.status == 200
            body = await r.json()
        assert body["type"] == "moderator.snapshot"
        payload: dict[str, Any] = body["payload"]
        return payload

    async def command(self, command: str, **fields: Any) -> dict[str, Any]:
        async with self.http.post(
            f"{self.app.moderator_url}api/commands",
            json=envelope("moderate", {"command": command, **fields}),
        ) as r:
            body: dict[str, Any] = await r.json()
            assert (r.status, body["type"]) == (200, "moderator.done"), body
            return body

    async def state_of(self, item_id: int) -> str:
        items = {i["id"]: i for i in (await self.snapshot())["items"]}
        state: str = items[item_id]["state"]
        return state


def command_now(app: HeadlessApp, command: str, **fields: Any) -> None:
    """A moderator command from another moderator, synchronously (inside a browser callback)."""
    request = urllib.request.Request(
        f"{app.moderator_url}api/commands",
        data=json.dumps(envelope("moderate", {"command": command, **fields})).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert json.load(reply)["type"] == "moderator.done"


def expect_lane(page: Page, lane: str, ids: list[int], timeout: float = 5000) -> None:
    """The lane (``incoming``, ``set-aside``, ``approved``, ``on-screen``, ``shown``) shows
    exactly these items, in this order."""
    locator = page.locator(f"#list-{lane} > li")
    expect(locator).to_have_count(len(ids), timeout=timeout)
    for index, item_id in enumerate(ids):
        expect(locator.nth(index)).to_have_attribute("data-id", str(item_id), timeout=timeout)


@asynccontextmanager
async def moderated(tmp_path: Path) -> AsyncIterator[tuple[Host, BrowserThread]]:
    host = Host(start_headless(tmp_path / "data", "--port", "0"))
    chromium = BrowserThread()
    try:
        await chromium.start()
        async with http_client() as http:
            host.http = http
            yield host, chromium
    finally:
        await chromium.stop()
        # host.app is the process running now (a test may have restarted it).
        if host.app.process.poll() is None:
            host.app.terminate()


async def open_page(
    chromium: BrowserThread, url: str, requests: list[Request] | None = None
) -> BrowserPhone:
    moderator = BrowserPhone(chromium)
    await moderator.open("about:blank")

    def go(page: Page) -> None:
        page.set_viewport_size(WIDE)  # type: ignore[arg-type]
        if requests is not None:
            # Not the bound method itself: Playwright tags handlers with an attribute.
            page.on("request", lambda request: requests.append(request))  # noqa: PLW0108
        page.goto(url)
        expect(page.locator("#mod-connection")).to_have_attribute("data-state", "live")

    await moderator.run(go)
    return moderator


def posted_commands(requests: list[Request]) -> list[dict[str, Any]]:
    return [
        json.loads(r.post_data or "{}")["payload"]
        for r in requests
        if r.method == "POST" and r.url.endswith("/api/commands")
    ]


async def test_moderate_a_headless_session_from_the_browser(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    async with moderated(tmp_path) as (host, chromium):
        first = await host.submit("I skipped code review to meet a deadline.")
        second = await host.submit("I named a server 'temp'.")
        tokens = list(host.tokens)
        moderator = await open_page(chromium, host.page_url)

        def approve_and_project(page: Page) -> None:
            expect_lane(page, "incoming", [first, second])
            expect(page.locator("#mod-phones")).to_have_text("0 phones connected now")
            page.click(f"[data-testid=approve-{first}]")
            page.click(f"[data-testid=set_aside-{second}]")
            expect(page.locator("#list-set-aside > li")).to_have_count(1)
            page.click("#project-next")
            expect(page.locator("#list-on-screen")).to_contain_text("skipped code review")

        await moderator.run(approve_and_project)
        assert (await host.snapshot())["current_item_id"] == first
        for token in tokens:
            await host.agree(token, first)

        def see_count_and_end(page: Page) -> list[str]:
            expect(page.locator("[data-testid=on-screen-count] .live-number")).to_have_text("2")
            page.screenshot(path=str(ARTIFACTS / "moderator-page.png"), animations="disabled")
            page.click("#end-session")
            expect(page.locator("#confirm-kept")).to_have_text(
                "The record keeps 1 confession that was shown, with its agreements."
            )
            expect(page.locator("#confirm-forgotten")).to_contain_text(
                "Forgotten for good: 1 confession never shown"
            )
            page.click("#confirm-end-yes")
            expect(page.locator("#transcript-paths > li")).to_have_count(2)
            expect(page.locator("#ended-heading")).to_be_focused()
            # What was never shown is forgotten (item.removed): only the shown one remains.
            expect_lane(page, "shown", [first])
            expect(page.locator("li.item")).to_have_count(1)
            return [
                text.strip() for text in page.locator("#transcript-paths > li").all_text_contents()
            ]

        paths = await moderator.run(see_count_and_end)
        assert moderator.console_errors == []
        await moderator.close()
    markdown = next(Path(p) for p in paths if p.endswith(".md"))
    text = markdown.read_text(encoding="utf-8")
    assert "I skipped code review to meet a deadline." in text
    assert "Been there: 2" in text
    assert "temp" not in text  # set aside, never shown: not in the transcript


async def test_the_page_follows_the_host_without_reloading(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        requests: list[Request] = []
        moderator = await open_page(chromium, host.page_url, requests)
        await moderator.run(lambda page: expect(page.locator("#empty-incoming")).to_be_visible())

        arrived = await host.submit("I merged my own pull request at 2 a.m.", "Sleep first.")
        await moderator.run(lambda page: expect_lane(page, "incoming", [arrived]))

        # A phone with its live connection open counts; one that only joined does not, and
        # neither does the laptop's own browser (everything here is on the laptop: a
        # rehearsal's simulated phone, admitted by the secret, stands for a phone).
        await host.join()
        socket_url = f"{host.app.base.replace('http', 'ws')}/ws"
        record = read_record(tmp_path / "data")
        assert record is not None
        async with host.http.ws_connect(socket_url) as own:
            await own.send_json(envelope("hello", {"token": await host.join()}))
            assert (await own.receive_json())["type"] == "state"
            join = envelope("join", {"rehearsal": record.rehearsal_secret})
            async with host.http.post(f"{host.app.base}/api/join", json=join) as reply:
                token = (await reply.json())["payload"]["token"]
            async with host.http.ws_connect(socket_url) as phone:
                await phone.send_json(envelope("hello", {"token": token}))
                await moderator.run(
                    lambda page: expect(page.locator("#mod-phones")).to_have_text(
                        "1 phone connected now"
                    )
                )
            await moderator.run(
                lambda page: expect(page.locator("#mod-phones")).to_have_text(
                    "0 phones connected now"
                )
            )

        def approve(page: Page) -> None:
            page.click(f"[data-testid=approve-{arrived}]")
            expect_lane(page, "approved", [arrived])
            expect_lane(page, "incoming", [])
            expect(page.locator("#project-next")).to_have_attribute("aria-disabled", "false")
            expect(page.locator("#toast")).to_have_text("Approved.")
            # Keyboard focus stays in the list the moderator is working through.
            expect(page.locator("#h-incoming")).to_be_focused()

        await moderator.run(approve)
        assert await host.state_of(arrived) == "approved"
        assert posted_commands(requests) == [{"command": "approve", "item_id": arrived}]
        # The stream showed the effect: the page never asked for the whole state.
        assert not [r for r in requests if "/api/state" in r.url]
        assert moderator.console_errors == []


async def test_project_next_puts_up_the_head_of_the_queue_once(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        ids = [await host.submit(f"Confession number {n}.") for n in range(4)]
        a, b, c, d = ids
        # The queue is in the order of approval, not of arrival.
        for item_id in (c, a, d, b):
            await host.command("approve", item_id=item_id)
        requests: list[Request] = []
        moderator = await open_page(chromium, host.page_url, requests)

        def press_twice(page: Page) -> None:
            expect_lane(page, "approved", [c, a, d, b])
            page.eval_on_selector("#project-next", "button => { button.click(); button.click(); }")
            expect_lane(page, "on-screen", [c])
            expect_lane(page, "approved", [a, d, b])
            expect(page.locator("body")).not_to_have_class("is-busy")

        await moderator.run(press_twice)
        assert posted_commands(requests) == [{"command": "project_next", "expected_item_id": c}]
        snapshot = await host.snapshot()
        assert snapshot["current_item_id"] == c
        assert await host.state_of(a) == "approved"

        # Another moderator puts up the head while this page's press is on its way: the
        # host refuses the press instead of putting up one nobody here has looked at.
        def press_after_someone_else(page: Page) -> None:
            def first_someone_else(route: Route) -> None:
                command_now(host.app, "project", item_id=a)
                route.continue_()

            page.route("**/api/commands", first_someone_else)
            page.click("#project-next")
            expect(page.locator("#toast")).to_have_text(
                "Another confession is at the head of the queue now. "
                "Look at the queue again, then project."
            )
            page.unroute("**/api/commands")
            expect_lane(page, "on-screen", [a])
            expect_lane(page, "approved", [d, b])
            expect_lane(page, "shown", [c])

        await moderator.run(press_after_someone_else)
        assert posted_commands(requests)[-1] == {"command": "project_next", "expected_item_id": a}
        snapshot = await host.snapshot()
        assert snapshot["current_item_id"] == a
        assert {i["id"]: i["state"] for i in snapshot["items"]} == {
            a: "shown",
            b: "approved",
            c: "shown",
            d: "approved",
        }
        # Chromium logs the refused request (409) itself; the page logs nothing.
        assert [e for e in moderator.console_errors if "409 (Conflict)" not in e] == []


async def test_a_burst_of_agreements_ends_at_the_exact_count(tmp_path: Path) -> None:
    phones = 120
    taken_back = 7
    async with moderated(tmp_path) as (host, chromium):
        item_id = await host.submit("I tested in production and production tested me.")
        await host.command("approve", item_id=item_id)
        await host.command("project_next", expected_item_id=item_id)
        tokens = await asyncio.gather(*(host.join() for _ in range(phones)))
        moderator = await open_page(chromium, host.page_url)
        await moderator.run(lambda page: expect(page.locator(".live-number")).to_have_text("0"))

        drawn: list[str] = []

        def watch_the_number(page: Page) -> None:
            page.evaluate(
                """() => {
                  window.__countTexts = [];
                  const list = document.getElementById("list-on-screen");
                  new MutationObserver(() => {
                    const number = list.querySelector(".live-number");
                    if (number) window.__countTexts.push(number.textContent);
                  }).observe(list, { subtree: true, childList: true, characterData: true });
                }"""
            )

        await moderator.run(watch_the_number)
        await asyncio.gather(*(host.agree(token, item_id) for token in tokens))
        await asyncio.gather(*(host.agree(t, item_id, False) for t in tokens[:taken_back]))
        final = phones - taken_back
        assert (await host.snapshot())["items"][0]["agreement_count"] == final

        def see_final(page: Page) -> None:
            expect(page.locator(".live-number")).to_have_text(str(final))
            drawn.extend(page.evaluate("() => window.__countTexts"))

        await moderator.run(see_final)
        # Drawn as the numbers came (about one per frame at most), not once per agreement.
        assert drawn[-1] == str(final)
        assert len(drawn) < phones
        assert moderator.console_errors == []


async def test_the_page_carries_on_after_the_host_restarts(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        queued = await host.submit("I restarted the wrong server.")
        waiting = await host.submit("I trusted the cache.")
        await host.command("approve", item_id=queued)
        requests: list[Request] = []
        moderator = await open_page(chromium, host.page_url, requests)
        await moderator.run(lambda page: expect_lane(page, "approved", [queued]))

        port, moderator_url = host.app.port, host.app.moderator_url
        host.app.kill()  # a crash: no goodbye to the page
        await moderator.run(
            lambda page: expect(page.locator("#mod-connection")).to_have_text("Reconnecting…")
        )
        host.app = start_headless(tmp_path / "data", "--port", str(port))
        assert host.app.moderator_url == moderator_url
        # Changes the page has not seen: another moderator acts, another phone sends.
        await host.command("project_next", expected_item_id=queued)
        await host.command("set_aside", item_id=waiting)
        arrived = await host.submit("I wrote the postmortem before the outage ended.")

        def reconnected(page: Page) -> None:
            expect(page.locator("#mod-connection")).to_have_text(
                "Live", timeout=RECONNECT_TIMEOUT_MS
            )
            expect_lane(page, "on-screen", [queued])
            expect_lane(page, "set-aside", [waiting])
            expect_lane(page, "incoming", [arrived])
            expect_lane(page, "approved", [])
            expect(page.locator("#project-next")).to_have_attribute("aria-disabled", "true")
            # And the page still moderates.
            page.click(f"[data-testid=approve-{arrived}]")
            expect_lane(page, "approved", [arrived])

        await moderator.run(reconnected)
        assert await host.state_of(arrived) == "approved"
        # While the host was down Chromium itself logged the refused connections; the
        # page logged nothing.
        assert all("ERR_CONNECTION_REFUSED" in error for error in moderator.console_errors)


async def test_a_page_of_an_earlier_session_says_its_link_is_not_valid(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        moderator = await open_page(chromium, host.page_url)
        port = host.app.port
        assert host.app.terminate() == 0
        # A new session on the same port has a new secret: the old page is shut out.
        host.app = start_headless(tmp_path / "data", "--new-session", "--port", str(port))

        def shut_out(page: Page) -> None:
            expect(page.locator("#forbidden-banner")).to_be_visible(timeout=RECONNECT_TIMEOUT_MS)
            expect(page.locator("#bar-actions")).to_be_hidden()

        await moderator.run(shut_out)
