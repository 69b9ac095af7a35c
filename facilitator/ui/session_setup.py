"""Set up the session: what the room reads first (title, prompt, the agree button, house
rules), the confession form (its longest confession, the "what I learned" field), the
phones' language, accent colour and the organiser's logo (``logo_row.py``), warm-up
confessions that go first, and the closing note of the record; filled from a prepared
file (``core/setup_file.py``) or saved as one.

Opened from the Session card (*Set up…*) without blocking the console. *Apply* sends one
``apply_setup``; once the host took it, each warm-up not sent yet as ``add_warm_up``
(approved into the end of Up next, with no author), the closing note if it changed
(``set_closing_note``) and, when a loaded file says otherwise than the session, what the
record keeps (``set_unshown_record``, ``set_organisers_record``). A refusal is shown in
the dialog, in the host's words. A file that cannot be used is said in the dialog and
changes nothing; its logo, if any, is uploaded to the host as if chosen, and a file
saved keeps the logo beside it (``write_setup_file``). Dialogs open with ``open()``
(never a nested event loop).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, fields, replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.core import rules
from facilitator.core.errors import RuleViolation
from facilitator.core.setup import SessionSetup, WarmUp, as_command, cleaned
from facilitator.core.setup_file import (
    PreparedSession,
    SetupFileError,
    read_setup_file,
    write_setup_file,
)
from facilitator.protocol.commands import (
    AddWarmUp,
    Command,
    SetClosingNote,
    SetOrganisersRecord,
    SetUnshownRecord,
)
from facilitator.protocol.moderator import SessionDetails
from facilitator.ui.console_style import STYLE_SHEET
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.limited_text import LimitedText, limited_line
from facilitator.ui.logo_client import LogoPort
from facilitator.ui.logo_row import LogoRow
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import open_file_dialog, plain_label, push_button, save_as_dialog

log = logging.getLogger(__name__)

# Every sentence the dialog shows, in one place (for tr() later).
WINDOW_TITLE = QT_TRANSLATE_NOOP("SessionSetupDialog", "Set up this session")
ROOM_CAPTION = QT_TRANSLATE_NOOP("SessionSetupDialog", "WHAT THE ROOM READS")
FORM_CAPTION = QT_TRANSLATE_NOOP("SessionSetupDialog", "THE CONFESSION FORM")
PHONES_CAPTION = QT_TRANSLATE_NOOP("SessionSetupDialog", "PHONES")
WARM_UPS_CAPTION = QT_TRANSLATE_NOOP("SessionSetupDialog", "WARM-UP CONFESSIONS")
CLOSING_CAPTION = QT_TRANSLATE_NOOP("SessionSetupDialog", "AT THE END")
TITLE_LABEL = QT_TRANSLATE_NOOP("SessionSetupDialog", "Title")
PROMPT_LABEL = QT_TRANSLATE_NOOP("SessionSetupDialog", "Prompt")
AGREE_LABEL = QT_TRANSLATE_NOOP("SessionSetupDialog", "Agree button")
RULES_LABEL = QT_TRANSLATE_NOOP("SessionSetupDialog", "House rules")
DEFAULT_RULES = QT_TRANSLATE_NOOP(
    "SessionSetupDialog", "Use the default rules (shown in each phone's language)"
)
LENGTH_LABEL = QT_TRANSLATE_NOOP("SessionSetupDialog", "Longest confession")
LENGTH_SUFFIX = QT_TRANSLATE_NOOP("SessionSetupDialog", " characters")
LENGTH_TIP = QT_TRANSLATE_NOOP(
    "SessionSetupDialog", "From {low} to {high} characters; phones count down as people type"
)
LESSON_LABEL = QT_TRANSLATE_NOOP(
    "SessionSetupDialog", "Ask “What I learned” (optional for the sender)"
)
LANGUAGE_LABEL = QT_TRANSLATE_NOOP("SessionSetupDialog", "Language")
ACCENT_LABEL = QT_TRANSLATE_NOOP("SessionSetupDialog", "Colour")
ACCENT_CHOOSE = QT_TRANSLATE_NOOP("SessionSetupDialog", "Choose…")
ACCENT_NONE = QT_TRANSLATE_NOOP("SessionSetupDialog", "None")
ACCENT_NONE_TIP = QT_TRANSLATE_NOOP("SessionSetupDialog", "Confessional's own colours")
ACCENT_OWN = "{colour}"
ACCENT_PRODUCT = QT_TRANSLATE_NOOP("SessionSetupDialog", "Confessional's colours")
ACCENT_DIALOG = QT_TRANSLATE_NOOP("SessionSetupDialog", "The organisers' colour")
LOGO_LABEL = QT_TRANSLATE_NOOP("SessionSetupDialog", "Logo")
WARM_UPS_HINT = QT_TRANSLATE_NOOP(
    "SessionSetupDialog",
    "Yours, prepared before: they go first, approved into the end of Up next, with no "
    "author. Those already sent are edited in the console.",
)
WARM_UP_ADD = QT_TRANSLATE_NOOP("SessionSetupDialog", "Add…")
WARM_UP_EDIT = QT_TRANSLATE_NOOP("SessionSetupDialog", "Edit…")
WARM_UP_REMOVE = QT_TRANSLATE_NOOP("SessionSetupDialog", "Remove")
WARM_UP_SENT = QT_TRANSLATE_NOOP("SessionSetupDialog", "In Up next: {text}")
WARM_UP_SENT_TIP = QT_TRANSLATE_NOOP(
    "SessionSetupDialog", "Already sent: edit it in the console like any confession"
)
CLOSING_LABEL = QT_TRANSLATE_NOOP("SessionSetupDialog", "Closing note")
CLOSING_HINT = QT_TRANSLATE_NOOP(
    "SessionSetupDialog", "In the record, after the confessions. Never a participant's name."
)
RECORD_FROM_FILE = QT_TRANSLATE_NOOP(
    "SessionSetupDialog", "From the file, the record keeps: {kept}. Applied with the rest."
)
RECORD_UNSHOWN = QT_TRANSLATE_NOOP("SessionSetupDialog", "approved confessions never shown")
RECORD_ORGANISERS = QT_TRANSLATE_NOOP("SessionSetupDialog", "organisers-only confessions")
RECORD_ONLY_SHOWN = QT_TRANSLATE_NOOP("SessionSetupDialog", "only what was shown")
LOAD = QT_TRANSLATE_NOOP("SessionSetupDialog", "Load from file…")
LOAD_TIP = QT_TRANSLATE_NOOP(
    "SessionSetupDialog",
    "A prepared session (TOML, docs/session-file.md): fills the fields, applies nothing",
)
SAVE = QT_TRANSLATE_NOOP("SessionSetupDialog", "Save to file…")
SAVE_TIP = QT_TRANSLATE_NOOP(
    "SessionSetupDialog",
    "These fields and warm-ups, to prepare the next session or share the set-up",
)
CLOSE = QT_TRANSLATE_NOOP("SessionSetupDialog", "Close")
APPLY = QT_TRANSLATE_NOOP("SessionSetupDialog", "Apply")
APPLY_TIP = QT_TRANSLATE_NOOP(
    "SessionSetupDialog", "Send the set-up to the session; phones and the big screen follow at once"
)
FILE_KIND = QT_TRANSLATE_NOOP("SessionSetupDialog", "Session files (*.toml);;All files (*)")
FILE_NAME = "session.toml"
LOADED = QT_TRANSLATE_NOOP(
    "SessionSetupDialog", "Loaded {path}. Nothing is applied until you choose Apply."
)
SAVED = QT_TRANSLATE_NOOP("SessionSetupDialog", "Set-up saved as {path}.")
NOT_SAVED = QT_TRANSLATE_NOOP("SessionSetupDialog", "Not saved: {error}")
TOO_LONG = QT_TRANSLATE_NOOP("SessionSetupDialog", "{field} is too long: shorten it first.")
APPLIED = QT_TRANSLATE_NOOP("SessionSetupDialog", "Session set-up applied.")
# In English (the numerus form in _answered is what is said).
APPLIED_WARM_UPS = "Session set-up applied; {count} warm-up confession{s} added to Up next."
REFUSED = QT_TRANSLATE_NOOP("SessionSetupDialog", "{field}: {message}")
WARM_UP_FIELD = QT_TRANSLATE_NOOP("SessionSetupDialog", "Warm-up confession {number}")
ENDED = QT_TRANSLATE_NOOP(
    "SessionSetupDialog",
    "The session has ended: its set-up can no longer change (Save to file… still works).",
)

# The phone page's languages (participant_web), each in its own words.
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("", QT_TRANSLATE_NOOP("SessionSetupDialog", "Each phone's own")),
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("cy", "Cymraeg"),
    ("ar", "العربية"),
)
WARM_UP_TITLE = QT_TRANSLATE_NOOP("SessionSetupDialog", "Warm-up confession")
WARM_UP_TEXT = QT_TRANSLATE_NOOP("SessionSetupDialog", "Confession")
WARM_UP_LEARNED = QT_TRANSLATE_NOOP("SessionSetupDialog", "What I learned (optional)")
WARM_UP_SAVE = QT_TRANSLATE_NOOP("SessionSetupDialog", "OK")
WARM_UP_CANCEL = QT_TRANSLATE_NOOP("SessionSetupDialog", "Cancel")
WARM_UP_EMPTY = QT_TRANSLATE_NOOP("SessionSetupDialog", "Write the confession first.")
WARM_UP_LONG = QT_TRANSLATE_NOOP(
    "SessionSetupDialog", "Shorten it first: the counts say by how much."
)


# A refusal's code names the field it is about (``title_empty``): said before its message.
FIELD_OF_CODE: tuple[tuple[str, str], ...] = (
    ("house_rules", RULES_LABEL),
    ("agree_label", AGREE_LABEL),
    ("max_length", LENGTH_LABEL),
    ("accent", ACCENT_LABEL),
    ("logo", LOGO_LABEL),
    ("title", TITLE_LABEL),
    ("prompt", PROMPT_LABEL),
    ("closing_note", CLOSING_LABEL),
)


def named(code: str, message: str, field: str = "") -> str:
    """``message`` after the name of the field ``code`` is about (``field`` if given)."""
    if not field:
        label = next((label for prefix, label in FIELD_OF_CODE if code.startswith(prefix)), "")
        field = translate("SessionSetupDialog", label) if label else ""
    return (
        translate("SessionSetupDialog", REFUSED).format(field=field, message=message)
        if field
        else message
    )


@dataclass(frozen=True, slots=True)
class ListedWarmUp:
    """A warm-up in the dialog's list; ``sent`` once the host added it to Up next."""

    warm_up: WarmUp
    sent: bool = False


class WarmUpEditor(QDialog):
    """One warm-up confession and its optional lesson; ``chosen`` carries it on OK."""

    chosen = Signal(object)  # WarmUp

    def __init__(self, warm_up: WarmUp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SessionSetupDialog", WARM_UP_TITLE))
        self.setStyleSheet(STYLE_SHEET)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(translate("SessionSetupDialog", WARM_UP_TEXT)))
        self.text = LimitedText(rules.MAX_CONFESSION_CHARS, lines=5)
        self.text.set_text(warm_up.text)
        layout.addWidget(self.text)
        layout.addWidget(plain_label(translate("SessionSetupDialog", WARM_UP_LEARNED)))
        self.learned = LimitedText(rules.MAX_LEARNED_CHARS, lines=2)
        self.learned.set_text(warm_up.learned)
        layout.addWidget(self.learned)
        self.error_label = plain_label(name="error")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = push_button(translate("SessionSetupDialog", WARM_UP_CANCEL))
        self.ok_button = push_button(translate("SessionSetupDialog", WARM_UP_SAVE), "primary")
        row.addWidget(cancel)
        row.addWidget(self.ok_button)
        layout.addLayout(row)
        cancel.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.choose)

    def choose(self) -> None:
        if not self.text.text().strip():
            self.error_label.setText(translate("SessionSetupDialog", WARM_UP_EMPTY))
            return
        if self.text.over_limit() or self.learned.over_limit():
            self.error_label.setText(translate("SessionSetupDialog", WARM_UP_LONG))
            return
        self.chosen.emit(WarmUp(self.text.text().strip(), self.learned.text().strip()))
        self.accept()


class SessionSetupDialog(QDialog):
    """See the module docstring. ``message`` carries a sentence for the status bar."""

    message = Signal(str)

    def __init__(
        self,
        commands: CommandPort,
        session: SessionDetails,
        parent: QWidget | None = None,
        *,
        logos: LogoPort | None = None,
    ) -> None:
        """``logos``: where a logo is uploaded and its preview fetched (``None``: the
        logo row stays as the session has it)."""
        super().__init__(parent)
        self._commands = commands
        self._logos = logos
        self._saving: tuple[Path, PreparedSession] | None = None  # waiting for the logo
        self._session = session
        self._record = (session.unshown_record, session.organisers_record)
        self._warm_ups: list[ListedWarmUp] = []
        self._custom_rules = ""
        self._accent = ""
        self._pending = 0  # commands sent by the last Apply, not answered yet
        self._refusal = ""
        self._added = 0
        self.file_dialog: QFileDialog | None = None
        self.colour_dialog: QColorDialog | None = None
        self.warm_up_editor: WarmUpEditor | None = None
        self.setObjectName("sessionSetup")
        self.setWindowTitle(translate("SessionSetupDialog", WINDOW_TITLE))
        self.setStyleSheet(STYLE_SHEET)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(self._build_room(), 11)
        columns.addLayout(self._build_form(), 10)
        layout.addLayout(columns, 1)
        self.error_label = plain_label(name="error")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.note_label = plain_label(name="muted")
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        row = QHBoxLayout()
        self.load_button = push_button(
            translate("SessionSetupDialog", LOAD), "", translate("SessionSetupDialog", LOAD_TIP)
        )
        self.save_button = push_button(
            translate("SessionSetupDialog", SAVE), "", translate("SessionSetupDialog", SAVE_TIP)
        )
        self.close_button = push_button(translate("SessionSetupDialog", CLOSE))
        self.apply_button = push_button(
            translate("SessionSetupDialog", APPLY),
            "primary",
            translate("SessionSetupDialog", APPLY_TIP),
        )
        row.addWidget(self.load_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        row.addWidget(self.apply_button)
        layout.addLayout(row)
        self.load_button.clicked.connect(self.choose_file_to_load)
        self.save_button.clicked.connect(self.choose_file_to_save)
        self.close_button.clicked.connect(self.accept)
        self.apply_button.clicked.connect(self.apply)
        self.resize(900, 620)
        # The session's set-up as the host last said it: a field that differs from it was
        # changed here, and only those are sent, over the session as it is then; the
        # others follow another moderator's changes (show_session).
        self._baseline = _setup_of(session)
        self._baseline_note = session.closing_note
        self.fill(self._baseline)
        self.closing_note.set_text(session.closing_note)
        self.show_session(session)

    # Building

    def _build_room(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(plain_label(translate("SessionSetupDialog", ROOM_CAPTION), "caption"))
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        self.title_edit, self.title_count = limited_line(rules.MAX_TITLE_CHARS)
        form.addRow(translate("SessionSetupDialog", TITLE_LABEL), self.title_edit)
        form.addRow("", self.title_count)
        self.prompt_edit = LimitedText(rules.MAX_PROMPT_CHARS, lines=2)
        form.addRow(translate("SessionSetupDialog", PROMPT_LABEL), self.prompt_edit)
        self.agree_edit, self.agree_count = limited_line(rules.MAX_LABEL_CHARS)
        form.addRow(translate("SessionSetupDialog", AGREE_LABEL), self.agree_edit)
        form.addRow("", self.agree_count)
        column.addLayout(form)
        column.addWidget(plain_label(translate("SessionSetupDialog", RULES_LABEL)))
        self.default_rules = QCheckBox(translate("SessionSetupDialog", DEFAULT_RULES))
        column.addWidget(self.default_rules)
        self.house_rules = LimitedText(rules.MAX_HOUSE_RULES_CHARS, lines=7, grow=True)
        column.addWidget(self.house_rules, 1)
        self.default_rules.toggled.connect(self._default_rules_toggled)
        return column

    def _build_form(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(plain_label(translate("SessionSetupDialog", FORM_CAPTION), "caption"))
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(6)
        self.max_length = QSpinBox()
        self.max_length.setRange(rules.MIN_CONFESSION_LIMIT, rules.MAX_CONFESSION_CHARS)
        self.max_length.setSingleStep(50)
        self.max_length.setSuffix(translate("SessionSetupDialog", LENGTH_SUFFIX))
        self.max_length.setToolTip(
            translate("SessionSetupDialog", LENGTH_TIP).format(
                low=rules.MIN_CONFESSION_LIMIT, high=rules.MAX_CONFESSION_CHARS
            )
        )
        form.addRow(translate("SessionSetupDialog", LENGTH_LABEL), self.max_length)
        column.addLayout(form)
        self.offer_lesson = QCheckBox(translate("SessionSetupDialog", LESSON_LABEL))
        column.addWidget(self.offer_lesson)
        column.addSpacing(4)
        column.addWidget(plain_label(translate("SessionSetupDialog", PHONES_CAPTION), "caption"))
        phones = QFormLayout()
        phones.setContentsMargins(0, 0, 0, 0)
        phones.setVerticalSpacing(6)
        self.language = QComboBox()
        for tag, name in LANGUAGES:
            # Each language in its own words; "each phone's own" in the console's.
            self.language.addItem(name if tag else translate("SessionSetupDialog", name), tag)
        phones.addRow(translate("SessionSetupDialog", LANGUAGE_LABEL), self.language)
        accent_row = QHBoxLayout()
        self.accent_button = push_button(translate("SessionSetupDialog", ACCENT_CHOOSE))
        self.accent_none_button = push_button(
            translate("SessionSetupDialog", ACCENT_NONE),
            "",
            translate("SessionSetupDialog", ACCENT_NONE_TIP),
        )
        self.accent_label = plain_label(name="muted", selectable=True)
        accent_row.addWidget(self.accent_button)
        accent_row.addWidget(self.accent_none_button)
        accent_row.addWidget(self.accent_label, 1)
        phones.addRow(translate("SessionSetupDialog", ACCENT_LABEL), accent_row)
        self.logo_row = LogoRow(self._logos, self._session.logo)
        phones.addRow(translate("SessionSetupDialog", LOGO_LABEL), self.logo_row)
        self.logo_row.refused.connect(self._logo_refused)
        self.logo_row.busy_changed.connect(lambda _busy: self._update_apply())
        self.logo_row.images.arrived.connect(self._logo_arrived)
        self.logo_row.images.failed.connect(self._logo_failed)
        column.addLayout(phones)
        column.addSpacing(4)
        column.addWidget(plain_label(translate("SessionSetupDialog", WARM_UPS_CAPTION), "caption"))
        hint = plain_label(translate("SessionSetupDialog", WARM_UPS_HINT), "muted")
        hint.setWordWrap(True)
        column.addWidget(hint)
        self.warm_up_list = QListWidget()
        self.warm_up_list.setMinimumHeight(70)
        self.warm_up_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.warm_up_list.setUniformItemSizes(True)
        column.addWidget(self.warm_up_list, 1)
        buttons = QHBoxLayout()
        self.add_warm_up_button = push_button(translate("SessionSetupDialog", WARM_UP_ADD))
        self.edit_warm_up_button = push_button(translate("SessionSetupDialog", WARM_UP_EDIT))
        self.remove_warm_up_button = push_button(translate("SessionSetupDialog", WARM_UP_REMOVE))
        buttons.addWidget(self.add_warm_up_button)
        buttons.addWidget(self.edit_warm_up_button)
        buttons.addWidget(self.remove_warm_up_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addSpacing(4)
        column.addWidget(plain_label(translate("SessionSetupDialog", CLOSING_CAPTION), "caption"))
        column.addWidget(plain_label(translate("SessionSetupDialog", CLOSING_LABEL)))
        self.closing_note = LimitedText(rules.MAX_CLOSING_NOTE_CHARS, lines=2)
        column.addWidget(self.closing_note)
        closing_hint = plain_label(translate("SessionSetupDialog", CLOSING_HINT), "muted")
        closing_hint.setWordWrap(True)
        column.addWidget(closing_hint)
        self.accent_button.clicked.connect(self.choose_accent)
        self.accent_none_button.clicked.connect(lambda: self.set_accent(""))
        self.add_warm_up_button.clicked.connect(lambda: self._edit_warm_up(None))
        self.edit_warm_up_button.clicked.connect(self._edit_selected)
        self.remove_warm_up_button.clicked.connect(self.remove_selected_warm_up)
        self.warm_up_list.itemDoubleClicked.connect(lambda _item: self._edit_selected())
        self.warm_up_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        return column

    # The fields

    def fill(self, setup: SessionSetup, only: Collection[str] | None = None) -> None:
        """Show ``setup`` in the fields, or in those ``only`` names (nothing is sent; the
        logo has its own row)."""

        def shown(name: str) -> bool:
            return only is None or name in only

        if shown("title"):
            self.title_edit.setText(setup.title)
            self.title_edit.setCursorPosition(0)
        if shown("prompt"):
            self.prompt_edit.set_text(setup.prompt)
        if shown("agree_label"):
            self.agree_edit.setText(setup.agree_label)
            self.agree_edit.setCursorPosition(0)
        if shown("house_rules"):
            self._custom_rules = setup.house_rules or ""
            if self.default_rules.isChecked() == (setup.house_rules is None):
                self._default_rules_toggled(setup.house_rules is None)
            else:
                self.default_rules.setChecked(setup.house_rules is None)
        if shown("max_length"):
            self.max_length.setValue(setup.max_length)
        if shown("offer_lesson"):
            self.offer_lesson.setChecked(setup.offer_lesson)
        if shown("language"):
            index = self.language.findData(setup.language)
            if index < 0:  # a tag from a file or the moderator page beyond the six
                self.language.addItem(setup.language, setup.language)
                index = self.language.count() - 1
            self.language.setCurrentIndex(index)
        if shown("accent"):
            self.set_accent(setup.accent)

    def setup(self) -> SessionSetup:
        """The set-up as the fields say (not checked by the rules yet)."""
        return SessionSetup(
            title=self.title_edit.text(),
            prompt=self.prompt_edit.text(),
            agree_label=self.agree_edit.text(),
            house_rules=None if self.default_rules.isChecked() else self.house_rules.text(),
            max_length=self.max_length.value(),
            offer_lesson=self.offer_lesson.isChecked(),
            language=str(self.language.currentData()),
            accent=self._accent,
            logo=self.logo_row.version(),
        )

    def warm_ups(self) -> tuple[ListedWarmUp, ...]:
        return tuple(self._warm_ups)

    def prepared(self) -> PreparedSession:
        """Everything in the dialog, as a file keeps it."""
        return PreparedSession(
            self.setup(),
            tuple(listed.warm_up for listed in self._warm_ups),
            unshown_record=self._record[0],
            organisers_record=self._record[1],
        )

    def _default_rules_toggled(self, default: bool) -> None:
        if default:
            if not self.house_rules.edit.isReadOnly():
                self._custom_rules = self.house_rules.text()
            self.house_rules.set_text(rules.DEFAULT_HOUSE_RULES)
        else:
            # The default as a start, for a facilitator who only wants to change a line.
            self.house_rules.set_text(self._custom_rules or rules.DEFAULT_HOUSE_RULES)
        self.house_rules.set_read_only(default)

    def set_accent(self, colour: str) -> None:
        self._accent = colour
        if colour:
            swatch = QPixmap(14, 14)
            swatch.fill(QColor(colour))
            self.accent_button.setIcon(QIcon(swatch))
        else:
            self.accent_button.setIcon(QIcon())
        self.accent_label.setText(
            ACCENT_OWN.format(colour=colour)
            if colour
            else translate("SessionSetupDialog", ACCENT_PRODUCT)
        )
        self.accent_none_button.setEnabled(bool(colour))

    def choose_accent(self) -> None:
        """A colour dialog, opened without blocking; its choice becomes the accent."""
        dialog = QColorDialog(QColor(self._accent or "#1a7f64"), self)
        dialog.setWindowTitle(translate("SessionSetupDialog", ACCENT_DIALOG))
        dialog.colorSelected.connect(lambda colour: self.set_accent(colour.name().lower()))
        dialog.finished.connect(dialog.deleteLater)
        self.colour_dialog = dialog
        dialog.open()

    # Warm-ups

    def add_warm_up(self, warm_up: WarmUp) -> None:
        self._warm_ups.append(ListedWarmUp(warm_up))
        self._show_warm_ups()
        self.warm_up_list.setCurrentRow(len(self._warm_ups) - 1)

    def replace_warm_up(self, row: int, warm_up: WarmUp) -> None:
        if 0 <= row < len(self._warm_ups) and not self._warm_ups[row].sent:
            self._warm_ups[row] = ListedWarmUp(warm_up)
            self._show_warm_ups()
            self.warm_up_list.setCurrentRow(row)

    def remove_selected_warm_up(self) -> None:
        row = self.warm_up_list.currentRow()
        if 0 <= row < len(self._warm_ups) and not self._warm_ups[row].sent:
            del self._warm_ups[row]
            self._show_warm_ups()

    def _edit_selected(self) -> None:
        row = self.warm_up_list.currentRow()
        if 0 <= row < len(self._warm_ups) and not self._warm_ups[row].sent:
            self._edit_warm_up(row)

    def _edit_warm_up(self, row: int | None) -> None:
        """The warm-up editor (not blocking): a new warm-up, or the one at ``row``."""
        if self.warm_up_editor is not None:
            self.warm_up_editor.close()
        start = WarmUp("") if row is None else self._warm_ups[row].warm_up
        editor = WarmUpEditor(start, self)
        if row is None:
            editor.chosen.connect(self.add_warm_up)
        else:
            editor.chosen.connect(lambda warm_up: self.replace_warm_up(row, warm_up))
        editor.finished.connect(editor.deleteLater)
        self.warm_up_editor = editor
        editor.open()

    def _show_warm_ups(self) -> None:
        self.warm_up_list.clear()
        for listed in self._warm_ups:
            line = " ".join(listed.warm_up.text.split())
            item = QListWidgetItem(
                translate("SessionSetupDialog", WARM_UP_SENT).format(text=line)
                if listed.sent
                else line
            )
            item.setToolTip(
                translate("SessionSetupDialog", WARM_UP_SENT_TIP)
                if listed.sent
                else listed.warm_up.text
            )
            if listed.sent:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.warm_up_list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.warm_up_list.currentRow()
        editable = 0 <= row < len(self._warm_ups) and not self._warm_ups[row].sent
        self.edit_warm_up_button.setEnabled(editable)
        self.remove_warm_up_button.setEnabled(editable)

    # Files

    def choose_file_to_load(self) -> None:
        self.file_dialog = open_file_dialog(
            self,
            translate("SessionSetupDialog", LOAD).rstrip("…"),
            translate("SessionSetupDialog", FILE_KIND),
            self.load_from,
        )

    def load_from(self, path: str | Path) -> None:
        """Fill the fields from a prepared session's file; one that cannot be used is
        said here and changes nothing."""
        try:
            prepared = read_setup_file(Path(path))
        except SetupFileError as error:
            self.error_label.setText(str(error))
            return
        self.error_label.setText("")
        self.fill(prepared.setup)
        self._warm_ups = [w for w in self._warm_ups if w.sent]
        self._warm_ups += [ListedWarmUp(w) for w in prepared.warm_ups]
        self._show_warm_ups()
        self._record = (prepared.unshown_record, prepared.organisers_record)
        self._show_record_note()
        if prepared.logo is not None:
            self.logo_row.upload(prepared.logo.screen.data)
        else:
            self.logo_row.clear()
        self.message.emit(translate("SessionSetupDialog", LOADED).format(path=path))

    def choose_file_to_save(self) -> None:
        self.file_dialog = save_as_dialog(
            self,
            translate("SessionSetupDialog", SAVE).rstrip("…"),
            Path.home() / FILE_NAME,
            translate("SessionSetupDialog", FILE_KIND),
            self.save_to,
        )

    def save_to(self, path: str | Path) -> None:
        """Write the fields and warm-ups to ``path`` as a prepared session's file, the
        logo beside it (its big-screen rendition, fetched from the host first if it is
        not here yet)."""
        target = Path(path)
        try:
            prepared = replace(self.prepared(), setup=cleaned(self.setup()))
        except RuleViolation as violation:
            self._not_saved(named(violation.code, violation.message))
            return
        version = prepared.setup.logo
        if version and self.logo_row.images.rendition(version) is None:
            self._saving = (target, prepared)
            self.logo_row.images.want(version)
            return
        self._write(target, prepared)

    def _logo_arrived(self, version: str) -> None:
        if self._saving is not None and self._saving[1].setup.logo == version:
            target, prepared = self._saving
            self._saving = None
            self._write(target, prepared)

    def _logo_failed(self, version: str, message: str) -> None:
        if self._saving is not None and self._saving[1].setup.logo == version:
            self._saving = None
            self._not_saved(named("logo", message))

    def _not_saved(self, error: object) -> None:
        self.error_label.setText(translate("SessionSetupDialog", NOT_SAVED).format(error=error))

    def _write(self, target: Path, prepared: PreparedSession) -> None:
        screen = self.logo_row.images.rendition(prepared.setup.logo)
        try:
            write_setup_file(target, prepared, screen)
        except OSError as error:
            log.warning("Could not save the set-up to %s: %s", target, error)
            self._not_saved(error.strerror or error)
            return
        self.error_label.setText("")
        self.message.emit(translate("SessionSetupDialog", SAVED).format(path=target))
        self.note_label.setText(translate("SessionSetupDialog", SAVED).format(path=target))

    # Applying

    def apply(self) -> None:
        """Send the set-up; the rest follows once the host took it."""
        for field, text in (
            (translate("SessionSetupDialog", PROMPT_LABEL), self.prompt_edit),
            (translate("SessionSetupDialog", RULES_LABEL), self.house_rules),
            (translate("SessionSetupDialog", CLOSING_LABEL), self.closing_note),
        ):
            if text.over_limit() and not text.edit.isReadOnly():
                self.error_label.setText(
                    translate("SessionSetupDialog", TOO_LONG).format(field=field)
                )
                return
        setup = self.changed_over_session()
        self.error_label.setText("")
        self._refusal = ""
        self._added = 0
        self._pending = 1
        self.apply_button.setEnabled(False)
        self._commands.send(
            as_command(setup), on_refused=self._refused, on_done=self._setup_applied
        )

    def changed_over_session(self) -> SessionSetup:
        """The fields changed in the dialog over the set-up the session has now."""
        wanted, baseline = self.setup(), self._baseline
        changed = {
            field.name: getattr(wanted, field.name)
            for field in fields(SessionSetup)
            if getattr(wanted, field.name) != getattr(baseline, field.name)
        }
        return replace(_setup_of(self._session), **changed)

    def _setup_applied(self) -> None:
        follow: list[tuple[Command, int | None]] = []
        unshown, organisers = self._record
        if unshown != self._session.unshown_record:
            follow.append((SetUnshownRecord(unshown), None))
        if organisers != self._session.organisers_record:
            follow.append((SetOrganisersRecord(organisers), None))
        note = self.closing_note.text()
        if note != self._baseline_note:  # changed here, not by another moderator meanwhile
            follow.append((SetClosingNote(note), None))
        for row, listed in enumerate(self._warm_ups):
            if not listed.sent:
                warm_up = listed.warm_up
                follow.append((AddWarmUp(warm_up.text, warm_up.learned), row))
        self._pending += len(follow)
        for command, warm_up_row in follow:
            field = (
                ""
                if warm_up_row is None
                else translate("SessionSetupDialog", WARM_UP_FIELD).format(number=warm_up_row + 1)
            )
            self._commands.send(
                command,
                on_refused=self._on_refused(field),
                on_done=self._on_done(warm_up_row),
            )
        self._answered(None)

    def _on_done(self, warm_up_row: int | None) -> Callable[[], None]:
        return lambda: self._answered(warm_up_row)

    def _on_refused(self, field: str) -> Callable[[str, str], None]:
        return lambda code, message: self._refused(code, message, field)

    def _answered(self, warm_up_row: int | None) -> None:
        if warm_up_row is not None:
            self._warm_ups[warm_up_row] = ListedWarmUp(self._warm_ups[warm_up_row].warm_up, True)
            self._added += 1
            self._show_warm_ups()
        self._pending -= 1
        if self._pending > 0:
            return
        self._update_apply()
        if self._refusal:
            return
        if self._added:
            said = translate(
                "SessionSetupDialog",
                "Session set-up applied; %n warm-up confessions added to Up next.",
                None,
                self._added,
            )
        else:
            said = translate("SessionSetupDialog", APPLIED)
        self.note_label.setText(said)
        self.message.emit(said)

    def _logo_refused(self, code: str, message: str) -> None:
        """The logo before stays; the host's words say why this one did not."""
        self.error_label.setText(named("logo" if code.startswith("logo") else code, message))

    def _refused(self, code: str, message: str, field: str = "") -> None:
        self._refusal = named(code, message, field)
        self.error_label.setText(self._refusal)
        self._answered(None)

    # Following the host

    def show_session(self, session: SessionDetails) -> None:
        """The session as the host has it now: fields left alone here show another
        moderator's change; what was changed here stays as typed."""
        self._session = session
        self._follow(session)
        self._update_apply()
        self._show_record_note()

    def _follow(self, session: SessionDetails) -> None:
        now, wanted = _setup_of(session), self.setup()
        moved = [
            field.name
            for field in fields(SessionSetup)
            if getattr(now, field.name) != getattr(self._baseline, field.name)
            and getattr(wanted, field.name) == getattr(self._baseline, field.name)
        ]
        self._baseline = now
        self.fill(now, only=moved)
        if "logo" in moved and not self.logo_row.busy():
            self.logo_row.set_logo(session.logo)
        if session.closing_note != self._baseline_note:
            if self.closing_note.text() == self._baseline_note:
                self.closing_note.set_text(session.closing_note)
            self._baseline_note = session.closing_note

    def _update_apply(self) -> None:
        open_ = self._session.is_open
        self.apply_button.setEnabled(open_ and self._pending <= 0 and not self.logo_row.busy())
        if not open_:
            self.note_label.setText(translate("SessionSetupDialog", ENDED))

    def _show_record_note(self) -> None:
        if self._record == (self._session.unshown_record, self._session.organisers_record):
            return
        kept = [
            words
            for keep, words in zip(
                self._record,
                (
                    translate("SessionSetupDialog", RECORD_UNSHOWN),
                    translate("SessionSetupDialog", RECORD_ORGANISERS),
                ),
                strict=True,
            )
            if keep
        ]
        self.note_label.setText(
            translate("SessionSetupDialog", RECORD_FROM_FILE).format(
                kept=", ".join(kept) if kept else translate("SessionSetupDialog", RECORD_ONLY_SHOWN)
            )
        )


def _setup_of(session: SessionDetails) -> SessionSetup:
    return SessionSetup(
        title=session.title,
        prompt=session.prompt,
        agree_label=session.agree_label,
        house_rules=session.house_rules,
        max_length=session.max_length,
        offer_lesson=session.offer_lesson,
        language=session.language,
        accent=session.accent,
        logo=session.logo.version if session.logo is not None else "",
    )
