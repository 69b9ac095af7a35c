"""Saving an ended session's record in the format its name asks for.

The record's JSON (written by the host at the end) is the reference: every format is
made again from it, the PDF by Qt here, the others as the host makes them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.core.record.formats import RecordFormat, document, render
from facilitator.core.record.library import RecordUnreadable, read_record
from facilitator.ui.record_pdf import record_pdf
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

PDF_SUFFIX = ".pdf"
NAME_FILTERS = ";;".join(
    (
        "PDF (*.pdf)",
        QT_TRANSLATE_NOOP("RecordSave", "HTML, printable (*.html)"),
        "Markdown (*.md)",
        QT_TRANSLATE_NOOP("RecordSave", "CSV, the register (*.csv)"),
        "JSON (*.json)",
    )
)


def name_filters() -> str:
    """:data:`NAME_FILTERS` in the console's language."""
    return ";;".join(translate("RecordSave", name) for name in NAME_FILTERS.split(";;"))


SUFFIXES = (PDF_SUFFIX, *(f".{f.value}" for f in RecordFormat))


def save_and_say(record_json: Path, target: str | Path) -> str:
    """Save the record (a busy cursor meanwhile: a big session's PDF takes a few seconds)
    and return the sentence for the status bar, done or not."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        written = save_record(record_json, Path(target))
    except (OSError, RecordUnreadable) as error:
        log.warning("Could not save the record to %s: %s", target, error)
        reason = error.strerror if isinstance(error, OSError) else None
        return translate("RecordSave", "Could not save the record: {reason}").format(
            reason=reason or error
        )
    finally:
        QApplication.restoreOverrideCursor()
    return translate("RecordSave", "Record saved as {path}.").format(path=written)


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
