"""The console's big card: read, edit and redact the selected confession before it is shown.

The text is a draft until it is saved (Ctrl+S), and saving names the version it was
made on: if another moderator saved first, the host refuses and their text is loaded
here instead. Details that may identify someone are highlighted, each with a button
that masks it; Ctrl+M masks the selected words. What the participant wrote stays
visible below, for moderators only. A confession may carry a content note (the check
box, ``set_content_note``): the big screen warns the room first and shows no count.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.protocol.commands import Edit, SetContentNote
from facilitator.protocol.moderator import HintKind, Item, ItemKind, ItemState
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button

MASK = "[…]"
EDITOR_MIN_HEIGHT = 36
MAX_HINT_BUTTONS = 12
HINT_NAMES = {
    HintKind.EMAIL: QT_TRANSLATE_NOOP("ItemEditor", "e-mail"),
    HintKind.PHONE: QT_TRANSLATE_NOOP("ItemEditor", "phone"),
    HintKind.URL: QT_TRANSLATE_NOOP("ItemEditor", "web address"),
    HintKind.HANDLE: QT_TRANSLATE_NOOP("ItemEditor", "handle"),
    HintKind.REFERENCE: QT_TRANSLATE_NOOP("ItemEditor", "reference"),
    HintKind.POSTCODE: QT_TRANSLATE_NOOP("ItemEditor", "postcode"),
    HintKind.PERSON: QT_TRANSLATE_NOOP("ItemEditor", "name"),
    HintKind.ORGANISATION: QT_TRANSLATE_NOOP("ItemEditor", "organisation"),
    HintKind.LOCAL_NAME: QT_TRANSLATE_NOOP("ItemEditor", "local name"),
    HintKind.WATCH_WORD: QT_TRANSLATE_NOOP("ItemEditor", "watch word"),
}
CONTENT_NOTE_LABEL = QT_TRANSLATE_NOOP("ItemEditor", "Content note: warn first, hide the count")
CONTENT_NOTE_TIP = QT_TRANSLATE_NOOP(
    "ItemEditor",
    "Something heavy: the big screen shows a short warning before it, and its count is "
    "shown neither there nor on the phones",
)
# Only a confession the room may see carries one.
NOTE_STATES = frozenset(
    {ItemState.INCOMING, ItemState.APPROVED, ItemState.SHOWN, ItemState.SET_ASIDE}
)
FLAG_KINDS = frozenset({HintKind.LOCAL_NAME, HintKind.WATCH_WORD})
HINT_COLOUR = QColor("#ffe9a8")
FLAG_COLOUR = QColor("#ffc9c2")
STATE_NAMES = {
    ItemState.INCOMING: QT_TRANSLATE_NOOP("ItemEditor", "Incoming"),
    ItemState.APPROVED: QT_TRANSLATE_NOOP("ItemEditor", "Up next"),
    ItemState.SHOWN: QT_TRANSLATE_NOOP("ItemEditor", "Shown"),
    ItemState.SET_ASIDE: QT_TRANSLATE_NOOP("ItemEditor", "Set aside"),
    ItemState.REMOVED: QT_TRANSLATE_NOOP("ItemEditor", "Removed from the record"),
    ItemState.MERGED: QT_TRANSLATE_NOOP("ItemEditor", "Merged into another"),
    ItemState.FOR_ORGANISERS: QT_TRANSLATE_NOOP(
        "ItemEditor", "For the organisers only — never shown"
    ),
}


def utf16_length(text: str) -> int:
    """Qt counts positions in UTF-16 units; Python in code points."""
    return len(text.encode("utf-16-le")) // 2


def hinted_words(item: Item) -> list[tuple[str, HintKind]]:
    """Each hinted detail once, as written in the item, in order of appearance."""
    fields = {"text": item.text, "learned": item.learned}
    seen: dict[str, HintKind] = {}
    for hint in item.hints:
        word = fields[hint.field][hint.start : hint.end]
        if word.strip() and word != MASK:
            seen.setdefault(word, hint.kind)
    return list(seen.items())


class ItemEditor(QFrame):
    """``message`` is for the status bar; ``draft_changed`` tells whether there is an
    unsaved edit (the console saves it before acting on the item)."""

    message = Signal(str)
    draft_changed = Signal(bool)
    item_shown = Signal()  # another item, or a newer version of it, is shown

    def __init__(self, commands: CommandPort, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._commands = commands
        self._item: Item | None = None
        self._base: Item | None = None  # the saved version the draft started from
        self._loading = False
        self.setObjectName("editorCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(6)
        header = QHBoxLayout()
        header.addWidget(plain_label(self.tr("SELECTED"), "caption"))
        self.state_label = plain_label(name="editorState")
        header.addWidget(self.state_label, 1)
        self.flag_label = plain_label(self.tr("⚑ Flagged: check before showing"), "flag")
        header.addWidget(self.flag_label)
        self.header_row = header  # the console adds what acts on the selected one
        layout.addLayout(header)
        self.empty_label = plain_label(
            self.tr(
                "Select a confession to read it here, edit it or mask what identifies someone."
            ),
            "nowEmpty",
        )
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label, 1)
        self.text_edit = self._plain_editor("editorText", self.tr("The confession"))
        self.learned_edit = self._plain_editor(
            "editorLearned", self.tr("What they learned (optional)")
        )
        layout.addWidget(self.text_edit, 3)
        layout.addWidget(self.learned_edit, 1)
        self._build_hints(layout)
        self.original_label = plain_label(name="original", selectable=True)
        self.original_label.setWordWrap(True)
        layout.addWidget(self.original_label)
        layout.addLayout(self._build_buttons())
        self._build_shortcuts()
        self.show_item(None)

    def _plain_editor(self, name: str, placeholder: str) -> QPlainTextEdit:
        editor = QPlainTextEdit()
        editor.setObjectName(name)
        editor.setPlaceholderText(placeholder)
        editor.setTabChangesFocus(True)
        editor.textChanged.connect(self._on_text_changed)
        editor.setMinimumHeight(EDITOR_MIN_HEIGHT)  # they give way to the hints and panels
        return editor

    def _build_hints(self, layout: QVBoxLayout) -> None:
        self.hints_area = QScrollArea()
        self.hints_area.setObjectName("hints")
        self.hints_area.setWidgetResizable(True)
        self.hints_area.setFrameShape(QFrame.Shape.NoFrame)
        self.hints_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hints_area.setFixedHeight(38)
        holder = QWidget()
        self._hints_row = QHBoxLayout(holder)
        self._hints_row.setContentsMargins(0, 0, 0, 0)
        self._hints_row.setSpacing(6)
        self.hints_area.setWidget(holder)
        layout.addWidget(self.hints_area)
        self.hint_buttons: list[tuple[str, QWidget]] = []

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.mask_button = push_button(
            self.tr("Mask selection {mask}").format(mask=MASK),
            "",
            self.tr("Replace the selected words with […] (Ctrl+M)"),
        )
        self.save_button = push_button(
            self.tr("Save edit"), "go", self.tr("Save the edited text (Ctrl+S)")
        )
        self.discard_button = push_button(
            self.tr("Discard"), "", self.tr("Go back to the saved text (Esc)")
        )
        self.content_note_box = QCheckBox(self.tr(CONTENT_NOTE_LABEL))
        self.content_note_box.setObjectName("contentNote")
        self.content_note_box.setToolTip(self.tr(CONTENT_NOTE_TIP))
        self.content_note_box.toggled.connect(self._content_note_toggled)
        self.draft_label = plain_label(name="draftState")
        self.draft_label.setWordWrap(True)  # a long sentence takes two lines, not the row
        row.addWidget(self.mask_button)
        row.addWidget(self.content_note_box)
        row.addWidget(self.draft_label, 1)
        row.addWidget(self.discard_button)
        row.addWidget(self.save_button)
        self.mask_button.clicked.connect(self.mask_selection)
        self.save_button.clicked.connect(self.save_draft)
        self.discard_button.clicked.connect(self.discard)
        return row

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for sequence, action in (
            (QKeySequence("Ctrl+S"), self.save_draft),
            (QKeySequence("Ctrl+M"), self.mask_selection),
            (QKeySequence(Qt.Key.Key_Escape), self.discard),
        ):
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(context)
            shortcut.activated.connect(action)

    # Reading

    @property
    def item_id(self) -> int | None:
        return None if self._item is None else self._item.id

    def is_dirty(self) -> bool:
        base = self._base
        return base is not None and self._draft() != (base.text, base.learned)

    def _draft(self) -> tuple[str, str]:
        return self.text_edit.toPlainText(), self.learned_edit.toPlainText()

    # Showing

    def show_item(self, item: Item | None) -> None:
        """Show ``item`` (the selection, or a newer version of it), keeping a draft of the
        same item: a newer version then only says so, and saving will be refused."""
        same = item is not None and self._item is not None and item.id == self._item.id
        self._item = item
        saved_as_drafted = item is not None and self._draft() == (item.text, item.learned)
        if not same or not self.is_dirty() or saved_as_drafted:
            self._load(item)
        self._refresh()
        self.item_shown.emit()

    def add_panel(self, panel: QWidget) -> None:
        """Put ``panel`` under the texts and their hints (the console's what helped)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.original_label), panel)

    def _load(self, item: Item | None) -> None:
        self._base = item
        self._loading = True
        try:
            # Text set only when it differs: the cursor and the typing history stay put
            # when the item merely moves to another lane.
            for editor, value in zip(
                (self.text_edit, self.learned_edit),
                ("", "") if item is None else (item.text, item.learned),
                strict=True,
            ):
                if editor.toPlainText() != value:
                    editor.setPlainText(value)
        finally:
            self._loading = False
        self._fill_hint_buttons()

    def _refresh(self) -> None:
        item, base = self._item, self._base
        editable = item is not None and item.state not in (ItemState.REMOVED, ItemState.MERGED)
        for widget in (self.text_edit, self.learned_edit):
            widget.setVisible(item is not None)
            if widget.isReadOnly() == editable:
                widget.setReadOnly(not editable)
                widget.style().unpolish(widget)  # the style sheet tells read-only apart
                widget.style().polish(widget)
        self.empty_label.setVisible(item is None)
        draft = "\n".join(self._draft())
        for word, button in self.hint_buttons:
            left = word in draft  # masked already: nothing left to mask
            if not left and button.hasFocus():
                self.text_edit.setFocus()  # the keys stay in the editor (Ctrl+S saves)
            button.setVisible(left)
        self.hints_area.setVisible(any(word in draft for word, _ in self.hint_buttons))
        self.flag_label.setVisible(item is not None and item.flagged)
        self.state_label.setText("" if item is None else self._state_text(item))
        self._show_original(item)
        dirty = self.is_dirty()
        newer = item is not None and base is not None and item.version != base.version
        if newer and dirty:
            self.draft_label.setText(
                self.tr("Someone else saved a newer version: discard to see it.")
            )
        else:
            self.draft_label.setText(self.tr("Not saved yet") if dirty else "")
        self.save_button.setEnabled(editable and dirty)
        self.discard_button.setEnabled(dirty)
        self.mask_button.setEnabled(editable)
        self._show_content_note(item)
        self._highlight()

    def _show_content_note(self, item: Item | None) -> None:
        noteable = (
            item is not None and item.kind is ItemKind.CONFESSION and item.state in NOTE_STATES
        )
        self.content_note_box.setVisible(noteable)
        self.content_note_box.blockSignals(True)
        self.content_note_box.setChecked(item is not None and item.content_note)
        self.content_note_box.blockSignals(False)

    def _content_note_toggled(self, noted: bool) -> None:
        item = self._item
        if item is None:
            return

        def refused(code: str, message: str) -> None:
            self._show_content_note(self._item)  # back to what the host has
            self.message.emit(message)

        self._commands.send(SetContentNote(item.id, noted), on_refused=refused)

    @staticmethod
    def _state_text(item: Item) -> str:
        edited = (item.text, item.learned) != (item.original_text, item.original_learned)
        state = translate("ItemEditor", STATE_NAMES[item.state])
        return state + (translate("ItemEditor", "  ·  edited") if edited else "")

    def _show_original(self, item: Item | None) -> None:
        if item is None or (item.original_text, item.original_learned) == (item.text, item.learned):
            self.original_label.hide()
            return
        learned = (
            self.tr("\nLearned: {text}").format(text=item.original_learned)
            if item.original_learned
            else ""
        )
        self.original_label.setText(
            self.tr("As written (moderators only, never shown or kept): {text}").format(
                text=item.original_text
            )
            + learned
        )
        self.original_label.show()

    def _fill_hint_buttons(self) -> None:
        for _, button in self.hint_buttons:
            button.deleteLater()
        self.hint_buttons = []
        item = self._base
        if item is None:
            return
        for word, kind in hinted_words(item)[:MAX_HINT_BUTTONS]:
            name = self.tr(HINT_NAMES[kind])
            button = push_button(
                f"{MASK} {word}", "hint", self.tr("Mask this {kind}").format(kind=name)
            )
            button.setAccessibleName(self.tr("Mask {kind} {word}").format(kind=name, word=word))
            button.clicked.connect(lambda _checked=False, word=word: self.mask_word(word))
            self._hints_row.addWidget(button)
            self.hint_buttons.append((word, button))
        self._hints_row.addStretch(1)

    def _highlight(self) -> None:
        base = self._base
        words = [] if base is None else hinted_words(base)
        for editor in (self.text_edit, self.learned_edit):
            text = editor.toPlainText()
            selections = []
            for word, kind in words:
                colour = FLAG_COLOUR if kind in FLAG_KINDS else HINT_COLOUR
                start = text.find(word)
                while start >= 0:
                    selections.append(self._selection(editor, text, start, len(word), colour))
                    start = text.find(word, start + len(word))
            editor.setExtraSelections(selections)

    @staticmethod
    def _selection(
        editor: QPlainTextEdit, text: str, start: int, length: int, colour: QColor
    ) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(editor.document())
        first = utf16_length(text[:start])
        cursor.setPosition(first)
        cursor.setPosition(
            first + utf16_length(text[start : start + length]), QTextCursor.MoveMode.KeepAnchor
        )
        selection.cursor = cursor
        char_format = QTextCharFormat()
        char_format.setBackground(colour)
        selection.format = char_format
        return selection

    # Editing

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._refresh()
            self.draft_changed.emit(self.is_dirty())

    def mask_selection(self) -> None:
        """Replace the selected words (in whichever field has the selection) with the mask."""
        for editor in (self.text_edit, self.learned_edit):
            cursor = editor.textCursor()
            if cursor.hasSelection() and not editor.isReadOnly():
                cursor.insertText(MASK)
                return
        self.message.emit(self.tr("Select the words to mask first."))

    def mask_word(self, word: str) -> None:
        """Mask every occurrence of a hinted detail in both fields (one undo step each)."""
        for editor in (self.text_edit, self.learned_edit):
            if editor.isReadOnly() or word not in editor.toPlainText():
                continue
            cursor = editor.textCursor()
            cursor.beginEditBlock()
            text = editor.toPlainText()
            start = text.rfind(word)
            while start >= 0:  # from the end, so that earlier positions stay valid
                first = utf16_length(text[:start])
                cursor.setPosition(first)
                cursor.setPosition(first + utf16_length(word), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(MASK)
                start = text.rfind(word, 0, start)
            cursor.endEditBlock()

    def discard(self) -> None:
        self._load(self._item)
        self._refresh()
        self.draft_changed.emit(False)

    def save_draft(self) -> None:
        self.save()

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Send the draft as an ``edit``; ``then`` runs once it is saved (or if there was
        nothing to save)."""
        base = self._base
        if base is None or not self.is_dirty():
            if then is not None:
                then()
            return
        text, learned = self._draft()

        def done() -> None:
            # The host tidies text (spaces, line ends): load the saved version, unless the
            # moderator went on typing meanwhile.
            if (
                self._item is not None
                and self._item.id == base.id
                and self._draft()
                == (
                    text,
                    learned,
                )
            ):
                self._load(self._item)
                self._refresh()
                self.draft_changed.emit(False)
            self.message.emit(self.tr("Edit saved."))
            if then is not None:
                then()

        self._commands.send(Edit(base.id, base.version, text, learned), self._refused, done)

    def _refused(self, code: str, message: str) -> None:
        if code == "stale_version":
            self._load(self._item)  # the newer text, which the stream has brought already
            self._refresh()
            self.draft_changed.emit(False)
        self.message.emit(message)
