"""The benchmarks still run: each, at its smallest, against today's host and protocol.

Not a timed test (their figures are read by people, docs/performance.md); only that
each finishes and prints its table, so that a change to the host or the protocol that
breaks one (as the room's batches once did, holding the confession a benchmark
projects) is found here and not on the day someone measures. Rooms of over 30 phones,
so that the batches are on.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(script: str, *arguments: str, timeout: float = 180) -> str:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    finished = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    return finished.stdout


def test_the_load_benchmark_runs() -> None:
    printed = run("load.py", "--phones", "40", "--runs", "1", "--clients", "1")
    assert "| phones connected | 40 |" in printed
    assert "| … `agreement_count` ≠ rows (double counted) | 0 |" in printed


def test_the_desktop_benchmark_runs() -> None:
    printed = run("gui_stall.py", "--phones", "40", "--clients", "1")
    assert "| key press → projector, while all agree |" in printed


def test_the_vote_integrity_benchmark_runs() -> None:
    printed = run("vote_integrity.py", "--quick")
    assert "## Summary" in printed


def test_the_encoding_benchmark_runs() -> None:
    assert "| encode snapshot, 1,000 items |" in run("encoding.py")
