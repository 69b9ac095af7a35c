"""Load benchmark: many phones on one laptop, measured over loopback.

Starts a real ``confessional --headless`` process, connects N simulated phones
from this process (speaking the public protocol), projects a confession, lets
every phone agree, and reports:

- how long it takes all phones to join and open their live socket;
- from the last acknowledged agreement until every phone shows the final count
  (this includes the server's 100 ms count coalescing);
- the server's memory (RSS) idle and with all phones connected.

Usage: python benchmarks/fanout.py [--phones 200 1000 2000]
Everything stays on 127.0.0.1 and the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.sim.phone import SimulatedPhone, envelope
from tests.e2e.process import HeadlessApp, start_headless

TIMEOUT_SECONDS = 120.0


def rss_megabytes(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def moderate(http: aiohttp.ClientSession, app: HeadlessApp, payload: dict[str, Any]) -> None:
    async with http.post(
        f"{app.moderator_url}api/commands", json=envelope("moderate", payload)
    ) as r:
        assert r.status == 200, await r.text()


async def wait_for(predicate: Any, timeout: float = TIMEOUT_SECONDS) -> float:
    started = time.perf_counter()
    while not predicate():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("benchmark condition not reached")
        await asyncio.sleep(0.002)
    return time.perf_counter() - started


async def run_once(phones: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data_dir:
        app = start_headless(Path(data_dir), "--port", "0")
        try:
            await asyncio.sleep(0.5)
            rss_idle = rss_megabytes(app.process.pid)
            connector = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(connector=connector) as http:
                audience = [SimulatedPhone(http, app.join_url) for _ in range(phones)]
                started = time.perf_counter()
                await asyncio.gather(*(phone.join() for phone in audience))
                await asyncio.gather(*(phone.connect() for phone in audience))
                await asyncio.gather(*(phone.connected.wait() for phone in audience))
                connect_all = time.perf_counter() - started
                rss_connected = rss_megabytes(app.process.pid)

                await audience[0].submit("I load-tested in production.")
                async with http.get(f"{app.moderator_url}api/state") as reply:
                    confession_id = (await reply.json())["payload"]["confessions"][0]["id"]
                await moderate(http, app, {"command": "approve", "confession_id": confession_id})
                started = time.perf_counter()
                await moderate(http, app, {"command": "project", "confession_id": confession_id})
                await wait_for(lambda: all(p.projection is not None for p in audience))
                projection_seen = time.perf_counter() - started

                for chunk in range(0, phones, 200):
                    batch = audience[chunk : chunk + 200]
                    await asyncio.gather(*(p.agree(confession_id) for p in batch))
                last_ack = time.perf_counter()
                await wait_for(lambda: all(p.count == phones for p in audience))
                final_count_seen = time.perf_counter() - last_ack
                await asyncio.gather(*(p.close() for p in audience))
        finally:
            app.terminate()
    return {
        "connect_all_s": connect_all,
        "projection_to_all_s": projection_seen,
        "last_vote_to_all_s": final_count_seen,
        "rss_idle_mb": rss_idle,
        "rss_connected_mb": rss_connected,
    }


async def main(sizes: list[int]) -> None:
    print(
        f"# fan-out benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"Python {platform.python_version()}, {platform.node()}"
    )
    print(
        "| phones | join + connect all | project → all phones | last vote → all phones "
        "| server RSS idle → connected |"
    )
    print("|---|---|---|---|---|")
    for phones in sizes:
        figures = await run_once(phones)
        print(
            f"| {phones} | {figures['connect_all_s']:.2f} s | "
            f"{figures['projection_to_all_s']:.2f} s | {figures['last_vote_to_all_s']:.2f} s | "
            f"{figures['rss_idle_mb']:.0f} → {figures['rss_connected_mb']:.0f} MB |",
            flush=True,
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, nargs="+", default=[200, 1000])
    arguments = parser.parse_args()
    asyncio.run(main(arguments.phones))
