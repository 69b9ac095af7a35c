"""Where the app finds its packaged files and keeps its data."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent


def _bundle_package() -> Path | None:
    """In a PyInstaller bundle: the package folder under the unpacked bundle
    (``sys._MEIPASS``), where ``packaging/confessional.spec`` puts the data folders,
    as a wheel does. ``None`` when not frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not isinstance(bundle, str):
        return None
    return Path(bundle) / "facilitator"


def _packaged_or_source(name: str) -> Path:
    """In a bundle or a wheel the folder sits in the package; in a checkout, beside it."""
    bundled = _bundle_package()
    if bundled is not None:
        return bundled / name
    packaged = _PACKAGE / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def web_root() -> Path:
    return _packaged_or_source("participant_web")


def resources_root() -> Path:
    return _packaged_or_source("resources")


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("Confessional", appauthor=False))


def transcripts_dir(data_dir: Path) -> Path:
    return data_dir / "transcripts"
