"""Where the app finds its packaged files and keeps its data."""

from __future__ import annotations

from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent


def _packaged_or_source(name: str) -> Path:
    """Inside a wheel the folder sits in the package; in a checkout, beside it."""
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
