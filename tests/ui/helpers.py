"""Helpers for the UI tests: phones acting through the real session service."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Approve, Project

_client_ids = itertools.count(1)


def participant(service: SessionService) -> int:
    return service.participant(service.join())


def submit(service: SessionService, text: str, learned: str = "") -> int:
    """A phone joins and submits ``text``; returns the confession id."""
    client_id = f"client-id-{next(_client_ids):04d}"
    return service.submit(participant(service), client_id, text, learned).confession_id


def project(service: SessionService, text: str, learned: str = "") -> int:
    """A phone submits ``text``; it is approved and put on the screen. Returns its id."""
    confession_id = submit(service, text, learned)
    service.execute(Approve(confession_id))
    service.execute(Project(confession_id))
    return confession_id


def submit_for_organisers(service: SessionService, text: str, learned: str = "") -> int:
    """A phone joins and sends ``text`` for the organisers only; returns its id."""
    client_id = f"client-id-{next(_client_ids):04d}"
    outcome = service.submit(participant(service), client_id, text, learned, for_organisers=True)
    return outcome.confession_id


def clicked_open[D: QWidget](
    qtbot: QtBot, button: QAbstractButton, opened: Callable[[], D | None]
) -> D:
    """Click ``button``; returns the dialog it opened (``opened`` finds it), once shown."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = opened()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def reply(service: SessionService, confession_id: int, text: str, approve: bool = True) -> int:
    """A phone says what helped with the shown ``confession_id``; returns the reply's id
    (approved unless ``approve`` is false)."""
    client_id = f"reply-id-{next(_client_ids):04d}"
    outcome = service.submit_reply(participant(service), client_id, confession_id, text)
    assert outcome.confession_id is not None
    if approve:
        service.execute(Approve(outcome.confession_id))
    return outcome.confession_id
