"""The host's timer for timing privacy: held confessions go in together, shuffled.

The core holds new confessions while batching is on (``facilitator.core.batches``);
every :data:`~facilitator.core.batches.TICK_SECONDS` this lets them in once enough
wait, once the oldest has waited long enough, or at once when batching was switched
off. The shuffle uses the operating system's randomness: the order of a batch in
Incoming says nothing about the order in which its phones sent them.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable

from facilitator.core.batches import TICK_SECONDS, batch_due
from facilitator.core.errors import StoreUnavailable
from facilitator.core.session import SessionService

log = logging.getLogger(__name__)
_SYSTEM_RANDOM = random.SystemRandom()


class BatchRelease:
    def __init__(
        self,
        service: SessionService,
        *,
        clock: Callable[[], float] = time.monotonic,
        shuffle: Callable[[list[int]], None] = _SYSTEM_RANDOM.shuffle,
    ) -> None:
        self._service = service
        self._clock = clock
        self._shuffle = shuffle
        self._holding_since: float | None = None  # when the host first saw one held

    def tick(self) -> int:
        """Let the held confessions in if their batch is due; return how many went in."""
        held = self._service.held_count()
        if held == 0:
            self._holding_since = None
            return 0
        now = self._clock()
        if self._holding_since is None:
            self._holding_since = now
        if not batch_due(held, now - self._holding_since, active=self._service.batching()):
            return 0
        try:
            released = self._service.release_batch(self._shuffle)
        except StoreUnavailable as error:
            log.warning("Held confessions stay held: %s", error)
            return 0
        self._holding_since = None
        return released

    async def run(self, interval: float = TICK_SECONDS) -> None:
        while True:
            await asyncio.sleep(interval)
            self.tick()
