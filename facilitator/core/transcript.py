"""The record of a session that organisers keep: what was shown and how the room answered.

Built only from shown confessions' edited text and aggregate counts: nothing in
it identifies a participant.

Its formats are in ``core/record/``; where the files go, in ``core/record/files.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.core.model import Item, ItemKind, ItemState, SessionInfo
from facilitator.core.setup import house_rules_text
from facilitator.core.store import Store

FORMAT_NAME = "confessional-transcript"
# 2: totals.removed; 3: totals.withdrawn, received counts every one;
# 4: totals.merged, for_organisers (present only when the session kept them);
# 5: confessions[].phones_connected, closing_note, unshown, most_shared, register
# 6: confessions[].replies (what helped, from the room); register[].what_helped has them
# 7: house_rules (as the room read them); register[].follow_up filled in afterwards
#    (``core/record/amend.py``); older records read with "" and empty follow-ups
FORMAT_VERSION = 7


@dataclass(frozen=True, slots=True)
class HelpedReply:
    """An approved reply to a shown confession ("what helped"): its edited text and how
    many it helped too."""

    text: str
    agreements: int


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What the organisers will do about a mistake, and by when: filled in after the
    session (``core/record/amend.py``), one line each; never a participant's name."""

    action: str = ""
    by_when: str = ""

    @property
    def filled(self) -> bool:
        return bool(self.action or self.by_when)


@dataclass(frozen=True, slots=True)
class ShownConfession:
    order: int
    text: str
    learned: str
    agreements: int
    phones_connected: int | None = None  # when it was first shown (not known before v5)
    replies: tuple[HelpedReply, ...] = ()  # approved, in the order approved (v6)
    # The organisers' follow-up, filled in afterwards (v7): in the JSON as the register
    # row's ``follow_up``, never in ``confessions[]``.
    follow_up: FollowUp = FollowUp()


@dataclass(frozen=True, slots=True)
class Totals:
    received: int
    shown: int
    removed: int  # shown, then taken out of the record: only their number is kept
    withdrawn: int  # taken back by their authors before they were shown
    agreements: int
    phones_joined: int
    merged: int = 0  # merged into a confession very like them (their voters count there)
    set_aside: int = 0  # set aside by the moderators and never shown (v6)


@dataclass(frozen=True, slots=True)
class Transcript:
    title: str
    prompt: str
    date: str
    agree_label: str
    confessions: tuple[ShownConfession, ...]
    totals: Totals
    # Confessions their senders marked for the organisers only: in the record only when
    # the session said so before the first confession (``None``: it did not).
    for_organisers: tuple[OrganisersNote, ...] | None = None
    closing_note: str = ""  # the facilitator's
    # Approved confessions there was no time to show: only when the session said so
    # before the first confession (``None``: it did not).
    unshown: tuple[OrganisersNote, ...] | None = None
    # The house rules as the room read them (``core/setup.py``); "" in records written
    # before v7.
    house_rules: str = ""


@dataclass(frozen=True, slots=True)
class OrganisersNote:
    """A confession in the record without a place in the order shown (for the organisers
    only, or approved and never shown): its edited text and lesson."""

    text: str
    learned: str


def received_total(store: Store, session: SessionInfo) -> int:
    """Every confession that arrived: in a lane, still waiting its turn, or withdrawn."""
    return (
        store.received_count(session.id) + store.waiting_total(session.id) + session.withdrawn_count
    )


def build_transcript(store: Store, session: SessionInfo) -> Transcript:
    everything = store.items(session.id)
    items = [c for c in everything if c.kind is ItemKind.CONFESSION]
    replies = _approved_replies(everything)
    shown = [c for c in items if c.state is ItemState.SHOWN]
    removed = sum(1 for c in items if c.state is ItemState.REMOVED)
    merged = sum(1 for c in items if c.state is ItemState.MERGED)
    set_aside = sum(1 for c in items if c.state is ItemState.SET_ASIDE)
    notes = tuple(
        OrganisersNote(c.text, c.learned) for c in items if c.state is ItemState.FOR_ORGANISERS
    )
    shown.sort(key=lambda c: c.shown_order or 0)
    confessions = tuple(
        ShownConfession(
            order=n,
            text=c.text,
            learned=c.learned,
            agreements=c.agreement_count,
            phones_connected=c.phones_at_show,
            replies=replies.get(c.id, ()),
        )
        for n, c in enumerate(shown, start=1)
    )
    queued = sorted(
        (c for c in items if c.state is ItemState.APPROVED),
        key=lambda c: (c.queue_position or 0, c.id),
    )
    return Transcript(
        title=session.title,
        prompt=session.prompt,
        date=session.created_on,
        agree_label=session.agree_label,
        confessions=confessions,
        totals=Totals(
            received=received_total(store, session),
            shown=len(confessions),
            removed=session.removed_count + removed,
            withdrawn=session.withdrawn_count,
            merged=session.merged_count + merged,
            set_aside=set_aside,
            agreements=sum(c.agreements for c in confessions),
            phones_joined=store.participant_count(session.id),
        ),
        for_organisers=notes if session.organisers_record else None,
        closing_note=session.closing_note,
        unshown=tuple(OrganisersNote(c.text, c.learned) for c in queued)
        if session.unshown_record
        else None,
        house_rules=house_rules_text(session),
    )


def _approved_replies(items: list[Item]) -> dict[int, tuple[HelpedReply, ...]]:
    """Each confession's approved replies, in the order approved; those of a confession
    merged into another are that one's (the same mistake: what helped stays with it)."""
    approved = sorted(
        (i for i in items if i.kind is ItemKind.REPLY and i.state is ItemState.APPROVED),
        key=lambda i: (i.queue_position or 0, i.id),
    )
    merged_into = {i.id: i.merged_into for i in items if i.merged_into is not None}
    found: dict[int, list[HelpedReply]] = {}
    for reply in approved:
        parent = reply.parent_id
        while parent in merged_into:
            parent = merged_into[parent]
        if parent is not None:
            helped = HelpedReply(reply.text, reply.agreement_count)
            found.setdefault(parent, []).append(helped)
    return {parent: tuple(helped) for parent, helped in found.items()}
