"""Python's cyclic garbage, collected on the GUI thread only.

Python collects cycles in whichever thread happens to allocate past a threshold. In
the console's process that can be a worker thread: asyncio's executor (which qasync
makes of QThreads) or the Windows firewall check. A cycle holding a Qt object (a closed
loop's timer, a window's signal connection) is then destroyed off the thread that owns
it, and Qt warns "Timers cannot be stopped from another thread", or crashes. So
automatic collection is off in this process, and a timer on the GUI thread runs the
collections that the thresholds call for: the same generations, a moment later.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 200
NOTHING_DUE = -1
OLDEST = 2


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.collect_due)
        self._was_automatic = gc.isenabled()
        self._long_lived = 0  # objects in the oldest generation after its last collection
        self._pending = 0  # objects that reached it since

    def start(self) -> None:
        self._was_automatic = gc.isenabled()
        gc.disable()
        self._long_lived, self._pending = len(gc.get_objects(generation=OLDEST)), 0
        self._timer.start()

    def stop(self) -> None:
        """Leave collection as it was before :meth:`start`."""
        self._timer.stop()
        if self._was_automatic:
            gc.enable()

    def collect_due(self) -> int:
        """What automatic collection would have done by now: once the youngest generation
        passed its threshold, collect the oldest generation that passed its own (the
        oldest only once it grew by a quarter, CPython's rule against collecting a large
        heap again and again). The generation's number, or ``NOTHING_DUE``."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if thresholds[0] <= 0 or counts[0] <= thresholds[0]:
            return NOTHING_DUE
        due = next(
            generation
            for generation in range(OLDEST, -1, -1)
            if counts[generation] > thresholds[generation]
            and (generation < OLDEST or self._pending > self._long_lived / 4)
        )
        young = sum(len(gc.get_objects(generation=g)) for g in range(due + 1)) if due == 1 else 0
        found = gc.collect(due)
        if due == OLDEST:
            self._long_lived, self._pending = len(gc.get_objects(generation=OLDEST)), 0
        elif due == 1:
            self._pending += young - found  # the survivors, now in the oldest generation
        return due
