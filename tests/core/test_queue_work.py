"""Working Up next: move, move to top, and approving or setting aside many at once.

Each command through ``SessionService.execute`` and its undo (one step, however many
items it changed).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core.events import EventBus, ItemChanged, UndoChanged
from facilitator.core.model import ItemState
from facilitator.core.queue_order import GAP
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.core.undo import UndoAction
from facilitator.protocol.commands import (
    Approve,
    ApproveMany,
    Move,
    MoveToTop,
    Project,
    ProjectNext,
    SetAside,
    SetAsideMany,
    Undo,
)
from tests.core.helpers import Recorder, Room, client_id, next_up, refused, undo

State = ItemState


def queue(service: SessionService) -> list[int]:
    return [item.id for item in service.items() if item.state is State.APPROVED]


def places(service: SessionService) -> dict[int, int | None]:
    return {item.id: item.queue_position for item in service.items()}


def queued(room: Room, count: int) -> list[int]:
    phone = room.phone()
    return [room.approved(phone) for _ in range(count)]


# Move


def test_move_puts_an_item_before_another_changing_only_its_place(
    room: Room, undo_recorder: Recorder
) -> None:
    service = room.service
    a, b, c, d = queued(room, 4)
    before = places(service)
    undo_recorder.clear()

    service.execute(Move(d, b))

    assert queue(service) == [a, d, b, c]
    assert service.item(d).queue_position == GAP + GAP // 2
    changed = undo_recorder.of(ItemChanged)
    assert [event.item.id for event in changed] == [d]
    (offer,) = undo_recorder.of(UndoChanged)
    assert offer.step is not None
    assert (offer.step.action, offer.step.item_ids) == (UndoAction.MOVE, (d,))
    assert {k: v for k, v in places(service).items() if k != d} == {
        k: v for k, v in before.items() if k != d
    }

    undo_recorder.clear()
    undo(service)
    assert queue(service) == [a, b, c, d]
    assert places(service) == before
    assert [event.item.id for event in undo_recorder.of(ItemChanged)] == [d]
    assert service.last_undo_step() is not None  # the approvals before it remain
    assert service.last_undo_step().action is UndoAction.APPROVE  # type: ignore[union-attr]


def test_move_to_the_end(room: Room) -> None:
    service = room.service
    a, b, c = queued(room, 3)
    service.execute(Move(a, None))
    assert queue(service) == [b, c, a]
    undo(service)
    assert queue(service) == [a, b, c]


def test_move_to_top_makes_project_next_show_it_and_undo_puts_it_back(room: Room) -> None:
    service = room.service
    a, b, c = queued(room, 3)
    service.execute(MoveToTop(c))
    assert queue(service) == [c, a, b]
    assert service.queue_head() == c
    # A moderator who still sees the old head is told the queue changed.
    refused("queue_changed", lambda: service.execute(ProjectNext(a)))
    undo(service)
    assert queue(service) == [a, b, c]
    assert service.queue_head() == a

    service.execute(MoveToTop(b))
    service.execute(next_up(service))
    assert service.session.current_item_id == b
    assert queue(service) == [a, c]
    # The projection is the last step now; under it, the move.
    undo(service)
    assert service.projection() is None
    assert queue(service) == [b, a, c]
    undo(service)
    assert queue(service) == [a, b, c]


def test_a_move_that_changes_nothing_leaves_no_step(room: Room, recorder: Recorder) -> None:
    service = room.service
    a, b, c = queued(room, 3)
    step = service.last_undo_step()
    recorder.clear()
    service.execute(MoveToTop(a))  # the head already
    service.execute(Move(a, b))  # just before b already
    service.execute(Move(c, None))  # the last already
    service.execute(Move(b, b))
    assert recorder.events == []
    assert service.last_undo_step() == step
    assert queue(service) == [a, b, c]


def test_move_is_refused_for_an_item_not_in_up_next(room: Room) -> None:
    service = room.service
    phone = room.phone()
    a, b = queued(room, 2)
    incoming = room.submit(phone)
    shown = room.shown(phone)
    before = places(service)
    for item_id in (incoming, shown):
        refused("not_queued", partial(service.execute, Move(item_id, a)))
        refused("not_queued", partial(service.execute, MoveToTop(item_id)))
    refused("unknown_confession", lambda: service.execute(Move(999, a)))
    # A place before one that is not (or no longer) in Up next.
    for gone in (incoming, shown, 999):
        refused("queue_changed", partial(service.execute, Move(b, gone)))
    assert places(service) == before


def test_moves_that_run_out_of_room_renumber_and_undo_puts_every_place_back(
    room: Room, undo_recorder: Recorder
) -> None:
    service = room.service
    _, b, c, d = queued(room, 4)
    renumbered = None
    step = None
    for mover in [c, d] * 12:
        before = places(service)
        undo_recorder.clear()
        service.execute(Move(mover, b))
        step = service.last_undo_step()
        assert step is not None
        if len(step.item_ids) > 1:
            renumbered = before
            break
    assert renumbered is not None and step is not None, "the gap before b never ran out"
    assert step.item_ids[0] == mover  # what Undo names comes first
    assert {item.id for item in (e.item for e in undo_recorder.of(ItemChanged))} == set(
        step.item_ids
    )
    order_after = queue(service)
    assert order_after.index(mover) == order_after.index(b) - 1
    assert sorted(p for p in places(service).values() if p is not None) == [
        GAP * n for n in range(1, 5)
    ]
    undo(service)
    assert places(service) == renumbered


def test_undo_walks_back_a_later_set_aside_then_the_move(room: Room) -> None:
    service = room.service
    a, b = queued(room, 2)
    service.execute(Move(b, a))
    move_step = service.last_undo_step()
    service.execute(SetAside(b))
    set_aside_step = service.last_undo_step()
    assert set_aside_step is not None and move_step is not None
    # Undo the set aside (b back in its moved place), then the move.
    service.execute(Undo(set_aside_step.id))
    assert queue(service) == [b, a]
    service.execute(Undo(move_step.id))
    assert queue(service) == [a, b]


# Approve many


def test_approve_many_approves_only_the_eligible_in_the_order_named(
    room: Room, undo_recorder: Recorder
) -> None:
    service = room.service
    phone = room.phone()
    first_queued = room.approved(phone)
    shown = room.shown(phone)
    incoming_1, incoming_2 = room.submit(phone), room.submit(phone)
    aside = room.submit(phone)
    service.execute(SetAside(aside))
    organisers = service.submit(phone, client_id(99), "for you", for_organisers=True)
    assert organisers.confession_id is not None
    already = room.approved(phone)
    before = places(service)
    states = {item.id: item.state for item in service.items()}
    undo_recorder.clear()

    named = [incoming_2, shown, aside, organisers.confession_id, already, incoming_1, aside]
    service.execute(ApproveMany(tuple(named)))

    assert queue(service) == [first_queued, already, incoming_2, aside, incoming_1]
    assert [service.item(i).queue_position for i in (incoming_2, aside, incoming_1)] == [
        3 * GAP,
        4 * GAP,
        5 * GAP,
    ]
    assert service.item(shown).state is State.SHOWN
    assert service.item(organisers.confession_id).state is State.FOR_ORGANISERS
    assert [e.item.id for e in undo_recorder.of(ItemChanged)] == [incoming_2, aside, incoming_1]
    (offer,) = undo_recorder.of(UndoChanged)
    assert offer.step is not None
    assert offer.step.action is UndoAction.APPROVE_MANY
    assert offer.step.item_ids == (incoming_2, aside, incoming_1)

    undo_recorder.clear()
    undo(service)  # one step takes all three back
    assert places(service) == before
    assert {item.id: item.state for item in service.items()} == states
    assert [e.item.id for e in undo_recorder.of(ItemChanged)] == [incoming_2, aside, incoming_1]
    assert service.last_undo_step().action is UndoAction.APPROVE  # type: ignore[union-attr]


def test_approve_many_is_refused_when_none_is_eligible_and_changes_nothing(
    room: Room, recorder: Recorder
) -> None:
    service = room.service
    phone = room.phone()
    queued_one = room.approved(phone)
    shown = room.shown(phone)
    incoming = room.submit(phone)
    step = service.last_undo_step()
    recorder.clear()
    refused("cannot_approve", lambda: service.execute(ApproveMany((queued_one, shown))))
    refused("unknown_confession", lambda: service.execute(ApproveMany((incoming, 999))))
    assert service.item(incoming).state is State.INCOMING
    assert recorder.events == []
    assert service.last_undo_step() == step


# Set aside many


def test_set_aside_many_sets_aside_incoming_and_queued_and_one_undo_restores_them(
    room: Room, undo_recorder: Recorder
) -> None:
    service = room.service
    phone = room.phone()
    a, b, c = queued(room, 3)
    incoming = room.submit(phone)
    shown = room.shown(phone)
    before = places(service)
    undo_recorder.clear()

    service.execute(SetAsideMany((incoming, shown, a, c, a)))

    assert [service.item(i).state for i in (incoming, a, c)] == [State.SET_ASIDE] * 3
    assert service.item(shown).state is State.SHOWN
    assert queue(service) == [b]
    assert service.queue_head() == b
    (offer,) = undo_recorder.of(UndoChanged)
    assert offer.step is not None
    assert offer.step.action is UndoAction.SET_ASIDE_MANY
    assert offer.step.item_ids == (incoming, a, c)

    undo(service)
    assert places(service) == before
    assert queue(service) == [a, b, c]
    assert service.item(incoming).state is State.INCOMING
    service.execute(next_up(service))
    assert service.session.current_item_id == a


def test_set_aside_many_is_refused_when_none_is_eligible(room: Room) -> None:
    service = room.service
    phone = room.phone()
    shown = room.shown(phone)
    aside = room.submit(phone)
    service.execute(SetAside(aside))
    step = service.last_undo_step()
    refused("cannot_set_aside", lambda: service.execute(SetAsideMany((shown, aside))))
    assert service.last_undo_step() == step
    assert service.item(shown).state is State.SHOWN


def test_a_bulk_step_is_undone_in_full_after_the_steps_that_followed_it(room: Room) -> None:
    service = room.service
    phone = room.phone()
    one, two = room.submit(phone), room.submit(phone)
    service.execute(ApproveMany((one, two)))
    bulk = service.last_undo_step()
    assert bulk is not None
    service.execute(Project(two))
    service.execute(Approve(room.submit(phone)))
    # Undo walks back the approval and the projection, then the bulk step in full.
    undo(service)
    undo(service)
    assert service.last_undo_step() == bulk
    undo(service)
    assert [service.item(i).state for i in (one, two)] == [State.INCOMING] * 2


# Any sequence


moves = st.lists(
    st.one_of(
        st.tuples(st.just("move"), st.integers(0, 5), st.one_of(st.none(), st.integers(0, 5))),
        st.tuples(st.just("top"), st.integers(0, 5), st.none()),
        st.tuples(st.just("undo"), st.just(0), st.none()),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(moves)
def test_any_moves_and_undos_keep_up_next_as_a_plain_list_would(
    operations: list[tuple[str, int, int | None]],
) -> None:
    store = Store.in_memory()
    try:
        service = SessionService.start_new(store, EventBus(), Path("unused"))
        room = Room(service)
        model = queued(room, 6)
        ids = list(model)
        history: list[list[int]] = []  # the model before each move that changed something
        for kind, n, before in operations:
            if kind == "undo":
                step = service.last_undo_step()
                if history:
                    assert step is not None and step.action is UndoAction.MOVE
                    service.execute(Undo(step.id))
                    model = history.pop()
                assert queue(service) == model
                continue
            item_id = ids[n]
            before_id = model[0] if kind == "top" else (None if before is None else ids[before])
            if before_id == item_id:  # already there: nothing changes
                expected = model
            else:
                expected = [i for i in model if i != item_id]
                at = len(expected) if before_id is None else expected.index(before_id)
                expected.insert(at, item_id)
            service.execute(MoveToTop(item_id) if kind == "top" else Move(item_id, before_id))
            if expected != model:
                history.append(model)
            model = expected
            assert queue(service) == model
            assert service.queue_head() == model[0]
    finally:
        store.close()
