"""Which confessions in the lanes are very like one another, and which were merged, kept
up to date one item at a time.

The host says, for each item, which others are very like it (``Item.like``). A row
shows "≈ N alike" when N of those are still in the lanes (mergeable: not merged, not
removed, not for the organisers), and the kept item of a merge "merged from N". Both
depend on *other* items, so each change names the rows whose marker may have changed:
the item itself, the items that list it when it enters or leaves the lanes, and the
item it was merged into. Nothing is recomputed for the other thousands.
"""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.protocol.moderator import Item, ItemState
from facilitator.ui.translations import translate

MERGEABLE = frozenset(
    {ItemState.INCOMING, ItemState.APPROVED, ItemState.SHOWN, ItemState.SET_ASIDE}
)


def alike_text(alike: int) -> str:
    return translate("LikeGroups", "≈ %n alike", None, alike) if alike else ""


def merged_from_text(merged: int) -> str:
    return translate("LikeGroups", "merged from %n", None, merged) if merged else ""


class LikeGroups:
    """The like relation as the host sent it, its reverse, and the merges."""

    def __init__(self) -> None:
        self._items: dict[int, Item] = {}
        self._listed_by: dict[int, set[int]] = {}  # id -> ids whose ``like`` names it
        self._merged_into: dict[int, set[int]] = {}  # kept id -> ids merged into it

    def reset(self, items: Iterable[Item]) -> None:
        self._items = {}
        self._listed_by = {}
        self._merged_into = {}
        for item in items:
            self.update(item)

    # Reading

    def alike(self, item_id: int) -> list[int]:
        """The items very like ``item_id`` that are still in the lanes (lowest id first)."""
        items = self._items
        return [
            other
            for other in (items[item_id].like if item_id in items else ())
            if (found := items.get(other)) is not None and found.state in MERGEABLE
        ]

    def merged_from(self, item_id: int) -> int:
        """How many items were merged into ``item_id``."""
        return len(self._merged_into.get(item_id, ()))

    def marker(self, item_id: int) -> str:
        """ "≈ 3 alike", "merged from 2", both or "" (never for an item out of the lanes)."""
        item = self._items.get(item_id)
        if item is None or item.state not in MERGEABLE:
            return ""
        parts = (alike_text(len(self.alike(item_id))), merged_from_text(self.merged_from(item_id)))
        return " · ".join(part for part in parts if part)

    # Changing

    def update(self, item: Item) -> set[int]:
        """Take ``item`` as it is now; returns the *other* items whose marker may have
        changed with it (the caller redraws ``item`` itself anyway)."""
        previous = self._items.get(item.id)
        self._items[item.id] = item
        affected: set[int] = set()
        old_like = previous.like if previous is not None else ()
        if old_like != item.like:
            for other in set(old_like) - set(item.like):
                self._listed_by.get(other, set()).discard(item.id)
            for other in item.like:
                self._listed_by.setdefault(other, set()).add(item.id)
        was_mergeable = previous is not None and previous.state in MERGEABLE
        if was_mergeable != (item.state in MERGEABLE):
            affected |= self._listed_by.get(item.id, set())
        old_into = self._into(previous)
        new_into = self._into(item)
        if old_into != new_into:
            if old_into is not None:
                self._merged_into.get(old_into, set()).discard(item.id)
                affected.add(old_into)
            if new_into is not None:
                self._merged_into.setdefault(new_into, set()).add(item.id)
                affected.add(new_into)
        affected.discard(item.id)
        return affected

    def remove(self, item_id: int) -> set[int]:
        """``item_id`` is gone; returns the other items whose marker may have changed."""
        item = self._items.pop(item_id, None)
        if item is None:
            return set()
        for other in item.like:
            self._listed_by.get(other, set()).discard(item_id)
        affected = set(self._listed_by.get(item_id, set()))
        into = self._into(item)
        if into is not None:
            self._merged_into.get(into, set()).discard(item_id)
            affected.add(into)
        self._merged_into.pop(item_id, None)
        affected.discard(item_id)
        return affected

    @staticmethod
    def _into(item: Item | None) -> int | None:
        if item is None or item.state is not ItemState.MERGED:
            return None
        return item.merged_into
