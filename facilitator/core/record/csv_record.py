"""The record as CSV: the register, one row per shown confession, safe to open in a
spreadsheet (follow-up and by when are left empty for the organisers).

UTF-8 with a byte-order mark (so that spreadsheet programs read accents and scripts
rightly), every field quoted, line breaks inside a field kept. A cell that a
spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is prefixed with an apostrophe, as OWASP advises against CSV
injection: the text reads the same and nothing runs. Every row carries the record's
fingerprint, so that the sheet can be checked against the record's JSON.
"""

from __future__ import annotations

import csv
import io

from facilitator.core.record.register import register
from facilitator.core.transcript import Transcript

HEADER = (
    "order",
    "confession",
    "what_helped",
    "agreements",
    "share_of_phones",
    "follow_up",
    "by_when",
    "record_fingerprint",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def to_csv(transcript: Transcript, fingerprint: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in register(transcript):
        writer.writerow(
            (
                row.order,
                defuse(row.mistake),
                defuse(row.what_helped),
                row.been_there,
                "" if row.share is None else f"{row.share:.3f}",
                defuse(row.follow_up.action),
                defuse(row.follow_up.by_when),
                fingerprint,
            )
        )
    return BOM + buffer.getvalue()


def defuse(cell: str) -> str:
    """The cell as text a spreadsheet shows and never evaluates."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
