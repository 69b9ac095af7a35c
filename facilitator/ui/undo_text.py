"""The console's Undo button's words: what it takes back, on which confession (an
excerpt) or on how many: Undo approve “I deployed on a…”, Undo approve (12), Undo move
“…”, Undo merge (3) “…” (the excerpt of the one kept)."""

from __future__ import annotations

from facilitator.protocol.moderator import Item, UndoAction, UndoOffer
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate

UNDO_NAMES = {
    "approve": QT_TRANSLATE_NOOP("UndoText", "approve"),
    "set_aside": QT_TRANSLATE_NOOP("UndoText", "set aside"),
    "restore": QT_TRANSLATE_NOOP("UndoText", "restore"),
    "project": QT_TRANSLATE_NOOP("UndoText", "project"),
    "blank": QT_TRANSLATE_NOOP("UndoText", "taking it off the screen"),
    "remove": QT_TRANSLATE_NOOP("UndoText", "remove from record"),
    "edit": QT_TRANSLATE_NOOP("UndoText", "edit"),
    "move": QT_TRANSLATE_NOOP("UndoText", "move"),
    "approve_many": QT_TRANSLATE_NOOP("UndoText", "approve"),
    "set_aside_many": QT_TRANSLATE_NOOP("UndoText", "set aside"),
    "merge": QT_TRANSLATE_NOOP("UndoText", "merge"),
}
MANY_ACTIONS = (UndoAction.APPROVE_MANY, UndoAction.SET_ASIDE_MANY, UndoAction.MERGE)
UNDO_EXCERPT_CHARS = 24


def undo_text(offer: UndoOffer | None, items: dict[int, Item]) -> str:
    """The undo button's label: what it takes back, on which confession (how many, for a
    bulk action or a merge: "Undo approve (12)", "Undo merge (3) “…”")."""
    if offer is None:
        return translate("UndoText", "Undo")
    name = translate("UndoText", UNDO_NAMES[offer.action.value])
    if offer.action in MANY_ACTIONS:
        name += f" ({len(offer.item_ids)})"
    item = None if offer.item_id is None else items.get(offer.item_id)
    if item is None or offer.action in (UndoAction.APPROVE_MANY, UndoAction.SET_ASIDE_MANY):
        return translate("UndoText", "Undo {action}").format(action=name)
    words = " ".join(item.text.split())
    if len(words) > UNDO_EXCERPT_CHARS:
        words = words[: UNDO_EXCERPT_CHARS - 1].rstrip() + "…"
    return translate("UndoText", "Undo {action} “{words}”").format(action=name, words=words)
