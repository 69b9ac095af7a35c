"""What a phone waits for on a slow network: the phone page's bytes and the time until
its form can be used, in Chromium at 400 kbit/s (and at 2 Mbit/s), 150 ms latency, with
an empty cache and again with a warm one; and the projector page the same way.

Starts ``python -m facilitator --headless`` on 127.0.0.1 (answering to
``confessional.test``, so that the page runs as it does on a LAN: not a secure context)
and opens it with Debian's Chromium under Chrome DevTools' network throttling.

Usage: python benchmarks/phone_page_load.py
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
LAN_HOST = "confessional.test"
NETWORKS = {"400 kbit/s": 400_000, "2 Mbit/s": 2_000_000}
LATENCY_MS = 150
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    f"--host-resolver-rules=MAP {LAN_HOST} 127.0.0.1",
]


def start_host(data_dir: Path) -> tuple[subprocess.Popen[str], str, str]:
    command = [sys.executable, "-m", "facilitator", "--headless", "--no-zeroconf"]
    command += ["--host", "127.0.0.1", "--port", "0", "--data-dir", str(data_dir)]
    command += ["--allow-host", LAN_HOST]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment
    )
    assert process.stdout is not None
    document = json.loads(process.stdout.readline())
    port = document["join_url"].rsplit(":", 1)[1].strip("/")
    state = json.loads(
        subprocess.run(
            ["curl", "-s", f"{document['moderator_url']}api/state"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    projector = state["payload"]["session"]["projector_path"]
    return process, f"http://{LAN_HOST}:{port}/", f"http://{LAN_HOST}:{port}{projector}"


def throttle(page: Page, bits_per_second: int) -> None:
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": bits_per_second / 8,
            "uploadThroughput": bits_per_second / 8,
        },
    )


def load(page: Page, url: str, ready: str) -> tuple[float, int]:
    """Seconds until ``ready`` is visible, and the bytes the responses carried."""
    received: list[int] = []
    page.on(
        "requestfinished",
        lambda request: received.append(request.sizes()["responseBodySize"]),
    )
    started = time.perf_counter()
    page.goto(url)
    page.locator(ready).first.wait_for(state="visible", timeout=120_000)
    return time.perf_counter() - started, sum(received)


def main() -> None:
    print(f"{platform.python_version()} on {platform.machine()}; latency {LATENCY_MS} ms")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        process, phone_url, projector_url = start_host(Path(folder))
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            for page_name, url, ready in (
                ("phone page", phone_url, "#confession-text"),
                ("projector page", projector_url, "[data-slide=join]"),
            ):
                for network, speed in NETWORKS.items():
                    context = browser.new_context(viewport={"width": 390, "height": 844})
                    page = context.new_page()
                    throttle(page, speed)
                    cold, cold_bytes = load(page, url, ready)
                    warm, warm_bytes = load(page, url, ready)
                    print(
                        f"{page_name:>14}, {network:>10}: empty cache {cold:5.2f} s "
                        f"({cold_bytes / 1024:6.1f} KiB), warm {warm:5.2f} s "
                        f"({warm_bytes / 1024:5.1f} KiB)"
                    )
                    context.close()
            browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
