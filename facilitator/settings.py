"""The facilitator's preferences, kept between runs in ``<data dir>/settings.json``.

The projector's screen, the Wi-Fi the join slide shows, and whether the first-run
guide has been shown on this laptop. Reading never fails: a
missing, unreadable or malformed file, or a value of the wrong type, gives the default
(with a warning in the log). Saving is atomic (a temporary file, then a rename)
and keeps whatever else the file holds, so a newer version's keys survive. No Qt.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from facilitator.join.wifi import RoomWifi, Security, wifi_problem

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Settings:
    projector_screen: str | None = None
    """The :attr:`facilitator.ui.screens.ScreenId.key` of the projector's screen;
    ``None`` for automatic (the first screen that is not the console's)."""
    wifi: RoomWifi | None = None
    """The Wi-Fi phones join, shown on the join slide; ``None``: the join link alone.
    Its password is kept in clear (the slide's QR code shows it to the room anyway);
    the file is created readable by the user only."""
    first_run_guide_seen: bool = False
    """The console has shown its first-run guide here (it opens by itself only once)."""


def settings_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def _read_document(path: Path) -> dict[str, object]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        log.warning("Cannot read %s, using the default settings: %s", path, error)
        return {}
    if not isinstance(document, dict):
        log.warning("%s does not hold a JSON object, using the default settings", path)
        return {}
    return document


def load_settings(data_dir: Path) -> Settings:
    """The settings saved in ``data_dir``, or the defaults for whatever is missing or wrong."""
    path = settings_path(data_dir)
    document = _read_document(path)
    screen = document.get("projector_screen")
    if screen is not None and not isinstance(screen, str):
        log.warning("%s: projector_screen should be a string or null, not %r", path, screen)
        screen = None
    guide_seen = document.get("first_run_guide_seen", False)
    if not isinstance(guide_seen, bool):
        log.warning("%s: first_run_guide_seen should be true or false, not %r", path, guide_seen)
        guide_seen = False
    return Settings(
        projector_screen=screen,
        wifi=_read_wifi(path, document.get("wifi")),
        first_run_guide_seen=guide_seen,
    )


def _read_wifi(path: Path, value: object) -> RoomWifi | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        log.warning("%s: wifi should be an object or null, not %r", path, type(value).__name__)
        return None
    ssid, password = value.get("ssid"), value.get("password", "")
    hidden, show_password = value.get("hidden", False), value.get("show_password", False)
    raw_security = value.get("security", Security.WPA.value)
    security = next((s for s in Security if s.value == raw_security), None)
    if not (
        isinstance(ssid, str)
        and isinstance(password, str)
        and security is not None
        and isinstance(hidden, bool)
        and isinstance(show_password, bool)
    ):
        log.warning("%s: the wifi entry is malformed, the join slide shows no Wi-Fi", path)
        return None
    wifi = RoomWifi(ssid, password, security, hidden, show_password)
    problem = wifi_problem(wifi)
    if problem is not None:
        log.warning("%s: the wifi entry is not usable (%s), ignored", path, problem)
        return None
    return wifi


def _wifi_document(wifi: RoomWifi) -> dict[str, object]:
    return {
        "ssid": wifi.ssid,
        "password": wifi.password,
        "security": wifi.security.value,
        "hidden": wifi.hidden,
        "show_password": wifi.show_password,
    }


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write ``settings`` to ``data_dir`` atomically. Raises :class:`OSError` on failure."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = settings_path(data_dir)
    document = _read_document(path) if path.is_file() else {}
    document.setdefault("version", VERSION)
    document["projector_screen"] = settings.projector_screen
    if settings.first_run_guide_seen:
        document["first_run_guide_seen"] = True
    else:
        document.pop("first_run_guide_seen", None)
    if settings.wifi is None:
        document.pop("wifi", None)
    else:
        document["wifi"] = _wifi_document(settings.wifi)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(dir=data_dir, prefix=".settings-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
