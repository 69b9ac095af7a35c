"""The console with 5,000 confessions across the lanes: search, scroll and a bulk action
each answer within a frame or two (issue 7, part 6).

A test, not a benchmark: the bound (``LIMIT_MS`` of the GUI thread's CPU time, as in
``test_console_lists.py``; wall time only loosely, since a loaded machine stretches it)
is generous for a 2-core CI box; the figures are printed (``-s``). A bulk
action is timed twice: the click (the host's work included: here it runs on the same
thread) and the console's own part, the changes the host sends for it applied to the
mirror and the lanes, the rows laid out and painted.
"""

from __future__ import annotations

import gc
import json
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol import moderator as stream
from facilitator.protocol.commands import (
    ApproveMany,
    Blank,
    Project,
    SetAsideMany,
)
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.confession_list import ConfessionList
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.mirror import SessionMirror
from tests.ui.crowd import Cost, crowded_console
from tests.ui.helpers import submit, submit_for_organisers
from tests.ui.local_host import LocalHost

LIMIT_MS = 100.0  # the GUI thread's CPU time (as in test_console_lists: load inflates wall time)
# Setting the whole queue of 1,200 aside re-reads two lanes at once: a few frames, measured
# 56 to 118 ms on a 2-core CI machine, so its bound leaves room for a busy one.
WHOLE_QUEUE_LIMIT_MS = 250.0


def limit_for(name: str) -> float:
    return WHOLE_QUEUE_LIMIT_MS if "1,200" in name else LIMIT_MS


WALL_LIMIT_MS = 2000.0  # wall time, loaded machines included
TOTAL = 5000
DISTINCT = 500  # each told ten times: every row is marked alike (the host compares
# distinct texts once each, so the 5,000 are compared in a second, not minutes)
FRUIT = ("apple", "pear", "plum", "fig", "kiwi", "lime", "date", "quince", "melon")
SAMPLES_FILE = Path(__file__).resolve().parents[2] / "resources" / "sample_confessions.json"


def confessions() -> list[str]:
    """TOTAL texts: DISTINCT sentences of words drawn from the sample confessions (unlike
    one another, each with a fruit that search can find), each told ten times."""
    data = json.loads(SAMPLES_FILE.read_text(encoding="utf-8"))
    words = sorted({w for c in data["confessions"] for w in c["text"].split() if w.isalpha()})
    pick = random.Random(7)
    distinct = [
        f"{' '.join(pick.sample(words, 12))} {FRUIT[n % len(FRUIT)]}." for n in range(DISTINCT)
    ]
    return [distinct[n % DISTINCT] for n in range(TOTAL)]


@pytest.fixture
def crowded(
    qtbot: QtBot, join: JoinLink, tmp_path: Path
) -> Iterator[tuple[ConsoleWindow, LocalHost]]:
    """5,000 confessions: 3,080 incoming, 1,200 queued, 600 set aside, 20 shown, 100 for the
    organisers; the console opened on them."""

    def fill(service: SessionService) -> None:
        ids = [submit(service, text, "Tell someone.") for text in confessions()[: TOTAL - 100]]
        for n in range(100):
            text = f"For the organisers {n}: the {FRUIT[n % 9]} was theirs."
            submit_for_organisers(service, text)
        service.execute(ApproveMany(tuple(ids[:1220])))
        for item_id in ids[:20]:
            service.execute(Project(item_id))
        service.execute(Blank())
        service.execute(SetAsideMany(tuple(ids[1220:1820])))

    with crowded_console(qtbot, join, tmp_path / "transcripts", fill) as opened:
        yield opened


def timed(action: Callable[[], object]) -> Cost:
    """What ``action`` and the layout and paint it leads to cost (a collection of the
    garbage first, so that a pause of the collector is not counted as the console's)."""
    gc.collect()
    started, started_cpu = time.perf_counter(), time.thread_time()
    action()
    QApplication.processEvents()
    wall, cpu = time.perf_counter() - started, time.thread_time() - started_cpu
    return Cost(wall * 1000, cpu * 1000)


def select_rows(widget: ConfessionList, first: int, last: int) -> None:
    model = widget.list_model()
    selection = QItemSelection(model.index(first, 0), model.index(last, 0))
    flag = QItemSelectionModel.SelectionFlag
    widget.selectionModel().select(selection, flag.ClearAndSelect)
    widget.selectionModel().setCurrentIndex(model.index(first, 0), flag.NoUpdate)


def held_stream(
    monkeypatch: pytest.MonkeyPatch, mirror: SessionMirror
) -> list[stream.StreamMessage]:
    """Hold what the host sends until :func:`deliver` (to time the console's part alone)."""
    held: list[stream.StreamMessage] = []
    monkeypatch.setattr(mirror, "apply", held.append)
    return held


def deliver(
    monkeypatch: pytest.MonkeyPatch, mirror: SessionMirror, held: list[stream.StreamMessage]
) -> Cost:
    monkeypatch.undo()

    def apply_all() -> None:
        for message in held:
            mirror.apply(message)

    return timed(apply_all)


def test_5000_confessions_search_scroll_and_bulk_within_a_frame_or_two(
    qtbot: QtBot, crowded: tuple[ConsoleWindow, LocalHost], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, local = crowded
    incoming, queue = window.incoming_list, window.queue_list
    assert (incoming.count(), queue.count(), window.aside_list.count()) == (3080, 1200, 600)
    assert window.organisers_list.count() == 100 and window.shown_list.count() == 20
    alike = [e for e in incoming.entries() if e.detail.startswith("≈")]
    assert alike, "some are marked alike"
    figures: dict[str, Cost] = {}

    for _ in range(2):  # the better of two rounds: load only makes a round slower
        window.search.field.setText("kiwi")
        searched = timed(window.search.field.returnPressed.emit)
        assert 0 < incoming.count() < 3080 and all("kiwi" in t for t in incoming.texts())
        window.search.field.setText("kiwi kitchen")
        narrowed = timed(window.search.field.returnPressed.emit)
        cleared = timed(window.search.field.clear)
        assert incoming.count() == 3080
        for name, cost in (
            ("search", searched),
            ("search, a second word", narrowed),
            ("search cleared", cleared),
        ):
            figures[name] = min(figures.get(name, cost), cost, key=lambda c: c.cpu)

    bar = incoming.verticalScrollBar()
    page = bar.pageStep()
    figures["scroll a page"] = max(
        (
            timed(lambda: (bar.setValue(bar.value() + page), incoming.viewport().repaint()))
            for _ in range(5)
        ),
        key=lambda cost: cost.cpu,
    )
    figures["scroll to the end"] = timed(
        lambda: (bar.setValue(bar.maximum()), incoming.viewport().repaint())
    )

    select_rows(incoming, 1500, 1699)  # 200 in the middle of Incoming
    qtbot.waitUntil(lambda: window.approve_button.text() == "Approve 200")
    held = held_stream(monkeypatch, local.mirror)
    figures["approve 200: the click, host included"] = timed(window.approve_button.click)
    figures["approve 200: the console's part"] = deliver(monkeypatch, local.mirror, held)
    assert (incoming.count(), queue.count()) == (2880, 1400)
    qtbot.waitUntil(lambda: window.undo_button.toolTip() == "Undo approve (200) (Ctrl+Z)")

    select_rows(queue, 600, 799)
    qtbot.waitUntil(lambda: window.unqueue_button.text() == "Set aside 200")
    held = held_stream(monkeypatch, local.mirror)
    figures["set aside 200: the click, host included"] = timed(window.unqueue_button.click)
    figures["set aside 200: the console's part"] = deliver(monkeypatch, local.mirror, held)
    assert (queue.count(), window.aside_list.count()) == (1200, 800)

    queue.selectAll()  # the whole queue at once
    qtbot.waitUntil(lambda: window.unqueue_button.text() == "Set aside 1200")
    held = held_stream(monkeypatch, local.mirror)
    figures["set aside 1,200: the click, host included"] = timed(window.unqueue_button.click)
    figures["set aside 1,200: the console's part"] = deliver(monkeypatch, local.mirror, held)
    assert queue.count() == 0 and window.aside_list.count() == 2000

    for name, cost in figures.items():
        print(f"5,000 confessions, {name}: {cost.cpu:.1f} ms CPU, {cost.wall:.1f} ms wall")
    timed_here = {name: cost for name, cost in figures.items() if "host included" not in name}
    slow = {name: cost for name, cost in timed_here.items() if cost.cpu > limit_for(name)}
    assert not slow, (
        f"over its bound of CPU ({LIMIT_MS} ms, the whole queue {WHOLE_QUEUE_LIMIT_MS}): {slow}"
    )
    very_slow = {name: cost for name, cost in timed_here.items() if cost.wall > WALL_LIMIT_MS}
    assert not very_slow, f"over {WALL_LIMIT_MS} ms: {very_slow}"
