"""The payloads the server sends, built from the core's values (see docs/protocol.md)."""

from __future__ import annotations

from typing import Any

from facilitator.core.model import Confession, Projection, SessionInfo
from facilitator.core.session import SessionService


def projection_payload(projection: Projection | None) -> dict[str, Any] | None:
    if projection is None:
        return None
    return {
        "confession_id": projection.confession_id,
        "text": projection.text,
        "learned": projection.learned,
        "count": projection.agreement_count,
    }


def session_summary(session: SessionInfo) -> dict[str, Any]:
    return {
        "session_id": session.id,
        "title": session.title,
        "prompt": session.prompt,
        "agree_label": session.agree_label,
        "status": session.status.value,
    }


def public_session(service: SessionService) -> dict[str, Any]:
    """What any phone may see: no moderator data, only the edited text of what is shown."""
    return {
        **session_summary(service.session),
        "projection": projection_payload(service.projection()),
    }


def confession_for_moderator(confession: Confession) -> dict[str, Any]:
    return {
        "id": confession.id,
        "text": confession.text,
        "learned": confession.learned,
        "original_text": confession.original_text,
        "original_learned": confession.original_learned,
        "state": confession.state.value,
        "queue_position": confession.queue_position,
        "shown_order": confession.shown_order,
        "agreement_count": confession.agreement_count,
    }


def moderator_state(service: SessionService, transcript_paths: tuple[str, ...]) -> dict[str, Any]:
    return {
        "session": session_summary(service.session),
        "current_confession_id": service.session.current_confession_id,
        "phones_joined": service.phones_joined(),
        "store_healthy": service.store_healthy,
        "transcript_paths": list(transcript_paths),
        "confessions": [confession_for_moderator(c) for c in service.confessions()],
    }
