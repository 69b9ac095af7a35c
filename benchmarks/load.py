"""Load benchmark of the real session host, one source address per phone.

For each run of N phones: starts ``python -m facilitator --headless`` on 127.0.0.1
with a fresh data directory, drives N phones from K worker processes
(``benchmarks/crowd.py``, started with ``nice -n 10``; phone ``i`` speaks from
``127.0.0.2 + i``), and measures:

- connect all: first join → every phone has its ``state``;
- submission acks: 5 % of the phones confess over their socket, each on its own random
  timer within 3 s (send → ``confession.received`` with the same ``ref``);
- the moderator approves and projects one confession (``api/commands``);
- agreement acks: every phone agrees within 3 s on its own random timer
  (send → ``agreement.recorded`` with the same ``ref``);
- last ack → every phone shows the exact final count, and how many ``count`` messages
  each phone received after the last ack (stale deliveries; the final one included);
- the host's CPU seconds (utime + stime) over the run and peak RSS (VmHWM);
- SIGTERM → exit, with every phone still connected;
- lost or duplicated confessions and agreements, counted from the database after exit.

Usage: python benchmarks/load.py [--phones 200 1000] [--clients 2] [--runs 1]
Everything stays on loopback (127.0.0.0/8).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.crowd import (  # noqa: E402
    CrowdProcess,
    Document,
    command_all,
    raise_open_file_limit,
)
from facilitator.protocol.http import CLIENT_KEEPALIVE_SECONDS  # noqa: E402

STARTUP_TIMEOUT_SECONDS = 30.0
EXIT_TIMEOUT_SECONDS = 60.0
SUBMIT_EVERY = 20  # 5 % of the phones confess
Figures = dict[str, float]


# The host process


@dataclass
class Host:
    process: asyncio.subprocess.Process
    join_url: str
    moderator_url: str
    stderr_path: Path

    @classmethod
    async def start(cls, app: Path, data_dir: Path, stderr_path: Path) -> Host:
        """Start the ``facilitator`` package found in the checkout ``app``."""
        command = [sys.executable, "-m", "facilitator", "--headless", "--no-zeroconf"]
        command += ["--host", "127.0.0.1", "--port", "0", "--data-dir", str(data_dir)]
        environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
        with stderr_path.open("wb") as stderr:
            process = await asyncio.create_subprocess_exec(
                *command, stdout=asyncio.subprocess.PIPE, stderr=stderr, env=environment, cwd=app
            )
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), STARTUP_TIMEOUT_SECONDS)
        if not line:
            raise RuntimeError(f"the host did not start:\n{stderr_path.read_text()}")
        document = json.loads(line)
        return cls(process, document["join_url"], document["moderator_url"], stderr_path)

    def _proc(self, name: str) -> str:
        return Path(f"/proc/{self.process.pid}/{name}").read_text()

    def cpu_seconds(self) -> float:
        """utime + stime of every thread, from /proc/<pid>/stat."""
        fields = self._proc("stat").rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_mb(self) -> float:
        for line in self._proc("status").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    async def terminate(self) -> tuple[float, int | None]:
        """SIGTERM; the seconds until the process exited and its exit code (None: killed)."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(self.process.wait(), EXIT_TIMEOUT_SECONDS)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            return float("inf"), None
        return time.monotonic() - started, code

    def complaints(self) -> list[str]:
        """Warnings, errors and tracebacks the host wrote on stderr."""
        words = ("WARNING", "ERROR", "CRITICAL", "Traceback", "Fatal")
        lines = self.stderr_path.read_text(errors="replace").splitlines()
        return [line for line in lines if any(word in line for word in words)]


class Moderator:
    """The moderator HTTP API; it names confessions ``confessions``/``confession_id``
    (protocol of 2026-11-22) or ``items``/``item_id`` (the moderator stream's protocol)."""

    def __init__(self, http: aiohttp.ClientSession, host: Host) -> None:
        self._http = http
        self._url = host.moderator_url
        self._id_field = "confession_id"

    async def confessions(self) -> list[Document]:
        payload = await self.state()
        if "items" in payload:
            self._id_field = "item_id"
            return list(payload["items"])
        return list(payload["confessions"])

    async def turn_batching_off(self) -> None:
        """Confessions straight into Incoming: the room's shuffled batches (in rooms of
        over 30 phones) would hold the one the benchmark projects. Builds before the
        moderator stream had no batches."""
        if "items" in await self.state():
            await self.send({"command": "set_batching", "mode": "off"})

    async def state(self) -> Document:
        async with self._http.get(f"{self._url}api/state") as reply:
            payload: Document = (await reply.json())["payload"]
        return payload

    async def command(self, name: str, confession_id: int) -> None:
        await self.send({"command": name, self._id_field: confession_id})

    async def send(self, payload: Document) -> None:
        body = {"type": "moderate", "version": 1, "payload": payload}
        async with self._http.post(f"{self._url}api/commands", json=body) as reply:
            if reply.status != 200:
                raise RuntimeError(f"moderate {payload}: {reply.status} {await reply.text()}")


# Figures


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def merged(answers: list[Document], key: str) -> list[Any]:
    return [value for answer in answers for value in answer[key]]


def failures(last_step: list[Document]) -> Counter[str]:
    """Every worker reports its running tally: the last step has them all."""
    total: Counter[str] = Counter()
    for answer in last_step:
        total.update(answer["failures"])
    return total


def database_figures(
    data_dir: Path, acked_ids: list[str], acked_agreements: int, confession_id: int
) -> Figures:
    """Lost and duplicated confessions and agreements, from the database after exit."""
    path = data_dir / "confessional.sqlite3"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        # Schema 2 renamed confessions to items (a benchmark may measure an older build).
        table, column = ("items", "item_id") if version >= 2 else ("confessions", "confession_id")
        stored = [row[0] for row in db.execute(f"SELECT client_id FROM {table}")]
        rows = db.execute(
            f"SELECT COUNT(*) FROM agreements WHERE {column} = ?", (confession_id,)
        ).fetchone()[0]
        counted = db.execute(
            f"SELECT agreement_count FROM {table} WHERE id = ?", (confession_id,)
        ).fetchone()[0]
    db.close()
    stored_set = set(stored)
    return {
        "confessions_lost": len(set(acked_ids) - stored_set),
        "confessions_duplicated": len(stored) - len(stored_set),
        "confessions_unacked_stored": len(stored_set - set(acked_ids)),
        "agreements_lost": max(0, acked_agreements - rows),
        "agreements_unacked_stored": max(0, rows - acked_agreements),
        "count_minus_rows": abs(counted - rows),
    }


@dataclass
class Run:
    """One run's figures and what went wrong in it."""

    figures: Figures
    failures: Counter[str]
    complaints: list[str]


async def connect(crowds: list[CrowdProcess], figures: Figures) -> list[Document]:
    connected = await command_all(crowds, "connect")
    figures["connected"] = sum(answer["phones"] for answer in connected)
    all_state = max(answer["all_state"] or float("inf") for answer in connected)
    figures["connect_all_s"] = all_state - min(answer["first_join"] for answer in connected)
    return connected


async def submit(crowds: list[CrowdProcess], figures: Figures) -> list[Document]:
    submitted = await command_all(crowds, "submit")
    latencies = merged(submitted, "latencies")
    figures["submit_p50_ms"] = percentile(latencies, 0.5) * 1000
    figures["submit_p99_ms"] = percentile(latencies, 0.99) * 1000
    figures["submissions_acked"] = len(latencies)
    return submitted


async def project_and_agree(
    crowds: list[CrowdProcess], moderator: Moderator, figures: Figures
) -> list[Document]:
    """Approve and project the first confession; every phone agrees as soon as it sees it."""
    confession_id = (await moderator.confessions())[0]["id"]
    figures["confession_id"] = confession_id
    await moderator.command("approve", confession_id)
    agreeing = asyncio.ensure_future(command_all(crowds, "agree", confession_id=confession_id))
    await moderator.command("project", confession_id)
    agreed = await agreeing
    latencies = merged(agreed, "latencies")
    figures["agree_p50_ms"] = percentile(latencies, 0.5) * 1000
    figures["agree_p99_ms"] = percentile(latencies, 0.99) * 1000
    figures["agreements_acked"] = len(latencies)
    figures["last_ack"] = max(answer["last_ack"] or 0.0 for answer in agreed)
    return agreed


async def final_count(
    crowds: list[CrowdProcess], moderator: Moderator, figures: Figures
) -> list[Document]:
    """Wait until every phone shows the count the host holds once every ack is in."""
    confession_id = int(figures["confession_id"])
    count = next(c for c in await moderator.confessions() if c["id"] == confession_id)[
        "agreement_count"
    ]
    last_ack = figures.pop("last_ack")
    final = await command_all(
        crowds, "final", confession_id=confession_id, count=count, after=last_ack
    )
    all_final = max(answer["all_final"] or float("inf") for answer in final)
    figures["final_after_ack_s"] = all_final - last_ack
    figures["phones_not_final"] = sum(answer["missing"] for answer in final)
    stale = merged(final, "stale")
    figures["stale_min"], figures["stale_max"] = min(stale), max(stale)
    figures["stale_median"] = statistics.median(stale)
    return final


async def drive(
    host: Host, crowds: list[CrowdProcess], figures: Figures
) -> tuple[Counter[str], list[str]]:
    """Connect, confess, project, agree and wait for the final count; fill ``figures``.

    Returns what failed on the phones' side and the acknowledged confessions' client ids.
    """
    connector = aiohttp.TCPConnector(keepalive_timeout=CLIENT_KEEPALIVE_SECONDS)
    async with aiohttp.ClientSession(connector=connector) as http:
        moderator = Moderator(http, host)
        await moderator.turn_batching_off()
        await connect(crowds, figures)
        submitted = await submit(crowds, figures)
        await project_and_agree(crowds, moderator, figures)
        final = await final_count(crowds, moderator, figures)
    return failures(final), merged(submitted, "client_ids")


@dataclass(frozen=True)
class Settings:
    clients: int
    concurrency: int
    app: Path
    profile: Path | None


async def record_profile(host: Host, output: Path) -> asyncio.subprocess.Process:
    """py-spy sampling the host (100 Hz) as collapsed stacks (``--format raw``)."""
    return await asyncio.create_subprocess_exec(
        *(
            str(Path(sys.executable).with_name("py-spy")),
            "record",
            "--pid",
            str(host.process.pid),
            "--nonblocking",
        ),
        *("--format", "raw", "--output", str(output)),
        stdout=asyncio.subprocess.DEVNULL,
    )


async def run_once(phones: int, settings: Settings) -> Run:
    with tempfile.TemporaryDirectory(prefix="confessional-load-") as temporary:
        data_dir = Path(temporary) / "data"
        host = await Host.start(settings.app, data_dir, Path(temporary) / "host-stderr.txt")
        figures: Figures = {"phones": phones}
        crowds: list[CrowdProcess] = []
        try:
            crowds = await CrowdProcess.start_many(
                host.join_url,
                phones,
                settings.clients,
                submit_every=SUBMIT_EVERY,
                concurrency=settings.concurrency,
            )
            profiler = None
            if settings.profile is not None:
                profiler = await record_profile(host, settings.profile)
            cpu_before = host.cpu_seconds()
            problems, acked_ids = await drive(host, crowds, figures)
            figures["host_cpu_s"] = host.cpu_seconds() - cpu_before
            figures["host_peak_rss_mb"] = host.peak_rss_mb()
            if profiler is not None:
                profiler.send_signal(signal.SIGINT)
                await profiler.wait()
        finally:
            figures["sigterm_exit_s"], _ = await host.terminate()
            await asyncio.gather(*(crowd.stop() for crowd in crowds))
        figures |= database_figures(
            data_dir, acked_ids, int(figures["agreements_acked"]), int(figures["confession_id"])
        )
        return Run(figures, problems, host.complaints())


# Report


@dataclass(frozen=True)
class Row:
    label: str
    key: str
    show: Callable[[float], str]


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def milliseconds(value: float) -> str:
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def number(value: float) -> str:
    return f"{value:g}"


ROWS = (
    Row("phones connected", "connected", number),
    Row("connect all (first join → every phone has `state`)", "connect_all_s", seconds),
    Row("submission ack p50", "submit_p50_ms", milliseconds),
    Row("submission ack p99", "submit_p99_ms", milliseconds),
    Row("agreement ack p50", "agree_p50_ms", milliseconds),
    Row("agreement ack p99", "agree_p99_ms", milliseconds),
    Row("last ack → every phone shows the final count", "final_after_ack_s", seconds),
    Row("phones not showing the final count", "phones_not_final", number),
    Row("`count` messages per phone after the last ack: min", "stale_min", number),
    Row("… median", "stale_median", number),
    Row("… max", "stale_max", number),
    Row("host CPU (utime + stime) over the run", "host_cpu_s", seconds),
    Row("host peak RSS (VmHWM)", "host_peak_rss_mb", lambda v: f"{v:.0f} MB"),
    Row("SIGTERM → exit", "sigterm_exit_s", seconds),
    Row("submissions acknowledged", "submissions_acked", number),
    Row("… acknowledged but not in the database", "confessions_lost", number),
    Row("… duplicated in the database", "confessions_duplicated", number),
    Row("… in the database, never acknowledged", "confessions_unacked_stored", number),
    Row("agreements acknowledged", "agreements_acked", number),
    Row("… acknowledged but no row in the database", "agreements_lost", number),
    Row("… rows never acknowledged", "agreements_unacked_stored", number),
    Row("… `agreement_count` ≠ rows (double counted)", "count_minus_rows", number),
)
BEST_IS_HIGH = {"connected", "submissions_acked", "agreements_acked"}


def cell(row: Row, runs: list[Run]) -> str:
    values = [run.figures.get(row.key, float("nan")) for run in runs]
    median = row.show(statistics.median(values))
    if len(values) == 1:
        return median
    worst = min(values) if row.key in BEST_IS_HIGH else max(values)
    return f"{median} (worst {row.show(worst)})"


def machine() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return f"{os.cpu_count()} cores ({line.partition(':')[2].strip()})"
    return f"{os.cpu_count()} cores ({platform.machine()})"


def table(results: dict[int, list[Run]], settings: Settings) -> str:
    runs = len(next(iter(results.values())))
    header = (
        f"# Load, one address per phone: {time.strftime('%Y-%m-%d')}, {machine()}, "
        f"Python {platform.python_version()}, aiohttp {aiohttp.__version__}, "
        f"{settings.clients} client processes, {runs} run(s) per size, host from {settings.app}"
        f"{' (median, worst)' if runs > 1 else ''}"
    )
    lines = [header, "", "| | " + " | ".join(f"{n} phones" for n in results) + " |"]
    lines.append("|---" * (len(results) + 1) + "|")
    for row in ROWS:
        cells = " | ".join(cell(row, runs) for runs in results.values())
        lines.append(f"| {row.label} | {cells} |")
    return "\n".join(lines)


def notes(results: dict[int, list[Run]]) -> str:
    """What failed on the phones' side and what the host complained about."""
    lines = []
    for phones, runs in results.items():
        for attempt, run in enumerate(runs, start=1):
            where = f"{phones} phones, run {attempt}"
            for problem, count in run.failures.most_common():
                lines.append(f"- {where}: {count} times {problem}")
            complaints = Counter(line.partition(": ")[2] or line for line in run.complaints)
            for complaint, count in complaints.most_common(5):
                lines.append(f"- {where}, host stderr: {count} times {complaint}")
    return "\n".join(lines) if lines else "- no failures, no warnings on the host's stderr"


async def main(sizes: list[int], runs: int, settings: Settings) -> None:
    raise_open_file_limit()  # the host inherits it
    results: dict[int, list[Run]] = {}
    for phones in sizes:
        for attempt in range(1, runs + 1):
            run = await run_once(phones, settings)
            results.setdefault(phones, []).append(run)
            print(f"{phones} phones, run {attempt}: {run.figures}", file=sys.stderr, flush=True)
    print(table(results, settings))
    print()
    print(notes(results))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--clients", type=int, default=2, help="crowd worker processes")
    parser.add_argument("--runs", type=int, default=1, help="runs per size")
    parser.add_argument(
        "--concurrency", type=int, default=250, help="phones connecting at once, per client"
    )
    parser.add_argument(
        "--app", type=Path, default=ROOT, help="the checkout whose facilitator runs as the host"
    )
    parser.add_argument(
        "--profile", type=Path, help="record the host with py-spy into this file (raw stacks)"
    )
    arguments = parser.parse_args()
    settings = Settings(arguments.clients, arguments.concurrency, arguments.app, arguments.profile)
    asyncio.run(main(arguments.phones, arguments.runs, settings))
