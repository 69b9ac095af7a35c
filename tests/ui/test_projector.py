"""The big screen's window: it follows the mirror's ProjectorState (a turn of the loop
after each change), shows plain text, keeps the count live, and refuses stray closes.
The slides themselves, at every size and theme: test_slides.py."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import (
    Approve,
    Blank,
    EndSession,
    Project,
    SetContentNote,
    SetProjector,
    ShowSlide,
)
from facilitator.protocol.moderator import Item, JoinLink
from facilitator.ui.projector import ProjectorWindow
from tests.ui.helpers import participant, project, submit
from tests.ui.local_host import LocalHost


def showing(projector: ProjectorWindow, text: str) -> bool:
    return not projector.is_idle() and projector.confession_label.text() == text


def test_idle_screen_shows_title_prompt_and_how_to_join(
    projector: ProjectorWindow, service: SessionService, join: JoinLink
) -> None:
    assert projector.is_idle() and projector.slide() is projector.stage.join
    assert projector.idle_title.text() == service.session.title
    assert projector.idle_prompt.text() == service.session.prompt
    assert projector.join_label.text() == "192.168.1.23:8080"  # the short URL
    assert projector.qr.url() == join.join_url
    assert projector.qr.isVisible()
    assert join.moderator_url != projector.qr.url()


def test_projected_confession_and_live_count(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    confession_id = project(service, "I deleted the backups to free space.", "Test restores.")
    qtbot.waitUntil(lambda: showing(projector, "I deleted the backups to free space."))
    # The lesson in a directional isolate: a right-to-left one keeps its own order.
    assert (
        projector.confession_label.secondary_text() == "What I learned: \u2068Test restores.\u2069"
    )
    assert projector.count_label.text() == "Been there · 0"

    phones = [participant(service) for _ in range(3)]
    for phone in phones:
        service.set_agreement(phone, confession_id, True)
    # Counts reach the projector at display rate: the latest within a frame or two.
    qtbot.waitUntil(lambda: projector.count_label.text() == "Been there · 3")
    service.set_agreement(phones[0], confession_id, False)
    qtbot.waitUntil(lambda: projector.count_label.text() == "Been there · 2")

    service.update_details("Retro", "Your worst deploy?", "Same")
    qtbot.waitUntil(lambda: projector.count_label.text() == "Same · 2")

    service.execute(Blank())
    qtbot.waitUntil(projector.is_idle)
    assert projector.idle_prompt.text() == "Your worst deploy?"


def test_the_window_follows_the_slide_chosen(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    service.execute(ShowSlide("break"))
    qtbot.waitUntil(lambda: projector.slide() is projector.stage.break_slide)
    assert projector.is_idle()
    assert projector.stage.break_slide.title.text() == "Break"
    service.execute(ShowSlide("black"))
    qtbot.waitUntil(lambda: projector.slide() is projector.stage.black)
    image = projector.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#000000"
    service.execute(ShowSlide("closing"))
    qtbot.waitUntil(lambda: projector.slide() is projector.stage.closing)
    service.execute(ShowSlide("join"))
    qtbot.waitUntil(lambda: projector.slide() is projector.stage.join)


def test_a_content_note_hides_the_count(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    confession_id = project(service, "Something heavy.")
    qtbot.waitUntil(lambda: projector.count_label.text() == "Been there · 0")
    service.execute(SetContentNote(confession_id, True))
    slide = projector.stage.confession
    qtbot.waitUntil(slide.content_note_up)  # just shown: the note first
    assert slide.note_title.isVisible() and not projector.confession_label.isVisible()
    service.set_agreement(participant(service), confession_id, True)
    qtbot.wait(50)  # a count would arrive meanwhile: none is shown
    assert projector.count_label.text() == ""


def test_the_timer_ticks_while_shown(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    service.execute(SetProjector("dark", corner_qr=True, timer=True))
    project(service, "Timed.")
    slide = projector.stage.confession
    # shown_at and now are to the second: the first reading is 0:00 or 0:01.
    qtbot.waitUntil(lambda: projector.timer_label.text() in ("0:00", "0:01"))
    first = projector.timer_label.text()
    assert slide.ticking()
    qtbot.waitUntil(lambda: projector.timer_label.text() not in ("", first), timeout=2500)
    service.execute(Blank())
    qtbot.waitUntil(projector.is_idle)
    assert not slide.ticking()  # no timer while it is not on screen


def test_votes_for_another_confession_do_not_change_the_count(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    first = project(service, "First one.")
    phone = participant(service)
    service.set_agreement(phone, first, True)
    project(service, "Second one.")
    qtbot.waitUntil(lambda: showing(projector, "Second one."))
    assert projector.count_label.text() == "Been there · 0"
    qtbot.wait(50)  # the first one's count arrives meanwhile
    assert projector.count_label.text() == "Been there · 0"
    service.execute(Project(first))  # shown again, with its count
    qtbot.waitUntil(lambda: projector.count_label.text() == "Been there · 1")


def test_markup_is_shown_literally(qtbot: QtBot, service: SessionService, join: JoinLink) -> None:
    # People type code and markup; the screen shows exactly what they typed, painted
    # from a QTextLayout of the plain text (no label that could read it as rich text).
    html = "<b>bold</b> & <i>not italic</i> <img src=x> &amp;"
    confession_id = submit(service, html, "<h1>x</h1>")
    service.execute(Approve(confession_id))
    service.execute(Project(confession_id))
    window = ProjectorWindow(LocalHost(service, join).mirror)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert window.confession_label.text() == html
    assert window.confession_label.secondary_text() == "What I learned: \u2068<h1>x</h1>\u2069"
    block = window.confession_label._fit().blocks[0]
    assert block.layout.text() == html
    window.allow_close()
    window.close()


def test_long_confessions_fit_by_shrinking(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    project(service, "Short.")
    qtbot.waitUntil(lambda: showing(projector, "Short."))
    short_size = projector.confession_label.font_pixel_size()
    long_text = ("I merged without reading the diff because the tests were green. " * 16)[:1000]
    project(service, long_text, ("Read the diff. " * 40)[:500])
    qtbot.waitUntil(lambda: projector.confession_label.text() == long_text)
    for width, height in ((1920, 1080), (1280, 720), (1024, 768)):
        projector.resize(width, height)
        qtbot.waitUntil(lambda w=width: projector.confession_label.width() > w // 2)
        assert (projector.width(), projector.height()) == (width, height)  # it did shrink
        assert projector.confession_label.text_fits(), (width, height)
        # docs/slides.md: never under 0.032 h.
        assert projector.confession_label.font_pixel_size() >= 0.032 * height
    projector.resize(1920, 1080)
    qtbot.waitUntil(lambda: projector.confession_label.width() > 1000)
    assert projector.confession_label.font_pixel_size() < short_size


def test_one_unbroken_word_wraps_instead_of_overflowing(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    project(service, "a" * 1000)
    qtbot.waitUntil(lambda: showing(projector, "a" * 1000))
    assert projector.confession_label.text_fits()
    assert projector.confession_label.line_count() > 1


def test_session_end_shows_the_closing_slide_without_join_code(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    project(service, "Something.")
    qtbot.waitUntil(lambda: showing(projector, "Something."))
    service.execute(Blank())
    service.execute(EndSession())
    qtbot.waitUntil(lambda: projector.slide() is projector.stage.closing)
    assert projector.is_idle()
    closing = projector.stage.closing
    assert closing.title.text() == "Thank you"
    assert closing.numbers[1].text() == "1"  # shown
    assert not projector.qr.isVisible()


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
    local = LocalHost(service, join)
    qtbot.waitUntil(lambda: local.mirror.projector is not None)
    qtbot.waitUntil(lambda: local.feed.projector.state.projection is not None)
    window = ProjectorWindow(LocalHost(service, join).mirror)
    qtbot.addWidget(window)
    projection = window.projection()
    assert isinstance(projection, Item) and projection.id == confession_id
    assert window.confession_label.text() == "Already on screen when the window opens."
    window.allow_close()
    local.close()


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
