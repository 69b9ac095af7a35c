"""What the console says about the room: phones on a shared address and confessions waiting.

An address from which more than one phone joins is a shared address: a venue network
that puts everyone behind one address, a hotspot, or someone adding votes (the host
cannot tell which). Its phones' agreements are counted apart until the facilitator
counts them; an address found shared afterwards is set apart again (``docs/security.md``,
"Nobody stuffs a count unseen"). Confessions sent faster than a person writes wait and
reach Incoming at a steady pace. The moderator page says the same in the same words
(``participant_web/i18n/en.json``, ``mod.room.*``, ``mod.set_apart``, ``mod.waiting``).

Counts of phones mean one thing each across the console: the status bar's are the phones
*connected now* (``phones_connected``); the banner's are phones of this session on a
shared address, connected or not. The banner does not speak of joining: it keeps the
moderator page's words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel

from facilitator.protocol.moderator import Room
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button

COUNT_LABEL = QT_TRANSLATE_NOOP("RoomBanner", "Count them")
SET_APART_LABEL = QT_TRANSLATE_NOOP("RoomBanner", "Set them apart")
COUNT_TIP = QT_TRANSLATE_NOOP(
    "RoomBanner", "Add their agreements to the public counts (the big screen and the phones)"
)
SET_APART_TIP = QT_TRANSLATE_NOOP(
    "RoomBanner",
    "Take the agreements of every phone on a shared address out of the public counts again",
)
SET_APART_COUNT_TIP = QT_TRANSLATE_NOOP(
    "RoomBanner",
    "Agreements from phones on a shared address: not in the count until you count them",
)
WAITING_TIP = QT_TRANSLATE_NOOP(
    "RoomBanner", "Sent faster than a person writes: they reach Incoming at a steady pace"
)


def apart_text(phones: int, agree_label: str) -> str:
    """The banner's sentence about phones whose agreements are counted apart."""
    return translate(
        "RoomBanner",
        "%n phones share a network address: a venue network, or someone adding "
        "votes. Their “{agree}” is counted apart.",
        None,
        phones,
    ).format(agree=agree_label)


def counted_text(phones: int) -> str:
    """The banner's sentence about phones on a shared address that the facilitator counts."""
    return translate("RoomBanner", "%n phones on a shared address are counted.", None, phones)


def room_text(room: Room, agree_label: str) -> str:
    """What the banner says: the phones counted apart first, then those counted."""
    sentences = []
    if room.shared_apart:
        sentences.append(apart_text(room.shared_apart, agree_label))
    if room.shared_counted:
        sentences.append(counted_text(room.shared_counted))
    return " ".join(sentences)


def set_apart_text(set_apart: int) -> str:
    """Beside a public count: the agreements not in it ("" when there are none)."""
    return (
        translate("RoomBanner", "+{count} set apart").format(count=set_apart) if set_apart else ""
    )


def waiting_text(waiting: int) -> str:
    """Beside the Incoming lane ("" when nothing waits)."""
    if not waiting:
        return ""
    return translate("RoomBanner", "%n more waiting (sent too fast)", None, waiting)


class WaitingLabel(QLabel):
    """The Incoming lane's line about confessions waiting (hidden until some do).

    Wrapped to two lines in a narrow lane, but without height-for-width: that would let
    the lanes claim height from the editor above them whenever it shows.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("waiting")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setToolTip(translate("RoomBanner", WAITING_TIP))
        self.hide()

    def show_waiting(self, waiting: int) -> None:
        self.setText(waiting_text(waiting))
        self.setVisible(waiting > 0)

    def hasHeightForWidth(self) -> bool:
        return False


class RoomBanner(QFrame):
    """A calm strip above the console's work while any phone is on a shared address.

    "Count them" while some are counted apart, "Set them apart" (all of them, again)
    while some are counted; ``count_requested`` says which was asked (whether to count
    them). The console sends the command.
    """

    count_requested = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("roomBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 4, 6, 4)
        layout.setSpacing(10)
        self.text_label = plain_label(name="roomText")
        self.text_label.setWordWrap(True)
        layout.addWidget(self.text_label, 1)
        self.count_button = push_button(
            translate("RoomBanner", COUNT_LABEL), "", translate("RoomBanner", COUNT_TIP)
        )
        self.apart_button = push_button(
            translate("RoomBanner", SET_APART_LABEL), "", translate("RoomBanner", SET_APART_TIP)
        )
        self.count_button.clicked.connect(lambda: self.count_requested.emit(True))
        self.apart_button.clicked.connect(lambda: self.count_requested.emit(False))
        layout.addWidget(self.count_button)
        layout.addWidget(self.apart_button)
        self.hide()

    def show_room(self, room: Room, agree_label: str, session_open: bool) -> None:
        """Follow ``room``; hidden when no phone shares an address or the session ended."""
        if not session_open or room.shared_apart + room.shared_counted == 0:
            self.hide()
            return
        self.text_label.setText(room_text(room, agree_label))
        pressed = self.count_button.hasFocus(), self.apart_button.hasFocus()
        self.count_button.setVisible(room.shared_apart > 0)
        self.apart_button.setVisible(room.shared_counted > 0)
        # The button just pressed may go: the one that takes its place gets the keys.
        if pressed[0] and self.count_button.isHidden():
            self.apart_button.setFocus()
        elif pressed[1] and self.apart_button.isHidden():
            self.count_button.setFocus()
        all_counted = room.shared_apart == 0
        if self.property("counted") != all_counted:
            self.setProperty("counted", all_counted)
            self.style().unpolish(self)  # the style sheet reads the property
            self.style().polish(self)
        self.show()
