"""Edit, remove from the record, and undo: the core's moderation commands and their undo."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from facilitator.core.events import EventBus, ItemChanged, ProjectionChanged, UndoChanged
from facilitator.core.model import ItemState
from facilitator.core.queue_order import GAP
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.core.transcript import build_transcript
from facilitator.core.undo import UndoAction, outdated, reverse
from facilitator.protocol.commands import (
    Approve,
    Blank,
    Edit,
    EndSession,
    Project,
    Remove,
    Restore,
    SetAside,
    Undo,
)
from tests.core.helpers import Recorder, Room, next_up, refused

State = ItemState


@pytest.fixture
def recorder(bus: EventBus) -> Recorder:
    return Recorder(bus, with_undo=True)


def edit(room: Room, item_id: int, text: str, learned: str = "") -> None:
    version = room.service.item(item_id).version
    room.service.execute(Edit(item_id, version, text, learned))


def undo(room: Room) -> UndoAction:
    step = room.service.last_undo_step()
    assert step is not None
    room.service.execute(Undo(step.id))
    return step.action


# Edit


def test_an_edit_replaces_the_text_and_keeps_the_original(room: Room, recorder: Recorder) -> None:
    item = room.submit(room.phone(), "Jo Bloggs at Riverside broke the build")
    edit(room, item, "[…] broke the build", "Pair on releases.")
    edited = room.service.item(item)
    assert (edited.text, edited.learned) == ("[…] broke the build", "Pair on releases.")
    assert edited.original_text == "Jo Bloggs at Riverside broke the build"
    assert edited.version == 2
    assert recorder.of(ItemChanged)[-1].item == edited


def test_an_edit_on_an_older_version_is_refused_and_overwrites_nothing(room: Room) -> None:
    item = room.submit(room.phone(), "Named someone")
    seen_by_both = room.service.item(item).version
    room.service.execute(Edit(item, seen_by_both, "First moderator's redaction", ""))
    refused(
        "stale_version",
        lambda: room.service.execute(Edit(item, seen_by_both, "Second moderator's", "")),
    )
    assert room.service.item(item).text == "First moderator's redaction"


def test_an_edit_follows_the_rules_for_text(room: Room) -> None:
    item = room.submit(room.phone())
    version = room.service.item(item).version
    refused("text_empty", lambda: room.service.execute(Edit(item, version, "   ", "")))
    refused(
        "text_forbidden_characters",
        lambda: room.service.execute(Edit(item, version, "a\u202eb", "")),
    )
    refused("learned_too_long", lambda: room.service.execute(Edit(item, version, "ok", "x" * 501)))
    assert room.service.item(item).version == version


def test_an_unchanged_edit_changes_nothing(room: Room, recorder: Recorder) -> None:
    item = room.submit(room.phone(), "Same text")
    recorder.clear()
    edit(room, item, "Same text")
    assert recorder.events == []
    assert room.service.item(item).version == 1


def test_editing_the_item_on_screen_updates_the_projection(room: Room, recorder: Recorder) -> None:
    item = room.shown(room.phone(), "Named Dr Patel on screen")
    recorder.clear()
    edit(room, item, "Named […] on screen")
    [projected] = recorder.of(ProjectionChanged)
    assert projected.projection is not None
    assert projected.projection.text == "Named […] on screen"


def test_editing_an_item_not_on_screen_leaves_the_screen_alone(
    room: Room, recorder: Recorder
) -> None:
    phone = room.phone()
    room.shown(phone)
    queued = room.approved(phone)
    recorder.clear()
    edit(room, queued, "Edited while queued")
    assert recorder.of(ProjectionChanged) == []


# Remove from the record


def test_remove_takes_a_shown_item_off_the_screen_and_out_of_the_record(
    room: Room, recorder: Recorder
) -> None:
    phone = room.phone()
    kept = room.shown(phone, "kept")
    removed = room.shown(phone, "a mistaken projection")
    recorder.clear()
    room.service.execute(Remove(removed))
    assert room.state(removed) is State.REMOVED
    assert room.service.projection() is None
    assert recorder.of(ProjectionChanged) == [ProjectionChanged(None)]
    refused("not_shown", lambda: room.service.set_agreement(phone, removed, True))
    transcript = build_transcript(room.service._store, room.service.session)
    assert [c.text for c in transcript.confessions] == ["kept"]
    assert transcript.totals.removed == 1
    room.service.execute(EndSession())
    assert [item.id for item in room.service.items()] == [kept]
    assert room.service.session.removed_count == 1


def test_restore_puts_a_removed_item_back_into_the_record_but_not_on_screen(room: Room) -> None:
    item = room.shown(room.phone())
    room.service.execute(Remove(item))
    room.service.execute(Restore(item))
    assert room.state(item) is State.SHOWN
    assert room.service.projection() is None
    undo(room)
    assert room.state(item) is State.REMOVED


def test_removing_a_shown_item_not_on_screen_leaves_the_screen(room: Room) -> None:
    phone = room.phone()
    earlier = room.shown(phone)
    now = room.shown(phone)
    room.service.execute(Remove(earlier))
    assert room.service.session.current_item_id == now


def test_only_shown_items_can_be_removed(room: Room) -> None:
    phone = room.phone()
    incoming = room.submit(phone)
    approved = room.approved(phone)
    for item in (incoming, approved):
        refused("cannot_remove", lambda item=item: room.service.execute(Remove(item)))
    shown = room.shown(phone)
    room.service.execute(Remove(shown))
    refused("cannot_remove", lambda: room.service.execute(Remove(shown)))
    refused("cannot_edit", lambda: edit(room, shown, "edited"))
    refused("not_approved", lambda: room.service.execute(Project(shown)))


# Undo


def test_undo_approve_set_aside_and_restore(room: Room) -> None:
    item = room.submit(room.phone())
    room.service.execute(Approve(item))
    room.service.execute(SetAside(item))
    room.service.execute(Restore(item))
    assert [undo(room) for _ in range(3)] == [
        UndoAction.RESTORE,
        UndoAction.SET_ASIDE,
        UndoAction.APPROVE,
    ]
    assert room.state(item) is State.INCOMING
    assert room.service.item(item).queue_position is None
    assert room.service.last_undo_step() is None


def test_undo_set_aside_puts_an_item_back_in_its_place_in_the_queue(room: Room) -> None:
    phone = room.phone()
    first, second = room.approved(phone), room.approved(phone)
    room.service.execute(SetAside(first))
    undo(room)
    assert room.state(first) is State.APPROVED
    assert room.service.queue_head() == first
    assert room.service.item(first).queue_position == GAP
    assert room.service.item(second).queue_position == 2 * GAP


def test_undo_a_mistaken_projection_returns_it_to_the_queue_and_keeps_it_out_of_the_record(
    room: Room, recorder: Recorder
) -> None:
    phone = room.phone()
    before = room.shown(phone, "on screen before")
    mistake = room.approved(phone, "projected by a stray key")
    room.service.execute(next_up(room.service))
    recorder.clear()
    assert undo(room) is UndoAction.PROJECT
    restored = room.service.item(mistake)
    assert (restored.state, restored.shown_order) == (State.APPROVED, None)
    assert room.service.queue_head() == mistake
    assert room.service.session.current_item_id == before
    assert recorder.kinds() == ["ItemChanged", "ProjectionChanged", "UndoChanged"]
    transcript = build_transcript(room.service._store, room.service.session)
    assert [c.text for c in transcript.confessions] == ["on screen before"]


def test_undo_reprojecting_keeps_the_item_shown(room: Room) -> None:
    phone = room.phone()
    first = room.shown(phone)
    second = room.shown(phone)
    room.service.execute(Project(first))
    undo(room)
    assert room.state(first) is State.SHOWN
    assert room.service.session.current_item_id == second


def test_undo_blank_puts_the_item_back_on_screen(room: Room) -> None:
    item = room.shown(room.phone())
    room.service.execute(Blank())
    assert undo(room) is UndoAction.BLANK
    assert room.service.session.current_item_id == item


def test_blank_with_nothing_on_screen_leaves_nothing_to_undo(room: Room) -> None:
    room.service.execute(Blank())
    assert room.service.last_undo_step() is None


def test_undo_remove_brings_the_item_back_to_the_record_and_the_screen(room: Room) -> None:
    item = room.shown(room.phone())
    room.service.execute(Remove(item))
    undo(room)
    assert room.state(item) is State.SHOWN
    assert room.service.session.current_item_id == item


def test_undo_remove_after_the_screen_moved_on_leaves_the_screen(room: Room) -> None:
    phone = room.phone()
    item = room.shown(phone)
    room.service.execute(Remove(item))
    other = room.approved(phone)
    room.service.execute(Project(other))
    undo(room)  # the projection of the other
    undo(room)  # the approval of the other
    undo(room)  # the removal
    assert room.state(item) is State.SHOWN
    assert room.service.session.current_item_id == item


def test_undo_edit_brings_the_text_back_as_a_new_version(room: Room, recorder: Recorder) -> None:
    item = room.shown(room.phone(), "Original words")
    edit(room, item, "Edited words")
    recorder.clear()
    undo(room)
    restored = room.service.item(item)
    assert (restored.text, restored.version) == ("Original words", 3)
    [projected] = recorder.of(ProjectionChanged)
    assert projected.projection is not None and projected.projection.text == "Original words"
    refused("stale_version", lambda: room.service.execute(Edit(item, 2, "over the undo", "")))


def test_undo_walks_back_a_whole_sequence(room: Room) -> None:
    phone = room.phone()
    item = room.submit(phone, "Before")
    room.service.execute(Approve(item))
    edit(room, item, "After")
    room.service.execute(Project(item))
    room.service.execute(Remove(item))
    while room.service.last_undo_step() is not None:
        undo(room)
    restored = room.service.item(item)
    assert (restored.state, restored.text, restored.shown_order) == (State.INCOMING, "Before", None)
    assert room.service.projection() is None


def test_undo_names_its_step_so_a_repeat_never_undoes_two(room: Room) -> None:
    phone = room.phone()
    first, second = room.submit(phone), room.submit(phone)
    room.service.execute(Approve(first))
    room.service.execute(Approve(second))
    step = room.service.last_undo_step()
    assert step is not None
    room.service.execute(Undo(step.id))
    refused("undo_changed", lambda: room.service.execute(Undo(step.id)))
    assert room.state(first) is State.APPROVED


def test_nothing_to_undo(room: Room) -> None:
    refused("nothing_to_undo", lambda: room.service.execute(Undo(1)))


def test_each_action_announces_what_undo_would_take_back(room: Room, recorder: Recorder) -> None:
    item = room.submit(room.phone())
    room.service.execute(Approve(item))
    room.service.execute(SetAside(item))
    offers = recorder.of(UndoChanged)
    assert [o.step.action if o.step else None for o in offers] == [
        UndoAction.APPROVE,
        UndoAction.SET_ASIDE,
    ]
    undo(room)
    assert recorder.of(UndoChanged)[-1].step == offers[0].step


def test_an_overtaken_step_is_refused_and_dropped(room: Room) -> None:
    item = room.approved(room.phone())
    step = room.service.last_undo_step()
    assert step is not None
    changed_elsewhere = dataclasses.replace(room.service.item(item), text="changed elsewhere")
    with pytest.raises(type(outdated())) as caught:
        reverse(step, {item: changed_elsewhere}, None, lambda _: True)
    assert caught.value.code == "undo_outdated"
    moved_elsewhere = dataclasses.replace(room.service.item(item), queue_position=GAP // 2)
    refused("undo_outdated", lambda: reverse(step, {item: moved_elsewhere}, None, lambda _: True))
    refused("undo_outdated", lambda: reverse(step, {}, None, lambda _: True))  # gone
    as_left = reverse(step, {item: room.service.item(item)}, None, lambda _: True)
    assert [i.state for i in as_left.items] == [State.INCOMING]


def test_ending_the_session_forgets_the_undo_history(room: Room) -> None:
    room.shown(room.phone())
    room.service.execute(EndSession())
    assert room.service.last_undo_step() is None


def test_removed_and_undone_items_survive_a_restart(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    service = SessionService.start_new(store, EventBus(), tmp_path / "transcripts")
    room = Room(service)
    item = room.shown(room.phone())
    service.execute(Remove(item))
    store.close()
    reopened = Store.open(tmp_path)
    assert reopened.item(item).state is State.REMOVED
    reopened.close()
