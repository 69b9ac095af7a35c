"""The facilitator's choice of the projector's screen: automatic, or one screen by name.

The list follows screens being plugged in and out. A remembered screen that is
not connected stays in the list, selected, as "<name> (not connected)" while the
projector falls back to the automatic choice; it is used again when it comes back.
The main screen is listed but cannot be chosen: it keeps the console, and the
projector never goes full screen there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPen,
    QScreen,
    QStandardItemModel,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from facilitator.ui.console_style import ACCENT, CARD, INK, LINE, MUTED
from facilitator.ui.screens import ScreenId, same_screen
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label

AUTOMATIC = QT_TRANSLATE_NOOP(
    "ProjectorScreenPicker", "Automatic (first screen that is not the console's)"
)
AUTOMATIC_TIP = QT_TRANSLATE_NOOP(
    "ProjectorScreenPicker",
    "The projector goes full screen on the first screen that is not the console's, "
    "or is a window when there is only one screen.",
)
MAIN_SCREEN_TIP = QT_TRANSLATE_NOOP(
    "ProjectorScreenPicker", "The console's screen: the projector is never full screen here."
)
NOT_CONNECTED_TIP = QT_TRANSLATE_NOOP(
    "ProjectorScreenPicker",
    "Not connected now: the projector uses the automatic choice until it is plugged in again.",
)
COMBO_MAX_WIDTH = 380
TEXT_ROOM = 52  # padding, border and drop-down arrow around the text

# Like the console's line edits (console_style.py has no rule for combo boxes).
STYLE_SHEET = f"""
QComboBox {{
    background: {CARD};
    color: {INK};
    border: 1px solid {LINE};
    border-radius: 5px;
    padding: 2px 6px;
}}
QComboBox:hover, QComboBox:focus, QComboBox:on {{
    border: 1px solid {ACCENT};
}}
QComboBox::drop-down {{
    border: none;
    width: 22px;
}}
QComboBox QAbstractItemView {{
    background: {CARD};
    color: {INK};
    border: 1px solid {LINE};
    outline: none;
    padding: 2px;
}}
QComboBox QAbstractItemView::item {{
    padding: 4px 6px;
}}
QComboBox QAbstractItemView::item:selected {{
    background: #dcefe9;
    color: {INK};
}}
QComboBox QAbstractItemView::item:disabled {{
    color: {MUTED};
}}
"""


@dataclass(frozen=True, slots=True)
class ScreenInfo:
    """What the list says about a connected screen."""

    id: ScreenId
    model: str = ""
    width: int = 0  # in device pixels, as the display's settings show them
    height: int = 0

    @classmethod
    def of(cls, screen: QScreen) -> ScreenInfo:
        size = screen.size()
        ratio = screen.devicePixelRatio()
        model = " ".join(part for part in (screen.manufacturer(), screen.model()) if part)
        return cls(
            ScreenId.of(screen), model, round(size.width() * ratio), round(size.height() * ratio)
        )


@dataclass(frozen=True, slots=True)
class ScreenChoice:
    """One line of the list; ``key`` is a :attr:`ScreenId.key`, ``None`` for automatic."""

    key: str | None
    label: str
    enabled: bool = True
    tip: str = ""


def screen_label(screen: ScreenInfo, number: int) -> str:
    name = screen.id.name or translate("ProjectorScreenPicker", "Screen {number}").format(
        number=number
    )
    details = []
    if screen.model and screen.model.casefold() not in name.casefold():
        details.append(screen.model)
    if screen.width and screen.height:
        details.append(f"{screen.width}\N{MULTIPLICATION SIGN}{screen.height}")
    return f"{name} — {', '.join(details)}" if details else name


def screen_choices(
    screens: Sequence[ScreenInfo], primary: ScreenId | None, chosen: str | None
) -> tuple[list[ScreenChoice], int]:
    """The list's lines and the index of the selected one, for ``chosen`` (a key or ``None``).

    A chosen screen is found the way the projector finds it (by serial number, else
    by name), so a monitor moved to another port is still the chosen one.
    """
    choices = [
        ScreenChoice(
            None,
            translate("ProjectorScreenPicker", AUTOMATIC),
            tip=translate("ProjectorScreenPicker", AUTOMATIC_TIP),
        )
    ]
    for number, screen in enumerate(screens, start=1):
        is_primary = screen.id == primary
        main = translate("ProjectorScreenPicker", " (main screen)")
        label = screen_label(screen, number) + (main if is_primary else "")
        choices.append(
            ScreenChoice(
                screen.id.key,
                label,
                enabled=bool(screen.id.key) and not is_primary,
                tip=translate("ProjectorScreenPicker", MAIN_SCREEN_TIP) if is_primary else "",
            )
        )
    if not chosen:
        return choices, 0
    preferred = ScreenId.from_key(chosen)
    # Like the projector: a match among the other screens first, the main screen last.
    order = sorted(range(len(screens)), key=lambda index: screens[index].id == primary)
    for index in order:
        if same_screen(preferred, screens[index].id):
            return choices, index + 1
    choices.append(
        ScreenChoice(
            chosen,
            translate("ProjectorScreenPicker", "{name} (not connected)").format(
                name=preferred.name
            ),
            tip=translate("ProjectorScreenPicker", NOT_CONNECTED_TIP),
        )
    )
    return choices, len(choices) - 1


class ScreenCombo(QComboBox):
    """A combo box that elides a long choice with "…" and ignores the mouse wheel.

    Changing the projector's screen is deliberate: a wheel turned while scrolling
    past must not move it.
    """

    def sizeHint(self) -> QSize:
        """As wide as the longest line (up to the maximum width), padding and arrow included."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0
        )
        return QSize(min(widest + TEXT_ROOM, self.maximumWidth()), hint.height())

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field: QRect = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, max(0, field.width() - 4)
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        arrow = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, self
        )
        self._draw_chevron(painter, arrow)

    def _draw_chevron(self, painter: QPainter, rect: QRect) -> None:
        """The style sheet's drop-down has no arrow image: draw a small "⌄" instead."""
        color = QColor(INK if self.isEnabled() else MUTED)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color, 1.6, c=Qt.PenCapStyle.RoundCap))
        center = QPointF(rect.center()) + QPointF(-2, 1)
        painter.drawPolyline(
            [center + QPointF(-4, -2), center + QPointF(0, 2), center + QPointF(4, -2)]
        )


class ProjectorScreenPicker(QWidget):
    """A caption and the list of screens, small enough for the console's status bar.

    ``screen_chosen`` carries the facilitator's choice (a :attr:`ScreenId.key`, or
    ``None`` for automatic); it is not emitted by :meth:`set_choice`.
    """

    screen_chosen = Signal(object)  # str | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectorScreenPicker")
        self._choice: str | None = None
        self._choices: list[ScreenChoice] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.caption = plain_label(self.tr("Projector screen"), "statusItem")
        layout.addWidget(self.caption)
        self.combo = ScreenCombo()
        self.combo.setStyleSheet(STYLE_SHEET)
        # A list delegate, so that the style sheet's item rules (the greyed main screen) apply.
        self.combo.setItemDelegate(QStyledItemDelegate(self.combo))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMaximumWidth(COMBO_MAX_WIDTH)  # longer names are cut with "…"
        # Tab reaches it; a click does not leave it holding the arrow keys afterwards.
        self.combo.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.caption.setBuddy(self.combo)
        layout.addWidget(self.combo)
        self.combo.activated.connect(self._on_activated)

        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication):
            raise RuntimeError("ProjectorScreenPicker needs a QGuiApplication")
        self._app: QGuiApplication = app
        app.screenAdded.connect(self._on_screen_added)
        app.screenRemoved.connect(self._on_screen_removed)
        app.primaryScreenChanged.connect(self._on_primary_changed)
        for screen in app.screens():
            screen.geometryChanged.connect(self._on_geometry_changed)
        self.refresh()

    # Public

    def choice(self) -> str | None:
        """The chosen screen's key, ``None`` for automatic."""
        return self._choice

    def set_choice(self, key: str | None) -> None:
        """Show ``key`` (a remembered :attr:`ScreenId.key`, or ``None``) as the choice."""
        self._choice = key or None
        self.refresh()

    def choices(self) -> list[ScreenChoice]:
        return list(self._choices)

    def refresh(self, without: QScreen | None = None) -> None:
        """List the connected screens again (``without`` the one being removed)."""
        screens = [screen for screen in self._app.screens() if screen is not without]
        primary_screen = self._app.primaryScreen()
        primary = (
            ScreenId.of(primary_screen)
            if primary_screen is not None and primary_screen is not without
            else None
        )
        infos = [ScreenInfo.of(screen) for screen in screens]
        choices, selected = screen_choices(infos, primary, self._choice)
        self._choices = choices
        combo = self.combo
        blocked = combo.blockSignals(True)
        try:
            combo.clear()
            model = combo.model()
            assert isinstance(model, QStandardItemModel)
            for row, line in enumerate(choices):
                combo.addItem(line.label, line.key)
                item = model.item(row)
                item.setEnabled(line.enabled)
                item.setToolTip(line.tip or line.label)
            combo.setCurrentIndex(selected)
        finally:
            combo.blockSignals(blocked)
        # The open list is as wide as its longest line, even when the box is narrower.
        view = combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 8)

    # Reacting

    def _on_activated(self, index: int) -> None:
        if not 0 <= index < len(self._choices):
            return
        key = self._choices[index].key
        if key == self._choice:
            return
        self._choice = key
        self.refresh()  # a screen that was not connected leaves the list
        self.screen_chosen.emit(key)

    def _on_screen_added(self, screen: QScreen) -> None:
        screen.geometryChanged.connect(self._on_geometry_changed)
        self.refresh()

    def _on_screen_removed(self, screen: QScreen) -> None:
        self.refresh(without=screen)

    def _on_primary_changed(self, _screen: QScreen | None) -> None:
        self.refresh()

    def _on_geometry_changed(self, _geometry: QRect) -> None:
        self.refresh()
