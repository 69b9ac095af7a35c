"""The console's search above the lanes and the Incoming sort choice (issue 7, part 1)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Approve
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.lane_search import IncomingOrder, fold, search_words
from tests.ui.crowd import crowded_console
from tests.ui.helpers import submit

FRUIT = ("apple", "pear", "plum", "fig", "kiwi", "lime", "date")


def header(console: ConsoleWindow, title: str) -> str:
    widget = {
        "Incoming": console.incoming_list,
        "Up next": console.queue_list,
        "Shown": console.shown_list,
        "Set aside": console.aside_list,
    }[title]
    label, _ = console._headers[widget]
    return " ".join(label.text().split())


def type_search(qtbot: QtBot, console: ConsoleWindow, text: str) -> None:
    """Ctrl+F, then type: the lanes follow after the debounce."""
    console.activateWindow()
    qtbot.waitUntil(console.isActiveWindow)
    qtbot.keyClick(console, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert console.search.field.hasFocus()
    qtbot.keyClicks(console.search.field, text)
    wanted = search_words(text)
    qtbot.waitUntil(lambda: console.incoming_list.filter_words() == wanted)


def test_words_fold_case_and_accents() -> None:
    assert fold("Café CRÈME") == "cafe creme"
    assert search_words("  Cafe  crème cafe ") == ("cafe", "creme")


def test_search_narrows_every_lane_and_esc_restores(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    coffee = submit(service, "I drank the last coffee and made no more.", "Make the coffee.")
    submit(service, "I renamed the main branch on a Friday.")
    cafe = submit(service, "I spilt café au lait on the server.", "Lids matter.")
    queued = submit(service, "The CAFÉ wifi was our staging network.")
    other_queued = submit(service, "I approved my own pull request.")
    for confession_id in (queued, other_queued):
        service.execute(Approve(confession_id))
    lesson_only = submit(service, "I skipped the retro.", "Retros need coffee breaks.")
    qtbot.waitUntil(lambda: header(console, "Incoming") == "INCOMING 4")

    type_search(qtbot, console, "Coffee")
    assert console.incoming_list.ids() == [coffee, lesson_only]  # text or lesson
    assert header(console, "Incoming") == "INCOMING 2 of 4"
    assert header(console, "Up next") == "UP NEXT 0 of 2"
    assert header(console, "Set aside") == "SET ASIDE 0 of 0"

    console.search.field.clear()
    qtbot.keyClicks(console.search.field, "cafe")  # accents and case do not matter
    qtbot.waitUntil(lambda: console.incoming_list.ids() == [cafe])
    assert console.queue_list.ids() == [queued]
    assert header(console, "Up next") == "UP NEXT 1 of 2"

    qtbot.keyClicks(console.search.field, " server")  # every word must match
    qtbot.waitUntil(lambda: console.queue_list.count() == 0)
    assert console.incoming_list.ids() == [cafe]

    qtbot.keyClick(console.search.field, Qt.Key.Key_Escape)
    assert console.search.field.text() == ""
    assert console.incoming_list.count() == 4
    assert console.queue_list.ids() == [queued, other_queued]
    assert header(console, "Incoming") == "INCOMING 4"
    assert header(console, "Up next") == "UP NEXT 2"
    # "Next:" and Project next still follow the whole queue, whatever the search hides.
    assert console.up_next.full_text().startswith("Next: The CAFÉ wifi")


def test_selection_stays_while_it_matches(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    first = submit(service, "I broke the build with a typo.")
    second = submit(service, "I broke prod with a config change.")
    submit(service, "I forgot the standup.")
    console.incoming_list.select_id(second)
    type_search(qtbot, console, "broke")
    assert console.incoming_list.ids() == [first, second]
    assert console.incoming_list.selected_id() == second
    assert console.editor.item_id == second
    # Keyboard moves go through the rows shown.
    console.incoming_list.setFocus()
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_Up)
    assert console.incoming_list.selected_id() == first
    console.search.field.setFocus()
    qtbot.keyClicks(console.search.field, " prod")
    qtbot.waitUntil(lambda: console.incoming_list.ids() == [second])
    assert console.incoming_list.selected_id() is None  # the selected one no longer matches


def test_new_arrivals_follow_the_search(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    submit(service, "I deployed on a Friday.")
    type_search(qtbot, console, "friday")
    qtbot.waitUntil(lambda: header(console, "Incoming") == "INCOMING 1 of 1")
    matching = submit(service, "Another FRIDAY release went wrong.")
    submit(service, "I never wrote the docs.")
    assert console.incoming_list.count() == 2
    assert matching in console.incoming_list.ids()
    qtbot.waitUntil(lambda: header(console, "Incoming") == "INCOMING 2 of 3")
    # An approved match moves to Up next and stays visible there; a hidden one stays hidden.
    service.execute(Approve(matching))
    assert console.queue_list.ids() == [matching]
    qtbot.waitUntil(lambda: header(console, "Up next") == "UP NEXT 1 of 1")
    qtbot.keyClick(console.search.field, Qt.Key.Key_Escape)
    assert console.incoming_list.count() == 2


def test_incoming_sorts_by_arrival_or_length(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    long = submit(service, "I said I would fix it this sprint, three sprints ago.")
    short = submit(service, "I lied.")
    middle = submit(service, "I merged without review.")
    assert console.incoming_list.ids() == [long, short, middle]
    console.incoming_list.select_id(middle)
    console.search.order.setCurrentIndex(console.search.order.findData(IncomingOrder.LENGTH))
    assert console.incoming_list.ids() == [short, middle, long]
    assert console.incoming_list.selected_id() == middle
    newest = submit(service, "I lied twice.")
    assert console.incoming_list.ids() == [short, newest, middle, long]
    console.search.order.setCurrentIndex(console.search.order.findData(IncomingOrder.ARRIVAL))
    assert console.incoming_list.ids() == [long, short, middle, newest]


def test_search_stays_quick_with_5000_confessions(
    qtbot: QtBot, join: JoinLink, tmp_path: Path
) -> None:
    def fill(service: SessionService) -> None:
        for number in range(5000):
            fruit = FRUIT[number % len(FRUIT)]
            submit(service, f"Confession number {number}: I ate the {fruit}.", "Lesson.")

    transcripts = tmp_path / "transcripts"
    with crowded_console(qtbot, join, transcripts, fill, compared=False) as (window, _):
        started = time.perf_counter()
        window.incoming_list.set_filter(search_words("kiwi"))
        QApplication.processEvents()
        narrowed = time.perf_counter() - started
        assert window.incoming_list.count() == len(range(4, 5000, 7))
        started = time.perf_counter()
        window.incoming_list.set_filter(())
        QApplication.processEvents()
        restored = time.perf_counter() - started
        assert window.incoming_list.count() == 5000
        print(f"filter 5,000: {narrowed * 1000:.1f} ms, clear: {restored * 1000:.1f} ms")
        assert narrowed < 0.1 and restored < 0.1
