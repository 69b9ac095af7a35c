"""At start-up: resume the unfinished session, or start a new one?

This runs before the asyncio loop starts, so (and only so) a modal ``exec()``
is safe here. The message box is made by a factory that tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from facilitator.core.model import SessionInfo
from facilitator.ui.translations import translate

type BoxFactory = Callable[[QWidget | None], QMessageBox]


def readable_date(iso_date: str) -> str:
    """``2025-03-07`` → ``7 March 2025``; anything unparsable is returned unchanged."""
    try:
        day = date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return f"{day.day} {day:%B %Y}"


def resume_question(session: SessionInfo) -> str:
    if session.rehearsal:
        question = translate("Resume", 'Resume the unfinished rehearsal "{title}" from {date}?')
    else:
        question = translate("Resume", 'Resume the unfinished session "{title}" from {date}?')
    return question.format(title=session.title, date=readable_date(session.created_on))


def resume_detail(session: SessionInfo) -> str:
    detail = translate(
        "Resume", "Resume keeps its confessions, queue and votes. New session starts an empty one."
    )
    if session.rehearsal:
        return detail + translate(
            "Resume",
            " It is a rehearsal (simulated phones joined it): its record is kept "
            "apart from your sessions' unless you keep it.",
        )
    return detail


def build_resume_box(session: SessionInfo, box: QMessageBox) -> QMessageBox:
    """Fill ``box`` with the question; Resume is the default, Escape starts a new session."""
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Confessional")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the title is the facilitator's text
    box.setText(resume_question(session))
    box.setInformativeText(resume_detail(session))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(translate("Resume", "Resume"))
    box.button(QMessageBox.StandardButton.No).setText(translate("Resume", "New session"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box


def ask_resume(
    session: SessionInfo, parent: QWidget | None = None, *, box_factory: BoxFactory = QMessageBox
) -> bool:
    """Ask, blocking, whether to resume ``session``; ``True`` means resume.

    Call only before the qasync loop runs: ``exec()`` enters a nested event loop.
    """
    box = build_resume_box(session, box_factory(parent))
    try:
        box.exec()
        return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
    finally:
        box.deleteLater()
