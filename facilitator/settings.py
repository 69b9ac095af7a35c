"""The facilitator's preferences, kept between runs in ``<data dir>/settings.json``.

Today one preference: the projector's screen. Reading never fails: a missing,
unreadable or malformed file, or a value of the wrong type, gives the default
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

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Settings:
    projector_screen: str | None = None
    """The :attr:`facilitator.ui.screens.ScreenId.key` of the projector's screen;
    ``None`` for automatic (the first screen that is not the console's)."""


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
    screen = _read_document(path).get("projector_screen")
    if screen is not None and not isinstance(screen, str):
        log.warning("%s: projector_screen should be a string or null, not %r", path, screen)
        screen = None
    return Settings(projector_screen=screen)


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write ``settings`` to ``data_dir`` atomically. Raises :class:`OSError` on failure."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = settings_path(data_dir)
    document = _read_document(path) if path.is_file() else {}
    document.setdefault("version", VERSION)
    document["projector_screen"] = settings.projector_screen
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
