"""What the laptop can check by itself when phones cannot reach it, in plain words.

The console's "Phones can't connect?" panel shows these (``facilitator/ui/connect_help.py``);
the console's notice of an address change says :func:`address_change_text`. The
checks read the laptop's own interfaces (the console runs on the laptop), the join
link and the host's status; nothing here touches the network. What the laptop cannot
see (client isolation, phones on mobile data) is advice, in :data:`ADVICE`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from facilitator.join.addresses import is_tunnel_or_virtual, rank_candidates
from facilitator.protocol.moderator import Address, HostStatus, JoinLink

HOTSPOT_PHONES = "roughly 5 to 10 phones"


class Level(StrEnum):
    OK = "ok"
    NOTE = "note"  # worth knowing; may explain a problem
    PROBLEM = "problem"  # phones cannot join until it is fixed


@dataclass(frozen=True, slots=True)
class Check:
    level: Level
    text: str


ADVICE: tuple[tuple[str, str], ...] = (
    (
        "Same Wi-Fi as the laptop",
        "Phones must be on the Wi-Fi the laptop is on (or its hotspot), not on another "
        "network of the venue. Wi-Fi for phones… puts that network's name and QR code on "
        "the join slide.",
    ),
    (
        "Guest Wi-Fi keeps devices apart",
        "Guest and conference networks often isolate their devices (client isolation): "
        "phones join the Wi-Fi but the link does not open. Ask IT to turn it off for the "
        "room (Sheet for IT…), or turn on the laptop's hotspot, which holds "
        f"{HOTSPOT_PHONES}. For a bigger room, bring a travel router with isolation off.",
    ),
    (
        "Mobile data off",
        "When the Wi-Fi has no internet, phones may quietly use mobile data instead and "
        "never reach the laptop: ask the room to turn mobile data off while they take part.",
    ),
)


def _is_loopback(ip: str) -> bool:
    try:
        return ipaddress.IPv4Address(ip).is_loopback
    except ValueError:
        return False


def _is_link_local(ip: str) -> bool:
    try:
        return ipaddress.IPv4Address(ip).is_link_local
    except ValueError:
        return False


def address_checks(interfaces: Sequence[tuple[str, str]], join: JoinLink) -> list[Check]:
    """The laptop's addresses (``interfaces`` as read now) against the join link."""
    usable = rank_candidates(list(interfaces))
    if not usable:
        self_assigned = [ip for _, ip in interfaces if _is_link_local(ip)]
        if self_assigned:
            return [
                Check(
                    Level.PROBLEM,
                    f"This laptop has only a self-assigned address ({self_assigned[0]}): the "
                    "Wi-Fi gave it none. Connect to the Wi-Fi again, or turn on the laptop's "
                    "hotspot.",
                )
            ]
        return [
            Check(
                Level.PROBLEM,
                "This laptop is on no network: connect it to the room's Wi-Fi or turn on its "
                "hotspot. The join link and the QR codes follow by themselves.",
            )
        ]
    checks = [_link_check(usable, join)]
    if len(usable) > 1:
        labels = ", ".join(address.label for address in usable)
        checks.append(
            Check(
                Level.NOTE,
                f"This laptop has {len(usable)} addresses: {labels}. If phones cannot open "
                "the link, choose the one on the room's Wi-Fi or hotspot under Addresses of "
                "this laptop.",
            )
        )
    return checks


def _link_check(usable: list[Address], join: JoinLink) -> Check:
    in_use = next((address for address in usable if address.ip == join.host_ip), None)
    if _is_loopback(join.host_ip):
        return Check(
            Level.PROBLEM,
            f"The join link ({join.join_url}) works on this laptop only: phones need one of "
            "its network addresses. Start Confessional without --host 127.0.0.1.",
        )
    if in_use is None:
        return Check(
            Level.PROBLEM,
            f"The join link's address ({join.host_ip}) is not this laptop's any more. It "
            "follows the laptop within seconds; if it does not, choose another under "
            "Addresses of this laptop.",
        )
    if is_tunnel_or_virtual(in_use):
        return Check(
            Level.PROBLEM,
            f"The join link uses {in_use.label}, a VPN or virtual adapter: phones on the "
            "Wi-Fi cannot reach it. Connect the laptop to the room's Wi-Fi, or choose "
            "another address under Addresses of this laptop.",
        )
    return Check(Level.OK, f"Phones join at {in_use.label}: {join.join_url}")


def address_change_text(host: HostStatus, join: JoinLink) -> str:
    """What the last address change means for the room ("" if the address never changed)."""
    before = host.address_changed_from
    if not host.address_changes or not before:
        return ""
    if _is_loopback(before):
        return (
            f"The laptop is on a network now: phones join at {join.join_url} and the QR "
            "codes show it."
        )
    if before in {candidate.ip for candidate in join.candidates}:
        return (
            f"The join link moved to a better address of this laptop: phones join at "
            f"{join.join_url} and the QR codes show it. Phones that joined at {before} "
            "stay connected."
        )
    return (
        f"The laptop's address changed (it was {before}): phones now join at "
        f"{join.join_url} and the QR codes show it. Phones that joined before cannot "
        "reconnect by themselves unless the laptop gets its old address back: ask them to "
        "scan the QR code again."
    )


def address_change_check(host: HostStatus, join: JoinLink) -> Check:
    text = address_change_text(host, join)
    if not text:
        return Check(
            Level.OK, "The laptop's address has not changed since the session host started."
        )
    return Check(Level.NOTE, text)
