"""Garbage holding Qt objects dies on the GUI thread, even when a worker thread is the
one that allocates past the collector's threshold."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from facilitator.ui.gui_thread_gc import NOTHING_DUE, GuiThreadCollector


class Cycle:
    """A cycle holding a Qt timer, as a closed loop or a dropped window leaves one."""

    def __init__(self) -> None:
        self.itself = self
        self.timer = QTimer()


@pytest.fixture
def collector(qapp: Any) -> Iterator[GuiThreadCollector]:
    started = GuiThreadCollector()
    started.start()
    yield started
    started.stop()


@pytest.fixture
def collecting_threads() -> Iterator[list[str]]:
    names: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            names.append(threading.current_thread().name)

    gc.callbacks.append(note)
    yield names
    gc.callbacks.remove(note)


def dropped_cycle() -> list[str]:
    """Where the dropped cycle is finalised, once it is."""
    finalised_on: list[str] = []
    cycle = Cycle()
    weakref.finalize(cycle, lambda: finalised_on.append(threading.current_thread().name))
    del cycle
    return finalised_on


def test_a_worker_allocating_past_the_threshold_collects_nothing_the_gui_thread_does(
    collector: GuiThreadCollector, collecting_threads: list[str]
) -> None:
    gc.collect()
    collecting_threads.clear()
    finalised_on = dropped_cycle()
    kept: list[list[int]] = []
    worker = threading.Thread(
        target=lambda: kept.extend([] for _ in range(10 * gc.get_threshold()[0])), name="worker"
    )
    worker.start()
    worker.join()
    assert collecting_threads == []
    assert finalised_on == []

    assert collector.collect_due() == 0
    assert collecting_threads == [threading.main_thread().name]
    assert finalised_on == [threading.main_thread().name]


def test_nothing_is_collected_before_a_threshold_is_passed(
    collector: GuiThreadCollector, collecting_threads: list[str]
) -> None:
    gc.collect()
    collecting_threads.clear()
    assert collector.collect_due() == NOTHING_DUE
    assert collecting_threads == []


def test_the_oldest_generation_passed_is_collected(collector: GuiThreadCollector) -> None:
    gc.collect()
    young, _, _ = gc.get_threshold()
    kept: list[list[int]] = []
    assert collector.collect_due() == NOTHING_DUE
    kept.extend([] for _ in range(young + 1))
    assert collector.collect_due() == 0
    for _ in range(gc.get_threshold()[1]):
        kept.extend([] for _ in range(young + 1))
        assert collector.collect_due() == 0
    kept.extend([] for _ in range(young + 1))
    assert collector.collect_due() == 1  # the middle one passed its threshold too


@pytest.fixture
def small_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(50, 1, 1)
    yield
    gc.set_threshold(*saved)


def collected_in(collector: GuiThreadCollector, rounds: int) -> set[int]:
    """The generations collected over ``rounds`` checks, each after a burst of cyclic
    garbage (which only a collection frees)."""
    collected = set()
    for _ in range(rounds):
        for _ in range(60):
            cycle: list[object] = []
            cycle.append(cycle)
        collected.add(collector.collect_due())
    return collected


def test_the_oldest_generation_waits_until_a_quarter_more_reached_it(
    collector: GuiThreadCollector, small_thresholds: None
) -> None:
    gc.collect()
    collector.start()  # measures the oldest generation anew
    oldest = len(gc.get_objects(generation=2))
    early = collected_in(collector, 30)
    assert 1 in early and 2 not in early  # nothing much reaches the oldest generation

    kept = [[] for _ in range(oldest // 4 + 100)]
    assert 2 in collected_in(collector, 10)
    assert kept


def test_the_timer_collects_while_qt_runs_its_loop(
    collector: GuiThreadCollector, qtbot: QtBot
) -> None:
    gc.collect()
    finalised_on = dropped_cycle()
    kept = [[] for _ in range(2 * gc.get_threshold()[0])]
    qtbot.waitUntil(lambda: finalised_on == [threading.main_thread().name], timeout=2000)
    assert kept


def test_stopping_leaves_collection_as_it_was(qapp: Any) -> None:
    before = gc.isenabled()
    collector = GuiThreadCollector()
    collector.start()
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled() == before
