"""The console's four lanes with many confessions: one change is a few row operations.

The timed tests hold the lists to their promise: with 5,000 confessions listed, one
more arrival costs the GUI thread under 2 ms (the console's handling of the event plus
the ``processEvents()`` that runs the layout and repaint it triggers), about as much as
with 100. The old lists, rebuilt on every change, took 20-30 ms at 100 and 700-800 ms
at 5,000 on the 2-core machine these tests were written on.

Each arrival is timed twice: wall time (``perf_counter``) and the GUI thread's CPU time
(``thread_time``). Idle, they agree within a few tenths of a millisecond; with both
cores busy elsewhere, wall medians of 1-12 ms were seen while the CPU time stayed at
0.8-1.3 ms, so the 2 ms limit applies to the CPU time and the wall time gets a
generous bound (which the old lists miss by far all the same). Figures are the median
of 20 arrivals, best of up to three rounds: load only makes a round slower, while work
that grows with the list makes every round slow.
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.host import messages
from facilitator.protocol.commands import Approve, Project, Restore, SetAside
from facilitator.protocol.envelope import encode
from facilitator.protocol.moderator import ItemAdded, JoinLink, decode_to_moderator
from facilitator.ui.confession_list import ConfessionList
from facilitator.ui.console import ConsoleWindow
from tests.ui.crowd import Cost, crowded_console
from tests.ui.helpers import participant, submit
from tests.ui.local_host import LocalHost

ARRIVAL_LIMIT_MS = 2.0  # the GUI thread's CPU time per arrival
WALL_LIMIT_MS = 20.0  # wall time, loaded machines included
ARRIVALS = 20
ROUNDS = 3
SAMPLES = [
    ("I deployed to production on a Friday at 5pm, then went to a wedding.", "Not on Fridays."),
    ("I replied-all to the whole company with my salary negotiation notes.", ""),
    (
        "I ignored the junior developer who said the migration would lock the table. It "
        "locked the table for forty minutes at peak time, and I had to explain it to the "
        "whole company the next morning.",
        "Listen to the quiet person in the room.",
    ),
    ("I wrote the tests after the release, so there were never tests.", "Tests first."),
]
_client_ids = itertools.count(1)


@contextmanager
def console_listing(
    qtbot: QtBot, join: JoinLink, tmp_path: Path, listed: int
) -> Iterator[tuple[ConsoleWindow, LocalHost]]:
    """A console opened on a session with ``listed`` incoming confessions, the first selected."""

    def fill(service: SessionService) -> None:
        for number in range(listed):
            submit(service, *SAMPLES[number % len(SAMPLES)])

    transcripts = tmp_path / f"transcripts-{listed}"
    with crowded_console(qtbot, join, transcripts, fill) as (window, local):
        assert window.incoming_list.count() == listed
        window.incoming_list.select_id(window.incoming_list.ids()[0])
        qtbot.wait(50)
        yield window, local


def arrival_costs(qtbot: QtBot, local: LocalHost) -> list[Cost]:
    """GUI time of each of ARRIVALS new confessions: decoding the host's ``item.added``,
    the mirror's and the console's handling of it, and the ``processEvents()`` that runs
    the item layout and repaint it triggers."""
    service, mirror = local.service, local.mirror
    author = participant(service)
    costs = []
    for number in range(ARRIVALS):
        text, learned = SAMPLES[number % len(SAMPLES)]
        client_id = f"client-id-arrival-{next(_client_ids):06d}"
        stored = service._store.add_item(service.session.id, author, client_id, text, learned)
        raw = encode(
            ItemAdded(mirror.seq + 1, messages.moderator_item(service, stored))
        )  # as the host sends it
        qtbot.wait(20)  # the last arrival's once-a-frame refresh runs outside the timing
        start, start_cpu = time.perf_counter(), time.thread_time()
        incoming = decode_to_moderator(raw).message
        assert isinstance(incoming, ItemAdded)
        mirror.apply(incoming)
        QApplication.processEvents()
        wall, cpu = time.perf_counter() - start, time.thread_time() - start_cpu
        costs.append(Cost(wall * 1000, cpu * 1000))
    return costs


def best_median(qtbot: QtBot, local: LocalHost, *, until_within_limits: bool = False) -> Cost:
    """The lowest medians of up to ROUNDS rounds (fewer when within the limits, if asked,
    or hopelessly over them)."""
    best = Cost(float("inf"), float("inf"))
    for _ in range(ROUNDS):
        costs = arrival_costs(qtbot, local)
        median = Cost(
            statistics.median(c.wall for c in costs), statistics.median(c.cpu for c in costs)
        )
        best = Cost(min(best.wall, median.wall), min(best.cpu, median.cpu))
        print(f"median of {len(costs)} arrivals: {median}")  # shown when a test fails
        within = best.cpu < ARRIVAL_LIMIT_MS and best.wall < WALL_LIMIT_MS
        if (until_within_limits and within) or best.cpu > 10 * ARRIVAL_LIMIT_MS:
            break
    return best


def test_one_more_arrival_costs_under_2_ms_with_5000_listed(
    qtbot: QtBot, join: JoinLink, tmp_path: Path
) -> None:
    with console_listing(qtbot, join, tmp_path, 5000) as (window, local):
        cost = best_median(qtbot, local, until_within_limits=True)
        assert window.incoming_list.count() > 5000
    assert cost.cpu < ARRIVAL_LIMIT_MS, f"one arrival with 5,000 listed: {cost}"
    assert cost.wall < WALL_LIMIT_MS, f"one arrival with 5,000 listed: {cost}"


def test_arrival_cost_does_not_grow_with_the_list(
    qtbot: QtBot, join: JoinLink, tmp_path: Path
) -> None:
    costs = {}
    for listed in (100, 5000):
        with console_listing(qtbot, join, tmp_path, listed) as (_, local):
            costs[listed] = best_median(qtbot, local)
    # Work that grows with the list would cost ~50 times more at 5,000 than at 100.
    assert costs[5000].cpu < 3 * costs[100].cpu + 0.3, f"100: {costs[100]}, 5,000: {costs[5000]}"


def header(window: ConsoleWindow, title: str) -> QLabel:
    (label,) = [label for label in window.findChildren(QLabel) if label.text().startswith(title)]
    return label


def test_lists_change_at_once_and_their_counts_once_a_frame(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    ids = [submit(service, f"Burst {n}.") for n in range(30)]  # no event loop in between
    assert console.incoming_list.ids() == ids  # the rows are there at once
    assert header(console, "INCOMING").text() == "INCOMING"  # the count waits for a frame
    qtbot.waitUntil(lambda: header(console, "INCOMING").text() == "INCOMING  30")
    service.execute(Approve(ids[3]))
    service.execute(Approve(ids[1]))
    assert console.queue_list.ids() == [ids[3], ids[1]]
    qtbot.waitUntil(lambda: header(console, "UP NEXT").text() == "UP NEXT  2")
    assert header(console, "INCOMING").text() == "INCOMING  28"
    assert console.up_next.full_text() == "Next: Burst 3."
    assert console.project_next_button.isEnabled()


def test_moving_between_lanes_never_resets_a_list(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    ids = [submit(service, f"Mistake {n}.") for n in range(6)]
    lanes = (console.incoming_list, console.queue_list, console.shown_list, console.aside_list)
    resets: list[ConfessionList] = []
    for lane in lanes:
        lane.list_model().modelReset.connect(lambda lane=lane: resets.append(lane))
    for confession_id in (ids[4], ids[0], ids[2]):
        service.execute(Approve(confession_id))
    service.execute(SetAside(ids[1]))
    service.execute(Project(ids[0]))
    service.execute(SetAside(ids[2]))  # out of the queue
    service.execute(Restore(ids[1]))
    assert console.incoming_list.ids() == [ids[1], ids[3], ids[5]]
    assert console.queue_list.ids() == [ids[4]]
    assert console.shown_list.ids() == [ids[0]]
    assert console.aside_list.ids() == [ids[2]]
    assert [entry.marked for entry in console.shown_list.entries()] == [True]
    assert resets == []


def test_a_count_changes_only_its_row(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    ids = [submit(service, f"Shown {n}.") for n in range(3)]
    for confession_id in ids:
        service.execute(Approve(confession_id))
        service.execute(Project(confession_id))
    qtbot.wait(200)  # the counts shown so far are written
    changed: list[tuple[int, int]] = []
    model = console.shown_list.list_model()
    model.dataChanged.connect(lambda top, bottom, _roles: changed.append((top.row(), bottom.row())))
    voter = participant(service)
    service.set_agreement(voter, ids[1], True)
    qtbot.waitUntil(lambda: console.shown_list.entries()[1].detail == "Been there · 1")
    assert changed == [(1, 1)]
    assert [entry.detail for entry in console.shown_list.entries()] == [
        "Been there · 0",
        "Been there · 1",
        "Been there · 0",
    ]
