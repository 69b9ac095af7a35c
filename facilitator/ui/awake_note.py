"""The console's note on the laptop staying awake while the session is live.

The session host keeps the laptop awake (``facilitator/host/keep_awake.py``) and says so
in its status; this note repeats it in the status bar with a reminder to turn on Do Not
Disturb, or warns that the laptop may sleep and why. It is hidden when the host has
nothing to say (the session has ended). The status bar has no height to spare and, on a
small screen, little width: the note says as much as fits (the whole sentence, then
shorter ones) and the tooltip always has all of it. The moderator page says the same
(``participant_web/i18n/en.json``, ``mod.awake.*``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from facilitator.protocol.moderator import HostStatus
from facilitator.ui.console_style import MUTED, NOTICE, NOTICE_INK, NOTICE_LINE
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate

DO_NOT_DISTURB = QT_TRANSLATE_NOOP(
    "AwakeNote", "Turn on Do Not Disturb so no notification reaches the projector."
)
KEEPING_TEMPLATE = QT_TRANSLATE_NOOP("AwakeNote", "Keeping the laptop awake · {do_not_disturb}")
KEEPING_TEXT = KEEPING_TEMPLATE.format(do_not_disturb=DO_NOT_DISTURB)  # in English
KEEPING_SHORTER = (
    QT_TRANSLATE_NOOP("AwakeNote", "Keeping the laptop awake · Turn on Do Not Disturb"),
    QT_TRANSLATE_NOOP("AwakeNote", "Do Not Disturb on?"),
)
MAY_SLEEP_SHORTER = (
    QT_TRANSLATE_NOOP("AwakeNote", "This laptop may sleep: turn off sleep in its settings"),
    QT_TRANSLATE_NOOP("AwakeNote", "Laptop may sleep"),
)


def _tr(text: str) -> str:
    return translate("AwakeNote", text)


SIDES = 24  # the padding and border on either side of the text, and some
CALM_STYLE = f"QLabel#awakeNote {{ color: {MUTED}; padding: 0 10px; }}"
WARNING_STYLE = (
    f"QLabel#awakeNote {{ background: {NOTICE}; color: {NOTICE_INK}; font-weight: 600; "
    f"border: 1px solid {NOTICE_LINE}; border-radius: 4px; padding: 0 8px; }}"
)


def may_sleep_text(detail: str) -> str:
    return translate(
        "AwakeNote", "This laptop may sleep: {detail}. Turn off sleep in its settings."
    ).format(detail=detail)


def note_texts(status: HostStatus) -> tuple[str, ...]:
    """What the note says, longest first (none: the laptop may sleep, and that is fine)."""
    if status.keeping_awake:
        keeping = _tr(KEEPING_TEMPLATE).format(do_not_disturb=_tr(DO_NOT_DISTURB))
        return (keeping, *map(_tr, KEEPING_SHORTER))
    if status.awake_detail:
        return (may_sleep_text(status.awake_detail), *map(_tr, MAY_SLEEP_SHORTER))
    return ()


def note_tip(status: HostStatus) -> str:
    """All of it: the note's first text, how the host keeps awake, and Do Not Disturb."""
    if status.keeping_awake:
        return translate(
            "AwakeNote", "Keeping the laptop awake: {detail}.\n{do_not_disturb}"
        ).format(detail=status.awake_detail, do_not_disturb=_tr(DO_NOT_DISTURB))
    if status.awake_detail:
        return f"{may_sleep_text(status.awake_detail)}\n{_tr(DO_NOT_DISTURB)}"
    return ""


class AwakeNote(QWidget):
    """Follows the mirror's host status: a calm line while kept awake, a warning if not.

    Meant for the status bar (``addPermanentWidget(note, 1)``): it takes the width left
    over and shows the longest of its texts that fits there, at the left of it.
    """

    def __init__(self, mirror: SessionMirror, parent: QWidget) -> None:
        super().__init__(parent)  # a parent first: shown without one, it would be a window
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label = QLabel()
        self.label.setObjectName("awakeNote")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self._texts: tuple[str, ...] = ()
        mirror.host_changed.connect(self.show_status)
        mirror.reset.connect(lambda: self.show_status(mirror.host))
        self.show_status(mirror.host)

    def text(self) -> str:
        """What the note says now (as much as fits)."""
        return self.label.text()

    @property
    def warning(self) -> bool:
        return self.label.styleSheet() == WARNING_STYLE

    @property
    def full_text(self) -> str:
        """The whole note, whatever fits of it ("" when there is none)."""
        return self._texts[0] if self._texts else ""

    def show_status(self, status: HostStatus) -> None:
        self._texts = note_texts(status)
        self.setToolTip(note_tip(status))
        self.label.setStyleSheet(CALM_STYLE if status.keeping_awake else WARNING_STYLE)
        # The shortest text always fits (the status bar's other widgets give way).
        metrics = self.label.fontMetrics()
        self.setMinimumWidth(
            metrics.horizontalAdvance(self._texts[-1]) + SIDES if self._texts else 0
        )
        self._fit()
        self.setVisible(bool(self._texts))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = max(0, self.width() - SIDES)
        metrics = self.label.fontMetrics()
        fitting = [text for text in self._texts if metrics.horizontalAdvance(text) <= room]
        if fitting:
            self.label.setText(fitting[0])
        elif self._texts:
            self.label.setText(
                metrics.elidedText(self._texts[-1], Qt.TextElideMode.ElideRight, room)
            )
        else:
            self.label.setText("")
