"""What the organiser's logo costs: making its renditions from typical and from the
largest files taken, the host's answers to phones while a large one is prepared, and a
room of phones fetching the phones' rendition at once, each from its own address.

Starts ``python -m facilitator --headless`` on 127.0.0.1 with the example session file
(docs/examples/session.toml, whose logo is docs/examples/session-logo.png).

Usage: python benchmarks/logo.py [--phones 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.core.logo import prepare_logo
from facilitator.sim.addresses import phone_address
from tests.logo_samples import dark_ink_png, opaque_jpeg

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "session.toml"
RUNS = 5


def large_png() -> bytes:
    """5,000 x 5,000 px (the most taken), a flat logo on transparency."""
    image = Image.new("RGBA", (5000, 5000), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((500, 500, 4500, 4500), fill=(232, 93, 4, 255))
    draw.rectangle((1500, 2000, 3500, 3000), fill=(24, 33, 64, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def photograph_jpeg() -> bytes:
    """A 4,000 x 3,000 px photograph-like JPEG (gradients and grain)."""
    grain = Image.effect_noise((4000, 3000), 30).convert("RGB")
    gradient = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    image = Image.blend(grain, gradient, 0.6)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def preparing(files: dict[str, bytes]) -> None:
    print("making the renditions (median of 5):")
    for name, data in files.items():
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            logo = prepare_logo(data)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"  {name:<34} {len(data) / 1024:8.0f} KiB -> {statistics.median(times):6.0f} ms; "
            f"screen {logo.screen.width}x{logo.screen.height} {len(logo.screen.data) / 1024:.0f}"
            f" KiB, phone {logo.phone.width}x{logo.phone.height} "
            f"{len(logo.phone.data) / 1024:.1f} KiB ({logo.phone.media_type})"
        )


def start_host(data_dir: Path) -> tuple[subprocess.Popen[str], str, str]:
    command = [sys.executable, "-m", "facilitator", "--headless", "--no-zeroconf"]
    command += ["--host", "127.0.0.1", "--port", "0", "--data-dir", str(data_dir)]
    command += ["--session", str(EXAMPLE)]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment
    )
    assert process.stdout is not None
    document = json.loads(process.stdout.readline())
    return process, document["join_url"].rstrip("/"), document["moderator_url"]


async def answers_during_upload(base: str, moderator_url: str, data: bytes) -> None:
    """How long ``GET /api/session`` takes while the host prepares ``data``."""
    latencies: list[float] = []
    async with aiohttp.ClientSession() as http:

        async def upload() -> float:
            started = time.perf_counter()
            async with http.post(f"{moderator_url}api/logo", data=io.BytesIO(data)) as reply:
                assert reply.status == 200, await reply.text()
            return time.perf_counter() - started

        task = asyncio.create_task(upload())
        while not task.done():
            started = time.perf_counter()
            async with http.get(f"{base}/api/session") as reply:
                await reply.read()
            latencies.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.02)
        took = await task
    print(
        f"uploading {len(data) / (1024 * 1024):.1f} MiB: answered in {took:.2f} s; meanwhile "
        f"{len(latencies)} session reads, median {statistics.median(latencies):.1f} ms, "
        f"slowest {max(latencies):.1f} ms"
    )


async def room_fetches(base: str, phones: int) -> None:
    async with aiohttp.ClientSession() as http, http.get(f"{base}/api/session") as reply:
        logo = (await reply.json())["payload"]["logo"]
    path = f"{base}/api/logo/{logo['version']}/phone"
    sessions = [
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(phone_address(n), 0)))
        for n in range(phones)
    ]
    latencies: list[float] = []
    received = 0

    async def fetch(http: aiohttp.ClientSession) -> None:
        nonlocal received
        started = time.perf_counter()
        async with http.get(path) as answer:
            body = await answer.read()
            assert answer.status == 200
        received += len(body)
        latencies.append((time.perf_counter() - started) * 1000)

    try:
        started = time.perf_counter()
        await asyncio.gather(*(fetch(http) for http in sessions))
        took = time.perf_counter() - started
    finally:
        await asyncio.gather(*(http.close() for http in sessions))
    latencies.sort()
    print(
        f"{phones} phones fetch the phones' logo at once: all in {took:.2f} s, median "
        f"{statistics.median(latencies):.0f} ms, p99 {latencies[int(len(latencies) * 0.99)]:.0f}"
        f" ms; {received / phones / 1024:.1f} KiB each, {received / (1024 * 1024):.1f} MiB in all"
    )


async def against_host(phones: int, upload: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        process, base, moderator_url = start_host(Path(folder))
        try:
            await answers_during_upload(base, moderator_url, upload)
            await room_fetches(base, phones)
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=2000)
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    large = large_png()
    preparing(
        {
            "a logo on transparency, 1600x400 PNG": dark_ink_png(),
            "a badge, 900x900 JPEG": opaque_jpeg(),
            "a photograph, 4000x3000 JPEG": photograph_jpeg(),
            "the largest, 5000x5000 PNG": large,
        }
    )
    asyncio.run(against_host(args.phones, large))


if __name__ == "__main__":
    main()
