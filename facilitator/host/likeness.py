"""Which of the session's items are very like one another, kept as items come and go.

The duplicate finder (``core/duplicates.py``) over every item still in play: a removed
one is out of the record and a merged one is in another, so both are out of the
comparison; a confession for the organisers only is never merged with the room's, and a
reply is compared only with the other replies to its confession (it merges with no
other). Each
change says which *other* items now have another set of very like items, so that
moderators are sent those too: unless there are more than :data:`SHOWN` of them (the
same text sent by a crowd), when
the newcomer alone names them; a link from either side is a link. An item names at
most :data:`SHOWN` items very like it, the earliest first.
"""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.core.duplicates import DuplicateFinder
from facilitator.core.model import Item, ItemKind, ItemState

SHOWN = 20
_OUT_OF_PLAY = frozenset({ItemState.REMOVED, ItemState.MERGED, ItemState.FOR_ORGANISERS})


type _Group = int | None  # None: the confessions; a confession's id: its replies


class Likeness:
    def __init__(self, items: Iterable[Item] = ()) -> None:
        self._finders: dict[_Group, DuplicateFinder] = {}
        self._groups: dict[int, _Group] = {}
        self._texts: dict[int, str] = {}
        for item in items:
            self.follow(item)

    def like(self, item_id: int) -> tuple[int, ...]:
        """The items very like ``item_id``, lowest id first (at most :data:`SHOWN`)."""
        return tuple(sorted(self._finder(item_id).like(item_id))[:SHOWN])

    def follow(self, item: Item) -> frozenset[int]:
        """Take ``item`` as it is now; return the other items whose likes changed."""
        if item.state in _OUT_OF_PLAY:
            return self.forget(item.id)
        if self._texts.get(item.id) == item.text:
            return frozenset()
        group = item.parent_id if item.kind is ItemKind.REPLY else None
        self._groups[item.id] = group
        finder = self._finders.setdefault(group, DuplicateFinder())
        before = finder.like(item.id)
        finder.add(item.id, item.text)
        self._texts[item.id] = item.text
        return _few(before ^ finder.like(item.id))

    def forget(self, item_id: int) -> frozenset[int]:
        """``item_id`` is gone; return the items that were very like it."""
        finder = self._finder(item_id)
        before = finder.like(item_id)
        finder.remove(item_id)
        self._texts.pop(item_id, None)
        self._groups.pop(item_id, None)
        return _few(before)

    def _finder(self, item_id: int) -> DuplicateFinder:
        return self._finders.setdefault(self._groups.get(item_id), DuplicateFinder())


def _few(item_ids: frozenset[int]) -> frozenset[int]:
    """Items to send again, unless a crowd: then each names the others itself."""
    return item_ids if len(item_ids) <= SHOWN else frozenset()
