"""Start a real ``confessional --headless`` process and wait for its JSON line."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

STARTUP_TIMEOUT_SECONDS = 30.0


@dataclass
class HeadlessApp:
    process: subprocess.Popen[str]
    join_url: str
    moderator_url: str

    @property
    def port(self) -> int:
        port = urlsplit(self.join_url).port
        assert port is not None
        return port

    @property
    def base(self) -> str:
        return self.join_url.rstrip("/")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._close_pipe()

    def terminate(self, stop: signal.Signals = signal.SIGTERM) -> int:
        """Send ``stop`` and return the exit code; a process that does not stop fails."""
        self.process.send_signal(stop)
        try:
            code = self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            raise AssertionError(f"confessional did not stop within 15 s of {stop.name}") from None
        finally:
            self._close_pipe()
        return code

    def _close_pipe(self) -> None:
        if self.process.stdout is not None:
            self.process.stdout.close()


# Resolves to 127.0.0.1 in the tests' browser but is not "localhost": pages run as an
# insecure context, as on a LAN. The host answers to it only when told to.
LAN_HOST = "confessional.test"


def app_command(data_dir: Path, *extra: str) -> list[str]:
    """``confessional`` from this checkout, on loopback, without mDNS, answering to
    :data:`LAN_HOST` as well."""
    return [
        sys.executable,
        "-m",
        "facilitator",
        "--no-zeroconf",
        "--allow-host",
        LAN_HOST,
        "--host",
        "127.0.0.1",
        "--data-dir",
        str(data_dir),
        *extra,
    ]


APP_ENVIRONMENT = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}


def start_headless(
    data_dir: Path, *extra: str, env: Mapping[str, str] | None = None
) -> HeadlessApp:
    """``env``: variables to set besides :data:`APP_ENVIRONMENT`."""
    process = subprocess.Popen(
        app_command(data_dir, "--headless", *extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**APP_ENVIRONMENT, **(env or {})},
        cwd=Path(__file__).resolve().parents[2],
    )
    assert process.stdout is not None
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            line = process.stdout.readline()
            if not line:
                break
            document = json.loads(line)
            return HeadlessApp(process, document["join_url"], document["moderator_url"])
        if process.poll() is not None:
            break
    process.kill()
    process.wait(timeout=10)
    process.stdout.close()
    raise AssertionError(f"confessional --headless did not start (exit {process.poll()})")


@dataclass
class DesktopProcess:
    """The desktop app (console and projector, offscreen) as a real process."""

    process: subprocess.Popen[str]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def signal(self, stop: signal.Signals) -> None:
        self.process.send_signal(stop)

    def wait(self, timeout: float = 20) -> int:
        return self.process.wait(timeout=timeout)


def start_desktop(
    data_dir: Path, log_path: Path, *extra: str, env: Mapping[str, str] | None = None
) -> DesktopProcess:
    """Start ``confessional`` with its windows offscreen; its log goes to ``log_path``;
    ``env``: variables to set besides :data:`APP_ENVIRONMENT`."""
    with log_path.open("a", encoding="utf-8") as log:
        process = subprocess.Popen(
            app_command(data_dir, *extra),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
            env={**APP_ENVIRONMENT, **(env or {})},
            cwd=Path(__file__).resolve().parents[2],
        )
    return DesktopProcess(process, log_path)
