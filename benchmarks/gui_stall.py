"""How long the facilitator's windows freeze while a large room agrees.

Runs the real app in this process with its windows open (offscreen) on the Qt
event loop, and a crowd of simulated phones in a second process
(``benchmarks/phones.py``) over loopback. A 5 ms precise Qt timer probes the
event loop: every gap beyond its interval is time the windows could not repaint
or react. Reports the longest stall, the 99th percentile and how many gaps were
longer than one 60 Hz frame (16.7 ms) while the phones joined and while they all
agreed with the projected confession.

Usage: python benchmarks/gui_stall.py [--phones 200 1000 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_API"] = "pyside6"

import qasync
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from facilitator.app import ConfessionalApp, Options  # noqa: E402
from facilitator.core.moderation import Approve, Project  # noqa: E402

PROBE_MS = 5
FRAME_MS = 1000 / 60


class LoopProbe:
    """Records how late each tick of a precise timer fires."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.stalls_ms: list[float] = []

    def start(self) -> None:
        self.stalls_ms.clear()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> list[float]:
        self._timer.stop()
        return list(self.stalls_ms)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.stalls_ms.append(max(0.0, (now - self._last) * 1000 - PROBE_MS))
        self._last = now


def summary(stalls: list[float]) -> str:
    if not stalls:
        return "no samples"
    ordered = sorted(stalls)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    over_frame = sum(1 for s in stalls if s + PROBE_MS > FRAME_MS)
    return (
        f"max {max(stalls):.1f} ms, p99 {p99:.1f} ms, median {statistics.median(stalls):.1f} ms, "
        f"{over_frame} of {len(stalls)} gaps > 1 frame"
    )


async def read_line(process: asyncio.subprocess.Process) -> str:
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), timeout=180)
    if not line:
        raise RuntimeError("the phone crowd stopped early")
    return line.decode().strip()


async def run_once(phones: int) -> tuple[str, str, str, str]:
    with tempfile.TemporaryDirectory() as data_dir:
        app = ConfessionalApp(
            Options(data_dir=Path(data_dir), host="127.0.0.1", port=0, zeroconf=False)
        )
        app.open_session()
        await app.start()
        assert app.service is not None and app.join is not None
        probe = LoopProbe()
        try:
            crowd = await asyncio.create_subprocess_exec(
                sys.executable,
                str(ROOT / "benchmarks" / "phones.py"),
                app.join.join_url,
                str(phones),
                stdout=subprocess.PIPE,
            )
            probe.start()
            connected = await read_line(crowd)
            joining = probe.stop()

            author = app.service.participant(app.service.join())
            confession = app.service.submit(author, "benchmark-0001", "I benchmarked on stage.")
            app.service.execute(Approve(confession.confession_id))
            probe.start()
            app.service.execute(Project(confession.confession_id))
            agreed = await read_line(crowd)
            agreeing = probe.stop()
            await crowd.wait()
        finally:
            await app.stop()
    return connected.split()[1], summary(joining), agreed.split()[1], summary(agreeing)


async def main(sizes: list[int]) -> None:
    print(
        f"# GUI stall benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    print("| phones | join + connect all | GUI loop while joining | last vote → all phones "
          "| GUI loop while all agree |")  # fmt: skip
    print("|---|---|---|---|---|")
    for phones in sizes:
        connected, joining, agreed, agreeing = await run_once(phones)
        print(f"| {phones} | {connected} s | {joining} | {agreed} s | {agreeing} |", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, nargs="+", default=[200, 1000, 2000])
    arguments = parser.parse_args()
    application = QApplication(sys.argv[:1])
    application.setQuitOnLastWindowClosed(False)
    asyncio.run(main(arguments.phones), loop_factory=qasync.QEventLoop)
