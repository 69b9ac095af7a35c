"""Core events as Qt signals: the only way the windows learn that something changed.

The core's :class:`~facilitator.core.events.EventBus` is plain Python and calls
its listeners synchronously on the GUI thread (the whole app runs on one qasync
loop), so the bridge re-emits each event directly, with no queueing. It is on
the path of every "Been there" tap: the agreement case is checked first and does
nothing but one ``emit``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from facilitator.core.events import (
    AgreementCountChanged,
    ConfessionAdded,
    ConfessionChanged,
    Event,
    EventBus,
    ProjectionChanged,
    SessionChanged,
    SessionEnded,
    StoreHealthChanged,
)
from facilitator.net.addresses import JoinInfo


class CoreBridge(QObject):
    """Re-emits the events of one bus as Qt signals until :meth:`detach` is called."""

    confession_added = Signal(object)  # Confession
    confession_changed = Signal(object)  # Confession
    projection_changed = Signal(object)  # Projection | None
    agreement_count_changed = Signal(int, int)  # confession id, count
    session_changed = Signal(object)  # SessionInfo
    session_ended = Signal(object)  # SessionEnded (session and transcript paths)
    store_health_changed = Signal(bool, str)  # healthy, detail
    phones_connected_changed = Signal(int)
    join_info_changed = Signal(object)  # JoinInfo: the facilitator picked another address

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._phones_connected = 0
        self._unsubscribe: Callable[[], None] | None = bus.subscribe(self._on_event)

    @property
    def phones_connected(self) -> int:
        return self._phones_connected

    def set_phones_connected(self, count: int) -> None:
        """Called by the network layer whenever phones connect or leave."""
        if count != self._phones_connected:
            self._phones_connected = count
            self.phones_connected_changed.emit(count)

    def set_join_info(self, join: JoinInfo) -> None:
        """Announce a new join link to every window (the console calls this)."""
        self.join_info_changed.emit(join)

    def detach(self) -> None:
        """Stop listening to the bus (call before the windows go away)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_event(self, event: Event) -> None:
        if type(event) is AgreementCountChanged:  # the hot path: one per tap
            self.agreement_count_changed.emit(event.confession_id, event.count)
            return
        match event:
            case ConfessionAdded(confession):
                self.confession_added.emit(confession)
            case ConfessionChanged(confession):
                self.confession_changed.emit(confession)
            case ProjectionChanged(projection):
                self.projection_changed.emit(projection)
            case SessionChanged(session):
                self.session_changed.emit(session)
            case SessionEnded():
                self.session_ended.emit(event)
            case StoreHealthChanged(healthy, detail):
                self.store_health_changed.emit(healthy, detail)
