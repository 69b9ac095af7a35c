"""mDNS advertising fails soft: no multicast, no interface, never fatal.

No test here sends multicast: loopback is skipped by design, and an address that
belongs to no interface fails before anything is sent.
"""

from __future__ import annotations

from facilitator.host.discovery import Discovery


async def test_loopback_only_means_discovery_off() -> None:
    discovery = Discovery()
    assert await discovery.start("127.0.0.1", 8737) is False
    assert not discovery.active
    await discovery.stop()


async def test_an_address_on_no_interface_means_discovery_off() -> None:
    discovery = Discovery()
    assert await discovery.start("203.0.113.77", 8737) is False  # TEST-NET-3, never assigned
    assert not discovery.active
    await discovery.stop()
