"""A laptop whose network the test changes: its interfaces are a list, nothing is real.

The host reads the laptop's ``(interface, address)`` pairs through an injectable source
(``facilitator/host/laptop_addresses.py``); tests give it a :class:`SimulatedNetwork`
and change ``pairs`` to move the laptop to another network. Every request still goes
to 127.0.0.1.
"""

from __future__ import annotations

from facilitator.host.laptop_addresses import Interface, LaptopAddresses

LOOPBACK = ("lo", "127.0.0.1")
WIFI = ("wlan0", "192.168.1.23")
NEW_WIFI = ("wlan0", "10.0.0.5")


class SimulatedNetwork:
    """The laptop's ``(interface, address)`` pairs, as the test sets them."""

    def __init__(self, *pairs: Interface) -> None:
        self.pairs = list(pairs)

    def __call__(self) -> list[Interface]:
        return list(self.pairs)

    def laptop(self) -> LaptopAddresses:
        """The laptop on this network, read every 10 ms; 127.0.0.1 is the laptop and
        phones on 127.0.0.2 and on stand for other devices."""
        return LaptopAddresses(self, loopback_is_laptop=False, poll_seconds=0.01)
