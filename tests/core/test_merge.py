"""Merging confessions very like one another: one text kept, the union of their voters.

A merge and its undo through ``SessionService.execute``; the count a phone sees, the
record's ``totals.merged``, and what a withdrawal does to a merge.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

from facilitator.core.events import (
    AgreementCountChanged,
    ItemChanged,
    ItemWithdrawn,
    ProjectionChanged,
    UndoChanged,
)
from facilitator.core.model import ItemState, Sharing
from facilitator.core.session import SessionService
from facilitator.core.undo import UndoAction, reverse
from facilitator.protocol.commands import (
    Approve,
    Blank,
    CountShared,
    Edit,
    EndSession,
    Merge,
    Project,
    Remove,
    SetAside,
    Undo,
)
from tests.core.helpers import Recorder, Room, client_id, next_up, refused, undo

State = ItemState


def merge(service: SessionService, keep: int, *others: int, text: str | None = None) -> None:
    kept = service.item(keep)
    service.execute(
        Merge(keep, others, kept.version, kept.text if text is None else text, kept.learned)
    )


def counts(service: SessionService, item_id: int) -> tuple[int, int]:
    item = service.item(item_id)
    return item.agreement_count, item.set_apart_count


def merged_pair(room: Room) -> tuple[int, int]:
    """Two incoming confessions, the second merged into the first."""
    phone = room.phone()
    keep, other = room.submit(phone), room.submit(phone)
    merge(room.service, keep, other)
    return keep, other


@dataclass
class Voted:
    """Two shown confessions, ``keep`` (on screen) and ``other``, and their voters:
    ``both`` agreed with the two, ``other_only`` and ``keep_only`` with one each,
    ``apart`` (a phone on a shared address, counted apart) with ``other``."""

    room: Room
    author: int
    keep: int
    other: int
    both: int
    other_only: int
    keep_only: int
    apart: int


@pytest.fixture
def voted(room: Room) -> Voted:
    service = room.service
    author = room.phone()
    other = room.shown(author, "I stayed silent when I saw the mistake.")
    keep = room.shown(author, "I stayed silent when I saw a mistake")
    both, other_only, keep_only = room.phone(), room.phone(), room.phone()
    apart = service.participant(service.join(Sharing.SET_APART))
    for phone in (both, other_only, apart):
        service.set_agreement(phone, other, True)
    for phone in (both, keep_only):
        service.set_agreement(phone, keep, True)
    assert counts(service, other) == (2, 1)
    assert counts(service, keep) == (2, 0)
    assert service.session.current_item_id == keep
    return Voted(room, author, keep, other, both, other_only, keep_only, apart)


# Merging


def test_merge_keeps_one_text_and_the_others_leave_every_lane(
    room: Room, undo_recorder: Recorder
) -> None:
    service = room.service
    phone = room.phone()
    keep = room.submit(phone, "I said nothing in the meeting.")
    queued = room.approved(phone, "I said nothing in that meeting")
    aside = room.submit(phone, "I said nothing at the meeting")
    service.execute(SetAside(aside))
    undo_recorder.clear()

    merge(service, keep, queued, aside, text="I said nothing in a meeting.")

    kept = service.item(keep)
    assert (kept.text, kept.state, kept.version, kept.merged_into) == (
        "I said nothing in a meeting.",
        State.INCOMING,
        2,
        None,
    )
    for merged in (queued, aside):
        item = service.item(merged)
        assert (item.state, item.merged_into, item.queue_position) == (State.MERGED, keep, None)
    assert service.queue_head() is None  # the queued one left Up next
    assert [e.item.id for e in undo_recorder.of(ItemChanged)] == [keep, queued, aside]
    (offer,) = undo_recorder.of(UndoChanged)
    assert offer.step is not None
    assert (offer.step.action, offer.step.item_ids) == (UndoAction.MERGE, (keep, queued, aside))
    assert undo_recorder.of(AgreementCountChanged) == []  # none of them is shown

    undo(service)

    kept = service.item(keep)
    assert (kept.text, kept.state) == ("I said nothing in the meeting.", State.INCOMING)
    assert kept.version == 3  # the text went back: an edit made on the merged text is stale
    assert service.item(queued).state is State.APPROVED
    assert service.item(queued).merged_into is None
    assert service.queue_head() == queued
    assert (service.item(aside).state, service.item(aside).merged_into) == (State.SET_ASIDE, None)


def test_merge_without_a_new_text_keeps_the_version(room: Room) -> None:
    service = room.service
    keep, other = merged_pair(room)
    assert service.item(keep).version == 1
    undo(service)
    assert service.item(keep).version == 1
    assert service.item(other).state is State.INCOMING


def test_the_kept_count_is_the_union_of_the_voters(voted: Voted, recorder: Recorder) -> None:
    service = voted.room.service
    recorder.clear()

    merge(service, voted.keep, voted.other)

    # both, other_only and keep_only count once each; the shared-address phone apart.
    assert counts(service, voted.keep) == (3, 1)
    assert recorder.of(AgreementCountChanged) == [AgreementCountChanged(voted.keep, 3, 1)]
    projection = service.projection()
    assert projection is not None and projection.agreement_count == 3
    assert recorder.of(ProjectionChanged)[-1].projection == projection
    for phone in (voted.both, voted.other_only, voted.keep_only, voted.apart):
        assert service.has_agreed(phone, voted.keep)
    assert service.item(voted.other).state is State.MERGED
    # A phone that agrees again, or with the merged one, changes nothing.
    service.set_agreement(voted.other_only, voted.keep, True)
    assert counts(service, voted.keep) == (3, 1)
    refused("not_shown", lambda: service.set_agreement(voted.keep_only, voted.other, True))


def test_counting_the_shared_addresses_counts_the_lent_voters_too(voted: Voted) -> None:
    service = voted.room.service
    merge(service, voted.keep, voted.other)
    service.execute(CountShared(True))
    assert counts(service, voted.keep) == (4, 0)
    service.execute(CountShared(False))
    assert counts(service, voted.keep) == (3, 1)


def test_undo_of_a_merge_gives_every_count_back(voted: Voted, recorder: Recorder) -> None:
    service = voted.room.service
    merge(service, voted.keep, voted.other, text="I stayed silent.")
    recorder.clear()

    undo(service)

    assert counts(service, voted.keep) == (2, 0)
    assert counts(service, voted.other) == (2, 1)
    assert service.item(voted.other).state is State.SHOWN
    assert service.item(voted.keep).text == "I stayed silent when I saw a mistake"
    assert recorder.of(AgreementCountChanged) == [AgreementCountChanged(voted.keep, 2, 0)]
    projection = service.projection()
    assert projection is not None
    assert (projection.text, projection.agreement_count) == (
        "I stayed silent when I saw a mistake",
        2,
    )
    assert recorder.of(ProjectionChanged)[-1].projection == projection
    assert not service.has_agreed(voted.other_only, voted.keep)
    assert service.has_agreed(voted.other_only, voted.other)

    # After the undo a phone's agreement counts as any other.
    service.set_agreement(voted.other_only, voted.keep, True)
    assert counts(service, voted.keep) == (3, 0)
    service.set_agreement(voted.other_only, voted.keep, False)
    assert counts(service, voted.keep) == (2, 0)


def test_an_agreement_given_while_merged_survives_the_undo(voted: Voted) -> None:
    service = voted.room.service
    merge(service, voted.keep, voted.other)
    # other_only's agreement was lent to the kept one; now they agree with it themselves.
    service.set_agreement(voted.other_only, voted.keep, True)

    undo(service)

    assert service.has_agreed(voted.other_only, voted.keep)
    assert counts(service, voted.keep) == (3, 0)
    assert counts(service, voted.other) == (2, 1)


def test_taking_back_a_lent_agreement_while_merged(voted: Voted) -> None:
    service = voted.room.service
    merge(service, voted.keep, voted.other)
    service.set_agreement(voted.other_only, voted.keep, False)
    assert counts(service, voted.keep) == (2, 1)
    undo(service)
    assert counts(service, voted.keep) == (2, 0)
    assert counts(service, voted.other) == (2, 1)  # their agreement with the other stays


def test_a_merge_into_one_not_on_screen_publishes_its_count_but_not_the_screen(
    voted: Voted, recorder: Recorder
) -> None:
    service = voted.room.service
    service.execute(Blank())
    recorder.clear()
    merge(service, voted.keep, voted.other)
    assert recorder.of(AgreementCountChanged) == [AgreementCountChanged(voted.keep, 3, 1)]
    assert recorder.of(ProjectionChanged) == []


def test_merges_one_into_another_undo_in_turn(room: Room) -> None:
    service = room.service
    author = room.phone()
    first = room.shown(author, "first")
    second = room.shown(author, "second")
    third = room.shown(author, "third")
    service.execute(Blank())
    voters = [room.phone() for _ in range(3)]
    for phone, item_id in zip(voters, (first, second, third), strict=True):
        service.set_agreement(phone, item_id, True)
    service.set_agreement(voters[0], third, True)

    merge(service, second, first)
    assert counts(service, second) == (2, 0)
    merge(service, third, second)
    assert counts(service, third) == (3, 0)  # voters 0, 1 (lent twice over) and 2

    undo(service)
    assert counts(service, third) == (2, 0)
    assert counts(service, second) == (2, 0)
    assert service.item(second).state is State.SHOWN
    undo(service)
    assert counts(service, second) == (1, 0)
    assert service.item(first).state is State.SHOWN


# Refusals


def test_merge_refusals_change_nothing(room: Room, recorder: Recorder) -> None:
    service = room.service
    author = room.phone()
    keep = room.submit(author)
    other = room.submit(author)
    removed = room.shown(author)
    service.execute(Remove(removed))
    merged = room.submit(author)
    merge(service, keep, merged)
    organisers = service.submit(author, client_id(50), "for you", for_organisers=True)
    assert organisers.confession_id is not None
    on_screen = room.shown(author)
    step = service.last_undo_step()
    before = service.items()
    recorder.clear()
    version = service.item(keep).version

    refused("nothing_to_merge", lambda: service.execute(Merge(keep, (), version, "t", "")))
    refused("nothing_to_merge", lambda: service.execute(Merge(keep, (keep,), version, "t", "")))
    for bad in (removed, merged, organisers.confession_id):
        refused("cannot_merge", partial(service.execute, Merge(keep, (bad,), version, "t", "")))
        bad_version = service.item(bad).version
        refused(
            "cannot_merge", partial(service.execute, Merge(bad, (other,), bad_version, "t", ""))
        )
    refused("merge_on_screen", lambda: service.execute(Merge(keep, (on_screen,), version, "t", "")))
    refused("stale_version", lambda: service.execute(Merge(keep, (other,), version - 1, "t", "")))
    refused("unknown_confession", lambda: service.execute(Merge(keep, (999,), version, "t", "")))
    refused("unknown_confession", lambda: service.execute(Merge(999, (other,), 1, "t", "")))
    refused("text_empty", lambda: service.execute(Merge(keep, (other,), version, "  ", "")))

    assert service.items() == before
    assert recorder.events == []
    assert service.last_undo_step() == step


def test_the_one_on_screen_may_be_kept(voted: Voted) -> None:
    service = voted.room.service
    merge(service, voted.keep, voted.other)
    assert service.session.current_item_id == voted.keep


def test_a_merge_made_stale_by_an_edit_elsewhere_is_refused(room: Room) -> None:
    service = room.service
    phone = room.phone()
    keep, other = room.submit(phone), room.submit(phone)
    seen = service.item(keep)
    service.execute(Edit(keep, seen.version, "edited elsewhere", ""))
    refused("stale_version", lambda: service.execute(Merge(keep, (other,), seen.version, "m", "")))
    assert service.item(other).state is State.INCOMING


def test_undo_walks_back_a_later_approval_then_the_merge(room: Room) -> None:
    service = room.service
    keep, other = merged_pair(room)
    merge_step = service.last_undo_step()
    service.execute(Approve(keep))
    approve_step = service.last_undo_step()
    assert merge_step is not None and approve_step is not None
    refused("undo_changed", lambda: service.execute(Undo(merge_step.id)))
    service.execute(Undo(approve_step.id))
    service.execute(Undo(merge_step.id))
    assert service.item(other).state is State.INCOMING


def test_a_merge_step_is_outdated_once_any_of_its_items_changed(room: Room) -> None:
    service = room.service
    keep, other = merged_pair(room)
    step = service.last_undo_step()
    assert step is not None
    now = {item.id: item for item in service.items()}
    assert [i.id for i in reverse(step, now, None, lambda _: False).items] == [keep, other]
    for item_id, change in ((keep, {"text": "edited since"}), (other, {"state": State.INCOMING})):
        changed = {**now, item_id: dataclasses.replace(now[item_id], **change)}
        refused("undo_outdated", partial(reverse, step, changed, None, bool))
    refused("undo_outdated", lambda: reverse(step, {keep: now[keep]}, None, bool))  # one gone


# The record


def test_the_record_counts_the_merged_and_keeps_only_the_kept_text(
    room: Room, transcripts_dir: Path
) -> None:
    service = room.service
    author = room.phone()
    keep = room.approved(author, "KEPT text")
    first, second = room.submit(author, "MERGED-one"), room.submit(author, "MERGED-two")
    lone = room.submit(author, "MERGED-then-undone")
    merge(service, keep, first, second)
    merge(service, keep, lone)
    undo(service)  # the last merge is not counted
    service.execute(next_up(service))
    service.execute(EndSession())

    [record] = transcripts_dir.glob("*.json")
    document = json.loads(record.read_text(encoding="utf-8"))
    assert document["totals"]["merged"] == 2
    assert document["totals"]["received"] == 4
    assert [c["text"] for c in document["confessions"]] == ["KEPT text"]
    markdown = record.with_suffix(".md").read_text(encoding="utf-8")
    assert "- Merged into a confession very like them: 2\n" in markdown
    assert "MERGED" not in markdown + record.read_text(encoding="utf-8")
    assert service.session.merged_count == 2
    assert service.items()[0].id == keep
    assert [item.id for item in service.items()] == [keep]  # the merged ones are forgotten


def test_a_shown_confession_merged_leaves_the_record(voted: Voted, transcripts_dir: Path) -> None:
    service = voted.room.service
    merge(service, voted.keep, voted.other)
    service.execute(EndSession())
    [record] = transcripts_dir.glob("*.json")
    document = json.loads(record.read_text(encoding="utf-8"))
    assert [(c["text"], c["agreements"]) for c in document["confessions"]] == [
        ("I stayed silent when I saw a mistake", 3)
    ]
    assert (document["totals"]["shown"], document["totals"]["merged"]) == (1, 1)
    assert document["totals"]["agreements"] == 3


# Withdrawing


def test_a_merged_confession_withdrawn_is_deleted_and_its_merge_forgotten(
    room: Room, undo_recorder: Recorder
) -> None:
    service = room.service
    author, other_author = room.phone(), room.phone()
    keep = room.submit(author, "kept")
    merged = room.submit(other_author, "merged, then withdrawn")  # client 2
    merge(service, keep, merged)
    undo_recorder.clear()

    service.withdraw(other_author, client_id(2))

    assert [item.id for item in service.items()] == [keep]
    assert service.session.withdrawn_count == 1
    assert undo_recorder.of(ItemWithdrawn) == [ItemWithdrawn(merged)]
    assert service.last_undo_step() is None


def test_a_merged_confession_that_was_shown_cannot_be_withdrawn(voted: Voted) -> None:
    service = voted.room.service
    merge(service, voted.keep, voted.other)
    refused("already_shown", lambda: service.withdraw(voted.author, client_id(1)))
    assert service.item(voted.other).state is State.MERGED
    assert service.session.withdrawn_count == 0


def test_withdrawing_the_kept_one_returns_the_merged_ones_to_incoming(
    room: Room, undo_recorder: Recorder
) -> None:
    service = room.service
    author, other_author = room.phone(), room.phone()
    keep = room.submit(author, "kept, then withdrawn")  # client 1
    first = room.approved(other_author, "merged one")
    second = room.submit(other_author, "merged two")
    merge(service, keep, first, second)
    undo_recorder.clear()

    service.withdraw(author, client_id(1))

    for item_id in (first, second):
        item = service.item(item_id)
        assert (item.state, item.merged_into, item.queue_position) == (State.INCOMING, None, None)
    assert {e.item.id for e in undo_recorder.of(ItemChanged)} == {first, second}
    assert undo_recorder.of(ItemWithdrawn) == [ItemWithdrawn(keep)]
    service.execute(EndSession())
    assert service.session.merged_count == 0


def test_merging_and_projecting_the_kept_one_then_undo_of_the_projection(room: Room) -> None:
    service = room.service
    phone = room.phone()
    keep, other = room.approved(phone), room.approved(phone)
    merge(service, keep, other)
    service.execute(Project(keep))
    undo(service)
    assert service.session.current_item_id is None
    undo(service)
    assert service.queue_head() == keep
    assert [i.id for i in service.items() if i.state is State.APPROVED] == [keep, other]


def test_a_shown_one_merged_into_a_withdrawn_one_goes_back_to_shown(room: Room) -> None:
    service = room.service
    author, other_author, voter = room.phone(), room.phone(), room.phone()
    shown = room.shown(author, "shown, then merged")  # client 1
    service.set_agreement(voter, shown, True)
    service.execute(Blank())
    keep = room.submit(other_author, "kept, never shown, then withdrawn")  # client 2
    merge(service, keep, shown)
    assert counts(service, keep) == (1, 0)

    service.withdraw(other_author, client_id(2))

    back = service.item(shown)
    assert (back.state, back.merged_into, back.shown_order) == (State.SHOWN, None, 1)
    assert counts(service, shown) == (1, 0)
    service.execute(EndSession())
    assert [(i.text, i.agreement_count) for i in service.items()] == [("shown, then merged", 1)]
