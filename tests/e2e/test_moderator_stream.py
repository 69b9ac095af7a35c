"""The moderator page's handling of the stream, against a scripted socket.

The host serves the page; its socket is replaced by Playwright's ``route_web_socket``
so that a test can send exactly the messages it needs: gaps in ``seq``, a burst of
counts, a snapshot older than what came before (docs/protocol.md, "Moderators").
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, WebSocketRoute, expect

from tests.e2e.browser import LAN_HOST, BrowserPhone, BrowserThread
from tests.e2e.process import start_headless
from tests.e2e.test_moderator_page import WIDE, expect_lane

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SOCKET = re.compile(r"/moderator/[^/]+/ws$")


def message(type_: str, **payload: Any) -> str:
    return json.dumps({"type": type_, "version": 1, "payload": payload})


def item(
    item_id: int,
    state: str = "incoming",
    *,
    queue_position: int | None = None,
    shown_order: int | None = None,
    count: int = 0,
) -> dict[str, Any]:
    text = f"Confession {item_id}."
    return {
        "id": item_id,
        "kind": "confession",
        "parent_id": None,
        "text": text,
        "learned": "",
        "original_text": text,
        "original_learned": "",
        "state": state,
        "queue_position": queue_position,
        "shown_order": shown_order,
        "agreement_count": count,
    }


def snapshot(seq: int, items: list[dict[str, Any]], current: int | None = None) -> str:
    return message(
        "moderator.snapshot",
        seq=seq,
        session={
            "session_id": 1,
            "title": "Scripted session",
            "prompt": "What mistake taught you the most?",
            "agree_label": "Been there",
            "status": "open",
            "created_on": "2026-11-29",
        },
        current_item_id=current,
        items=items,
        phones_connected=3,
        store_healthy=True,
        store_detail="",
        join={
            "join_url": "http://192.0.2.1:8737/",
            "moderator_url": "http://192.0.2.1:8737/moderator/s/",
            "host_ip": "192.0.2.1",
            "port": 8737,
            "candidates": [{"ip": "192.0.2.1", "interface": "wlan0"}],
        },
        transcript_paths=[],
    )


class ScriptedHost:
    """The page's moderator socket, played by the test (on the browser thread)."""

    def __init__(self, first: Callable[[], str]) -> None:
        self._first = first
        self.sockets: list[WebSocketRoute] = []
        self.received: list[dict[str, Any]] = []

    def accept(self, socket: WebSocketRoute) -> None:
        self.sockets.append(socket)
        socket.on_message(lambda data: self.received.append(json.loads(data)))
        socket.send(self._first())

    def send(self, text: str) -> None:
        self.sockets[-1].send(text)

    def resyncs(self) -> int:
        return sum(m["type"] == "moderator.resync" for m in self.received)


@asynccontextmanager
async def scripted_page(
    tmp_path: Path, first: Callable[[], str]
) -> AsyncIterator[tuple[BrowserPhone, ScriptedHost]]:
    app = start_headless(tmp_path / "data", "--port", "0")
    chromium = BrowserThread()
    try:
        await chromium.start()
        moderator = BrowserPhone(chromium)
        await moderator.open("about:blank")
        scripted = ScriptedHost(first)

        def go(page: Page) -> None:
            page.set_viewport_size(WIDE)  # type: ignore[arg-type]
            page.route_web_socket(SOCKET, scripted.accept)
            page.goto(app.moderator_url.replace("127.0.0.1", LAN_HOST))
            expect(page.locator("#mod-connection")).to_have_attribute("data-state", "live")

        await moderator.run(go)
        yield moderator, scripted
        assert moderator.console_errors == []
        await moderator.close()
    finally:
        await chromium.stop()
        app.terminate()


async def test_a_gap_asks_for_a_snapshot_and_the_page_ends_at_the_truth(tmp_path: Path) -> None:
    items = [
        item(5),
        item(7, "approved", queue_position=2),
        item(4, "shown", shown_order=2, count=4),
        item(2),
        item(9, "approved", queue_position=1),
        item(6, "set_aside"),
        item(8, "shown", shown_order=3),
        item(1, "shown", shown_order=1, count=11),
        item(3, "approved", queue_position=1),
    ]
    random.Random(7).shuffle(items)
    async with scripted_page(tmp_path, lambda: snapshot(10, items, current=8)) as (page, host):

        def lanes_and_gap(page: Page) -> None:
            # Items come in no order: each lane orders itself.
            expect_lane(page, "incoming", [2, 5])
            expect_lane(page, "approved", [3, 9, 7])
            expect_lane(page, "set-aside", [6])
            expect_lane(page, "on-screen", [8])
            expect_lane(page, "shown", [1, 4])
            expect(page.locator("#mod-phones")).to_have_text("3 phones connected now")

            host.send(message("item.added", seq=11, item=item(10)))
            expect_lane(page, "incoming", [2, 5, 10])
            # seq 12 never arrives.
            host.send(message("count.changed", seq=13, item_id=8, count=99))
            host.send(message("item.added", seq=14, item=item(11)))
            host.send(message("projection.changed", seq=15, item_id=None))
            page.wait_for_timeout(300)
            assert host.resyncs() == 1
            assert host.received[-1] == {"type": "moderator.resync", "version": 1, "payload": {}}
            # Until the new snapshot, changes are not applied.
            expect_lane(page, "incoming", [2, 5, 10])
            expect_lane(page, "on-screen", [8])
            expect(page.locator(".live-number")).to_have_text("0")

            truth = [
                item(10, "approved", queue_position=3),
                item(2),
                item(11),
                item(8, "shown", shown_order=3, count=99),
                item(1, "shown", shown_order=1, count=12),
                item(12),
            ]
            host.send(snapshot(30, truth, current=None))
            expect_lane(page, "incoming", [2, 11, 12])
            expect_lane(page, "approved", [10])
            expect_lane(page, "set-aside", [])
            expect_lane(page, "on-screen", [])
            expect_lane(page, "shown", [1, 8])
            expect(page.locator("#n-shown")).to_have_text("2")
            expect(page.locator("[data-id='1'] .item-count")).to_have_text("12 agreements")
            # And the stream carries on from the snapshot's seq.
            host.send(message("projection.changed", seq=31, item_id=8))
            expect_lane(page, "on-screen", [8])
            expect(page.locator(".live-number")).to_have_text("99")
            expect(page.locator("#n-shown")).to_have_text("2")  # on screen is shown too
            assert host.resyncs() == 1

        await page.run(lanes_and_gap)

        def reconnect(page: Page) -> None:
            # A new connection's snapshot replaces everything, whatever its seq
            # (a restarted host counts from the start again).
            host._first = lambda: snapshot(2, [item(20), item(21, "set_aside")])
            host.sockets[-1].close(code=1001, reason="server stopping")
            expect(page.locator("li[data-id='20']")).to_be_visible(timeout=15_000)
            expect_lane(page, "incoming", [20])
            expect_lane(page, "set-aside", [21])
            expect_lane(page, "shown", [])
            expect_lane(page, "approved", [])
            expect(page.locator("#mod-connection")).to_have_text("Live")
            host.send(message("item.added", seq=3, item=item(22)))
            expect_lane(page, "incoming", [20, 22])
            assert len(host.sockets) == 2
            assert host.resyncs() == 1

        await page.run(reconnect)


async def test_a_burst_of_counts_is_drawn_once_per_frame(tmp_path: Path) -> None:
    burst = 500
    shown = [item(1, "shown", shown_order=1), item(2, "shown", shown_order=2)]
    async with scripted_page(tmp_path, lambda: snapshot(1, shown, current=1)) as (page, host):

        def send_burst(page: Page) -> tuple[int, int]:
            expect(page.locator(".live-number")).to_have_text("0")
            page.evaluate(
                """() => {
                  window.__drawn = 0;
                  window.__frames = 0;
                  const tick = () => { window.__frames += 1; requestAnimationFrame(tick); };
                  requestAnimationFrame(tick);
                  new MutationObserver((records) => {
                    for (const record of records) {
                      const target = record.target;
                      if (target.classList && target.classList.contains("live-number")) {
                        window.__drawn += 1;
                      }
                    }
                  }).observe(document.getElementById("list-on-screen"),
                             { subtree: true, childList: true });
                }"""
            )
            for n in range(1, burst + 1):
                host.send(message("count.changed", seq=n + 1, item_id=1, count=n))
            host.send(message("count.changed", seq=burst + 2, item_id=2, count=7))
            expect(page.locator(".live-number")).to_have_text(f"{burst}")
            expect(page.locator("[data-id='2'] .item-count")).to_have_text("7 agreements")
            page.wait_for_timeout(100)
            drawn: int = page.evaluate("() => window.__drawn")
            frames: int = page.evaluate("() => window.__frames")
            return drawn, frames

        drawn, frames = await page.run(send_burst)
        assert host.resyncs() == 0
        # One drawing per animation frame at most, however many counts arrived.
        assert 1 <= drawn <= frames + 1, (drawn, frames)
        assert drawn < burst / 5, (drawn, frames)


async def test_a_command_waits_for_its_effect_on_the_stream(tmp_path: Path) -> None:
    items = [item(1), item(2)]
    async with scripted_page(tmp_path, lambda: snapshot(5, items)) as (page, host):

        def approve(page: Page) -> None:
            posted: list[dict[str, Any]] = []

            def answer(route: Route) -> None:
                posted.append(json.loads(route.request.post_data or "{}"))
                route.fulfill(
                    status=200,
                    content_type="application/json",
                    body=message("moderator.done", seq=7),
                )

            page.route("**/api/commands", answer)
            page.click("[data-testid=approve-1]")
            expect(page.locator("body")).to_have_class(re.compile(r"\bis-busy\b"))
            expect(page.locator("[data-id='1']")).to_have_attribute("aria-busy", "true")
            # While it is on its way, the same confession takes no second command (a double
            # click); another confession, chosen by the moderator, does.
            page.click("[data-testid=approve-1]", force=True)
            page.click("[data-testid=approve-2]")
            host.send(message("phones.changed", seq=6, connected=4))
            expect(page.locator("#mod-phones")).to_have_text("4 phones connected now")
            expect(page.locator("body")).to_have_class(re.compile(r"\bis-busy\b"))
            host.send(message("item.changed", seq=7, item=item(1, "approved", queue_position=1)))
            expect(page.locator("body")).not_to_have_class(re.compile(r"\bis-busy\b"))
            expect(page.locator("#toast")).to_have_text("Approved.")
            expect_lane(page, "approved", [1])
            expect_lane(page, "incoming", [2])
            assert posted == [
                {
                    "type": "moderate",
                    "version": 1,
                    "payload": {"command": "approve", "item_id": item_id},
                }
                for item_id in (1, 2)
            ]
            assert host.resyncs() == 0

        await page.run(approve)
