"""The facilitator's console: moderate what comes in and drive the big screen.

Biggest on the page is what the room sees now and what comes next. The console
is a client of the session host: it shows the :class:`SessionMirror` (changes can
also come from moderator pages) and sends every change as a protocol command;
refusals come back and are shown in the status bar, never raised. No modal event
loop is ever entered: the app runs on a qasync loop, so dialogs are opened with
``open()`` and signals.

Beside *Project next* are the slides the room sees instead of a confession
(``screen_controls.py``: B join slide, . black, P break, C closing); the card's header
has the timers (``timers.py``); R switches the big card between the selected
confession's editor and the one on screen, to read aloud (``read_aloud.py``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.protocol.commands import (
    Approve,
    ApproveMany,
    Command,
    CountShared,
    EndSession,
    NewSession,
    Project,
    ProjectNext,
    Remove,
    Restore,
    SetAside,
    SetAsideMany,
    Undo,
)
from facilitator.protocol.moderator import (
    Item,
    ItemKind,
    ItemState,
    JoinLink,
    Room,
    SessionDetails,
    UndoOffer,
)
from facilitator.ui.address_notice import AddressNotice
from facilitator.ui.awake_note import AwakeNote
from facilitator.ui.confession_list import (
    CONTENT_NOTE_BADGE,
    ConfessionList,
    Entry,
    SortKey,
    content_note_badge,
    with_badge,
)
from facilitator.ui.console_style import STYLE_SHEET
from facilitator.ui.details_panel import DetailsPanel
from facilitator.ui.ended_panel import EndedPanel
from facilitator.ui.first_run_guide import FirstRunGuide
from facilitator.ui.fit_text import Align, FitText
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.item_editor import ItemEditor
from facilitator.ui.join_panel import JoinPanel
from facilitator.ui.lane_bursts import LaneBursts
from facilitator.ui.lane_search import IncomingOrder, LaneSearch, fold
from facilitator.ui.like_groups import LikeGroups
from facilitator.ui.logo_client import LogoPort
from facilitator.ui.merge_view import MergeView
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.organisers_lane import LastColumn, OrganisersLane
from facilitator.ui.phones_network import PhonesNetwork
from facilitator.ui.projector import count_caption
from facilitator.ui.projector_screen_picker import ProjectorScreenPicker
from facilitator.ui.queue_moves import QueueList
from facilitator.ui.read_aloud import READ_ALOUD_KEY, ReadAloudView
from facilitator.ui.rehearsal_control import RehearsalControl
from facilitator.ui.replies import ApprovedReplies
from facilitator.ui.replies_panel import RepliesPanel, helped_shown_text
from facilitator.ui.room_banner import (
    SET_APART_COUNT_TIP,
    RoomBanner,
    WaitingLabel,
    set_apart_text,
)
from facilitator.ui.screen_controls import ScreenControls
from facilitator.ui.session_choices import BATCHING_TIP, SessionChoices, batching_note
from facilitator.ui.session_setup import SessionSetupDialog
from facilitator.ui.timers import SessionTimers
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.undo_text import undo_text
from facilitator.ui.widgets import ElidedLabel, card, plain_label, push_button
from facilitator.ui.word_lists_dialog import WordListsDialog

log = logging.getLogger(__name__)

STATUS_MS = 10_000
COUNT_REFRESH_MS = 150
DERIVED_REFRESH_MS = 16  # lane counts, "Next:", buttons: at most once a frame
SIDE_WIDTH = 350
SIDE_MIN_WIDTH = 300
STORE_ALARM = QT_TRANSLATE_NOOP(
    "ConsoleWindow",
    "Cannot save — phones will retry; free disk space or make sure the data folder "
    "is writable. Nothing is lost that phones were told was received.",
)


UNDO_BUTTON_WIDTH = 260
# The card's words while no confession is on screen, by the slide the room sees instead.
NOTHING_ON_SCREEN = {
    "join": QT_TRANSLATE_NOOP(
        "ConsoleWindow", "No confession on screen: the room sees the title and how to join."
    ),
    "black": QT_TRANSLATE_NOOP(
        "ConsoleWindow", "No confession on screen: the big screen is black."
    ),
    "break": QT_TRANSLATE_NOOP(
        "ConsoleWindow", "No confession on screen: the room sees the break slide."
    ),
    "closing": QT_TRANSLATE_NOOP(
        "ConsoleWindow", "No confession on screen: the room sees the closing slide."
    ),
}
NOW_NOTE = CONTENT_NOTE_BADGE  # as in the lanes (content_note_badge())
NOW_NOTE_TIP = QT_TRANSLATE_NOOP(
    "ConsoleWindow",
    "Content note: the room was warned first and sees no count; the count here is for you",
)
UP_NEXT_MIN_WIDTH = 110  # "Next: I forwar…" stays readable at 1024 wide
REMOVED_CAPTION = QT_TRANSLATE_NOOP(
    "ConsoleWindow", "Removed from the record (Put back restores it)"
)
# Removed items stay in the Shown lane until the session ends, so that they can be put back;
# merged ones leave the lanes (their votes count for the one kept).
LANE_OF_STATE = {
    ItemState.INCOMING: ItemState.INCOMING,
    ItemState.APPROVED: ItemState.APPROVED,
    ItemState.SHOWN: ItemState.SHOWN,
    ItemState.REMOVED: ItemState.SHOWN,
    ItemState.SET_ASIDE: ItemState.SET_ASIDE,
    ItemState.FOR_ORGANISERS: ItemState.FOR_ORGANISERS,
}


# A reply ("what helped") is moderated in Incoming and Set aside like a confession; once
# approved it is shown under its confession, never in Up next, so it leaves the lanes.
REPLY_LANES = frozenset({ItemState.INCOMING, ItemState.SET_ASIDE})


def lane_state(item: Item) -> ItemState | None:
    """The state whose lane lists ``item``, or ``None`` when it is in none."""
    if item.kind is ItemKind.REPLY and item.state not in REPLY_LANES:
        return None
    return LANE_OF_STATE.get(item.state)


def reply_caption(item: Item) -> str:
    if item.kind is not ItemKind.REPLY:
        return ""
    return translate("ConsoleWindow", "↳ What helped, for #{number}").format(number=item.parent_id)


Counts = tuple[int, int]  # the public count, and the agreements set apart beside it


def count_line(agree_label: str, counts: Counts) -> str:
    """A Shown row's count: the public one first, what is set apart after it (without the
    agree label then: the line fits a narrow lane)."""
    count, set_apart = counts
    if set_apart:
        return f"{count} · {set_apart_text(set_apart)}"
    return count_caption(agree_label, count)


def phones_connected_text(count: int) -> str:
    """The status bar's count of phones (``phones_connected``): those connected now, which
    is not how many joined this session."""
    return translate("ConsoleWindow", "%n phones connected now", None, count)


def _many(action: str, selected: int) -> str:
    """A lane button's label: "Approve", or "Approve 12" with several selected."""
    return f"{action} {selected}" if selected > 1 else action


def _joined(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _learned_detail(confession: Item) -> str:
    if not confession.learned:
        return ""
    return translate("ConsoleWindow", "Learned: {text}").format(text=confession.learned)


def _sort_key(confession: Item, incoming: IncomingOrder = IncomingOrder.ARRIVAL) -> SortKey:
    """Where ``confession`` goes in its lane: Incoming by arrival (or by length, shortest
    first, when chosen), Set aside by arrival, Up next by queue position, Shown (and
    removed) by the order shown."""
    if confession.state == ItemState.INCOMING and incoming is IncomingOrder.LENGTH:
        return (len(confession.text), confession.id)
    if confession.state == ItemState.APPROVED:
        return (confession.queue_position or 0, confession.id)
    if confession.state in (ItemState.SHOWN, ItemState.REMOVED):
        return (confession.shown_order or 0, confession.id)
    return (confession.id,)


def lane_button(text: str, name: str, tip: str) -> QPushButton:
    """A lane's button: narrow padding, its text cut with "…" when the lane is narrower."""
    button = push_button(text, name, tip, elide=True)
    button.setProperty("lane", True)
    return button


def _lane_page(column: QVBoxLayout) -> tuple[QWidget, QVBoxLayout]:
    """A page of its own for a lane that shares its column, and the layout to fill."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(column.spacing())
    return page, layout


class ConsoleWindow(QMainWindow):
    """The facilitator's window. See the module docstring.

    Closing the window asks whether to continue later (``close_requested``) or to
    end the session first (``end_and_close_requested``); the close itself is
    refused: the app calls :meth:`allow_close` then ``close()`` after shutdown.
    The app moves the projector when ``projector_screen.screen_chosen`` fires.
    """

    close_requested = Signal()
    end_and_close_requested = Signal()
    library_requested = Signal()  # the app opens the session library (it knows the data dir)

    def __init__(
        self,
        mirror: SessionMirror,
        commands: CommandPort,
        parent: QWidget | None = None,
        *,
        logos: LogoPort | None = None,
    ) -> None:
        """``logos``: where the set-up dialog uploads a logo (the app's connection)."""
        super().__init__(parent)
        assert mirror.ready and mirror.session is not None and mirror.join is not None
        self._mirror = mirror
        self._commands = commands
        self._logos = logos
        self._session: SessionDetails = mirror.session
        self._confessions: dict[int, Item] = dict(mirror.items)
        self._projection: Item | None = mirror.projection()
        self._folded: dict[int, tuple[tuple[str, str], str]] = {}  # id -> (text, lesson), folded
        self._closing_allowed = False
        self.close_dialog: QMessageBox | None = None
        self.close_later_button: QAbstractButton | None = None
        self.close_end_button: QAbstractButton | None = None
        self.end_dialog: QMessageBox | None = None
        self.word_lists_dialog: WordListsDialog | None = None
        self.guide: FirstRunGuide | None = None
        self.merge_view: MergeView | None = None
        self.choices_dialog: SessionChoices | None = None
        self.setup_dialog: SessionSetupDialog | None = None
        self._replies = ApprovedReplies(mirror, self)  # what helped, shown under confessions
        self._likes = LikeGroups()  # "≈ 3 alike" and "merged from 2", row by row
        self._bursts = LaneBursts(self._reread_lane, self)  # a bulk action: lanes re-read once
        self.end_confirm_button: QAbstractButton | None = None
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_REFRESH_MS)
        self._count_timer.timeout.connect(self._refresh_shown)

        self.setObjectName("console")
        self.setStyleSheet(STYLE_SHEET)
        self.setMinimumSize(QSize(1024, 680))
        self.resize(1280, 800)
        self._build(mirror.join)
        self._connect_mirror()
        self._refresh_all()
        if not mirror.store_healthy:
            self._on_store_health(False, mirror.store_detail or self.tr("The last save failed."))
        if not self._session.is_open:
            self._show_ended(mirror.transcript_paths)

    # Building

    def _build(self, join: JoinLink) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(14, 10, 14, 6)
        outer.setSpacing(10)
        self.host_banner = plain_label(name="alarmBanner")
        self.host_banner.setWordWrap(True)
        self.host_banner.hide()
        outer.addWidget(self.host_banner)
        self.alarm_banner = plain_label(name="alarmBanner")
        self.alarm_banner.setWordWrap(True)
        self.alarm_banner.hide()
        outer.addWidget(self.alarm_banner)
        self.room_banner = RoomBanner()
        self.room_banner.count_requested.connect(lambda counted: self._run(CountShared(counted)))
        outer.addWidget(self.room_banner)
        self.address_notice = AddressNotice(self._mirror)  # the laptop's address changed
        outer.addWidget(self.address_notice)
        body = QHBoxLayout()
        body.setSpacing(14)
        main = QVBoxLayout()
        main.setSpacing(10)
        # By stretch alone (the cards' contents would claim more): the screen, the selected
        # confession to read and edit, and the lanes.
        now_card = self._build_now_card()
        self.editor = ItemEditor(self._commands)
        self.editor.message.connect(self.show_message)
        self.editor.draft_changed.connect(self._on_draft_changed)
        self.merge_button = push_button(
            self.tr("Merge alike…"),
            "",
            self.tr("Merge the confessions very like this one into one (Ctrl+G)"),
        )
        self.merge_button.clicked.connect(self.open_merge)
        self.merge_button.hide()
        self.editor.header_row.addWidget(self.merge_button)
        self.replies_panel = RepliesPanel()
        self.replies_panel.set_aside_requested.connect(lambda i: self._run(SetAside(i)))
        self.editor.add_panel(self.replies_panel)
        self.editor.item_shown.connect(self._refresh_replies)
        self.read_aloud = ReadAloudView()  # R: the confession on screen, big, instead
        self._big_card = QStackedWidget()
        self._big_card.addWidget(self.editor)
        self._big_card.addWidget(self.read_aloud)
        now_card.setMinimumHeight(130)
        self._big_card.setMinimumHeight(200)
        for widget in (now_card, self._big_card, self.editor, self.read_aloud):
            widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        main.addWidget(now_card, 5)
        main.addWidget(self._big_card, 9)
        main.addLayout(self._build_lists(), 11)
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
        self.ended_panel.new_session_requested.connect(lambda: self._run(NewSession()))
        self._now_stack.addWidget(self.ended_panel)
        layout.addWidget(self._now_stack)
        return frame

    def _build_live_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(4)
        header = QHBoxLayout()
        header.addWidget(plain_label(self.tr("ON SCREEN NOW"), "caption"))
        header.addSpacing(10)
        self.timers = SessionTimers(self._mirror)  # the confession's time, the session's
        header.addWidget(self.timers)
        header.addStretch(1)
        self.now_note = plain_label(
            content_note_badge(), "nowNote"
        )  # the room is warned, sees no count
        self.now_note.setToolTip(self.tr(NOW_NOTE_TIP))
        self.now_note.hide()
        header.addWidget(self.now_note)
        self.now_count = plain_label(name="nowCount")
        header.addWidget(self.now_count)
        self.now_set_apart = plain_label(name="nowSetApart")
        self.now_set_apart.setToolTip(SET_APART_COUNT_TIP)
        header.addWidget(self.now_set_apart)
        self.now_helped = push_button(
            "",
            "nowHelped",
            self.tr("Approved replies shown under it: select it to see or set them aside"),
        )
        self.now_helped.clicked.connect(self._select_projection)
        header.insertWidget(header.indexOf(self.now_count), self.now_helped)
        layout.addLayout(header)
        body = QHBoxLayout()
        body.setSpacing(12)
        left = QVBoxLayout()
        left.setSpacing(4)
        body.addLayout(left, 1)
        self.screen_controls = ScreenControls(self._commands)  # the slides, beside the rest
        self.screen_controls.message.connect(self.show_message)
        body.addWidget(self.screen_controls, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(body, 1)
        self.now_text = FitText(max_px=20, min_px=11, align=Align.LEFT)
        self.now_text.setObjectName("nowText")
        self.now_text.set_secondary_style(ratio=0.75, min_px=11, max_px=15, italic=True)
        self.now_text.setMinimumHeight(40)
        left.addWidget(self.now_text, 1)
        self.now_empty = plain_label(self.tr(NOTHING_ON_SCREEN["join"]), "nowEmpty")
        self.now_empty.setWordWrap(True)
        left.addWidget(self.now_empty, 1)
        controls = QHBoxLayout()
        controls.setSpacing(10)
        self.project_next_button = push_button(
            self.tr("Project next  ▶"),
            "primary",
            self.tr("Put the first confession of the queue on screen (Space or N)"),
        )
        self.blank_button = self.screen_controls.buttons["join"]  # blank: the join slide
        self.project_next_button.setMinimumHeight(38)
        controls.addWidget(self.project_next_button)
        self.up_next = ElidedLabel(name="upNext")
        self.up_next.setMinimumWidth(UP_NEXT_MIN_WIDTH)
        controls.addSpacing(4)
        controls.addWidget(self.up_next, 1)
        self.undo_button = push_button(
            self.tr("Undo"),
            "",
            self.tr("Take back the last moderation action (Ctrl+Z)"),
            elide=True,
        )
        self.undo_button.setMinimumHeight(38)
        self.undo_button.setMaximumWidth(UNDO_BUTTON_WIDTH)
        controls.addWidget(self.undo_button)
        left.addLayout(controls)
        self.project_next_button.clicked.connect(self._project_next)
        self.undo_button.clicked.connect(self._undo)
        return page

    def _build_lists(self) -> QVBoxLayout:
        lanes = QVBoxLayout()
        lanes.setSpacing(6)
        self.search = LaneSearch()
        self.search.words_changed.connect(self._on_search)
        self.search.order_changed.connect(self._on_incoming_order)
        lanes.addWidget(self.search)
        row = QHBoxLayout()
        row.setSpacing(10)
        lanes.addLayout(row, 1)
        self.incoming_list = ConfessionList(self.tr("New confessions from phones appear here."))
        self.queue_list = QueueList(self.tr("Approve a confession to queue it for the screen."))
        self.queue_list.move_requested.connect(self._run)
        self.organisers = OrganisersLane()
        self.organisers_list = self.organisers.list
        self.shown_list = ConfessionList(self.tr("Nothing shown yet."))
        self.aside_list = ConfessionList(self.tr("Nothing set aside."))
        # Lane buttons give way (their text cut with "…") rather than run out of a narrow lane.
        self.approve_button = lane_button(
            self.tr("Approve"), "go", self.tr("Queue it for the screen (Enter)")
        )
        self.set_aside_button = lane_button(
            self.tr("Set aside"), "", self.tr("Keep it off the screen (Delete)")
        )
        self.project_button = lane_button(
            self.tr("Project"), "go", self.tr("Put the selected one on screen now")
        )
        self.unqueue_button = lane_button(
            self.tr("Set aside"), "", self.tr("Take it out of the queue (Delete)")
        )
        self.reproject_button = lane_button(
            self.tr("Show"), "", self.tr("Put it on the screen again")
        )
        self.remove_button = lane_button(
            self.tr("Remove"), "", self.tr("Take it off the screen and out of the record (Delete)")
        )
        self.restore_button = lane_button(
            self.tr("Restore"), "", self.tr("Move it back to Incoming")
        )
        self.waiting_label = WaitingLabel()
        self._headers: dict[ConfessionList, tuple[QLabel, str]] = {}
        columns = (
            (self.tr("Incoming"), self.incoming_list, (self.approve_button, self.set_aside_button)),
            (self.tr("Up next"), self.queue_list, (self.project_button, self.unqueue_button)),
            (self.tr("Shown"), self.shown_list, (self.reproject_button, self.remove_button)),
            (self.tr("Set aside", "lane"), self.aside_list, (self.restore_button,)),
        )
        for title, widget, buttons in columns:
            frame, layout = card()
            layout.setContentsMargins(8, 12, 8, 8)
            page, lane = _lane_page(layout) if widget is self.aside_list else (frame, layout)
            header = plain_label(title.upper(), "caption")
            self._headers[widget] = (header, title.upper())
            lane.addWidget(header)
            if widget is self.incoming_list:
                lane.addWidget(self.waiting_label)
            lane.addWidget(widget, 1)
            button_row = QHBoxLayout()
            button_row.setSpacing(6)
            for button in buttons:
                button_row.addWidget(button)
            lane.addLayout(button_row)
            if widget is self.aside_list:  # shares its column with the organisers' lane
                self.last_column = LastColumn(page, self.organisers, lane)
                layout.addWidget(self.last_column, 1)
            # Widths by stretch alone (columns with two buttons get more), not by content.
            frame.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            row.addWidget(frame, 5 if len(buttons) > 1 else 4)
            widget.selection_changed.connect(lambda widget=widget: self._on_selection(widget))
        self._headers[self.organisers_list] = (self.organisers.header, self.tr("ORGANISERS ONLY"))
        self.organisers_list.selection_changed.connect(
            lambda: self._on_selection(self.organisers_list)
        )
        for widget in (self.incoming_list, self.queue_list):
            widget.set_multi_select(True)  # bulk approve / set aside
        self.approve_button.clicked.connect(lambda: self._run_on(self.incoming_list, Approve))
        self.set_aside_button.clicked.connect(lambda: self._run_on(self.incoming_list, SetAside))
        self.project_button.clicked.connect(lambda: self._run_on(self.queue_list, Project))
        self.unqueue_button.clicked.connect(lambda: self._run_on(self.queue_list, SetAside))
        self.reproject_button.clicked.connect(lambda: self._run_on(self.shown_list, Project))
        self.remove_button.clicked.connect(self._remove_or_put_back)
        self.restore_button.clicked.connect(lambda: self._run_on(self.aside_list, Restore))
        self._lanes: dict[ItemState, ConfessionList] = {
            ItemState.INCOMING: self.incoming_list,
            ItemState.APPROVED: self.queue_list,
            ItemState.SHOWN: self.shown_list,
            ItemState.SET_ASIDE: self.aside_list,
            ItemState.FOR_ORGANISERS: self.organisers_list,
        }
        self._listed: dict[int, Item] | None = None  # what the lists were filled from
        self._listed_label = ""  # the agree label of the Shown list's counts
        self._counts: dict[int, Counts] = {}  # counts newer than the confession values held
        self._counts_dirty: set[int] = set()  # Shown rows whose count line is behind
        self._marked: int | None = None  # the Shown row marked as on screen
        self._derived_timer = QTimer(self)
        self._derived_timer.setSingleShot(True)
        self._derived_timer.setInterval(DERIVED_REFRESH_MS)
        self._derived_timer.timeout.connect(self._refresh_derived)
        return lanes

    def _build_side(self, join: JoinLink) -> QWidget:
        self._side = QWidget()
        self._side.setFixedWidth(SIDE_WIDTH)
        layout = QVBoxLayout(self._side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.join_panel = JoinPanel(self._mirror, self._commands, join)
        self.join_panel.message.connect(self.show_message)
        layout.addWidget(self.join_panel)
        self.phones_network = PhonesNetwork(self._mirror)  # the Wi-Fi, the sheet for IT
        self.phones_network.message.connect(self.show_message)
        layout.addWidget(self.phones_network)
        self.details = DetailsPanel(self._commands, self._session)
        self.details.message.connect(self.show_message)
        self.choices_button = push_button(
            self.tr("Choices…"),
            "",
            self.tr(
                "Organisers-only confessions in the record, timing privacy, the big screen's "
                "look and the projector page's link"
            ),
        )
        self.choices_button.clicked.connect(self.open_choices)
        self.details.add_button(self.choices_button)
        layout.addWidget(self.details)
        self.word_lists_button = push_button(
            self.tr("Word lists…"),
            "",
            self.tr("Local names and watch words that flag a confession"),
        )
        self.word_lists_button.clicked.connect(self.open_word_lists)
        self.guide_button = push_button(
            self.tr("Getting started…"),
            "",
            self.tr("The projector, phones, a rehearsal, the session, the end"),
        )
        self.guide_button.clicked.connect(self.open_guide)
        self.library_button = push_button(
            self.tr("Past sessions…"),
            "",
            self.tr("Read, save or gather the records of ended sessions"),
        )
        self.library_button.clicked.connect(self.library_requested)
        self.setup_button = push_button(
            self.tr("Set up session…"),
            "",
            self.tr("House rules, the form, language, colour, warm-ups, a file"),
        )
        self.setup_button.clicked.connect(self.open_setup)
        for left, right in (
            (self.word_lists_button, self.guide_button),
            (self.setup_button, self.library_button),
        ):
            row = QHBoxLayout()
            row.setSpacing(8)
            row.addWidget(left, 1)
            row.addWidget(right, 1)
            layout.addLayout(row)
        self.rehearsal = RehearsalControl(self._mirror, self._commands)
        self.rehearsal.message.connect(self.show_message)
        layout.addWidget(self.rehearsal)
        layout.addStretch(1)
        self.end_button = push_button(
            self.tr("End session…"), "danger", self.tr("Close the session and write its transcript")
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
        self.phones_label.setToolTip(
            self.tr(
                "Phones of the room with their live connection open: this laptop's own browser "
                "is not counted, a rehearsal's simulated phones are"
            )
        )
        self.projector_status = plain_label(name="statusItem")
        self.host_status = plain_label(name="statusItem")
        self.batching_label = plain_label(name="statusItem")
        self.batching_label.setToolTip(translate("SessionChoices", BATCHING_TIP))
        self.awake_note = AwakeNote(self._mirror, bar)  # the width left over
        bar.addPermanentWidget(self.awake_note, 1)
        bar.addPermanentWidget(self.batching_label)
        bar.addPermanentWidget(self.projector_status)
        bar.addPermanentWidget(self.phones_label)
        bar.addPermanentWidget(self.host_status)
        self._on_phones(self._mirror.phones_connected)

    def _build_shortcuts(self) -> None:
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            approve = QShortcut(QKeySequence(key), self.incoming_list)
            approve.setContext(Qt.ShortcutContext.WidgetShortcut)
            approve.activated.connect(lambda: self._run_on(self.incoming_list, Approve))
        for widget in (self.incoming_list, self.queue_list):
            aside = QShortcut(QKeySequence(Qt.Key.Key_Delete), widget)
            aside.setContext(Qt.ShortcutContext.WidgetShortcut)
            aside.activated.connect(lambda widget=widget: self._run_on(widget, SetAside))
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.shown_list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_or_put_back)
        # Window-wide, but a focused text field keeps its keys (it accepts them first).
        for key in (Qt.Key.Key_Space, Qt.Key.Key_N):
            QShortcut(QKeySequence(key), self).activated.connect(self._project_next_key)
        self.screen_controls.install_shortcuts(self)  # B join slide, . black, P break, C closing
        read_aloud = QShortcut(QKeySequence(READ_ALOUD_KEY), self)
        read_aloud.activated.connect(self.toggle_read_aloud)
        QShortcut(QKeySequence(Qt.Key.Key_E), self).activated.connect(self._edit_key)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.search.focus_field)
        QShortcut(QKeySequence("Ctrl+G"), self).activated.connect(self.open_merge)
        # A focused text field undoes its own typing first (it takes Ctrl+Z before this).
        QShortcut(QKeySequence.StandardKey.Undo, self).activated.connect(self._undo)

    def _connect_mirror(self) -> None:
        mirror = self._mirror
        mirror.reset.connect(self._on_reset)
        mirror.item_added.connect(self._on_confession)
        mirror.item_changed.connect(self._on_confession)
        mirror.item_removed.connect(self._on_removed)
        mirror.projection_changed.connect(self._on_projection)
        mirror.count_changed.connect(self._on_count)
        mirror.session_changed.connect(self._on_session)
        mirror.session_ended.connect(self._show_ended)
        mirror.store_changed.connect(self._on_store_health)
        mirror.phones_changed.connect(self._on_phones)
        mirror.undo_changed.connect(self._on_undo_changed)
        mirror.room_changed.connect(self._on_room)
        mirror.join_changed.connect(self._on_join)
        self._replies.changed.connect(self._refresh_replies)

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

    def set_host_connected(self, connected: bool) -> None:
        """Whether the connection to the session host is up (the app follows it)."""
        self.host_status.setText("" if connected else self.tr("Reconnecting to the session host…"))
        if connected:
            self.host_banner.hide()

    def show_host_alarm(self, text: str) -> None:
        """The session host stopped (and is being restarted): say so until it is back."""
        self.host_banner.setText(text)
        self.host_banner.show()

    def open_word_lists(self) -> None:
        """The organisers' lists, edited in a dialog that does not block the console."""
        if self.word_lists_dialog is not None:
            self.word_lists_dialog.raise_()
            return
        dialog = WordListsDialog(self._commands, self._mirror.word_lists, self)
        dialog.message.connect(self.show_message)
        self._keep_open("word_lists_dialog", dialog)

    def open_guide(self) -> None:
        """The first-run guide (the app opens it by itself once), without blocking."""
        if self.guide is not None:
            self.guide.raise_()
            return
        guide = FirstRunGuide(self)
        guide.connect_help_requested.connect(self.phones_network.open_connect_help)
        self._keep_open("guide", guide)

    def open_merge(self) -> None:
        """The merge view for the selected confession's like group (not blocking)."""
        selected = self._selected_id()
        alike = [] if selected is None else self._likes.alike(selected)
        if selected is None or not alike or not self._session.is_open:
            self.show_message(self.tr("Select a confession marked “≈ alike” to merge its group."))
            return
        if self.merge_view is not None:
            self.merge_view.close()
        group = [self._confessions[i] for i in (selected, *alike) if i in self._confessions]
        current = self._projection.id if self._projection else None
        view = MergeView(self._commands, group, selected, current, self)
        view.message.connect(self.show_message)
        self._keep_open("merge_view", view)

    def open_choices(self) -> None:
        """The session's privacy choices (not blocking)."""
        if self.choices_dialog is not None:
            self.choices_dialog.raise_()
            return
        arrived = self._confessions_arrived()
        join_url = self.join_panel.join().join_url
        dialog = SessionChoices(self._commands, self._session, arrived, join_url, self)
        dialog.message.connect(self.show_message)
        self._keep_open("choices_dialog", dialog)

    def open_setup(self) -> None:
        """The session's set-up, warm-ups and closing note (not blocking)."""
        if self.setup_dialog is not None:
            self.setup_dialog.raise_()
            return
        dialog = SessionSetupDialog(self._commands, self._session, self, logos=self._logos)
        dialog.message.connect(self.show_message)
        self._keep_open("setup_dialog", dialog)

    def _confessions_arrived(self) -> bool:
        """Whether any confession reached the host yet (kept, withdrawn or still waiting)."""
        withdrawn, waiting = self._session.withdrawn_count, self._mirror.room.waiting
        return bool(self._confessions) or withdrawn > 0 or waiting > 0

    def _keep_open(self, name: str, dialog: QDialog) -> None:
        """Open ``dialog`` without blocking, as ``self.<name>`` until it closes."""
        dialog.finished.connect(lambda: self._forget(name))
        setattr(self, name, dialog)
        dialog.open()

    def _forget(self, dialog: str) -> None:
        """A dialog the console keeps open (``self.<dialog>``) was closed: let it go."""
        opened = getattr(self, dialog)
        if opened is not None:
            opened.deleteLater()
        setattr(self, dialog, None)

    def confirm_end(self) -> None:
        """Ask (without blocking) whether to end the session; end it on confirmation."""
        if self.end_dialog is not None:
            self.end_dialog.raise_()
            return
        box = self._question(
            self.tr("End the session?"), self.tr("End the session now?"), self._end_summary()
        )
        self.end_confirm_button = box.addButton(
            self.tr("End session"), QMessageBox.ButtonRole.AcceptRole
        )
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.buttonClicked.connect(self._on_end_answer)
        box.finished.connect(lambda: self._forget("end_dialog"))
        self.end_dialog = box
        box.open()

    def _end_summary(self) -> str:
        """What ending keeps and what it forgets, in numbers."""
        shown = len(self._by_state(ItemState.SHOWN))
        removed = len(self._by_state(ItemState.REMOVED))
        merged = len(self._by_state(ItemState.MERGED))  # counted in the record as merged
        unshown = len(self._confessions) - shown - removed - merged
        kept = translate(
            "ConsoleWindow", "%n confessions that were shown, with their agreements", None, shown
        )
        gone = translate("ConsoleWindow", "%n confessions never shown", None, unshown)
        if removed:
            gone += translate(
                "ConsoleWindow",
                ", %n removed from the record (only their number is kept)",
                None,
                removed,
            )
        return self.tr(
            "Phones can no longer send or vote. The transcript keeps {kept}. "
            "Forgotten for good: {gone}, who agreed with what, and the phones' tokens. "
            "A closing note for the record: in Set up session… now, or once it has ended."
        ).format(kept=kept, gone=gone)

    def _question(self, title: str, text: str, detail: str) -> QMessageBox:
        """A question box, opened later with ``open()`` (never a nested event loop)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.setInformativeText(detail)
        return box

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
            self._derived_timer.stop()
            event.accept()
            return
        event.ignore()
        if self._session.is_open:
            self.confirm_close()
        else:
            self.close_requested.emit()

    def confirm_close(self) -> None:
        """Ask (without blocking): continue later, or end the session and close?"""
        if self.close_dialog is not None:
            self.close_dialog.raise_()
            return
        box = self._question(
            self.tr("Close Confessional?"),
            self.tr("Close Confessional and continue this session later?"),
            self.tr(
                "Phones are disconnected until you start Confessional again; the session, "
                "its queue and its votes are kept. To end it now and write its transcript, "
                "choose End session and close."
            ),
        )
        self.close_later_button = box.addButton(
            self.tr("Close, continue later"), QMessageBox.ButtonRole.AcceptRole
        )
        self.close_end_button = box.addButton(
            self.tr("End session and close"), QMessageBox.ButtonRole.DestructiveRole
        )
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.buttonClicked.connect(self._on_close_answer)
        box.finished.connect(lambda: self._forget("close_dialog"))
        self.close_dialog = box
        box.open()

    # Commands

    def _run(self, command: Command) -> None:
        """Send ``command`` to the host; a refusal is shown in the status bar."""
        self._commands.send(command, on_refused=self._refused)

    def _refused(self, code: str, message: str) -> None:
        self.show_message(message)

    def _run_on(
        self,
        widget: ConfessionList,
        command: type[Approve | SetAside | Restore | Project | Remove],
    ) -> None:
        confession_id = widget.selected_id()
        if confession_id is None:
            self.show_message(self.tr("Select a confession first."))
            return
        if command in (Approve, SetAside) and widget.selected_count() > 1:
            self._run_many(widget, command is Approve)
            return
        self._run_after_saving(confession_id, command(confession_id))

    def _run_many(self, widget: ConfessionList, approve: bool) -> None:
        """Approve or set aside every confession selected in ``widget``, as one step; the
        selection moves on first (to the one after them), so the rows simply go."""
        ids = widget.selected_ids()
        many = ApproveMany(tuple(ids)) if approve else SetAsideMany(tuple(ids))
        rows = sorted(row for i in ids if (row := widget.row_of(i)) is not None)
        if rows[-1] + 1 < widget.count():
            widget.setCurrentRow(rows[-1] + 1)
        elif rows[0] > 0:
            widget.setCurrentRow(rows[0] - 1)
        else:
            widget.select_id(None)
        editing = self.editor.item_id
        self._run_after_saving(editing if editing in ids else ids[0], many)

    def _run_after_saving(self, item_id: int, command: Command) -> None:
        """Run ``command`` on ``item_id``, saving an edit of it first: what is approved or
        shown is the text as the moderator left it in the editor."""
        if self.editor.item_id == item_id and self.editor.is_dirty():
            self.editor.save(then=lambda: self._run(command))
        else:
            self._run(command)

    def _remove_or_put_back(self) -> None:
        selected = self.shown_list.selected_id()
        item = None if selected is None else self._confessions.get(selected)
        if item is None:
            self.show_message(self.tr("Select a shown confession first."))
        elif item.state is ItemState.REMOVED:
            self._run(Restore(item.id))
        else:
            self._run(Remove(item.id))

    def _undo(self) -> None:
        offer = self._mirror.undo
        if not self._session.is_open or offer is None:
            self.show_message(self.tr("There is nothing to undo."))
            return
        self._run(Undo(offer.step_id))

    def toggle_read_aloud(self) -> None:
        """The big card: the selected confession's editor, or the one on screen to read
        aloud (R)."""
        reading = self._big_card.currentWidget() is self.read_aloud
        self._big_card.setCurrentWidget(self.editor if reading else self.read_aloud)

    def reading_aloud(self) -> bool:
        return self._big_card.currentWidget() is self.read_aloud

    def _edit_key(self) -> None:
        if self.editor.item_id is not None:
            self._big_card.setCurrentWidget(self.editor)
            self.editor.text_edit.setFocus()

    def _project_next(self) -> None:
        """Project the head of the queue as this console shows it (a repeated press is
        refused by the host instead of putting up the one after)."""
        first = self.queue_list.first_entry()  # the head, even when a search hides it
        if first is None:
            self.show_message(self.tr("The queue is empty: approve a confession first."))
            return
        head = first.confession_id
        self._run_after_saving(head, ProjectNext(head))

    def _project_next_key(self) -> None:
        if self._session.is_open:
            self._project_next()

    # Following the session

    def _on_reset(self) -> None:
        """A new snapshot (after reconnecting): read everything again."""
        assert self._mirror.session is not None
        self._session = self._mirror.session
        self._confessions = dict(self._mirror.items)
        self._projection = self._mirror.projection()
        self._refresh_all()
        editing = self.editor.item_id
        self.editor.show_item(None if editing is None else self._confessions.get(editing))
        self._on_phones(self._mirror.phones_connected)
        self._on_store_health(self._mirror.store_healthy, self._mirror.store_detail, quiet=True)
        if self._session.is_open:
            self._show_open()  # a new session may have started
        else:
            self._show_ended(self._mirror.transcript_paths)

    def _on_removed(self, item_id: int) -> None:
        confession = self._confessions.pop(item_id, None)
        self._folded.pop(item_id, None)
        self._refresh_rows(self._likes.remove(item_id))
        if confession is not None:
            lane = self._lane(confession)
            if lane is not None and not self._bursts.defer(item_id, lane):
                lane.discard(item_id)
            self._counts.pop(item_id, None)
            if self.editor.item_id == item_id:
                self.editor.show_item(None)
            if not self._derived_timer.isActive():
                self._derived_timer.start()

    def _on_confession(self, confession: Item) -> None:
        """Put one confession in its row: a few row operations, whatever the lists' length."""
        previous = self._confessions.get(confession.id)
        self._confessions[confession.id] = confession
        self._counts.pop(confession.id, None)  # the new value carries the latest count
        partners = self._likes.update(confession)  # rows whose marker follows this one
        lane = self._lane(confession)
        before = None if previous is None else self._lane(previous)
        if not self._bursts.defer(confession.id, before, lane):
            if before is not None and before is not lane:
                before.discard(confession.id)
            if lane is not None:
                lane.place(self._entry(confession), self._key(confession))
        self._refresh_rows(partners)
        if self.merge_view is not None:
            self.merge_view.follow(confession)
        if self.choices_dialog is not None and previous is None:  # too late to choose now
            self.choices_dialog.show_session(self._session, True)
        if self._projection is not None and self._projection.id == confession.id:
            self._projection = confession  # recounted (shared phones counted) or edited
            self._refresh_now()
        if self.editor.item_id == confession.id:
            self.editor.show_item(confession)
        if not self._derived_timer.isActive():
            self._derived_timer.start()

    def _lane(self, item: Item) -> ConfessionList | None:
        """The lane ``item`` is listed in (none: merged into another)."""
        state = lane_state(item)
        return None if state is None else self._lanes[state]

    def _reread_lane(self, lane: ConfessionList, changed: set[int]) -> None:
        """After a burst: ``lane`` as it is now, its ``changed`` rows made again."""
        keyed = lane.keyed()
        for item_id in changed:
            keyed.pop(item_id, None)
            item = self._confessions.get(item_id)
            if item is not None and self._lane(item) is lane:
                keyed[item_id] = (self._key(item), self._entry(item))
        lane.replace_all(keyed.values())

    def _refresh_rows(self, item_ids: set[int]) -> None:
        """Draw these rows again (their "alike" marker changed with another item)."""
        for item_id in item_ids:
            item = self._confessions.get(item_id)
            lane = None if item is None else self._lane(item)
            if item is not None and lane is not None:
                lane.update_entry(self._entry(item))

    def _on_selection(self, widget: ConfessionList) -> None:
        """One confession is selected at a time, across the lanes; the editor shows it."""
        if widget.selected_id() is not None:
            for other in self._lanes.values():
                if other is not widget:
                    other.select_id(None)
        self._show_selected()
        self._update_actions()

    def _selected_id(self) -> int | None:
        return next(
            (i for i in (w.selected_id() for w in self._lanes.values()) if i is not None), None
        )

    def _show_selected(self) -> None:
        """The selection in the editor, unless an unsaved edit of another one is open there."""
        editing = self.editor.item_id
        if self.editor.is_dirty() and editing is not None and editing in self._confessions:
            if self._selected_id() not in (None, editing):
                self.show_message(self.tr("Save the edit (Ctrl+S) or discard it (Esc) first."))
            return
        selected = self._selected_id()
        self.editor.show_item(None if selected is None else self._confessions.get(selected))

    def _on_draft_changed(self, dirty: bool) -> None:
        if not dirty:
            self._show_selected()

    def _on_undo_changed(self, offer: UndoOffer | None) -> None:
        self._refresh_undo()

    def _refresh_undo(self) -> None:
        offer = self._mirror.undo if self._session.is_open else None
        text = undo_text(offer, self._confessions)
        metrics = self.undo_button.fontMetrics()
        room = UNDO_BUTTON_WIDTH - 24
        self.undo_button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, room))
        self.undo_button.setToolTip(f"{text} (Ctrl+Z)")
        self.undo_button.setEnabled(offer is not None)

    def _on_projection(self, projection: Item | None) -> None:
        self._projection = projection
        self._refresh_now()
        self._refresh_shown()
        self._update_actions()

    def _on_count(self, confession_id: int, count: int) -> None:
        mirrored = self._mirror.items.get(confession_id)
        counts = (count, mirrored.set_apart_count if mirrored is not None else 0)
        if confession_id in self._confessions:
            self._counts[confession_id] = counts
            self._counts_dirty.add(confession_id)
        current = self._projection
        if current is not None and current.id == confession_id:
            self._show_now_counts(counts)
        if not self._count_timer.isActive():  # the Shown list: at most a few times a second
            self._count_timer.start()

    def _on_session(self, session: SessionDetails) -> None:
        self._session = session
        self._refresh_all()
        if self.choices_dialog is not None:
            self.choices_dialog.show_session(session, self._confessions_arrived())
        if self.setup_dialog is not None:
            self.setup_dialog.show_session(session)

    def _on_store_health(self, healthy: bool, detail: str, quiet: bool = False) -> None:
        if healthy:
            if self.alarm_banner.isVisible() and not quiet:
                self.show_message(self.tr("Saving works again."))
            self.alarm_banner.hide()
        else:
            self.alarm_banner.setText(
                self.tr("{alarm}\nDetails: {detail}").format(
                    alarm=self.tr(STORE_ALARM), detail=detail
                )
            )
            self.alarm_banner.show()

    def _on_room(self, room: Room) -> None:
        self.room_banner.show_room(room, self._session.agree_label, self._session.is_open)
        self.waiting_label.show_waiting(room.waiting if self._session.is_open else 0)
        note = batching_note(room, self._session.is_open)
        self.batching_label.setText(note)
        self.batching_label.setVisible(bool(note))

    def _on_join(self, join: JoinLink) -> None:
        if self.choices_dialog is not None:
            self.choices_dialog.show_join(join.join_url)

    def _on_phones(self, count: int) -> None:
        self.phones_label.setText(phones_connected_text(count))

    # Drawing

    def _refresh_all(self) -> None:
        self.setWindowTitle(self.tr("Confessional — {title}").format(title=self._session.title))
        self.details.show_session(self._session)
        self._refresh_lists()
        self._refresh_now()
        self._on_room(self._mirror.room)

    def _shown_in_record(self) -> int:
        return sum(1 for item in self._confessions.values() if item.state is ItemState.SHOWN)

    def _by_state(self, state: ItemState) -> list[Item]:
        return [c for c in self._confessions.values() if c.state is state]

    def _refresh_lists(self) -> None:
        """Fill every list again when the confessions were read again (at the start, after
        a resync, at the end); otherwise the lists are current already (each change moves
        one row, see :meth:`_on_confession`) and only a new agree label needs new counts."""
        if self._listed is not self._confessions:
            self._listed = self._confessions
            self._counts.clear()
            self._counts_dirty.clear()
            self._marked = self._projection.id if self._projection else None
            self._likes.reset(self._confessions.values())
            lanes: dict[ItemState, list[tuple[SortKey, Entry]]] = {
                state: [] for state in self._lanes
            }
            for confession in self._confessions.values():
                lane = lane_state(confession)
                if lane is not None:
                    lanes[lane].append((self._key(confession), self._entry(confession)))
            for state, widget in self._lanes.items():
                widget.replace_all(lanes[state])
        elif self._session.agree_label != self._listed_label:
            self._counts_dirty.update(self.shown_list.all_ids())
            self._refresh_shown()
        self._listed_label = self._session.agree_label
        self._refresh_derived()

    def _refresh_shown(self) -> None:
        """The Shown list's mark (on screen now) and counts: only the rows that changed."""
        current = self._projection.id if self._projection else None
        changed = self._counts_dirty
        self._counts_dirty = set()
        if current != self._marked:
            changed.update(i for i in (self._marked, current) if i is not None)
            self._marked = current
        for confession_id in changed:
            confession = self._confessions.get(confession_id)
            if confession is not None and confession.state == ItemState.SHOWN:
                self.shown_list.update_entry(self._entry(confession))

    def _refresh_derived(self) -> None:
        """Lane counts, the "Next:" label and the buttons (at most once a frame)."""
        self._derived_timer.stop()
        filtering = bool(self.search.words)
        for widget, (header, title) in self._headers.items():
            # Shown counts what is in the record (the page counts the same way).
            if widget is self.shown_list:
                count = self._shown_in_record()
                shown = sum(
                    1
                    for i in widget.ids()
                    if (item := self._confessions.get(i)) and item.state is ItemState.SHOWN
                )
            else:
                count, shown = widget.total(), widget.count()
            if filtering:
                header.setText(
                    self.tr("{lane}  {shown} of {count}").format(
                        lane=title, shown=shown, count=count
                    )
                )
            else:
                header.setText(f"{title}  {count}" if count else title)
        self.last_column.show_count(self.organisers_list.total())
        first = self.queue_list.first_entry()
        if not self._session.is_open:
            up_next = ""
        elif first is not None:
            up_next = self.tr("Next: {text}").format(text=" ".join(first.text.split()))
        else:
            up_next = self.tr("Queue is empty: approve a confession to show it next.")
        if up_next != self.up_next.full_text():
            self.up_next.set_full_text(up_next)
        self._update_actions()

    def _entry(self, confession: Item) -> Entry:
        """The row of ``confession`` in its lane (Shown rows carry the count and the mark);
        a search looks in its text and lesson."""
        search = self._folded.get(confession.id)
        if search is None or search[0] != (confession.text, confession.learned):
            search = (
                (confession.text, confession.learned),
                fold(confession.text + "\n" + confession.learned),
            )
            self._folded[confession.id] = search
        folded = search[1]
        marker = self._likes.marker(confession.id)
        noted = confession.content_note  # a badge before the detail line
        if confession.state == ItemState.SHOWN:
            current = self._projection.id if self._projection else None
            caption = count_line(self._session.agree_label, self._counts_of(confession))
            detail = with_badge(_joined(caption, marker), noted)
            marked = confession.id == current
            return Entry(confession.id, confession.text, detail, marked, folded, noted)
        if confession.state == ItemState.REMOVED:
            return Entry(confession.id, confession.text, self.tr(REMOVED_CAPTION), search=folded)
        detail = _joined(reply_caption(confession), marker, _learned_detail(confession))
        detail = with_badge(detail, noted)
        return Entry(confession.id, confession.text, detail, search=folded, content_note=noted)

    def _key(self, confession: Item) -> SortKey:
        return _sort_key(confession, self.search.incoming_order())

    # Searching

    def _on_search(self) -> None:
        """Every lane shows what matches the words typed (the selection stays if it does)."""
        words = self.search.words
        for widget in self._lanes.values():
            widget.set_filter(words)
        self._refresh_derived()

    def _on_incoming_order(self) -> None:
        incoming = [
            (self._key(item), self._entry(item))
            for item in self._confessions.values()
            if item.state is ItemState.INCOMING
        ]
        self.incoming_list.replace_all(incoming)

    def _counts_of(self, confession: Item) -> Counts:
        return self._counts.get(
            confession.id, (confession.agreement_count, confession.set_apart_count)
        )

    def _refresh_now(self) -> None:
        projection = self._projection
        self.now_text.setVisible(projection is not None)
        self.now_empty.setVisible(projection is None)
        self.now_empty.setText(self.tr(NOTHING_ON_SCREEN.get(self._session.slide, "")))
        session = self._session
        self.screen_controls.show_screen(session.slide, projection is not None, session.is_open)
        self.read_aloud.show_item(projection)
        self.now_note.setVisible(projection is not None and projection.content_note)
        self._refresh_replies()
        if projection is None:
            self.now_count.setText("")
            self.now_set_apart.hide()
            return
        self.now_text.setText(projection.text)
        learned = (
            self.tr("What I learned: {text}").format(text=projection.learned)
            if projection.learned
            else ""
        )
        self.now_text.set_secondary_text(learned)
        self._show_now_counts(self._counts_of(projection))

    def _refresh_replies(self) -> None:
        """What helped: how many are shown under the confession on screen, and those of the
        selected confession in the editor card (each can be set aside again)."""
        projection = self._projection
        shown = len(self._replies.of(None if projection is None else projection.id))
        self.now_helped.setText(helped_shown_text(shown))
        self.now_helped.setVisible(shown > 0)
        selected = self.editor.item_id
        item = None if selected is None else self._confessions.get(selected)
        replies = [] if item is None or item.kind is ItemKind.REPLY else self._replies.of(item.id)
        self.replies_panel.show_replies(replies, self._session.is_open)

    def _select_projection(self) -> None:
        if self._projection is not None:
            self.shown_list.select_id(self._projection.id)

    def _show_now_counts(self, counts: Counts) -> None:
        """The public count, big; what is set apart beside it, smaller."""
        count, set_apart = counts
        caption = count_caption(self._session.agree_label, count)
        self.now_count.setText(caption)
        self.read_aloud.show_count(caption)
        self.now_set_apart.setText(set_apart_text(set_apart))
        self.now_set_apart.setVisible(set_apart > 0)

    def _update_actions(self) -> None:
        open_ = self._session.is_open
        current = self._projection.id if self._projection else None
        incoming = self.incoming_list.selected_id()
        queued = self.queue_list.selected_id()
        many_in, many_queued = self.incoming_list.selected_count(), self.queue_list.selected_count()
        self.approve_button.setText(_many(self.tr("Approve"), many_in))
        self.set_aside_button.setText(_many(self.tr("Set aside"), many_in))
        self.unqueue_button.setText(_many(self.tr("Set aside"), many_queued))
        shown = self.shown_list.selected_id()
        shown_item = None if shown is None else self._confessions.get(shown)
        removed = shown_item is not None and shown_item.state is ItemState.REMOVED
        self.approve_button.setEnabled(open_ and incoming is not None)
        self.set_aside_button.setEnabled(open_ and incoming is not None)
        self.project_button.setEnabled(open_ and queued is not None and many_queued < 2)
        self.unqueue_button.setEnabled(open_ and queued is not None)
        self.reproject_button.setEnabled(
            open_ and shown is not None and shown != current and not removed
        )
        self.remove_button.setText(self.tr("Put back") if removed else self.tr("Remove"))
        self.remove_button.setEnabled(open_ and shown is not None)
        self.restore_button.setEnabled(open_ and self.aside_list.selected_id() is not None)
        self.project_next_button.setEnabled(open_ and self.queue_list.total() > 0)
        self.end_button.setEnabled(open_)
        selected = self._selected_id()
        alike = 0 if selected is None else len(self._likes.alike(selected))
        self.merge_button.setText(translate("ConsoleWindow", "≈ %n alike: Merge…", None, alike))
        self.merge_button.setVisible(open_ and alike > 0)
        self._refresh_undo()

    # Ending

    def _on_end_answer(self, button: QAbstractButton) -> None:
        if button is self.end_confirm_button:
            self._run(EndSession())

    def _on_close_answer(self, button: QAbstractButton) -> None:
        if button is self.close_later_button:
            self.close_requested.emit()
        elif button is self.close_end_button:
            self.end_and_close_requested.emit()

    def _show_open(self) -> None:
        self._now_stack.setCurrentIndex(0)
        self.end_button.show()
        self.join_panel.show()
        self._update_actions()

    def _show_ended(self, transcript_paths: tuple[str, ...]) -> None:
        self._projection = None
        self._refresh_now()
        shown = len(self._by_state(ItemState.SHOWN))
        self.ended_panel.show_ended(self._session, shown, transcript_paths)
        self._now_stack.setCurrentWidget(self.ended_panel)
        self.end_button.hide()
        self.join_panel.hide()  # phones can no longer join
        self._update_actions()
