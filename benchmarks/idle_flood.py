"""One device opens thousands of sockets and never uses them: do phones still get in?

    python benchmarks/idle_flood.py [--sockets 5000] [--phones 50]

Starts the real host (``--headless``, uvloop), measures how long phones from their own
addresses take to join (``POST /api/join``) and to open their live socket (``hello`` →
``state``) without any flood, then while one address (127.0.0.66) holds as many idle
sockets as it can (``--sockets`` attempts, some half-sent), and prints both. Also
prints how many of the flood's sockets the host accepted, and how many it had closed
by the end. Each simulated device speaks from its own loopback address, as on a LAN.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.load import Host

ATTACKER = "127.0.0.66"
HOLD_SECONDS = 15.0  # longer than the host's deadline for a first request


def envelope(message_type: str, payload: dict[str, object]) -> dict[str, object]:
    return {"type": message_type, "version": 1, "payload": payload}


async def phone(base: str, source: str) -> float:
    """Seconds from the first byte to the live socket's ``state``."""
    started = time.perf_counter()
    connector = aiohttp.TCPConnector(local_addr=(source, 0))
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        async with http.post(f"{base}/api/join", json=envelope("join", {})) as reply:
            reply.raise_for_status()
            token = (await reply.json())["payload"]["token"]
        async with http.ws_connect(f"{base.replace('http', 'ws')}/ws") as socket:
            await socket.send_json(envelope("hello", {"token": token}))
            while (await socket.receive_json())["type"] != "state":
                pass
    return time.perf_counter() - started


async def phones(base: str, count: int, first: int) -> list[float]:
    sources = [f"127.0.{1 + (first + n) // 250}.{2 + (first + n) % 250}" for n in range(count)]
    return list(await asyncio.gather(*(phone(base, source) for source in sources)))


Socket = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def flood(base: str, attempts: int) -> tuple[list[Socket], int]:
    """Open ``attempts`` sockets from one address; every tenth sends half a request."""
    url = urlsplit(base)
    sockets: list[Socket] = []
    failed = 0
    for n in range(attempts):
        try:
            reader, writer = await asyncio.open_connection(
                url.hostname, url.port, local_addr=(ATTACKER, 0)
            )
        except OSError:
            failed += 1
            continue
        if n % 10 == 0:
            writer.write(b"POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append((reader, writer))
    return sockets, failed


def still_open(sockets: list[Socket]) -> int:
    """Sockets the host has not closed (nor reset), as far as this side has seen."""
    return sum(
        1
        for reader, writer in sockets
        if not reader.at_eof() and reader.exception() is None and not writer.transport.is_closing()
    )


def describe(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p99 = ordered[max(0, round(len(ordered) * 0.99) - 1)]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms"


async def main(sockets: int, count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="idle-flood-") as directory:
        data = Path(directory)
        host = await Host.start(Path(__file__).resolve().parents[1], data, data / "stderr")
        base = host.join_url.rstrip("/")
        try:
            quiet = await phones(base, count, 0)
            held, failed = await flood(base, sockets)
            await asyncio.sleep(0.5)
            accepted = still_open(held)
            during = await phones(base, count, count)
            await asyncio.sleep(HOLD_SECONDS)
            after_deadline = await phones(base, count, 2 * count)
            left = still_open(held)
            for _, writer in held:
                writer.close()
        finally:
            await host.terminate()
    today, python = time.strftime("%Y-%m-%d"), platform.python_version()
    print(f"# Idle-socket flood: {today}, Python {python}, {count} phones from their own")
    print(f"flood: {sockets} connection attempts, {failed} failed at once, "
          f"{accepted} open 0.5 s later, {left} still open after {HOLD_SECONDS:.0f} s")  # fmt: skip
    print(f"phones, no flood:            {describe(quiet)}")
    print(f"phones, during the flood:    {describe(during)}")
    print(f"phones, after the deadline:  {describe(after_deadline)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", type=int, default=5000)
    parser.add_argument("--phones", type=int, default=50)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.sockets, arguments.phones))
