"""What writing a big session's record costs: 1,000 shown confessions, 3,000 replies.

Runs a session in memory the way the host does (phones confess and reply, the
moderator approves and shows every confession and approves every reply, phones agree),
then times building the record from the store and rendering each format, PDF included
(Qt, offscreen), and prints each file's size.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/record_export.py [--confessions 1000]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from facilitator.core.events import EventBus
from facilitator.core.model import AgreementRequest
from facilitator.core.record.formats import RecordFormat, document, render
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.core.transcript import build_transcript
from facilitator.protocol.commands import Approve, Project, SetBatching
from facilitator.ui.record_pdf import record_pdf

REPLIES_PER_CONFESSION = 3
PHONES = 200


def run_session(folder: Path, confessions: int) -> tuple[Store, SessionService]:
    store = Store.open(folder)
    service = SessionService.start_new(store, EventBus(), folder / "transcripts")
    service.execute(SetBatching("off"))
    service.phones_connected = lambda: PHONES
    phones = [service.participant(service.join()) for _ in range(PHONES)]
    for number in range(confessions):
        author = phones[number % PHONES]
        text = f"Confession {number}: I shipped it on a Friday and told nobody until Monday."
        outcome = service.submit(author, f"c{number:08d}", text, "Say it early.")
        assert outcome.confession_id is not None
        confession = outcome.confession_id
        service.execute(Approve(confession))
        service.execute(Project(confession))
        for reply in range(REPLIES_PER_CONFESSION):
            replier = phones[(number + reply + 1) % PHONES]
            sent = service.submit_reply(
                replier, f"r{number:06d}{reply}", confession, f"What helped {reply}: a checklist."
            )
            assert sent.confession_id is not None
            service.execute(Approve(sent.confession_id))
        voters = phones[: (number * 7) % PHONES]
        service.set_agreements([AgreementRequest(p, confession, True) for p in voters])
    return store, service


def timed[T](label: str, action: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = action()
    print(f"{label:<28} {(time.perf_counter() - started) * 1000:9.0f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--confessions", type=int, default=1000)
    confessions = parser.parse_args().confessions
    _app = QApplication.instance() or QApplication([])
    print(
        f"{platform.node()} · {platform.machine()} · Python {platform.python_version()} · "
        f"{confessions} shown, {confessions * REPLIES_PER_CONFESSION} replies"
    )
    with tempfile.TemporaryDirectory() as folder:
        store, service = run_session(Path(folder), confessions)
        transcript = timed("build the record", lambda: build_transcript(store, service.session))
        stamp = timed("fingerprint (JSON document)", lambda: document(transcript)["fingerprint"])
        for record_format in RecordFormat:
            text = timed(
                f"render {record_format.value}", partial(render, transcript, record_format)
            )
            print(f"{'':<28} {len(text.encode()) / 1e6:9.2f} MB")
        pdf = timed("render pdf (Qt)", partial(record_pdf, transcript, str(stamp)))
        print(f"{'':<28} {len(pdf) / 1e6:9.2f} MB")
        store.close()


if __name__ == "__main__":
    main()
