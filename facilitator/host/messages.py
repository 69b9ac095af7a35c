"""The protocol's values, built from the core's (see docs/protocol.md)."""

from __future__ import annotations

from facilitator.core import rules
from facilitator.core.model import Confession, Projection, SessionInfo
from facilitator.core.session import SessionService
from facilitator.protocol.moderator import Item, ItemKind, ItemState, SessionDetails
from facilitator.protocol.phone import PhoneState, PublicProjection, PublicSession, TextLimits

TEXT_LIMITS = TextLimits(text=rules.MAX_CONFESSION_CHARS, learned=rules.MAX_LEARNED_CHARS)


def public_projection(projection: Projection | None) -> PublicProjection | None:
    if projection is None:
        return None
    return PublicProjection(
        projection.confession_id, projection.text, projection.learned, projection.agreement_count
    )


def public_session(service: SessionService) -> PublicSession:
    """What any phone may see: no moderator data, only the edited text of what is shown."""
    session = service.session
    return PublicSession(
        session.id,
        session.title,
        session.prompt,
        session.agree_label,
        session.status.value,
        public_projection(service.projection()),
        TEXT_LIMITS,
    )


def phone_state(service: SessionService, participant_id: int) -> PhoneState:
    """The ``state`` a phone receives after ``hello``: the session and its own agreement."""
    public = public_session(service)
    projection = public.projection
    agreed = projection is not None and service.has_agreed(participant_id, projection.confession_id)
    return PhoneState(
        public.session_id,
        public.title,
        public.prompt,
        public.agree_label,
        public.status,
        projection,
        public.limits,
        agreed,
    )


def item(confession: Confession) -> Item:
    return Item(
        id=confession.id,
        kind=ItemKind.CONFESSION,
        parent_id=None,
        text=confession.text,
        learned=confession.learned,
        original_text=confession.original_text,
        original_learned=confession.original_learned,
        state=ItemState(confession.state.value),
        queue_position=confession.queue_position,
        shown_order=confession.shown_order,
        agreement_count=confession.agreement_count,
    )


def session_details(session: SessionInfo) -> SessionDetails:
    return SessionDetails(
        session_id=session.id,
        title=session.title,
        prompt=session.prompt,
        agree_label=session.agree_label,
        status="open" if session.is_open else "ended",
        created_on=session.created_on,
    )
