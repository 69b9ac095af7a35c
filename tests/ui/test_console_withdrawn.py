"""A confession its sender takes back leaves the console's lanes (and the editor) at once;
one that has been on the screen cannot be taken back."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from facilitator.core.errors import CommandRefused
from facilitator.core.session import SessionService
from facilitator.protocol.commands import Approve, Project
from facilitator.ui.console import ConsoleWindow
from tests.ui.helpers import participant


def test_a_withdrawn_confession_leaves_the_lanes_and_a_shown_one_stays(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    phone = participant(service)
    taken = service.submit(phone, "withdraw-0001", "I will take this back.").confession_id
    queued = service.submit(phone, "withdraw-0002", "Queued, then taken back.").confession_id
    shown = service.submit(phone, "withdraw-0003", "Shown, so it stays.").confession_id
    assert taken is not None and queued is not None and shown is not None
    for item in (queued, shown):
        service.execute(Approve(item))
    service.execute(Project(shown))
    qtbot.waitUntil(lambda: console.incoming_list.is_listed(taken))
    console.incoming_list.select_id(taken)
    service.withdraw(phone, "withdraw-0001")
    service.withdraw(phone, "withdraw-0002")
    qtbot.waitUntil(lambda: not console.incoming_list.is_listed(taken))
    qtbot.waitUntil(lambda: not console.queue_list.is_listed(queued))
    assert console.editor.item_id != taken
    with pytest.raises(CommandRefused) as refused:
        service.withdraw(phone, "withdraw-0003")
    assert refused.value.code == "already_shown"
    assert console.shown_list.is_listed(shown)
