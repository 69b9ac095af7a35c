"""The big screen's controls in the console: the slides (join, black, break, closing) and
their keys, the content note and its badge, and the console at 1024x768 (nothing runs out
of its space); with the screenshots to look at."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import (
    Approve,
    Command,
    Project,
    SetBatching,
    SetContentNote,
    ShowSlide,
)
from facilitator.ui.confession_list import CONTENT_NOTE_BADGE, ConfessionList, Entry
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.host_connection import OnDone, OnRefused
from facilitator.ui.screen_controls import CONTROLS, Slide
from facilitator.ui.timers import parse_utc
from tests.ui.fits import assert_console_fits
from tests.ui.helpers import project, reply, submit
from tests.ui.local_host import LocalHost
from tests.ui.test_screenshots import LONG, populate, save, shots_dir


@pytest.fixture
def sent(local: LocalHost) -> Iterator[list[Command]]:
    """Every command the console sends, in order (they still reach the host)."""
    commands: list[Command] = []
    send = local.send

    def recording(
        command: Command, on_refused: OnRefused | None = None, on_done: OnDone | None = None
    ) -> None:
        commands.append(command)
        send(command, on_refused, on_done)

    local.send = recording  # type: ignore[method-assign]
    yield commands


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def marked(console: ConsoleWindow) -> list[str]:
    controls = console.screen_controls
    return [slide for slide, button in controls.buttons.items() if button.property("onScreen")]


def marked_is(console: ConsoleWindow, slide: str) -> Callable[[], bool]:
    return lambda: marked(console) == [slide]


def entry(lane: ConfessionList, item_id: int) -> Entry:
    return next(e for e in lane.entries() if e.confession_id == item_id)


# The slides


def test_each_control_shows_its_slide_and_marks_it(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, sent: list[Command]
) -> None:
    controls = console.screen_controls
    assert marked(console) == ["join"]
    assert not controls.buttons["join"].isEnabled()  # on screen already: nothing to do
    for slide in ("black", "break", "closing", "join"):
        click(qtbot, controls.buttons[slide])
        assert sent[-1] == ShowSlide(slide)
        assert service.session.slide == slide
        qtbot.waitUntil(marked_is(console, slide))
        assert controls.on_screen() == slide
        qtbot.wait(40)  # the console's buttons are refreshed once a frame: they agree
        assert not controls.buttons[slide].isEnabled()
        others = [button for name, button in controls.buttons.items() if name != slide]
        assert all(button.isEnabled() for button in others)
    assert console.blank_button is controls.buttons["join"]  # Blank is the join slide


def test_a_confession_on_screen_marks_no_slide_and_any_slide_takes_it_off(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, sent: list[Command]
) -> None:
    confession = project(service, "I archived the wrong mailbox.")
    qtbot.waitUntil(lambda: marked(console) == [])
    assert console.screen_controls.on_screen() is None
    assert all(button.isEnabled() for button in console.screen_controls.buttons.values())
    click(qtbot, console.screen_controls.buttons["break"])
    assert sent[-1] == ShowSlide("break")
    assert service.projection() is None
    qtbot.waitUntil(lambda: marked(console) == ["break"])
    service.execute(Project(confession))  # back on screen: the slide returns to join
    qtbot.waitUntil(lambda: marked(console) == [])
    assert service.session.slide == "join"


def test_each_control_has_one_key_shown_in_its_tooltip(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, sent: list[Command]
) -> None:
    for control in CONTROLS:
        assert console.screen_controls.buttons[control.slide].toolTip().endswith(f"({control.key})")
    project(service, "I read the wrong name out at the awards.")
    qtbot.waitUntil(lambda: marked(console) == [])
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_Period)  # the panic button: black
    assert sent == [ShowSlide("black")]
    assert service.projection() is None and service.session.slide == "black"
    qtbot.waitUntil(lambda: marked(console) == ["black"])
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_Period)  # black already: nothing sent
    assert len(sent) == 1
    keys: tuple[tuple[Qt.Key, Slide], ...] = (
        (Qt.Key.Key_P, "break"),
        (Qt.Key.Key_C, "closing"),
        (Qt.Key.Key_B, "join"),
    )
    for key, slide in keys:
        qtbot.keyClick(console.incoming_list, key)
        assert sent[-1] == ShowSlide(slide)
        qtbot.waitUntil(marked_is(console, slide))


def test_typing_keeps_the_slide_keys(
    qtbot: QtBot, console: ConsoleWindow, sent: list[Command]
) -> None:
    console.search.focus_field()
    focused = console.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, "p.c")
    assert sent == []
    assert marked(console) == ["join"]


def test_shown_counts_the_confession_on_screen(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    header = console._headers[console.shown_list][0]
    project(service, "I left the staging database open to the world.")
    qtbot.waitUntil(lambda: header.text() == "SHOWN  1")
    assert console.phones_label.text() == "0 phones connected now"


# The content note


def test_the_content_note_box_sends_the_note_and_the_lanes_show_a_badge(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, sent: list[Command]
) -> None:
    confession = submit(service, "I said the outage was the vendor's fault. It was mine.")
    qtbot.waitUntil(lambda: console.incoming_list.is_listed(confession))
    console.incoming_list.select_id(confession)
    box = console.editor.content_note_box
    assert box.isVisibleTo(console) and not box.isChecked()
    assert box.text() == "Content note: warn first, hide the count"
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert sent == [SetContentNote(confession, True)]
    assert service.item(confession).content_note
    qtbot.waitUntil(lambda: entry(console.incoming_list, confession).content_note)
    assert entry(console.incoming_list, confession).detail == CONTENT_NOTE_BADGE
    assert box.isChecked()

    service.execute(Approve(confession))  # the badge goes with it into every lane
    service.execute(Project(confession))
    qtbot.waitUntil(lambda: console.shown_list.is_listed(confession))
    shown = entry(console.shown_list, confession)
    assert shown.content_note and shown.detail == f"{CONTENT_NOTE_BADGE}  Been there · 0"
    assert console.now_note.isVisibleTo(console)  # on screen now: the card says so too

    console.shown_list.select_id(confession)
    qtbot.waitUntil(lambda: console.editor.item_id == confession)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert sent[-1] == SetContentNote(confession, False)
    qtbot.waitUntil(lambda: not entry(console.shown_list, confession).content_note)
    assert entry(console.shown_list, confession).detail == "Been there · 0"
    assert not console.now_note.isVisibleTo(console)


def test_a_reply_has_no_content_note(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    confession = project(service, "I merged my own pull request at midnight.")
    answer = reply(service, confession, "Ask for a review, even late.", approve=False)
    qtbot.waitUntil(lambda: console.incoming_list.is_listed(answer))
    console.incoming_list.select_id(answer)
    qtbot.waitUntil(lambda: console.editor.item_id == answer)
    assert not console.editor.content_note_box.isVisibleTo(console)


def test_the_badge_is_painted(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    confession = submit(service, "I blamed the intern for my typo.")
    service.execute(SetContentNote(confession, True))
    qtbot.waitUntil(lambda: entry(console.incoming_list, confession).content_note)
    qtbot.wait(50)
    image = console.incoming_list.viewport().grab().toImage()
    amber = {
        (x, y)
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).name() == "#fff6d6"
    }
    assert len(amber) > 20


# The console at 1024x768


def room(qtbot: QtBot, console: ConsoleWindow, service: SessionService) -> list[int]:
    """The screenshots' session, a long confession and a content note among it."""
    service.execute(SetBatching("off"))  # every confession reaches its lane at once
    ids = populate(service)
    long_one = submit(service, LONG, "Ask first; never on a weekend.")
    service.execute(SetContentNote(ids[6], True))
    service.execute(SetContentNote(ids[0], True))
    qtbot.waitUntil(lambda: console.incoming_list.is_listed(long_one))
    return [*ids, long_one]


def test_nothing_runs_out_of_its_space_at_1024x768(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    ids = room(qtbot, console, service)
    service.execute(Project(ids[0]))  # a content note: the card says so beside the count
    console.resize(1024, 768)
    console.incoming_list.select_id(ids[-1])
    qtbot.wait(200)
    assert (console.width(), console.height()) == (1024, 768)

    assert_console_fits(console)

    # The now card's header: side by side, none over another.
    header = sorted(
        (
            QRect(widget.mapTo(console, QPoint(0, 0)), widget.size())
            for widget in (
                console.timers,
                console.now_note,
                console.now_helped,
                console.now_count,
                console.now_set_apart,
            )
            if widget.isVisibleTo(console)
        ),
        key=QRect.left,
    )
    assert len(header) >= 3  # the timers, the note and the count at least
    for left, right in pairwise(header):
        assert left.right() < right.left()

    # The QR code keeps clear of the addresses under it.
    panel = console.join_panel
    qr = QRect(panel.qr.mapTo(panel, QPoint(0, 0)), panel.qr.size())
    caption = QRect(panel.address_caption.mapTo(panel, QPoint(0, 0)), panel.address_caption.size())
    assert panel.address_caption.isVisibleTo(console)
    assert not qr.intersects(caption)
    assert panel.qr.code_rect().width() >= 56

    # The Shown lane: lines within the width, broken between words.
    shown = console.shown_list
    lane_width = shown.layout_width()
    assert lane_width is not None
    metrics = shown.fontMetrics()
    for row in range(shown.count()):
        text = shown.entry_at(row).text
        lines = shown.item_layout(row).lines
        for line in lines:
            assert metrics.horizontalAdvance(line.rstrip()) <= lane_width, line
        for line in lines[:-1]:
            assert line.split()[-1] in text.split(), line


# Screenshots (CONFESSIONAL_UI_SHOTS=docs/screenshots keeps them)


def test_console_1024x768_screenshot(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost, tmp_path: Path
) -> None:
    ids = room(qtbot, console, service)
    local.feed.set_phones_connected(41)
    console.set_projector_status("Projector: full screen on HDMI-1")
    console.resize(1024, 768)
    service.execute(Project(ids[0]))  # on screen, with a content note
    console.shown_list.select_id(ids[0])
    fixed_clock(qtbot, console, local, minutes=38, shown_for=134)
    image = save(qtbot, console, shots_dir(tmp_path) / "console-1024x768.png")
    assert (image.width(), image.height()) == (1024, 768)
    assert console.editor.content_note_box.isChecked()


def test_console_screen_controls_screenshot(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost, tmp_path: Path
) -> None:
    room(qtbot, console, service)
    local.feed.set_phones_connected(41)
    console.set_projector_status("Projector: full screen on HDMI-1")
    service.execute(ShowSlide("break"))
    qtbot.waitUntil(lambda: marked(console) == ["break"])
    assert console.now_empty.text() == "No confession on screen: the room sees the break slide."
    console.incoming_list.setCurrentRow(0)
    fixed_clock(qtbot, console, local, minutes=51)
    image = save(qtbot, console, shots_dir(tmp_path) / "console-screen-controls-1280x800.png")
    assert (image.width(), image.height()) == (1280, 800)


def test_console_read_aloud_screenshot(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost, tmp_path: Path
) -> None:
    ids = room(qtbot, console, service)
    local.feed.set_phones_connected(41)
    console.set_projector_status("Projector: full screen on HDMI-1")
    service.execute(Project(ids[2]))
    console.incoming_list.setCurrentRow(0)
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_R)
    assert console.reading_aloud()
    fixed_clock(qtbot, console, local, minutes=44, shown_for=71)
    image = save(qtbot, console, shots_dir(tmp_path) / "console-read-aloud-1280x800.png")
    assert (image.width(), image.height()) == (1280, 800)


def fixed_clock(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost, minutes: int, shown_for: int = 0
) -> None:
    """Stop the console's clock ``shown_for`` seconds after the confession on screen went
    up, or ``minutes`` into the session when none is; once the host's latest screen has
    arrived (its clock would correct ours)."""
    qtbot.wait(100)  # the projector state follows a change within a few milliseconds
    session = local.mirror.session
    assert session is not None
    started = parse_utc(session.started_at)
    assert started is not None
    projection = local.mirror.projection()
    shown = None if projection is None else parse_utc(projection.shown_at)
    moment = (
        started + timedelta(minutes=minutes)
        if shown is None
        else shown + timedelta(seconds=shown_for)
    )
    console.timers.set_clock(lambda: moment)
