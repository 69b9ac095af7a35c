"""The words of the sheet for the venue's IT: address, port, isolation, the laptop's needs."""

from __future__ import annotations

from facilitator.join.addresses import join_link, rank_candidates
from facilitator.join.venue_sheet import BLANK_LINE, sheet_text, venue_sheet
from facilitator.protocol.moderator import JoinLink


def link(ip: str = "192.168.1.23", port: int = 8737) -> JoinLink:
    candidates = tuple(rank_candidates([("wlan0", "192.168.1.23"), ("eth0", "10.0.0.12")]))
    return join_link(ip, port, "secret-never-printed", candidates)


def test_address_port_and_link_come_first() -> None:
    sheet = venue_sheet(link(), wifi_name="Riverside Guest", phones_expected=120)
    facts = dict(sheet.facts)
    assert facts["Laptop's address"] == "192.168.1.23 (wlan0)"
    assert facts["Its other addresses"] == "10.0.0.12 (eth0)"
    assert facts["Port"].startswith("TCP 8737")
    assert facts["Phones open"] == "http://192.168.1.23:8737/"
    assert facts["Wi-Fi"] == "Riverside Guest"
    assert facts["Client isolation"] == "OFF for this Wi-Fi"
    assert facts["Phones expected"] == "about 120 at once"


def test_the_text_says_what_it_needs_to() -> None:
    text = sheet_text(venue_sheet(link(port=9000), wifi_name="Riverside Guest"))
    for needed in (
        "192.168.1.23",
        "TCP 9000",
        "http://192.168.1.23:9000/",
        "Client isolation must be OFF",
        "AP isolation",
        "guest isolation",
        "No internet access is needed",
        "mDNS (Bonjour) is optional",
        "hotspot",
        "5 to 10 phones",
        "travel router",
        "Power",
        "HDMI",
        "To stay on Riverside Guest",
        "The room's Wi-Fi: Riverside Guest",
    ):
        assert needed in text, needed


def test_never_the_moderator_link() -> None:
    text = sheet_text(venue_sheet(link()))
    assert "secret-never-printed" not in text
    assert "moderator" not in text


def test_without_the_optional_fields() -> None:
    sheet = venue_sheet(link())
    facts = dict(sheet.facts)
    assert "Phones expected" not in facts
    assert facts["Wi-Fi"] == "the room's Wi-Fi (not chosen yet)"
    assert sheet.subtitle == "For the venue's IT team"
    text = sheet_text(sheet)
    assert f"Name and phone: {BLANK_LINE}" in text
    assert "Each phone keeps one connection open" in text
    assert "DHCP leases" not in text


def test_event_phones_and_contact() -> None:
    sheet = venue_sheet(
        link(), event="  Retro 2026 ", phones_expected=300, contact=" Sam Lee, 07700 900123 "
    )
    assert sheet.subtitle == "For the venue's IT team · Retro 2026"
    text = sheet_text(sheet)
    assert "Expect about 300 phones at once" in text
    assert "DHCP leases" in text
    assert "Sam Lee, 07700 900123\n" in text
    assert BLANK_LINE not in text


def test_a_laptop_without_a_network_yet() -> None:
    offline = join_link("127.0.0.1", 8737, "s", ())
    sheet = venue_sheet(offline)
    facts = dict(sheet.facts)
    assert facts["Laptop's address"].startswith("none yet: connect the laptop")
    assert "Phones open" not in facts
    assert "Its other addresses" not in facts
    text = sheet_text(sheet)
    assert "127.0.0.1" not in text
    assert "TCP 8737" in text


def test_an_address_chosen_by_hand_that_is_not_a_candidate() -> None:
    sheet = venue_sheet(join_link("172.20.10.2", 8737, "s", ()))
    assert dict(sheet.facts)["Laptop's address"] == "172.20.10.2"
