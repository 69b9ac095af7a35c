"""Render the windows in their main states and save PNGs to look at.

Set ``CONFESSIONAL_UI_SHOTS=/some/dir`` to keep them (they go to a temporary
directory otherwise). The assertions only check that something sensible was drawn.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from facilitator.core.errors import StoreUnavailable
from facilitator.core.model import Sharing
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.protocol.commands import Approve, EndSession, Project, SetAside
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.projector import ProjectorWindow
from tests.ui.helpers import participant, reply, submit
from tests.ui.local_host import LocalHost

SAMPLES = [
    ("I deployed to production on a Friday at 5pm, then went to a wedding with my phone off.",
     "Nobody deploys alone, and nobody deploys before a weekend."),
    ("I replied-all to the whole company with my salary negotiation notes.",
     "Check the To: line. Twice."),
    ("I spent three weeks optimising a function that ran once a month.", "Measure first."),
    ("I told a customer the bug was fixed because the test passed on my machine.", ""),
    ("I ignored the junior developer who said the migration would lock the table. It locked "
     "the table for forty minutes at peak time.", "Listen to the quiet person in the room."),
    ("I used the production database for a demo and deleted real orders.",
     "Demo data exists for a reason."),
    ("I said yes to every project and burned out by March.", "No is a complete sentence."),
    ("I wrote the tests after the release, so there were never tests.", ""),
]  # fmt: skip

LONG = (
    "In my first month as a team lead I rewrote our deployment scripts over a weekend without "
    "telling anyone, because I was sure I knew better. On Monday nothing could be released: "
    "the old scripts had handled three edge cases that nobody had written down, and my shiny "
    "new ones handled none of them. Two teams lost a week. I spent that week apologising, "
    "reading old commit messages and learning why every strange line was there. The worst "
    "part was not the outage, it was realising that people had stopped telling me things "
    "because I never asked. Now I ask before I touch anything that other people depend on, "
    "and I write down the edge cases I find, so the next person does not have to learn them "
    "the way I did. I still rewrite things sometimes, but never alone and never on a weekend."
)


def shots_dir(tmp_path: Path) -> Path:
    directory = Path(os.environ.get("CONFESSIONAL_UI_SHOTS", tmp_path))
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def save(qtbot: QtBot, widget: QWidget, path: Path) -> QImage:
    qtbot.wait(300)  # let coalesced count updates, item layouts and repaints settle
    image = widget.grab().toImage()
    assert image.save(str(path))
    return image


def distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 64)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def populate(service: SessionService) -> list[int]:
    ids = [submit(service, text, learned) for text, learned in SAMPLES]
    for confession_id in ids[:5]:
        service.execute(Approve(confession_id))
    service.execute(Project(ids[0]))
    service.execute(Project(ids[1]))
    service.execute(SetAside(ids[5]))
    voters = [participant(service) for _ in range(37)]
    for voter in voters:
        service.set_agreement(voter, ids[1], True)
    for voter in voters[:12]:
        service.set_agreement(voter, ids[0], True)
    return ids


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return shots_dir(tmp_path)


@pytest.fixture
def demo_console(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, local: LocalHost
) -> ConsoleWindow:
    populate(service)
    local.feed.set_phones_connected(41)
    qtbot.waitUntil(lambda: console.phones_label.text() == "41 phones connected now")
    console.set_projector_status("Projector: full screen on HDMI-1")
    console.incoming_list.setCurrentRow(0)
    return console


def check_console(image: QImage) -> None:
    assert (image.width(), image.height()) == (1280, 800)
    assert distinct_colours(image) > 10


def test_console_screenshot(qtbot: QtBot, demo_console: ConsoleWindow, shots: Path) -> None:
    check_console(save(qtbot, demo_console, shots / "console.png"))


def test_console_alarm_screenshot(
    qtbot: QtBot, demo_console: ConsoleWindow, service: SessionService, store: Store, shots: Path
) -> None:
    store._db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreUnavailable):
        submit(service, "This one cannot be saved right now.")
    check_console(save(qtbot, demo_console, shots / "console-alarm.png"))
    store._db.execute("PRAGMA query_only = OFF")


def test_console_ended_screenshot(
    qtbot: QtBot, demo_console: ConsoleWindow, service: SessionService, shots: Path
) -> None:
    service.execute(EndSession())
    check_console(save(qtbot, demo_console, shots / "console-ended.png"))


def test_console_shared_address_screenshot(
    qtbot: QtBot, demo_console: ConsoleWindow, service: SessionService, shots: Path
) -> None:
    """The room banner and the waiting line at the smallest size, the editor still readable."""
    demo_console.resize(1024, 768)
    projection = service.projection()
    assert projection is not None
    crowd = [service.participant(service.join(Sharing.SET_APART)) for _ in range(38)]
    for phone in crowd[:11]:
        service.set_agreement(phone, projection.confession_id, True)
    hurried = participant(service)
    for number in range(6):
        service.submit(hurried, f"fast-{number:04d}", f"Again {number}", may_enter=lambda a: False)
    qtbot.waitUntil(lambda: demo_console.now_set_apart.text() == "+11 set apart")
    image = save(qtbot, demo_console, shots / "console-shared-address.png")
    assert (image.width(), image.height()) == (1024, 768)
    assert demo_console.room_banner.isVisible() and demo_console.waiting_label.isVisible()
    editor = demo_console.editor.text_edit
    assert editor.viewport().height() >= 2 * editor.fontMetrics().lineSpacing()


@pytest.mark.parametrize("state", ["idle", "short", "long"])
def test_projector_screenshot(
    qtbot: QtBot,
    projector: ProjectorWindow,
    service: SessionService,
    shots: Path,
    state: str,
) -> None:
    if state != "idle":
        text, learned = SAMPLES[1] if state == "short" else (LONG[:1000], SAMPLES[4][1])
        confession_id = submit(service, text, learned)
        service.execute(Approve(confession_id))
        service.execute(Project(confession_id))
        votes = 42 if state == "short" else 7
        for _ in range(votes):
            service.set_agreement(participant(service), confession_id, True)
        qtbot.waitUntil(lambda: projector.count_label.text().endswith(f" {votes}"))
        assert projector.confession_label.text_fits()
    image = save(qtbot, projector, shots / f"projector-{state}.png")
    assert (image.width(), image.height()) == (1920, 1080)
    assert distinct_colours(image) > 2


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_projector_what_helped_screenshot(
    qtbot: QtBot,
    projector: ProjectorWindow,
    service: SessionService,
    shots: Path,
    size: tuple[int, int],
) -> None:
    """The longest confession and lesson with six of the longest replies: the first ones
    that fit, then "+N more"."""
    confession_id = submit(service, LONG[:1000], ("Ask first. " * 50)[:500])
    service.execute(Approve(confession_id))
    service.execute(Project(confession_id))
    for number in range(6):
        reply(service, confession_id, (f"{number + 1}. Ask the people who run it. " * 8)[:200])
    projector.resize(*size)
    label = projector.confession_label
    qtbot.waitUntil(lambda: len(label.notes()) == 6)
    width, height = size
    image = save(qtbot, projector, shots / f"projector-what-helped-long-{width}x{height}.png")
    assert (image.width(), image.height()) == size
    assert label.text_fits()
    if width * 3 == height * 4:
        # At 4:3 a 1,000-character confession with a 500-character lesson fills the box
        # at the smallest size: what helped is then "+6 more" alone.
        assert label.notes_shown() == 0
    else:
        assert label.notes_shown() >= 1
