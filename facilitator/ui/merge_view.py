"""Merge a like group: keep one confession (its text editable), fold the others into it.

Opened on a confession with a "≈ N alike" marker: it lists that confession and the
ones very like it that are still in the lanes. The moderator picks the one to keep
(by default the one on screen, if any, else the one selected), leaves out any that
is not really the same, edits the kept text (prefilled with the chosen one's) and
sends ``merge`` with the kept item's version: if someone edited it meanwhile the host
refuses (``stale_version``) and nothing changes. The others leave the lanes; the kept
one counts every phone that agreed with any of them once. A refusal is shown here and
in the status bar (``message``), like the console's other refusals. Never modal in
the event-loop sense: opened with ``open()``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator.protocol.commands import Merge
from facilitator.protocol.moderator import Item, ItemState
from facilitator.ui.console_style import STYLE_SHEET
from facilitator.ui.host_connection import CommandPort
from facilitator.ui.like_groups import MERGEABLE
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button

LANE_NAMES = {
    ItemState.INCOMING: QT_TRANSLATE_NOOP("MergeView", "Incoming"),
    ItemState.APPROVED: QT_TRANSLATE_NOOP("MergeView", "Up next"),
    ItemState.SHOWN: QT_TRANSLATE_NOOP("MergeView", "Shown"),
    ItemState.SET_ASIDE: QT_TRANSLATE_NOOP("MergeView", "Set aside"),
}
REFUSAL_HINTS = {
    "stale_version": QT_TRANSLATE_NOOP(
        "MergeView", "Someone edited the kept confession meanwhile: close and open again."
    ),
    "merge_on_screen": QT_TRANSLATE_NOOP(
        "MergeView", "One of them is on screen: keep that one, or blank the screen first."
    ),
}


def merge_button_text(count: int) -> str:
    if count > 1:
        return translate("MergeView", "Merge %n into one", None, count)
    return translate("MergeView", "Merge")


class _Row:
    """One confession of the group: keep it (radio), merge it (check box), its text."""

    def __init__(self, item: Item, on_screen: bool) -> None:
        self.item = item
        self.keep = QRadioButton(translate("MergeView", "Keep"))
        self.keep.setToolTip(translate("MergeView", "Keep this one: the others are merged into it"))
        self.include = QCheckBox(translate("MergeView", "Merge"))
        self.include.setChecked(True)
        self.include.setToolTip(
            translate("MergeView", "Untick to leave this one out: it is not the same mistake")
        )
        self.text = plain_label(" ".join(item.text.split()), "mergeText")
        self.text.setWordWrap(True)
        where = translate("MergeView", LANE_NAMES.get(item.state, item.state.value))
        details = [where + (translate("MergeView", " · on screen now") if on_screen else "")]
        if item.agreement_count:
            details.append(translate("MergeView", "%n agreed", None, item.agreement_count))
        if item.learned:
            details.append(translate("MergeView", "Learned: {text}").format(text=item.learned))
        self.detail = plain_label(" · ".join(details), "muted")
        self.detail.setWordWrap(True)


class MergeView(QDialog):
    """See the module docstring. ``message`` is for the status bar."""

    message = Signal(str)

    def __init__(
        self,
        commands: CommandPort,
        group: Sequence[Item],
        keep_id: int,
        on_screen_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._commands = commands
        self._prefilled_from: Item | None = None
        self.setObjectName("mergeView")
        self.setWindowTitle(self.tr("Merge confessions alike"))
        self.setStyleSheet(STYLE_SHEET)
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(plain_label(self.tr("MERGE CONFESSIONS ALIKE"), "caption"))
        intro = plain_label(
            self.tr(
                "These say the same mistake. Keep one: the others leave the lanes, and every "
                "phone that agreed with any of them counts once for the one kept."
            ),
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.rows = [_Row(item, item.id == on_screen_id) for item in group]
        layout.addWidget(self._build_rows(), 3)
        layout.addWidget(plain_label(self.tr("KEPT TEXT (EDIT TO COMBINE THEM)"), "caption"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("editorText")
        self.text_edit.setTabChangesFocus(True)
        layout.addWidget(self.text_edit, 2)
        self.learned_edit = QPlainTextEdit()
        self.learned_edit.setObjectName("editorLearned")
        self.learned_edit.setPlaceholderText(self.tr("What they learned (optional)"))
        self.learned_edit.setTabChangesFocus(True)
        layout.addWidget(self.learned_edit, 1)
        buttons = QHBoxLayout()
        self.error_label = plain_label(name="error")
        self.error_label.setWordWrap(True)
        buttons.addWidget(self.error_label, 1)
        self.cancel_button = push_button(
            self.tr("Cancel"), "", self.tr("Close without merging (Esc)")
        )
        self.merge_button = push_button(
            self.tr("Merge"), "go", self.tr("Merge the ticked ones into the kept one")
        )
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.merge_button)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.merge_button.clicked.connect(self.merge)
        on_screen = [row.item.id for row in self.rows if row.item.id == on_screen_id]
        self.choose_keep(on_screen[0] if on_screen else keep_id)

    def _build_rows(self) -> QScrollArea:
        holder = QWidget()
        holder.setObjectName("mergeRows")
        grid = QGridLayout(holder)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(2, 1)
        self._keep_group = QButtonGroup(self)
        for number, row in enumerate(self.rows):
            self._keep_group.addButton(row.keep, number)
            top = 3 * number
            grid.addWidget(row.keep, top, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(row.include, top, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(row.text, top, 2)
            grid.addWidget(row.detail, top + 1, 2)
            if number < len(self.rows) - 1:
                line = QFrame()
                line.setObjectName("mergeLine")
                line.setFixedHeight(1)
                grid.addWidget(line, top + 2, 0, 1, 3)
            row.keep.toggled.connect(lambda on, row=row: self._kept(row) if on else None)
            row.include.toggled.connect(lambda _on: self._refresh())
        grid.setRowStretch(3 * len(self.rows), 1)
        area = QScrollArea()
        area.setObjectName("mergeArea")
        area.setWidgetResizable(True)
        area.setWidget(holder)
        return area

    # Reading

    def kept(self) -> Item | None:
        return next((row.item for row in self.rows if row.keep.isChecked()), None)

    def merged_ids(self) -> list[int]:
        """The ones ticked to merge into the kept one (never the kept one)."""
        kept = self.kept()
        return [
            row.item.id
            for row in self.rows
            if row.include.isChecked() and row.include.isEnabled() and row.item is not kept
        ]

    # Changing

    def choose_keep(self, item_id: int) -> None:
        for row in self.rows:
            if row.item.id == item_id:
                row.keep.setChecked(True)

    def follow(self, item: Item) -> None:
        """An item of the group changed elsewhere: one that left the lanes can no longer
        be merged; the kept one's newer text is offered only if nothing was edited."""
        for row in self.rows:
            if row.item.id != item.id:
                continue
            row.item = item
            gone = item.state not in MERGEABLE
            row.include.setEnabled(not gone)
            row.keep.setEnabled(not gone)
            if gone:
                row.include.setChecked(False)
                row.detail.setText(self.tr("Left the lanes meanwhile: ") + item.state.value)
        self._refresh()

    def _kept(self, row: _Row) -> None:
        """Prefill the text with the kept one's, unless the moderator edited the one shown."""
        previous = self._prefilled_from
        untouched = previous is None or (
            self.text_edit.toPlainText(),
            self.learned_edit.toPlainText(),
        ) == (previous.text, previous.learned)
        if untouched:
            self.text_edit.setPlainText(row.item.text)
            self.learned_edit.setPlainText(row.item.learned)
            self._prefilled_from = row.item
        for other in self.rows:
            other.include.setEnabled(other.item.state in MERGEABLE)
            other.include.setVisible(other is not row)  # the kept one is not merged away
        self._refresh()

    def _refresh(self) -> None:
        count = len(self.merged_ids())
        self.merge_button.setText(merge_button_text(count + 1))
        self.merge_button.setEnabled(self.kept() is not None and count > 0)

    def merge(self) -> None:
        kept = self.kept()
        others = self.merged_ids()
        if kept is None or not others:
            self.error_label.setText(self.tr("Tick at least one to merge into the kept one."))
            return
        # The version the text was written on: if the kept one changed since, it is refused.
        prefilled = self._prefilled_from
        base = prefilled if prefilled is not None and prefilled.id == kept.id else kept
        command = Merge(
            kept.id,
            tuple(others),
            base.version,
            self.text_edit.toPlainText(),
            self.learned_edit.toPlainText(),
        )
        self.merge_button.setEnabled(False)
        self.error_label.setText("")
        self._commands.send(command, on_refused=self._refused, on_done=self._done)

    def _done(self) -> None:
        self.message.emit(
            self.tr("Merged: the kept one counts every phone that agreed with any of them.")
        )
        self.accept()

    def _refused(self, code: str, message: str) -> None:
        hint = REFUSAL_HINTS.get(code, "")
        hint = self.tr(hint) if hint else ""
        self.error_label.setText(f"{message} {hint}".strip())
        self.message.emit(message)
        self._refresh()
