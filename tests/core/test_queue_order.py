"""Places in Up next (``queue_order``): gaps, halving, numbering afresh only when needed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.core import queue_order
from facilitator.core.queue_order import GAP, after_last

type Queue = list[tuple[int, int]]


def spaced(*ids: int) -> Queue:
    """A queue as approving leaves it: ``GAP`` apart, in the order given."""
    return [(item_id, GAP * (n + 1)) for n, item_id in enumerate(ids)]


def apply(queue: Queue, places: dict[int, int]) -> Queue:
    """The queue after the changed places, in order (ties by id, as the store orders)."""
    merged = {**dict(queue), **places}
    return sorted(merged.items(), key=lambda pair: (pair[1], pair[0]))


def order(queue: Queue) -> list[int]:
    return [item_id for item_id, _ in queue]


def test_a_place_after_the_last() -> None:
    assert after_last([]) == GAP
    assert after_last(spaced(7, 3)) == 3 * GAP
    assert after_last([(1, -5)]) == GAP - 5


def test_moving_between_two_takes_the_middle_and_changes_only_the_moved_one() -> None:
    queue = spaced(1, 2, 3)
    places = queue_order.move(queue, 3, 2)
    assert places == {3: GAP + GAP // 2}
    assert order(apply(queue, places)) == [1, 3, 2]


def test_moving_to_the_end_goes_a_gap_after_the_last_other() -> None:
    queue = spaced(1, 2, 3)
    assert queue_order.move(queue, 1, None) == {1: 4 * GAP}
    assert order(apply(queue, queue_order.move(queue, 1, None))) == [2, 3, 1]
    # The last one "moved" to the end goes a gap after the one before it.
    assert queue_order.move(queue, 3, None) == {3: 3 * GAP}


def test_moving_to_the_top_goes_before_the_first_even_below_zero() -> None:
    queue = spaced(1, 2, 3)
    places = queue_order.move(queue, 3, 1)
    assert places == {3: 0}
    queue = apply(queue, places)
    places = queue_order.move(queue, 2, 3)
    assert places == {2: -GAP}
    assert order(apply(queue, places)) == [2, 3, 1]


def test_halving_runs_out_and_then_the_queue_is_numbered_afresh_in_order() -> None:
    queue = spaced(1, 2, 3, 4)
    changed_one = 0
    # Each move puts the last one just before 2: the gap before 2 halves every time.
    for mover in [3, 4] * 20:
        places = queue_order.move(queue, mover, 2)
        queue = apply(queue, places)
        assert order(queue).index(mover) == order(queue).index(2) - 1
        if len(places) == 1:
            changed_one += 1
        else:  # no room left: every place may change, the order holds
            assert mover in places
            assert sorted(dict(queue).values()) == [GAP * n for n in range(1, 5)]
    assert 8 <= changed_one < 40  # about log2(GAP) halvings between renumberings


def test_numbering_afresh_names_only_the_places_that_change() -> None:
    queue = [(1, GAP), (2, 2 * GAP), (3, 2 * GAP + 1), (4, 4 * GAP)]
    places = queue_order.move(queue, 4, 3)  # no room between 2 and 3
    assert places == {4: 3 * GAP, 3: 4 * GAP}
    assert order(apply(queue, places)) == [1, 2, 4, 3]


def test_equal_places_leave_no_room_between_them() -> None:
    queue = [(1, 5), (2, 5), (3, 5)]  # ordered by id
    places = queue_order.move(queue, 3, 2)
    assert order(apply(queue, places)) == [1, 3, 2]


def test_moving_before_one_not_in_the_queue_is_an_error() -> None:
    with pytest.raises(KeyError):
        queue_order.move(spaced(1, 2), 1, 9)
    with pytest.raises(KeyError):  # before itself: the caller says "already there"
        queue_order.move(spaced(1, 2), 1, 1)


@st.composite
def queues_and_moves(draw: st.DrawFn) -> tuple[Queue, list[tuple[int, int | None]]]:
    size = draw(st.integers(1, 8))
    ids = draw(st.lists(st.integers(1, 50), min_size=size, max_size=size, unique=True))
    # Small places make ties and crowding (and so renumbering) common.
    places = draw(st.lists(st.integers(-3, 3), min_size=size, max_size=size))
    moves = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.one_of(st.none(), st.sampled_from(ids))),
            max_size=40,
        )
    )
    return list(zip(ids, places, strict=True)), moves


@given(queues_and_moves())
def test_any_sequence_of_moves_keeps_the_order_of_a_plain_list(
    case: tuple[Queue, list[tuple[int, int | None]]],
) -> None:
    start, moves = case
    queue = apply(start, {})
    model = order(queue)
    for item_id, before_id in moves:
        if before_id == item_id:
            continue
        places = queue_order.move(queue, item_id, before_id)
        assert item_id in places
        queue = apply(queue, places)
        model.remove(item_id)
        model.insert(len(model) if before_id is None else model.index(before_id), item_id)
        assert order(queue) == model
    assert sorted(dict(queue)) == sorted(dict(start))  # nobody lost, nobody added


@given(st.integers(2, 12), st.data())
def test_a_move_in_a_queue_as_approving_leaves_it_changes_one_place(
    size: int, data: st.DataObject
) -> None:
    queue = spaced(*range(1, size + 1))
    item_id = data.draw(st.integers(1, size))
    before_id = data.draw(st.one_of(st.none(), st.integers(1, size)).filter(lambda b: b != item_id))
    assert list(queue_order.move(queue, item_id, before_id)) == [item_id]
