"""Python's full garbage collection, moved out of the room's busiest moments.

With thousands of phones connected the host holds millions of objects, and one full
(generation 2) collection walks them all: 650 ms measured at 10,000 phones, several
times during a burst of agreements, stalling every phone and moderator at once. The
young generations still collect as usual (most cycles die young: futures, exceptions);
the full collection runs when the room has been quiet for a moment, or at the latest
every :data:`LONGEST_WITHOUT_SECONDS`, so that cycles of departed phones are still freed.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

CHECK_SECONDS = 10.0
QUIET_SECONDS = 5.0
AT_MOST_EVERY_SECONDS = 120.0
LONGEST_WITHOUT_SECONDS = 900.0
# Generation 2 runs only when this pacer asks: its automatic threshold is never reached.
THRESHOLDS = (10_000, 20, 1_000_000)


class GcPacer:
    """``last_activity`` says when a phone last sent something (``time.monotonic``)."""

    def __init__(self, last_activity: Callable[[], float]) -> None:
        self._last_activity = last_activity
        self._previous_thresholds = gc.get_threshold()
        self._last_full = time.monotonic()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        gc.collect()
        gc.freeze()  # what exists after start-up lives as long as the host
        gc.set_threshold(*THRESHOLDS)
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Hand the collector back its own thresholds (what was frozen stays frozen)."""
        if self._task is not None:
            self._task.cancel()
        gc.set_threshold(*self._previous_thresholds)

    def due(self, now: float) -> bool:
        since_full = now - self._last_full
        quiet = now - self._last_activity() >= QUIET_SECONDS
        return since_full >= LONGEST_WITHOUT_SECONDS or (
            quiet and since_full >= AT_MOST_EVERY_SECONDS
        )

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(CHECK_SECONDS)
            now = time.monotonic()
            if self.due(now):
                started = time.perf_counter()
                freed = gc.collect()
                self._last_full = time.monotonic()
                log.debug(
                    "Full garbage collection: %d objects freed in %.0f ms",
                    freed,
                    (time.perf_counter() - started) * 1000,
                )
