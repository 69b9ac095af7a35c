"""Agreements that arrive in the same turn of the event loop are committed together.

A room agreeing at once sends thousands of taps within a second; one transaction
per turn instead of one per tap keeps the host's disk and CPU out of the way.
Every tap is still acknowledged only after the commit that holds it.
"""

from __future__ import annotations

import asyncio

from facilitator.core.errors import DomainError, StoreUnavailable
from facilitator.core.model import AgreementOutcome, AgreementRequest
from facilitator.core.session import SessionService

type _Waiting = tuple[AgreementRequest, asyncio.Future[AgreementOutcome]]


class AgreementBatcher:
    def __init__(self, service: SessionService) -> None:
        self._service = service
        self._waiting: list[_Waiting] = []

    async def set(self, request: AgreementRequest) -> AgreementOutcome:
        """Record ``request`` with the others of this turn; raise its refusal, if any."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[AgreementOutcome] = loop.create_future()
        if not self._waiting:
            loop.call_soon(self._commit)
        self._waiting.append((request, future))
        return await future

    def _commit(self) -> None:
        batch, self._waiting = self._waiting, []
        try:
            outcomes = self._service.set_agreements([request for request, _ in batch])
        except (DomainError, StoreUnavailable) as refused:
            for _, future in batch:
                if not future.done():
                    future.set_exception(refused)
            return
        for (_, future), outcome in zip(batch, outcomes, strict=True):
            if future.done():
                continue  # the phone went away meanwhile; its agreement is recorded
            if isinstance(outcome, AgreementOutcome):
                future.set_result(outcome)
            else:
                future.set_exception(outcome)
