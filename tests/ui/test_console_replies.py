"""Replies ("what helped") in the console: moderated in Incoming, never in Up next."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Approve, Project, Restore, SetAside
from facilitator.ui.console import ConsoleWindow
from tests.ui.helpers import submit


def test_a_reply_is_moderated_in_incoming_and_leaves_the_lanes_once_approved(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    confession = submit(service, "I deployed on a Friday.")
    service.execute(Approve(confession))
    service.execute(Project(confession))
    queued = submit(service, "I skipped the review.")
    service.execute(Approve(queued))
    phone = service.participant(service.join())
    outcome = service.submit_reply(phone, "reply-00000001", confession, "A checklist on the door.")
    reply = outcome.confession_id
    assert reply is not None
    qtbot.waitUntil(lambda: console.incoming_list.is_listed(reply))
    [row] = [e for e in console.incoming_list.entries() if e.confession_id == reply]
    assert f"↳ What helped, for #{confession}" in row.detail
    service.execute(SetAside(reply))
    qtbot.waitUntil(lambda: console.aside_list.is_listed(reply))
    service.execute(Restore(reply))
    qtbot.waitUntil(lambda: console.incoming_list.is_listed(reply))
    service.execute(Approve(reply))
    qtbot.waitUntil(lambda: not console.incoming_list.is_listed(reply))
    assert console.queue_list.all_ids() == [queued]  # shown under its confession, not queued
    assert not console.shown_list.is_listed(reply) and not console.aside_list.is_listed(reply)
