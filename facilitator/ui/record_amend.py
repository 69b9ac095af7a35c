"""Amending a record in the library after its session ended: the closing note and the
register's follow-ups (``core/record/amend.py`` rewrites the record's JSON and Markdown).

Whatever stops it comes back as a sentence to show where the facilitator typed, never
raised: a rule the text breaks, a record that cannot be read, a disk that refuses.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from facilitator.core.errors import RuleViolation
from facilitator.core.record.amend import amend_record
from facilitator.core.record.library import RecordUnreadable
from facilitator.core.record.register import FollowUp
from facilitator.core.transcript import Transcript
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

UNREADABLE = QT_TRANSLATE_NOOP(
    "RecordAmend", "The record cannot be read any more, so nothing was changed: {error}"
)
NOT_WRITTEN = QT_TRANSLATE_NOOP(
    "RecordAmend", "The record could not be written, so nothing was changed: {error}"
)


def amend(
    json_path: Path,
    *,
    closing_note: str | None = None,
    follow_ups: Mapping[int, FollowUp] | None = None,
) -> Transcript | str:
    """The record at ``json_path`` as amended, or why it was not."""
    try:
        return amend_record(json_path, closing_note=closing_note, follow_ups=follow_ups)
    except RuleViolation as violation:
        return violation.message
    except RecordUnreadable as error:
        log.warning("Record not amended: %s", error)
        return translate("RecordAmend", UNREADABLE).format(error=error)
    except ValueError as error:
        return str(error)
    except OSError as error:
        log.warning("Record not amended: %s", error)
        return translate("RecordAmend", NOT_WRITTEN).format(error=error.strerror or error)
