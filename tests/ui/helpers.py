"""Helpers for the UI tests: phones acting through the real session service."""

from __future__ import annotations

import itertools

from facilitator.core.session import SessionService

_client_ids = itertools.count(1)


def participant(service: SessionService) -> int:
    return service.participant(service.join())


def submit(service: SessionService, text: str, learned: str = "") -> int:
    """A phone joins and submits ``text``; returns the confession id."""
    client_id = f"client-id-{next(_client_ids):04d}"
    return service.submit(participant(service), client_id, text, learned).confession_id
