"""What helped, added to a confession after it has left the big screen: the phone keeps
the confessions it saw shown in this session ("Shown earlier", kept through a reload)
and offers a one-line reply under each, one per phone, with the host's refusals said.

A real host (in this process) and the phone page in Debian's headless Chromium through
``confessional.test`` (an insecure context, as on a LAN IP).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from facilitator.protocol.commands import Approve, Project, Remove
from tests.e2e.browser import axe_violations, inside_viewport, scrolls_sideways
from tests.e2e.test_phone_sent_list import moderate, moderator_state, phone_on
from tests.host.harness import Running, running_server

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

FIRST = "I merged my own pull request at midnight because nobody was awake to review it."
SECOND = "I told the client the date before asking the team."
THIRD = "I archived the shared inbox by mistake."
TO_FIRST = "A rule that nobody merges their own work, however late."
TO_THIRD = "Archive is not delete: it came back."
SENT = "Sent: the moderators may show it when this one is on the screen again."
ALREADY = "You have already sent what helped for this one: one per phone."
CLOSED = "This confession no longer takes replies."


async def confessions(run: Running, *texts: str) -> list[int]:
    author = await run.join()
    for number, text in enumerate(texts):
        await run.submit(author, f"earlier-{number:04d}-x", text)
    items = run.service.items()
    await moderate(run, *(Approve(item.id) for item in items))
    return [item.id for item in items]


def earlier_row(page: Page, text: str) -> Any:
    return page.locator("[data-testid=earlier-item]").filter(has_text=text[:24])


def add_reply(page: Page, text: str, reply: str) -> None:
    row = earlier_row(page, text)
    row.locator("[data-testid=earlier-add]").click()
    field = row.get_by_role("textbox", name="What helped you? (one line)")
    expect(field).to_be_focused()
    field.fill(reply)
    row.locator("[data-testid=earlier-send]").click()


async def test_what_helped_goes_to_confessions_shown_earlier(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    async with running_server(tmp_path) as run:
        first, second, third = await confessions(run, FIRST, SECOND, THIRD)
        await moderate(run, Project(first))
        async with phone_on(run) as phone:

            def first_shown(page: Page) -> None:
                page.emulate_media(reduced_motion="reduce")
                expect(page.locator("#projected-text")).to_have_text(FIRST)
                expect(page.locator("[data-testid=earlier]")).to_be_hidden()

            await phone.run(first_shown)
            await moderate(run, Project(second))

            def reply_to_first(page: Page) -> dict[str, Any]:
                expect(page.locator("#projected-text")).to_have_text(SECOND)
                expect(page.locator("[data-testid=earlier-item]")).to_have_count(1)
                add_reply(page, FIRST, TO_FIRST)
                status = earlier_row(page, FIRST).locator("[data-testid=earlier-status]")
                expect(status).to_have_text(SENT)
                page.wait_for_timeout(300)
                return {
                    "in_view": inside_viewport(page, f"[data-confession-id='{first}']"),
                    "add": earlier_row(page, FIRST).locator("[data-testid=earlier-add]").count()
                    and earlier_row(page, FIRST).locator("[data-testid=earlier-add]").is_visible(),
                    "axe": axe_violations(page),
                    # the phone's own token, to reply to the one on screen behind its back
                    "token": page.evaluate(
                        "Object.entries(localStorage).find(([k]) => k.startsWith("
                        "'confessional.token.'))[1]"
                    ),
                }

            said = await phone.run(reply_to_first)
            assert said["in_view"] and not said["add"] and said["axe"] == []

            # This phone's reply to the second reaches the host another way (another tab).
            status, body = await run.send(
                said["token"].strip('"'),
                {
                    "type": "reply.submit",
                    "version": 1,
                    "payload": {
                        "client_id": "other-tab-reply-1",
                        "confession_id": second,
                        "text": "Asking first.",
                    },
                },
            )
            assert status == 200, body
            await moderate(run, Project(third), Remove(third))

            def the_refusals(page: Page) -> dict[str, Any]:
                expect(page.locator("[data-testid=earlier-item]")).to_have_count(3)
                order = page.locator("[data-testid=earlier-excerpt]").all_inner_texts()
                add_reply(page, SECOND, "Asking the team first.")
                expect(
                    earlier_row(page, SECOND).locator("[data-testid=earlier-status]")
                ).to_have_text(ALREADY)
                add_reply(page, THIRD, TO_THIRD)
                error = earlier_row(page, THIRD).locator("[data-testid=earlier-error]")
                expect(error).to_have_text(CLOSED)
                page.wait_for_timeout(300)
                kept = earlier_row(page, THIRD).locator("textarea").input_value()
                in_view = inside_viewport(page, f"[data-confession-id='{third}'] .field-error")
                axe = axe_violations(page)
                page.screenshot(path=str(ARTIFACTS / "phone-earlier-390x844.png"), full_page=True)
                page.reload()
                expect(page.locator("[data-testid=earlier-item]")).to_have_count(3)
                after = {
                    text: earlier_row(page, text)
                    .locator("[data-testid=earlier-status]")
                    .inner_text()
                    for text in (FIRST, SECOND)
                }
                page.set_viewport_size({"width": 320, "height": 568})
                page.evaluate("document.documentElement.style.fontSize = '200%'")
                sideways = scrolls_sideways(page)
                return {
                    "order": order,
                    "kept": kept,
                    "in_view": in_view,
                    "axe": axe,
                    "after": after,
                    "sideways": sideways,
                    "errors": phone.console_errors,
                }

            said = await phone.run(the_refusals)
        state = await moderator_state(run)
    assert said["order"] == [f"“{THIRD}”", f"“{SECOND}”", f"“{FIRST}”"]  # newest first
    assert said["kept"] == TO_THIRD  # refused, nothing lost
    assert said["in_view"] and said["axe"] == []
    assert said["after"] == {FIRST: SENT, SECOND: ALREADY}
    assert not said["sideways"]
    replies = {
        (item["parent_id"], item["text"]) for item in state["items"] if item["kind"] == "reply"
    }
    assert replies == {(first, TO_FIRST), (second, "Asking first.")}
    assert [e for e in said["errors"] if "409" not in e] == []
