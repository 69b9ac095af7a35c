"""A burst of changes re-reads the lanes it touches once, instead of hundreds of row moves.

A bulk action (approve 300, set aside a whole queue) or a session's end reaches the
console as one ``item.changed`` (or ``item.removed``) per item, all in one turn of the
event loop. Moved one row at a time, each costs a model insertion and removal, their
signals and the view's bookkeeping: a tenth of a millisecond each, hundreds of them.
So the first :data:`BURST_ROWS` changes of a turn move their rows as usual (a few
changes show at once, as before), and past that the lanes they touch are re-read once
at the end of the turn (:class:`ConfessionList.replace_all`, whose wrapped lines are
cached: only the changed rows are new), the selection kept by id.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from facilitator.ui.confession_list import ConfessionList

BURST_ROWS = 64  # changes in one turn of the event loop moved row by row; past it, re-read

Reread = Callable[[ConfessionList, set[int]], None]  # a lane, the ids that changed in it


class LaneBursts(QObject):
    """Counts the changes of this turn of the event loop; :meth:`defer` says whether one
    waits for the end of the turn, when ``reread`` gets each lane touched and its ids."""

    def __init__(self, reread: Reread, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reread = reread
        self._changes = 0
        self._pending: dict[ConfessionList, set[int]] = {}
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self.end_turn)

    @property
    def bursting(self) -> bool:
        return bool(self._pending)

    def defer(self, item_id: int, *lanes: ConfessionList | None) -> bool:
        """One change of ``item_id`` in ``lanes`` (where it was, where it goes): whether it
        waits for the end of the turn (True) or is to be made now (False)."""
        if not self._turn.isActive():
            self._turn.start()
        self._changes += 1
        if self._changes <= BURST_ROWS and not self._pending:
            return False
        for lane in lanes:
            if lane is not None:
                self._pending.setdefault(lane, set()).add(item_id)
        return True

    def end_turn(self) -> None:
        """Re-read the lanes this turn's burst touched (also at once, when asked)."""
        self._turn.stop()
        self._changes = 0
        pending, self._pending = self._pending, {}
        for lane, item_ids in pending.items():
            self._reread(lane, item_ids)
