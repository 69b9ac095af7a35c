"""What the laptop can check by itself when phones cannot reach it."""

from __future__ import annotations

from facilitator.join.addresses import choose_advertised, join_link
from facilitator.join.network_checks import (
    ADVICE,
    Level,
    address_change_check,
    address_change_text,
    address_checks,
)
from facilitator.protocol.moderator import HostStatus, JoinLink

LOOPBACK = ("lo", "127.0.0.1")
WIFI = ("wlan0", "192.168.1.23")


def link_on(*interfaces: tuple[str, str], host: str = "0.0.0.0") -> JoinLink:
    ip, candidates = choose_advertised(host, list(interfaces))
    return join_link(ip, 8737, "secret", candidates)


def test_one_good_address_is_all_right() -> None:
    [check] = address_checks([LOOPBACK, WIFI], link_on(LOOPBACK, WIFI))
    assert check.level is Level.OK
    assert check.text == "Phones join at 192.168.1.23 (wlan0): http://192.168.1.23:8737/"


def test_no_network_and_only_a_self_assigned_address_are_problems() -> None:
    link = link_on(LOOPBACK)
    [none] = address_checks([LOOPBACK], link)
    assert none.level is Level.PROBLEM and "on no network" in none.text
    [self_assigned] = address_checks([LOOPBACK, ("wlan0", "169.254.7.1")], link)
    assert self_assigned.level is Level.PROBLEM
    assert "only a self-assigned address (169.254.7.1)" in self_assigned.text


def test_several_addresses_are_named_with_the_way_to_choose() -> None:
    interfaces = [LOOPBACK, WIFI, ("docker0", "172.17.0.1")]
    link_check, several = address_checks(interfaces, link_on(*interfaces))
    assert link_check.level is Level.OK
    assert several.level is Level.NOTE
    assert "2 addresses: 192.168.1.23 (wlan0), 172.17.0.1 (docker0)" in several.text
    assert "Addresses of this laptop" in several.text


def test_a_link_phones_cannot_use_is_a_problem() -> None:
    vpn = [LOOPBACK, ("tun0", "10.8.0.2")]
    [on_vpn] = address_checks(vpn, link_on(*vpn))
    assert on_vpn.level is Level.PROBLEM and "VPN or virtual adapter" in on_vpn.text
    [loopback, _] = address_checks([LOOPBACK, WIFI, ("eth0", "10.0.0.5")], link_on(LOOPBACK))
    assert loopback.level is Level.PROBLEM and "works on this laptop only" in loopback.text
    [gone] = address_checks([LOOPBACK, ("wlan0", "10.0.0.7")], link_on(WIFI))
    assert gone.level is Level.PROBLEM
    assert "(192.168.1.23) is not this laptop's any more" in gone.text


def test_an_address_change_is_explained_honestly() -> None:
    now = link_on(LOOPBACK, ("wlan0", "10.0.0.5"))
    assert address_change_text(HostStatus(), now) == ""
    assert address_change_check(HostStatus(), now).level is Level.OK

    moved = HostStatus(address_changes=1, address_changed_from="192.168.1.23")
    text = address_change_text(moved, now)
    assert text.startswith("The laptop's address changed (it was 192.168.1.23): phones now")
    assert "http://10.0.0.5:8737/" in text
    assert "cannot reconnect by themselves unless the laptop gets its old address back" in text
    assert address_change_check(moved, now).level is Level.NOTE

    both = link_on(("eth0", "192.168.1.23"), ("wlan0", "10.0.0.5"))
    still_there = address_change_text(moved, join_link("10.0.0.5", 8737, "s", both.candidates))
    assert "Phones that joined at 192.168.1.23 stay connected." in still_there

    from_nowhere = HostStatus(address_changes=1, address_changed_from="127.0.0.1")
    assert address_change_text(from_nowhere, now).startswith("The laptop is on a network now")


def test_the_advice_covers_what_the_laptop_cannot_see() -> None:
    words = " ".join(f"{title} {text}" for title, text in ADVICE).lower()
    for needed in (
        "same wi-fi",
        "client isolation",
        "hotspot",
        "5 to 10 phones",
        "travel router",
        "mobile data off",
    ):
        assert needed in words
