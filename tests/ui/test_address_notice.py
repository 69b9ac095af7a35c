"""The laptop's address changes mid-session: the console, the join panel and the projector
follow the host, and the console says what it means for phones already in.

The laptop's network is simulated (``tests.simulated_network``): the host listens on
loopback and follows the simulated interfaces as it would listening on every one.
"""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
from pytestqt.qtbot import QtBot

from facilitator.join.addresses import join_link
from facilitator.join.network_checks import address_change_text
from facilitator.protocol.moderator import Address, HostStatus
from facilitator.ui.console import ConsoleWindow
from tests.desktop_harness import running_desktop
from tests.simulated_network import LOOPBACK, NEW_WIFI, WIFI, SimulatedNetwork
from tests.ui.local_host import LocalHost
from tests.ui.test_console_room import CATALOG
from tests.waiting import wait_until


async def test_the_console_follows_the_laptop_to_a_new_network(tmp_path: Path) -> None:
    network = SimulatedNetwork(LOOPBACK, WIFI)
    async with running_desktop(tmp_path, laptop=network.laptop()) as desktop:
        console, projector = desktop.console, desktop.projector
        port = desktop.link.port
        assert desktop.link.join_url == f"http://192.168.1.23:{port}/"
        assert not console.address_notice.isVisible()

        network.pairs = [LOOPBACK, NEW_WIFI]  # the laptop is on another network now

        new_url = f"http://10.0.0.5:{port}/"
        notice = console.address_notice
        await wait_until(notice.isVisible)
        assert notice.text.text() == (
            f"The laptop's address changed (it was 192.168.1.23): phones now join at "
            f"{new_url} and the QR codes show it. Phones that joined before cannot "
            "reconnect by themselves unless the laptop gets its old address back: ask them "
            "to scan the QR code again."
        )
        assert console.join_panel.join_url_label.text() == new_url
        assert console.join_panel.qr.url() == new_url
        await wait_until(lambda: projector.qr.url() == new_url)
        assert projector.join_label.text() == new_url.removeprefix("http://").rstrip("/")

        notice.dismiss_button.click()
        assert not notice.isVisible()
        network.pairs = [LOOPBACK, ("wlan0", "10.0.0.9")]  # and again: said again
        await wait_until(notice.isVisible)
        assert "(it was 10.0.0.5)" in notice.text.text()


def test_the_notice_says_nothing_until_the_address_changes(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost
) -> None:
    notice = console.address_notice
    assert not notice.isVisible()
    status = local.feed.host_status
    local.feed.set_host_status(
        msgspec.structs.replace(status, address_changes=1, address_changed_from="127.0.0.1")
    )
    qtbot.waitUntil(notice.isVisible)
    assert notice.text.text().startswith("The laptop is on a network now: phones join at")
    notice.dismiss()
    # A host started again counts afresh: its first change is shown.
    local.feed.set_host_status(status)
    local.feed.set_host_status(
        msgspec.structs.replace(status, address_changes=1, address_changed_from="10.1.1.1")
    )
    qtbot.waitUntil(notice.isVisible)


def test_the_console_and_the_moderator_page_say_the_same() -> None:
    catalog = json.loads(CATALOG.read_text(encoding="utf-8"))
    now = join_link(
        "10.0.0.5",
        8737,
        "s",
        (Address("10.0.0.5", "wlan0"), Address("192.168.1.23", "eth0")),
    )
    url = now.join_url

    def page(key: str, before: str) -> str:
        text: str = catalog[f"mod.address.{key}"]
        return text.replace("{url}", url).replace("{before}", before)

    def console(before: str) -> str:
        return address_change_text(HostStatus(address_changes=1, address_changed_from=before), now)

    assert console("172.16.0.9") == page("changed", "172.16.0.9")
    assert console("192.168.1.23") == page("better", "192.168.1.23")
    assert console("127.0.0.1") == page("network", "127.0.0.1")
