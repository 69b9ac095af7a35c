"""Confessions enter Incoming at the pace a person writes, however fast they are sent.

Each participant's first :data:`BURST` go straight in, then one every
:data:`SECONDS_BETWEEN`; the rest wait in the store (acknowledged, so kept even on
``kill -9``) and :meth:`ConfessionPace.run` lets each author's oldest in when it is
their turn. One phone sending thousands fills no lane: moderators see only how many wait.

Participants on a shared address whose agreements are set apart (one address minting
many tokens, until the facilitator counts it) share one pace between them as well:
:data:`SET_APART_BURST`, then one every :data:`SET_APART_SECONDS_BETWEEN`, so a
thousand minted tokens do not make a thousand writers.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from facilitator.core.errors import StoreUnavailable
from facilitator.core.model import Sharing
from facilitator.core.session import SessionService
from facilitator.host.ratelimit import RateLimiter

log = logging.getLogger(__name__)

BURST = 3
SECONDS_BETWEEN = 20.0
SET_APART_BURST = 10
SET_APART_SECONDS_BETWEEN = 6.0
RELEASE_INTERVAL_SECONDS = 1.0


class ConfessionPace:
    def __init__(
        self,
        service: SessionService,
        *,
        burst: int = BURST,
        seconds_between: float = SECONDS_BETWEEN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._service = service
        self._turns = RateLimiter(burst=burst, per_second=1 / seconds_between, clock=clock)
        self._set_apart_turns = RateLimiter(
            burst=SET_APART_BURST, per_second=1 / SET_APART_SECONDS_BETWEEN, clock=clock
        )

    def may_enter(self, author_id: int) -> bool:
        """Whether the author's next confession may enter Incoming now (takes the turn)."""
        # Per session: the next session gives the same participant ids out again.
        session_id = self._service.session.id
        if not self._turns.allow((session_id, author_id)):
            return False
        if self._service.sharing(author_id) is Sharing.SET_APART:
            return self._set_apart_turns.allow(session_id)
        return True

    def release(self) -> int:
        """Let in each waiting author's oldest confession whose turn it is."""
        try:
            return self._service.release_waiting(self.may_enter)
        except StoreUnavailable as error:
            log.warning("Waiting confessions stay waiting: %s", error)
            return 0

    async def run(self, interval: float = RELEASE_INTERVAL_SECONDS) -> None:
        while True:
            await asyncio.sleep(interval)
            self.release()
