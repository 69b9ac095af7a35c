"""Write an example session's record in every format, and pictures of two of them.

    QT_QPA_PLATFORM=offscreen python docs/make_record_examples.py

Runs a session in memory the way the host does (phones join, confess, agree; the
moderator approves, projects, merges two alike confessions and ends it), then writes
docs/examples/record.{md,html,csv,json,pdf}, docs/screenshots/record-html.png (the HTML
in Chromium, 1000 px wide, the whole page) and docs/screenshots/record-pdf-page-1.png
(the PDF's first page rasterised by pdftoppm at 80 dpi).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from facilitator.core.events import EventBus  # noqa: E402
from facilitator.core.model import AgreementRequest  # noqa: E402
from facilitator.core.record.formats import RecordFormat, document, render  # noqa: E402
from facilitator.core.session import SessionService  # noqa: E402
from facilitator.core.store import Store  # noqa: E402
from facilitator.core.transcript import Transcript, build_transcript  # noqa: E402
from facilitator.protocol.commands import (  # noqa: E402
    Approve,
    Blank,
    Merge,
    Project,
    SetBatching,
    SetClosingNote,
)
from facilitator.ui.record_pdf import record_pdf  # noqa: E402

EXAMPLES = ROOT / "docs" / "examples"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PHONES = 48


def example_transcript(folder: Path) -> Transcript:
    samples = json.loads((ROOT / "resources" / "sample_confessions.json").read_text("utf-8"))
    confessions = samples["confessions"][:11]
    store = Store.open(folder)
    service = SessionService.start_new(
        store, EventBus(), folder / "transcripts", title="Never waste a mistake: Q3 retro"
    )
    service.execute(SetBatching("off"))
    service.phones_connected = lambda: PHONES  # as the host tells it
    phones = [service.participant(service.join()) for _ in range(PHONES)]
    ids = []
    for number, sample in enumerate(confessions):
        outcome = service.submit(
            phones[number], f"example-{number:04d}", sample["text"], sample["learned"]
        )
        assert outcome.confession_id is not None
        ids.append(outcome.confession_id)
    again = service.submit(phones[20], "example-again", confessions[0]["text"].lower(), "")
    assert again.confession_id is not None
    for number, item_id in enumerate([*ids, again.confession_id]):
        service.execute(Approve(item_id))
        service.execute(Project(item_id))
        agreeing = phones[: (number * 17 + 9) % PHONES]
        service.set_agreements([AgreementRequest(p, item_id, True) for p in agreeing])
    service.execute(Blank())
    kept = service.item(ids[0])
    service.execute(Merge(kept.id, (again.confession_id,), kept.version, kept.text, kept.learned))
    service.execute(
        SetClosingNote("Thank you all. Pick one lesson from the register for Monday's stand-up.")
    )
    transcript = build_transcript(store, service.session)
    store.close()
    return transcript


def main() -> None:
    _app = QGuiApplication.instance() or QGuiApplication([])
    EXAMPLES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        transcript = example_transcript(Path(folder))
    for record_format in RecordFormat:
        path = EXAMPLES / f"record.{record_format.value}"
        path.write_bytes(render(transcript, record_format).encode("utf-8"))
    pdf = EXAMPLES / "record.pdf"
    pdf.write_bytes(record_pdf(transcript, document(transcript)["fingerprint"]))
    picture = SCREENSHOTS / "record-pdf-page"
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(pdf), str(picture)], check=True
    )
    Path(f"{picture}-1.png").replace(SCREENSHOTS / "record-pdf-page-1.png")
    screenshot_html(EXAMPLES / "record.html", SCREENSHOTS / "record-html.png")
    print("Wrote", *sorted(p.name for p in EXAMPLES.iterdir()), sep="\n  ")


def screenshot_html(page_file: Path, target: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        page.goto(page_file.as_uri())
        page.screenshot(path=str(target), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
