"""Why the session host cannot start, in words the facilitator can act on.

The host's own message is shown as it is (it names the folder or file and says what to
do); for a damaged database, the choice to move it aside (kept, for recovery) and start
afresh with a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from facilitator.ui.host_process import HostStartFailed
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate

MOVE_ASIDE = QT_TRANSLATE_NOOP("HostFailure", "Move it aside and start afresh")
MOVE_ASIDE_EXPLAINED = QT_TRANSLATE_NOOP(
    "HostFailure",
    "“{move_aside}” renames the damaged file (it stays in the same folder, for "
    "recovery) and starts a new session with a new database.",
)
QUIT = QT_TRANSLATE_NOOP("HostFailure", "Quit")

type BoxFactory = Callable[[QWidget | None], QMessageBox]


def build_host_failure_box(
    error: HostStartFailed, box: QMessageBox, decline: str = QUIT
) -> QMessageBox:
    """Fill ``box`` with the host's own message; for a damaged database, add the choice
    to move it aside and start afresh (the default) or ``decline``."""
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Confessional")
    box.setTextFormat(Qt.TextFormat.PlainText)  # paths are not markup
    box.setText(str(error))
    if not error.store_damaged:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box
    box.setInformativeText(
        translate("HostFailure", MOVE_ASIDE_EXPLAINED).format(
            move_aside=translate("HostFailure", MOVE_ASIDE)
        )
    )
    move_aside = box.addButton(
        translate("HostFailure", MOVE_ASIDE), QMessageBox.ButtonRole.AcceptRole
    )
    declined = box.addButton(translate("HostFailure", decline), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(move_aside)
    box.setEscapeButton(declined)
    return box


def chose_to_move_aside(box: QMessageBox, button: QAbstractButton | None) -> bool:
    return button is not None and box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole


def explain_host_failure(
    error: HostStartFailed, parent: QWidget | None = None, *, box_factory: BoxFactory = QMessageBox
) -> bool:
    """Show, blocking, why the host cannot start; ``True`` when the facilitator chose to
    move a damaged database aside and start afresh.

    Call only before the qasync loop runs: ``exec()`` enters a nested event loop.
    """
    box = build_host_failure_box(error, box_factory(parent))
    try:
        box.exec()
        return error.store_damaged and chose_to_move_aside(box, box.clickedButton())
    finally:
        box.deleteLater()
