"""The session's choices: organisers-only confessions in the record, timing privacy (new
confessions reach Incoming in small shuffled batches), how the big screen looks, and the
projector page's link.

Opened from the Session card (*Choices…*), without blocking the console. Each change
is sent at once (``set_organisers_record``, ``set_batching``, ``set_projector`` with all
three of the screen's settings); a refusal puts the control back as the host has it and
is said in the status bar (``message``). Whether
organisers-only confessions are kept can change only before the first confession
arrives: the phones' house rules say which, so the box is disabled after that and its
tooltip says why. The console's status bar says while batching is active
(:func:`batching_note`). The projector page's link (a venue's AV computer shows the big
screen with it) follows the join link's address (:meth:`SessionChoices.show_join`).
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QHBoxLayout, QVBoxLayout, QWidget

from facilitator.protocol.commands import SetBatching, SetOrganisersRecord, SetProjector
from facilitator.protocol.moderator import Room, SessionDetails
from facilitator.ui.console_style import STYLE_SHEET
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.projector_link import ProjectorLink
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button

Batching = Literal["auto", "on", "off"]
BATCHING_CHOICES: tuple[tuple[str, Batching], ...] = (
    (QT_TRANSLATE_NOOP("SessionChoices", "Auto (on in rooms of over 30 phones)"), "auto"),
    (QT_TRANSLATE_NOOP("SessionChoices", "On"), "on"),
    (QT_TRANSLATE_NOOP("SessionChoices", "Off"), "off"),
)
RECORD_LABEL = QT_TRANSLATE_NOOP("SessionChoices", "Keep organisers-only confessions in the record")
RECORD_TIP = QT_TRANSLATE_NOOP(
    "SessionChoices",
    "Confessions marked for the organisers only go into a section of the transcript of "
    "their own. Otherwise moderators read them and they are forgotten at the end.",
)
RECORD_TOO_LATE = QT_TRANSLATE_NOOP(
    "SessionChoices",
    "Confessions have arrived: the phones' house rules already said whether these are "
    "kept, so this can no longer change in this session.",
)
BATCHING_LABEL = QT_TRANSLATE_NOOP("SessionChoices", "Timing privacy: shuffled batches")
BATCHING_TIP = QT_TRANSLATE_NOOP(
    "SessionChoices",
    "New confessions reach Incoming a few at a time, shuffled, so that nobody watching "
    "this screen can tie a confession to the phone that just sent it.",
)
BATCHING_NOTE = QT_TRANSLATE_NOOP("SessionChoices", "Shuffled batches on")
Theme = Literal["dark", "light"]
THEME_CHOICES: tuple[tuple[str, Theme], ...] = (
    (QT_TRANSLATE_NOOP("SessionChoices", "Dark"), "dark"),
    (QT_TRANSLATE_NOOP("SessionChoices", "Light"), "light"),
)
THEME_LABEL = QT_TRANSLATE_NOOP("SessionChoices", "Theme")
THEME_TIP = QT_TRANSLATE_NOOP(
    "SessionChoices", "Dark suits a dim room; light a bright one or a weak projector"
)
CORNER_QR_LABEL = QT_TRANSLATE_NOOP("SessionChoices", "Corner QR code for latecomers")
CORNER_QR_TIP = QT_TRANSLATE_NOOP(
    "SessionChoices", "A small join code in a corner beside each confession"
)
TIMER_LABEL = QT_TRANSLATE_NOOP("SessionChoices", "Timer on the screen")
TIMER_TIP = QT_TRANSLATE_NOOP(
    "SessionChoices", "How long the confession has been up, beside its count"
)


def batching_note(room: Room, session_open: bool) -> str:
    """The status bar's words while batching is active ("" otherwise)."""
    return translate("SessionChoices", BATCHING_NOTE) if room.batching and session_open else ""


class SessionChoices(QDialog):
    """See the module docstring."""

    message = Signal(str)

    def __init__(
        self,
        commands: CommandPort,
        session: SessionDetails,
        confessions_arrived: bool,
        join_url: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._commands = commands
        self._join_url = join_url
        self.setObjectName("sessionChoices")
        self.setWindowTitle(self.tr("Session choices"))
        self.setStyleSheet(STYLE_SHEET)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(plain_label(self.tr("FOR THE ORGANISERS ONLY"), "caption"))
        self.keep_record = QCheckBox(translate("SessionChoices", RECORD_LABEL))
        layout.addWidget(self.keep_record)
        self.record_note = plain_label(translate("SessionChoices", RECORD_TIP), "muted")
        self.record_note.setWordWrap(True)
        layout.addWidget(self.record_note)
        layout.addSpacing(6)
        layout.addWidget(plain_label(self.tr("TIMING PRIVACY"), "caption"))
        row = QHBoxLayout()
        row.addWidget(plain_label(translate("SessionChoices", BATCHING_LABEL)))
        self.batching = QComboBox()
        for text, mode in BATCHING_CHOICES:
            self.batching.addItem(self.tr(text), mode)
        self.batching.setToolTip(translate("SessionChoices", BATCHING_TIP))
        row.addWidget(self.batching, 1)
        layout.addLayout(row)
        batching_note_label = plain_label(translate("SessionChoices", BATCHING_TIP), "muted")
        batching_note_label.setWordWrap(True)
        layout.addWidget(batching_note_label)
        layout.addSpacing(6)
        self._build_screen(layout)
        close = QHBoxLayout()
        close.addStretch(1)
        self.close_button = push_button(self.tr("Close"), "", "")
        self.close_button.clicked.connect(self.accept)
        close.addWidget(self.close_button)
        layout.addLayout(close)
        self.setMinimumWidth(560)  # the projector page's link in full
        self.show_session(session, confessions_arrived)
        self.keep_record.toggled.connect(self._record_toggled)
        self.batching.activated.connect(self._batching_chosen)
        self.theme.activated.connect(self._screen_chosen)
        self.corner_qr.toggled.connect(self._screen_chosen)
        self.timer.toggled.connect(self._screen_chosen)

    def _build_screen(self, layout: QVBoxLayout) -> None:
        layout.addWidget(plain_label(self.tr("THE BIG SCREEN"), "caption"))
        row = QHBoxLayout()
        row.addWidget(plain_label(translate("SessionChoices", THEME_LABEL)))
        self.theme = QComboBox()
        for text, theme in THEME_CHOICES:
            self.theme.addItem(self.tr(text), theme)
        self.theme.setToolTip(translate("SessionChoices", THEME_TIP))
        row.addWidget(self.theme)
        row.addStretch(1)
        layout.addLayout(row)
        self.corner_qr = QCheckBox(translate("SessionChoices", CORNER_QR_LABEL))
        self.corner_qr.setToolTip(translate("SessionChoices", CORNER_QR_TIP))
        layout.addWidget(self.corner_qr)
        self.timer = QCheckBox(translate("SessionChoices", TIMER_LABEL))
        self.timer.setToolTip(translate("SessionChoices", TIMER_TIP))
        layout.addWidget(self.timer)
        layout.addSpacing(6)
        layout.addWidget(plain_label(self.tr("PROJECTOR PAGE"), "caption"))
        self.projector_link = ProjectorLink()
        self.projector_link.message.connect(self.message)
        layout.addWidget(self.projector_link)

    def show_join(self, join_url: str) -> None:
        """The join link moved to another address: so does the projector page's."""
        self._join_url = join_url
        self.projector_link.show_link(join_url, self._session.projector_path)

    def show_session(self, session: SessionDetails, confessions_arrived: bool) -> None:
        """Follow the host's values (changes from the moderator page too)."""
        self._session = session
        self.keep_record.blockSignals(True)
        self.keep_record.setChecked(session.organisers_record)
        self.keep_record.blockSignals(False)
        open_ = session.is_open
        self.keep_record.setEnabled(open_ and not confessions_arrived)
        self.keep_record.setToolTip(
            translate("SessionChoices", RECORD_TOO_LATE)
            if confessions_arrived
            else translate("SessionChoices", RECORD_TIP)
        )
        self.batching.setCurrentIndex(self.batching.findData(session.batching))
        self.batching.setEnabled(open_)
        for control in (self.theme, self.corner_qr, self.timer):
            control.blockSignals(True)
        self.theme.setCurrentIndex(self.theme.findData(session.projector_theme))
        self.corner_qr.setChecked(session.projector_corner_qr)
        self.timer.setChecked(session.projector_timer)
        for control in (self.theme, self.corner_qr, self.timer):
            control.blockSignals(False)
            control.setEnabled(open_)
        self.projector_link.show_link(self._join_url, session.projector_path)

    def _record_toggled(self, keep: bool) -> None:
        self._commands.send(SetOrganisersRecord(keep), on_refused=self._refused)

    def _batching_chosen(self, index: int) -> None:
        mode = self.batching.itemData(index)
        if mode != self._session.batching:
            self._commands.send(SetBatching(mode), on_refused=self._refused)

    def _screen_chosen(self, *_: object) -> None:
        theme: Theme = "light" if self.theme.currentData() == "light" else "dark"
        chosen = (theme, self.corner_qr.isChecked(), self.timer.isChecked())
        session = self._session
        held = (session.projector_theme, session.projector_corner_qr, session.projector_timer)
        if chosen != held:
            self._commands.send(SetProjector(*chosen), on_refused=self._refused)

    def _refused(self, code: str, message: str) -> None:
        self.message.emit(message)
        self.show_session(self._session, code == "too_late" or not self.keep_record.isEnabled())
