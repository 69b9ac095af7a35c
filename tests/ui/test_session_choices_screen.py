"""The big screen's choices in the Session choices dialog (``set_projector``) and the
projector page's link. (Test names avoid the word "projector": the projector window's
own tests are run apart while it is rebuilt.)"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import SetProjector, UseAddress
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.projector_link import LINK_NOTE, projector_link
from facilitator.ui.session_choices import SessionChoices
from tests.ui.helpers import clicked_open
from tests.ui.local_host import LocalHost


def open_choices(qtbot: QtBot, console: ConsoleWindow) -> SessionChoices:
    return clicked_open(qtbot, console.choices_button, lambda: console.choices_dialog)


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box's indicator (the box may be wider than its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def screen(service: SessionService) -> tuple[str, bool, bool]:
    session = service.session
    return (session.projector_theme, session.projector_corner_qr, session.projector_timer)


def test_the_screen_choices_send_set_projector(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    dialog = open_choices(qtbot, console)
    assert dialog.windowTitle() == "Session choices"
    assert screen(service) == ("dark", True, False)
    assert dialog.theme.currentData() == "dark"
    assert dialog.corner_qr.isChecked() and not dialog.timer.isChecked()

    light = dialog.theme.findData("light")
    dialog.theme.setCurrentIndex(light)
    dialog.theme.activated.emit(light)  # as a choice in the list does
    assert screen(service) == ("light", True, False)
    tick(qtbot, dialog.corner_qr)
    assert screen(service) == ("light", False, False)
    tick(qtbot, dialog.timer)
    assert screen(service) == ("light", False, True)

    service.execute(SetProjector("dark", True, True))  # the moderator page changed them
    qtbot.waitUntil(lambda: dialog.theme.currentData() == "dark")
    assert dialog.corner_qr.isChecked() and dialog.timer.isChecked()
    assert screen(service) == ("dark", True, True)  # following the host sends nothing


def test_the_av_computers_link_is_shown_copied_and_follows_the_address(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost
) -> None:
    session = local.mirror.session
    assert session is not None and session.projector_path.startswith("/projector/")
    expected = f"http://192.168.1.23:8080{session.projector_path}"
    dialog = open_choices(qtbot, console)
    link = dialog.projector_link
    assert link.link_field.text() == expected and link.link_field.isReadOnly()
    assert link.note.text() == LINK_NOTE
    assert "AV computer" in LINK_NOTE and "restarts" in LINK_NOTE
    qtbot.mouseClick(link.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == expected
    assert console.statusBar().currentMessage() == "Projector page link copied."

    local.send(UseAddress("172.17.0.1"))
    moved = f"http://172.17.0.1:8080{session.projector_path}"
    qtbot.waitUntil(lambda: link.link_field.text() == moved)


def test_the_page_link_is_the_join_links_origin_and_the_path() -> None:
    assert projector_link("http://192.168.1.23:8737/", "/projector/abc/") == (
        "http://192.168.1.23:8737/projector/abc/"
    )
    assert projector_link("http://[fe80::1]:8737/", "/projector/abc/") == (
        "http://[fe80::1]:8737/projector/abc/"
    )
    assert projector_link("http://192.168.1.23:8737/", "") == ""
