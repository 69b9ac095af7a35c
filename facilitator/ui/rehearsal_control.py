"""The console's rehearsal control: practise the whole flow alone with simulated phones.

"Rehearse with simulated phones…" asks how many (30 unless changed) and sends
``start_rehearsal``: the session host starts a simulated audience in a process of its
own (``facilitator/host/rehearsal.py``) and marks the session as a rehearsal. While
it runs the control says "Rehearsal: N simulated phones" and offers "Stop rehearsal".
A rehearsal's record is kept apart from the real sessions' (``rehearsals/`` in the
data folder); once the session has ended, "Keep this rehearsal's record" moves it into
the session library (``keep_rehearsal``). Everything shown here follows the mirror
(``host.rehearsal_*``, ``session.rehearsal``), so a rehearsal started from the
moderator page or ``--rehearse`` shows the same. The question is a non-modal
``QInputDialog`` opened with ``open()`` (never a nested event loop).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QVBoxLayout, QWidget

from facilitator.protocol.commands import (
    MAX_REHEARSAL_PHONES,
    Command,
    KeepRehearsal,
    StartRehearsal,
    StopRehearsal,
)
from facilitator.sim.launch import DEFAULT_PHONES
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button

START_LABEL = QT_TRANSLATE_NOOP("RehearsalControl", "Rehearse with simulated phones…")
STOP_LABEL = QT_TRANSLATE_NOOP("RehearsalControl", "Stop rehearsal")
KEEP_LABEL = QT_TRANSLATE_NOOP("RehearsalControl", "Keep this rehearsal's record")
START_TIP = QT_TRANSLATE_NOOP(
    "RehearsalControl",
    "Practise alone: simulated phones join, confess and agree like a room "
    "(the session is marked as a rehearsal)",
)
QUESTION = QT_TRANSLATE_NOOP("RehearsalControl", "How many simulated phones?")
MARKED_TEXT = QT_TRANSLATE_NOOP(
    "RehearsalControl", "This session is a rehearsal: its record is kept apart from your sessions'."
)
ENDED_TEXT = QT_TRANSLATE_NOOP(
    "RehearsalControl",
    "This rehearsal's record is kept apart from your sessions' (rehearsals folder).",
)

KEPT_MESSAGE = QT_TRANSLATE_NOOP(
    "RehearsalControl", "The rehearsal's record is kept with your sessions' now."
)


def running_text(phones: int) -> str:
    return translate("RehearsalControl", "Rehearsal: %n simulated phones", None, phones)


class RehearsalControl(QWidget):
    """``message`` carries a sentence for the status bar (a refusal)."""

    message = Signal(str)

    def __init__(
        self, mirror: SessionMirror, commands: CommandPort, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._mirror = mirror
        self._commands = commands
        self.dialog: QInputDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.status_label = plain_label(name="muted")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.start_button = push_button(
            translate("RehearsalControl", START_LABEL), "", translate("RehearsalControl", START_TIP)
        )
        self.stop_button = push_button(
            translate("RehearsalControl", STOP_LABEL), "", self.tr("The simulated phones leave")
        )
        self.keep_button = push_button(
            translate("RehearsalControl", KEEP_LABEL),
            "",
            self.tr("Put its transcript with your sessions' in the transcripts folder"),
        )
        for button in (self.start_button, self.stop_button, self.keep_button):
            layout.addWidget(button)
        self.start_button.clicked.connect(self.ask_phones)
        self.stop_button.clicked.connect(lambda: self._send(StopRehearsal()))
        self.keep_button.clicked.connect(self.keep)
        for signal in (mirror.host_changed, mirror.session_changed, mirror.session_ended):
            signal.connect(self.refresh)
        mirror.reset.connect(self.refresh)
        self.refresh()

    def ask_phones(self) -> None:
        """Ask how many phones (without blocking); :meth:`start` starts them."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Rehearse"))
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setLabelText(translate("RehearsalControl", QUESTION))
        dialog.setIntRange(1, MAX_REHEARSAL_PHONES)
        dialog.setIntValue(DEFAULT_PHONES)
        dialog.setOkButtonText(self.tr("Start rehearsal"))
        dialog.intValueSelected.connect(self.start)
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()

    def start(self, phones: int) -> None:
        self._send(StartRehearsal(phones))

    def keep(self) -> None:
        self._send(KeepRehearsal(), done=translate("RehearsalControl", KEPT_MESSAGE))

    def refresh(self, *_: object) -> None:
        """Show what the mirror says: a rehearsal running, a rehearsal's record, or nothing."""
        host, session = self._mirror.host, self._mirror.session
        open_ = session is not None and session.is_open
        marked = session is not None and session.rehearsal
        phones = host.rehearsal_phones
        if phones:
            text = running_text(phones)
        elif host.rehearsal_detail:
            text = host.rehearsal_detail
        elif marked:
            text = (
                translate("RehearsalControl", MARKED_TEXT)
                if open_
                else translate("RehearsalControl", ENDED_TEXT)
            )
        else:
            text = ""
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        self.start_button.setVisible(open_ and not phones)
        self.stop_button.setVisible(bool(phones))
        self.keep_button.setVisible(marked and not open_)

    def _send(self, command: Command, done: str = "") -> None:
        self._commands.send(
            command,
            on_refused=lambda code, text: self.message.emit(text),
            on_done=(lambda: self.message.emit(done)) if done else None,
        )

    def _forget_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
