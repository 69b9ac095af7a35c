"""The first-run guide: a session in five short steps, from the projector to the record.

The desktop app opens it by itself the first time it runs on a laptop (remembered in
settings.json, ``first_run_guide_seen``); *Getting started…* in the console opens it
again. It only explains: every step names the console's own button. Opened with
``open()``, never ``exec()`` (the app runs on a qasync loop).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from facilitator.ui.console_style import ACCENT, CARD, INK, LINE, MUTED, PAGE
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label, push_button

TITLE = QT_TRANSLATE_NOOP("FirstRunGuide", "Getting started")
WIDTH = 560
INTRO = QT_TRANSLATE_NOOP(
    "FirstRunGuide",
    "Confessional runs the session from this laptop: phones join over the room's Wi-Fi, "
    "no internet and no app needed.",
)
STEPS: tuple[tuple[str, str], ...] = (
    (
        QT_TRANSLATE_NOOP("FirstRunGuide", "Connect the projector"),
        QT_TRANSLATE_NOOP(
            "FirstRunGuide",
            "The big screen goes full screen on the screen that is not the console's. Choose "
            "another under Projector screen, at the bottom of the console.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("FirstRunGuide", "Get phones in"),
        QT_TRANSLATE_NOOP(
            "FirstRunGuide",
            "Phones join the laptop's Wi-Fi (or its hotspot) and scan the QR code. Scan it "
            "with your own phone now: if it does not open, Phones can't connect? helps.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("FirstRunGuide", "Rehearse"),
        QT_TRANSLATE_NOOP(
            "FirstRunGuide",
            "Rehearse with simulated phones… fills the room with phones that confess and "
            "agree, so you can practise alone. A rehearsal's record is kept apart.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("FirstRunGuide", "During the session"),
        QT_TRANSLATE_NOOP(
            "FirstRunGuide",
            "Read each confession in Incoming, edit or mask what identifies someone, then "
            "Approve (Enter) or Set aside (Delete). Project next (Space) shows the next one; "
            "the room taps “Been there”.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("FirstRunGuide", "The end and the record"),
        QT_TRANSLATE_NOOP(
            "FirstRunGuide",
            "End session… writes the transcript: what was shown and how many agreed. "
            "Everything else is forgotten.",
        ),
    ),
)

STYLE = f"""
QDialog#firstRunGuide {{ background: {PAGE}; color: {INK}; }}
QFrame#guideCard {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 10px; }}
QFrame#guideCard QLabel {{ background: transparent; }}
QFrame#guideCard QLabel#guideNumber {{
    background: {ACCENT}; color: white; font-weight: 700; font-size: 15px;
    border-radius: 14px; min-width: 28px; max-width: 28px; min-height: 28px; max-height: 28px;
}}
QLabel#guideTitle {{ font-size: 15px; font-weight: 700; }}
QLabel#guideIntro {{ font-size: 15px; }}
QLabel#muted {{ color: {MUTED}; }}
"""


class FirstRunGuide(QDialog):
    """``connect_help_requested``: the facilitator asked for "Phones can't connect?"."""

    connect_help_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunGuide")
        self.setWindowTitle(translate("FirstRunGuide", TITLE))
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        intro = plain_label(translate("FirstRunGuide", INTRO), "guideIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        card = QFrame()
        card.setObjectName("guideCard")
        grid = QGridLayout(card)
        grid.setContentsMargins(16, 14, 16, 14)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(12)
        self.step_titles: list[str] = []
        for row, (title, text) in enumerate(STEPS):
            number = plain_label(str(row + 1), "guideNumber")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            words = QVBoxLayout()
            words.setSpacing(2)
            words.addWidget(plain_label(self.tr(title), "guideTitle"))
            detail = plain_label(self.tr(text))
            detail.setWordWrap(True)
            words.addWidget(detail)
            grid.addLayout(words, row, 1)
            self.step_titles.append(title)
        grid.setColumnStretch(1, 1)
        layout.addWidget(card)

        again = plain_label(
            self.tr("This guide is under Getting started… in the console."), "muted"
        )
        layout.addWidget(again)
        buttons = QHBoxLayout()
        self.connect_help_button = push_button(
            self.tr("Phones can't connect?"),
            "",
            self.tr("Count the phones, test with yours, check the laptop"),
        )
        self.start_button = push_button(self.tr("Start"), "go")
        self.start_button.setDefault(True)
        buttons.addWidget(self.connect_help_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        layout.addLayout(buttons)
        self.connect_help_button.clicked.connect(self._ask_connect_help)
        self.start_button.clicked.connect(self.accept)
        self.resize(WIDTH, layout.totalHeightForWidth(WIDTH))

    def _ask_connect_help(self) -> None:
        self.accept()
        self.connect_help_requested.emit()
