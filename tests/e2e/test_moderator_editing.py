"""The moderator page's editor, keys and undo, in a real browser against a real host.

One confession is selected at a time; the editor shows it, highlights what may
identify someone and saves edits with the version they were made on
(docs/protocol.md, the ``edit`` command). The keys are the console's and act on the
selection; after an action the focus goes to the lane, never to another card's
buttons. Everything is checked against what the host says (``api/state``) and what
phones get (``/api/session`` and the phone socket).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Dialog, Page, Request, Route, expect

from tests.e2e.browser import PHONE_VIEWPORT
from tests.e2e.test_moderator_page import (
    ARTIFACTS,
    WIDE,
    Host,
    command_now,
    envelope,
    expect_lane,
    moderated,
    open_page,
    posted_commands,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EMAIL = "jo@example.org"
MASK = "[…]"
STALE = "Someone else saved a newer version"


def refused_requests_only(errors: list[str]) -> list[str]:
    """Console errors other than Chromium's own line for a refused request (409)."""
    return [e for e in errors if "409 (Conflict)" not in e]


def select_card(page: Page, item_id: int) -> None:
    """Select a confession the way a moderator does: click its text."""
    page.click(f"#text-{item_id}")
    expect(page.locator("#editor-id")).to_have_text(f"#{item_id}")


def select_words(page: Page, field: str, words: str) -> None:
    page.locator(field).evaluate(
        """(el, words) => {
             const start = el.value.indexOf(words);
             el.focus();
             el.setSelectionRange(start, start + words.length);
           }""",
        words,
    )


def excerpt(text: str, limit: int = 28) -> str:
    """The Undo button's excerpt of a confession (as the console's ``undo_text``)."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def focused(page: Page) -> str:
    """The focused element, as ``tag#id``."""
    result: str = page.evaluate(
        "() => `${document.activeElement.tagName.toLowerCase()}#${document.activeElement.id}`"
    )
    return result


def items_by_id(snapshot: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {item["id"]: item for item in snapshot["items"]}


async def public_session(host: Host) -> dict[str, Any]:
    async with host.http.get(f"{host.app.base}/api/session") as reply:
        assert reply.status == 200
        body: dict[str, Any] = await reply.json()
    return body


async def phone_state(host: Host) -> dict[str, Any]:
    """What a phone's socket says first (``state``): the projection as phones see it."""
    token = await host.join()
    async with host.http.ws_connect(f"{host.app.base.replace('http', 'ws')}/ws") as phone:
        await phone.send_json(envelope("hello", {"token": token}))
        message: dict[str, Any] = await phone.receive_json(timeout=10)
    assert message["type"] == "state"
    return message


async def test_edit_and_redact_reach_the_host_and_the_phones(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    text = f"I emailed {EMAIL} the wrong file on Friday."
    learned = f"Check the address twice, {EMAIL} taught me."
    async with moderated(tmp_path) as (host, chromium):
        item_id = await host.submit(text, learned)
        other = await host.submit("I stayed silent when my manager blamed the intern.")
        requests: list[Request] = []
        moderator = await open_page(chromium, host.page_url, requests)

        def redact(page: Page) -> None:
            select_card(page, item_id)
            expect(page.locator("#edit-text")).to_have_value(text)
            expect(page.locator("#edit-learned")).to_have_value(learned)
            expect(page.locator("#editor-state")).to_have_text("Incoming")
            # The hinted e-mail is highlighted in the preview, in the text and the lesson.
            marks = page.locator("#preview-text mark.hint, #preview-learned mark.hint")
            expect(marks.filter(has_text=EMAIL)).to_have_count(2)
            hint = page.locator(f"#hint-buttons button[data-word='{EMAIL}']")
            expect(hint).to_have_accessible_name(f"Mask e-mail {EMAIL}")
            # An edit in progress, hints still highlighted: the pictures.
            page.locator("#edit-text").press("End")
            page.keyboard.type(" Twice.")
            expect(page.locator("#editor-draft")).to_have_text("Not saved yet.")
            expect(page.locator(f"[data-testid=confession-{item_id}] .tag-draft")).to_be_visible()
            page.screenshot(
                path=str(ARTIFACTS / "moderator-editing-wide.png"), animations="disabled"
            )
            page.set_viewport_size(PHONE_VIEWPORT)  # type: ignore[arg-type]
            page.evaluate("() => document.getElementById('editor').scrollIntoView()")
            page.screenshot(
                path=str(ARTIFACTS / "moderator-editing-phone.png"), animations="disabled"
            )
            page.screenshot(
                path=str(ARTIFACTS / "moderator-editing-phone-full.png"),
                animations="disabled",
                full_page=True,
            )
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
            page.set_viewport_size(WIDE)  # type: ignore[arg-type]

            # One click masks the e-mail everywhere in the draft ...
            hint.click()
            expect(page.locator("#edit-text")).to_have_value(
                f"I emailed {MASK} the wrong file on Friday. Twice."
            )
            expect(page.locator("#edit-learned")).to_have_value(
                f"Check the address twice, {MASK} taught me."
            )
            expect(hint).to_have_attribute("aria-disabled", "true")
            expect(marks).to_have_count(0)
            # ... and Ctrl+M masks the words selected in the focused field.
            select_words(page, "#edit-text", "Friday")
            page.keyboard.press("Control+m")
            expect(page.locator("#edit-text")).to_have_value(
                f"I emailed {MASK} the wrong file on {MASK}. Twice."
            )
            # The button masks the selection too (here in the lesson).
            select_words(page, "#edit-learned", "twice")
            page.click("#mask-selection")
            expect(page.locator("#edit-learned")).to_have_value(
                f"Check the address {MASK}, {MASK} taught me."
            )
            page.keyboard.press("Control+s")
            expect(page.locator("#toast")).to_have_text("Edit saved.")
            expect(page.locator("#editor-draft")).to_have_text("")
            # The original stays on the page, for moderators only.
            expect(page.locator("#editor-original")).to_contain_text(
                f"As written (moderators only, never shown or kept): {text}"
            )
            expect(page.locator(f"#text-{item_id}")).to_have_text(
                f"I emailed {MASK} the wrong file on {MASK}. Twice."
            )

        await moderator.run(redact)
        saved = items_by_id(await host.snapshot())[item_id]
        assert saved["text"] == f"I emailed {MASK} the wrong file on {MASK}. Twice."
        assert saved["learned"] == f"Check the address {MASK}, {MASK} taught me."
        assert (saved["original_text"], saved["original_learned"]) == (text, learned)
        assert saved["version"] == 2
        assert posted_commands(requests)[-1] == {
            "command": "edit",
            "item_id": item_id,
            "version": 1,
            "text": saved["text"],
            "learned": saved["learned"],
        }

        def approve_then_project_an_unsaved_edit(page: Page) -> None:
            page.keyboard.press("Escape")  # out of the editor, back to the lane
            expect(page.locator("#list-incoming")).to_be_focused()
            page.keyboard.press("Enter")
            expect_lane(page, "approved", [item_id])
            # An edit left unsaved is saved before the confession goes on the screen.
            page.fill("#edit-text", f"I emailed {MASK} the wrong file.")
            select_card(page, item_id)  # the focus leaves the field: keys are the page's
            page.keyboard.press("Space")
            expect_lane(page, "on-screen", [item_id])
            expect(page.locator("#list-on-screen .item-text")).to_have_text(
                f"I emailed {MASK} the wrong file."
            )
            expect(page.locator("#editor-original")).to_contain_text(text)

        await moderator.run(approve_then_project_an_unsaved_edit)
        commands = posted_commands(requests)
        assert [c["command"] for c in commands] == ["edit", "approve", "edit", "project_next"]
        assert commands[-1] == {"command": "project_next", "expected_item_id": item_id}
        assert commands[-2]["version"] == 2

        session = await public_session(host)
        assert session["payload"]["projection"]["text"] == f"I emailed {MASK} the wrong file."
        assert session["payload"]["projection"]["learned"] == saved["learned"]
        state = await phone_state(host)
        assert state["payload"]["projection"]["confession_id"] == item_id
        for public in (json.dumps(session), json.dumps(state)):
            assert EMAIL not in public
            assert "Friday" not in public
            assert "original" not in public
        assert await host.state_of(other) == "incoming"
        assert moderator.console_errors == []
        await moderator.close()


async def test_two_moderators_edit_the_same_confession(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        first = await host.submit("Our supplier lost the backup and I blamed them.")
        second = await host.submit("I skipped the fire drill to finish a report.")
        one = await open_page(chromium, host.page_url)
        requests: list[Request] = []
        two = await open_page(chromium, host.page_url, requests)

        await two.run(lambda page: select_card(page, first))

        def save_an_edit(page: Page) -> None:
            select_card(page, first)
            page.fill("#edit-text", "Our supplier lost the backup and I blamed them. Sorry.")
            page.click("#save-edit")
            expect(page.locator("#toast")).to_have_text("Edit saved.")

        await one.run(save_an_edit)

        def sees_it_live(page: Page) -> None:
            # Nothing typed here: the other moderator's edit simply shows.
            expect(page.locator("#edit-text")).to_have_value(
                "Our supplier lost the backup and I blamed them. Sorry."
            )
            expect(page.locator("#editor-draft")).to_have_text("")
            expect(page.locator("#editor-original")).to_contain_text(
                "Our supplier lost the backup and I blamed them."
            )
            # Now a draft of the second confession, started on version 1.
            select_card(page, second)
            page.fill("#edit-text", "I skipped the fire drill.")

        await two.run(sees_it_live)

        def save_first(page: Page) -> None:
            select_card(page, second)
            page.fill("#edit-text", "I skipped the fire drill to finish a report, once.")
            page.keyboard.press("Control+s")
            expect(page.locator("#toast")).to_have_text("Edit saved.")

        await one.run(save_first)

        def stale(page: Page) -> None:
            # The newer version does not overwrite the draft: the page says so.
            expect(page.locator("#editor-draft")).to_contain_text(STALE)
            expect(page.locator("#edit-text")).to_have_value("I skipped the fire drill.")
            page.keyboard.press("Control+s")
            # Refused (stale_version): the newer text is loaded, and the page says why.
            expect(page.locator("#edit-text")).to_have_value(
                "I skipped the fire drill to finish a report, once."
            )
            expect(page.locator("#editor-draft")).to_have_text(
                "Someone else saved a newer version first: their text is shown now. "
                "Your edit was not saved."
            )
            expect(page.locator("#toast")).to_contain_text(STALE)
            expect(page.locator("#save-edit")).to_have_attribute("aria-disabled", "true")

        await two.run(stale)
        assert posted_commands(requests) == [
            {
                "command": "edit",
                "item_id": second,
                "version": 1,
                "text": "I skipped the fire drill.",
                "learned": "",
            }
        ]
        items = items_by_id(await host.snapshot())
        assert items[second]["text"] == "I skipped the fire drill to finish a report, once."
        assert items[second]["version"] == 2
        assert items[first]["version"] == 2
        assert one.console_errors == []
        assert refused_requests_only(two.console_errors) == []


async def test_remove_put_back_and_undo(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        shown = await host.submit("I pushed to main on a Friday evening.")
        waiting = await host.submit("I stayed silent when my manager blamed the intern.")
        await host.command("approve", item_id=shown)
        await host.command("project_next", expected_item_id=shown)
        requests: list[Request] = []
        moderator = await open_page(chromium, host.page_url, requests)

        def remove_and_put_back(page: Page) -> None:
            expect_lane(page, "on-screen", [shown])
            page.click(f"[data-testid=remove-{shown}]")
            expect_lane(page, "on-screen", [])
            expect_lane(page, "shown", [shown])
            card = page.locator(f"[data-testid=confession-{shown}]")
            expect(card).to_contain_text("Removed from the record")
            expect(page.locator("#editor-state")).to_have_text("Removed from the record")
            expect(page.locator("#edit-text")).to_have_attribute("readonly", "")
            expect(page.locator("#undo")).to_have_text(
                f"Undo remove from record “{excerpt('I pushed to main on a Friday evening.')}”"
            )

        await moderator.run(remove_and_put_back)
        assert await host.state_of(shown) == "removed"
        assert (await public_session(host))["payload"]["projection"] is None

        def put_back(page: Page) -> None:
            page.click(f"[data-testid=put_back-{shown}]")
            expect(page.locator(f"[data-testid=confession-{shown}]")).not_to_contain_text(
                "Removed from the record"
            )
            expect(page.locator(f"[data-testid=project_again-{shown}]")).to_be_visible()
            expect_lane(page, "on-screen", [])

        await moderator.run(put_back)
        snapshot = await host.snapshot()
        assert items_by_id(snapshot)[shown]["state"] == "shown"
        assert snapshot["current_item_id"] is None

        def undo_by_button(page: Page) -> None:
            page.click(f"[data-testid=approve-{waiting}]")
            expect_lane(page, "approved", [waiting])
            undo = page.locator("#undo")
            expect(undo).to_have_text(
                f"Undo approve “{excerpt('I stayed silent when my manager blamed the intern.')}”"
            )
            expect(undo).to_have_attribute("aria-disabled", "false")
            # A long label never makes a phone's page scroll sideways.
            page.set_viewport_size(PHONE_VIEWPORT)  # type: ignore[arg-type]
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
            expect(undo).to_have_accessible_name(
                f"Undo approve “{excerpt('I stayed silent when my manager blamed the intern.')}”"
            )
            undo.click()
            expect_lane(page, "incoming", [waiting])
            expect(page.locator("#toast")).to_have_text("Undone.")
            page.set_viewport_size(WIDE)  # type: ignore[arg-type]

        await moderator.run(undo_by_button)
        assert await host.state_of(waiting) == "incoming"

        def undo_by_key(page: Page) -> None:
            select_card(page, waiting)
            page.keyboard.press("a")
            expect_lane(page, "approved", [waiting])
            # Ctrl+Z in a text field undoes the typing there, not a moderation action.
            page.keyboard.press("e")
            expect(page.locator("#edit-text")).to_be_focused()
            page.keyboard.type("!")
            page.keyboard.press("Control+z")
            expect(page.locator("#edit-text")).to_have_value(
                "I stayed silent when my manager blamed the intern."
            )
            expect_lane(page, "approved", [waiting])
            page.keyboard.press("Escape")
            page.keyboard.press("Control+z")
            expect_lane(page, "incoming", [waiting])

        await moderator.run(undo_by_key)
        assert await host.state_of(waiting) == "incoming"
        undos = [c for c in posted_commands(requests) if c["command"] == "undo"]
        assert len(undos) == 2
        assert all(isinstance(c["step_id"], int) for c in undos)
        assert moderator.console_errors == []


async def test_a_second_key_never_acts_on_a_confession_nobody_selected(tmp_path: Path) -> None:
    """Click Approve on card 1, then press Space and Enter at once. The focus is on the lane,
    not on the next card's Approve button: Space projects the head of the queue as the page
    shows it (card 1 if its approval has arrived, else nothing), Enter acts on the selected
    card (card 1, approved or on its way) and does nothing. No unread card is approved."""
    async with moderated(tmp_path) as (host, chromium):
        c1, c2, c3, c4 = [await host.submit(f"Confession number {n}.") for n in (1, 2, 3, 4)]
        requests: list[Request] = []
        moderator = await open_page(chromium, host.page_url, requests)

        def exactly_so(page: Page) -> None:
            page.click(f"[data-testid=approve-{c1}]")
            page.keyboard.press("Space")
            page.keyboard.press("Enter")
            assert focused(page) == "ol#list-incoming"
            expect(page.locator(f"[data-testid=confession-{c1}]")).not_to_have_attribute(
                "data-state", "incoming"
            )
            expect(page.locator("body")).not_to_have_class("is-busy")
            expect_lane(page, "incoming", [c2, c3, c4])
            assert focused(page) == "ol#list-incoming"

        await moderator.run(exactly_so)
        # Which of the two depends on whether the approval arrived before the Space.
        commands = posted_commands(requests)
        assert commands in (
            [{"command": "approve", "item_id": c1}],
            [
                {"command": "approve", "item_id": c1},
                {"command": "project_next", "expected_item_id": c1},
            ],
        )
        snapshot = await host.snapshot()
        states = {i: item["state"] for i, item in items_by_id(snapshot).items()}
        projected = len(commands) == 2
        assert states == {c1: "shown" if projected else "approved"} | {
            c: "incoming" for c in (c2, c3, c4)
        }
        assert snapshot["current_item_id"] == (c1 if projected else None)
        if not projected:
            await host.command("set_aside", item_id=c1)  # an empty queue for what follows

        # With the approval held on its way, the page shows an empty queue: Space puts up
        # nothing, and Enter on the selected card (on its way already) sends nothing more.
        def while_approving(page: Page) -> None:
            expect_lane(page, "approved", [])
            held: list[Route] = []
            # Not the bound method itself: Playwright tags handlers with an attribute.
            page.route("**/api/commands", lambda route: held.append(route))  # noqa: PLW0108
            page.click(f"[data-testid=approve-{c2}]")
            page.wait_for_function("() => document.body.classList.contains('is-busy')")
            page.keyboard.press("Space")
            page.keyboard.press("Enter")
            assert focused(page) == "ol#list-incoming"
            expect(page.locator("#toast")).to_have_text(
                "Nothing is in the queue yet: press again once it is."
            )
            assert len(held) == 1
            held[0].continue_()
            page.unroute("**/api/commands")
            expect_lane(page, "approved", [c2])
            expect_lane(page, "incoming", [c3, c4])
            expect(page.locator("body")).not_to_have_class("is-busy")

        before = len(posted_commands(requests))
        await moderator.run(while_approving)
        assert posted_commands(requests)[before:] == [{"command": "approve", "item_id": c2}]

        # With a card in the queue, at full speed: Space puts up the head of the queue (c2,
        # which the page shows there); Enter finds the selected c3 approved or on its way.
        def at_full_speed(page: Page) -> None:
            page.click(f"[data-testid=approve-{c3}]")
            page.keyboard.press("Space")
            page.keyboard.press("Enter")
            expect_lane(page, "on-screen", [c2])
            expect_lane(page, "approved", [c3])
            expect_lane(page, "incoming", [c4])
            expect(page.locator("body")).not_to_have_class("is-busy")
            assert focused(page) == "ol#list-incoming"
            expect(page.locator(f"[data-testid=confession-{c3}]")).to_have_attribute(
                "aria-current", "true"
            )

        before = len(posted_commands(requests))
        await moderator.run(at_full_speed)
        assert posted_commands(requests)[before:] == [
            {"command": "approve", "item_id": c3},
            {"command": "project_next", "expected_item_id": c2},
        ]
        assert {i: await host.state_of(i) for i in (c2, c3, c4)} == {
            c2: "shown",
            c3: "approved",
            c4: "incoming",
        }
        assert (await host.snapshot())["current_item_id"] == c2
        assert refused_requests_only(moderator.console_errors) == []


async def test_the_console_keys(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        a, b, c, d = [await host.submit(f"Key confession {n}.") for n in "ABCD"]
        requests: list[Request] = []
        moderator = await open_page(chromium, host.page_url, requests)

        def keys(page: Page) -> None:
            expect_lane(page, "incoming", [a, b, c, d])
            page.focus("#list-incoming")
            page.keyboard.press("ArrowDown")
            expect(page.locator("#editor-id")).to_have_text(f"#{a}")
            page.keyboard.press("Enter")  # approve a
            expect_lane(page, "approved", [a])
            # The selection stays with a (now queued); Down in Incoming takes the one that
            # took its place.
            page.keyboard.press("ArrowDown")
            expect(page.locator("#editor-id")).to_have_text(f"#{b}")
            page.keyboard.press("a")  # approve b
            expect_lane(page, "approved", [a, b])
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowDown")
            expect(page.locator("#editor-id")).to_have_text(f"#{d}")
            page.keyboard.press("ArrowUp")
            expect(page.locator("#editor-id")).to_have_text(f"#{c}")
            page.keyboard.press("Delete")  # set c aside
            expect_lane(page, "set-aside", [c])
            page.keyboard.press("Space")  # project next: a
            expect_lane(page, "on-screen", [a])
            page.keyboard.press("n")  # project next: b
            expect_lane(page, "on-screen", [b])
            expect_lane(page, "shown", [a])
            page.keyboard.press("b")  # blank
            expect_lane(page, "on-screen", [])
            expect_lane(page, "shown", [a, b])
            page.keyboard.press("Control+z")  # undo the blank: b is back on screen
            expect_lane(page, "on-screen", [b])
            select_card(page, a)
            page.keyboard.press("Delete")  # a shown one is removed from the record
            expect(page.locator(f"[data-testid=confession-{a}]")).to_contain_text(
                "Removed from the record"
            )
            select_card(page, d)
            page.keyboard.press("s")  # set d aside
            expect_lane(page, "set-aside", [c, d])
            page.keyboard.press("Enter")  # approve from set aside
            expect_lane(page, "approved", [d])
            page.keyboard.press("e")
            expect(page.locator("#edit-text")).to_be_focused()
            # Typed into the field, not taken as keys.
            page.keyboard.type(" And sent.")
            expect(page.locator("#edit-text")).to_have_value("Key confession D. And sent.")
            expect_lane(page, "approved", [d])
            page.keyboard.press("Escape")  # discard
            expect(page.locator("#edit-text")).to_have_value("Key confession D.")
            page.keyboard.press("Escape")  # and back to the lane of the selected one
            expect(page.locator("#list-approved")).to_be_focused()
            # No action ever left the focus on a button.
            assert page.evaluate("() => document.activeElement.tagName") != "BUTTON"

        await moderator.run(keys)
        names = [(c_["command"], c_.get("item_id")) for c_ in posted_commands(requests)]
        assert names == [
            ("approve", a),
            ("approve", b),
            ("set_aside", c),
            ("project_next", None),
            ("project_next", None),
            ("blank", None),
            ("undo", None),
            ("remove", a),
            ("set_aside", d),
            ("approve", d),
        ]
        states = {i: await host.state_of(i) for i in (a, b, c, d)}
        assert states == {a: "removed", b: "shown", c: "set_aside", d: "approved"}
        assert moderator.console_errors == []


async def test_hostile_text_is_shown_literally(tmp_path: Path) -> None:
    text = "<img src=x onerror=alert(1)> List<String> &amp; <script>window.pwned=1</script>"
    learned = "&lt;b&gt; is not <b>bold</b>"
    async with moderated(tmp_path) as (host, chromium):
        item_id = await host.submit(text, learned)
        moderator = await open_page(chromium, host.page_url)

        def literal(page: Page) -> None:
            dialogs: list[str] = []

            def dismiss(dialog: Dialog) -> None:
                dialogs.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", dismiss)
            select_card(page, item_id)
            expect(page.locator("#edit-text")).to_have_value(text)
            expect(page.locator("#edit-learned")).to_have_value(learned)
            expect(page.locator("#preview-text")).to_have_text(text)
            expect(page.locator("#preview-learned")).to_have_text(learned)
            expect(page.locator(f"#text-{item_id}")).to_have_text(text)
            # An edit keeps it literal too.
            page.locator("#edit-text").press("End")
            page.keyboard.type(" <b>&nbsp;</b>")
            expect(page.locator("#preview-text")).to_have_text(f"{text} <b>&nbsp;</b>")
            page.keyboard.press("Control+s")
            expect(page.locator(f"#text-{item_id}")).to_have_text(f"{text} <b>&nbsp;</b>")
            expect(page.locator("#editor-original")).to_contain_text(text)
            expect(page.locator("#undo")).to_have_text(f"Undo edit “{excerpt(text)}”")
            injected = "img:not(#setup-logo-preview), b, #editor script, main script"
            assert page.locator(injected).count() == 0  # the logo's preview is the page's own
            assert page.evaluate("() => window.pwned") is None
            assert dialogs == []

        await moderator.run(literal)
        saved = items_by_id(await host.snapshot())[item_id]
        assert saved["text"] == f"{text} <b>&nbsp;</b>"
        assert moderator.console_errors == []


async def test_word_lists(tmp_path: Path) -> None:
    async with moderated(tmp_path) as (host, chromium):
        item_id = await host.submit("I mentioned Riverside Estate by name in a public post.")
        requests: list[Request] = []
        moderator = await open_page(chromium, host.page_url, requests)

        def edit_lists(page: Page) -> None:
            # A draft is open while the lists change (the host sends a new snapshot).
            select_card(page, item_id)
            page.fill("#edit-text", "I mentioned an estate by name in a public post.")
            page.click("#word-lists-open")
            expect(page.locator("#word-lists")).to_be_visible()
            expect(page.locator("#local-names")).to_have_value("")
            page.fill("#local-names", "Riverside Estate\n\n  riverside estate \nOak Lane")
            page.fill("#watch-words", "overdose")
            page.click("#word-lists-save")
            expect(page.locator("#word-lists")).to_be_hidden()
            expect(page.locator("#toast")).to_have_text("Word lists saved.")
            expect(page.locator("#word-lists-open")).to_be_focused()
            # The draft survived the snapshot.
            expect(page.locator("#edit-text")).to_have_value(
                "I mentioned an estate by name in a public post."
            )
            expect(page.locator("#editor-draft")).to_have_text("Not saved yet.")
            page.click("#word-lists-open")
            expect(page.locator("#local-names")).to_have_value("Riverside Estate\nOak Lane")
            expect(page.locator("#watch-words")).to_have_value("overdose")
            page.keyboard.press("Escape")
            expect(page.locator("#word-lists")).to_be_hidden()
            page.click("#discard-edit")

        await moderator.run(edit_lists)
        snapshot = await host.snapshot()
        assert snapshot["word_lists"] == {
            "local_names": ["Riverside Estate", "Oak Lane"],
            "watch_words": ["overdose"],
        }
        assert posted_commands(requests) == [
            {
                "command": "set_word_lists",
                "local_names": ["Riverside Estate", "riverside estate", "Oak Lane"],
                "watch_words": ["overdose"],
            }
        ]
        item = items_by_id(snapshot)[item_id]

        def flag_as_the_host_says(page: Page) -> None:
            flag = page.locator("#editor-flag")
            if item["flagged"]:
                expect(flag).to_have_text("⚑ Flagged")
                expect(page.locator("#editor mark.hint-flag")).to_have_text(["Riverside Estate"])
            else:
                expect(flag).to_be_hidden()

        await moderator.run(flag_as_the_host_says)

        def follows(page: Page) -> None:
            page.click("#word-lists-open")
            expect(page.locator("#local-names")).to_have_value("Riverside Estate\nOak Lane")
            # Another moderator changes the lists: the open dialog, untouched, follows.
            command_now(host.app, "set_word_lists", local_names=["Elm Court"], watch_words=[])
            expect(page.locator("#local-names")).to_have_value("Elm Court")
            expect(page.locator("#watch-words")).to_have_value("")
            page.keyboard.press("Escape")
            expect(page.locator("#editor-id")).to_have_text(f"#{item_id}")

        await moderator.run(follows)
        assert moderator.console_errors == []
