"""The console: live lists, moderation by button and keyboard, alarms, ending a session."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from facilitator.core.errors import StoreUnavailable
from facilitator.core.events import EventBus
from facilitator.core.model import ItemState
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.protocol.commands import Approve, EndSession, Project, ProjectNext, SetAside
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.console import ConsoleWindow
from facilitator.ui.projector import ProjectorWindow
from tests.ui.helpers import participant, submit
from tests.ui.local_host import LocalHost


def activate(qtbot: QtBot, console: ConsoleWindow) -> None:
    """Give the console the keyboard (the offscreen platform activates the projector too)."""
    console.activateWindow()
    qtbot.waitUntil(console.isActiveWindow)


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_lists_follow_submissions_from_phones(
    console: ConsoleWindow, service: SessionService
) -> None:
    assert console.incoming_list.count() == 0
    first = submit(service, "I forgot the meeting I organised.", "Calendars are friends.")
    second = submit(service, "I estimated two days. It took two months.")
    assert console.incoming_list.ids() == [first, second]
    entry = console.incoming_list.entries()[0]
    assert entry.text == "I forgot the meeting I organised."
    assert entry.detail == "Learned: Calendars are friends."


def test_approve_and_project_by_clicking_puts_it_on_the_projector(
    qtbot: QtBot, console: ConsoleWindow, projector: ProjectorWindow, service: SessionService
) -> None:
    confession_id = submit(service, "I shipped the debug build.", "Automate releases.")
    assert not console.approve_button.isEnabled()
    console.incoming_list.select_id(confession_id)
    click(qtbot, console.approve_button)
    assert console.incoming_list.count() == 0
    assert console.queue_list.ids() == [confession_id]
    assert service.item(confession_id).state is ItemState.APPROVED

    console.queue_list.select_id(confession_id)
    click(qtbot, console.project_button)
    qtbot.waitUntil(lambda: projector.confession_label.text() == "I shipped the debug build.")
    assert console.shown_list.ids() == [confession_id]
    assert console.now_text.text() == "I shipped the debug build."
    assert console.shown_list.entries()[0].marked

    service.set_agreement(participant(service), confession_id, True)
    # Counts reach moderators at display rate: within a frame or two.
    qtbot.waitUntil(lambda: console.now_count.text() == "Been there · 1")
    qtbot.waitUntil(lambda: projector.count_label.text() == "Been there · 1")
    qtbot.waitUntil(lambda: console.shown_list.entries()[0].detail == "Been there · 1")

    click(qtbot, console.blank_button)
    qtbot.waitUntil(projector.is_idle)
    assert not console.now_text.isVisible()


def test_project_next_follows_the_queue_order(
    qtbot: QtBot, console: ConsoleWindow, projector: ProjectorWindow, service: SessionService
) -> None:
    ids = [submit(service, f"Mistake number {n}.") for n in range(3)]
    for confession_id in reversed(ids):
        service.execute(Approve(confession_id))
    assert console.queue_list.ids() == list(reversed(ids))
    # The "Next:" label is refreshed at most once a frame.
    qtbot.waitUntil(lambda: console.up_next.full_text() == "Next: Mistake number 2.")
    click(qtbot, console.project_next_button)
    qtbot.waitUntil(lambda: projector.confession_label.text() == "Mistake number 2.")
    assert console.queue_list.ids() == [ids[1], ids[0]]


def test_a_second_press_never_puts_up_a_second_confession(
    qtbot: QtBot, console: ConsoleWindow, projector: ProjectorWindow, service: SessionService
) -> None:
    """Project next names the confession it expects: the host refuses a stale press."""
    ids = [submit(service, f"Queued {n}.") for n in range(2)]
    for confession_id in ids:
        service.execute(Approve(confession_id))
    console._run(ProjectNext(ids[0]))
    qtbot.waitUntil(lambda: projector.confession_label.text() == "Queued 0.")
    console._run(ProjectNext(ids[0]))  # the same press again, as a key held down would
    qtbot.waitUntil(lambda: projector.confession_label.text() == "Queued 0.")
    assert console.statusBar().currentMessage().startswith("Another confession is next")
    assert console.queue_list.ids() == [ids[1]]


def test_keyboard_enter_approves_and_space_projects_next(
    qtbot: QtBot, console: ConsoleWindow, projector: ProjectorWindow, service: SessionService
) -> None:
    ids = [submit(service, f"Keyboard mistake {n}.") for n in range(3)]
    activate(qtbot, console)
    console.incoming_list.setFocus()
    console.incoming_list.select_id(ids[0])
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_Return)
    assert console.queue_list.ids() == [ids[0]]
    # The next one is selected, so Enter again approves it.
    assert console.incoming_list.selected_id() == ids[1]
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_Enter)
    assert console.queue_list.ids() == [ids[0], ids[1]]

    qtbot.keyClick(console.incoming_list, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: projector.confession_label.text() == "Keyboard mistake 0.")
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: projector.confession_label.text() == "Keyboard mistake 1.")
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_N)  # the queue is empty
    assert console.statusBar().currentMessage() == (
        "The queue is empty: approve a confession first."
    )
    qtbot.keyClick(console.incoming_list, Qt.Key.Key_B)
    qtbot.waitUntil(projector.is_idle)


def test_typing_in_a_field_does_not_trigger_shortcuts(
    qtbot: QtBot, console: ConsoleWindow, projector: ProjectorWindow, service: SessionService
) -> None:
    service.execute(Approve(submit(service, "Queued.")))
    activate(qtbot, console)
    console.details.title_edit.setFocus()
    console.details.title_edit.selectAll()
    qtbot.keyClicks(console.details.title_edit, "New band")
    assert console.details.title_edit.text() == "New band"
    qtbot.waitUntil(projector.is_idle)
    assert console.queue_list.count() == 1


def test_set_aside_and_restore(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    confession_id = submit(service, "Too identifying to show.")
    console.incoming_list.select_id(confession_id)
    click(qtbot, console.set_aside_button)
    assert console.aside_list.ids() == [confession_id]
    console.aside_list.select_id(confession_id)
    click(qtbot, console.restore_button)
    assert console.incoming_list.ids() == [confession_id]
    assert console.aside_list.count() == 0


def test_changes_from_the_moderator_page_show_up(
    console: ConsoleWindow, service: SessionService
) -> None:
    confession_id = submit(service, "Moderated elsewhere.")
    service.execute(Approve(confession_id))  # as the moderator web page would
    assert console.queue_list.ids() == [confession_id]
    service.execute(SetAside(confession_id))
    assert console.aside_list.ids() == [confession_id]
    service.update_details("New title", "New prompt?", "Me too")
    assert console.details.title_edit.text() == "New title"
    assert console.windowTitle() == "Confessional — New title"


def test_buttons_follow_the_selection_and_the_state(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    confession_id = submit(service, "Approved twice?")
    assert not console.project_next_button.isEnabled()  # nothing queued
    assert not console.blank_button.isEnabled()  # nothing on screen
    console.incoming_list.select_id(confession_id)
    assert console.approve_button.isEnabled()
    service.execute(Approve(confession_id))  # the moderator page was faster
    assert not console.approve_button.isEnabled()  # it left the incoming list
    qtbot.waitUntil(console.project_next_button.isEnabled)  # refreshed once a frame
    service.execute(Project(confession_id))
    console.shown_list.select_id(confession_id)
    assert not console.reproject_button.isEnabled()  # it is on screen already
    assert console.blank_button.isEnabled()


def test_session_details_are_applied_or_refused(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    assert not console.details.apply_button.isEnabled()
    console.details.title_edit.clear()
    qtbot.keyClicks(console.details.title_edit, "Friday retro")
    console.details.label_edit.end(False)
    qtbot.keyClicks(console.details.label_edit, "!")
    click(qtbot, console.details.apply_button)
    assert service.session.title == "Friday retro"
    assert service.session.agree_label == "Been there!"
    assert not console.details.apply_button.isEnabled()

    service.update_details("Changed on the moderator page", "", "Been there!")
    assert console.details.title_edit.text() == "Changed on the moderator page"

    console.details.title_edit.clear()
    qtbot.keyClick(console.details.title_edit, Qt.Key.Key_Space)
    click(qtbot, console.details.apply_button)
    assert service.session.title == "Changed on the moderator page"
    assert console.details.error_label.text() == "Please write something first."

    service.update_details("Another change", "", "Been there!")
    assert console.details.title_edit.text() == " "  # unapplied edits are kept


def test_alarm_banner_while_the_store_cannot_save(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, store: Store
) -> None:
    assert not console.alarm_banner.isVisible()
    store._db.execute("PRAGMA query_only = ON")
    try:
        submit(service, "Lost?")
    except StoreUnavailable:
        pass
    else:
        raise AssertionError("the write should have failed")
    assert console.alarm_banner.isVisible()
    assert console.alarm_banner.text().startswith("Cannot save — phones will retry")
    store._db.execute("PRAGMA query_only = OFF")
    submit(service, "Saved after all.")
    assert not console.alarm_banner.isVisible()
    assert console.statusBar().currentMessage() == "Saving works again."


def test_a_failed_write_from_a_button_is_reported(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, store: Store
) -> None:
    confession_id = submit(service, "Approve me while the disk is full.")
    console.incoming_list.select_id(confession_id)
    store._db.execute("PRAGMA query_only = ON")
    click(qtbot, console.approve_button)
    assert console.alarm_banner.isVisible()
    assert console.statusBar().currentMessage().startswith("The laptop cannot save")
    assert console.incoming_list.ids() == [confession_id]
    store._db.execute("PRAGMA query_only = OFF")


def test_status_bar_shows_phones_and_unexpected_errors(
    qtbot: QtBot, console: ConsoleWindow, local: LocalHost
) -> None:
    console.show_error("Something unexpected happened (details in the log).")
    assert console.statusBar().currentMessage().startswith("Something unexpected")
    assert console.phones_label.text() == "0 phones connected now"
    local.feed.set_phones_connected(1)  # the host counts phones for every view
    qtbot.waitUntil(lambda: console.phones_label.text() == "1 phone connected now")
    local.feed.set_phones_connected(41)
    local.feed.set_phones_connected(42)
    qtbot.waitUntil(lambda: console.phones_label.text() == "42 phones connected now")


def test_moderator_link_is_only_copied_never_shown(
    qtbot: QtBot, console: ConsoleWindow, join: JoinLink
) -> None:
    secret_part = join.moderator_url.split("/moderator/")[1]
    for label in console.findChildren(QLabel):
        assert secret_part not in label.text()
    for edit in console.findChildren(QLineEdit):
        assert secret_part not in edit.text()
    for row in range(console.join_panel.address_list.count()):
        assert secret_part not in console.join_panel.address_list.item(row).text()
    click(qtbot, console.join_panel.copy_moderator_button)
    assert QGuiApplication.clipboard().text() == join.moderator_url
    click(qtbot, console.join_panel.copy_join_button)
    assert QGuiApplication.clipboard().text() == join.join_url
    assert console.join_panel.join_url_label.text() == join.join_url
    assert console.join_panel.qr.url() == join.join_url


def test_choosing_another_address_moves_both_windows(
    qtbot: QtBot,
    console: ConsoleWindow,
    projector: ProjectorWindow,
    local: LocalHost,
    join: JoinLink,
) -> None:
    assert console.join_panel.address_list.count() == len(join.candidates)
    assert (
        not console.join_panel.use_address_button.isEnabled()
    )  # the address in use is not a choice
    console.join_panel.address_list.setCurrentRow(1)
    with qtbot.waitSignal(local.mirror.join_changed, timeout=1000) as changed:
        click(qtbot, console.join_panel.use_address_button)
    new_join = changed.args[0]
    assert isinstance(new_join, JoinLink)
    assert new_join.join_url == "http://172.17.0.1:8080/"
    assert new_join.moderator_url == join.moderator_url.replace("192.168.1.23", "172.17.0.1")
    assert console.join_panel.join_url_label.text() == new_join.join_url
    assert console.join_panel.qr.url() == new_join.join_url
    qtbot.waitUntil(lambda: projector.qr.url() == new_join.join_url)
    assert projector.join_label.text() == "172.17.0.1:8080"  # the short form, on one line
    assert local.links.link == new_join  # the host owns the link (and mDNS follows it)
    assert console.statusBar().currentMessage() == f"Phones now join at {new_join.join_url}"


def test_no_address_choice_with_a_single_address(
    qtbot: QtBot, service: SessionService, join: JoinLink
) -> None:
    single = msgspec.structs.replace(join, candidates=join.candidates[:1])
    host = LocalHost(service, single)
    window = ConsoleWindow(host.mirror, host)
    qtbot.addWidget(window)
    window.show()
    assert not window.join_panel.address_list.isVisible()
    assert not window.join_panel.use_address_button.isVisible()
    window.allow_close()


def test_markup_is_shown_literally(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    html = "<b>bold</b> <script>alert(1)</script> &nbsp;"
    confession_id = submit(service, html)  # accepted as typed
    assert console.incoming_list.texts() == [html]
    service.execute(Approve(confession_id))
    service.execute(Project(confession_id))
    assert console.now_text.text() == html
    assert console.up_next.textFormat() == Qt.TextFormat.PlainText


def test_end_session_writes_the_transcript_and_shows_where(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService, tmp_path: Path
) -> None:
    shown = submit(service, "I was the outage.", "Postmortems without blame.")
    service.execute(Approve(shown))
    service.execute(Project(shown))
    submit(service, "Never shown, and forgotten at the end.")
    click(qtbot, console.end_button)
    dialog = console.end_dialog
    assert isinstance(dialog, QMessageBox)
    qtbot.waitUntil(dialog.isVisible)
    assert service.session.is_open  # nothing happens before the confirmation
    # What is kept and what is forgotten, in numbers.
    assert "keeps 1 confession that was shown" in dialog.informativeText()
    assert "Forgotten for good: 1 confession never shown" in dialog.informativeText()
    assert console.end_confirm_button is not None
    qtbot.mouseClick(console.end_confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.end_dialog is None)

    assert not service.session.is_open
    paths = console.ended_panel.transcript_view.toPlainText().splitlines()
    assert [Path(p).suffix for p in paths] == [".md", ".json"]
    assert all(Path(p).is_file() for p in paths)
    assert "I was the outage." in Path(paths[0]).read_text(encoding="utf-8")
    assert console.incoming_list.count() == 0  # unshown ones were deleted
    assert console.shown_list.ids() == [shown]
    for button in (
        console.project_next_button,
        console.approve_button,
        console.details.apply_button,
    ):
        assert not button.isEnabled()
    assert not console.end_button.isVisible()
    assert not console.join_panel.qr.isVisible()  # nobody can join an ended session

    click(qtbot, console.ended_panel.save_transcript_button)
    assert isinstance(console.ended_panel.save_dialog, QFileDialog)
    qtbot.waitUntil(console.ended_panel.save_dialog.isVisible)
    target = tmp_path / "saved" / "retro.md"
    target.parent.mkdir()
    console.ended_panel.save_dialog.selectFile(str(target))
    console.ended_panel.save_dialog.accept()
    assert target.read_text(encoding="utf-8") == Path(paths[0]).read_text(encoding="utf-8")
    assert "Record saved" in console.statusBar().currentMessage()
    for name in ("retro.json", "retro.csv", "retro.html", "retro.pdf", "retro"):
        console.ended_panel.save_transcript_to(tmp_path / "saved" / name)
    saved_json = json.loads((tmp_path / "saved" / "retro.json").read_text(encoding="utf-8"))
    assert saved_json["confessions"][0]["text"] == "I was the outage."
    assert "I was the outage." in (tmp_path / "saved" / "retro.csv").read_text("utf-8-sig")
    assert "I was the outage." in (tmp_path / "saved" / "retro.html").read_text("utf-8")
    (tmp_path / "saved" / "retro.pdf").unlink()
    console.ended_panel.save_transcript_to(tmp_path / "saved" / "retro")  # no suffix: a PDF
    assert (tmp_path / "saved" / "retro.pdf").read_bytes().startswith(b"%PDF-")


def test_cancelling_the_end_keeps_the_session_open(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    click(qtbot, console.end_button)
    dialog = console.end_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    cancel = dialog.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.end_dialog is None)
    assert service.session.is_open
    assert console.end_button.isEnabled()


def test_saving_the_transcript_somewhere_unwritable_is_reported(
    console: ConsoleWindow, service: SessionService, tmp_path: Path
) -> None:
    service.execute(EndSession())
    console.ended_panel.save_transcript_to(tmp_path / "missing-folder" / "x.md")
    assert console.statusBar().currentMessage().startswith("Could not save the record")


def test_closing_asks_whether_to_continue_later(qtbot: QtBot, console: ConsoleWindow) -> None:
    assert not console.close()
    assert console.isVisible()
    assert console.close_dialog is not None and console.close_later_button is not None
    with qtbot.waitSignal(console.close_requested, timeout=1000):
        console.close_later_button.click()
    assert console.isVisible()  # the app closes it once the host has stopped
    console.allow_close()
    assert console.close()


def test_closing_can_end_the_session_first(qtbot: QtBot, console: ConsoleWindow) -> None:
    assert not console.close()
    assert console.close_dialog is not None and console.close_end_button is not None
    with qtbot.waitSignal(console.end_and_close_requested, timeout=1000):
        console.close_end_button.click()


def test_closing_after_the_end_asks_nothing(
    qtbot: QtBot, console: ConsoleWindow, service: SessionService
) -> None:
    service.execute(EndSession())
    with qtbot.waitSignal(console.close_requested, timeout=1000):
        assert not console.close()
    assert console.close_dialog is None


def test_resumed_session_shows_its_state(
    qtbot: QtBot, service: SessionService, join: JoinLink
) -> None:
    waiting = submit(service, "Still waiting.")
    queued = submit(service, "Still queued.")
    service.execute(Approve(queued))
    host = LocalHost(service, join)
    window = ConsoleWindow(host.mirror, host)
    qtbot.addWidget(window)
    assert window.incoming_list.ids() == [waiting]
    assert window.queue_list.ids() == [queued]
    window.allow_close()


def test_a_transcript_that_cannot_be_written_is_reported(
    qtbot: QtBot, store: Store, join: JoinLink, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the transcript folder should be", encoding="utf-8")
    service = SessionService.start_new(store, EventBus(), blocker / "transcripts")
    host = LocalHost(service, join)
    window = ConsoleWindow(host.mirror, host)
    qtbot.addWidget(window)
    window.confirm_end()
    assert window.end_dialog is not None
    assert window.end_confirm_button is not None
    window.end_confirm_button.click()
    assert window.statusBar().currentMessage().startswith("Could not write the transcript")
    # The core writes the transcript first: the session stays open, ending can be retried.
    assert service.session.is_open
    assert window.end_button.isEnabled()
    assert window.end_dialog is None
    window.allow_close()
    host.close()


def test_a_new_session_after_the_end(
    qtbot: QtBot, console: ConsoleWindow, projector: ProjectorWindow, service: SessionService
) -> None:
    submit(service, "From the first session.")
    service.execute(EndSession())
    assert not console.end_button.isVisible()
    click(qtbot, console.ended_panel.new_session_button)
    assert service.session.is_open
    assert console.end_button.isVisible()
    assert console.join_panel.isVisible()
    assert console.incoming_list.count() == 0
    assert projector.is_idle() and projector.qr.isVisible()
    submit(service, "From the second session.")
    assert console.incoming_list.texts() == ["From the second session."]
