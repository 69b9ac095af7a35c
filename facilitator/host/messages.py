"""The protocol's values, built from the core's (see docs/protocol.md)."""

from __future__ import annotations

import msgspec

from facilitator.core import model, rules
from facilitator.core.model import Projection, SessionInfo
from facilitator.core.session import SessionService
from facilitator.core.undo import UndoStep
from facilitator.core.word_lists import ItemHints, WordLists
from facilitator.protocol.moderator import (
    Hint,
    Item,
    Room,
    SessionDetails,
    UndoOffer,
)
from facilitator.protocol.moderator import WordLists as WireWordLists
from facilitator.protocol.phone import (
    Logo,
    PhoneState,
    PublicProjection,
    PublicReply,
    PublicSession,
    TextLimits,
)


def text_limits(session: SessionInfo) -> TextLimits:
    """The session's limits: ``learned`` 0 when the "what I learned" field is not offered."""
    learned = rules.MAX_LEARNED_CHARS if session.offer_lesson else 0
    return TextLimits(text=session.max_length, learned=learned, reply=rules.MAX_REPLY_CHARS)


def public_projection(projection: Projection | None) -> PublicProjection | None:
    if projection is None:
        return None
    return PublicProjection(
        projection.confession_id,
        projection.text,
        projection.learned,
        0 if projection.content_note else projection.agreement_count,
        tuple(
            PublicReply(reply.reply_id, reply.text, reply.agreement_count)
            for reply in projection.replies
        ),
        content_note=projection.content_note,
    )


def public_session(service: SessionService) -> PublicSession:
    """What any phone may see: no moderator data, only the edited text of what is shown."""
    session = service.session
    return PublicSession(
        session_id=session.id,
        title=session.title,
        prompt=session.prompt,
        agree_label=session.agree_label,
        status=session.status.value,
        projection=public_projection(service.projection()),
        limits=text_limits(session),
        organisers_record=session.organisers_record,
        language=session.language,
        house_rules=session.house_rules,
        unshown_record=session.unshown_record,
        accent=session.accent,
        logo=logo(session.logo),
    )


def logo(info: model.LogoInfo | None) -> Logo | None:
    return None if info is None else wire_logo(info)


def wire_logo(info: model.LogoInfo) -> Logo:
    return Logo(info.version, info.width, info.height, info.ink)


def phone_state(service: SessionService, participant_id: int) -> PhoneState:
    """The ``state`` a phone receives after ``hello``: the session and its own agreement."""
    public = public_session(service)
    projection = public.projection
    agreed = projection is not None and service.has_agreed(participant_id, projection.confession_id)
    helped = tuple(
        reply.reply_id
        for reply in (projection.replies if projection is not None else ())
        if service.has_agreed(participant_id, reply.reply_id)
    )
    return PhoneState(**msgspec.structs.asdict(public), agreed=agreed, helped=helped)


def item(found: model.Item, hints: ItemHints, like: tuple[int, ...] = ()) -> Item:
    return Item(
        id=found.id,
        kind=found.kind,
        parent_id=found.parent_id,
        text=found.text,
        learned=found.learned,
        original_text=found.original_text,
        original_learned=found.original_learned,
        state=found.state,
        queue_position=found.queue_position,
        shown_order=found.shown_order,
        agreement_count=found.agreement_count,
        set_apart_count=found.set_apart_count,
        version=found.version,
        hints=tuple(Hint(h.field, h.hint.start, h.hint.end, h.hint.kind) for h in hints.hints),
        flagged=hints.flagged,
        like=like,
        merged_into=found.merged_into,
        content_note=found.content_note,
        shown_at=found.shown_at,
    )


def moderator_item(service: SessionService, found: model.Item, like: tuple[int, ...] = ()) -> Item:
    return item(found, service.hints(found), like)


def undo_offer(step: UndoStep | None) -> UndoOffer | None:
    if step is None:
        return None
    return UndoOffer(step.id, step.action, step.item_id, step.item_ids)


def word_lists(lists: WordLists) -> WireWordLists:
    return WireWordLists(lists.local_names, lists.watch_words)


def session_details(session: SessionInfo) -> SessionDetails:
    return SessionDetails(
        session_id=session.id,
        title=session.title,
        prompt=session.prompt,
        agree_label=session.agree_label,
        status="open" if session.is_open else "ended",
        created_on=session.created_on,
        removed_count=session.removed_count,
        rehearsal=session.rehearsal,
        withdrawn_count=session.withdrawn_count,
        merged_count=session.merged_count,
        organisers_record=session.organisers_record,
        batching=session.batching,
        language=session.language,
        unshown_record=session.unshown_record,
        closing_note=session.closing_note,
        house_rules=session.house_rules,
        max_length=session.max_length,
        offer_lesson=session.offer_lesson,
        accent=session.accent,
        slide=session.slide,
        projector_theme=session.projector_theme,
        projector_corner_qr=session.projector_corner_qr,
        projector_timer=session.projector_timer,
        started_at=session.started_at,
        projector_path=projector_path(session),
        logo=logo(session.logo),
    )


def projector_path(session: SessionInfo) -> str:
    """Where the projector page is, on the host's address ("" once forgotten)."""
    secret = session.projector_secret
    return f"/projector/{secret}/" if secret else ""


def room(found: model.Room) -> Room:
    return Room(found.shared_apart, found.shared_counted, found.waiting, found.batching)
