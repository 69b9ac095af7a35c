"""Run a Python snippet in a subprocess whose offscreen Qt has several fake screens.

Qt's offscreen platform reads its screens from a JSON config file; one process has
one set of screens, so multi-screen checks run in a child process and print JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def fake_screen(name: str, x: int, width: int, height: int) -> dict[str, object]:
    return {"name": name, "x": x, "y": 0, "width": width, "height": height,
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip


def run_with_screens(
    tmp_path: Path,
    screens: list[dict[str, object]],
    script: str,
    *arguments: str,
    timeout: float = 60,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    environment = dict(
        os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_API="pyside6"
    )
    return subprocess.run(
        [sys.executable, "-c", script, *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=REPOSITORY,
        check=check,
    )


def last_json_line(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    document: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return document
