"""The session's title, prompt and agreement label, editable while the session is open."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from facilitator.core import rules
from facilitator.protocol.commands import UpdateDetails
from facilitator.protocol.moderator import SessionDetails
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.widgets import plain_label, push_button

Details = tuple[str, str, str]


def _details(session: SessionDetails) -> Details:
    return (session.title, session.prompt, session.agree_label)


class DetailsPanel(QFrame):
    """Edits go to the host as ``update_details``; ``message`` is for the status bar.

    Changes made elsewhere (the moderator page) replace the fields, unless the
    facilitator has unapplied edits in them.
    """

    message = Signal(str)

    def __init__(self, commands: CommandPort, session: SessionDetails) -> None:
        super().__init__()
        self._commands = commands
        self._session = session
        self._shown: Details = ("", "", "")
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(plain_label(self.tr("SESSION"), "caption"))
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(6)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(rules.MAX_TITLE_CHARS)
        self.prompt_edit = QLineEdit()
        self.prompt_edit.setMaxLength(rules.MAX_PROMPT_CHARS)
        self.label_edit = QLineEdit()
        self.label_edit.setMaxLength(rules.MAX_LABEL_CHARS)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Prompt"), self.prompt_edit)
        form.addRow(self.tr("Button"), self.label_edit)
        layout.addLayout(form)
        row = QHBoxLayout()
        self._buttons = row
        self.error_label = plain_label(name="error")
        self.error_label.setWordWrap(True)
        self.apply_button = push_button(
            self.tr("Update"), "", self.tr("Show the new title, prompt and button label")
        )
        row.addWidget(self.error_label, 1)
        row.addWidget(self.apply_button)
        layout.addLayout(row)
        for edit in self._edits():
            edit.textEdited.connect(self._update_apply_button)
            edit.returnPressed.connect(self.apply)
        self.apply_button.clicked.connect(self.apply)
        self.show_session(self._session)

    def add_button(self, button: QPushButton) -> None:
        """Another session setting, opened from the left of the Update row."""
        self._buttons.insertWidget(0, button)

    def apply(self) -> None:
        """Send the edited title, prompt and button label to the session."""
        if not self.apply_button.isEnabled():
            return
        self._commands.send(UpdateDetails(*self._edited()), self._refused, self._done)

    def _refused(self, code: str, message: str) -> None:
        self.error_label.setText(message)
        self.message.emit(message)

    def _done(self) -> None:
        self.error_label.setText("")
        self.message.emit(self.tr("Session details updated."))

    def show_session(self, session: SessionDetails) -> None:
        """Show ``session``'s details, unless the facilitator is in the middle of editing."""
        self._session = session
        saved = _details(session)
        if self._edited() in (self._shown, saved):
            for edit, value in zip(self._edits(), saved, strict=True):
                edit.setText(value)
                edit.setCursorPosition(0)  # the beginning of a long prompt
            self._shown = saved
        for edit in self._edits():
            edit.setEnabled(session.is_open)
        self._update_apply_button()

    def _edits(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return (self.title_edit, self.prompt_edit, self.label_edit)

    def _edited(self) -> Details:
        title, prompt, label = (edit.text() for edit in self._edits())
        return (title, prompt, label)

    def _update_apply_button(self) -> None:
        changed = self._edited() != _details(self._session)
        self.apply_button.setEnabled(self._session.is_open and changed)
