"""The console and the room: phones on a shared address (their agreements counted apart
until the facilitator counts them) and confessions waiting because they came too fast."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from facilitator.core.model import Sharing
from facilitator.core.session import SessionService
from facilitator.protocol.commands import EndSession
from facilitator.protocol.moderator import Room
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.room_banner import apart_text, counted_text, room_text, waiting_text
from tests.desktop_harness import running_desktop
from tests.ui.helpers import participant
from tests.ui.test_console import click
from tests.ui.test_console_editing import shown
from tests.waiting import wait_until

CATALOG = Path(__file__).resolve().parents[2] / "participant_web" / "i18n" / "en.json"


def voters(service: SessionService, item_id: int, count: int, *, shared: bool) -> list[int]:
    """``count`` phones agree with ``item_id``; ``shared``: from a shared address."""
    sharing = Sharing.SET_APART if shared else Sharing.OWN_ADDRESS
    phones = [service.participant(service.join(sharing)) for _ in range(count)]
    for phone in phones:
        service.set_agreement(phone, item_id, True)
    return phones


def never(author_id: int) -> bool:
    """The host's pace saying "not yet" to every author."""
    return False


def on_card(console: ConsoleWindow) -> tuple[str, str]:
    """The "On screen now" card's count, and what it says is set apart ("" when hidden)."""
    set_apart = console.now_set_apart
    return console.now_count.text(), set_apart.text() if set_apart.isVisibleTo(console) else ""


def shown_detail(console: ConsoleWindow, item_id: int) -> str:
    (entry,) = (e for e in console.shown_list.entries() if e.confession_id == item_id)
    return entry.detail


def test_phones_on_a_shared_address_are_counted_apart_until_counted(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    banner = console.room_banner
    assert not banner.isVisibleTo(console)
    item = shown(service, "I approved my own expense claim.")
    voters(service, item, 2, shared=False)
    voters(service, item, 3, shared=True)
    qtbot.waitUntil(lambda: on_card(console) == ("Been there · 2", "+3 set apart"))
    assert banner.isVisibleTo(console)
    assert banner.text_label.text() == (
        "3 phones share a network address: a venue network, or someone adding votes. "
        "Their “Been there” is counted apart."
    )
    assert banner.count_button.isVisibleTo(console)
    assert not banner.apart_button.isVisibleTo(console)
    qtbot.waitUntil(lambda: shown_detail(console, item) == "2 · +3 set apart")

    click(qtbot, banner.count_button)
    assert service.item(item).agreement_count == 5
    assert service.room().shared_counted == 3
    qtbot.waitUntil(lambda: on_card(console) == ("Been there · 5", ""))
    assert banner.text_label.text() == "3 phones on a shared address are counted."
    assert banner.apart_button.isVisibleTo(console)
    assert not banner.count_button.isVisibleTo(console)
    assert banner.apart_button.hasFocus()  # the keys stay in the banner
    qtbot.waitUntil(lambda: shown_detail(console, item) == "Been there · 5")

    click(qtbot, banner.apart_button)
    assert service.item(item).agreement_count == 2
    qtbot.waitUntil(lambda: on_card(console) == ("Been there · 2", "+3 set apart"))
    assert banner.count_button.isVisibleTo(console)
    qtbot.waitUntil(lambda: shown_detail(console, item) == "2 · +3 set apart")


def test_phones_found_sharing_later_are_set_apart_back_to_the_start(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    item = shown(service, "I blamed the printer for a typo of mine.")
    voters(service, item, 1, shared=False)
    crowd = voters(service, item, 5, shared=False)
    qtbot.waitUntil(lambda: on_card(console) == ("Been there · 6", ""))
    service.mark_shared(crowd)
    qtbot.waitUntil(lambda: on_card(console) == ("Been there · 1", "+5 set apart"))
    assert console.room_banner.text_label.text().startswith("5 phones share a network address")
    # A new agreement from a shared address lands beside the count, not in it.
    voters(service, item, 1, shared=True)
    qtbot.waitUntil(lambda: on_card(console) == ("Been there · 1", "+6 set apart"))


def test_once_counted_an_address_found_shared_later_is_set_apart_again(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    item = shown(service, "I told the client the report was nearly done. It was not begun.")
    voters(service, item, 4, shared=True)
    click(qtbot, console.room_banner.count_button)
    qtbot.waitUntil(lambda: on_card(console) == ("Been there · 4", ""))
    service.mark_shared(voters(service, item, 2, shared=False))
    qtbot.waitUntil(lambda: on_card(console) == ("Been there · 4", "+2 set apart"))
    banner = console.room_banner
    assert banner.text_label.text() == (
        "2 phones share a network address: a venue network, or someone adding votes. "
        "Their “Been there” is counted apart. "
        "4 phones on a shared address are counted."
    )
    assert banner.count_button.isVisibleTo(console) and banner.apart_button.isVisibleTo(console)


def test_confessions_sent_too_fast_are_said_to_wait(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    assert not console.waiting_label.isVisibleTo(console)
    phone = participant(service)
    for number in range(5):
        service.submit(phone, f"client-id-{number:03d}", f"Confession {number}", may_enter=never)
    assert console.incoming_list.count() == 0
    qtbot.waitUntil(lambda: console.waiting_label.isVisibleTo(console))
    assert console.waiting_label.text() == "5 more waiting (sent too fast)"
    assert service.release_waiting(lambda author: True) == 1  # one at a time per author
    qtbot.waitUntil(lambda: console.waiting_label.text() == "4 more waiting (sent too fast)")
    assert console.incoming_list.count() == 1


def test_nothing_is_said_about_an_ordinary_room_or_an_ended_session(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    item = shown(service, "I ate the last biscuit and blamed the intern.")
    voters(service, item, 3, shared=False)
    qtbot.waitUntil(lambda: on_card(console) == ("Been there · 3", ""))
    assert not console.room_banner.isVisibleTo(console)
    assert not console.waiting_label.isVisibleTo(console)
    voters(service, item, 1, shared=True)
    service.submit(participant(service), "client-id-123", "Too fast", may_enter=never)
    qtbot.waitUntil(lambda: console.room_banner.isVisibleTo(console))
    assert console.room_banner.text_label.text().startswith(
        "1 phone is on a shared network address"
    )
    assert console.waiting_label.isVisibleTo(console)
    service.execute(EndSession())
    qtbot.waitUntil(lambda: not console.room_banner.isVisibleTo(console))
    assert not console.waiting_label.isVisibleTo(console)


def test_the_console_and_the_moderator_page_say_it_in_the_same_words() -> None:
    catalog = json.loads(CATALOG.read_text(encoding="utf-8"))

    def page(key: str, count: int, label: str = "") -> str:
        rule = "one" if count == 1 else "other"
        text: str = catalog[f"{key}.{rule}"]
        return text.replace("{count}", str(count)).replace("{label}", label)

    for phones in (1, 38):
        assert apart_text(phones, "Me too") == page("mod.room.apart", phones, "Me too")
        assert counted_text(phones) == page("mod.room.counted", phones)
    both = Room(shared_apart=2, shared_counted=38, waiting=0)
    assert room_text(both, "Me too") == f"{apart_text(2, 'Me too')} {counted_text(38)}"
    for waiting in (1, 5):
        assert waiting_text(waiting) == page("mod.waiting", waiting)
    assert catalog["mod.set_apart"] == "+{count} set apart"
    assert (catalog["mod.room.count"], catalog["mod.room.set_apart"]) == (
        "Count them",
        "Set them apart",
    )


async def test_count_them_goes_to_the_host_over_the_connection(tmp_path: Path) -> None:
    async with running_desktop(tmp_path) as desktop:
        service, console = desktop.service, desktop.console
        item = shown(service, "I replied all to a company-wide email.")
        voters(service, item, 1, shared=False)
        voters(service, item, 4, shared=True)
        await wait_until(lambda: on_card(console) == ("Been there · 1", "+4 set apart"))
        console.room_banner.count_button.click()
        await wait_until(lambda: service.item(item).agreement_count == 5)
        await wait_until(lambda: on_card(console) == ("Been there · 5", ""))
        assert console.room_banner.apart_button.isVisibleTo(console)
