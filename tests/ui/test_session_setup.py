"""The session's set-up from the console: one ``apply_setup``, the new warm-ups, the
closing note; a prepared file loaded, refused when malformed, saved to be read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from facilitator.core import rules
from facilitator.core.session import SessionService
from facilitator.core.setup import SessionSetup, WarmUp
from facilitator.core.setup_file import (
    PreparedSession,
    SetupFileError,
    read_setup_file,
    setup_file_text,
)
from facilitator.protocol.commands import (
    AddWarmUp,
    ApplySetup,
    Command,
    EndSession,
    SetClosingNote,
    SetUnshownRecord,
)
from facilitator.protocol.moderator import ItemState
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.host_connection import OnDone, OnRefused
from facilitator.ui.session_setup import APPLIED_WARM_UPS, ENDED, SessionSetupDialog
from tests.ui.helpers import clicked_open
from tests.ui.local_host import LocalHost
from tests.ui.test_screenshots import shots_dir

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


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1024, 768)])
def test_set_up_screenshot(
    qtbot: QtBot, console: ConsoleWindow, tmp_path: Path, width: int, height: int
) -> None:
    console.resize(width, height)
    dialog = clicked_open(qtbot, console.setup_button, lambda: console.setup_dialog)
    path = tmp_path / "ward-7.toml"
    path.write_text(setup_file_text(PREPARED), encoding="utf-8")
    dialog.load_from(path)
    dialog.closing_note.set_text("Thank you all. The register goes to the ward managers.")
    dialog.warm_up_list.setCurrentRow(0)
    # Everything fits on the smallest screen the console supports, nothing cut.
    hint = dialog.minimumSizeHint()
    assert hint.width() <= width - 40 and hint.height() <= height - 60
    assert dialog.width() <= width and dialog.height() <= height - 40
    for widget in (
        dialog.apply_button,
        dialog.load_button,
        dialog.closing_note,
        dialog.house_rules,
    ):
        assert widget.isVisible()
        place = QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())
        assert dialog.rect().contains(place), widget
    console.statusBar().clearMessage()  # "Loaded /tmp/…": the test's own folder
    image = over_console(qtbot, console, dialog)
    assert image.save(str(shots_dir(tmp_path) / f"console-session-setup-{width}x{height}.png"))


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
