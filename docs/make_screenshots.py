"""Render the README screenshots from a demo session held in memory.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py

Writes docs/screenshots/console.png (1280x800) and docs/screenshots/projector.png
(1920x1080). Confessions come from resources/sample_confessions.json when it
exists, otherwise from a small built-in list. Nothing is written outside
docs/screenshots/ (the demo transcript directory is temporary).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_API"] = "pyside6"

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from facilitator.core.errors import DomainError  # noqa: E402
from facilitator.core.events import EventBus  # noqa: E402
from facilitator.core.session import SessionService  # noqa: E402
from facilitator.core.store import Store  # noqa: E402
from facilitator.join.addresses import join_link, rank_candidates  # noqa: E402
from facilitator.protocol.commands import Approve, Project, SetAside  # noqa: E402
from facilitator.ui.console import ConsoleWindow  # noqa: E402
from facilitator.ui.projector import ProjectorWindow  # noqa: E402
from tests.ui.local_host import LocalHost  # noqa: E402

SAMPLES_FILE = ROOT / "resources" / "sample_confessions.json"
OUTPUT = ROOT / "docs" / "screenshots"


def load_samples() -> list[tuple[str, str]]:
    """The rehearsal sample set (``resources/sample_confessions.json``) as ``(text, learned)``."""
    data = json.loads(SAMPLES_FILE.read_text(encoding="utf-8"))
    return [(item["text"], item["learned"]) for item in data["confessions"]]


def build_demo(service: SessionService) -> None:
    """Fill every list: two shown (one on screen, with votes), a queue, incoming, set aside."""
    ids: list[int] = []
    for number, (text, learned) in enumerate(load_samples()[:10]):
        phone = service.participant(service.join())
        try:
            outcome = service.submit(phone, f"demo-client-{number:04d}", text, learned)
        except DomainError as error:
            print(f"Skipping a sample the rules refuse ({error.code}): {text[:40]!r}")
            continue
        ids.append(outcome.confession_id)
    on_screen, earlier, *rest = ids
    for confession_id in (earlier, on_screen, *rest[:3]):
        service.execute(Approve(confession_id))
    service.execute(Project(earlier))
    service.execute(Project(on_screen))
    if len(rest) > 3:
        service.execute(SetAside(rest[3]))
    voters = [service.participant(service.join()) for _ in range(42)]
    for voter in voters:
        service.set_agreement(voter, on_screen, True)
    for voter in voters[:17]:
        service.set_agreement(voter, earlier, True)


def settle(app: QApplication, seconds: float = 0.4) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"Could not write {path}")
    print(f"Wrote {path.relative_to(ROOT)}")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="confessional-demo-") as transcripts:
        store = Store.in_memory()
        bus = EventBus()
        service = SessionService.start_new(
            store,
            bus,
            Path(transcripts),
            title="Never waste a mistake",
            prompt="What mistake taught you the most?",
        )
        candidates = tuple(rank_candidates([("wlan0", "192.168.1.23"), ("eth0", "10.0.0.12")]))
        join = join_link("192.168.1.23", 8080, service.session.moderator_secret, candidates)
        local = LocalHost(service, join)  # the host's stream and commands, without a socket
        console = ConsoleWindow(local.mirror, local)
        projector = ProjectorWindow(local.mirror)
        console.resize(1280, 800)
        projector.resize(1920, 1080)
        console.show()
        projector.show()
        build_demo(service)
        local.feed.set_phones_connected(48)
        console.set_projector_status("Projector: full screen on HDMI-1")
        console.incoming_list.setCurrentRow(0)
        save(app, console, OUTPUT / "console.png")
        save(app, projector, OUTPUT / "projector.png")
        for window in (console, projector):
            window.allow_close()
            window.close()
        local.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
