"""The session's set-up from the console: one ``apply_setup``, the new warm-ups, the
closing note; a prepared file loaded, refused when malformed, saved to be read back."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from facilitator.core import rules
from facilitator.core.logo import Logo as PreparedLogo
from facilitator.core.logo import prepare_logo
from facilitator.core.model import LogoSize
from facilitator.core.session import SessionService
from facilitator.core.setup import SessionSetup, WarmUp, as_command
from facilitator.core.setup_file import (
    PreparedSession,
    SetupFileError,
    read_setup_file,
    setup_file_text,
    write_setup_file,
)
from facilitator.protocol.commands import (
    AddWarmUp,
    ApplySetup,
    Command,
    EndSession,
    SetClosingNote,
    SetUnshownRecord,
    UpdateDetails,
)
from facilitator.protocol.moderator import ItemState
from facilitator.protocol.phone import Logo
from facilitator.ui import translations
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.host_connection import OnDone, OnRefused
from facilitator.ui.logo_client import LogoRefused
from facilitator.ui.session_setup import APPLIED_WARM_UPS, ENDED, SessionSetupDialog
from tests.logo_samples import dark_ink_png, light_ink_png, opaque_jpeg
from tests.ui.helpers import clicked_open
from tests.ui.local_host import LocalHost
from tests.ui.test_screenshots import shots_dir
from tests.waiting import wait_until

PREPARED = PreparedSession(
    SessionSetup(
        title="Ward 7 learning hour",
        prompt="What went wrong on a night shift,\nand what did it teach you?",
        agree_label="Me too",
        house_rules="No names of patients or colleagues.\nWhat is said here stays here.",
        max_length=400,
        offer_lesson=False,
        language="cy",
        accent="#1a7f64",
    ),
    (
        WarmUp("I once handed over a patient without checking the allergy band.", "Check."),
        WarmUp("I signed for a delivery I never opened."),
    ),
    unshown_record=True,
)


class Recording:
    """The local host, with every command it was sent kept in order."""

    def __init__(self, host: LocalHost) -> None:
        self.host = host
        self.sent: list[Command] = []

    def send(
        self, command: Command, on_refused: OnRefused | None = None, on_done: OnDone | None = None
    ) -> None:
        self.sent.append(command)
        self.host.send(command, on_refused, on_done)


@pytest.fixture
def recording(local: LocalHost) -> Recording:
    return Recording(local)


@pytest.fixture
def dialog(qtbot: QtBot, local: LocalHost, recording: Recording) -> SessionSetupDialog:
    assert local.mirror.session is not None
    opened = SessionSetupDialog(recording, local.mirror.session)
    local.mirror.session_changed.connect(opened.show_session)  # as the console does
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    return opened


def type_warm_up(qtbot: QtBot, dialog: SessionSetupDialog, text: str, learned: str = "") -> None:
    """Add a warm-up as the facilitator does: Add…, type, OK."""
    dialog.add_warm_up_button.click()
    editor = dialog.warm_up_editor
    assert editor is not None
    qtbot.waitExposed(editor)
    editor.text.set_text(text)
    editor.learned.set_text(learned)
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)


def queued(recording: Recording) -> list[tuple[str, str, ItemState]]:
    """Up next, in order, as the console's mirror has it: text, lesson, state."""
    items = sorted(
        (i for i in recording.host.mirror.items.values() if i.state is ItemState.APPROVED),
        key=lambda i: (i.queue_position or 0, i.id),
    )
    return [(i.text, i.learned, i.state) for i in items]


def test_the_console_opens_the_set_up_dialog_beside_past_sessions(
    qtbot: QtBot, console: ConsoleWindow
) -> None:
    dialog = clicked_open(qtbot, console.setup_button, lambda: console.setup_dialog)
    assert dialog.title_edit.text() == rules.DEFAULT_TITLE
    assert dialog.default_rules.isChecked()
    assert dialog.house_rules.text() == rules.DEFAULT_HOUSE_RULES
    assert not dialog.house_rules.edit.isEnabled()
    assert console.setup_button.text() == "Set up session…"
    dialog.close_button.click()
    qtbot.waitUntil(lambda: console.setup_dialog is None)


def test_the_dialog_follows_another_moderator_and_keeps_what_is_typed_here(
    qtbot: QtBot, dialog: SessionSetupDialog, recording: Recording, service: SessionService
) -> None:
    """While the dialog is open, another moderator's changes show in the fields left alone
    here; what was typed here stays, and Apply sends only that, over the session as it is
    by then."""
    dialog.prompt_edit.set_text("What went wrong on a night shift?")
    service.execute(UpdateDetails("Ward 7 learning hour", "Their prompt", "Me too"))
    service.execute(SetClosingNote("The register goes to the ward managers."))
    qtbot.waitUntil(lambda: dialog.title_edit.text() == "Ward 7 learning hour")
    assert dialog.agree_edit.text() == "Me too"
    assert dialog.prompt_edit.text() == "What went wrong on a night shift?"  # typed here
    assert dialog.closing_note.text() == "The register goes to the ward managers."
    logo = prepare_logo(dark_ink_png())
    service.add_logo(logo)
    service.execute(as_command(replace(SessionSetup.of(service.session), logo=logo.version)))
    qtbot.waitUntil(lambda: dialog.logo_row.version() == logo.version)
    dialog.max_length.setValue(400)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: service.session.max_length == 400)
    session = service.session
    assert (session.title, session.agree_label) == ("Ward 7 learning hour", "Me too")
    assert session.prompt == "What went wrong on a night shift?"
    assert session.closing_note == "The register goes to the ward managers."
    assert session.logo is not None and session.logo.version == logo.version
    assert [type(command) for command in recording.sent] == [ApplySetup]
    # What is typed here after that is sent as typed.
    dialog.title_edit.setText("Night shift")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: service.session.title == "Night shift")
    assert (service.session.max_length, service.session.agree_label) == (400, "Me too")


def test_apply_sends_one_setup_then_only_the_new_warm_ups(
    qtbot: QtBot, dialog: SessionSetupDialog, recording: Recording, service: SessionService
) -> None:
    dialog.title_edit.setText("Ward 7 learning hour")
    dialog.prompt_edit.set_text("What went wrong on a night shift?")
    dialog.agree_edit.setText("Me too")
    dialog.default_rules.click()  # own rules, starting from the default's words
    assert dialog.house_rules.edit.isEnabled()
    assert dialog.house_rules.text() == rules.DEFAULT_HOUSE_RULES
    dialog.house_rules.set_text("No names of patients or colleagues.")
    dialog.max_length.setValue(400)
    dialog.offer_lesson.setChecked(False)
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.set_accent("#aa3366")
    type_warm_up(qtbot, dialog, "I once forgot the handover sheet.", "Print two.")
    messages: list[str] = []
    dialog.message.connect(messages.append)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert recording.sent == [
        ApplySetup(
            title="Ward 7 learning hour",
            prompt="What went wrong on a night shift?",
            agree_label="Me too",
            house_rules="No names of patients or colleagues.",
            max_length=400,
            offer_lesson=False,
            language="de",
            accent="#aa3366",
            logo="",
        ),
        AddWarmUp("I once forgot the handover sheet.", "Print two."),
    ]
    assert recording.host.refusals == []
    session = service.session
    assert (session.title, session.house_rules, session.max_length) == (
        "Ward 7 learning hour",
        "No names of patients or colleagues.",
        400,
    )
    assert (session.offer_lesson, session.language, session.accent) == (False, "de", "#aa3366")
    assert queued(recording) == [
        ("I once forgot the handover sheet.", "Print two.", ItemState.APPROVED)
    ]
    assert messages == [APPLIED_WARM_UPS.format(count=1, s="")]
    assert dialog.warm_up_list.item(0).text().startswith("In Up next: ")
    assert not dialog.edit_warm_up_button.isEnabled()  # sent: edited in the console now

    type_warm_up(qtbot, dialog, "I signed for a delivery I never opened.")
    dialog.default_rules.click()  # back to the default rules: sent as null
    recording.sent.clear()
    dialog.apply_button.click()
    assert [type(c) for c in recording.sent] == [ApplySetup, AddWarmUp]
    first = recording.sent[0]
    assert isinstance(first, ApplySetup) and first.house_rules is None
    assert recording.sent[1] == AddWarmUp("I signed for a delivery I never opened.")
    assert service.session.house_rules is None
    assert [text for text, _, _ in queued(recording)] == [
        "I once forgot the handover sheet.",
        "I signed for a delivery I never opened.",
    ]


def test_a_refusal_is_shown_in_the_dialog_and_sends_no_warm_up(
    qtbot: QtBot, dialog: SessionSetupDialog, recording: Recording, service: SessionService
) -> None:
    dialog.title_edit.setText("   ")
    type_warm_up(qtbot, dialog, "Not yet: the set-up was refused.")
    dialog.apply_button.click()
    assert [type(c) for c in recording.sent] == [ApplySetup]
    assert dialog.error_label.text() != ""
    assert "title" in dialog.error_label.text().lower()
    assert dialog.apply_button.isEnabled()  # to try again once the title is written
    assert queued(recording) == []
    assert service.session.title == rules.DEFAULT_TITLE


def test_the_closing_note_is_sent_with_the_set_up(
    dialog: SessionSetupDialog, recording: Recording, service: SessionService
) -> None:
    note = "Thank you all.\nThe register goes to the ward managers on Friday."
    dialog.closing_note.set_text(note)
    dialog.apply_button.click()
    assert recording.sent[1:] == [SetClosingNote(note)]
    assert service.session.closing_note == note
    recording.sent.clear()
    dialog.apply_button.click()  # unchanged: not sent again
    assert [type(c) for c in recording.sent] == [ApplySetup]


def test_loading_a_prepared_file_fills_the_fields_and_sends_nothing_yet(
    dialog: SessionSetupDialog, recording: Recording, service: SessionService, tmp_path: Path
) -> None:
    path = tmp_path / "ward-7.toml"
    path.write_text(setup_file_text(PREPARED), encoding="utf-8")
    dialog.load_from(path)
    assert recording.sent == []
    assert dialog.error_label.text() == ""
    assert dialog.title_edit.text() == "Ward 7 learning hour"
    assert dialog.prompt_edit.text() == PREPARED.setup.prompt
    assert dialog.agree_edit.text() == "Me too"
    assert not dialog.default_rules.isChecked()
    assert dialog.house_rules.text() == PREPARED.setup.house_rules
    assert dialog.max_length.value() == 400
    assert not dialog.offer_lesson.isChecked()
    assert dialog.language.currentData() == "cy"
    assert dialog.accent_label.text() == "#1a7f64"
    assert [w.warm_up for w in dialog.warm_ups()] == list(PREPARED.warm_ups)
    assert dialog.prepared() == PREPARED
    assert "approved confessions never shown" in dialog.note_label.text()

    dialog.apply_button.click()  # the file's record choice goes with the rest
    assert [type(c) for c in recording.sent] == [ApplySetup, SetUnshownRecord, AddWarmUp, AddWarmUp]
    assert service.session.unshown_record
    assert service.session.title == "Ward 7 learning hour"
    assert len(queued(recording)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "format = 1\nmax_length = 5000\n",
        "format = 1\ntitle = 'Unclosed\n",
        "format = 1\ncolour = '#ffffff'\n",
        "format = 1\n[[warm_up]]\ntext = ''\n",
    ],
)
def test_a_malformed_file_is_said_in_the_dialog_and_changes_nothing(
    dialog: SessionSetupDialog, recording: Recording, tmp_path: Path, text: str
) -> None:
    dialog.title_edit.setText("Typed before loading")
    before = dialog.prepared()
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SetupFileError) as refused:
        read_setup_file(path)
    dialog.load_from(path)
    assert dialog.error_label.text() == str(refused.value)
    assert str(path) in dialog.error_label.text()
    assert dialog.prepared() == before
    assert recording.sent == []


def test_saving_writes_a_file_that_reads_back_the_same(
    qtbot: QtBot, dialog: SessionSetupDialog, tmp_path: Path
) -> None:
    dialog.title_edit.setText("Night shift retro")
    dialog.default_rules.click()
    dialog.house_rules.set_text("Chatham House.\nNo names.")
    dialog.max_length.setValue(650)
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    dialog.set_accent("#102030")
    type_warm_up(qtbot, dialog, "I forgot the keys to the drugs cupboard.", "Lanyard.")
    type_warm_up(qtbot, dialog, "I double-booked the only hoist.")
    path = tmp_path / "saved.toml"
    dialog.save_to(path)
    assert dialog.error_label.text() == ""
    read = read_setup_file(path)
    assert read.setup == SessionSetup(
        "Night shift retro",
        rules.DEFAULT_PROMPT,
        rules.DEFAULT_AGREE_LABEL,
        "Chatham House.\nNo names.",
        650,
        True,
        "ar",
        "#102030",
    )
    assert read.warm_ups == (
        WarmUp("I forgot the keys to the drugs cupboard.", "Lanyard."),
        WarmUp("I double-booked the only hoist."),
    )
    assert read == dialog.prepared()
    dialog.title_edit.setText("")  # a set-up the rules refuse is not saved
    dialog.save_to(tmp_path / "not-saved.toml")
    assert not (tmp_path / "not-saved.toml").exists()
    assert dialog.error_label.text().startswith("Not saved: ")


def test_warm_ups_are_edited_and_removed_before_they_are_sent(
    qtbot: QtBot, dialog: SessionSetupDialog, recording: Recording
) -> None:
    type_warm_up(qtbot, dialog, "First draft.")
    type_warm_up(qtbot, dialog, "Kept.")
    dialog.warm_up_list.setCurrentRow(0)
    dialog.edit_warm_up_button.click()
    editor = dialog.warm_up_editor
    assert editor is not None
    assert editor.text.text() == "First draft."
    editor.text.set_text("Second draft.")
    editor.learned.set_text("Sleep on it.")
    editor.ok_button.click()
    assert [w.warm_up for w in dialog.warm_ups()] == [
        WarmUp("Second draft.", "Sleep on it."),
        WarmUp("Kept."),
    ]
    dialog.warm_up_list.setCurrentRow(1)
    dialog.remove_warm_up_button.click()
    assert [w.warm_up.text for w in dialog.warm_ups()] == ["Second draft."]
    dialog.add_warm_up_button.click()  # an empty one is not added
    editor = dialog.warm_up_editor
    assert editor is not None
    editor.ok_button.click()
    assert editor.error_label.text() != "" and editor.isVisible()
    editor.reject()
    assert len(dialog.warm_ups()) == 1
    assert recording.sent == []


def test_the_accent_colour_is_chosen_or_none(
    qtbot: QtBot, dialog: SessionSetupDialog, recording: Recording
) -> None:
    dialog.accent_button.click()
    colours = dialog.colour_dialog
    assert colours is not None
    qtbot.waitExposed(colours)
    colours.setCurrentColor(QColor("#A1B2C3"))
    colours.accept()
    assert dialog.accent_label.text() == "#a1b2c3"
    dialog.apply_button.click()
    first = recording.sent[0]
    assert isinstance(first, ApplySetup) and first.accent == "#a1b2c3"
    dialog.accent_none_button.click()
    assert dialog.setup().accent == ""


def test_fields_show_their_limits(dialog: SessionSetupDialog) -> None:
    assert dialog.title_edit.maxLength() == rules.MAX_TITLE_CHARS
    assert dialog.title_count.text() == f"{len(rules.DEFAULT_TITLE)} / {rules.MAX_TITLE_CHARS}"
    assert (dialog.max_length.minimum(), dialog.max_length.maximum()) == (100, 1000)
    dialog.default_rules.click()
    dialog.house_rules.set_text("x" * (rules.MAX_HOUSE_RULES_CHARS + 1))
    assert dialog.house_rules.count.text().endswith("too long")
    dialog.apply_button.click()
    assert "House rules is too long" in dialog.error_label.text()


def test_after_the_end_nothing_can_be_applied(
    qtbot: QtBot, dialog: SessionSetupDialog, service: SessionService
) -> None:
    service.execute(EndSession())
    qtbot.waitUntil(lambda: not dialog.apply_button.isEnabled())
    assert dialog.note_label.text() == ENDED
    assert dialog.save_button.isEnabled()


def over_console(qtbot: QtBot, console: ConsoleWindow, dialog: QWidget) -> QImage:
    """The console with ``dialog`` centred over it, as the facilitator sees them."""
    qtbot.wait(200)  # let layouts and repaints settle
    image = console.grab().toImage()
    shot = dialog.grab()
    painter = QPainter(image)
    painter.fillRect(image.rect(), QColor(0, 0, 0, 60))
    left = (image.width() - shot.width()) // 2
    top = (image.height() - shot.height()) // 2
    painter.drawPixmap(left, top, shot)
    painter.setPen(QColor("#8a8f98"))
    painter.drawRect(left - 1, top - 1, shot.width() + 1, shot.height() + 1)
    painter.end()
    return image


@pytest.fixture
def logo_console(
    qtbot: QtBot, local: LocalHost, service: SessionService
) -> Iterator[ConsoleWindow]:
    """The console as the app makes it: its set-up dialog can upload a logo."""
    window = ConsoleWindow(local.mirror, local, logos=FakeLogos(service))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.allow_close()
    window.close()


def open_with_a_logo(
    qtbot: QtBot, console: ConsoleWindow, tmp_path: Path, width: int, height: int
) -> SessionSetupDialog:
    """The set-up dialog over a ``width`` x ``height`` console, filled from a prepared file
    and with the organisers' logo chosen (as the host answers it)."""
    console.resize(width, height)
    dialog = clicked_open(qtbot, console.setup_button, lambda: console.setup_dialog)
    path = tmp_path / "ward-7.toml"
    path.write_text(setup_file_text(PREPARED), encoding="utf-8")
    dialog.load_from(path)
    logo = prepare_logo(dark_ink_png())
    assert dialog.logo_row.images.keep(logo.version, logo.screen.data)
    dialog.logo_row.set_logo(wire(logo))
    dialog.closing_note.set_text("Thank you all. The register goes to the ward managers.")
    dialog.warm_up_list.setCurrentRow(0)
    return dialog


def assert_dialog_fits(dialog: SessionSetupDialog, width: int, height: int) -> None:
    """On the smallest screen the console supports, nothing cut."""
    layout = dialog.layout()
    assert layout is not None
    layout.activate()  # the last texts set are laid out now, not at the next event
    hint = dialog.minimumSizeHint()
    assert hint.width() <= width - 40 and hint.height() <= height - 60
    assert dialog.width() <= width and dialog.height() <= height - 40
    row = dialog.logo_row
    for widget in (
        dialog.apply_button,
        dialog.load_button,
        dialog.closing_note,
        dialog.house_rules,
        row.preview,
        row.choose_button,
        row.none_button,
        row.caption,
    ):
        assert widget.isVisible()
        place = QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())
        assert dialog.rect().contains(place), widget
    for button in (row.choose_button, row.none_button, dialog.accent_button):
        advance = button.fontMetrics().horizontalAdvance(button.text())
        assert advance <= button.width() - 8, button.text()
    caption = row.caption
    assert caption.fontMetrics().horizontalAdvance(caption.text()) <= caption.width()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1024, 768)])
def test_set_up_screenshot(
    qtbot: QtBot, logo_console: ConsoleWindow, tmp_path: Path, width: int, height: int
) -> None:
    console = logo_console
    dialog = open_with_a_logo(qtbot, console, tmp_path, width, height)
    assert dialog.logo_row.caption.text() == "1200 \N{MULTIPLICATION SIGN} 300 px"
    console.statusBar().clearMessage()  # "Loaded /tmp/…": the test's own folder
    image = over_console(qtbot, console, dialog)
    assert image.save(str(shots_dir(tmp_path) / f"console-session-setup-{width}x{height}.png"))
    assert_dialog_fits(dialog, width, height)


def test_the_set_up_dialog_fits_1024x768_in_german(
    qtbot: QtBot, local: LocalHost, service: SessionService, tmp_path: Path
) -> None:
    assert translations.install_ui_translator("de")
    try:
        window = ConsoleWindow(local.mirror, local, logos=FakeLogos(service))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        dialog = open_with_a_logo(qtbot, window, tmp_path, 1024, 768)
        assert dialog.logo_row.choose_button.text() == "Logo wählen …"
        assert dialog.logo_row.none_button.text() == "Kein Logo"
        qtbot.wait(100)
        assert_dialog_fits(dialog, 1024, 768)
        dialog.logo_row.clear()
        assert dialog.logo_row.caption.text() == "Keins"
        window.allow_close()
        window.close()
    finally:
        translations.remove_ui_translator()


def test_a_refused_warm_up_is_named_and_sent_again_at_the_next_apply(
    dialog: SessionSetupDialog, recording: Recording
) -> None:
    dialog.add_warm_up(WarmUp("Hidden \u202etext"))  # as from a file edited by hand
    dialog.add_warm_up(WarmUp("A good one."))
    dialog.apply_button.click()
    assert dialog.error_label.text() == (
        "Warm-up confession 1: The text contains characters that reorder it invisibly."
    )
    assert [listed.sent for listed in dialog.warm_ups()] == [False, True]
    assert dialog.apply_button.isEnabled()
    dialog.warm_up_list.setCurrentRow(0)
    dialog.remove_warm_up_button.click()
    recording.sent.clear()
    dialog.apply_button.click()
    assert [type(c) for c in recording.sent] == [ApplySetup]  # the good one went already
    assert dialog.error_label.text() == ""


# The organiser's logo


def wire(logo: PreparedLogo) -> Logo:
    return Logo(logo.version, logo.screen.width, logo.screen.height, logo.ink)


class FakeLogos:
    """A logo port that prepares an upload as the host does and hands it to the session's
    core as waiting; ``refusal`` refuses the next uploads, ``release`` holds fetches."""

    def __init__(self, service: SessionService) -> None:
        self.service = service
        self.uploaded: list[bytes] = []
        self.fetched: list[tuple[str, LogoSize]] = []
        self.refusal: LogoRefused | None = None
        self.release = asyncio.Event()
        self.release.set()
        self.known: dict[str, PreparedLogo] = {}

    async def upload_logo(self, data: bytes) -> Logo:
        self.uploaded.append(data)
        await asyncio.sleep(0)
        if self.refusal is not None:
            raise self.refusal
        logo = prepare_logo(data)
        self.known[logo.version] = logo
        self.service.add_logo(logo)
        return wire(logo)

    async def fetch_logo(self, version: str, size: LogoSize) -> bytes:
        self.fetched.append((version, size))
        await self.release.wait()
        if version not in self.known:
            raise LogoRefused("no_logo", "There is no such logo.")
        return self.known[version].image(size).data


def logo_dialog(
    qtbot: QtBot, local: LocalHost, commands: Recording, logos: FakeLogos
) -> SessionSetupDialog:
    """The dialog in an async test: shown, without waiting (no nested event loop)."""
    assert local.mirror.session is not None
    opened = SessionSetupDialog(commands, local.mirror.session, logos=logos)
    local.mirror.session_changed.connect(opened.show_session)
    qtbot.addWidget(opened)
    opened.show()
    return opened


async def test_a_chosen_logo_goes_with_the_one_apply_setup(
    qtbot: QtBot, local: LocalHost, recording: Recording, service: SessionService, tmp_path: Path
) -> None:
    logos = FakeLogos(service)
    dialog = logo_dialog(qtbot, local, recording, logos)
    row = dialog.logo_row
    assert row.caption.text() == "None" and not row.none_button.isEnabled()
    file = tmp_path / "logo.png"
    file.write_bytes(dark_ink_png())
    row.upload_file(file)
    assert row.caption.text() == "Preparing the logo…"
    assert not dialog.apply_button.isEnabled() and not row.choose_button.isEnabled()
    await wait_until(lambda: row.version() != "")
    assert logos.uploaded == [dark_ink_png()]
    assert row.caption.text() == "1200 \N{MULTIPLICATION SIGN} 300 px"
    assert dialog.apply_button.isEnabled()
    await wait_until(lambda: row.images.image(row.version()) is not None)
    assert logos.fetched == [(row.version(), "screen")]
    assert not row.preview.pixmap().toImage().isNull()
    dialog.apply_button.click()
    first = recording.sent[0]
    assert isinstance(first, ApplySetup) and first.logo == row.version()
    assert service.session.logo is not None and service.session.logo.version == row.version()

    row.none_button.click()
    assert row.caption.text() == "None" and dialog.setup().logo == ""
    recording.sent.clear()
    dialog.apply_button.click()
    first = recording.sent[0]
    assert isinstance(first, ApplySetup) and first.logo == ""
    assert service.session.logo is None


async def test_a_refused_logo_is_said_and_the_one_before_stays(
    qtbot: QtBot, local: LocalHost, recording: Recording, service: SessionService, tmp_path: Path
) -> None:
    logos = FakeLogos(service)
    dialog = logo_dialog(qtbot, local, recording, logos)
    row = dialog.logo_row
    row.upload(opaque_jpeg())
    await wait_until(lambda: row.version() != "")
    before = row.version()
    assert row.caption.text() == "600 \N{MULTIPLICATION SIGN} 600 px"
    logos.refusal = LogoRefused(
        "logo_too_large", "A logo file may be up to 10 MB: save it smaller, please."
    )
    row.upload(b"x" * 100)
    await wait_until(lambda: not row.busy())
    assert dialog.error_label.text() == (
        "Logo: A logo file may be up to 10 MB: save it smaller, please."
    )
    assert row.version() == before and row.caption.text() == "600 \N{MULTIPLICATION SIGN} 600 px"
    assert dialog.apply_button.isEnabled()
    row.upload_file(tmp_path / "missing.png")  # a file that cannot be read: said the same way
    assert dialog.error_label.text().startswith(f"Logo: {tmp_path / 'missing.png'} cannot be read")
    assert row.version() == before


async def test_a_prepared_file_with_a_logo_uploads_its_rendition(
    qtbot: QtBot, local: LocalHost, recording: Recording, service: SessionService, tmp_path: Path
) -> None:
    logos = FakeLogos(service)
    dialog = logo_dialog(qtbot, local, recording, logos)
    file_logo = prepare_logo(light_ink_png())
    path = tmp_path / "ward-7.toml"
    write_setup_file(path, replace(PREPARED, logo=file_logo))
    assert (tmp_path / "ward-7-logo.png").is_file()
    dialog.load_from(path)
    assert dialog.error_label.text() == ""
    assert dialog.logo_row.busy()
    await wait_until(lambda: dialog.logo_row.version() != "")
    assert logos.uploaded == [file_logo.screen.data]
    answered = dialog.logo_row.version()
    assert dialog.setup().logo == answered  # the host's version, not the file's own
    dialog.apply_button.click()
    first = recording.sent[0]
    assert isinstance(first, ApplySetup) and first.logo == answered
    assert service.session.logo is not None and service.session.logo.ink == "light"

    plain = tmp_path / "no-logo.toml"
    plain.write_text(setup_file_text(PREPARED), encoding="utf-8")
    dialog.load_from(plain)  # a file without a logo: the set-up has none
    assert dialog.logo_row.version() == "" and dialog.logo_row.caption.text() == "None"


async def test_saving_fetches_the_sessions_logo_first(
    qtbot: QtBot, local: LocalHost, recording: Recording, service: SessionService, tmp_path: Path
) -> None:
    logos = FakeLogos(service)
    logo = prepare_logo(dark_ink_png())
    logos.known[logo.version] = logo
    logos.release.clear()  # the preview's fetch is still on its way when Save is chosen
    assert local.mirror.session is not None
    session = msgspec.structs.replace(local.mirror.session, logo=wire(logo))
    dialog = SessionSetupDialog(recording, session, logos=logos)
    qtbot.addWidget(dialog)
    assert dialog.logo_row.caption.text() == "1200 \N{MULTIPLICATION SIGN} 300 px"
    path = tmp_path / "saved.toml"
    dialog.save_to(path)
    await asyncio.sleep(0.05)
    assert not path.exists()
    logos.release.set()
    await wait_until(path.exists)
    assert dialog.error_label.text() == ""
    assert (tmp_path / "saved-logo.png").read_bytes() == logo.screen.data  # as the host made it
    read = read_setup_file(path)
    assert read.logo is not None and read.logo.ink == "dark"
    assert (read.logo.screen.width, read.logo.screen.height) == (1200, 300)
    assert read.setup.logo == read.logo.version
    assert logos.fetched == [(logo.version, "screen")]  # once: the preview's bytes are kept

    gone = msgspec.structs.replace(session, logo=Logo("0123456789abcdef", 10, 10, "opaque"))
    lost = SessionSetupDialog(recording, gone, logos=logos)
    qtbot.addWidget(lost)
    await wait_until(lambda: len(logos.fetched) == 2)
    lost.save_to(tmp_path / "lost.toml")
    await wait_until(lambda: lost.error_label.text() != "")
    assert lost.error_label.text() == "Not saved: Logo: There is no such logo."
    assert not (tmp_path / "lost.toml").exists()


def test_without_a_host_connection_the_logo_stays_as_it_is(dialog: SessionSetupDialog) -> None:
    row = dialog.logo_row
    assert not row.choose_button.isEnabled() and not row.none_button.isEnabled()
    assert row.caption.text() == "None" and dialog.setup().logo == ""


def test_the_logo_file_dialog_opens_without_blocking(
    qtbot: QtBot, local: LocalHost, recording: Recording, service: SessionService
) -> None:
    assert local.mirror.session is not None
    dialog = SessionSetupDialog(recording, local.mirror.session, logos=FakeLogos(service))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.logo_row.choose_button.click()
    files = dialog.logo_row.file_dialog
    assert files is not None and files.isVisible()
    assert files.windowModality() is Qt.WindowModality.WindowModal  # open(), not exec()
    assert "*.png" in files.nameFilters()[0] and "*.webp" in files.nameFilters()[0]
    files.reject()
