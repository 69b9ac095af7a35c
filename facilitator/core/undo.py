"""Undo for moderation: what each action changed, and how to walk it back.

Every approve, set aside, restore, project, blank, remove and edit leaves a step:
the item as it was before and after, and what was on the big screen before and
after. Undo takes the last step back only while the item still has the state and
text that step left it with; one moderator never undoes over another's change. The history is
shared by every moderator of the session (the console and the pages show the same
"Undo …") and lives as long as the host process.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from facilitator.core.errors import CommandRefused
from facilitator.core.model import Item, ItemState
from facilitator.protocol.moderator import UndoAction as UndoAction  # noqa: PLC0414 (re-exported)

HISTORY_LIMIT = 50


@dataclass(frozen=True, slots=True)
class UndoStep:
    id: int
    action: UndoAction
    before: Item | None  # None: the action changed only the screen (blank)
    after: Item | None
    screen_before: int | None
    screen_after: int | None

    @property
    def item_id(self) -> int | None:
        return None if self.before is None else self.before.id


@dataclass(frozen=True, slots=True)
class Reversal:
    """What undoing a step writes: the item as it goes back, and the screen."""

    item: Item | None
    screen: int | None


type ShownCheck = Callable[[int], bool]


def outdated() -> CommandRefused:
    return CommandRefused(
        "undo_outdated", "That has changed since it was done, so it cannot be undone any more."
    )


def reverse(
    step: UndoStep, current: Item | None, screen: int | None, shown: ShownCheck
) -> Reversal:
    """How to undo ``step`` now, or raise :func:`outdated` if it was overtaken.

    ``current`` is the step's item as it is now; ``shown`` tells whether an item may
    go back on the screen (only shown items ever are on it).
    """
    if step.before is None or step.after is None or current is None:
        if screen != step.screen_after or not _may_be_on_screen(step.screen_before, None, shown):
            raise outdated()
        return Reversal(None, step.screen_before)
    if _looks(current) != _looks(step.after):
        raise outdated()
    text_returns = (step.before.text, step.before.learned) != (current.text, current.learned)
    restored = dataclasses.replace(
        step.before, version=current.version + 1 if text_returns else current.version
    )
    if screen == step.screen_after and _may_be_on_screen(step.screen_before, restored, shown):
        return Reversal(restored, step.screen_before)
    if screen == restored.id and restored.state is not ItemState.SHOWN:
        return Reversal(restored, None)
    return Reversal(restored, screen)


def _looks(item: Item) -> tuple[ItemState, str, str]:
    """What a later change would alter (undoing it restores these, not the version)."""
    return item.state, item.text, item.learned


def _may_be_on_screen(item_id: int | None, restored: Item | None, shown: ShownCheck) -> bool:
    if item_id is None:
        return True
    if restored is not None and restored.id == item_id:
        return restored.state is ItemState.SHOWN
    return shown(item_id)


class UndoHistory:
    def __init__(self) -> None:
        self._steps: deque[UndoStep] = deque(maxlen=HISTORY_LIMIT)
        self._last_id = 0

    def record(
        self,
        action: UndoAction,
        before: Item | None,
        after: Item | None,
        screen_before: int | None,
        screen_after: int | None,
    ) -> UndoStep:
        self._last_id += 1
        step = UndoStep(self._last_id, action, before, after, screen_before, screen_after)
        self._steps.append(step)
        return step

    def last(self) -> UndoStep | None:
        return self._steps[-1] if self._steps else None

    def drop_last(self) -> None:
        self._steps.pop()

    def forget_item(self, item_id: int) -> bool:
        """Drop the steps of an item that is gone; return whether the last step changed."""
        last = self.last()
        kept = [step for step in self._steps if step.item_id != item_id]
        self._steps = deque(kept, maxlen=HISTORY_LIMIT)
        return self.last() != last

    def clear(self) -> None:
        self._steps.clear()
