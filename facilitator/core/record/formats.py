"""Every format of a session's record, from one :class:`Transcript` and its fingerprint.

The JSON document is the reference: the fingerprint is computed from it and printed
in the others. PDF is made from the HTML by Qt in the console and in
``confessional export`` (the host stays free of Qt).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from typing import Any, assert_never

from facilitator.core.record.csv_record import to_csv
from facilitator.core.record.fingerprint import fingerprint
from facilitator.core.record.html_record import to_html
from facilitator.core.record.markdown_record import to_markdown
from facilitator.core.record.register import most_shared, register
from facilitator.core.transcript import FORMAT_NAME, FORMAT_VERSION, Transcript


class RecordFormat(StrEnum):
    MARKDOWN = "md"
    HTML = "html"
    CSV = "csv"
    JSON = "json"

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self]


_MEDIA_TYPES = {
    RecordFormat.MARKDOWN: "text/markdown; charset=utf-8",
    RecordFormat.HTML: "text/html; charset=utf-8",
    RecordFormat.CSV: "text/csv; charset=utf-8",
    RecordFormat.JSON: "application/json",
}


def document(transcript: Transcript) -> dict[str, Any]:
    """The record's JSON document, its fingerprint included."""
    fields: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    fields.update(asdict(transcript))
    for confession in fields["confessions"]:
        del confession["follow_up"]  # in the register: the one place it is filled in
    fields["most_shared"] = [c.order for c in most_shared(transcript)]
    fields["register"] = [asdict(row) for row in register(transcript)]
    fields["fingerprint"] = fingerprint(fields)
    return fields


def render(transcript: Transcript, record_format: RecordFormat) -> str:
    doc = document(transcript)
    stamp: str = doc["fingerprint"]
    match record_format:
        case RecordFormat.JSON:
            return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        case RecordFormat.MARKDOWN:
            return to_markdown(transcript) + f"\nFingerprint: `{stamp}`\n"
        case RecordFormat.HTML:
            return to_html(transcript, stamp)
        case RecordFormat.CSV:
            return to_csv(transcript, stamp)
        case _:
            assert_never(record_format)
