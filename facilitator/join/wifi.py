"""The Wi-Fi phones should join first, and its QR code payload.

A room often cannot reach the laptop on the venue's guest network (client
isolation), so the facilitator names the network to use: the venue's own or the
laptop's hotspot. The join slide shows its name and a second QR code in the
``WIFI:`` format that phone cameras understand (iOS 11+, Android 10+), as ZXing
defined it::

    WIFI:T:WPA;S:<name>;P:<password>;H:true;;

``\\``, ``;``, ``,``, ``:`` and ``"`` in the name and password are escaped with a
backslash. segno's ``make_wifi_data`` leaves ``,`` unescaped, hence this module.
Names are never put in double quotes (some phones would keep the quotes as part
of the name). No Qt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

QR_ENCODING = "utf-8"
"""The bytes of the code: UTF-8, which phones' cameras expect for names that are not
ASCII (segno would pick ISO 8859-1 for a name such as "Café")."""
SSID_MAX_BYTES = 32
WPA_MIN_CHARS = 8
WPA_MAX_CHARS = 63
_HEX = re.compile(r"[0-9A-Fa-f]+")
_SPECIAL = str.maketrans({c: "\\" + c for c in '\\;,:"'})


class Security(StrEnum):
    """How the network is protected, as the ``T:`` field spells it."""

    WPA = "WPA"  # WPA, WPA2 and WPA3 personal: phones negotiate the rest
    WEP = "WEP"
    NONE = "nopass"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Security.WPA: "WPA / WPA2 / WPA3",
    Security.WEP: "WEP (old)",
    Security.NONE: "None (open network)",
}


@dataclass(frozen=True, slots=True)
class RoomWifi:
    """The network the room joins, and how the join slide shows it."""

    ssid: str
    password: str = ""
    security: Security = Security.WPA
    hidden: bool = False
    show_password: bool = False
    """Spell the password out on the slide (the QR code carries it either way)."""

    @property
    def has_password(self) -> bool:
        return self.security is not Security.NONE


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text)


def wifi_problem(wifi: RoomWifi) -> str | None:
    """Why phones could not join ``wifi`` as entered (a sentence to show), or ``None``."""
    ssid_bytes = len(wifi.ssid.encode("utf-8"))
    if not wifi.ssid:
        return "Enter the network's name (SSID)."
    if ssid_bytes > SSID_MAX_BYTES:
        return (
            f"The network name takes {ssid_bytes} bytes; a Wi-Fi name has at most "
            f"{SSID_MAX_BYTES} (accented letters take 2 bytes, emoji 4)."
        )
    if _has_control_characters(wifi.ssid):
        return "The network name cannot contain line breaks, tabs or other control characters."
    password = wifi.password
    if password and _has_control_characters(password):
        return "The password cannot contain line breaks, tabs or other control characters."
    match wifi.security:
        case Security.NONE:
            if password:
                return "An open network has no password: clear the password or choose WPA."
        case Security.WPA:
            raw_key = len(password) == 64 and _HEX.fullmatch(password) is not None
            if not raw_key and not WPA_MIN_CHARS <= len(password) <= WPA_MAX_CHARS:
                return (
                    f"A WPA password has {WPA_MIN_CHARS} to {WPA_MAX_CHARS} characters; "
                    f"this one has {len(password)}."
                )
        case Security.WEP:
            hex_key = len(password) in (10, 26) and _HEX.fullmatch(password) is not None
            if not hex_key and len(password) not in (5, 13):
                return (
                    "A WEP key has 5 or 13 characters, or 10 or 26 hexadecimal digits; "
                    f"this one has {len(password)} characters."
                )
    return None


def escape_field(value: str) -> str:
    """``value`` with ``\\ ; , : "`` escaped by a backslash, as the ``WIFI:`` format wants."""
    return value.translate(_SPECIAL)


def wifi_qr_payload(wifi: RoomWifi) -> str:
    """The text of the Wi-Fi QR code. Raises :class:`ValueError` (with the sentence of
    :func:`wifi_problem`) when phones could not join ``wifi`` as entered."""
    problem = wifi_problem(wifi)
    if problem is not None:
        raise ValueError(problem)
    fields = [f"T:{wifi.security.value}", f"S:{escape_field(wifi.ssid)}"]
    if wifi.has_password:
        fields.append(f"P:{escape_field(wifi.password)}")
    if wifi.hidden:
        fields.append("H:true")
    return "WIFI:" + "".join(field + ";" for field in fields) + ";"
