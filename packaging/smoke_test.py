"""Smoke-test a built bundle: the frozen executable, real processes, real sockets.

    .venv/bin/python packaging/smoke_test.py [dist/confessional | path/to/confessional]

Python 3.12, standard library only: it tests the binary, not the checkout (nothing of
``facilitator`` is imported). Every request goes to 127.0.0.1; the phone speaks from its
own loopback source address (127.0.0.2, as ``facilitator/sim/addresses.py`` gives the
first simulated phone), as a phone in the room would. Linux only (``/proc``). Checks:

1. ``--version`` prints the checkout's version and exits 0;
2. ``--headless --session docs/examples/session.toml`` prints its JSON line, serves the
   join page and the page's files, the prepared session's logo (made by Pillow in the
   bundle), takes a confession through the protocol (``POST /api/join``, ``POST /api/messages``;
   the moderators' snapshot then holds it) and exits 0 on SIGTERM, its record gone;
3. the desktop app (``QT_QPA_PLATFORM=offscreen``) starts its host from the same
   frozen executable (``--headless``; no other copy of the program runs: no second
   console), the host answers on its port, the console opens, children do not inherit
   the bundle's ``LD_LIBRARY_PATH``; SIGTERM ends both, the app with exit code 0;
4. the same on a real X server (Xvfb, Qt's xcb plugin with the bundle's X libraries and
   the system's fonts), where ``Xvfb`` is installed (skipped otherwise).

Ends with ``N passed, N failed``; exit code 0 when all passed.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
PHONE_ADDRESS = "127.0.0.2"  # facilitator.sim.addresses.phone_address(0)
START_SECONDS = 60.0
STOP_SECONDS = 30.0
CONFESSION = "Smoke test: I shipped the bundle without trying it first."
PREPARED = ROOT / "docs" / "examples" / "session.toml"  # with a logo beside it
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Failed(Exception):
    pass


def checkout_version() -> str:
    text = (ROOT / "facilitator" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise Failed("no __version__ in facilitator/__init__.py")
    return match.group(1)


def wait_for[T](what: str, probe: Callable[[], T | None], seconds: float = START_SECONDS) -> T:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = probe()
        if value:  # not None, False or "" (a line not written yet)
            return value
        time.sleep(0.05)
    raise Failed(f"timed out after {seconds:.0f} s waiting for {what}")


def request(
    port: int,
    method: str,
    path: str,
    body: dict[str, Any] | None = None,
    *,
    source: str = LOOPBACK,
    token: str | None = None,
) -> tuple[int, bytes]:
    """One HTTP request to the host on loopback, from the ``source`` address."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=10, source_address=(source, 0))
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    try:
        connection.request(
            method, path, body=None if body is None else json.dumps(body), headers=headers
        )
        reply = connection.getresponse()
        return reply.status, reply.read()
    finally:
        connection.close()


def envelope(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"type": kind, "version": 1, "payload": payload}


def read_record(data_dir: Path) -> dict[str, Any] | None:
    try:
        document = json.loads((data_dir / "host.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, ended but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def processes_of(executable: Path) -> list[int]:
    """Every running process whose program is ``executable``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if Path(os.readlink(entry / "exe")) == executable and running(int(entry.name)):
                    found.append(int(entry.name))
    return sorted(found)


def stop(process: subprocess.Popen[bytes], what: str) -> int:
    """SIGTERM, then the exit code (SIGKILL and a failure if it does not stop in time)."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise Failed(f"{what} did not stop within {STOP_SECONDS:.0f} s of SIGTERM") from None


@contextlib.contextmanager
def started(
    command: list[str], log: Path, env: dict[str, str], stdout: Path | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``command``, its stderr (and stdout, unless ``stdout`` names a file of its
    own) to ``log``; kill it if it is left running."""
    with log.open("wb") as errors, (stdout or log).open("ab") as output:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=output, stderr=errors, env=env
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def environment(home: Path) -> dict[str, str]:
    """This environment, with the user's folders and settings moved into ``home``."""
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env["HOME"] = str(home)
    return env


def check_version(executable: Path) -> str:
    result = subprocess.run(
        [str(executable), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    expected = f"confessional {checkout_version()}"
    if result.returncode != 0 or result.stdout.strip() != expected:
        raise Failed(
            f"--version: exit {result.returncode}, printed {result.stdout.strip()!r} "
            f"(expected {expected!r}); stderr: {result.stderr.strip()[-500:]}"
        )
    return result.stdout.strip()


def check_headless(executable: Path, work: Path) -> str:
    data_dir = work / "headless-data"
    log = work / "headless.log"
    command = [
        str(executable),
        "--headless",
        "--data-dir",
        str(data_dir),
        "--host",
        LOOPBACK,
        "--port",
        "0",
        "--no-zeroconf",
        "--session",
        str(PREPARED),
    ]
    printed = work / "headless.out"
    with started(command, log, environment(work / "headless-home"), printed) as host:
        record = wait_for("the host's record (host.json)", lambda: read_record(data_dir))
        port = int(record["port"])
        if record["pid"] != host.pid:
            raise Failed(f"host.json names pid {record['pid']}, the host is {host.pid}")
        line = wait_for("the host's JSON line on stdout", lambda: printed.read_text().strip())
        urls = json.loads(line.splitlines()[0])
        if not urls["join_url"].endswith(f":{port}/"):
            raise Failed(f"join URL {urls['join_url']!r} is not on port {port}")

        status, page = request(port, "GET", "/", source=PHONE_ADDRESS)
        if status != 200 or b"<html" not in page.lower():
            raise Failed(f"join page: HTTP {status}")
        static = sorted(set(re.findall(rb'(?:src|href)="(/static/[^"]+)"', page)))
        if not static:
            raise Failed("the join page loads no /static/ script")
        for path in static:
            status, _ = request(port, "GET", path.decode(), source=PHONE_ADDRESS)
            if status != 200:
                raise Failed(f"{path.decode()}: HTTP {status} (participant_web/ not bundled?)")

        status, body = request(port, "GET", "/api/session", source=PHONE_ADDRESS)
        logo = json.loads(body)["payload"]["logo"] if status == 200 else None
        if not logo:
            raise Failed(f"GET /api/session: HTTP {status}, no logo from {PREPARED.name}")
        status, image = request(
            port, "GET", f"/api/logo/{logo['version']}/phone", source=PHONE_ADDRESS
        )
        if status != 200 or not image.startswith(PNG_SIGNATURE):
            raise Failed(f"the phones' logo: HTTP {status}, {image[:16]!r}")

        status, body = request(
            port, "POST", "/api/join", envelope("join", {}), source=PHONE_ADDRESS
        )
        joined = json.loads(body)
        if status != 200 or joined.get("type") != "joined":
            raise Failed(f"POST /api/join: HTTP {status} {body[:300]!r}")
        token = joined["payload"]["token"]

        submit = envelope("confession.submit", {"client_id": "smoke-test-0001", "text": CONFESSION})
        status, body = request(
            port, "POST", "/api/messages", submit, source=PHONE_ADDRESS, token=token
        )
        received = json.loads(body)
        if status != 200 or received.get("type") != "confession.received":
            raise Failed(f"POST /api/messages: HTTP {status} {body[:300]!r}")

        state_path = f"/moderator/{record['moderator_secret']}/api/state"
        status, state = request(port, "GET", state_path)
        if status != 200 or CONFESSION.encode() not in state:
            raise Failed(f"the moderators' snapshot (HTTP {status}) lacks the confession")

        code = stop(host, "the host")
        if code != 0:
            raise Failed(f"the host exited {code} on SIGTERM; its log:\n{tail(log)}")
        if (data_dir / "host.json").exists():
            raise Failed("the host left host.json behind")
    return f"port {port}: join page, {len(static)} page files, logo, join, confession, exit 0"


def check_desktop(
    command_path: Path, executable: Path, work: Path, display: str | None = None
) -> str:
    """``command_path`` is started; ``executable`` is the program it runs (links resolved).
    Offscreen, or on the X ``display`` given (Qt's xcb plugin and its libraries)."""
    name = "desktop" if display is None else "desktop-x11"
    data_dir = work / f"{name}-data"
    log = work / f"{name}.log"
    command = [
        str(command_path),
        "--data-dir",
        str(data_dir),
        "--host",
        LOOPBACK,
        "--port",
        "0",
        "--no-zeroconf",
        "--new-session",
    ]
    env = environment(work / f"{name}-home")
    if display is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
    else:
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
        env.pop("WAYLAND_DISPLAY", None)
    with started(command, log, env) as app:
        record = wait_for("the host's record (host.json)", lambda: read_record(data_dir))
        host_pid = int(record["pid"])
        try:
            if host_pid == app.pid:
                raise Failed("the desktop app is serving the session itself")
            host_program = Path(os.readlink(f"/proc/{host_pid}/exe"))
            host_args = Path(f"/proc/{host_pid}/cmdline").read_bytes().split(b"\0")
            if host_program != executable or b"--headless" not in host_args:
                raise Failed(f"the host runs {host_program} {host_args!r}, not {executable}")
            status, _ = request(int(record["port"]), "GET", "/", source=PHONE_ADDRESS)
            if status != 200:
                raise Failed(f"the host's join page: HTTP {status}")
            state_path = f"/moderator/{record['moderator_secret']}/api/state"
            status, _ = request(int(record["port"]), "GET", state_path)
            if status != 200:
                raise Failed(f"the host's moderator state: HTTP {status}")
            wait_for(
                "the console (Console ready in its log)",
                lambda: app.poll() is None and "Console ready" in log.read_text(errors="replace"),
            )
            copies = processes_of(executable)
            if copies != sorted([app.pid, host_pid]):
                raise Failed(f"processes of the bundle: {copies}, expected app and host only")
            inherited = Path(f"/proc/{host_pid}/environ").read_bytes().split(b"\0")
            bundle_dir = str(executable.parent).encode()
            if any(
                item.startswith(b"LD_LIBRARY_PATH=") and bundle_dir in item for item in inherited
            ):
                raise Failed("the host inherited the bundle's LD_LIBRARY_PATH")

            code = stop(app, "the desktop app")
            if code != 0:
                raise Failed(f"the desktop app exited {code} on SIGTERM; its log:\n{tail(log)}")
            wait_for("the host to stop", lambda: not running(host_pid), STOP_SECONDS)
            if (data_dir / "host.json").exists():
                raise Failed("the host left host.json behind")
        finally:
            if running(host_pid):  # the host this test's app started, left running
                os.kill(host_pid, signal.SIGKILL)
    return f"host pid {host_pid} is {executable.name} --headless; console ready; both exit 0"


@contextlib.contextmanager
def x_server(work: Path) -> Iterator[str]:
    """A private Xvfb display (Debian's xvfb), stopped afterwards."""
    read, write = os.pipe()
    with (work / "xvfb.log").open("wb") as log:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            pass_fds=(write,),
        )
    os.close(write)
    try:
        with os.fdopen(read) as announced:
            ready, _, _ = select.select([announced], [], [], START_SECONDS)
            number = announced.readline().strip() if ready else ""  # once it is ready
        if not number.isdigit():
            raise Failed(f"Xvfb did not start; its log:\n{tail(work / 'xvfb.log')}")
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def check_desktop_on_x11(command_path: Path, executable: Path, work: Path) -> str:
    with x_server(work) as display:
        return check_desktop(command_path, executable, work, display)


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "bundle",
        nargs="?",
        type=Path,
        default=ROOT / "dist" / "confessional",
        help="the one-folder bundle, or the executable (or a link to it) to start "
        "(default: dist/confessional)",
    )
    args = parser.parse_args()
    command = args.bundle / "confessional" if args.bundle.is_dir() else args.bundle
    if not command.is_file():
        sys.stderr.write(f"{command}: no bundle executable there (make bundle builds it)\n")
        return 1
    command = command.absolute()  # started as given (a link stays a link) …
    executable = command.resolve()  # … and found in /proc by the program it runs
    passed = failed = skipped = 0
    with tempfile.TemporaryDirectory(prefix="confessional-smoke-") as temporary:
        work = Path(temporary)
        checks: list[tuple[str, Callable[[], str]]] = [
            ("--version", lambda: check_version(command)),
            ("--headless", lambda: check_headless(command, work)),
            ("desktop app (offscreen)", lambda: check_desktop(command, executable, work)),
        ]
        if shutil.which("Xvfb"):
            checks.append(
                ("desktop app (X11)", lambda: check_desktop_on_x11(command, executable, work))
            )
        else:
            skipped += 1
            print("skip desktop app (X11): no Xvfb (Debian: apt-get install xvfb)", flush=True)
        for name, check in checks:
            started_at = time.monotonic()
            try:
                detail = check()
            except (Failed, OSError, ValueError, KeyError, subprocess.SubprocessError) as error:
                failed += 1
                print(f"FAIL {name}: {error}", flush=True)
                for log in sorted([*work.glob("*.log"), *work.glob("*.out")]):
                    print(f"--- {log.name}\n{tail(log)}", flush=True)
            else:
                passed += 1
                elapsed = time.monotonic() - started_at
                print(f"ok   {name} ({elapsed:.1f} s): {detail}", flush=True)
    print(f"bundle: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
