"""What one more confession costs the console's GUI thread, by how many are listed.

Fills a session held in memory with N confessions (written to the store directly,
so the console loads them once when it opens), opens the console offscreen at
1280x800 with the first incoming confession selected, then announces 20 more
arrivals one at a time, as the core does (``ItemAdded`` on the bus; the host's
feed encodes it, and the console decodes it and applies it to its mirror, without a
socket in between). For each arrival it reports:

- *handling*: the console's handling of the event plus one ``processEvents()``, which
  runs the item layout and the repaint it triggers, as wall time (``perf_counter``)
  and as the GUI thread's CPU time (``thread_time``; the same on an idle machine);
- *settled*: CPU time of the GUI thread from the event until 50 ms later, pumping
  events, minus the same window measured without an event. It includes work the
  console defers (lane counts and labels refreshed at most once a frame), which
  *handling* leaves out.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/console_lists.py [--listed 10 100 1000 5000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_API"] = "pyside6"

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from facilitator.core.events import EventBus, ItemAdded  # noqa: E402
from facilitator.core.session import SessionService  # noqa: E402
from facilitator.core.store import Store  # noqa: E402
from facilitator.join.addresses import join_link, rank_candidates  # noqa: E402
from facilitator.ui.console import ConsoleWindow  # noqa: E402
from tests.ui.local_host import LocalHost  # noqa: E402

ARRIVALS = 20
SETTLE_S = 0.05


def samples() -> list[tuple[str, str]]:
    data = json.loads((ROOT / "resources" / "sample_confessions.json").read_text("utf-8"))
    return [(item["text"], item["learned"]) for item in data["confessions"]]


def pump(app: QApplication, seconds: float) -> None:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)


def measure(app: QApplication, listed: int) -> tuple[float, float, float]:
    texts = samples()
    with tempfile.TemporaryDirectory(prefix="confessional-bench-") as transcripts:
        store = Store.in_memory()
        service = SessionService.start_new(store, EventBus(), Path(transcripts))
        session_id = service.session.id
        author = service.participant(service.join())
        serial = iter(range(10**9))

        def add() -> ItemAdded:
            number = next(serial)
            text, learned = texts[number % len(texts)]
            confession = store.add_item(session_id, author, f"bench-{number:07d}", text, learned)
            return ItemAdded(confession)

        for _ in range(listed):
            add()
        candidates = tuple(rank_candidates([("wlan0", "192.168.1.23")]))
        join = join_link("192.168.1.23", 8080, service.session.moderator_secret, candidates)
        local = LocalHost(service, join)  # the host's stream without a socket
        console = ConsoleWindow(local.mirror, local)
        console.resize(1280, 800)
        console.show()
        pump(app, 0.3)
        console.incoming_list.select_id(console.incoming_list.ids()[0])
        pump(app, 0.2)

        handling: list[float] = []
        handling_cpu: list[float] = []
        settled: list[float] = []
        for _ in range(ARRIVALS):
            event = add()
            pump(app, 0.02)
            idle_start = time.thread_time()
            pump(app, SETTLE_S)
            idle = time.thread_time() - idle_start
            cpu_start = time.thread_time()
            start = time.perf_counter()
            service.bus.publish(event)
            app.processEvents()
            handling.append(time.perf_counter() - start)
            handling_cpu.append(time.thread_time() - cpu_start)
            pump(app, SETTLE_S)
            settled.append(max(0.0, time.thread_time() - cpu_start - idle))
        assert console.incoming_list.count() == listed + ARRIVALS

        console.allow_close()
        console.close()
        local.close()
        console.deleteLater()
        pump(app, 0.05)
        store.close()
    return (
        statistics.median(handling) * 1000,
        statistics.median(handling_cpu) * 1000,
        statistics.median(settled) * 1000,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listed", type=int, nargs="+", default=[10, 100, 1000, 5000])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    print(
        f"Python {platform.python_version()}, PySide6 {pyside_version}, "
        f"{os.cpu_count()} CPUs, platform {app.platformName()}; "
        f"median of {ARRIVALS} arrivals"
    )
    print(f"{'listed':>8}  {'handling ms':>12}  {'handling CPU ms':>16}  {'settled CPU ms':>15}")
    for listed in args.listed:
        handling, handling_cpu, settled = measure(app, listed)
        print(
            f"{listed:>8}  {handling:>12.2f}  {handling_cpu:>16.2f}  {settled:>15.2f}", flush=True
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
