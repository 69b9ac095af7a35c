"""How long the facilitator's windows freeze while a large room joins and agrees.

The desktop mode of the load benchmark. Starts the real session host as a process of
its own (``confessional --headless``), runs the real desktop app in *this* process
(console and projector, offscreen, on the Qt loop through qasync, connected to the
host over its moderator stream) and drives the phones from worker processes at lower
priority (``benchmarks/crowd.py``, one loopback address per phone). Reports, for the
console process:

- its loop stalls: a 5 ms precise Qt timer probes the loop; every gap beyond its
  interval is time the windows could not repaint or react (max, p99, and how many
  gaps exceeded one 60 Hz frame), while the phones join and while they all agree;
- its own handling of the host's stream: the time spent decoding and applying the
  stream, and the windows' reactions, summed per 16.7 ms frame (p99, max);
- a console key press (Blank, then Project of the same confession, one a second while
  the room agrees: each is a push to every phone) → the projector shows it (p99, max),
  and the last agreement → every phone shows the final count.

Usage: python benchmarks/gui_stall.py [--phones 2000 10000] [--clients 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
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

from benchmarks.crowd import CrowdProcess, command_all  # noqa: E402
from facilitator.app import DesktopApp  # noqa: E402
from facilitator.host.record import read_record  # noqa: E402
from facilitator.protocol.commands import Approve, Blank, Project, SetBatching  # noqa: E402
from facilitator.ui.gui_thread_gc import GuiThreadCollector  # noqa: E402
from facilitator.ui.host_connection import HostConnection  # noqa: E402
from tests.e2e.process import start_headless  # noqa: E402
from tests.waiting import wait_until  # noqa: E402

PROBE_MS = 5
SUBMIT_EVERY = 20  # 5 % of the phones confess
PRESS_INTERVAL_SECONDS = 1.0
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


class HandlerClock:
    """Time the console spends on the host's stream (decoding, the mirror, the windows'
    reactions), summed per frame."""

    def __init__(self, connection: HostConnection) -> None:
        self._connection = connection
        self._receive = connection._receive
        self._frames: dict[int, float] = {}
        connection._receive = self._timed  # type: ignore[method-assign]

    def _timed(self, raw: str) -> None:
        started = time.perf_counter()
        self._receive(raw)
        frame = int(started * 1000 / FRAME_MS)
        self._frames[frame] = self._frames.get(frame, 0.0) + time.perf_counter() - started

    def start(self) -> None:
        self._frames.clear()

    def stop(self) -> list[float]:
        return [seconds * 1000 for seconds in self._frames.values()]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def summary(stalls: list[float]) -> str:
    if not stalls:
        return "no samples"
    over_frame = sum(1 for s in stalls if s + PROBE_MS > FRAME_MS)
    return (
        f"max {max(stalls):.1f} ms, p99 {percentile(stalls, 0.99):.1f} ms, "
        f"{over_frame} of {len(stalls)} gaps > 1 frame"
    )


def handling(per_frame: list[float]) -> str:
    if not per_frame:
        return "none"
    return f"p99 {percentile(per_frame, 0.99):.1f} ms, max {max(per_frame):.1f} ms per frame"


async def press(app: DesktopApp, command: Blank | Project) -> float:
    """Send ``command`` as the console's key does; ms until the projector has redrawn."""
    assert app.console is not None
    shown = asyncio.Event()

    def redrawn(_item: object) -> None:
        shown.set()

    # Connected after the projector's own slot: it runs once the projector has redrawn.
    app.mirror.projection_changed.connect(redrawn)
    pressed = time.perf_counter()
    app.console._run(command)
    await shown.wait()
    elapsed = (time.perf_counter() - pressed) * 1000
    app.mirror.projection_changed.disconnect(redrawn)
    return elapsed


async def key_presses(app: DesktopApp, confession_id: int, until: asyncio.Event) -> list[float]:
    """Blank, then show the confession again, a press a second; each → projector, in ms."""
    latencies: list[float] = []
    while not until.is_set():
        latencies.append(await press(app, Blank()))
        # Back on screen a second later, or at once when the room is done agreeing.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(PRESS_INTERVAL_SECONDS):
                await until.wait()
        latencies.append(await press(app, Project(confession_id)))
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(PRESS_INTERVAL_SECONDS):
                await until.wait()
    return latencies


async def run_once(phones: int, clients: int) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        host = start_headless(data_dir, "--port", "0")
        record = read_record(data_dir)
        assert record is not None
        app = DesktopApp(record, data_dir)
        await app.start()
        # Confessions straight into Incoming: the room's own batches would hold the one
        # the benchmark projects (docs/security.md, timing privacy).
        app.connection.send(SetBatching("off"))
        probe, clock = LoopProbe(), HandlerClock(app.connection)
        crowds = await CrowdProcess.start_many(
            host.join_url, phones, clients, submit_every=SUBMIT_EVERY
        )
        try:
            probe.start()
            clock.start()
            connected = await command_all(crowds, "connect")
            joining, joining_handler = probe.stop(), clock.stop()

            submitted = await crowds[0].command("submit", spread=0.1)
            assert submitted["client_ids"], submitted
            await wait_until(lambda: bool(app.mirror.items), timeout=30)
            confession_id = max(app.mirror.items)
            app.connection.send(Approve(confession_id))
            await press(app, Project(confession_id))
            probe.start()
            clock.start()
            done = asyncio.Event()
            pressing = asyncio.ensure_future(key_presses(app, confession_id, done))
            agreed = await command_all(crowds, "agree", confession_id=confession_id)
            done.set()
            latencies = await pressing
            last_ack = max(answer["last_ack"] or 0.0 for answer in agreed)
            final = await command_all(
                crowds, "final", confession_id=confession_id, count=phones, after=last_ack
            )
            agreeing, agreeing_handler = probe.stop(), clock.stop()
        finally:
            for crowd in crowds:
                await crowd.stop()
            await app.stop()
            host.terminate()
    all_state = max(answer["all_state"] for answer in connected)
    first_join = min(answer["first_join"] for answer in connected)
    all_final = max(answer["all_final"] or float("inf") for answer in final)
    return {
        "connect": f"{all_state - first_join:.2f} s",
        "joining": summary(joining),
        "joining_handler": handling(joining_handler),
        "final": f"{all_final - last_ack:.2f} s",
        "agreeing": summary(agreeing),
        "agreeing_handler": handling(agreeing_handler),
        "keys": f"p99 {percentile(latencies, 0.99):.0f} ms, max {max(latencies):.0f} ms "
        f"({len(latencies)} presses)",
    }


ROWS = (
    ("join + connect all", "connect"),
    ("console loop while joining", "joining"),
    ("console's stream handling while joining", "joining_handler"),
    ("console loop while all agree", "agreeing"),
    ("console's stream handling while all agree", "agreeing_handler"),
    ("key press → projector, while all agree", "keys"),
    ("last agreement → every phone", "final"),
)


async def main(sizes: list[int], clients: int) -> None:
    print(
        f"# Desktop-mode benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores, {clients} client processes"
    )
    results = {phones: await run_once(phones, clients) for phones in sizes}
    print("| | " + " | ".join(f"{phones} phones" for phones in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for title, key in ROWS:
        print(f"| {title} | " + " | ".join(results[p][key] for p in sizes) + " |", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--clients", type=int, default=2)
    arguments = parser.parse_args()
    application = QApplication(sys.argv[:1])
    application.setQuitOnLastWindowClosed(False)
    GuiThreadCollector(application).start()  # garbage collected as in the app
    asyncio.run(main(arguments.phones, arguments.clients), loop_factory=qasync.QEventLoop)
