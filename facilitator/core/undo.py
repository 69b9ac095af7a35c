"""Undo for moderation: what each action changed, and how to walk it back.

Every approve, set aside, restore, project, blank, remove, edit, move, bulk action
and merge leaves a step: each item it changed as it was before and after, and what was
on the big screen before and after. Undo takes the last step back only while every
one of its items still has the state, text and place that step left it with; one
moderator never undoes over another's change. The history is shared by every moderator
of the session (the console and the pages show the same "Undo …") and lives as long as
the host process.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from facilitator.core.errors import CommandRefused
from facilitator.core.model import Item, ItemState
from facilitator.protocol.moderator import UndoAction as UndoAction  # noqa: PLC0414 (re-exported)

HISTORY_LIMIT = 50


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One item as it was before an action and as the action left it."""

    before: Item
    after: Item


@dataclass(frozen=True, slots=True)
class UndoStep:
    id: int
    action: UndoAction
    changes: tuple[ItemChange, ...]  # empty: the action changed only the screen (blank)
    screen_before: int | None
    screen_after: int | None

    @property
    def item_id(self) -> int | None:
        """The item the action was about (for a merge, the one kept)."""
        return self.changes[0].before.id if self.changes else None

    @property
    def item_ids(self) -> tuple[int, ...]:
        return tuple(change.before.id for change in self.changes)


@dataclass(frozen=True, slots=True)
class Reversal:
    """What undoing a step writes: the items as they go back, and the screen."""

    items: tuple[Item, ...]
    screen: int | None


type ShownCheck = Callable[[int], bool]


def outdated() -> CommandRefused:
    return CommandRefused(
        "undo_outdated", "That has changed since it was done, so it cannot be undone any more."
    )


def reverse(
    step: UndoStep, current: Mapping[int, Item], screen: int | None, shown: ShownCheck
) -> Reversal:
    """How to undo ``step`` now, or raise :func:`outdated` if it was overtaken.

    ``current`` holds the step's items as they are now (one that is gone is missing);
    ``shown`` tells whether an item may go back on the screen (only shown items ever are).
    """
    if not step.changes:
        if screen != step.screen_after or not _may_be_on_screen(step.screen_before, {}, shown):
            raise outdated()
        return Reversal((), step.screen_before)
    restored: dict[int, Item] = {}
    for change in step.changes:
        now = current.get(change.before.id)
        if now is None or _looks(now) != _looks(change.after):
            raise outdated()
        text_returns = (change.before.text, change.before.learned) != (now.text, now.learned)
        restored[now.id] = dataclasses.replace(
            change.before, version=now.version + 1 if text_returns else now.version
        )
    items = tuple(restored.values())
    if screen == step.screen_after and _may_be_on_screen(step.screen_before, restored, shown):
        return Reversal(items, step.screen_before)
    if screen in restored and restored[screen].state is not ItemState.SHOWN:
        return Reversal(items, None)
    return Reversal(items, screen)


def _looks(item: Item) -> tuple[ItemState, str, str, int | None]:
    """What a later change would alter (undoing it restores these, not the version)."""
    return item.state, item.text, item.learned, item.queue_position


def _may_be_on_screen(item_id: int | None, restored: Mapping[int, Item], shown: ShownCheck) -> bool:
    if item_id is None:
        return True
    if item_id in restored:
        return restored[item_id].state is ItemState.SHOWN
    return shown(item_id)


class UndoHistory:
    def __init__(self) -> None:
        self._steps: deque[UndoStep] = deque(maxlen=HISTORY_LIMIT)
        self._last_id = 0

    def record(
        self,
        action: UndoAction,
        changes: tuple[ItemChange, ...],
        screen_before: int | None,
        screen_after: int | None,
    ) -> UndoStep:
        self._last_id += 1
        step = UndoStep(self._last_id, action, changes, screen_before, screen_after)
        self._steps.append(step)
        return step

    def last(self) -> UndoStep | None:
        return self._steps[-1] if self._steps else None

    def drop_last(self) -> None:
        self._steps.pop()

    def forget_item(self, item_id: int) -> bool:
        """Drop the steps of an item that is gone; return whether the last step changed."""
        last = self.last()
        kept = [step for step in self._steps if item_id not in step.item_ids]
        self._steps = deque(kept, maxlen=HISTORY_LIMIT)
        return self.last() != last

    def clear(self) -> None:
        self._steps.clear()
