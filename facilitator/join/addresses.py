"""Which address the join URL and QR code should carry.

Phones need the laptop's numeric LAN IP (many Android phones cannot resolve
``.local`` names). Loopback, link-local, container bridges and VPN tunnels are
never offered first; the facilitator sees every candidate and can pick another.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import ifaddr

from facilitator.protocol.moderator import Address, JoinLink

_VIRTUAL_PREFIXES = (
    "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg", "utun",
    "zt", "tailscale", "ipsec", "ppp", "llw", "awdl", "anpi", "bridge", "cni", "flannel",
    "lxc", "lxd", "podman", "vEthernet", "ham",
)  # fmt: skip
_WIRELESS_PREFIXES = ("wl", "wlan", "wifi", "ap", "en0", "Wi-Fi", "Wireless")
_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")  # Tailscale and carrier NAT: a VPN, not the room


@dataclass(frozen=True, slots=True)
class _Ranked:
    score: int
    address: Address


def _score(interface: str, ip: ipaddress.IPv4Address) -> int | None:
    """Higher is better; ``None`` means never offer this address."""
    if ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_unspecified:
        return None
    if ip in _CGNAT:
        return 1
    lowered = interface.lower()
    if lowered.startswith(tuple(p.lower() for p in _VIRTUAL_PREFIXES)):
        return 2
    score = 10
    if ip.is_private:
        score += 10
    if lowered.startswith(tuple(p.lower() for p in _WIRELESS_PREFIXES)):
        score += 3
    elif lowered.startswith(("en", "eth")):
        score += 2
    return score


def rank_candidates(interfaces: list[tuple[str, str]]) -> list[Address]:
    """Order ``(interface, IPv4 address)`` pairs from best to worst, dropping unusable ones."""
    ranked: list[_Ranked] = []
    for interface, address in interfaces:
        try:
            ip = ipaddress.IPv4Address(address)
        except ValueError:
            continue
        score = _score(interface, ip)
        if score is not None:
            ranked.append(_Ranked(score, Address(str(ip), interface)))
    ranked.sort(key=lambda r: (-r.score, r.address.interface, r.address.ip))
    return [r.address for r in ranked]


def is_tunnel_or_virtual(address: Address) -> bool:
    """A VPN, a container bridge or carrier NAT: offered last, as phones rarely reach it."""
    try:
        score = _score(address.interface, ipaddress.IPv4Address(address.ip))
    except ValueError:
        return False
    return score is not None and score <= 2


def local_ipv4_interfaces() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str):
                pairs.append((adapter.nice_name or adapter.name, ip.ip))
    return pairs


def choose_advertised(
    host: str, interfaces: list[tuple[str, str]] | None = None
) -> tuple[str, tuple[Address, ...]]:
    """Pick the IP to put in the join URL for a server bound to ``host``.

    A server bound to one specific address advertises exactly that one. A server
    bound to every interface advertises the best-ranked candidate, or loopback
    when the laptop has no network at all (a rehearsal on the laptop alone).
    """
    candidates = tuple(
        rank_candidates(local_ipv4_interfaces() if interfaces is None else interfaces)
    )
    if host not in ("", "0.0.0.0", "::"):
        return host, tuple(c for c in candidates if c.ip == host)
    if candidates:
        return candidates[0].ip, candidates
    return "127.0.0.1", candidates


def join_link(
    advertised_ip: str, port: int, moderator_secret: str, candidates: tuple[Address, ...]
) -> JoinLink:
    """The URLs the app shows and prints: one for phones, one for moderators."""
    base = f"http://{advertised_ip}:{port}"
    return JoinLink(
        join_url=f"{base}/",
        moderator_url=f"{base}/moderator/{moderator_secret}/",
        host_ip=advertised_ip,
        port=port,
        candidates=candidates,
    )
