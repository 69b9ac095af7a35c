"""What the venue's IT needs to know, as the words of a one-page sheet.

Phones reach the laptop directly over the room's network; guest networks often
keep their clients apart (client isolation) and phones then cannot open the join
link. The sheet says which address and port to let through, what to turn off and
what the laptop needs. This module only builds the words (no Qt):
``facilitator.ui.venue_sheet`` lays them out on a page.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from facilitator.protocol.moderator import JoinLink

BLANK_LINE = "_" * 36
HOTSPOT_PHONES = "5 to 10"


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    bullets: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()  # after the bullets


@dataclass(frozen=True, slots=True)
class VenueSheet:
    title: str
    subtitle: str
    intro: str
    facts: tuple[tuple[str, str], ...]  # (label, value): what IT needs at a glance
    sections: tuple[Section, ...]


def _is_loopback(ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def _facts(join: JoinLink, wifi_name: str, phones_expected: int | None) -> list[tuple[str, str]]:
    offline = _is_loopback(join.host_ip)
    if offline:
        address = "none yet: connect the laptop to the room's network, then make this sheet again"
    else:
        used = next((c for c in join.candidates if c.ip == join.host_ip), None)
        address = used.label if used is not None else join.host_ip
    facts = [("Laptop's address", address)]
    others = [c.label for c in join.candidates if c.ip != join.host_ip]
    if others:
        facts.append(("Its other addresses", ", ".join(others)))
    facts.append(("Port", f"TCP {join.port} (HTTP and WebSocket, no HTTPS)"))
    if not offline:
        facts.append(("Phones open", join.join_url))
    facts.append(("Wi-Fi", wifi_name or "the room's Wi-Fi (not chosen yet)"))
    facts.append(("Client isolation", "OFF for this Wi-Fi"))
    if phones_expected:
        facts.append(("Phones expected", f"about {phones_expected} at once"))
    return facts


def _network_section(join: JoinLink, wifi_name: str, phones_expected: int | None) -> Section:
    heading = f"The room's Wi-Fi: {wifi_name}" if wifi_name else "The room's Wi-Fi"
    load = "Each phone keeps one connection open during the session; the traffic is light."
    if phones_expected:
        load = (
            f"Expect about {phones_expected} phones at once, each keeping one connection "
            f"open during the session; the traffic is light. Please make sure there are "
            f"enough addresses (DHCP leases) for them."
        )
    bullets = (
        "Client isolation must be OFF for this network (also called AP isolation, guest "
        "isolation, station separation or peer-to-peer blocking): the phones and the laptop "
        "are clients of the same network and must reach each other.",
        f"Phones must be able to open TCP connections to the laptop's address on port "
        f"{join.port}: the same network, or routed to it with that port allowed.",
        "If the network has a sign-in page, phones must reach the laptop without signing in.",
        load,
        "No internet access is needed, neither for the laptop nor for the phones. mDNS "
        "(Bonjour) is optional: the QR code carries the numeric address.",
        "Please keep the laptop's address the same for the whole event (a DHCP reservation "
        "helps): the QR code on the screen carries it.",
    )
    return Section(heading, bullets)


def venue_sheet(
    join: JoinLink,
    *,
    event: str = "",
    wifi_name: str = "",
    phones_expected: int | None = None,
    contact: str = "",
) -> VenueSheet:
    """The sheet for ``join`` (the host's join link: address, port, other addresses).

    ``wifi_name`` is the network phones join (empty: not chosen yet),
    ``phones_expected`` how many phones to expect (``None`` or 0: not known),
    ``contact`` who to call on the day (empty: a line to write on).
    """
    port = join.port
    network = wifi_name or "the room's Wi-Fi"
    offline = _is_loopback(join.host_ip)
    link = "the join link the laptop shows" if offline else "the link under Phones open"
    sections = (
        _network_section(join, wifi_name, phones_expected),
        Section(
            "If client isolation cannot be turned off",
            (
                f"The laptop can open its own Wi-Fi hotspot instead: a laptop's hotspot "
                f"holds roughly {HOTSPOT_PHONES} phones.",
                "For a bigger room, a travel router with isolation off, next to the laptop, "
                "works without any internet connection.",
            ),
        ),
        Section(
            "What the laptop needs",
            (
                "Power at the facilitator's table for the whole session.",
                "A cable to the projector or screen (HDMI; say if it is another connector).",
                f"To stay on {network} for the whole session. Its own firewall lets "
                f"phones in on TCP port {port} (the facilitator sees to that).",
            ),
        ),
        Section(
            "To check before the session",
            (),
            (
                f"While Confessional runs on the laptop, connect a phone to {network} and "
                f"open {link}: the Confessional page should appear. "
                f"If it does not load, client isolation or a firewall is in the way.",
            ),
        ),
        Section("Contact on the day", (), (contact.strip() or f"Name and phone: {BLANK_LINE}",)),
    )
    return VenueSheet(
        title="Confessional: what the network needs",
        subtitle="For the venue's IT team" + (f" · {event.strip()}" if event.strip() else ""),
        intro=(
            "The facilitator's laptop runs a small web server for this session. People in "
            "the room scan a QR code and take part from their phones. Nothing goes through "
            "the internet: the phones talk to the laptop over the room's network."
        ),
        facts=tuple(_facts(join, wifi_name, phones_expected)),
        sections=sections,
    )


def sheet_text(sheet: VenueSheet) -> str:
    """The sheet as plain text (to paste into an e-mail)."""
    lines = [sheet.title, sheet.subtitle, "", sheet.intro, ""]
    lines += [f"{label}: {value}" for label, value in sheet.facts]
    for section in sheet.sections:
        lines += ["", section.heading]
        lines += [f"- {bullet}" for bullet in section.bullets]
        lines += list(section.paragraphs)
    return "\n".join(lines) + "\n"
