"""The approved "what helped" replies of each confession, kept from the mirror's items.

A reply is shown under its confession in the order approved (``queue_position``, then
``id``); the replies to a confession merged into another are that one's (the same
mistake: what helped stays with it). :class:`ApprovedReplies` reads them from the
mirror on demand and says when they may have changed (at most once an event-loop turn).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.protocol.moderator import Item, ItemKind, ItemState
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.translations import translate

HELPED_HEADING = "What helped"  # in English: the record's heading too


def helped_caption(count: int) -> str:
    """How many said a reply helped them too ("" when nobody did)."""
    return translate("Replies", "%n helped too", None, count) if count > 0 else ""


def _final(item_id: int, merged_into: Mapping[int, int]) -> int:
    seen = {item_id}
    while (next_id := merged_into.get(item_id)) is not None and next_id not in seen:
        item_id = next_id
        seen.add(item_id)
    return item_id


def approved_replies(items: Mapping[int, Item]) -> dict[int, list[Item]]:
    """Each confession's approved replies, in the order approved (merged ones included)."""
    merged_into = {i.id: i.merged_into for i in items.values() if i.merged_into is not None}
    approved = sorted(
        (i for i in items.values() if i.kind is ItemKind.REPLY and i.state is ItemState.APPROVED),
        key=lambda i: (i.queue_position or 0, i.id),
    )
    found: dict[int, list[Item]] = {}
    for reply in approved:
        if reply.parent_id is not None:
            found.setdefault(_final(reply.parent_id, merged_into), []).append(reply)
    return found


class ApprovedReplies(QObject):
    """``changed`` fires (coalesced) after anything that may change a confession's replies:
    a reply added, edited, approved, set aside or merged, a confession merged or unmerged,
    a reply's count."""

    changed = Signal()

    def __init__(self, mirror: SessionMirror, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mirror = mirror
        self._by_parent: dict[int, list[Item]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.changed)
        mirror.reset.connect(self._stale)
        mirror.item_added.connect(self._on_item)
        mirror.item_changed.connect(self._on_item)
        mirror.item_removed.connect(self._stale)
        mirror.count_changed.connect(self._on_count)

    def of(self, confession_id: int | None) -> list[Item]:
        """The approved replies shown under ``confession_id``, in the order approved."""
        if confession_id is None:
            return []
        if self._by_parent is None:
            self._by_parent = approved_replies(self._mirror.items)
        return list(self._by_parent.get(confession_id, ()))

    def _on_item(self, item: Item) -> None:
        # Any item: a confession merged or unmerged moves replies too. Read again lazily.
        self._stale()

    def _on_count(self, item_id: int, count: int) -> None:
        item = self._mirror.items.get(item_id)
        if item is not None and item.kind is ItemKind.REPLY:
            self._stale()

    def _stale(self, *_args: object) -> None:
        self._by_parent = None
        if not self._timer.isActive():
            self._timer.start()
