"""The big screen: plain text, live count, calm idle screen, refuses stray closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Approve, Blank, EndSession, Project
from facilitator.protocol.moderator import Item, JoinLink
from facilitator.ui.projector import ProjectorWindow
from tests.ui.helpers import participant, project, submit
from tests.ui.local_host import LocalHost


def test_idle_screen_shows_title_prompt_and_how_to_join(
    projector: ProjectorWindow, service: SessionService, join: JoinLink
) -> None:
    assert projector.is_idle()
    assert projector.idle_title.text() == service.session.title
    assert projector.idle_prompt.text() == service.session.prompt
    assert projector.join_label.text() == join.join_url
    assert projector.qr.url() == join.join_url
    assert projector.qr.isVisible()
    assert join.moderator_url not in projector.join_label.text()


def test_projected_confession_and_live_count(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    confession_id = project(service, "I deleted the backups to free space.", "Test restores.")
    assert not projector.is_idle()
    assert projector.confession_label.text() == "I deleted the backups to free space."
    assert projector.confession_label.secondary_text() == "What I learned: Test restores."
    assert projector.count_label.text() == "Been there · 0"

    phones = [participant(service) for _ in range(3)]
    for phone in phones:
        service.set_agreement(phone, confession_id, True)
    # Counts reach the projector at display rate: the latest within a frame or two.
    qtbot.waitUntil(lambda: projector.count_label.text() == "Been there · 3")
    service.set_agreement(phones[0], confession_id, False)
    qtbot.waitUntil(lambda: projector.count_label.text() == "Been there · 2")

    service.update_details("Retro", "Your worst deploy?", "Same")
    assert projector.count_label.text() == "Same · 2"
    assert projector.header_title.text() == "Retro"

    service.execute(Blank())
    assert projector.is_idle()
    assert projector.idle_prompt.text() == "Your worst deploy?"


def test_votes_for_another_confession_do_not_change_the_count(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    first = project(service, "First one.")
    phone = participant(service)
    service.set_agreement(phone, first, True)
    project(service, "Second one.")
    assert projector.count_label.text() == "Been there · 0"
    qtbot.wait(50)  # the first one's count arrives meanwhile
    assert projector.count_label.text() == "Been there · 0"
    service.execute(Project(first))  # shown again, with its count
    assert projector.count_label.text() == "Been there · 1"


def test_markup_is_shown_literally(qtbot: QtBot, service: SessionService, join: JoinLink) -> None:
    # People type code and markup; the screen shows exactly what they typed.
    html = "<b>bold</b> & <i>not italic</i> <img src=x> &amp;"
    confession_id = submit(service, html, "<h1>x</h1>")
    service.execute(Approve(confession_id))
    service.execute(Project(confession_id))
    window = ProjectorWindow(LocalHost(service, join).mirror)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert window.confession_label.text() == html
    assert window.confession_label.secondary_text() == "What I learned: <h1>x</h1>"
    for label in (window.count_label, window.header_title, window.idle_title, window.join_label):
        assert label.textFormat() == Qt.TextFormat.PlainText
    window.allow_close()
    window.close()


def test_long_confessions_fit_by_shrinking(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    project(service, "Short.")
    short_size = projector.confession_label.font_pixel_size()
    long_text = ("I merged without reading the diff because the tests were green. " * 16)[:1000]
    project(service, long_text, "Read the diff. " * 30)
    qtbot.waitUntil(lambda: projector.confession_label.text() == long_text)
    for width, height in ((1920, 1080), (1280, 720), (1024, 768)):
        projector.resize(width, height)
        qtbot.waitUntil(lambda w=width: projector.confession_label.width() > w // 2)
        assert (projector.width(), projector.height()) == (width, height)  # it did shrink
        assert projector.confession_label.text_fits(), (width, height)
        # Readable from the room: at least 2.3 % of the screen's height (18 px at 768).
        assert projector.confession_label.font_pixel_size() >= 0.023 * height
    projector.resize(1920, 1080)
    qtbot.waitUntil(lambda: projector.confession_label.width() > 1000)
    assert projector.confession_label.font_pixel_size() < short_size


def test_one_unbroken_word_wraps_instead_of_overflowing(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    project(service, "a" * 1000)
    assert projector.confession_label.text_fits()
    assert projector.confession_label.line_count() > 1


def test_session_end_shows_a_thank_you_without_join_code(
    projector: ProjectorWindow, service: SessionService
) -> None:
    project(service, "Something.")
    service.execute(EndSession())
    assert projector.is_idle()
    assert "ended" in projector.idle_prompt.text()
    assert not projector.qr.isVisible()
    assert not projector.join_label.isVisible()


def test_refuses_to_close_until_allowed(qtbot: QtBot, projector: ProjectorWindow) -> None:
    with qtbot.waitSignal(projector.close_refused, timeout=1000):
        assert not projector.close()
    assert projector.isVisible()
    projector.allow_close()
    assert projector.close()
    assert not projector.isVisible()


def test_starts_showing_what_is_already_projected(
    qtbot: QtBot, service: SessionService, join: JoinLink
) -> None:
    confession_id = project(service, "Already on screen when the window opens.")
    window = ProjectorWindow(LocalHost(service, join).mirror)
    qtbot.addWidget(window)
    projection = window.projection()
    assert isinstance(projection, Item) and projection.id == confession_id
    assert window.confession_label.text() == "Already on screen when the window opens."
    window.allow_close()


def test_renders_dark_with_light_text(qtbot: QtBot, projector: ProjectorWindow) -> None:
    image: QImage = projector.grab().toImage()
    corner = image.pixelColor(5, 5)
    assert corner.lightness() < 40


def test_place_shows_it_and_reports_where(qtbot: QtBot, projector: ProjectorWindow) -> None:
    projector.hide()
    with qtbot.waitSignal(projector.placement_changed, timeout=1000) as placed:
        projector.place()
    assert placed.args == ["Projector: only one screen, shown as a window"]
    assert projector.isVisible()
    assert projector.placement is not None
    assert projector.placement.target is None
    projector.place("HDMI-1")  # a remembered screen that is not connected: still a window
    assert projector.isVisible()
    projector.allow_close()
    projector.close()
    assert projector.placement is None
