"""The Wi-Fi phones join first: entered once, shown on the join slide with its QR code.

The name is always shown on the slide; the password only when the facilitator asks
(the QR code carries it either way). A small preview of the code lets the
facilitator scan it with their own phone before the room does. Opened with
``open()``, never ``exec()`` (the app runs on a qasync loop).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.join.wifi import (
    QR_ENCODING,
    RoomWifi,
    Security,
    wifi_problem,
    wifi_qr_payload,
)
from facilitator.ui.qr_widget import QrWidget
from facilitator.ui.translations import QT_TRANSLATE_NOOP, translate
from facilitator.ui.widgets import plain_label

PREVIEW_SIDE = 150
INTRO = QT_TRANSLATE_NOOP(
    "WifiDialog",
    "Phones scan this network's code first, then the join code. Use the Wi-Fi on which "
    "phones can reach this laptop: the venue's network with client isolation off, or "
    "the laptop's own hotspot (roughly 5 to 10 phones).",
)


class WifiDialog(QDialog):
    """``chosen`` carries the :class:`RoomWifi` saved, or ``None`` when the facilitator
    removes the Wi-Fi from the slide."""

    chosen = Signal(object)

    def __init__(self, wifi: RoomWifi | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wi-Fi for phones"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = plain_label(translate("WifiDialog", INTRO))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        row = QHBoxLayout()
        row.setSpacing(16)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("as phones list it"))
        self.name_edit.setAccessibleName(self.tr("Network name"))
        self.password_edit = QLineEdit()
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.security_box = QComboBox()
        for security in Security:
            self.security_box.addItem(security.label, security)
        self.hidden_box = QCheckBox(self.tr("Hidden network (it does not appear in the list)"))
        self.show_password_box = QCheckBox(self.tr("Show the password on the slide"))
        self.show_password_box.setToolTip(
            self.tr("The QR code carries the password either way; this also spells it out.")
        )
        form.addRow(self.tr("Network name"), self.name_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Security"), self.security_box)
        form.addRow("", self.hidden_box)
        form.addRow("", self.show_password_box)
        row.addLayout(form, 1)
        preview = QVBoxLayout()
        self.preview = QrWidget()
        self.preview.setFixedSize(PREVIEW_SIDE, PREVIEW_SIDE)
        preview.addWidget(self.preview)
        self.preview_caption = plain_label(self.tr("Scan it with your phone to check"), "muted")
        self.preview_caption.setWordWrap(True)
        self.preview_caption.setFixedWidth(PREVIEW_SIDE)
        preview.addWidget(self.preview_caption)
        preview.addStretch(1)
        row.addLayout(preview)
        layout.addLayout(row)

        self.problem_label = plain_label(name="error")
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None
        self.save_button: QPushButton = save
        self.remove_button = buttons.addButton(
            self.tr("Show no Wi-Fi"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.setToolTip(self.tr("The join slide shows the join link alone"))
        self.remove_button.setEnabled(wifi is not None)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self.remove)
        layout.addWidget(buttons)

        if wifi is not None:
            self.name_edit.setText(wifi.ssid)
            self.password_edit.setText(wifi.password)
            self.security_box.setCurrentIndex(list(Security).index(wifi.security))
            self.hidden_box.setChecked(wifi.hidden)
            self.show_password_box.setChecked(wifi.show_password)
        for edit in (self.name_edit, self.password_edit):
            edit.textChanged.connect(self._update)
        self.security_box.currentIndexChanged.connect(self._update)
        self.hidden_box.toggled.connect(self._update)
        self._update()

    def current(self) -> RoomWifi:
        """The Wi-Fi as entered (it may not be usable: see :func:`wifi_problem`)."""
        security = Security(self.security_box.currentData())
        with_password = security is not Security.NONE
        return RoomWifi(
            ssid=self.name_edit.text(),
            password=self.password_edit.text() if with_password else "",
            security=security,
            hidden=self.hidden_box.isChecked(),
            show_password=with_password and self.show_password_box.isChecked(),
        )

    def problem(self) -> str:
        """Why the Wi-Fi as entered cannot be saved ("" when it can)."""
        return wifi_problem(self.current()) or ""

    def save(self) -> None:
        wifi = self.current()
        if wifi_problem(wifi) is not None:
            return
        self.chosen.emit(wifi)
        self.accept()

    def remove(self) -> None:
        self.chosen.emit(None)
        self.accept()

    def _update(self) -> None:
        with_password = Security(self.security_box.currentData()) is not Security.NONE
        self.password_edit.setEnabled(with_password)
        self.show_password_box.setEnabled(with_password)
        wifi = self.current()
        problem = wifi_problem(wifi)
        # An empty name needs no red sentence: the disabled Save button says enough.
        self.problem_label.setText(problem if problem and wifi.ssid else "")
        self.save_button.setEnabled(problem is None)
        self.preview_caption.setVisible(problem is None)
        if problem is None:
            self.preview.set_data(
                wifi_qr_payload(wifi),
                self.tr("QR code to join {ssid}").format(ssid=wifi.ssid),
                encoding=QR_ENCODING,
            )
        else:
            self.preview.set_url("")
