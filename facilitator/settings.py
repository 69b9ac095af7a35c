"""The facilitator's preferences, kept between runs in ``<data dir>/settings.json``.

One frozen dataclass of typed defaults. Reading never fails: a missing file gives
the defaults; a malformed file, a value of the wrong type or an unknown key gives
the default for what it concerns, with a warning in the log. Values are converted
to the type of their default where that loses nothing (``3.0`` for an ``int``, ``3``
for a ``float``); anything else counts as the wrong type. The file carries a ``version`` for
upgrade steps; it is written atomically (a temporary file, then a rename), so a
crash never leaves half a file. No Qt here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import math
import os
import tempfile
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"

Document = dict[str, object]

# Upgrade steps, never edited once shipped: ``UPGRADES[n - 1]`` takes a document
# from version ``n`` to ``n + 1`` (rename or reshape keys) and returns it.
UPGRADES: tuple[Callable[[Document], Document], ...] = ()
VERSION = len(UPGRADES) + 1


@dataclass(frozen=True, slots=True)
class Settings:
    projector_screen: str | None = None
    """The :attr:`facilitator.ui.screens.ScreenId.key` of the projector's screen;
    ``None`` for automatic (the first screen that is not the console's)."""


class _WrongType(Exception):
    pass


def settings_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def load_settings(data_dir: Path) -> Settings:
    """The settings saved in ``data_dir``, or the defaults for whatever is missing or wrong."""
    path = settings_path(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        log.warning("Cannot read %s, using the default settings: %s", path, error)
        return Settings()
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        log.warning("%s is not valid JSON, using the default settings: %s", path, error)
        return Settings()
    if not isinstance(document, dict):
        log.warning("%s does not hold a JSON object, using the default settings", path)
        return Settings()
    return _from_document(_upgraded(document, path), path)


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write ``settings`` to ``data_dir`` atomically. Raises :class:`OSError` on failure."""
    data_dir.mkdir(parents=True, exist_ok=True)
    document: Document = {"version": VERSION, **dataclasses.asdict(settings)}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(dir=data_dir, prefix=".settings-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, settings_path(data_dir))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _upgraded(document: Document, path: Path) -> Document:
    version = document.pop("version", 1)  # files without one predate versions: version 1
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        log.warning("%s has an invalid version %r, reading it as version 1", path, version)
        version = 1
    if version > VERSION:
        log.warning(
            "%s was written by a newer Confessional (version %d): reading what this one knows",
            path,
            version,
        )
    for step in UPGRADES[version - 1 :]:
        document = step(document)
    return document


def _from_document(document: Document, path: Path) -> Settings:
    hints = typing.get_type_hints(Settings)
    values: dict[str, object] = {}
    for key, value in document.items():
        if key not in hints:
            log.warning("%s: ignoring the unknown setting %r", path, key)
            continue
        try:
            values[key] = _convert(value, hints[key])
        except _WrongType:
            log.warning(
                "%s: %s should be %s, not %r: using the default",
                path,
                key,
                _type_name(hints[key]),
                value,
            )
    return Settings(**cast(dict[str, Any], values))


def _convert(value: object, hint: object) -> object:
    """``value`` as the type ``hint`` (``str``, ``int``, ``float``, ``bool`` or ``X | None``)."""
    if isinstance(hint, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        if value is None and len(options) < len(typing.get_args(hint)):
            return None
        if len(options) != 1:
            raise TypeError(f"unsupported setting type {hint!r}")
        return _convert(value, options[0])
    if hint is bool:
        if isinstance(value, bool):
            return value
    elif hint is str:
        if isinstance(value, str):
            return value
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():  # 3.0, but not nan or inf
            return int(value)
    elif hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
    else:
        raise TypeError(f"unsupported setting type {hint!r}")
    raise _WrongType


def _type_name(hint: object) -> str:
    if isinstance(hint, types.UnionType):
        return " or ".join(_type_name(option) for option in typing.get_args(hint))
    if hint is type(None):
        return "null"
    return getattr(hint, "__name__", repr(hint))
