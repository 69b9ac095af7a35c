"""What helped: a phone adds one line under the confession on the big screen, moderators
approve it, and every phone lists it with "This helped me too" and its count.

A real host (in this process) and the phone page in headless Chromium through
``confessional.test`` (an insecure context, as on a LAN IP); moderators watch the stream
(``/moderator/<secret>/ws``) and act through ``api/commands``, as the console does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from facilitator.protocol.commands import Approve, CountShared, Project, Remove, Restore
from tests.e2e.test_phone_organisers_only import ARTIFACTS, ROOT, next_change
from tests.e2e.test_phone_sent_list import moderate, moderator_state, no_horizontal_scroll, phone_on
from tests.host.harness import Running, envelope, receive_until, running_server

pytestmark = pytest.mark.browser

SCREENSHOT = ROOT / "docs" / "screenshots" / "phone-what-helped-390x844.png"

CONFESSION = "I approved a pull request without running it, because its author was senior to me."
LESSON = "Seniority is not a test suite."
MINE = "A checklist in the pull request template that I tick for everyone."
THEIRS = "Pairing on the first review of anyone's code, however senior."
TYPING = "Asking “how did you test it?”"
SECOND_TRY = "Reviewing the tests before the code."
LABEL = "What helped you? (one line)"
SENT = "Sent — the moderators may show it here."
ALREADY = "You have already sent what helped for this one: one per phone."
TOO_LONG = "Please keep it to 200 characters or fewer."


async def shown_confession(run: Running) -> int:
    """A confession from another phone, approved and on the big screen."""
    author = await run.join()
    await run.submit(author, "confession-0001", CONFESSION, LESSON)
    [item] = run.service.items()
    await moderate(run, Approve(item.id), Project(item.id))
    return item.id


def field(page: Page) -> Any:
    return page.get_by_role("textbox", name=LABEL)


def status(page: Page) -> Any:
    return page.locator("[data-testid=reply-status]")


def reply_row(page: Page, text: str) -> Any:
    return page.locator("[data-testid=helped-item]").filter(has_text=text[:24])


def count_of(page: Page, text: str) -> Any:
    return reply_row(page, text).locator("[data-testid=helped-count]")


def tap_helped(text: str, count: str) -> Callable[[Page], list[tuple[str, str, str | None]]]:
    """Tap "This helped me too" under ``text``; the list once its count says ``count``."""

    def tap(page: Page) -> list[tuple[str, str, str | None]]:
        reply_row(page, text).locator("[data-testid=helped-too]").click()
        expect(count_of(page, text)).to_have_text(count)
        return listed(page)

    return tap


def listed(page: Page) -> list[tuple[str, str, str | None]]:
    """(text, count, aria-pressed) of each approved reply, top to bottom."""
    items = page.locator("[data-testid=helped-item]")
    return [
        (
            items.nth(i).locator("[data-testid=helped-text]").inner_text(),
            items.nth(i).locator("[data-testid=helped-count]").inner_text(),
            items.nth(i).locator("[data-testid=helped-too]").get_attribute("aria-pressed"),
        )
        for i in range(items.count())
    ]


def reply(page: Page, text: str) -> None:
    field(page).fill(text)
    page.locator("[data-testid=reply-send]").click()


async def replies_of(run: Running, confession_id: int) -> list[dict[str, Any]]:
    items = (await moderator_state(run))["items"]
    return [i for i in items if i["kind"] == "reply" and i["parent_id"] == confession_id]


async def test_a_reply_is_moderated_listed_and_helps_others_too(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    async with running_server(tmp_path) as run:
        confession_id = await shown_confession(run)
        stream_url = f"{run.moderator_base.replace('http', 'ws')}/ws"
        async with (
            run.http.ws_connect(stream_url) as stream,
            phone_on(run) as first,
            phone_on(run) as second,
        ):
            await receive_until(stream, "moderator.snapshot")

            def open_form_twice(page: Page) -> tuple[str, str | None]:
                page.emulate_media(reduced_motion="reduce")
                expect(page.locator("#projected-text")).to_have_text(CONFESSION)
                expect(field(page)).to_be_visible()
                expect(page.locator("[data-testid=helped-list]")).to_be_hidden()
                # The same phone with the page open twice: one reply between them.
                other = page.context.new_page()
                other.goto(page.url)
                expect(field(other)).to_be_visible()
                return page.locator("#reply-counter").inner_text(), field(page).get_attribute(
                    "enterkeyhint"
                )

            counter, enter = await first.run(open_form_twice)
            assert (counter, enter) == ("0 / 200", "send")

            def send_mine(page: Page) -> tuple[bool, bool]:
                field(page).fill(MINE)
                field(page).press("Enter")  # one line: Enter sends it
                expect(status(page)).to_have_attribute("data-state", "sent")
                expect(status(page)).to_have_text(SENT)
                return field(page).is_visible(), bool(
                    page.evaluate("document.activeElement.id === 'reply-status'")
                )

            form_left, focus_kept = await first.run(send_mine)
            assert not form_left and focus_kept

            added = await next_change(stream)
            assert added["type"] == "item.added"
            item = added["payload"]["item"]
            assert (item["kind"], item["parent_id"], item["text"], item["state"]) == (
                "reply",
                confession_id,
                MINE,
                "incoming",
            )
            mine_id = item["id"]

            def second_tab_is_refused(page: Page) -> tuple[str, str, bool]:
                other = page.context.pages[1]
                # The other tab says at once what this phone did.
                expect(status(other)).to_have_text(SENT)
                expect(field(other)).to_be_hidden()
                # A phone that forgot it replied (its page's memory of it gone, the token
                # kept) offers the form again: the laptop refuses, and the page says why.
                other.evaluate(
                    """() => Object.keys(localStorage)
                        .filter((key) => key.startsWith("confessional.replied."))
                        .forEach((key) => localStorage.removeItem(key))"""
                )
                other.reload()
                reply(other, "Reading the diff line by line.")
                expect(status(other)).to_have_attribute("data-state", "already")
                said = status(other).inner_text()
                visible = field(other).is_visible()
                other.close()
                expect(status(page)).to_have_attribute("data-state", "already")
                return said, status(page).inner_text(), visible

            said, said_here, visible = await first.run(second_tab_is_refused)
            assert said == said_here == ALREADY and not visible
            assert [r["text"] for r in await replies_of(run, confession_id)] == [MINE]

            # Another phone's reply (without a browser), and both approved.
            token = await run.join()
            payload = {"client_id": "reply-theirs-01", "confession_id": confession_id}
            status_code, body = await run.send(
                token, envelope("reply.submit", {**payload, "text": THEIRS})
            )
            assert status_code == 200, body
            theirs_id = (await next_change(stream))["payload"]["item"]["id"]
            await moderate(run, Approve(mine_id), Approve(theirs_id))

            def approved_on_the_first(page: Page) -> list[tuple[str, str, str | None]]:
                expect(page.locator("[data-testid=helped-item]")).to_have_count(2)
                expect(page.locator("#helped-heading")).to_have_text("What helped")
                page.locator("#helped").screenshot(
                    path=str(ARTIFACTS / "phone-what-helped-replied-390.png")
                )
                return listed(page)

            assert await first.run(approved_on_the_first) == [
                (MINE, "0", "false"),
                (THEIRS, "0", "false"),
            ]

            def the_limit(page: Page) -> tuple[str, str, str, str]:
                page.emulate_media(reduced_motion="reduce")
                expect(page.locator("[data-testid=helped-item]")).to_have_count(2)
                long = "I asked for a second pair of eyes. " * 7  # 245 characters
                field(page).fill(long)
                kept = field(page).input_value()
                counter = page.locator("#reply-counter").inner_text()
                page.locator("[data-testid=reply-send]").click()
                error = page.locator("[data-testid=reply-error]")
                expect(error).to_be_visible()
                said = error.inner_text()
                # Lines pasted become one line.
                field(page).fill("Asking\nfor tests\r\nfirst")
                expect(error).to_be_hidden()  # typing again clears it
                return kept, counter, said, field(page).input_value()

            kept, counter, error, flattened = await second.run(the_limit)
            assert len(kept) == 245 and counter == "245 / 200: 45 too many, please shorten it"
            assert error == TOO_LONG
            assert flattened == "Asking for tests first"
            assert len(await replies_of(run, confession_id)) == 2

            # Both test phones reach the host from one address (as phones behind a venue's
            # NAT do), so their taps are set apart until the facilitator counts them.
            await moderate(run, CountShared(True))

            assert await second.run(tap_helped(THEIRS, "1")) == [
                (MINE, "0", "false"),
                (THEIRS, "1", "true"),
            ]

            def seen_on_the_first(page: Page) -> list[tuple[str, str, str | None]]:
                expect(count_of(page, THEIRS)).to_have_text("1")
                return listed(page)

            assert await first.run(seen_on_the_first) == [
                (MINE, "0", "false"),
                (THEIRS, "1", "false"),
            ]
            [theirs] = [r for r in await replies_of(run, confession_id) if r["id"] == theirs_id]
            assert theirs["agreement_count"] == 1

            def screenshot(page: Page) -> dict[str, bool]:
                field(page).fill(TYPING)
                field(page).blur()
                page.evaluate("document.getElementById('projected').scrollIntoView()")
                page.evaluate("window.scrollBy(0, -12)")
                page.wait_for_timeout(100)
                page.screenshot(path=str(SCREENSHOT))
                in_view = {
                    name: bool(
                        page.evaluate(
                            """(selector) => {
                                const box = document.querySelector(selector)
                                    .getBoundingClientRect();
                                return box.top >= 0 && box.bottom <= window.innerHeight;
                            }""",
                            selector,
                        )
                    )
                    for name, selector in (
                        ("confession", "#projected-text"),
                        ("replies", "#helped-list"),
                        ("form", "#reply-form"),
                    )
                }
                page.emulate_media(color_scheme="dark", reduced_motion="reduce")
                page.screenshot(path=str(ARTIFACTS / "phone-what-helped-390-dark.png"))
                page.emulate_media(color_scheme="light", reduced_motion="reduce")
                page.set_viewport_size({"width": 320, "height": 640})
                in_view["narrow"] = no_horizontal_scroll(page)
                page.locator("#helped").scroll_into_view_if_needed()
                page.screenshot(path=str(ARTIFACTS / "phone-what-helped-320.png"))
                page.set_viewport_size({"width": 390, "height": 844})
                return in_view

            in_view = await second.run(screenshot)
            assert in_view == {"confession": True, "replies": True, "form": True, "narrow": True}

            def send_and_reload(page: Page) -> tuple[list[tuple[str, str, str | None]], str]:
                reply(page, SECOND_TRY)
                expect(status(page)).to_have_text(SENT)
                # "Helped me too" comes back from the laptop (state.helped), even when
                # this phone forgot it.
                page.evaluate(
                    """() => Object.keys(localStorage)
                        .filter((key) => key.startsWith("confessional.agreed."))
                        .forEach((key) => localStorage.removeItem(key))"""
                )
                page.reload()
                expect(page.locator("[data-testid=helped-item]")).to_have_count(2)
                expect(
                    reply_row(page, THEIRS).locator("[data-testid=helped-too]")
                ).to_have_attribute("aria-pressed", "true")
                expect(status(page)).to_have_text(SENT)
                page.locator("#helped").screenshot(
                    path=str(ARTIFACTS / "phone-what-helped-sent.png")
                )
                return listed(page), status(page).inner_text()

            after, said = await second.run(send_and_reload)
            assert after == [(MINE, "0", "false"), (THEIRS, "1", "true")]
            assert said == SENT
            assert [r["text"] for r in await replies_of(run, confession_id)] == [
                MINE,
                THEIRS,
                SECOND_TRY,
            ]

            assert await second.run(tap_helped(THEIRS, "0")) == [
                (MINE, "0", "false"),
                (THEIRS, "0", "false"),
            ]
            await first.run(lambda page: expect(count_of(page, THEIRS)).to_have_text("0"))

            def arabic(page: Page) -> dict[str, Any]:
                page.get_by_role("combobox", name="Language").select_option("ar")
                expect(page.locator("html")).to_have_attribute("dir", "rtl")
                expect(page.locator("#helped-heading")).to_have_text("ما الذي ساعد")
                page.set_viewport_size({"width": 320, "height": 640})
                page.locator("#helped").scroll_into_view_if_needed()
                page.screenshot(path=str(ARTIFACTS / "phone-what-helped-ar-320.png"))
                item = page.locator("[data-testid=helped-item]").first.bounding_box()
                button = page.locator("[data-testid=helped-too]").first.bounding_box()
                assert item is not None and button is not None
                found = {
                    "wide": no_horizontal_scroll(page),
                    "label": page.locator(".helped-label").first.inner_text(),
                    # The button starts where an Arabic line starts: at the right.
                    "right": button["x"] + button["width"] > item["x"] + item["width"] - 24,
                }
                page.get_by_role("combobox").select_option("en")
                return found

            found = await first.run(arabic)
            assert found == {"wide": True, "label": "ساعدني هذا أيضًا", "right": True}
            assert first.console_errors == [] and second.console_errors == []


def queued(page: Page) -> list[dict[str, Any]]:
    """The replies waiting in this phone's outbox."""
    items: list[dict[str, Any]] = page.evaluate(
        """() => Object.keys(localStorage)
            .filter((key) => key.startsWith("confessional.replies."))
            .flatMap((key) => JSON.parse(localStorage.getItem(key)))"""
    )
    return items


@pytest.mark.parametrize("removed", [False, True], ids=["arrives", "confession-removed"])
async def test_a_reply_waits_on_the_phone_until_the_laptop_answers(
    tmp_path: Path, removed: bool
) -> None:
    """No live socket and the laptop's HTTP unreachable: the reply stays on the phone,
    across a reload, and arrives once (its client_id) when the laptop answers again; if
    its confession left the record meanwhile, its text comes back into the form."""
    async with running_server(tmp_path) as run:
        confession_id = await shown_confession(run)
        async with phone_on(run) as phone:
            live = {"up": False}

            def socket(ws: WebSocketRoute) -> None:
                if live["up"]:
                    ws.connect_to_server()
                # otherwise the socket opens and nobody answers its hello

            def offline(page: Page) -> tuple[str, list[Any], list[Any]]:
                page.emulate_media(reduced_motion="reduce")
                page.route_web_socket("**/ws", socket)
                page.route("**/api/messages", lambda route: route.abort())
                page.reload()
                reply(page, MINE)
                expect(status(page)).to_have_attribute("data-state", "saved")
                said = status(page).inner_text()
                stored = queued(page)
                page.reload()
                expect(status(page)).to_have_attribute("data-state", "saved")
                expect(field(page)).to_be_hidden()
                page.wait_for_timeout(1500)  # at least one retry, aborted like the first
                return said, stored, queued(page)

            said, stored, again = await phone.run(offline)
            assert said.startswith("Saved on your phone — sending…")
            assert [(i["confession_id"], i["text"]) for i in stored] == [(confession_id, MINE)]
            assert [i["client_id"] for i in again] == [i["client_id"] for i in stored]
            assert await replies_of(run, confession_id) == []

            if removed:
                await moderate(run, Remove(confession_id))
            live["up"] = True

            def back_online(page: Page) -> list[dict[str, Any]]:
                page.unroute("**/api/messages")
                page.evaluate("window.dispatchEvent(new Event('online'))")
                if removed:
                    expect(page.locator("[data-testid=helped]")).to_be_hidden()
                    page.wait_for_function(
                        "!Object.keys(localStorage).some((key) => key.includes('.replies.'))"
                    )
                else:
                    expect(status(page)).to_have_text(SENT)
                return queued(page)

            assert await phone.run(back_online) == []
            if not removed:
                [item] = await replies_of(run, confession_id)
                assert (item["text"], item["state"]) == (MINE, "incoming")
            else:
                assert await replies_of(run, confession_id) == []
                # Back in the record and on the screen: the reply is in its form again.
                await moderate(run, Restore(confession_id), Project(confession_id))
                await phone.run(lambda page: expect(field(page)).to_have_value(MINE))
            # The aborted requests are the test's doing, and the refusal (409 over HTTP, the
            # socket being down) the laptop's answer; nothing else may complain.
            assert [
                e for e in phone.console_errors if "net::ERR_FAILED" not in e and "409" not in e
            ] == []
