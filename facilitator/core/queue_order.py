"""Places in Up next: numbers with room between them, so a move changes one item.

Approving puts an item :data:`GAP` after the last; moving one puts it halfway between
its new neighbours. Only when two neighbours have no number left between them is
the whole queue numbered afresh (keeping its order), which changes every place.
"""

from __future__ import annotations

from collections.abc import Sequence

GAP = 1024

type Places = dict[int, int]  # item id → queue position


def after_last(queue: Sequence[tuple[int, int]]) -> int:
    """The place for an item joining the end of ``queue`` ((id, position) in order)."""
    return (queue[-1][1] if queue else 0) + GAP


def move(queue: Sequence[tuple[int, int]], item_id: int, before_id: int | None) -> Places:
    """The places that change when ``item_id`` moves to just before ``before_id`` (or to
    the end). ``queue`` is Up next in order, as (id, position)."""
    others = [(other, place) for other, place in queue if other != item_id]
    index = len(others) if before_id is None else _index(others, before_id)
    if before_id is None:
        return {item_id: after_last(others)}
    lower = others[index - 1][1] if index > 0 else others[index][1] - 2 * GAP
    upper = others[index][1]
    if upper - lower >= 2:
        return {item_id: (lower + upper) // 2}
    ids = [other for other, _ in others]
    ids.insert(index, item_id)
    renumbered = {other: GAP * (number + 1) for number, other in enumerate(ids)}
    current = dict(queue)
    return {
        other: place
        for other, place in renumbered.items()
        if other == item_id or current.get(other) != place
    }


def _index(others: Sequence[tuple[int, int]], before_id: int) -> int:
    for index, (other, _) in enumerate(others):
        if other == before_id:
            return index
    raise KeyError(before_id)
