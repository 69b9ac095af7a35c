"""The console's look: calm, light, high contrast; one accent colour for "go" actions.

Every colour is explicit, so the console looks the same under a dark desktop theme.
"""

from __future__ import annotations

INK = "#1f2328"
MUTED = "#667085"
LINE = "#dde1e6"
PAGE = "#eef0f3"
CARD = "#ffffff"
ACCENT = "#1f6f5c"
ACCENT_DARK = "#185a4a"
DANGER = "#b42318"
NOTICE = "#fff6d6"  # a calm notice: pale amber, never the alarm red
NOTICE_LINE = "#e7c65a"
NOTICE_INK = "#7a5200"

STYLE_SHEET = f"""
QMainWindow#console, QMainWindow#console > QWidget {{
    background: {PAGE};
    color: {INK};
}}
QFrame#card, QFrame#nowCard, QFrame#editorCard {{
    background: {CARD};
    border: 1px solid {LINE};
    border-radius: 10px;
}}
QFrame#nowCard {{
    border: 2px solid {ACCENT};
}}
QFrame#card QLabel, QFrame#nowCard QLabel, QFrame#editorCard QLabel {{
    background: transparent;
    color: {INK};
}}
QPlainTextEdit#editorText, QPlainTextEdit#editorLearned {{
    background: {CARD};
    color: {INK};
    border: 1px solid {LINE};
    border-radius: 6px;
    padding: 4px;
    font-size: 17px;
    selection-background-color: #b9ddd2;
    selection-color: {INK};
}}
QPlainTextEdit#editorLearned {{
    font-size: 15px;
    font-style: italic;
}}
QPlainTextEdit#editorText:focus, QPlainTextEdit#editorLearned:focus {{
    border: 1px solid {ACCENT};
}}
QPlainTextEdit#editorText[readOnly="true"], QPlainTextEdit#editorLearned[readOnly="true"] {{
    background: {PAGE};
}}
QLabel#original {{
    color: {MUTED};
    font-size: 12px;
}}
QLabel#flag {{
    color: {DANGER};
    font-weight: 700;
}}
QLabel#editorState, QLabel#draftState {{
    color: {MUTED};
}}
QPushButton#hint {{
    background: {NOTICE};
    border-color: {NOTICE_LINE};
    padding: 3px 8px;
}}
QScrollArea#hints, QScrollArea#hints > QWidget > QWidget {{
    background: transparent;
}}
QLabel#caption {{
    color: {MUTED};
    font-weight: 600;
    letter-spacing: 1px;
}}
QLabel#muted, QLabel#nowEmpty, QLabel#upNext {{
    color: {MUTED};
}}
QLabel#nowEmpty {{
    font-size: 18px;
}}
QLabel#nowCount {{
    color: {ACCENT};
    font-size: 26px;
    font-weight: 700;
}}
QLabel#joinUrl {{
    color: {INK};
    font-size: 18px;
    font-weight: 700;
}}
QLabel#endedTitle {{
    font-size: 20px;
    font-weight: 600;
}}
QLabel#error {{
    color: {DANGER};
}}
QLabel#alarmBanner {{
    background: {DANGER};
    color: white;
    font-size: 16px;
    font-weight: 700;
    padding: 12px 16px;
    border-radius: 8px;
}}
QFrame#roomBanner {{
    background: {NOTICE};
    border: 1px solid {NOTICE_LINE};
    border-radius: 8px;
}}
QFrame#roomBanner[counted="true"] {{
    background: {CARD};
    border-color: {LINE};
}}
QFrame#roomBanner QLabel {{
    background: transparent;
    color: {INK};
    font-size: 14px;
}}
QPushButton#nowHelped {{
    color: {ACCENT};
    background: transparent;
    border: none;
    font-size: 14px;
    font-weight: 600;
    text-decoration: underline;
    padding: 2px 10px;
}}
QPushButton#small {{
    padding: 1px 8px;
    font-size: 12px;
}}
QScrollArea#replies, QScrollArea#replies > QWidget > QWidget {{
    background: transparent;
}}
QLabel#nowSetApart {{
    color: {MUTED};
    padding-left: 10px;
    font-size: 15px;
    font-weight: 600;
}}
QLabel#waiting {{
    color: {NOTICE_INK};
    font-size: 12px;
}}
FitText#nowText {{
    color: {INK};
}}
QListWidget, ConfessionList {{
    background: {CARD};
    border: 1px solid {LINE};
    border-radius: 6px;
    color: {INK};
    outline: none;
}}
QListWidget::item, ConfessionList::item {{
    border-bottom: 1px solid {LINE};
}}
QListWidget::item:selected, ConfessionList::item:selected {{
    background: #dcefe9;
    color: {INK};
}}
QListWidget#addresses {{
    font-size: 12px;
}}
QLineEdit {{
    background: {CARD};
    color: {INK};
    border: 1px solid {LINE};
    border-radius: 5px;
    padding: 4px 6px;
}}
QLineEdit:focus {{
    border: 1px solid {ACCENT};
}}
QLineEdit:disabled {{
    color: {MUTED};
    background: {PAGE};
}}
QPushButton {{
    background: {CARD};
    color: {INK};
    border: 1px solid #c4c9d0;
    border-radius: 6px;
    padding: 6px 10px;
}}
QPushButton:hover {{
    border-color: {ACCENT};
}}
QPushButton:disabled {{
    color: #a8afb8;
    border-color: {LINE};
    background: #f6f7f9;
}}
QPushButton#primary, QPushButton#go {{
    background: {ACCENT};
    border-color: {ACCENT};
    color: white;
    font-weight: 600;
}}
QPushButton#primary {{
    font-size: 16px;
    padding: 8px 20px;
}}
QPushButton#primary:hover, QPushButton#go:hover {{
    background: {ACCENT_DARK};
}}
QPushButton#primary:disabled, QPushButton#go:disabled {{
    background: #a9c9c0;
    border-color: #a9c9c0;
    color: #f2f7f5;
}}
QPushButton#danger {{
    color: {DANGER};
    border-color: {DANGER};
    font-weight: 600;
}}
QPushButton#danger:hover {{
    background: #fdecea;
}}
QPushButton[lane="true"] {{
    padding: 6px 5px;
}}
QPushButton#slide, QPushButton#blackSlide {{
    padding: 5px 8px;
}}
QPushButton#blackSlide {{
    background: {INK};
    border-color: {INK};
    color: white;
    font-weight: 600;
}}
QPushButton#blackSlide:hover {{
    background: #000000;
}}
QPushButton#slide[onScreen="true"], QPushButton#slide[onScreen="true"]:disabled {{
    background: #dcefe9;
    border: 2px solid {ACCENT};
    color: {ACCENT_DARK};
    font-weight: 700;
}}
QPushButton#blackSlide[onScreen="true"], QPushButton#blackSlide[onScreen="true"]:disabled {{
    background: #000000;
    border: 2px solid {ACCENT};
    color: white;
    font-weight: 700;
}}
QPushButton#blackSlide:disabled {{
    background: #8a9099;
    border-color: #8a9099;
    color: #f2f3f5;
}}
QLabel#nowNote {{
    background: {NOTICE};
    border: 1px solid {NOTICE_LINE};
    border-radius: 5px;
    color: {NOTICE_INK};
    font-weight: 600;
    padding: 2px 6px;
}}
QLabel#itemTimer {{
    color: {ACCENT};
    font-weight: 700;
}}
QLabel#sessionTimer {{
    color: {MUTED};
}}
FitText#readAloudText {{
    color: {INK};
}}
QLabel#readAloudCount {{
    color: {ACCENT};
    font-size: 22px;
    font-weight: 700;
}}
QPlainTextEdit#paths {{
    background: transparent;
    color: {INK};
}}
QLabel#organisersNotice {{
    background: {NOTICE};
    border: 1px solid {NOTICE_LINE};
    border-radius: 5px;
    color: {NOTICE_INK};
    font-weight: 600;
    padding: 3px 6px;
}}
QPushButton#laneSwitch {{
    padding: 3px 8px;
    text-align: left;
}}
QPushButton#laneSwitch[waiting="true"] {{
    background: {NOTICE};
    border-color: {NOTICE_LINE};
    color: {NOTICE_INK};
    font-weight: 600;
}}
QDialog#mergeView, QDialog#sessionChoices {{
    background: {PAGE};
    color: {INK};
}}
QScrollArea#mergeArea, QWidget#mergeRows {{
    background: {CARD};
}}
QScrollArea#mergeArea {{
    border: 1px solid {LINE};
    border-radius: 6px;
}}
QFrame#mergeLine {{
    background: {LINE};
    border: none;
}}
QLabel#mergeText {{
    font-size: 14px;
}}
QStatusBar {{
    background: {PAGE};
    color: {INK};
}}
QStatusBar QLabel#statusItem {{
    color: {MUTED};
    padding: 0 10px;
}}
"""
