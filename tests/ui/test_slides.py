"""The big screen's slides by docs/slides.md: every sample state at every size and theme
keeps its text in its boxes, the sizes the design asks for and 7:1 colours; the layout
maths and clocks on their own; the words in English and German; the cross-fade; and a
curated dozen renders to look at (``CONFESSIONAL_UI_SHOTS=docs/screenshots`` keeps them
in ``docs/screenshots/slides``)."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from facilitator.core.contrast import DARK, LIGHT, MIN_CONTRAST, contrast
from facilitator.core.logo import Logo as PreparedLogo
from facilitator.core.rules import (
    DEFAULT_AGREE_LABEL,
    DEFAULT_HOUSE_RULES,
    DEFAULT_PROMPT,
    DEFAULT_TITLE,
)
from facilitator.join.wifi import RoomWifi
from facilitator.protocol.projector import ProjectorState
from facilitator.ui.fit_text import FitText
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.projector import ProjectorWindow
from facilitator.ui.slides import layout, strings
from facilitator.ui.slides.confession import ConfessionSlide
from facilitator.ui.slides.layout import Box
from facilitator.ui.slides.parts import Slide
from facilitator.ui.slides.stage import REDUCED_MOTION_ENV, SlideStage, reduced_motion
from facilitator.ui.slides.strings import SlideStrings
from facilitator.ui.slides.theme import colours_hex, plate_colour
from facilitator.ui.slides.timing import (
    clock_offset,
    content_note_left,
    elapsed,
    minutes_seconds,
    parse,
    short_url,
)
from tests.slide_states import (
    ACCENTS,
    LOGO_SLIDES,
    NOW,
    RIGHT_TO_LEFT,
    SAMPLES,
    SHOWN_AT,
    SIZES,
    THEMES,
    confession,
    logo_samples,
    state,
    with_logo,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stage(qapp: QApplication) -> Iterator[SlideStage]:
    """One stage for the whole module: each test gives it a state and a size."""
    widget = SlideStage(motion=False)
    widget.show()
    yield widget
    widget.close()
    widget.deleteLater()


def render(
    stage: SlideStage,
    sample: ProjectorState,
    size: tuple[int, int],
    logo: QImage | None = None,
) -> Slide:
    if (stage.width(), stage.height()) != size:
        stage.resize(*size)
    stage.show_state(sample, logo)
    slide = stage.current()
    assert (slide.width(), slide.height()) == size
    return slide


def text_colours(slide: Slide) -> set[str]:
    """Every colour a visible text on ``slide`` is drawn in."""
    found: set[str] = set()
    for text in slide.findChildren(FitText):
        if text.isHidden() or not text.text():
            continue
        found.add(text.palette().color(QPalette.ColorRole.WindowText).name())
        for attribute in ("_secondary_color", "_note_color", "_suffix_color", "_suffix_colour"):
            colour = getattr(text, attribute, None)
            if isinstance(colour, QColor):
                found.add(colour.name())
    return found


# Every sample, size and theme


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_sample_fits_its_boxes_at_every_size(
    stage: SlideStage, name: str, theme: str
) -> None:
    sample = msgspec.structs.replace(SAMPLES[name], theme=theme)  # type: ignore[arg-type]
    for w, h in SIZES:
        slide = render(stage, sample, (w, h))
        area = layout.content(w, h)
        screen = Box(area.x - 1, area.y - 1, area.w + 2, area.h + 2)
        fitted = slide.fitted()
        assert fitted or name == "black", (name, w, h)
        for part in fitted:
            where = (name, theme, w, h, part.name)
            assert part.fits, where
            assert part.size[0] <= part.box.w + 0.5, (*where, part.size, part.box)
            assert part.size[1] <= part.box.h + 0.5, (*where, part.size, part.box)
            assert screen.contains(part.box), (*where, part.box)
        if isinstance(slide, ConfessionSlide) and not slide.content_note_up():
            text = slide.text
            assert text.font_pixel_size() >= layout.CONFESSION_MIN * h, (name, w, h)
            assert text.font_pixel_size() <= round(layout.CONFESSION_MAX * h)
            if text.secondary_text():
                assert text.secondary_pixel_size() < text.font_pixel_size(), (name, w, h)
            if text.notes():
                assert text.notes_pixel_size() < text.secondary_pixel_size(), (name, w, h)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("accent", ACCENTS)
def test_every_colour_keeps_seven_to_one(stage: SlideStage, theme: str, accent: str) -> None:
    for name, sample in SAMPLES.items():
        themed = msgspec.structs.replace(sample, theme=theme, accent=accent)  # type: ignore[arg-type]
        slide = render(stage, themed, (1024, 768))
        background = slide.background().name()
        for colour in text_colours(slide):
            assert contrast(colour, background) >= MIN_CONTRAST, (name, colour, background)
        if name == "black":
            assert background == "#000000"


def test_the_accent_colours_the_count_and_headings(stage: SlideStage) -> None:
    slide = render(stage, confession("Short.", accent="#1a7f64"), (1024, 768))
    assert isinstance(slide, ConfessionSlide)
    accent = colours_hex("dark", "#1a7f64")[3]
    assert accent != "#1a7f64"  # too dark on dark: moved towards the text colour
    assert slide.count.palette().color(QPalette.ColorRole.WindowText).name() == accent
    assert slide.text.palette().color(QPalette.ColorRole.WindowText).name() == "#f5f1e8"


# What the slides show


def test_the_confession_slide(stage: SlideStage) -> None:
    slide = render(stage, SAMPLES["confession-long-replies"], (1920, 1080))
    assert isinstance(slide, ConfessionSlide)
    assert slide.count.text() == "Been there · 41"
    assert slide.timer.text() == "1:07"  # by the host's clock: the state's now
    assert slide.ticking()  # on screen, with the timer on
    assert slide.corner.qr.isVisible() and slide.corner.url.text() == "192.168.178.23:8737"
    notes = slide.text.notes()
    assert [note.suffix for note in notes] == [f"· {n} helped" for n in range(6)]
    # The longest confession and lesson take the whole box: "+6 more" (as on the page).
    shown = slide.text.notes_shown()
    assert shown < 6
    drawn = [block.layout.text() for block in slide.text._fit().blocks]
    assert drawn[-1] == f"+{6 - shown} more"
    # The count and the timer side by side in the footer, under the confession.
    count, timer = slide.count.geometry(), slide.timer.geometry()
    assert timer.left() >= count.left() + slide.count.laid_out_size()[0]
    assert slide.text.geometry().bottom() < count.top()


def test_short_texts_are_centred_long_ones_a_block(stage: SlideStage) -> None:
    slide = render(stage, SAMPLES["confession-short"], (1920, 1080))
    assert isinstance(slide, ConfessionSlide)
    first = slide.text._fit().blocks[0]
    assert not first.left_aligned  # centred lines
    slide = render(stage, SAMPLES["confession-long"], (1920, 1080))
    assert isinstance(slide, ConfessionSlide)
    assert slide.text._fit().blocks[0].left_aligned


def test_a_content_note_first_then_the_confession_without_its_count(stage: SlideStage) -> None:
    slide = render(stage, SAMPLES["content-note"], (1024, 768))
    assert isinstance(slide, ConfessionSlide)
    assert slide.content_note_up()
    assert slide.note_title.text() == "Content note" and slide.note_title.isVisibleTo(slide)
    assert not slide.text.isVisibleTo(slide)
    slide = render(stage, SAMPLES["content-note-after"], (1024, 768))
    assert isinstance(slide, ConfessionSlide)
    assert not slide.content_note_up()
    assert slide.text.isVisibleTo(slide) and slide.count.text() == ""


def test_the_join_slide(stage: SlideStage) -> None:
    w, h = 1920, 1080
    slide = render(stage, SAMPLES["join"], (w, h))
    join = stage.join
    assert slide is join
    assert join.url.text() == "192.168.178.23:8737" and join.url.line_count() == 1
    assert join.url.font_pixel_size() <= round(layout.URL_MAX * h)
    assert join.heading.text() == "House rules"
    assert join.rules.text() == DEFAULT_HOUSE_RULES
    assert join.title.line_count() <= 2
    assert join.title.font_pixel_size() == round(layout.TITLE_MAX * h)
    side = min(layout.JOIN_QR_H * h, layout.JOIN_QR_W * w)
    assert join.qr.width() == pytest.approx(side, abs=2)
    # Whole pixels per module: the code a little smaller, in white up to the frame.
    inner = join.qr.width() - 2 * join.qr.frame_width()
    assert inner - join.qr.modules() < join.qr.code_rect().width() <= inner
    assert join.url.geometry().top() > join.qr.geometry().bottom()
    assert join.rules.geometry().left() > join.qr.geometry().right()


def test_own_house_rules_with_the_record_lines(stage: SlideStage) -> None:
    render(stage, SAMPLES["join-own-rules"], (1024, 768))
    rules = stage.join.rules.text().split("\n")
    assert rules[0] == "Chatham House rule."
    assert rules[-2].startswith("Approved confessions there is no time to show")
    assert rules[-1].startswith("Confessions for the organisers only")
    assert stage.join.rules.font_pixel_size() >= round(layout.RULES_MIN * 768)


def test_a_long_title_wraps_to_a_third_line_only_at_its_smallest(stage: SlideStage) -> None:
    title = "Never waste a mistake: the quarterly retrospective of the platform team " * 2
    render(stage, state("join", title=title[:120]), (1024, 768))
    text = stage.join.title
    assert text.line_count() <= 2 or text.font_pixel_size() == round(layout.TITLE_MIN * 768)
    assert text.text_fits()


def test_the_break_and_closing_slides(stage: SlideStage) -> None:
    render(stage, SAMPLES["break"], (1920, 1080))
    assert stage.break_slide.title.text() == "Break"
    assert stage.break_slide.subtitle.text() == "Back soon."
    assert stage.break_slide.corner.qr.isVisible()  # always, for latecomers
    render(stage, SAMPLES["closing"], (1024, 768))
    closing = stage.closing
    assert [n.text() for n in closing.numbers] == ["214", "23", "31", "2"]
    assert [n.text() for n in closing.labels] == ["received", "shown", "set aside", "removed"]
    assert closing.heading.text() == "Most shared"
    long_one = closing.mistakes[1]
    assert long_one.elided() and long_one.line_count() == 2
    assert long_one.shown_text().endswith("…\u2069\u2002Been there · 154")
    assert not closing.mistakes[0].elided()
    tops = [m.geometry().top() for m in closing.mistakes]
    assert tops == sorted(tops)
    assert closing.question.text() == "What one lesson will you carry forward?"


def test_in_german(stage: SlideStage) -> None:
    render(stage, msgspec.structs.replace(SAMPLES["break"], language="de"), (1024, 768))
    assert stage.break_slide.title.text() == "Pause"
    assert stage.break_slide.subtitle.text() == "Gleich geht es weiter."
    render(stage, msgspec.structs.replace(SAMPLES["join"], language="de"), (1024, 768))
    german = json.loads((ROOT / "participant_web/i18n/de.json").read_text(encoding="utf-8"))
    assert stage.join.heading.text() == "Hausregeln"
    assert stage.join.rules.text() == german["house_rules.default"]
    sample = msgspec.structs.replace(SAMPLES["confession-long-replies"], language="de")
    render(stage, sample, (1920, 1080))
    text = stage.confession.text
    assert text.secondary_text().startswith("Was ich gelernt habe: ")
    assert text.notes()[2].suffix == "· hat 2 geholfen"
    render(stage, msgspec.structs.replace(SAMPLES["closing"], language="fr"), (1024, 768))
    assert stage.closing.title.text() == "Thank you"  # any other language: English


def test_the_translation_is_complete_and_compiled() -> None:
    folder = ROOT / "resources" / "translations"
    tree = ET.parse(folder / "confessional_de.ts")
    messages = list(tree.getroot().iter("message"))
    sources = {m.findtext("source") for m in messages}
    marked = {
        value
        for name, value in vars(strings).items()
        if name.isupper() and isinstance(value, str) and name not in ("CONTEXT",)
    }
    assert marked <= sources  # pyside6-lupdate was run after the last change
    for message in messages:
        translation = message.find("translation")
        assert translation is not None and translation.text, message.findtext("source")
        assert translation.get("type") is None, message.findtext("source")
    assert (folder / "confessional_de.qm").stat().st_mtime >= 0
    assert SlideStrings("de").translated and not SlideStrings("en").translated
    assert strings.DEFAULT_RULES == DEFAULT_HOUSE_RULES
    assert (strings.DEFAULT_TITLE, strings.DEFAULT_PROMPT, strings.DEFAULT_AGREE_LABEL) == (
        DEFAULT_TITLE,
        DEFAULT_PROMPT,
        DEFAULT_AGREE_LABEL,
    )


def test_the_default_words_are_said_in_the_screen_s_language(stage: SlideStage) -> None:
    """The product's default title, prompt and agreement label are German on a German
    screen, as on German phones; the facilitator's own words stay as written."""
    german = json.loads((ROOT / "participant_web/i18n/de.json").read_text(encoding="utf-8"))
    render(stage, msgspec.structs.replace(SAMPLES["join"], language="de"), (1024, 768))
    assert stage.join.title.text() == german["session.title_default"]
    assert stage.join.prompt.text() == german["form.prompt_default"]
    sample = msgspec.structs.replace(SAMPLES["confession-short"], language="de")
    render(stage, sample, (1920, 1080))
    assert stage.confession.count.text().startswith(f"{german['agree.default_label']} · ")
    own = msgspec.structs.replace(
        SAMPLES["join"], language="de", title="Fehlerkultur", prompt="Was lief schief?"
    )
    render(stage, own, (1024, 768))
    assert (stage.join.title.text(), stage.join.prompt.text()) == (
        "Fehlerkultur",
        "Was lief schief?",
    )
    render(stage, SAMPLES["join"], (1024, 768))
    assert stage.join.title.text() == DEFAULT_TITLE  # English: as stored


# The window follows the mirror


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[tuple[ProjectorWindow, SessionMirror]]:
    mirror = SessionMirror()
    projector = ProjectorWindow(mirror, motion=False)
    qtbot.addWidget(projector)
    projector.resize(1024, 768)
    projector.show()
    yield projector, mirror
    projector.allow_close()
    projector.close()


def announce(mirror: SessionMirror, new: ProjectorState) -> None:
    mirror.projector = new
    mirror.projector_changed.emit(new)


def test_the_window_follows_projector_changed(
    window: tuple[ProjectorWindow, SessionMirror],
) -> None:
    projector, mirror = window
    assert projector.is_idle() and projector.idle_title.text() == "Confessional"
    announce(mirror, SAMPLES["break"])
    assert projector.slide() is projector.stage.break_slide
    assert projector.stage.break_slide.title.text() == "Break"
    announce(mirror, SAMPLES["confession-short"])
    assert not projector.is_idle() and projector.count_label.text() == "Been there · 41"
    mirror.count_changed.emit(12, 42)
    assert projector.count_label.text() == "Been there · 42"
    mirror.count_changed.emit(13, 99)  # another confession's count
    assert projector.count_label.text() == "Been there · 42"
    announce(mirror, SAMPLES["content-note-after"])
    assert projector.count_label.text() == ""
    mirror.count_changed.emit(12, 43)  # never shown under a content note
    assert projector.count_label.text() == ""
    announce(mirror, SAMPLES["closing"])
    assert projector.slide() is projector.stage.closing
    palette = projector.palette().color(QPalette.ColorRole.Window).name()
    assert palette == "#0f1317"


def test_the_content_note_gives_way_after_five_seconds(
    qtbot: QtBot, window: tuple[ProjectorWindow, SessionMirror]
) -> None:
    projector, mirror = window
    almost = (parse(SHOWN_AT) + timedelta(seconds=4.7)).isoformat()
    announce(mirror, confession("Heavy.", content_note=True, now=almost))
    slide = projector.stage.confession
    assert slide.content_note_up() and not projector.confession_label.isVisible()
    qtbot.waitUntil(lambda: not slide.content_note_up(), timeout=2000)
    assert projector.confession_label.isVisible() and projector.count_label.text() == ""


def test_the_timer_ticks_by_the_hosts_clock(
    qtbot: QtBot, window: tuple[ProjectorWindow, SessionMirror]
) -> None:
    projector, mirror = window
    announce(mirror, confession("Timed.", timer=True))
    assert projector.timer_label.text() == "1:07"
    assert projector.stage.confession.ticking()
    qtbot.waitUntil(lambda: projector.timer_label.text() == "1:08", timeout=2500)
    announce(mirror, SAMPLES["break"])
    assert not projector.stage.confession.ticking()
    announce(mirror, confession("Untimed."))
    assert projector.timer_label.text() == "" and not projector.stage.confession.ticking()


def test_the_wifi_join_slide_in_the_light_theme(
    window: tuple[ProjectorWindow, SessionMirror],
) -> None:
    projector, mirror = window
    announce(mirror, msgspec.structs.replace(SAMPLES["join"], theme="light"))
    projector.set_wifi(RoomWifi("Riverside Hotel Guest", "summer;2026"))
    assert projector.shows_wifi() and projector.is_idle()
    assert projector.open_qr.url() == SAMPLES["join"].join_url
    assert projector.wifi_heading.text() == "Never waste a mistake"
    background = projector.slide().background().name()
    assert background == "#fbf8f2"
    assert (
        contrast(
            projector.wifi_name_label.palette().color(QPalette.ColorRole.WindowText).name(),
            background,
        )
        >= 7
    )
    announce(mirror, SAMPLES["break"])
    assert not projector.shows_wifi()
    announce(mirror, msgspec.structs.replace(SAMPLES["join"], status="ended"))
    assert not projector.shows_wifi()  # nobody joins an ended session
    projector.set_wifi(None)


# The cross-fade


def test_a_new_slide_fades_in_over_the_old(qtbot: QtBot) -> None:
    stage = SlideStage(motion=True)
    qtbot.addWidget(stage)
    stage.resize(640, 360)
    stage.show()
    qtbot.waitExposed(stage)
    stage.show_state(SAMPLES["join"])
    stage.show_state(SAMPLES["break"])
    assert stage.fading()
    qtbot.waitUntil(lambda: not stage.fading(), timeout=1000)
    stage.show_state(SAMPLES["break"])  # the same slide again: no fade
    assert not stage.fading()


def test_reduced_motion(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    assert reduced_motion()  # offscreen: tests render the final frame at once
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv(REDUCED_MOTION_ENV, "1")
    assert reduced_motion()
    stage = SlideStage()
    qtbot.addWidget(stage)
    stage.show()
    stage.show_state(SAMPLES["break"])
    assert not stage.fading()


# The organiser's logo


def screen_image(logo: PreparedLogo) -> QImage:
    image = QImage.fromData(logo.screen.data)
    assert not image.isNull()
    return image


def geometry_box(widget: QWidget) -> Box:
    geometry = widget.geometry()
    return Box(geometry.x(), geometry.y(), geometry.width(), geometry.height())


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("logo_name", ["dark-ink", "light-ink", "opaque"])
@pytest.mark.parametrize("name", LOGO_SLIDES)
def test_the_logo_keeps_clear_of_the_text_at_every_size(
    stage: SlideStage, name: str, logo_name: str, theme: str
) -> None:
    logo = logo_samples()[logo_name]
    sample = with_logo(msgspec.structs.replace(SAMPLES[name], theme=theme), logo)  # type: ignore[arg-type]
    plate = plate_colour(logo.ink, theme)
    for w, h in SIZES:
        slide = render(stage, sample, (w, h), screen_image(logo))
        where = (name, logo_name, theme, w, h)
        mark = slide.mark
        assert mark is not None, where
        outer, inner = mark.boxes.outer, mark.boxes.image
        area = layout.content(w, h)
        assert area.contains(outer) and outer.contains(inner), where
        assert (outer.right, outer.y) == pytest.approx((area.right, area.y)), where
        assert outer.w <= layout.LOGO_W * w + 1e-6 and outer.h <= layout.LOGO_H * h + 1e-6
        screen = Box(area.x - 1, area.y - 1, area.w + 2, area.h + 2)
        parts = [(part.name, part.box) for part in slide.fitted()]
        if slide is stage.join:
            parts.append(("qr", geometry_box(stage.join.qr)))
        for part_name, box in parts:
            assert screen.contains(box), (*where, part_name, box)
            assert not box.overlaps(outer), (*where, part_name, box, outer)
        for part in slide.fitted():
            assert part.fits, (*where, part.name)
            assert part.size[0] <= part.box.w + 0.5 and part.size[1] <= part.box.h + 0.5
        assert (mark.plate.name() if mark.plate else None) == plate, where
        picture = stage.grab().toImage()
        beside_image = picture.pixelColor(
            round(outer.x + layout.LOGO_PAD * h / 2), round(outer.y + outer.h / 2)
        )
        ground = plate or colours_hex(theme, "")[0]
        assert beside_image.name() == ground, where
        if slide is stage.closing:
            title = stage.closing.title.geometry()
            assert title.center().x() == pytest.approx(w / 2, abs=1.5), where
            assert title.right() < outer.x


@pytest.mark.parametrize("theme", THEMES)
def test_the_wifi_join_slide_shows_the_logo_clear_of_its_centred_title(
    stage: SlideStage, theme: str
) -> None:
    logo = logo_samples()["dark-ink"]
    long_title = "Never waste a mistake: the platform team's retrospective, autumn"
    sample = msgspec.structs.replace(SAMPLES["join"], theme=theme, title=long_title)
    stage.set_wifi(RoomWifi("Riverside Hotel Guest", "summer;2026"))
    try:
        for w, h in SIZES:
            slide = render(stage, with_logo(sample, logo), (w, h), screen_image(logo))  # type: ignore[arg-type]
            assert slide is stage.wifi_join, (w, h)
            mark = slide.mark
            assert mark is not None
            outer = mark.boxes.outer
            assert (outer.right, outer.y) == pytest.approx(
                (layout.content(w, h).right, layout.content(w, h).y)
            )
            heading = geometry_box(stage.wifi_join.heading)
            assert not heading.overlaps(outer), (w, h, heading, outer)
            assert heading.x + heading.w / 2 == pytest.approx(w / 2, abs=1.5), (w, h)
            assert stage.wifi_join.heading.text_fits()
            without = render(stage, sample, (w, h))
            assert without.mark is None
            assert geometry_box(stage.wifi_join.heading).w > heading.w  # room given back
    finally:
        stage.set_wifi(None)


def test_a_logo_is_drawn_only_on_the_join_and_closing_slides(stage: SlideStage) -> None:
    logo = logo_samples()["dark-ink"]
    image = screen_image(logo)
    for name in ("confession-short", "break", "black"):
        slide = render(stage, with_logo(SAMPLES[name], logo), (1920, 1080), image)
        assert slide.mark is None, name
    slide = render(stage, with_logo(SAMPLES["closing"], logo), (1920, 1080), image)
    assert slide.mark is not None


@pytest.mark.parametrize("name", LOGO_SLIDES)
def test_a_logo_on_its_way_keeps_its_room_and_shows_nothing_yet(
    stage: SlideStage, name: str
) -> None:
    """The state names a logo whose image has not come: the slide is laid out as it will
    be with it (nothing moves when it comes), and neither plate nor image is drawn."""
    logo = logo_samples()["dark-ink"]
    named = with_logo(SAMPLES[name], logo)
    for size in SIZES:
        with_image = render(stage, named, size, screen_image(logo))
        expected = [(p.name, p.box, p.pixel_size) for p in with_image.fitted()]
        assert with_image.mark is not None
        boxes = with_image.mark.boxes
        slide = render(stage, named, size)
        assert slide.mark is not None and slide.mark.image is None
        assert slide.mark.boxes == boxes
        assert [(p.name, p.box, p.pixel_size) for p in slide.fitted()] == expected, (name, size)
        outer = boxes.outer
        middle = (
            stage.grab()
            .toImage()
            .pixelColor(round(outer.x + outer.w / 2), round(outer.y + outer.h / 2))
        )
        assert middle.name() == colours_hex("dark", "")[0], (name, size)  # no plate yet
        # an image without a logo in the state is not drawn
        assert render(stage, SAMPLES[name], size, screen_image(logo)).mark is None


@pytest.mark.parametrize(("w", "h"), SIZES)
def test_the_logo_layout_maths(w: int, h: int) -> None:
    area, pad = layout.content(w, h), layout.LOGO_PAD * h
    room_w, room_h = layout.LOGO_W * w - 2 * pad, layout.LOGO_H * h - 2 * pad
    for image_w, image_h in ((1200, 300), (600, 600), (40, 10), (300, 1200)):
        mark = layout.logo(w, h, image_w, image_h)
        image, outer = mark.image, mark.outer
        assert image.w / image.h == pytest.approx(image_w / image_h)
        assert image.w <= room_w + 1e-6 and image.h <= room_h + 1e-6
        assert image.w == pytest.approx(room_w) or image.h == pytest.approx(room_h)  # fills it
        assert (outer.w, outer.h) == pytest.approx((image.w + 2 * pad, image.h + 2 * pad))
        assert (outer.right, outer.y) == pytest.approx((area.right, area.y))
        assert (image.right, image.y) == pytest.approx((outer.right - pad, outer.y + pad))
        room = outer.w + layout.LOGO_GAP * w
        header = layout.join_header(w, h, mark)
        assert header.title.w == pytest.approx(area.w - room)
        assert layout.join_prompt(w, h, 50.0, mark).w == pytest.approx(area.w - room)
        assert not header.title.overlaps(outer)
        top = layout.join_body_top(h, area.y + 10, mark)
        assert top == pytest.approx(max(area.y + 10, outer.bottom) + layout.HEADER_GAP * h)
        closing = layout.closing(w, h, mark)
        assert (closing.title.x, closing.title.right) == pytest.approx(
            (area.x + room, area.right - room)
        )
        first = max(closing.title.bottom, outer.bottom) + 0.04 * h
        assert closing.numbers[0].y == pytest.approx(first)
        assert closing.mistakes.bottom < closing.question.y
    # no logo: exactly as before
    assert layout.join_header(w, h, None) == layout.join_header(w, h)
    assert layout.join_body_top(h, 200.0) == 200.0 + layout.HEADER_GAP * h
    plain = layout.closing(w, h)
    assert plain.title == Box(area.x, area.y, area.w, layout.one_line(layout.THANK_YOU, h))
    assert plain.numbers[0].y == pytest.approx(plain.title.bottom + 0.04 * h)


def test_the_plate_goes_only_behind_ink_that_would_vanish() -> None:
    assert plate_colour("dark", "dark") == LIGHT.background == "#fbf8f2"
    assert plate_colour("light", "light") == DARK.background == "#0f1317"
    for ink, theme in (
        ("dark", "light"),
        ("light", "dark"),
        ("opaque", "dark"),
        ("opaque", "light"),
    ):
        assert plate_colour(ink, theme) is None


# The maths, without Qt


@pytest.mark.parametrize(("w", "h"), SIZES)
def test_the_layout_maths(w: int, h: int) -> None:
    area = layout.content(w, h)
    edges = (area.x, area.y, area.right, area.bottom)
    assert edges == pytest.approx((0.05 * h, 0.05 * h, w - 0.05 * h, 0.95 * h))
    body = layout.join_body(w, h, 0.22 * h)  # under a one-line title and prompt
    for box in (body.scan, body.qr, body.url, body.heading, body.rules):
        assert area.contains(box), box
    assert body.qr.w == body.qr.h == pytest.approx(min(0.55 * h, 0.42 * w))
    assert not body.qr.overlaps(body.rules) and not body.url.overlaps(body.rules)
    assert body.scan.bottom <= body.qr.y and body.heading.y == body.scan.y
    assert body.rules.y == body.qr.y
    boxes = layout.confession(w, h, with_corner=True)
    assert (boxes.text.y, boxes.text.bottom) == pytest.approx((0.05 * h, 0.80 * h))
    assert boxes.count.y == pytest.approx(0.84 * h) and boxes.count.bottom == pytest.approx(
        0.95 * h
    )
    corner = boxes.corner
    assert corner.qr.w == pytest.approx(0.11 * h) and area.contains(corner.qr)
    assert area.contains(corner.url) and corner.url.y >= corner.qr.bottom
    assert corner.qr.y > boxes.text.bottom and not corner.qr.overlaps(boxes.count)
    closing = layout.closing(w, h)
    assert all(area.contains(box) for box in (*closing.numbers, *closing.labels, closing.question))
    assert closing.mistakes.y > closing.heading.bottom
    assert closing.mistakes.bottom < closing.question.y
    stacked = layout.stacked(closing.mistakes, [50.4, 100.0, 80.0], 10.0)
    assert [b.h for b in stacked] == [51, 100, 80]
    assert all(b.y == int(b.y) for b in stacked)
    assert stacked[1].y >= stacked[0].bottom + 10
    squeezed = layout.stacked(Box(0, 0, 100, 100), [80.0, 80.0], 10.0)
    assert squeezed[1].bottom <= 100


def test_the_clocks() -> None:
    host = parse(NOW)
    assert elapsed(SHOWN_AT, host) == 67 and minutes_seconds(67) == "1:07"
    assert minutes_seconds(4500.9) == "75:00"
    assert elapsed(SHOWN_AT, parse(SHOWN_AT) - timedelta(seconds=3)) == 0  # never negative
    assert content_note_left(SHOWN_AT, parse(SHOWN_AT) + timedelta(seconds=2)) == 3
    assert content_note_left(SHOWN_AT, host) == 0 and content_note_left(None, host) == 0
    display = datetime(2026, 11, 30, 19, 45, tzinfo=UTC)  # the display's clock is 3 min fast
    assert display + clock_offset(NOW, display) == host
    assert short_url("http://192.168.1.23:8737/") == "192.168.1.23:8737"
    assert short_url("https://example.org/join/") == "example.org/join"


# Renders to look at


SHOTS = [
    ("join", 1920, 1080, "dark"),
    ("join-own-rules", 1024, 768, "light"),
    ("confession-short", 1920, 1080, "dark"),
    ("confession-long", 1024, 768, "dark"),
    ("confession-long-replies", 1920, 1080, "light"),
    ("confession-rtl", 1920, 1080, "dark"),
    ("confession-emoji", 1920, 1080, "dark"),
    ("content-note", 1920, 1080, "dark"),
    ("break", 1920, 1080, "light"),
    ("closing", 3840, 2160, "dark"),
    ("closing", 1024, 768, "light"),
    ("black", 1024, 768, "dark"),
]


# slide, logo, size, theme: saved as "<slide>-logo-<w>x<h>-<theme>.png"
LOGO_SHOTS = [
    ("join", "dark-ink", 1920, 1080, "dark"),
    ("join", "light-ink", 1024, 768, "light"),
    ("closing", "opaque", 3840, 2160, "dark"),
]


def shots_folder(tmp_path: Path) -> Path:
    kept = os.environ.get("CONFESSIONAL_UI_SHOTS")
    folder = Path(kept) / "slides" if kept else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_logo_renders(stage: SlideStage, tmp_path: Path) -> None:
    folder = shots_folder(tmp_path)
    for name, logo_name, w, h, theme in LOGO_SHOTS:
        logo = logo_samples()[logo_name]
        sample = with_logo(msgspec.structs.replace(SAMPLES[name], theme=theme), logo)  # type: ignore[arg-type]
        slide = render(stage, sample, (w, h), screen_image(logo))
        assert slide.mark is not None
        image = stage.grab().toImage()
        assert image.save(str(folder / f"{name}-logo-{w}x{h}-{theme}.png"))


def test_renders(stage: SlideStage, tmp_path: Path) -> None:
    folder = shots_folder(tmp_path)
    for name, w, h, theme in SHOTS:
        sample = msgspec.structs.replace(SAMPLES[name], theme=theme)  # type: ignore[arg-type]
        render(stage, sample, (w, h))
        image = stage.grab().toImage()
        assert (image.width(), image.height()) == (w, h)
        assert image.save(str(folder / f"{name}-{w}x{h}-{theme}.png"))
        corner = image.pixelColor(2, 2).name()
        expected = "#000000" if name == "black" else colours_hex(theme, "")[0]
        assert corner == expected, name


def test_right_to_left_text_starts_at_the_right(stage: SlideStage) -> None:
    slide = render(stage, SAMPLES["confession-rtl"], (1920, 1080))
    assert isinstance(slide, ConfessionSlide)
    first = slide.text._fit().blocks[0].layout
    assert first.textOption().textDirection() == Qt.LayoutDirection.RightToLeft
    long_text = " ".join([RIGHT_TO_LEFT] * 8)
    slide = render(stage, confession(long_text), (1920, 1080))
    assert isinstance(slide, ConfessionSlide)
    block = slide.text._fit().blocks[0]
    assert block.left_aligned and block.layout.lineCount() > 3
    ends = []
    for index in range(block.layout.lineCount()):
        line = block.layout.lineAt(index)
        ends.append(max(r.positions()[-1].x() for r in line.glyphRuns()) + line.x())
    assert max(ends) - min(ends) < 0.05 * block.width  # a straight right edge
    width, _ = slide.text.laid_out_size()
    assert width <= slide.text.width()
