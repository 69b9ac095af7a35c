"""What helped: a phone's one short line under a shown confession, a moderated item of
kind ``reply`` whose parent is the confession."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.core.errors import RuleViolation
from facilitator.core.events import EventBus, ItemAdded, ProjectionChanged
from facilitator.core.model import ItemKind, ItemState, ProjectedReply
from facilitator.core.record.formats import RecordFormat, document, render
from facilitator.core.record.library import transcript_from
from facilitator.core.record.register import register
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.core.transcript import FORMAT_VERSION
from facilitator.protocol.commands import (
    Approve,
    ApproveMany,
    Blank,
    Edit,
    EndSession,
    Merge,
    Move,
    MoveToTop,
    Project,
    Remove,
    Restore,
    SetAside,
    SetBatching,
)
from tests.core.helpers import Recorder, Room, next_up, refused, undo

_replies = 0


def reply(service: SessionService, phone: int, confession: int, text: str = "") -> int:
    """A phone's reply, let straight into Incoming; returns its id."""
    global _replies  # noqa: PLW0603 (a counter for unique client ids)
    _replies += 1
    outcome = service.submit_reply(
        phone, f"reply-{_replies:05d}", confession, text or f"what helped {_replies}"
    )
    assert not outcome.duplicate and outcome.confession_id is not None
    return outcome.confession_id


def approved_reply(service: SessionService, phone: int, confession: int, text: str = "") -> int:
    reply_id = reply(service, phone, confession, text)
    service.execute(Approve(reply_id))
    return reply_id


# Submitting


def test_a_reply_is_an_item_of_kind_reply_under_its_confession(
    service: SessionService, room: Room, recorder: Recorder
) -> None:
    confession = room.shown(room.phone())
    recorder.clear()

    reply_id = reply(service, room.phone(), confession, "  A checklist before every deploy. ")

    item = service.item(reply_id)
    assert (item.kind, item.parent_id, item.state) == (
        ItemKind.REPLY,
        confession,
        ItemState.INCOMING,
    )
    assert (item.text, item.learned) == ("A checklist before every deploy.", "")
    assert recorder.of(ItemAdded) == [ItemAdded(item)]


def test_only_a_shown_confession_takes_replies(service: SessionService, room: Room) -> None:
    phone = room.phone()
    incoming = room.submit(phone)
    queued = room.approved(phone)
    refused("not_shown", lambda: service.submit_reply(phone, "reply-a-01", incoming, "x"))
    refused("not_shown", lambda: service.submit_reply(phone, "reply-a-02", queued, "x"))
    refused("not_shown", lambda: service.submit_reply(phone, "reply-a-03", 9999, "x"))
    shown = room.shown(phone)
    reply_id = reply(service, phone, shown)
    refused("not_shown", lambda: service.submit_reply(phone, "reply-a-04", reply_id, "x"))


def test_a_confession_taken_off_the_screen_still_takes_replies(
    service: SessionService, room: Room
) -> None:
    confession = room.shown(room.phone())
    service.execute(Blank())
    reply(service, room.phone(), confession)


def test_one_reply_per_phone_per_confession(service: SessionService, room: Room) -> None:
    phone = room.phone()
    first, second = room.shown(phone), room.shown(phone)
    outcome = service.submit_reply(phone, "reply-b-01", first, "Ask for a review.")

    again = service.submit_reply(phone, "reply-b-01", first, "Ask for a review.")
    assert again.duplicate and again.confession_id == outcome.confession_id
    refused("already_replied", lambda: service.submit_reply(phone, "reply-b-02", first, "More"))
    reply(service, phone, second)  # another confession: another reply
    reply(service, room.phone(), first)  # another phone


def test_a_reply_is_one_short_line(service: SessionService, room: Room) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    for text, code in (
        ("x" * 201, "text_too_long"),
        ("two\nlines", "text_forbidden_characters"),
        ("   ", "text_empty"),
    ):
        with pytest.raises(RuleViolation) as caught:
            service.submit_reply(phone, "reply-c-01", confession, text)
        assert caught.value.code == code
    reply(service, phone, confession, "y" * 200)


def test_replies_are_refused_once_the_session_has_ended(
    service: SessionService, room: Room
) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    service.execute(EndSession())
    refused("session_ended", lambda: service.submit_reply(phone, "reply-d-01", confession, "x"))


def test_a_reply_held_for_a_batch_keeps_its_kind_and_parent(
    service: SessionService, room: Room
) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    service.execute(SetBatching("on"))

    outcome = service.submit_reply(phone, "reply-e-01", confession, "Held, then let in")
    assert outcome.confession_id is None and not outcome.duplicate
    assert service.submit_reply(phone, "reply-e-01", confession, "Held, then let in").duplicate
    refused("already_replied", lambda: service.submit_reply(phone, "reply-e-02", confession, "x"))
    assert service.held_count() == 1

    assert service.release_batch(lambda ids: None) == 1
    [released] = [i for i in service.items() if i.kind is ItemKind.REPLY]
    assert (released.parent_id, released.text, released.state) == (
        confession,
        "Held, then let in",
        ItemState.INCOMING,
    )


def test_a_paced_reply_waits_its_turn(service: SessionService, room: Room) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    outcome = service.submit_reply(
        phone, "reply-f-01", confession, "Waits", may_enter=lambda author: False
    )
    assert outcome.confession_id is None
    assert service.room().waiting == 1
    assert service.release_waiting(lambda author: True) == 1
    [released] = [i for i in service.items() if i.kind is ItemKind.REPLY]
    assert released.parent_id == confession


# The lanes and commands


def test_an_approved_reply_never_enters_up_next(service: SessionService, room: Room) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    queued = room.approved(phone)
    reply_id = approved_reply(service, phone, confession)

    assert service.item(reply_id).state is ItemState.APPROVED
    assert service.queue_head() == queued
    refused("not_queued", lambda: service.execute(Move(reply_id, None)))
    refused("not_queued", lambda: service.execute(MoveToTop(reply_id)))
    refused("queue_changed", lambda: service.execute(Move(queued, reply_id)))
    service.execute(next_up(service))
    assert service.session.current_item_id == queued
    assert service.queue_head() is None  # the reply is not queued


def test_a_reply_cannot_be_projected(service: SessionService, room: Room) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    reply_id = approved_reply(service, phone, confession)
    refused("cannot_project_reply", lambda: service.execute(Project(reply_id)))
    incoming = reply(service, room.phone(), confession)
    refused("cannot_project_reply", lambda: service.execute(Project(incoming)))


def test_approve_many_queues_confessions_and_orders_replies_apart(
    service: SessionService, room: Room
) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    first = reply(service, phone, confession)
    second = reply(service, room.phone(), confession)
    waiting = room.submit(phone)

    service.execute(ApproveMany((second, waiting, first)))

    assert [item_id for item_id, _ in service._store.queue(service.session.id)] == [waiting]
    projection = service.projection()
    assert projection is not None
    assert [r.reply_id for r in projection.replies] == [second, first]


def test_set_aside_restore_and_undo_of_a_reply(service: SessionService, room: Room) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    reply_id = approved_reply(service, phone, confession)

    service.execute(SetAside(reply_id))
    assert service.item(reply_id).state is ItemState.SET_ASIDE
    undo(service)
    assert service.item(reply_id).state is ItemState.APPROVED
    service.execute(SetAside(reply_id))
    service.execute(Restore(reply_id))
    assert service.item(reply_id).state is ItemState.INCOMING
    undo(service)
    undo(service)
    assert service.item(reply_id).state is ItemState.APPROVED


def test_editing_a_reply_keeps_it_one_short_line_without_a_lesson(
    service: SessionService, room: Room
) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    reply_id = reply(service, phone, confession, "Ask Jo for a review")

    service.execute(Edit(reply_id, 1, "Ask […] for a review", ""))
    edited = service.item(reply_id)
    assert (edited.text, edited.original_text, edited.version) == (
        "Ask […] for a review",
        "Ask Jo for a review",
        2,
    )
    with pytest.raises(RuleViolation) as caught:
        service.execute(Edit(reply_id, 2, "x" * 201, ""))
    assert caught.value.code == "text_too_long"
    with pytest.raises(RuleViolation) as caught:
        service.execute(Edit(reply_id, 2, "Fine", "A lesson"))
    assert caught.value.code == "learned_not_allowed"
    undo(service)
    assert service.item(reply_id).text == "Ask Jo for a review"


def test_replies_merge_only_with_replies_to_the_same_confession(
    service: SessionService, room: Room
) -> None:
    phone, other = room.phone(), room.phone()
    confession, another = room.shown(phone), room.shown(phone)
    first = reply(service, phone, confession, "A checklist")
    second = reply(service, other, confession, "A check list")
    elsewhere = reply(service, phone, another, "A checklist too")
    incoming = room.submit(phone)

    refused("cannot_merge", lambda: service.execute(Merge(first, (elsewhere,), 1, "x", "")))
    refused("cannot_merge", lambda: service.execute(Merge(first, (incoming,), 1, "x", "")))
    refused("cannot_merge", lambda: service.execute(Merge(incoming, (first,), 1, "x", "")))

    service.execute(Approve(first))
    service.execute(Merge(first, (second,), 1, "A checklist", ""))
    assert service.item(second).state is ItemState.MERGED
    assert service.item(second).merged_into == first
    undo(service)
    assert service.item(second).state is ItemState.INCOMING


def test_merging_replies_unites_their_helped_too_voters(
    service: SessionService, room: Room
) -> None:
    phones = [room.phone() for _ in range(3)]
    confession = room.shown(phones[0])
    first = approved_reply(service, phones[0], confession, "A checklist")
    second = approved_reply(service, phones[1], confession, "A check list")
    service.set_agreement(phones[2], first, True)
    service.set_agreement(phones[2], second, True)
    service.set_agreement(phones[1], second, True)

    service.execute(Merge(first, (second,), 1, "A checklist", ""))

    assert service.item(first).agreement_count == 2  # each phone once
    projection = service.projection()
    assert projection is not None
    assert projection.replies == (ProjectedReply(first, "A checklist", 2),)


def test_a_reply_is_withdrawn_by_its_author_until_approved(
    service: SessionService, room: Room
) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    service.submit_reply(phone, "reply-g-01", confession, "Taken back")
    withdrawn_before = service.session.withdrawn_count

    service.withdraw(phone, "reply-g-01")

    assert [i for i in service.items() if i.kind is ItemKind.REPLY] == []
    assert service.session.withdrawn_count == withdrawn_before  # confessions only
    outcome = service.submit_reply(phone, "reply-g-02", confession, "Kept")
    assert outcome.confession_id is not None
    service.execute(Approve(outcome.confession_id))
    refused("already_approved", lambda: service.withdraw(phone, "reply-g-02"))


def test_a_waiting_reply_is_withdrawn_too(service: SessionService, room: Room) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    service.execute(SetBatching("on"))
    service.submit_reply(phone, "reply-h-01", confession, "Held")
    service.withdraw(phone, "reply-h-01")
    assert service.held_count() == 0
    assert service.session.withdrawn_count == 0


# This helped me too


def test_this_helped_me_too_counts_on_an_approved_reply(
    service: SessionService, room: Room
) -> None:
    phone, other = room.phone(), room.phone()
    confession = room.shown(phone)
    incoming = reply(service, phone, confession)
    refused("not_shown", lambda: service.set_agreement(other, incoming, True))
    service.execute(Approve(incoming))

    outcome = service.set_agreement(other, incoming, True)
    assert outcome.count == 1
    assert service.set_agreement(other, incoming, True).count == 1  # a set, not a toggle
    assert service.item(confession).agreement_count == 0  # a count of its own
    assert service.set_agreement(other, incoming, False).count == 0

    service.execute(SetAside(incoming))
    refused("not_shown", lambda: service.set_agreement(other, incoming, True))


# The projection


def test_the_projection_carries_the_approved_replies_in_the_order_approved(
    service: SessionService, room: Room, recorder: Recorder
) -> None:
    phones = [room.phone() for _ in range(3)]
    confession = room.shown(phones[0])
    first = reply(service, phones[0], confession, "First")
    second = reply(service, phones[1], confession, "Second")
    reply(service, phones[2], confession, "Never approved")
    recorder.clear()

    service.execute(Approve(second))
    service.execute(Approve(first))
    service.set_agreement(phones[2], second, True)

    projection = service.projection()
    assert projection is not None
    assert projection.replies == (
        ProjectedReply(second, "Second", 1),
        ProjectedReply(first, "First", 0),
    )
    assert len(recorder.of(ProjectionChanged)) == 2  # each approval

    recorder.clear()
    service.execute(Edit(first, 1, "First, edited", ""))
    service.execute(SetAside(second))
    changes = recorder.of(ProjectionChanged)
    assert len(changes) == 2
    last = changes[-1].projection
    assert last is not None
    assert last.replies == (ProjectedReply(first, "First, edited", 0),)


def test_replies_of_a_confession_off_screen_leave_the_projection_alone(
    service: SessionService, room: Room, recorder: Recorder
) -> None:
    phone = room.phone()
    earlier = room.shown(phone)
    room.shown(phone)
    reply_id = reply(service, phone, earlier)
    recorder.clear()
    service.execute(Approve(reply_id))
    assert recorder.of(ProjectionChanged) == []
    service.execute(Project(earlier))
    projection = service.projection()
    assert projection is not None and [r.reply_id for r in projection.replies] == [reply_id]


# The record and the end


def test_the_record_lists_approved_replies_and_the_register_what_helped(
    service: SessionService, room: Room
) -> None:
    phones = [room.phone() for _ in range(3)]
    confession = room.submit(phones[0], "I deployed on a Friday.", "Not on Fridays.")
    service.execute(Approve(confession))
    service.execute(Project(confession))
    first = approved_reply(service, phones[1], confession, "A deploy freeze")
    approved_reply(service, phones[2], confession, "Feature flags")
    reply(service, phones[0], confession, "NEVERAPPROVED")
    service.set_agreement(phones[0], first, True)

    record = service.record()
    [shown] = record.confessions
    assert [(r.text, r.agreements) for r in shown.replies] == [
        ("A deploy freeze", 1),
        ("Feature flags", 0),
    ]
    assert record.totals.received == 1  # confessions only
    [row] = register(record)
    assert row.what_helped == "Not on Fridays.\n\u2013 A deploy freeze\n\u2013 Feature flags"
    for record_format in RecordFormat:
        rendered = render(record, record_format)
        assert "A deploy freeze" in rendered
        assert "NEVERAPPROVED" not in rendered
    document = json.loads(render(record, RecordFormat.JSON))
    assert document["version"] == FORMAT_VERSION
    assert document["confessions"][0]["replies"] == [
        {"text": "A deploy freeze", "agreements": 1},
        {"text": "Feature flags", "agreements": 0},
    ]


def test_the_end_keeps_only_approved_replies_of_shown_confessions(
    file_store: Store, transcripts_dir: Path
) -> None:
    service = SessionService.start_new(file_store, EventBus(), transcripts_dir)
    room = Room(service)
    phones = [room.phone() for _ in range(4)]
    kept_confession = room.shown(phones[0], "Shown and kept")
    removed_confession = room.shown(phones[0], "Shown then removed")
    kept = approved_reply(service, phones[1], kept_confession, "KEPTREPLY")
    reply(service, phones[2], kept_confession, "INCOMINGREPLY")
    aside = reply(service, phones[3], kept_confession, "ASIDEREPLY")
    service.execute(SetAside(aside))
    approved_reply(service, phones[1], removed_confession, "REMOVEDPARENTREPLY")
    service.execute(Remove(removed_confession))

    service.execute(EndSession())

    replies = [i for i in file_store.items(service.session.id) if i.kind is ItemKind.REPLY]
    assert [(r.id, r.text) for r in replies] == [(kept, "KEPTREPLY")]
    assert service.session.removed_count == 1  # the confession; replies are not counted
    assert file_store.path is not None
    raw = file_store.path.read_bytes()
    for forgotten in (b"INCOMINGREPLY", b"ASIDEREPLY", b"REMOVEDPARENTREPLY"):
        assert forgotten not in raw
    written = json.loads(next(transcripts_dir.glob("*.json")).read_text(encoding="utf-8"))
    assert [r["text"] for r in written["confessions"][0]["replies"]] == ["KEPTREPLY"]


def test_the_library_reads_replies_back_and_older_records_without_them(
    service: SessionService, room: Room
) -> None:
    phone = room.phone()
    confession = room.shown(phone)
    approved_reply(service, room.phone(), confession, "Read back")
    record = service.record()

    assert transcript_from(document(record)) == record
    older = document(record)
    older["version"] = 5
    for shown in older["confessions"]:
        del shown["replies"]
    assert transcript_from(older).confessions[0].replies == ()


def test_what_helped_a_confession_merged_into_another_stays_with_the_one_kept(
    service: SessionService, room: Room
) -> None:
    phone = room.phone()
    merged = room.shown(phone, "I stayed silent in the review.")
    helped = approved_reply(service, room.phone(), merged, "Say it in the room.")
    kept = room.shown(phone, "I stayed silent in a review!")  # on screen now
    keep = service.item(kept)
    service.execute(Merge(kept, (merged,), keep.version, keep.text, keep.learned))
    projection = service.projection()
    assert projection is not None
    assert [r.reply_id for r in projection.replies] == [helped]
    [confession] = service.record().confessions
    assert [r.text for r in confession.replies] == ["Say it in the room."]
    undo(service)
    projection = service.projection()
    assert projection is not None and projection.replies == ()
