"""The facilitator's console: moderate what comes in and drive the big screen.

Biggest on the page is what the room sees now and what comes next. Everything
is driven by the bridge's signals (changes can also come from the moderator web
page), and every change goes through :class:`SessionService`; refusals are shown
in the status bar, never raised. No modal event loop is ever entered: the app
runs on a qasync loop, so dialogs are opened with ``open()`` and signals.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.errors import DomainError, StoreUnavailable, TranscriptNotWritten
from facilitator.core.events import SessionEnded
from facilitator.core.model import Confession, ConfessionState, Projection, SessionInfo
from facilitator.core.moderation import (
    Approve,
    Blank,
    Command,
    EndSession,
    Project,
    ProjectNext,
    Restore,
    SetAside,
)
from facilitator.core.session import SessionService
from facilitator.net.addresses import JoinInfo
from facilitator.ui.bridge import CoreBridge
from facilitator.ui.confession_list import ConfessionList, Entry
from facilitator.ui.console_style import STYLE_SHEET
from facilitator.ui.details_panel import DetailsPanel
from facilitator.ui.ended_panel import EndedPanel
from facilitator.ui.fit_text import Align, FitText
from facilitator.ui.join_panel import JoinPanel
from facilitator.ui.projector import count_caption
from facilitator.ui.projector_screen_picker import ProjectorScreenPicker
from facilitator.ui.widgets import ElidedLabel, card, plain_label, push_button

log = logging.getLogger(__name__)

STATUS_MS = 10_000
COUNT_REFRESH_MS = 150
SIDE_WIDTH = 350
SIDE_MIN_WIDTH = 300
STORE_ALARM = (
    "Cannot save — phones will retry; free disk space or make sure the data folder "
    "is writable. Nothing is lost that phones were told was received."
)


def _learned_detail(confession: Confession) -> str:
    return f"Learned: {confession.learned}" if confession.learned else ""


class ConsoleWindow(QMainWindow):
    """The facilitator's window. See the module docstring.

    ``close_requested`` fires when the facilitator closes the window; the close
    is refused: the app calls :meth:`allow_close` then ``close()`` after shutdown.
    Picking another address for the join link announces the new link through
    ``bridge.join_info_changed``, which the projector follows too. The app moves
    the projector when ``projector_screen.screen_chosen`` fires.
    """

    close_requested = Signal()

    def __init__(
        self,
        service: SessionService,
        bridge: CoreBridge,
        join: JoinInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._bridge = bridge
        self._session = service.session
        self._confessions: dict[int, Confession] = {c.id: c for c in service.confessions()}
        self._projection: Projection | None = service.projection()
        self._closing_allowed = False
        self.end_dialog: QMessageBox | None = None
        self.end_confirm_button: QAbstractButton | None = None
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_REFRESH_MS)
        self._count_timer.timeout.connect(self._refresh_shown)

        self.setObjectName("console")
        self.setStyleSheet(STYLE_SHEET)
        self.setMinimumSize(QSize(1024, 680))
        self.resize(1280, 800)
        self._build(join)
        self._connect_bridge()
        self._refresh_all()
        if not service.store_healthy:
            self._on_store_health(False, "The last save failed.")
        if not self._session.is_open:
            self._show_ended(())

    # Building

    def _build(self, join: JoinInfo) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(14, 10, 14, 6)
        outer.setSpacing(10)
        self.alarm_banner = plain_label(name="alarmBanner")
        self.alarm_banner.setWordWrap(True)
        self.alarm_banner.hide()
        outer.addWidget(self.alarm_banner)
        body = QHBoxLayout()
        body.setSpacing(14)
        main = QVBoxLayout()
        main.setSpacing(12)
        main.addWidget(self._build_now_card(), 5)
        main.addLayout(self._build_lists(), 7)
        body.addLayout(main, 1)
        body.addWidget(self._build_side(join))
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._build_shortcuts()

    def _build_now_card(self) -> QWidget:
        frame, layout = card("nowCard")
        layout.setContentsMargins(0, 0, 0, 0)
        self._now_stack = QStackedWidget()
        self._now_stack.addWidget(self._build_live_page())
        self.ended_panel = EndedPanel()
        self.ended_panel.message.connect(self.show_message)
        self._now_stack.addWidget(self.ended_panel)
        layout.addWidget(self._now_stack)
        return frame

    def _build_live_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        header = QHBoxLayout()
        header.addWidget(plain_label("ON SCREEN NOW", "caption"))
        header.addStretch(1)
        self.now_count = plain_label(name="nowCount")
        header.addWidget(self.now_count)
        layout.addLayout(header)
        self.now_text = FitText(max_px=26, min_px=12, align=Align.LEFT)
        self.now_text.setObjectName("nowText")
        self.now_text.set_secondary_style(ratio=0.7, min_px=12, max_px=17, italic=True)
        self.now_text.setMinimumHeight(70)
        layout.addWidget(self.now_text, 1)
        self.now_empty = plain_label(
            "No confession on screen: the room sees the title and how to join.", "nowEmpty"
        )
        self.now_empty.setWordWrap(True)
        layout.addWidget(self.now_empty, 1)
        controls = QHBoxLayout()
        controls.setSpacing(10)
        self.project_next_button = push_button(
            "Project next  ▶",
            "primary",
            "Put the first confession of the queue on screen (Space or N)",
        )
        self.blank_button = push_button(
            "Blank screen", "", "Take the confession off the screen (B)"
        )
        for button in (self.project_next_button, self.blank_button):
            button.setMinimumHeight(44)
            controls.addWidget(button)
        self.up_next = ElidedLabel(name="upNext")
        controls.addSpacing(8)
        controls.addWidget(self.up_next, 1)
        layout.addLayout(controls)
        self.project_next_button.clicked.connect(lambda: self._run(ProjectNext()))
        self.blank_button.clicked.connect(lambda: self._run(Blank()))
        return page

    def _build_lists(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.incoming_list = ConfessionList("New confessions from phones appear here.")
        self.queue_list = ConfessionList("Approve a confession to queue it for the screen.")
        self.shown_list = ConfessionList("Nothing shown yet.")
        self.aside_list = ConfessionList("Nothing set aside.")
        self.approve_button = push_button("Approve", "go", "Queue it for the screen (Enter)")
        self.set_aside_button = push_button("Set aside", "", "Keep it off the screen (Delete)")
        self.project_button = push_button("Project", "go", "Put the selected one on screen now")
        self.unqueue_button = push_button("Set aside", "", "Take it out of the queue (Delete)")
        self.reproject_button = push_button("Show again", "", "Put it back on the screen")
        self.restore_button = push_button("Restore", "", "Move it back to Incoming")
        self._headers: dict[ConfessionList, tuple[QLabel, str]] = {}
        columns = (
            ("Incoming", self.incoming_list, (self.approve_button, self.set_aside_button)),
            ("Up next", self.queue_list, (self.project_button, self.unqueue_button)),
            ("Shown", self.shown_list, (self.reproject_button,)),
            ("Set aside", self.aside_list, (self.restore_button,)),
        )
        for title, widget, buttons in columns:
            frame, layout = card()
            layout.setContentsMargins(8, 12, 8, 8)
            header = plain_label(title.upper(), "caption")
            self._headers[widget] = (header, title.upper())
            layout.addWidget(header)
            layout.addWidget(widget, 1)
            button_row = QHBoxLayout()
            button_row.setSpacing(6)
            for button in buttons:
                button_row.addWidget(button)
            layout.addLayout(button_row)
            # Widths by stretch alone (columns with two buttons get more), not by content.
            frame.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            row.addWidget(frame, 5 if len(buttons) > 1 else 4)
            widget.selection_changed.connect(self._update_actions)
        self.approve_button.clicked.connect(lambda: self._run_on(self.incoming_list, Approve))
        self.set_aside_button.clicked.connect(lambda: self._run_on(self.incoming_list, SetAside))
        self.project_button.clicked.connect(lambda: self._run_on(self.queue_list, Project))
        self.unqueue_button.clicked.connect(lambda: self._run_on(self.queue_list, SetAside))
        self.reproject_button.clicked.connect(lambda: self._run_on(self.shown_list, Project))
        self.restore_button.clicked.connect(lambda: self._run_on(self.aside_list, Restore))
        return row

    def _build_side(self, join: JoinInfo) -> QWidget:
        self._side = QWidget()
        self._side.setFixedWidth(SIDE_WIDTH)
        layout = QVBoxLayout(self._side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.join_panel = JoinPanel(self._service, self._bridge, join)
        self.join_panel.message.connect(self.show_message)
        layout.addWidget(self.join_panel)
        self.details = DetailsPanel(self._service)
        self.details.message.connect(self.show_message)
        layout.addWidget(self.details)
        layout.addStretch(1)
        self.end_button = push_button(
            "End session…", "danger", "Close the session and write its transcript"
        )
        self.end_button.setMinimumHeight(38)
        self.end_button.clicked.connect(self.confirm_end)
        layout.addWidget(self.end_button)
        return self._side

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        # At the left, where messages cover it for a moment: the console has no height to spare.
        self.projector_screen = ProjectorScreenPicker()
        bar.addWidget(self.projector_screen)
        self.phones_label = plain_label(name="statusItem")
        self.projector_status = plain_label(name="statusItem")
        bar.addPermanentWidget(self.projector_status)
        bar.addPermanentWidget(self.phones_label)
        self._on_phones(self._bridge.phones_connected)

    def _build_shortcuts(self) -> None:
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            approve = QShortcut(QKeySequence(key), self.incoming_list)
            approve.setContext(Qt.ShortcutContext.WidgetShortcut)
            approve.activated.connect(lambda: self._run_on(self.incoming_list, Approve))
        for widget in (self.incoming_list, self.queue_list):
            aside = QShortcut(QKeySequence(Qt.Key.Key_Delete), widget)
            aside.setContext(Qt.ShortcutContext.WidgetShortcut)
            aside.activated.connect(lambda widget=widget: self._run_on(widget, SetAside))
        # Window-wide, but a focused text field keeps its keys (it accepts them first).
        for key in (Qt.Key.Key_Space, Qt.Key.Key_N):
            QShortcut(QKeySequence(key), self).activated.connect(self._project_next_key)
        QShortcut(QKeySequence(Qt.Key.Key_B), self).activated.connect(self._blank_key)

    def _connect_bridge(self) -> None:
        bridge = self._bridge
        bridge.confession_added.connect(self._on_confession)
        bridge.confession_changed.connect(self._on_confession)
        bridge.projection_changed.connect(self._on_projection)
        bridge.agreement_count_changed.connect(self._on_count)
        bridge.session_changed.connect(self._on_session)
        bridge.session_ended.connect(self._on_session_ended)
        bridge.store_health_changed.connect(self._on_store_health)
        bridge.phones_connected_changed.connect(self._on_phones)

    # Public

    def allow_close(self) -> None:
        """Let the next ``close()`` through (the app calls this after shutting down)."""
        self._closing_allowed = True

    def set_projector_status(self, text: str) -> None:
        """Where the projector window is (connect ``ProjectorWindow.placement_changed``)."""
        self.projector_status.setText(text)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    def show_error(self, text: str) -> None:
        """Show an unexpected error (the app has logged it) without interrupting anything."""
        self.statusBar().showMessage(text, 3 * STATUS_MS)

    def confirm_end(self) -> None:
        """Ask (without blocking) whether to end the session; end it on confirmation."""
        if self.end_dialog is not None:
            self.end_dialog.raise_()
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("End the session?")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("End the session now?")
        box.setInformativeText(
            "Phones can no longer send or vote. A transcript of what was shown is "
            "saved; everything that was not shown is deleted."
        )
        self.end_confirm_button = box.addButton("End session", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.buttonClicked.connect(self._on_end_answer)
        box.finished.connect(self._forget_end_dialog)
        self.end_dialog = box
        box.open()

    # Qt

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The side panel gives way first on small screens (1024 wide when mirroring).
        side = max(SIDE_MIN_WIDTH, min(SIDE_WIDTH, round(self.width() * 0.26)))
        self._side.setFixedWidth(side)
        self.join_panel.fit_width(side - 32)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_allowed:
            self._count_timer.stop()
            event.accept()
            return
        event.ignore()
        self.close_requested.emit()

    # Commands

    def _run(self, command: Command) -> bool:
        try:
            self._service.execute(command)
        except DomainError as error:
            self.show_message(error.message)
            return False
        except StoreUnavailable:
            self.show_message("Not saved — nothing changed. Phones will retry.")
            return False
        except TranscriptNotWritten as error:
            self._resync()
            self.show_message(f"Could not write the transcript: {error.reason}")
            return False
        return True

    def _run_on(
        self, widget: ConfessionList, command: type[Approve | SetAside | Restore | Project]
    ) -> None:
        confession_id = widget.selected_id()
        if confession_id is None:
            self.show_message("Select a confession first.")
            return
        self._run(command(confession_id))

    def _project_next_key(self) -> None:
        if self._session.is_open:
            self._run(ProjectNext())

    def _blank_key(self) -> None:
        if self._session.is_open and self._projection is not None:
            self._run(Blank())

    def _resync(self) -> None:
        """Read everything again from the service (after a failure left events unsent)."""
        self._session = self._service.session
        self._confessions = {c.id: c for c in self._service.confessions()}
        self._projection = self._service.projection() if self._session.is_open else None
        self._refresh_all()

    # Reacting to the core

    def _on_confession(self, confession: Confession) -> None:
        self._confessions[confession.id] = confession
        self._refresh_lists()

    def _on_projection(self, projection: Projection | None) -> None:
        self._projection = projection
        self._refresh_now()
        self._refresh_shown()
        self._update_actions()

    def _on_count(self, confession_id: int, count: int) -> None:
        confession = self._confessions.get(confession_id)
        if confession is not None:
            self._confessions[confession_id] = replace(confession, agreement_count=count)
        current = self._projection
        if current is not None and current.confession_id == confession_id:
            self._projection = replace(current, agreement_count=count)
            self.now_count.setText(count_caption(self._session.agree_label, count))
        if not self._count_timer.isActive():  # the Shown list: at most a few times a second
            self._count_timer.start()

    def _on_session(self, session: SessionInfo) -> None:
        self._session = session
        self._refresh_all()

    def _on_session_ended(self, event: SessionEnded) -> None:
        self._session = event.session
        # Unshown confessions were deleted: show what is left.
        self._confessions = {c.id: c for c in self._service.confessions()}
        self._projection = None
        self._refresh_all()
        self._show_ended(event.transcript_paths)

    def _on_store_health(self, healthy: bool, detail: str) -> None:
        if healthy:
            self.alarm_banner.hide()
            self.show_message("Saving works again.")
        else:
            self.alarm_banner.setText(f"{STORE_ALARM}\nDetails: {detail}")
            self.alarm_banner.show()

    def _on_phones(self, count: int) -> None:
        self.phones_label.setText(
            "1 phone connected" if count == 1 else f"{count} phones connected"
        )

    # Drawing

    def _refresh_all(self) -> None:
        self.setWindowTitle(f"Confessional — {self._session.title}")
        self.details.show_session(self._session)
        self._refresh_lists()
        self._refresh_now()

    def _by_state(self, state: ConfessionState) -> list[Confession]:
        return [c for c in self._confessions.values() if c.state is state]

    def _refresh_lists(self) -> None:
        incoming = sorted(self._by_state(ConfessionState.INCOMING), key=lambda c: c.id)
        queue = sorted(
            self._by_state(ConfessionState.APPROVED), key=lambda c: (c.queue_position or 0, c.id)
        )
        aside = sorted(self._by_state(ConfessionState.SET_ASIDE), key=lambda c: c.id)
        self.incoming_list.set_entries([Entry(c.id, c.text, _learned_detail(c)) for c in incoming])
        self.queue_list.set_entries([Entry(c.id, c.text, _learned_detail(c)) for c in queue])
        self.aside_list.set_entries([Entry(c.id, c.text, _learned_detail(c)) for c in aside])
        self._refresh_shown()
        for widget, (header, title) in self._headers.items():
            header.setText(f"{title}  {widget.count()}" if widget.count() else title)
        if not self._session.is_open:
            self.up_next.set_full_text("")
        elif queue:
            self.up_next.set_full_text("Next: " + " ".join(queue[0].text.split()))
        else:
            self.up_next.set_full_text("Queue is empty: approve a confession to show it next.")
        self._update_actions()

    def _refresh_shown(self) -> None:
        shown = sorted(
            self._by_state(ConfessionState.SHOWN), key=lambda c: (c.shown_order or 0, c.id)
        )
        current = self._projection.confession_id if self._projection else None
        label = self._session.agree_label
        self.shown_list.set_entries(
            [
                Entry(c.id, c.text, count_caption(label, c.agreement_count), c.id == current)
                for c in shown
            ]
        )

    def _refresh_now(self) -> None:
        projection = self._projection
        self.now_text.setVisible(projection is not None)
        self.now_empty.setVisible(projection is None)
        if projection is None:
            self.now_count.setText("")
            return
        self.now_text.setText(projection.text)
        learned = f"What I learned: {projection.learned}" if projection.learned else ""
        self.now_text.set_secondary_text(learned)
        self.now_count.setText(count_caption(self._session.agree_label, projection.agreement_count))

    def _update_actions(self) -> None:
        open_ = self._session.is_open
        current = self._projection.confession_id if self._projection else None
        incoming = self.incoming_list.selected_id()
        queued = self.queue_list.selected_id()
        shown = self.shown_list.selected_id()
        self.approve_button.setEnabled(open_ and incoming is not None)
        self.set_aside_button.setEnabled(open_ and incoming is not None)
        self.project_button.setEnabled(open_ and queued is not None)
        self.unqueue_button.setEnabled(open_ and queued is not None)
        self.reproject_button.setEnabled(open_ and shown is not None and shown != current)
        self.restore_button.setEnabled(open_ and self.aside_list.selected_id() is not None)
        self.project_next_button.setEnabled(open_ and self.queue_list.count() > 0)
        self.blank_button.setEnabled(open_ and current is not None)
        self.end_button.setEnabled(open_)

    # Ending

    def _on_end_answer(self, button: QAbstractButton) -> None:
        if button is self.end_confirm_button:
            self._run(EndSession())

    def _forget_end_dialog(self) -> None:
        if self.end_dialog is not None:
            self.end_dialog.deleteLater()
        self.end_dialog = None

    def _show_ended(self, transcript_paths: tuple[str, ...]) -> None:
        shown = len(self._by_state(ConfessionState.SHOWN))
        self.ended_panel.show_ended(self._session, shown, transcript_paths)
        self._now_stack.setCurrentWidget(self.ended_panel)
        self.end_button.hide()
        self.join_panel.hide()  # phones can no longer join
        self._update_actions()
