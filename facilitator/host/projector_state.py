"""The big screen's state (``protocol/projector.py``), built from the session."""

from __future__ import annotations

from facilitator.core.session import SessionService
from facilitator.core.store import utc_now
from facilitator.host import messages
from facilitator.protocol.projector import Closing, ProjectorState, ScreenSlide, SharedMistake


def projector_state(service: SessionService, join_url: str) -> ProjectorState:
    session = service.session
    projection = service.projection()
    slide: ScreenSlide = "confession" if projection is not None else session.slide
    if not session.is_open and projection is None:
        slide = "closing"
    closing = None
    if slide == "closing":
        summary = service.closing_summary()
        closing = Closing(
            summary.received,
            summary.shown,
            summary.set_aside,
            summary.removed,
            tuple(SharedMistake(text, count) for text, count in summary.most_shared),
        )
    return ProjectorState(
        slide=slide,
        status="open" if session.is_open else "ended",
        title=session.title,
        prompt=session.prompt,
        agree_label=session.agree_label,
        house_rules=session.house_rules,
        unshown_record=session.unshown_record,
        organisers_record=session.organisers_record,
        join_url=join_url,
        language=session.language,
        theme=session.projector_theme,
        accent=session.accent,
        corner_qr=session.projector_corner_qr,
        timer=session.projector_timer,
        projection=messages.public_projection(projection),
        shown_at=projection.shown_at if projection is not None else None,
        started_at=session.started_at,
        now=utc_now(),
        closing=closing,
        logo=messages.logo(session.logo),
    )
