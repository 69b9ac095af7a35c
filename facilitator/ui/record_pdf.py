"""A session's record as a PDF, rendered with Qt: the console's "Save record as…" and
``confessional export --format pdf``.

Laid out with a :class:`QTextDocument` built through a cursor (plain text, never
markup: what people wrote is set as written, code and ``<`` included), paginated by
``QTextDocument.print_`` on a :class:`QPdfWriter`. The chart of the counts is painted
with :class:`QPainter` into an image in the document (the bundle carries no SVG
renderer). Right-to-left text takes its direction from its own characters.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
    QTextListFormat,
)

from facilitator.core.record.register import most_shared, share_words
from facilitator.core.record.sections import (
    FOLLOW_UP,
    HELPED_HEADING,
    HELPED_TOO,
    HOUSE_RULES_HEADING,
    ORGANISERS_SECTION,
    UNSHOWN_SECTION,
    NotesSection,
    follow_up_words,
    totals_rows,
)
from facilitator.core.transcript import OrganisersNote, ShownConfession, Transcript
from facilitator.ui.venue_sheet import INK, MUTED, default_page_size

MARGIN_MM = 18.0
CHART_URL = QUrl("record://chart.png")
LINE_BREAK = "\u2028"  # Qt's line separator: a break inside the paragraph
BAR = QColor("#2f5d8a")
_CHART_WIDTH = 1400  # pixels of the chart image, shown 160 mm wide
_CHART_ROW = 44


def _char(
    points: float, *, bold: bool = False, italic: bool = False, color: QColor = INK
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setItalic(italic)
    fmt.setFont(font)
    fmt.setForeground(color)
    return fmt


def _block(*, before: float = 0, after: float = 0, indent: int = 0) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setTopMargin(before)
    fmt.setBottomMargin(after)
    fmt.setIndent(indent)
    fmt.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    return fmt


def record_document(transcript: Transcript, fingerprint: str) -> QTextDocument:
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, transcript.title)
    cursor = QTextCursor(document)
    body = _char(10.5)
    cursor.setBlockFormat(_block(after=4))
    cursor.insertText(transcript.title, _char(20, bold=True))
    if transcript.prompt:
        cursor.insertBlock(_block(after=2))
        cursor.insertText(_text(transcript.prompt), _char(11.5, italic=True))
    cursor.insertBlock(_block(after=10))
    cursor.insertText(transcript.date, _char(10, color=MUTED))
    if transcript.house_rules:
        _heading(cursor, HOUSE_RULES_HEADING)
        cursor.insertBlock(_block(after=4))
        cursor.insertText(_text(transcript.house_rules), body)
    _heading(cursor, "Confessions")
    if not transcript.confessions:
        cursor.insertBlock(_block(after=4))
        cursor.insertText("No confession was shown.", body)
    else:
        document.addResource(
            QTextDocument.ResourceType.ImageResource,
            CHART_URL,
            chart_image(transcript.confessions),
        )
        cursor.insertBlock(_block(after=8))
        image = QTextImageFormat()
        image.setName(CHART_URL.toString())
        image.setWidth(460)  # points: the text width of an A4 or Letter page
        cursor.insertImage(image)
        _confessions(cursor, transcript)
    shared = most_shared(transcript)
    if shared:
        _heading(cursor, "Most shared")
        for confession in shared:
            cursor.insertBlock(_block(after=2))
            cursor.insertText(f"#{confession.order}  ", _char(10, color=MUTED))
            cursor.insertText(_text(confession.text), body)
            cursor.insertText(f"  {confession.agreements}", _char(10.5, bold=True))
    if transcript.unshown is not None:
        _notes(cursor, UNSHOWN_SECTION, transcript.unshown)
    if transcript.for_organisers is not None:
        _notes(cursor, ORGANISERS_SECTION, transcript.for_organisers)
    if transcript.closing_note:
        _heading(cursor, "Closing note")
        cursor.insertBlock(_block(after=4))
        cursor.insertText(_text(transcript.closing_note), body)
    _heading(cursor, "Totals")
    for name, value in totals_rows(transcript):
        cursor.insertBlock(_block(after=1))
        cursor.insertText(f"{name}: ", body)
        cursor.insertText(str(value), _char(10.5, bold=True))
    cursor.insertBlock(_block(before=14))
    cursor.insertText(f"Fingerprint: {fingerprint}", _char(8, color=MUTED))
    return document


def _text(text: str) -> str:
    """Line breaks within a block (a new block would leave the list item)."""
    return text.replace("\r\n", "\n").replace("\n", LINE_BREAK)


def _notes(cursor: QTextCursor, section: NotesSection, notes: tuple[OrganisersNote, ...]) -> None:
    _heading(cursor, section.heading)
    cursor.insertBlock(_block(after=4))
    cursor.insertText(section.intro, _char(10, color=MUTED))
    if not notes:
        cursor.insertBlock(_block(after=4))
        cursor.insertText(section.empty, _char(10.5))
    for note in notes:
        cursor.insertBlock(_block(after=4))
        cursor.insertText(_text(note.text), _char(10.5))
        if note.learned:
            cursor.insertBlock(_block(after=4, indent=1))
            cursor.insertText(f"What I learned: {_text(note.learned)}", _char(10, color=MUTED))


def _heading(cursor: QTextCursor, text: str) -> None:
    cursor.insertBlock(_block(before=14, after=6))
    cursor.insertText(text, _char(14, bold=True))


def _confessions(cursor: QTextCursor, transcript: Transcript) -> None:
    numbers = QTextListFormat()
    numbers.setStyle(QTextListFormat.Style.ListDecimal)
    numbered = None
    for confession in transcript.confessions:
        cursor.insertBlock(_block(before=6, after=1), _char(10.5))
        if numbered is None:
            numbered = cursor.createList(numbers)
        else:
            numbered.add(cursor.block())
        cursor.insertText(_text(confession.text), _char(10.5))
        if confession.learned:
            cursor.insertBlock(_block(after=1, indent=1))
            cursor.insertText("What I learned: ", _char(10, italic=True, color=MUTED))
            cursor.insertText(_text(confession.learned), _char(10, color=MUTED))
        cursor.insertBlock(_block(after=2, indent=1))
        cursor.insertText(
            f"{transcript.agree_label}: {confession.agreements}", _char(10, bold=True)
        )
        cursor.insertText(share_words(confession), _char(10, color=MUTED))
        if confession.replies:
            cursor.insertBlock(_block(after=1, indent=1))
            cursor.insertText(f"{HELPED_HEADING}:", _char(10, italic=True, color=MUTED))
        for reply in confession.replies:
            cursor.insertBlock(_block(after=1, indent=2))
            cursor.insertText(f"\u2013 {_text(reply.text)}", _char(10))
            cursor.insertText(f" ({HELPED_TOO}: {reply.agreements})", _char(10, color=MUTED))
        if confession.follow_up.filled:  # the PDF has no register table: it is said here
            cursor.insertBlock(_block(after=1, indent=1))
            cursor.insertText(f"{FOLLOW_UP}: ", _char(10, italic=True, color=MUTED))
            cursor.insertText(_text(follow_up_words(confession.follow_up)), _char(10))


def chart_image(confessions: tuple[ShownConfession, ...]) -> QImage:
    """A horizontal bar per shown confession, in the order shown, with its count."""
    height = _CHART_ROW * len(confessions) + 8
    image = QImage(_CHART_WIDTH, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    most = max((c.agreements for c in confessions), default=0) or 1
    label_room, count_room = 110, 110
    room = _CHART_WIDTH - label_room - count_room
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont()
        font.setPixelSize(24)
        painter.setFont(font)
        for row, confession in enumerate(confessions):
            top = row * _CHART_ROW + 4
            width = room * confession.agreements / most
            painter.setPen(INK)
            painter.drawText(
                QRectF(0, top, label_room - 12, _CHART_ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"#{confession.order}",
            )
            painter.fillRect(QRectF(label_room, top + 7, width, _CHART_ROW - 14), BAR)
            painter.drawText(
                QRectF(label_room + width + 10, top, count_room, _CHART_ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(confession.agreements),
            )
    finally:
        painter.end()
    return image


def record_pdf(
    transcript: Transcript, fingerprint: str, page: QPageSize.PageSizeId | None = None
) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(page or default_page_size()),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(transcript.title)
    writer.setCreator("Confessional")
    record_document(transcript, fingerprint).print_(writer)
    data: QByteArray = buffer.data()
    buffer.close()
    return bytes(data.data())
