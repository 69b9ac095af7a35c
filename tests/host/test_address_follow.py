"""When the laptop's address changes mid-session, the join link, the names the host
answers to, mDNS and the moderators follow.

No real network changes here: the laptop's interfaces are a list the test changes
(``tests.simulated_network``); the host listens on loopback alone and follows them as it
would listening on every interface (``follow_addresses=True``); mDNS is a fake that
records what it is asked to advertise. Every request still goes to 127.0.0.1: a
``Host`` header names the simulated address.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core.errors import CommandRefused
from facilitator.host.discovery import Discovery
from facilitator.host.laptop_addresses import Interface, LaptopAddresses
from facilitator.host.links import JoinLinks
from facilitator.host.session_host import HostOptions, SessionHost
from facilitator.protocol.moderator import JoinLink
from tests.host.harness import receive_until
from tests.http_client import http_client
from tests.simulated_network import LOOPBACK, NEW_WIFI, WIFI, SimulatedNetwork
from tests.waiting import wait_until

ETHERNET = ("eth0", "172.16.4.9")
DOCKER = ("docker0", "172.17.0.1")


class RecordingDiscovery(Discovery):
    """mDNS that only notes what it was asked to advertise (nothing is sent)."""

    def __init__(self) -> None:
        super().__init__()
        self.advertised: list[tuple[str, int]] = []

    async def start(self, ip: str, port: int) -> bool:
        self.advertised.append((ip, port))
        return False


def links_on(*pairs: Interface) -> tuple[JoinLinks, list[JoinLink]]:
    links = JoinLinks.for_server("0.0.0.0", 8737, "secret", list(pairs))
    heard: list[JoinLink] = []
    links.subscribe(heard.append)
    return links, heard


def ips(link: JoinLink) -> list[str]:
    return [candidate.ip for candidate in link.candidates]


# The join link's rules


def test_a_gone_address_gives_way_to_the_best_one_now() -> None:
    links, heard = links_on(LOOPBACK, WIFI, DOCKER)
    assert links.link.host_ip == "192.168.1.23"

    link = links.follow([LOOPBACK, NEW_WIFI, DOCKER])

    assert link is not None and link.join_url == "http://10.0.0.5:8737/"
    assert link.moderator_url == "http://10.0.0.5:8737/moderator/secret/"
    assert ips(link) == ["10.0.0.5", "172.17.0.1"]
    assert heard == [link]  # the feed (join.changed) and mDNS hear it
    assert links.follow([LOOPBACK, NEW_WIFI, DOCKER]) is None  # nothing new: nothing sent


def test_the_facilitators_choice_is_kept_while_the_laptop_has_it() -> None:
    links, heard = links_on(WIFI, ETHERNET)
    links.use("172.16.4.9")
    heard.clear()

    link = links.follow([WIFI, ETHERNET, DOCKER])  # a container starts: the list grows
    assert link is not None and link.host_ip == "172.16.4.9"
    assert ips(link) == ["192.168.1.23", "172.16.4.9", "172.17.0.1"]

    link = links.follow([WIFI, DOCKER])  # the cable is pulled: the best one now
    assert link is not None and link.host_ip == "192.168.1.23"
    assert links.follow([WIFI, ETHERNET, DOCKER]) is not None  # back, but no longer chosen
    assert links.link.host_ip == "192.168.1.23"
    assert len(heard) == 3


def test_an_address_not_chosen_moves_to_a_better_one() -> None:
    links, _ = links_on(LOOPBACK, ("tun0", "10.8.0.2"))  # only a VPN at first
    assert links.link.host_ip == "10.8.0.2"
    link = links.follow([LOOPBACK, ("tun0", "10.8.0.2"), WIFI])  # the Wi-Fi connects
    assert link is not None and link.host_ip == "192.168.1.23"


def test_with_no_address_at_all_the_link_stays_until_one_comes() -> None:
    links, _ = links_on(LOOPBACK, WIFI)
    link = links.follow([LOOPBACK])  # the Wi-Fi drops
    assert link is not None and link.host_ip == "192.168.1.23" and link.candidates == ()
    link = links.follow([LOOPBACK, WIFI])  # back with the same address: phones reconnect
    assert link is not None and link.host_ip == "192.168.1.23" and ips(link) == ["192.168.1.23"]


def test_a_laptop_started_without_a_network_joins_one() -> None:
    links, _ = links_on(LOOPBACK)
    assert links.link.host_ip == "127.0.0.1"
    link = links.follow([LOOPBACK, WIFI])
    assert link is not None and link.join_url == "http://192.168.1.23:8737/"


def test_a_host_bound_to_one_address_stays_on_it() -> None:
    links = JoinLinks.for_server("192.168.1.23", 8737, "secret", [WIFI])
    assert links.follow([NEW_WIFI]) is None
    assert links.link.host_ip == "192.168.1.23"
    with pytest.raises(CommandRefused):
        links.use("10.0.0.5")


# Reading the laptop's addresses


def test_a_change_is_followed_once_two_readings_agree() -> None:
    network = SimulatedNetwork(LOOPBACK, WIFI)
    laptop = LaptopAddresses(network)
    heard: list[tuple[Interface, ...]] = []
    laptop.subscribe(heard.append)

    network.pairs = [LOOPBACK]  # a Wi-Fi that drops for a moment…
    assert laptop.poll() is False
    network.pairs = [LOOPBACK, WIFI]  # …and is back: nothing to follow
    assert laptop.poll() is False
    network.pairs = [LOOPBACK, NEW_WIFI]
    assert laptop.poll() is False
    assert laptop.poll() is True
    assert heard == [(LOOPBACK, NEW_WIFI)]  # sorted by interface name
    assert laptop.poll() is False


def test_the_laptop_is_loopback_and_its_own_addresses() -> None:
    network = SimulatedNetwork(LOOPBACK, WIFI)
    on_a_laptop = LaptopAddresses(network)
    assert on_a_laptop.is_laptop("127.0.0.1") and on_a_laptop.is_laptop("127.0.0.9")
    assert on_a_laptop.is_laptop("192.168.1.23") and on_a_laptop.is_laptop(None)
    assert not on_a_laptop.is_laptop("192.168.1.40")
    assert on_a_laptop.is_laptop("::1") and on_a_laptop.is_laptop("::ffff:192.168.1.23")
    assert not on_a_laptop.is_laptop("::ffff:192.168.1.40")
    assert not on_a_laptop.is_laptop("not an address")

    # In tests, simulated phones speak from 127.0.0.2 and on: other devices.
    in_tests = LaptopAddresses(network, loopback_is_laptop=False)
    assert in_tests.is_laptop("127.0.0.1") and not in_tests.is_laptop("127.0.0.2")

    network.pairs = [LOOPBACK, NEW_WIFI]
    on_a_laptop.poll()
    on_a_laptop.poll()
    assert on_a_laptop.is_laptop("10.0.0.5") and not on_a_laptop.is_laptop("192.168.1.23")


def test_a_failed_reading_changes_nothing() -> None:
    network = SimulatedNetwork(LOOPBACK, WIFI)
    laptop = LaptopAddresses(network)

    def failing() -> list[Interface]:
        raise OSError("interface went away while read")

    laptop._read = failing
    assert laptop.poll() is False and laptop.poll() is False
    assert laptop.interfaces == (LOOPBACK, WIFI)


# The whole host


async def test_link_names_mdns_and_moderators_follow_a_new_network(tmp_path: Path) -> None:
    network = SimulatedNetwork(LOOPBACK, WIFI)
    laptop = network.laptop()
    discovery = RecordingDiscovery()
    options = HostOptions(tmp_path, host="127.0.0.1", port=0, new_session=True)
    host = SessionHost(options, laptop=laptop, discovery=discovery, follow_addresses=True)
    link = await host.start()
    try:
        port = link.port
        assert link.join_url == f"http://192.168.1.23:{port}/"
        base = f"http://127.0.0.1:{port}"
        secret = link.moderator_url.rstrip("/").rsplit("/", 1)[1]
        async with (
            http_client() as http,
            http.ws_connect(f"ws://127.0.0.1:{port}/moderator/{secret}/ws") as moderator,
        ):
            snapshot = await receive_until(moderator, "moderator.snapshot")
            assert snapshot["payload"]["host"]["address_changes"] == 0

            network.pairs = [LOOPBACK, NEW_WIFI]  # the laptop moved to another network

            changed = await receive_until(moderator, "join.changed")
            join = changed["payload"]["join"]
            assert join["join_url"] == f"http://10.0.0.5:{port}/"
            assert join["moderator_url"] == f"http://10.0.0.5:{port}/moderator/{secret}/"
            assert join["candidates"] == [{"ip": "10.0.0.5", "interface": "wlan0"}]
            status = (await receive_until(moderator, "host.changed"))["payload"]["host"]
            assert (status["address_changes"], status["address_changed_from"]) == (
                1,
                "192.168.1.23",
            )
            assert host.link.host_ip == "10.0.0.5"

            # The host answers to the new address, and no longer to the old one.
            for name, expected in ((f"10.0.0.5:{port}", 200), (f"192.168.1.23:{port}", 403)):
                async with http.get(f"{base}/", headers={"Host": name}) as reply:
                    assert reply.status == expected, name

        await wait_until(lambda: discovery.advertised[-1:] == [("10.0.0.5", port)])
        assert discovery.advertised == [("192.168.1.23", port), ("10.0.0.5", port)]
    finally:
        await host.stop()
