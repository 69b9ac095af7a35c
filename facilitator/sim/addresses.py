"""Source addresses for simulated phones on one machine: each its own, as on a LAN.

Linux accepts any address of 127.0.0.0/8 as a source, so phone ``n`` speaks from
``127.0.0.2 + n`` and the host's per-address limits see a room, not one device.
"""

from __future__ import annotations

import ipaddress

FIRST_ADDRESS = ipaddress.IPv4Address("127.0.0.2")


def phone_address(index: int) -> str:
    """The loopback source address of phone number ``index`` (0 → 127.0.0.2)."""
    address = FIRST_ADDRESS + index
    if not address.is_loopback:
        raise ValueError(f"phone {index} would leave 127.0.0.0/8")
    return str(address)
