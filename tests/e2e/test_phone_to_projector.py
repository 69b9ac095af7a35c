"""A whole confession, phone to projector, through the real app and a real browser.

The host and the desktop app run in this process on the qasync loop, the app with
its real windows (offscreen), connected to the host over a real socket; Chromium
opens the join URL through a non-localhost origin, so the page runs as an insecure
context exactly as on a LAN IP.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from facilitator.core.model import ItemState
from facilitator.protocol.commands import Approve, CountShared, Project
from tests.desktop_harness import Desktop, running_desktop
from tests.e2e.browser import LAN_HOST, BrowserPhone, BrowserThread
from tests.waiting import wait_until

pytestmark = pytest.mark.browser
# Typed as people type: code and markup are text, shown exactly as written everywhere.
TYPED = "I tested only on <localhost> & shipped List<String> with &nbsp; in it."
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@asynccontextmanager
async def browser() -> AsyncIterator[BrowserThread]:
    thread = BrowserThread()
    await thread.start()
    try:
        yield thread
    finally:
        await thread.stop()


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def lan_url(app: Desktop) -> str:
    return f"http://{LAN_HOST}:{app.link.port}/"


async def test_confession_from_phone_to_projector_and_agreement_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    async with running_desktop(tmp_path) as app, browser() as chromium:
        service, console, projector = app.service, app.console, app.projector
        phone = BrowserPhone(chromium)
        await phone.open(lan_url(app))
        assert await phone.run(lambda page: page.evaluate("window.isSecureContext")) is False

        def confess(page: Page) -> None:
            page.fill("#confession-text", TYPED)
            page.fill("#learned-text", "Test where the users are.")
            page.click("#send-button")
            expect(page.locator("#send-status")).to_have_attribute("data-state", "arrived")

        await phone.run(confess)
        await wait_until(lambda: console.incoming_list.count() == 1)
        [confession] = service.items()
        assert confession.text == TYPED
        assert confession.learned == "Test where the users are."

        console.incoming_list.select_id(confession.id)
        click(qtbot, console.approve_button)
        await wait_until(lambda: console.queue_list.count() == 1)
        console.queue_list.select_id(confession.id)
        click(qtbot, console.project_button)
        await wait_until(lambda: projector.confession_label.text() == TYPED)
        assert service.item(confession.id).state is ItemState.SHOWN
        assert projector.count_label.text() == "Been there · 0"

        def see_and_agree(page: Page) -> str:
            expect(page.locator("#projected-text")).to_have_text(TYPED)
            expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
            phone.requests.clear()
            page.click("#agree-button")
            expect(page.locator("#agree-count")).to_have_text("1")
            page.screenshot(path=str(ARTIFACTS / "phone-agreed.png"))
            return page.get_attribute("#agree-button", "aria-pressed") or ""

        assert await phone.run(see_and_agree) == "true"
        # The agreement went over the phone's live socket: no HTTP request beside it.
        assert "POST /api/messages" not in phone.requests
        await wait_until(lambda: projector.count_label.text() == "Been there · 1")
        assert service.item(confession.id).agreement_count == 1
        projector.grab().save(str(ARTIFACTS / "projector-agreed.png"))

        # A reload is the same participant: the button stays pressed, no second vote.
        def reload_and_read(page: Page) -> tuple[str, str]:
            page.reload()
            expect(page.locator("#agree-button")).to_have_attribute("aria-pressed", "true")
            expect(page.locator("#agree-count")).to_have_text("1")
            page.click("#agree-button")  # takes the agreement back
            expect(page.locator("#agree-count")).to_have_text("0")
            page.click("#agree-button")
            expect(page.locator("#agree-count")).to_have_text("1")
            return (
                page.get_attribute("#agree-button", "aria-pressed") or "",
                page.text_content("#agree-count") or "",
            )

        pressed, count = await phone.run(reload_and_read)
        assert (pressed, count.strip()) == ("true", "1")
        await wait_until(lambda: projector.count_label.text() == "Been there · 1")
        assert service.item(confession.id).agreement_count == 1
        assert phone.console_errors == []
        await phone.close()


async def test_a_second_phone_sees_the_count_of_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    async with running_desktop(tmp_path) as app, browser() as chromium:
        service = app.service
        token = service.join()
        author = service.participant(token)
        confession_id = service.submit(
            author, "client-e2e-0001", "I skipped the backup."
        ).confession_id
        service.execute(Approve(confession_id))
        service.execute(Project(confession_id))
        first, second = BrowserPhone(chromium), BrowserPhone(chromium)
        await first.open(lan_url(app))
        await second.open(lan_url(app))
        for phone in (first, second):
            await phone.run(
                lambda page: expect(page.locator("#projected-text")).to_have_text(
                    "I skipped the backup."
                )
            )
        # Both pages come from the laptop's one address, so the second flagged both as on
        # a shared address: the facilitator counts them, as after trying it out alone.
        await wait_until(lambda: service.room().shared_apart == 2)
        service.execute(CountShared(counted=True))
        await first.run(lambda page: page.click("#agree-button"))
        await second.run(lambda page: expect(page.locator("#agree-count")).to_have_text("1"))
        await wait_until(lambda: app.projector.count_label.text() == "Been there · 1")
        assert first.console_errors == [] and second.console_errors == []
        await first.close()
        await second.close()


async def test_phones_reconnect_and_their_outbox_arrives_after_a_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    async with browser() as chromium:
        phone = BrowserPhone(chromium)
        async with running_desktop(tmp_path) as app:
            service = app.service
            author = service.participant(service.join())
            shown = service.submit(author, "client-e2e-0002", "I never tested a restore.")
            service.execute(Approve(shown.confession_id))
            service.execute(Project(shown.confession_id))
            await phone.open(lan_url(app))
            await phone.run(
                lambda page: expect(page.locator("#connection-status")).to_have_attribute(
                    "data-state", "live"
                )
            )
            await phone.run(lambda page: page.click("#agree-button"))
            await wait_until(lambda: service.item(shown.confession_id).agreement_count == 1)

        def confess_while_away(page: Page) -> None:
            expect(page.locator("#connection-status")).to_have_attribute(
                "data-state", "reconnecting"
            )
            page.fill("#confession-text", "I sent this while the laptop was restarting.")
            page.click("#send-button")
            expect(page.locator("#send-status")).to_have_attribute("data-state", "saved")

        await phone.run(confess_while_away)

        async with running_desktop(tmp_path, port=None, new_session=False) as app:
            service = app.service

            def back_live(page: Page) -> None:
                expect(page.locator("#connection-status")).to_have_attribute(
                    "data-state", "live", timeout=20_000
                )
                expect(page.locator("#send-status")).to_have_attribute(
                    "data-state", "arrived", timeout=20_000
                )
                expect(page.locator("#agree-button")).to_have_attribute("aria-pressed", "true")
                expect(page.locator("#agree-count")).to_have_text("1")

            await phone.run(back_live)
            texts = [c.text for c in service.items()]
            assert texts.count("I sent this while the laptop was restarting.") == 1
            await wait_until(lambda: app.console.incoming_list.count() == 1)
            assert service.item(shown.confession_id).agreement_count == 1
        await phone.close()
