"""The moderator page says when the laptop's address changed, and what it means for phones.

The host serves the page; its stream is scripted (``test_moderator_stream.py``): a
``join.changed`` and a ``host.changed`` as the host sends them when the laptop moves to
another network (``tests/host/test_address_follow.py`` checks the host's side).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_moderator_stream import item, message, scripted_page, snapshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NEW_JOIN = {
    "join_url": "http://10.0.0.5:8737/",
    "moderator_url": "http://10.0.0.5:8737/moderator/s/",
    "host_ip": "10.0.0.5",
    "port": 8737,
    "candidates": [{"ip": "10.0.0.5", "interface": "wlan0"}],
}


def host(changes: int, before: str) -> dict[str, object]:
    return {
        "keeping_awake": True,
        "awake_detail": "",
        "rehearsal_phones": 0,
        "rehearsal_detail": "",
        "phone_page_seen": True,
        "address_changes": changes,
        "address_changed_from": before,
    }


async def test_the_page_says_the_address_changed_until_dismissed(tmp_path: Path) -> None:
    async with scripted_page(tmp_path, lambda: snapshot(5, [item(1)])) as (page, scripted):

        def changed(page: Page) -> None:
            banner = page.locator("#address-banner")
            expect(banner).to_be_hidden()
            scripted.send(message("join.changed", seq=6, join=NEW_JOIN))
            scripted.send(message("host.changed", seq=7, host=host(1, "192.0.2.1")))
            expect(banner).to_be_visible()
            expect(page.locator("#address-text")).to_have_text(
                "The laptop's address changed (it was 192.0.2.1): phones now join at "
                "http://10.0.0.5:8737/ and the QR codes show it. Phones that joined before "
                "cannot reconnect by themselves unless the laptop gets its old address back: "
                "ask them to scan the QR code again."
            )
            page.click("#address-dismiss")
            expect(banner).to_be_hidden()
            # The next change shows it again: a better address, the old one still there.
            again = {
                **NEW_JOIN,
                "join_url": "http://10.0.0.9:8737/",
                "host_ip": "10.0.0.9",
                "candidates": [
                    {"ip": "10.0.0.9", "interface": "wlan0"},
                    {"ip": "10.0.0.5", "interface": "eth0"},
                ],
            }
            scripted.send(message("join.changed", seq=8, join=again))
            scripted.send(message("host.changed", seq=9, host=host(2, "10.0.0.5")))
            expect(banner).to_be_visible()
            expect(page.locator("#address-text")).to_have_text(
                "The join link moved to a better address of this laptop: phones join at "
                "http://10.0.0.9:8737/ and the QR codes show it. Phones that joined at "
                "10.0.0.5 stay connected."
            )

        await page.run(changed)
