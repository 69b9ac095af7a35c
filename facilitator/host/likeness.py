"""Which of the session's items are very like one another, kept as items come and go.

The duplicate finder (``core/duplicates.py``) over every item still in play: a removed
one is out of the record and a merged one is in another, so both are out of the
comparison; a confession for the organisers only is never merged with the room's. Each
change says which *other* items now have another set of very like items, so that
moderators are sent those too: unless there are more than :data:`SHOWN` of them (the
same text sent by a crowd), when
the newcomer alone names them; a link from either side is a link. An item names at
most :data:`SHOWN` items very like it, the earliest first.
"""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.core.duplicates import DuplicateFinder
from facilitator.core.model import Item, ItemState

SHOWN = 20
_OUT_OF_PLAY = frozenset({ItemState.REMOVED, ItemState.MERGED, ItemState.FOR_ORGANISERS})


class Likeness:
    def __init__(self, items: Iterable[Item] = ()) -> None:
        self._finder = DuplicateFinder()
        self._texts: dict[int, str] = {}
        for item in items:
            self.follow(item)

    def like(self, item_id: int) -> tuple[int, ...]:
        """The items very like ``item_id``, lowest id first (at most :data:`SHOWN`)."""
        return tuple(sorted(self._finder.like(item_id))[:SHOWN])

    def follow(self, item: Item) -> frozenset[int]:
        """Take ``item`` as it is now; return the other items whose likes changed."""
        if item.state in _OUT_OF_PLAY:
            return self.forget(item.id)
        if self._texts.get(item.id) == item.text:
            return frozenset()
        before = self._finder.like(item.id)
        self._finder.add(item.id, item.text)
        self._texts[item.id] = item.text
        return _few(before ^ self._finder.like(item.id))

    def forget(self, item_id: int) -> frozenset[int]:
        """``item_id`` is gone; return the items that were very like it."""
        before = self._finder.like(item_id)
        self._finder.remove(item_id)
        self._texts.pop(item_id, None)
        return _few(before)


def _few(item_ids: frozenset[int]) -> frozenset[int]:
    """Items to send again, unless a crowd: then each names the others itself."""
    return item_ids if len(item_ids) <= SHOWN else frozenset()
