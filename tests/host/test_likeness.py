"""Which items are very like one another: only those still in play for the room."""

from __future__ import annotations

import dataclasses

import pytest

from facilitator.core.model import Item, ItemKind, ItemState
from facilitator.host.likeness import Likeness

SILENT = "I stayed silent in the review when I knew the design was wrong"


def item(item_id: int, text: str = SILENT, state: ItemState = ItemState.INCOMING) -> Item:
    return Item(
        id=item_id,
        kind=ItemKind.CONFESSION,
        parent_id=None,
        text=text,
        learned="",
        original_text=text,
        original_learned="",
        state=state,
        queue_position=None,
        shown_order=None,
        agreement_count=0,
        set_apart_count=0,
        version=1,
    )


def test_told_twice_the_items_name_each_other() -> None:
    likeness = Likeness([item(1), item(2, SILENT.replace("silent", "silant"))])
    assert (likeness.like(1), likeness.like(2)) == ((2,), (1,))


@pytest.mark.parametrize("state", [ItemState.MERGED, ItemState.REMOVED])
def test_an_item_out_of_play_leaves_its_group_and_comes_back_with_undo(state: ItemState) -> None:
    likeness = Likeness([item(1), item(2), item(3)])
    assert likeness.follow(item(3, state=state)) == {1, 2}
    assert (likeness.like(1), likeness.like(3)) == ((2,), ())
    assert likeness.follow(item(3)) == {1, 2}
    assert likeness.like(1) == (2, 3)


def test_a_confession_for_the_organisers_is_never_grouped_with_the_rooms() -> None:
    likeness = Likeness([item(1), item(2, state=ItemState.FOR_ORGANISERS)])
    assert (likeness.like(1), likeness.like(2)) == ((), ())
    edited = dataclasses.replace(item(2, state=ItemState.FOR_ORGANISERS), text=SILENT + "!")
    assert likeness.follow(edited) == frozenset()
    assert likeness.like(1) == ()


def test_a_reply_is_compared_only_with_replies_to_its_confession() -> None:
    def reply(item_id: int, parent_id: int) -> Item:
        return dataclasses.replace(item(item_id), kind=ItemKind.REPLY, parent_id=parent_id)

    likeness = Likeness([item(1), reply(2, 10), reply(3, 10), reply(4, 11)])
    assert likeness.like(1) == ()
    assert (likeness.like(2), likeness.like(3), likeness.like(4)) == ((3,), (2,), ())
    assert likeness.forget(3) == frozenset({2})
    assert likeness.like(2) == ()
