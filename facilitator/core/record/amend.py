"""A record in the library amended after its session: the closing note, and the
register's follow-ups (an action, and by when) the organisers fill in afterwards.

Nothing else in a record changes once its session has ended: what was shown, the
counts, the house rules. The amended record is written over the old one (its Markdown
and JSON, all or nothing) with the fingerprint of its new content, so a circulated copy
of the old one no longer matches it, as it should not. A record written by an earlier
version of the format is rewritten in the current one (the fields it did not have left
empty). A rehearsal's record, in ``rehearsals/``, is amended the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from facilitator.core import rules
from facilitator.core.record.files import write_record_files
from facilitator.core.record.library import read_record
from facilitator.core.transcript import FollowUp, Transcript


def amend_record(
    json_path: Path,
    *,
    closing_note: str | None = None,
    follow_ups: Mapping[int, FollowUp] | None = None,
) -> Transcript:
    """Amend the record whose JSON is ``json_path`` and return it as now written.

    ``closing_note`` replaces the facilitator's note (``""`` removes it); ``None`` keeps
    it. ``follow_ups`` sets the follow-up of each shown confession it names by its
    ``order`` (``FollowUp()`` clears one); the others keep theirs. Each text is cleaned
    by the rules (``rules.CLOSING_NOTE``, ``rules.FOLLOW_UP_ACTION``,
    ``rules.FOLLOW_UP_BY_WHEN``). The Markdown beside the JSON (same stem) and the JSON
    are rewritten together.

    Raises :class:`~facilitator.core.record.library.RecordUnreadable` if the file is not
    a record this version can read, :class:`~facilitator.core.errors.RuleViolation` if a
    text breaks a rule, :class:`ValueError` if an order is not one of the record's shown
    confessions, and :class:`OSError` if the files cannot be written (they are then left
    as they were).
    """
    transcript = read_record(json_path)
    if closing_note is not None:
        transcript = replace(
            transcript, closing_note=rules.clean_text(closing_note, rules.CLOSING_NOTE)
        )
    if follow_ups:
        transcript = _with_follow_ups(transcript, follow_ups)
    write_record_files(transcript, json_path.with_suffix(".md"), json_path)
    return transcript


def clean_follow_up(follow_up: FollowUp) -> FollowUp:
    """A follow-up by the rules: one line each, action and by when."""
    return FollowUp(
        rules.clean_text(follow_up.action, rules.FOLLOW_UP_ACTION),
        rules.clean_text(follow_up.by_when, rules.FOLLOW_UP_BY_WHEN),
    )


def _with_follow_ups(transcript: Transcript, follow_ups: Mapping[int, FollowUp]) -> Transcript:
    orders = {confession.order for confession in transcript.confessions}
    unknown = sorted(order for order in follow_ups if order not in orders)
    if unknown:
        raise ValueError(_not_in_record(unknown, sorted(orders)))
    cleaned = {order: clean_follow_up(follow_up) for order, follow_up in follow_ups.items()}
    confessions = tuple(
        replace(confession, follow_up=cleaned[confession.order])
        if confession.order in cleaned
        else confession
        for confession in transcript.confessions
    )
    return replace(transcript, confessions=confessions)


def _not_in_record(unknown: list[int], orders: list[int]) -> str:
    named = ", ".join(f"#{order}" for order in unknown)
    if not orders:
        return f"No confession was shown in this session, so it has no {named} to follow up."
    shown = f"#{orders[0]}" if len(orders) == 1 else f"#{orders[0]} to #{orders[-1]}"
    noun = "confession" if len(unknown) == 1 else "confessions"
    return f"The record has no shown {noun} {named}: its shown confessions are {shown}."
