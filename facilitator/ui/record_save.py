"""Saving an ended session's record in the format its name asks for.

The record's JSON (written by the host at the end) is the reference: every format is
made again from it, the PDF by Qt here, the others as the host makes them.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.core.record.formats import RecordFormat, document, render
from facilitator.core.record.library import read_record
from facilitator.ui.record_pdf import record_pdf

PDF_SUFFIX = ".pdf"
NAME_FILTERS = ";;".join(
    (
        "PDF (*.pdf)",
        "HTML, printable (*.html)",
        "Markdown (*.md)",
        "CSV, the register (*.csv)",
        "JSON (*.json)",
    )
)
SUFFIXES = (PDF_SUFFIX, *(f".{f.value}" for f in RecordFormat))


def save_record(record_json: Path, target: Path) -> Path:
    """Write the record of ``record_json`` to ``target`` in the format of its suffix
    (PDF when it has none we make); return the path written. Raises ``OSError`` or
    :class:`~facilitator.core.record.library.RecordUnreadable`."""
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        target = target.with_name(target.name + PDF_SUFFIX)
        suffix = PDF_SUFFIX
    transcript = read_record(record_json)
    if suffix == PDF_SUFFIX:
        content = record_pdf(transcript, document(transcript)["fingerprint"])
    else:
        content = render(transcript, RecordFormat(suffix.lstrip("."))).encode("utf-8")
    target.write_bytes(content)
    return target
