"""The confession slide: the confession as large as fits, its lesson and what helped
under it, the footer (count, timer, corner join code) and, for a confession with a
content note, the note for its first five seconds (``docs/slides.md``, ``confession``).

The clocks: the state carries the host's ``now``; the slide keeps the difference to the
display's clock and reads the host's time through it, so a display whose clock is off
still shows the right m:ss and ends the note on time.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QWidget

from facilitator.protocol.phone import PublicProjection
from facilitator.protocol.projector import ProjectorState
from facilitator.ui.fit_notes import Note, NotedFitText
from facilitator.ui.fit_text import Align
from facilitator.ui.slides import layout, strings
from facilitator.ui.slides.layout import Box
from facilitator.ui.slides.parts import (
    CornerJoin,
    Slide,
    fitted_text,
    paint_colour,
    place,
    size_text,
)
from facilitator.ui.slides.strings import SlideStrings
from facilitator.ui.slides.theme import SlideColours
from facilitator.ui.slides.timing import (
    clock_offset,
    content_note_left,
    elapsed,
    minutes_seconds,
)

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class ConfessionSlide(Slide):
    look_changing = Signal()  # the content note gives way to the confession (a fade)

    def __init__(self, parent: QWidget | None = None, *, clock: Clock = system_clock) -> None:
        super().__init__(parent)
        self._clock = clock
        self._offset = timedelta()
        self._active = False
        self._noted = False  # the content note is up
        self._count: int | None = None
        self._reply_counts: dict[int, int] = {}
        self._count_box: Box | None = None
        # Lines at the font's own spacing, and half a line between the parts: the longest
        # confession and lesson fit at 0.032 h on a 4:3 screen (docs/slides.md).
        # What helped gets a third of the box when the confession leaves it (as the
        # projector page does); texts of up to two lines are centred.
        self.text = NotedFitText(self, line_spacing=1.0, block_gap=0.5, centre_up_to=2)
        self.text.set_notes_share(layout.HELPED_SHARE)
        self.named_text("confession", self.text)
        self.count = self.named_text(
            "count", fitted_text(self, weight=QFont.Weight.Bold, align=Align.LEFT, wrap=False)
        )
        self.timer = self.named_text("timer", fitted_text(self, align=Align.LEFT, wrap=False))
        self.corner = CornerJoin(self)
        self.note_title = self.named_text(
            "content note", fitted_text(self, weight=QFont.Weight.Bold, wrap=False)
        )
        self.note_text = self.named_text(
            "content note text", fitted_text(self, vertical=Qt.AlignmentFlag.AlignTop)
        )
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.timeout.connect(self._on_tick)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.timeout.connect(self._end_note)

    # Public

    def projection(self) -> PublicProjection | None:
        return self.state.projection

    def content_note_up(self) -> bool:
        return self._noted

    def ticking(self) -> bool:
        """Whether the 1 s timer runs (only while the m:ss is on screen)."""
        return self._tick.isActive()

    def host_now(self) -> datetime:
        return self._clock() + self._offset

    def set_count(self, confession_id: int, count: int) -> None:
        projection = self.state.projection
        if projection is None or projection.content_note:
            return
        if projection.confession_id == confession_id:
            self._count = count
            self._fill_count()
        elif any(reply.reply_id == confession_id for reply in projection.replies):
            self._reply_counts[confession_id] = count
            self._fill_notes(projection)

    def set_active(self, active: bool) -> None:
        self._active = active
        self._schedule()

    # Slide

    def show_state(
        self,
        state: ProjectorState,
        words: SlideStrings,
        colours: SlideColours,
        logo: QImage | None = None,
    ) -> None:
        # A state is built from the session as it is: fresher than any count before it.
        self._reply_counts = {}
        self._count = None
        self._offset = clock_offset(state.now, self._clock())
        super().show_state(state, words, colours, logo)

    def fill(self) -> None:
        state, words, colours = self.state, self.strings, self.colours
        projection = state.projection
        self.text.setText(projection.text if projection is not None else "")
        self.text.set_secondary_text(words.lesson(projection.learned) if projection else "")
        self.text.set_more_format(words.more)
        self._fill_notes(projection)
        paint_colour(self.text, colours.text)
        paint_colour(self.count, colours.accent)
        paint_colour(self.timer, colours.muted)
        paint_colour(self.note_title, colours.accent)
        paint_colour(self.note_text, colours.text)
        self.note_title.setText(words.tr(strings.CONTENT_NOTE))
        self.note_text.setText(words.tr(strings.CONTENT_NOTE_TEXT))
        self.corner.fill(state, words, colours)
        self._noted = (
            projection is not None
            and projection.content_note
            and (content_note_left(state.shown_at, self.host_now()) > 0)
        )
        self._fill_count()
        self._fill_timer()
        self._show_parts()
        self._schedule()

    def relayout(self) -> None:
        w, h = float(self.width()), float(self.height())
        boxes = layout.confession(w, h, with_corner=self.state.corner_qr)
        place(self.text, boxes.text)
        size_text(self.text, h, layout.CONFESSION_MAX, layout.CONFESSION_MIN)
        self.text.set_secondary_style(
            ratio=layout.LESSON_RATIO,
            min_px=round(layout.LESSON_MIN * h),
            max_px=round(layout.LESSON_MAX * h),
            color=self.colours.muted,
            italic=False,
        )
        self.text.set_notes_style(
            ratio=layout.HELPED_RATIO,
            min_px=math.ceil(layout.HELPED_MIN * h),
            max_px=round(layout.HELPED_MAX * h),
            color=self.colours.text,
        )
        self._count_box = boxes.count
        place(self.count, boxes.count)
        size_text(self.count, h, layout.COUNT, layout.COUNT / 2)
        self._place_timer()
        self.corner.relayout(w, h, self.colours.accent)
        place(self.note_title, boxes.note_title)
        size_text(self.note_title, h, layout.NOTE_TITLE, layout.NOTE_TITLE / 2)
        place(self.note_text, boxes.note_text)
        size_text(self.note_text, h, layout.NOTE_TEXT, layout.NOTE_TEXT / 2)

    # Parts

    def _fill_notes(self, projection: PublicProjection | None) -> None:
        replies = projection.replies if projection is not None else ()
        notes = [
            Note(
                reply.text, self.strings.helped(self._reply_counts.get(reply.reply_id, reply.count))
            )
            for reply in replies
        ]
        self.text.set_notes("", notes)

    def _fill_count(self) -> None:
        projection = self.state.projection
        if projection is None or projection.content_note:
            self.count.setText("")
        else:
            count = projection.count if self._count is None else self._count
            self.count.setText(self.strings.count(self.state.agree_label, count))
        self._place_timer()

    def _fill_timer(self) -> None:
        shown_at = self.state.shown_at
        if not self.state.timer or shown_at is None:
            self.timer.setText("")
            return
        self.timer.setText(minutes_seconds(elapsed(shown_at, self.host_now())))

    def _place_timer(self) -> None:
        box = self._count_box
        if box is None:
            return
        h = float(self.height())
        used = self.count.laid_out_size()[0] if self.count.text() else 0.0
        place(self.timer, layout.beside(box, used, layout.TIMER_GAP * h if used else 0.0))
        size_text(self.timer, h, layout.TIMER, layout.TIMER / 2)

    def _show_parts(self) -> None:
        noted = self._noted
        for part in (self.text, self.count, self.timer):
            part.setVisible(not noted)
        self.corner.set_visible(not noted and self.state.corner_qr and bool(self.state.join_url))
        self.note_title.setVisible(noted)
        self.note_text.setVisible(noted)

    # Clocks

    def _schedule(self) -> None:
        """The note's end and the next tick of the m:ss, only while on screen."""
        self._tick.stop()
        self._note_timer.stop()
        if not self._active or self.state.projection is None:
            return
        now = self.host_now()
        if self._noted:
            left = content_note_left(self.state.shown_at, now)
            self._note_timer.start(max(1, round(left * 1000)))
            return
        shown_at = self.state.shown_at
        if self.state.timer and shown_at is not None:
            into_second = elapsed(shown_at, now) % 1
            self._tick.start(max(1, round((1 - into_second) * 1000)) + 5)

    def _on_tick(self) -> None:
        self._fill_timer()
        self._schedule()

    def _end_note(self) -> None:
        if content_note_left(self.state.shown_at, self.host_now()) > 0:
            self._schedule()  # woken early
            return
        self.look_changing.emit()
        self._noted = False
        self._fill_timer()
        self._show_parts()
        self._schedule()
