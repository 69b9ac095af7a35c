"""The start-up question: resume the unfinished session?"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from facilitator.core.model import SessionInfo, SessionStatus
from facilitator.ui.resume import ask_resume, readable_date, resume_detail, resume_question

SESSION = SessionInfo(
    id=3,
    title="Friday <b>retro</b>",
    prompt="What broke?",
    agree_label="Been there",
    status=SessionStatus.OPEN,
    created_on="2025-03-07",
    ended_on=None,
    port=8080,
    moderator_secret="secret",
    current_item_id=None,
    removed_count=0,
)


class AnsweringBox(QMessageBox):
    """Answers instead of waiting for a person (exec() would block the test)."""

    answer: QMessageBox.StandardButton | None = None
    shown: list[AnsweringBox] = []  # noqa: RUF012

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        AnsweringBox.shown.append(self)

    def exec(self) -> int:
        if self.answer is None:
            self.reject()  # Escape or the window's close button
        else:
            self.button(self.answer).click()
        return self.result()


def ask(answer: QMessageBox.StandardButton | None) -> bool:
    AnsweringBox.answer = answer
    return ask_resume(SESSION, box_factory=AnsweringBox)


def test_the_question_names_the_session_and_its_date() -> None:
    assert resume_question(SESSION) == (
        'Resume the unfinished session "Friday <b>retro</b>" from 7 March 2025?'
    )
    assert readable_date("not a date") == "not a date"


def test_an_unfinished_rehearsal_is_called_one() -> None:
    rehearsal = replace(SESSION, rehearsal=True)
    assert resume_question(rehearsal) == (
        'Resume the unfinished rehearsal "Friday <b>retro</b>" from 7 March 2025?'
    )
    assert "kept apart from your sessions'" in resume_detail(rehearsal)
    assert "rehearsal" not in resume_detail(SESSION)


def test_resume_new_or_escape(qtbot: QtBot) -> None:
    assert ask(QMessageBox.StandardButton.Yes) is True
    assert ask(QMessageBox.StandardButton.No) is False
    assert ask(None) is False


def test_the_box_shows_the_title_as_plain_text(qtbot: QtBot) -> None:
    AnsweringBox.shown.clear()
    ask(QMessageBox.StandardButton.Yes)
    box = AnsweringBox.shown[-1]
    assert box.text() == resume_question(SESSION)
    assert box.textFormat().name == "PlainText"
    assert box.button(QMessageBox.StandardButton.Yes).text() == "Resume"
    assert box.button(QMessageBox.StandardButton.No).text() == "New session"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Yes)
