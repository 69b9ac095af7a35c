"""The lane of confessions their authors marked for the organisers only.

They are read here and may be edited (to redact) in the editor above, but this lane
offers no action that could put one on screen: no approve, project or merge, and
the host refuses every such command for them anyway. The lane shares the last
column with Set aside: a button under the Set aside header (saying how many wait for
the organisers, highlighted while some do) opens it, one at its foot goes back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from facilitator.ui.confession_list import ConfessionList
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button

TITLE = QT_TRANSLATE_NOOP("OrganisersLane", "Organisers only")
NOTICE = QT_TRANSLATE_NOOP("OrganisersLane", "For the organisers only — never shown")
EMPTY = QT_TRANSLATE_NOOP(
    "OrganisersLane",
    "Confessions that phones mark “for the organisers only” appear here. Never shown.",
)
SWITCH_TIP = QT_TRANSLATE_NOOP(
    "OrganisersLane", "Confessions for the organisers only: read or redact them, never shown"
)


def switch_text(count: int) -> str:
    """The Set aside lane's button to this lane."""
    return f"{TITLE} · {count}" if count else translate("OrganisersLane", TITLE)


class OrganisersLane(QWidget):
    """Its header, the never-shown notice, the list and the way back to Set aside."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.header = plain_label(translate("OrganisersLane", TITLE).upper(), "caption")
        layout.addWidget(self.header)
        self.notice = plain_label(translate("OrganisersLane", NOTICE), "organisersNotice")
        self.notice.setWordWrap(True)
        self.notice.setToolTip(
            self.tr(
                "Their authors asked that only the organisers read them: no action here can "
                "put one on screen. Edit one above to redact it."
            )
        )
        layout.addWidget(self.notice)
        self.list = ConfessionList(translate("OrganisersLane", EMPTY))
        self.list.setAccessibleName(translate("OrganisersLane", NOTICE))
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.back_button = push_button(
            self.tr("← Set aside"), "", self.tr("Back to the confessions set aside")
        )
        self.back_button.clicked.connect(self.back_requested)
        row.addWidget(self.back_button)
        layout.addLayout(row)


class LastColumn(QStackedWidget):
    """Set aside (page 0) or the organisers' lane (page 1), with the buttons between."""

    def __init__(self, aside_page: QWidget, lane: OrganisersLane, aside: QVBoxLayout) -> None:
        super().__init__()
        self.lane = lane
        self.switch_button = push_button(
            switch_text(0), "laneSwitch", translate("OrganisersLane", SWITCH_TIP)
        )
        aside.insertWidget(1, self.switch_button)  # under the Set aside header
        self.addWidget(aside_page)
        self.addWidget(lane)
        self.switch_button.clicked.connect(self.show_organisers)
        lane.back_requested.connect(lambda: self.setCurrentIndex(0))

    def show_organisers(self) -> None:
        self.setCurrentWidget(self.lane)
        self.lane.list.setFocus()

    def show_count(self, count: int) -> None:
        """The switch button says how many there are (highlighted while some are)."""
        text = switch_text(count)
        if self.switch_button.text() != text:
            self.switch_button.setText(text)
        waiting = count > 0
        if self.switch_button.property("waiting") != waiting:
            self.switch_button.setProperty("waiting", waiting)
            self.switch_button.style().unpolish(self.switch_button)
            self.switch_button.style().polish(self.switch_button)
