"""A crowd of simulated phones in a process of its own, for benchmarks.

``python benchmarks/phones.py JOIN_URL N`` joins N phones and opens their live
sockets, prints ``connected <seconds>``, waits until something is projected,
lets every phone agree, waits until every phone shows the final count, prints
``agreed <seconds>`` (from the last acknowledged agreement until every phone
shows the final count) and exits. Everything it talks to is the URL it is given.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.sim.phone import SimulatedPhone

TIMEOUT_SECONDS = 120.0
BATCH = 200


async def until(predicate: object, timeout: float = TIMEOUT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("the crowd waited too long")
        await asyncio.sleep(0.002)


async def crowd(url: str, phones: int) -> None:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        audience = [SimulatedPhone(http, url) for _ in range(phones)]
        started = time.perf_counter()
        await asyncio.gather(*(phone.join() for phone in audience))
        await asyncio.gather(*(phone.connect() for phone in audience))
        await asyncio.gather(*(phone.connected.wait() for phone in audience))
        print(f"connected {time.perf_counter() - started:.3f}", flush=True)
        await until(lambda: all(p.projection is not None for p in audience))
        confession_id = audience[0].projection["confession_id"]  # type: ignore[index]
        for start in range(0, phones, BATCH):
            await asyncio.gather(*(p.agree(confession_id) for p in audience[start : start + BATCH]))
        last_ack = time.perf_counter()
        await until(lambda: all(p.count == phones for p in audience))
        print(f"agreed {time.perf_counter() - last_ack:.3f}", flush=True)
        await asyncio.gather(*(p.close() for p in audience))


if __name__ == "__main__":
    asyncio.run(crowd(sys.argv[1], int(sys.argv[2])))
