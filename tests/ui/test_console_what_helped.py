"""What helped in the console: how many are shown under the confession on screen, and
the selected confession's approved replies, each of which can be set aside again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Approve
from facilitator.protocol.moderator import ItemState
from facilitator.ui.console import ConsoleWindow
from tests.ui.helpers import participant, project, reply, submit


def test_the_on_screen_card_says_how_many_replies_are_shown(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    confession = project(service, "I deployed on a Friday.")
    assert not console.now_helped.isVisible()
    reply(service, confession, "A deploy freeze.")
    waiting = reply(service, confession, "A checklist.", approve=False)
    qtbot.waitUntil(lambda: console.now_helped.text() == "What helped: 1 shown")
    assert console.now_helped.isVisible()
    service.execute(Approve(waiting))
    qtbot.waitUntil(lambda: console.now_helped.text() == "What helped: 2 shown")
    project(service, "I skipped the review.")
    qtbot.waitUntil(lambda: not console.now_helped.isVisible())


def test_selecting_a_shown_confession_lists_its_replies_to_set_aside(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    confession = project(service, "I deployed on a Friday.")
    first = reply(service, confession, "A deploy freeze after Thursday noon.")
    second = reply(service, confession, "A checklist on the door.")
    for _ in range(2):
        service.set_agreement(participant(service), second, True)
    panel = console.replies_panel
    assert not panel.isVisible()
    qtbot.waitUntil(lambda: console.now_helped.text() == "What helped: 2 shown")
    qtbot.mouseClick(console.now_helped, Qt.MouseButton.LeftButton)  # selects it in Shown
    assert console.shown_list.selected_id() == confession
    qtbot.waitUntil(lambda: panel.isVisible() and panel.reply_ids() == [first, second])
    qtbot.waitUntil(lambda: panel.rows[1][1].full_text().endswith("2 helped too"))
    assert "2 SHOWN" in panel.caption.text()

    qtbot.mouseClick(panel.rows[0][2], Qt.MouseButton.LeftButton)  # set aside again
    assert service.item(first).state is ItemState.SET_ASIDE
    qtbot.waitUntil(lambda: panel.reply_ids() == [second])
    qtbot.waitUntil(lambda: console.aside_list.is_listed(first))
    assert console.now_helped.text() == "What helped: 1 shown"

    console.incoming_list.setFocus()
    other = submit(service, "Another one.")
    qtbot.waitUntil(lambda: console.incoming_list.is_listed(other))
    console.incoming_list.select_id(other)
    qtbot.waitUntil(lambda: not panel.isVisible())  # it has none
