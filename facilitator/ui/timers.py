"""The console's two clocks: how long the session has run (since ``started_at``) and how
long the confession on screen has been up (since its ``shown_at``).

Both are counted by the host's clock: the console's own is corrected by the ``now`` of
each projector state that arrives (``projector.changed``), the offset kept until the
next one. The snapshot's projector state is not used for that: the host keeps it as it
was made, so its ``now`` may be minutes old. A 1 s timer redraws both while the session
is open. ``clock`` is injectable (tests give a fixed one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QWidget

from facilitator.protocol.projector import ProjectorState
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.translations import QT_TRANSLATE_NOOP
from facilitator.ui.widgets import plain_label

type Clock = Callable[[], datetime]
TICK_MS = 1000
ITEM_TIP = QT_TRANSLATE_NOOP(
    "SessionTimers", "How long the confession on screen has been up (the host's clock)"
)
SESSION_TIP = QT_TRANSLATE_NOOP(
    "SessionTimers", "How long the session has run since it started (the host's clock)"
)


def utc_clock() -> datetime:
    return datetime.now(UTC)


def parse_utc(text: str | None) -> datetime | None:
    """An ISO 8601 time from the host (UTC when it names no zone), or None."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def elapsed_text(seconds: float, *, hours: bool = False) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour on, or always with ``hours``); never negative."""
    whole = max(0, int(seconds))
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    if hours or h:
        return f"{h}:{m:02d}:{s:02d}"
    return f"{m}:{s:02d}"


class SessionTimers(QWidget):
    """Two small labels: the confession's timer (``item_label``, hidden while none is on
    screen) and the session clock (``session_label``)."""

    def __init__(
        self, mirror: SessionMirror, clock: Clock = utc_clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._mirror = mirror
        self._clock = clock
        self._offset = timedelta(0)  # the host's clock minus ours
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.item_label = plain_label(name="itemTimer")
        self.item_label.setToolTip(self.tr(ITEM_TIP))
        self.session_label = plain_label(name="sessionTimer")
        self.session_label.setToolTip(self.tr(SESSION_TIP))
        layout.addWidget(self.item_label)
        layout.addWidget(self.session_label)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.refresh)
        mirror.projector_changed.connect(self._on_projector)
        for signal in (mirror.reset, mirror.session_changed, mirror.projection_changed):
            signal.connect(self.refresh)
        mirror.item_changed.connect(self.refresh)  # shown again: a new shown_at
        self.refresh()

    def set_clock(self, clock: Clock) -> None:
        """Read the time from ``clock`` from now on (tests); the next projector state
        measures the host's clock against it again."""
        self._clock = clock
        self._offset = timedelta(0)
        self.refresh()

    def offset(self) -> timedelta:
        """How far the host's clock is ahead of the console's (as last measured)."""
        return self._offset

    def now(self) -> datetime:
        """The host's time, as well as the console knows it."""
        return self._clock() + self._offset

    def _on_projector(self, state: ProjectorState) -> None:
        host_now = parse_utc(state.now)
        if host_now is not None:
            self._offset = host_now - self._clock()
        self.refresh()

    def refresh(self, *_: object) -> None:
        session = self._mirror.session
        open_ = session is not None and session.is_open
        started = None if session is None else parse_utc(session.started_at)
        projection = self._mirror.projection()
        shown = None if projection is None else parse_utc(projection.shown_at)
        now = self.now()
        self.item_label.setVisible(open_ and shown is not None)
        if open_ and shown is not None:
            self.item_label.setText(elapsed_text((now - shown).total_seconds()))
        self.session_label.setVisible(open_ and started is not None)
        if open_ and started is not None:
            session_time = elapsed_text((now - started).total_seconds(), hours=True)
            self.session_label.setText(self.tr("Session {time}").format(time=session_time))
        if open_ and not self._timer.isActive():
            self._timer.start()
        elif not open_:
            self._timer.stop()
