"""Getting phones onto the network: the Wi-Fi dialog, the join slide with two QR codes,
the sheet for the venue's IT (a one-page PDF)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.join.addresses import join_link, rank_candidates
from facilitator.join.qr import QUIET_ZONE, qr_matrix
from facilitator.join.venue_sheet import venue_sheet
from facilitator.join.wifi import QR_ENCODING, RoomWifi, Security, wifi_qr_payload
from facilitator.protocol.commands import Approve, EndSession, Project
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.projector import ProjectorWindow
from facilitator.ui.qr_widget import QrWidget
from facilitator.ui.venue_sheet import VenueSheetDialog, fits_on_page, sheet_image, sheet_pdf
from facilitator.ui.wifi_dialog import WifiDialog
from tests.ui.helpers import submit
from tests.ui.pdf_text import pages_text

WIFI = RoomWifi("Riverside Hotel Guest", "summer;2026", Security.WPA)
SIZES = [(1024, 768), (1920, 1080), (3840, 2160)]


# The dialog


@pytest.fixture
def dialog(qtbot: QtBot) -> Iterator[WifiDialog]:
    dialog = WifiDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    dialog.close()


def test_the_dialog_saves_a_wifi(qtbot: QtBot, dialog: WifiDialog) -> None:
    assert not dialog.save_button.isEnabled()
    assert dialog.problem_label.text() == ""  # nothing typed yet: no red sentence
    assert not dialog.remove_button.isEnabled()  # nothing to remove
    qtbot.keyClicks(dialog.name_edit, "Riverside Hotel Guest")
    qtbot.keyClicks(dialog.password_edit, "short")
    assert not dialog.save_button.isEnabled()
    assert dialog.problem_label.text().startswith("A WPA password has 8 to 63 characters")
    assert dialog.preview.url() == ""
    qtbot.keyClicks(dialog.password_edit, ";2026")
    assert dialog.save_button.isEnabled()
    assert dialog.problem_label.text() == ""
    assert dialog.preview.url() == wifi_qr_payload(RoomWifi("Riverside Hotel Guest", "short;2026"))
    dialog.hidden_box.setChecked(True)
    dialog.show_password_box.setChecked(True)
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [
        RoomWifi("Riverside Hotel Guest", "short;2026", Security.WPA, True, True)
    ]
    assert not dialog.isVisible()


def test_an_open_network_needs_no_password(qtbot: QtBot, dialog: WifiDialog) -> None:
    qtbot.keyClicks(dialog.name_edit, "Free Cafe")
    qtbot.keyClicks(dialog.password_edit, "typed before")
    dialog.security_box.setCurrentIndex(list(Security).index(Security.NONE))
    assert not dialog.password_edit.isEnabled()
    assert not dialog.show_password_box.isEnabled()
    assert dialog.current() == RoomWifi("Free Cafe", "", Security.NONE)
    assert dialog.preview.url() == "WIFI:T:nopass;S:Free Cafe;;"
    with qtbot.waitSignal(dialog.chosen) as chosen:
        dialog.save()
    assert chosen.args == [RoomWifi("Free Cafe", "", Security.NONE)]


def test_the_dialog_shows_the_saved_wifi_and_can_remove_it(qtbot: QtBot) -> None:
    saved = RoomWifi("Hall B", "0123456789", Security.WEP, hidden=True, show_password=True)
    dialog = WifiDialog(saved)
    qtbot.addWidget(dialog)
    assert dialog.current() == saved
    assert dialog.problem() == ""
    assert dialog.remove_button.isEnabled()
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [None]


def test_a_name_too_long_is_explained(qtbot: QtBot, dialog: WifiDialog) -> None:
    dialog.name_edit.setText("é" * 17)  # (QTest types ASCII only)
    qtbot.keyClicks(dialog.password_edit, "summer-2026")
    assert "takes 34 bytes" in dialog.problem_label.text()
    with qtbot.assertNotEmitted(dialog.chosen):
        dialog.save()


# The join slide


def overlap(a: QRect, b: QRect) -> bool:
    return a.intersects(b)


def resize(qtbot: QtBot, window: QWidget, width: int, height: int) -> None:
    """Resize and let the layouts follow (they do so on a posted event)."""
    window.resize(width, height)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height))
    qtbot.wait(20)


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def painted_matrix(image: QImage, qr: QrWidget, window: QWidget) -> list[list[bool]]:
    """Read the code back from the window's pixels, module by module (its centre)."""
    square = qr.code_rect().translated(qr.mapTo(window, QPoint(0, 0)))
    module = square.width() // qr.modules()
    size = qr.modules() - 2 * QUIET_ZONE
    return [
        [
            image.pixelColor(
                square.x() + (QUIET_ZONE + x) * module + module // 2,
                square.y() + (QUIET_ZONE + y) * module + module // 2,
            ).lightness()
            < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_join_slide_shows_the_wifi_and_the_link(
    qtbot: QtBot, projector: ProjectorWindow, join: JoinLink, width: int, height: int
) -> None:
    projector.set_wifi(WIFI)
    resize(qtbot, projector, width, height)
    assert projector.is_idle() and projector.shows_wifi()
    payload = wifi_qr_payload(WIFI)
    assert (
        projector.wifi_qr.url() == payload == "WIFI:T:WPA;S:Riverside Hotel Guest;P:summer\\;2026;;"
    )
    assert projector.open_qr.url() == join.join_url
    assert projector.wifi_name_label.text() == "Riverside Hotel Guest"
    assert projector.wifi_name_label.secondary_text() == ""  # the password stays in the code
    assert projector.open_label.text() == join.join_url
    assert projector.wifi_caption.text() == "1. Join the Wi-Fi"
    assert projector.open_caption.text() == "2. Open"

    window = projector.rect()
    parts = [
        projector.wifi_heading,
        projector.wifi_caption,
        projector.wifi_name_label,
        projector.wifi_qr,
        projector.open_caption,
        projector.open_label,
        projector.open_qr,
    ]
    rects = {part: rect_in(part, projector) for part in parts}
    for part, rect in rects.items():
        assert part.isVisible(), part
        assert window.contains(rect), (part, rect)
    for fitted in (projector.wifi_heading, projector.wifi_name_label, projector.open_label):
        assert fitted.text_fits(), fitted.text()
    assert projector.open_label.line_count() == 1  # the link is never cut in two
    for left in parts[:4]:
        for right in parts[4:]:
            assert not overlap(rects[left], rects[right]), (left, right)
    column = [projector.wifi_heading, projector.wifi_caption, projector.wifi_name_label]
    for upper, lower in zip(column, [*column[1:], projector.wifi_qr], strict=True):
        assert rects[upper].bottom() < rects[lower].top(), (upper, lower)
    # Both codes alike and big enough to scan from the back of the room.
    assert projector.wifi_qr.size() == projector.open_qr.size()
    assert projector.wifi_qr.width() >= 0.4 * height
    assert rects[projector.wifi_qr].top() == rects[projector.open_qr].top()
    gap = rects[projector.open_qr].left() - rects[projector.wifi_qr].right()
    assert gap >= 0.05 * width  # a camera sees one code at a time

    image = projector.grab().toImage()
    assert painted_matrix(image, projector.wifi_qr, projector) == qr_matrix(
        payload, encoding=QR_ENCODING
    )
    assert painted_matrix(image, projector.open_qr, projector) == qr_matrix(join.join_url)


def test_the_password_on_the_slide_only_when_asked(
    qtbot: QtBot, projector: ProjectorWindow
) -> None:
    projector.set_wifi(RoomWifi("Hall", "summer-2026", show_password=True))
    resize(qtbot, projector, 1024, 768)
    assert projector.wifi_name_label.secondary_text() == "Password: summer-2026"
    assert projector.wifi_name_label.text_fits()
    assert projector.open_label.line_count() == 1
    wifi_qr, open_qr = rect_in(projector.wifi_qr, projector), rect_in(projector.open_qr, projector)
    assert wifi_qr.top() == open_qr.top()
    assert projector.rect().contains(wifi_qr)
    projector.set_wifi(RoomWifi("Open Hall", security=Security.NONE, show_password=True))
    assert projector.wifi_name_label.secondary_text() == ""


def test_without_a_wifi_the_slide_is_as_before(projector: ProjectorWindow, join: JoinLink) -> None:
    assert projector.wifi() is None
    assert projector.is_idle() and not projector.shows_wifi()
    assert projector.qr.isVisible() and projector.qr.url() == join.join_url
    projector.set_wifi(WIFI)
    assert projector.shows_wifi() and not projector.qr.isVisible()
    projector.set_wifi(None)
    assert projector.is_idle() and not projector.shows_wifi()
    assert projector.qr.isVisible()


def test_a_confession_takes_the_wifi_slide_off_and_the_end_shows_the_closing_slide(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    projector.set_wifi(WIFI)
    confession_id = submit(service, "I forgot the projector cable.")
    service.execute(Approve(confession_id))
    service.execute(Project(confession_id))
    qtbot.waitUntil(lambda: not projector.is_idle())
    assert not projector.shows_wifi()
    service.execute(EndSession())
    qtbot.waitUntil(lambda: projector.slide() is projector.stage.closing)
    assert not projector.shows_wifi()  # nobody joins any more


def test_a_wifi_phones_could_not_join_is_refused(projector: ProjectorWindow) -> None:
    with pytest.raises(ValueError, match="A WPA password has 8 to 63 characters"):
        projector.set_wifi(RoomWifi("Hall", "short"))
    assert projector.wifi() is None


def test_the_window_follows_a_smaller_screen(qtbot: QtBot, projector: ProjectorWindow) -> None:
    # Fixed sizes made for a big screen must not keep the window from shrinking.
    for wifi in (None, WIFI):
        projector.set_wifi(wifi)
        for width, height in ((3840, 2160), (1024, 768)):
            resize(qtbot, projector, width, height)
            assert projector.minimumSizeHint().width() <= width


# The console


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_the_console_opens_the_wifi_dialog_and_passes_the_choice_on(
    qtbot: QtBot, console: ConsoleWindow, projector: ProjectorWindow
) -> None:
    network = console.phones_network
    network.wifi_chosen.connect(projector.set_wifi)  # as the desktop app does
    network.set_wifi(WIFI)
    qtbot.mouseClick(network.wifi_button, Qt.MouseButton.LeftButton)
    dialog = network.wifi_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.current() == WIFI
    network.open_wifi_dialog()  # a second click raises the same dialog
    assert network.wifi_dialog is dialog
    dialog.name_edit.setText("Hotspot of Sam")
    with qtbot.waitSignal(network.wifi_chosen) as chosen:
        dialog.save()
    chosen_wifi = RoomWifi("Hotspot of Sam", "summer;2026")
    assert chosen.args == [chosen_wifi]
    assert network.wifi() == chosen_wifi
    assert projector.wifi() == chosen_wifi and projector.shows_wifi()
    assert console.statusBar().currentMessage() == (
        "The join slide shows the Wi-Fi Hotspot of Sam and its QR code."
    )
    qtbot.waitUntil(lambda: network.wifi_dialog is None)


def test_the_console_opens_the_sheet_for_it(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, tmp_path: Path
) -> None:
    network = console.phones_network
    network.set_wifi(WIFI)
    assert network.sheet_button.isVisible()
    qtbot.mouseClick(network.sheet_button, Qt.MouseButton.LeftButton)
    dialog = network.sheet_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.event_edit.text() == service.session.title
    dialog.phones_box.setValue(80)
    dialog.contact_edit.setText("Sam Lee, 07700 900123")
    saved = dialog.save_pdf_to(tmp_path / "for-it")
    assert saved == tmp_path / "for-it.pdf"
    [text] = pages_text(saved.read_bytes())
    assert "Riverside Hotel Guest" in text
    assert "about 80 at once" in text
    assert "Sam Lee, 07700 900123" in text
    assert console.statusBar().currentMessage() == f"Sheet saved as {saved}: open it to print."
    dialog.copy_text()
    clipboard = QGuiApplication.clipboard().text()
    assert "192.168.1.23" in clipboard and "TCP 8080" in clipboard
    dialog.reject()
    qtbot.waitUntil(lambda: network.sheet_dialog is None)


# The sheet for the venue's IT


@pytest.fixture
def sheet_dialog(qtbot: QtBot, join: JoinLink) -> Iterator[VenueSheetDialog]:
    dialog = VenueSheetDialog(join, "Never waste a mistake", "Riverside Hotel Guest")
    qtbot.addWidget(dialog)
    yield dialog
    dialog.close()


@pytest.mark.parametrize("page", [QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter])
def test_the_pdf_is_one_page_with_the_address_and_port(
    join: JoinLink, page: QPageSize.PageSizeId
) -> None:
    pdf = sheet_pdf(venue_sheet(join, wifi_name="Riverside Hotel Guest"), page)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5_000
    [text] = pages_text(pdf)
    assert "Laptop's address192.168.1.23 (wlan0)" in text
    assert "PortTCP 8080" in text
    assert "Phones openhttp://192.168.1.23:8080/" in text
    assert "Client isolation must be OFF" in text
    assert join.moderator_url not in text and "moderator" not in text
    width = round(QPageSize(page).size(QPageSize.Unit.Point).width())
    assert f"/MediaBox [0 0 {width}".encode() in pdf


def test_saving_adds_the_suffix_and_reports_failures(
    qtbot: QtBot, sheet_dialog: VenueSheetDialog, tmp_path: Path
) -> None:
    target = tmp_path / "sheet.PDF"
    with qtbot.waitSignal(sheet_dialog.message) as message:
        assert sheet_dialog.save_pdf_to(target) == target
    assert message.args == [f"Sheet saved as {target}: open it to print."]
    assert len(pages_text(target.read_bytes())) == 1
    with qtbot.waitSignal(sheet_dialog.message) as message:
        assert sheet_dialog.save_pdf_to(tmp_path / "no such folder" / "sheet.pdf") is None
    assert message.args[0].startswith("Could not save the sheet: ")


def test_the_sheet_follows_an_address_chosen_meanwhile(
    sheet_dialog: VenueSheetDialog, service: SessionService
) -> None:
    hotspot = join_link("10.42.0.1", 8080, service.session.moderator_secret, ())
    sheet_dialog.set_join(hotspot)
    assert dict(sheet_dialog.sheet().facts)["Laptop's address"] == "10.42.0.1"


@pytest.mark.parametrize("page", [QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter])
def test_the_page_fits_even_with_long_entries(join: JoinLink, page: QPageSize.PageSizeId) -> None:
    many = tuple(rank_candidates([(f"wlan{n}", f"192.168.{n}.23") for n in range(6)]))
    sheet = venue_sheet(
        join_link("192.168.0.23", 8080, "s", many),
        event="A very long event title that goes on and on " * 3,
        wifi_name="x" * 32,
        phones_expected=9999,
        contact="Sam Lee, head of AV, +44 7700 900123, on site from 8:30, ask at the desk " * 2,
    )
    assert fits_on_page(sheet, page)
    assert fits_on_page(venue_sheet(join), page)
    [text] = pages_text(sheet_pdf(sheet, page))
    assert text.endswith("ask at the desk")  # the last line was drawn


def test_the_image_is_the_page(join: JoinLink) -> None:
    image = sheet_image(venue_sheet(join), dpi=50, page=QPageSize.PageSizeId.A4)
    assert (image.width(), image.height()) == (413, 584)  # 210 x 297 mm at 50 dpi
    assert image.pixelColor(2, 2).lightness() == 255  # the margin is white
    inked = sum(
        image.pixelColor(x, y).lightness() < 128
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )
    assert inked > 300
