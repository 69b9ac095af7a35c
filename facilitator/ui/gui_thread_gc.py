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


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.collect_due)
        self._was_automatic = gc.isenabled()

    def start(self) -> None:
        self._was_automatic = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Leave collection as it was before :meth:`start`."""
        self._timer.stop()
        if self._was_automatic:
            gc.enable()

    def collect_due(self) -> int:
        """Collect the oldest generation whose threshold (and every younger one's) is
        passed, as automatic collection would have; its number, or ``NOTHING_DUE``."""
        due = NOTHING_DUE
        for generation, (count, threshold) in enumerate(
            zip(gc.get_count(), gc.get_threshold(), strict=True)
        ):
            if threshold <= 0 or count <= threshold:
                break
            due = generation
        if due != NOTHING_DUE:
            gc.collect(due)
        return due
