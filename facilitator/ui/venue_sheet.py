"""The sheet for the venue's IT: one printable page, as a PDF or an image.

The words come from :func:`facilitator.join.venue_sheet.venue_sheet`; here they are
laid out with a :class:`QTextDocument` built through a cursor (plain text, never
markup) and painted on a :class:`QPdfWriter` or a :class:`QImage` the same way.
The page is always one: when the words would not fit, everything is set smaller.
The dialog asks for what only the facilitator knows (phones to expect, a contact)
and saves the PDF through a file dialog opened with ``open()`` (never ``exec()``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QPointF, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextTableFormat,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.join.venue_sheet import VenueSheet, sheet_text, venue_sheet
from facilitator.protocol.moderator import JoinLink
from facilitator.ui.widgets import plain_label, save_as_dialog

log = logging.getLogger(__name__)

MARGIN_MM = 15.0
PDF_DPI = 300
BODY_PT = 10.5
INK = QColor("#1f2328")
MUTED = QColor("#667085")
RULE = QColor("#c4c9d0")
SCALES = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6)
FILE_NAME = "confessional-for-the-venue-it.pdf"


def default_page_size() -> QPageSize.PageSizeId:
    """Letter where the locale measures in inches, A4 elsewhere."""
    imperial = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return QPageSize.PageSizeId.Letter if imperial else QPageSize.PageSizeId.A4


@dataclass(frozen=True, slots=True)
class _Type:
    """Pixel sizes for one resolution and scale."""

    px_per_pt: float

    def px(self, points: float) -> int:
        return max(1, round(points * self.px_per_pt))


def _char(
    type_: _Type, points: float, *, bold: bool = False, color: QColor = INK
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    font = QFont()
    font.setPixelSize(type_.px(points))
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setForeground(color)
    return fmt


def _block(
    type_: _Type, *, before: float = 0, after: float = 0, indent: float = 0
) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setTopMargin(type_.px(before))
    fmt.setBottomMargin(type_.px(after))
    fmt.setLeftMargin(type_.px(indent))
    fmt.setLineHeight(118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return fmt


def _facts_table(cursor: QTextCursor, sheet: VenueSheet, type_: _Type) -> None:
    """Label and value, one per row, in a light grid: what IT needs at a glance."""
    table_format = QTextTableFormat()
    table_format.setBorder(max(1, type_.px(0.6)))
    table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    table_format.setBorderBrush(RULE)
    table_format.setBorderCollapse(True)
    table_format.setCellSpacing(0)
    table_format.setCellPadding(type_.px(4))
    table_format.setTopMargin(type_.px(6))
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table_format.setColumnWidthConstraints(
        [
            QTextLength(QTextLength.Type.PercentageLength, 26),
            QTextLength(QTextLength.Type.PercentageLength, 74),
        ]
    )
    table = cursor.insertTable(len(sheet.facts), 2, table_format)
    label_format = _char(type_, BODY_PT, color=MUTED)
    value_format = _char(type_, BODY_PT, bold=True)
    for row, (label, value) in enumerate(sheet.facts):
        table.cellAt(row, 0).firstCursorPosition().insertText(label, label_format)
        table.cellAt(row, 1).firstCursorPosition().insertText(value, value_format)
    cursor.movePosition(QTextCursor.MoveOperation.End)


def sheet_document(
    sheet: VenueSheet, width_px: float, dpi: float, scale: float = 1.0
) -> QTextDocument:
    """The sheet laid out ``width_px`` wide for a device of ``dpi`` dots per inch."""
    type_ = _Type(dpi / 72 * scale)
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setUndoRedoEnabled(False)
    document.setTextWidth(width_px)
    cursor = QTextCursor(document)
    body = _char(type_, BODY_PT)
    cursor.setBlockFormat(_block(type_, after=2))
    cursor.insertText(sheet.title, _char(type_, 19, bold=True))
    cursor.insertBlock(_block(type_, after=10), body)
    cursor.insertText(sheet.subtitle, _char(type_, 12, color=MUTED))
    cursor.insertBlock(_block(type_, after=4), body)
    cursor.insertText(sheet.intro, body)
    _facts_table(cursor, sheet, type_)
    # The block after the table ignores margins: a short empty line makes the space.
    cursor.setBlockFormat(_block(type_))
    cursor.setBlockCharFormat(_char(type_, 4))
    for section in sheet.sections:
        cursor.insertBlock(_block(type_, before=10, after=3), body)
        cursor.insertText(section.heading, _char(type_, 12.5, bold=True))
        bullets: QTextList | None = None
        for bullet in section.bullets:
            cursor.insertBlock(_block(type_, after=3), body)
            if bullets is None:
                list_format = QTextListFormat()
                list_format.setStyle(QTextListFormat.Style.ListDisc)
                list_format.setIndent(1)
                bullets = cursor.createList(list_format)
            else:
                bullets.add(cursor.block())
            cursor.insertText(bullet, body)
        for paragraph in section.paragraphs:
            cursor.insertBlock(_block(type_, after=3), body)
            cursor.insertText(paragraph, body)
    return document


def _fitting(sheet: VenueSheet, width: float, height: float, dpi: float) -> QTextDocument:
    """The sheet laid out as large as fits (within :data:`SCALES`), or at the smallest."""
    for scale in SCALES:
        document = sheet_document(sheet, width, dpi, scale)
        if document.size().height() <= height:
            break
    return document


def fits_on_page(sheet: VenueSheet, page: QPageSize.PageSizeId, dpi: int = 72) -> bool:
    """Whether ``sheet`` fits on one ``page`` at some scale of :data:`SCALES`."""
    paintable = _layout(page).paintRectPixels(dpi)
    document = _fitting(sheet, paintable.width(), paintable.height(), dpi)
    return document.size().height() <= paintable.height()


def paint_sheet(
    painter: QPainter, sheet: VenueSheet, width: float, height: float, dpi: float
) -> bool:
    """Paint ``sheet`` in the ``width`` by ``height`` pixels at the painter's origin, as
    large as fits (within :data:`SCALES`). Returns whether it fits at all."""
    document = _fitting(sheet, width, height, dpi)
    fits = document.size().height() <= height
    if not fits:
        log.warning("The venue sheet does not fit on one page even at %d%%", SCALES[-1] * 100)
    document.drawContents(painter)
    return fits


def _layout(page: QPageSize.PageSizeId) -> QPageLayout:
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(
        QPageSize(page), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter
    )


def sheet_pdf(sheet: VenueSheet, page: QPageSize.PageSizeId | None = None) -> bytes:
    """The sheet as a one-page PDF document."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(_layout(page or default_page_size()))
    writer.setTitle(sheet.title)
    writer.setCreator("Confessional")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("Qt could not start the PDF")
    try:
        paint_sheet(painter, sheet, writer.width(), writer.height(), writer.resolution())
    finally:
        painter.end()
    data: QByteArray = buffer.data()
    buffer.close()
    return bytes(data.data())


def sheet_image(
    sheet: VenueSheet, dpi: int = 110, page: QPageSize.PageSizeId | None = None
) -> QImage:
    """The same page as an image, ``dpi`` pixels per inch, white, margins included."""
    layout = _layout(page or default_page_size())
    full = layout.fullRectPixels(dpi)
    paintable = layout.paintRectPixels(dpi)
    image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(QPointF(paintable.topLeft()))
        paint_sheet(painter, sheet, paintable.width(), paintable.height(), dpi)
    finally:
        painter.end()
    return image


class VenueSheetDialog(QDialog):
    """Fields for the sheet, then *Save PDF…* (a file dialog) or *Copy as text*.

    ``join`` and ``wifi_name`` are read again each time the sheet is made, so that an
    address chosen meanwhile is the one printed. ``message`` is for the status bar.
    """

    message = Signal(str)

    def __init__(
        self,
        join: JoinLink,
        event: str,
        wifi_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._join = join
        self._wifi_name = wifi_name
        self.save_dialog: QFileDialog | None = None
        self.setWindowTitle(self.tr("Sheet for the venue's IT"))
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "One page for the venue's IT team: this laptop's address and port, what to turn "
                "off on the room's network and what the laptop needs. Print it or send it ahead."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.event_edit = QLineEdit(event)
        self.phones_box = QSpinBox()
        self.phones_box.setRange(0, 10_000)
        self.phones_box.setSingleStep(10)
        self.phones_box.setSpecialValueText(self.tr("not sure"))
        self.contact_edit = QLineEdit()
        self.contact_edit.setPlaceholderText(
            self.tr("Name and phone number (empty: a line to write on)")
        )
        form.addRow(self.tr("Event"), self.event_edit)
        form.addRow(
            self.tr("Wi-Fi"),
            plain_label(wifi_name or self.tr("not chosen yet (Wi-Fi for phones…)")),
        )
        form.addRow(self.tr("Phones to expect"), self.phones_box)
        form.addRow(self.tr("Contact on the day"), self.contact_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(
            self.tr("Save PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button = buttons.addButton(
            self.tr("Copy as text"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.clicked.connect(self.choose_target)
        self.copy_button.clicked.connect(self.copy_text)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def set_join(self, join: JoinLink) -> None:
        self._join = join

    def sheet(self) -> VenueSheet:
        return venue_sheet(
            self._join,
            event=self.event_edit.text(),
            wifi_name=self._wifi_name,
            phones_expected=self.phones_box.value() or None,
            contact=self.contact_edit.text(),
        )

    def copy_text(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(sheet_text(self.sheet()))
        self.message.emit(self.tr("The sheet's text is on the clipboard."))

    def choose_target(self) -> None:
        """Ask where to save the PDF (non-blocking); :meth:`save_pdf_to` writes it."""
        self.save_dialog = save_as_dialog(
            self,
            self.tr("Save the sheet as"),
            Path.home() / FILE_NAME,
            "PDF (*.pdf)",
            self.save_pdf_to,
        )

    def save_pdf_to(self, target: str | Path) -> Path | None:
        """Write the PDF to ``target`` (``.pdf`` added when missing); ``None`` on failure."""
        path = Path(target)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            path.write_bytes(sheet_pdf(self.sheet()))
        except OSError as error:
            log.warning("Could not save the venue sheet to %s: %s", path, error)
            self.message.emit(
                self.tr("Could not save the sheet: {reason}").format(reason=error.strerror or error)
            )
            return None
        self.message.emit(self.tr("Sheet saved as {path}: open it to print.").format(path=path))
        return path
