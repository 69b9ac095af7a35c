"""The console in English and German (Qt's translation system): the German ``.ts`` is
complete and holds every string of ``facilitator/ui``, the compiled ``.qm`` files agree
with it, English plurals are right without any translator, and the console in German
shows German words, with plurals, and still fits 1024x768 (German is longer); the
projector keeps the session's language whatever the console speaks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QAbstractButton, QPushButton
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Project
from facilitator.ui import translations
from facilitator.ui.console import ConsoleWindow, phones_connected_text
from facilitator.ui.rehearsal_control import running_text
from facilitator.ui.slides import strings
from facilitator.ui.slides.strings import SlideStrings
from facilitator.ui.widgets import ElidedButton
from tests.ui.fits import assert_console_fits
from tests.ui.local_host import LocalHost
from tests.ui.test_screen_controls import fixed_clock, room
from tests.ui.test_screenshots import save, shots_dir

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "facilitator" / "ui"
TS_DIR = ROOT / "resources" / "translations"
GERMAN_TS = TS_DIR / "confessional_de.ts"
ENGLISH_TS = TS_DIR / "confessional_en.ts"

CHECK_BOX_INDICATOR = 24  # a check box's box and the space after it
type Key = tuple[str, str, str]  # context, source, disambiguation


def messages(ts: Path) -> dict[Key, ET.Element]:
    """Every message of ``ts`` by its context, source and disambiguation."""
    found: dict[Key, ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


def lupdate() -> Path:
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    if tool.exists():
        return tool
    found = shutil.which("pyside6-lupdate")
    if found is None:
        pytest.skip("pyside6-lupdate is not installed")
    return Path(found)


def sources() -> list[str]:
    """What ``make translations`` reads: the desktop app's start, and its windows."""
    return [str(UI.parent / "app.py"), *sorted(str(path) for path in UI.rglob("*.py"))]


# The files


@pytest.mark.parametrize("ts", [GERMAN_TS, ENGLISH_TS], ids=["de", "en"])
def test_every_entry_is_translated(ts: Path) -> None:
    assert messages(ts)
    for (context, source, _), message in messages(ts).items():
        translation = message.find("translation")
        assert translation is not None, source
        assert translation.get("type") is None, (
            f"{context}: {source!r} is {translation.get('type')}"
        )
        if message.get("numerus") == "yes":
            forms = [form.text or "" for form in translation.iter("numerusform")]
            assert len(forms) == 2 and all(forms), f"{context}: {source!r} {forms}"
            assert all("%n" in form for form in forms) == ("%n" in source), source
        else:
            assert translation.text, f"{context}: {source!r} has no translation"


def test_the_german_placeholders_match_the_english_ones() -> None:
    """``{name}`` placeholders are filled after translation: a translation keeps them all."""
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    for (context, source, _), message in messages(GERMAN_TS).items():
        translation = message.find("translation")
        assert translation is not None
        texts = [form.text or "" for form in translation.iter("numerusform")] or [
            translation.text or ""
        ]
        for text in texts:
            assert fields(text) == fields(source), f"{context}: {source!r} → {text!r}"


def test_the_ts_files_hold_every_string_of_the_ui_and_no_other(tmp_path: Path) -> None:
    """What ``make translations`` would collect now, against what the files hold."""
    fresh = tmp_path / "fresh.ts"
    fresh_plurals = tmp_path / "fresh_en.ts"
    for target, extra in ((fresh, []), (fresh_plurals, ["-pluralonly"])):
        subprocess.run(
            [str(lupdate()), "-no-obsolete", *extra, *sources(), "-ts", str(target)],
            check=True,
            capture_output=True,
            cwd=ROOT,
            timeout=120,
        )
    assert set(messages(fresh)) == set(messages(GERMAN_TS))
    assert set(messages(fresh_plurals)) == set(messages(ENGLISH_TS))
    numerus = {key for key, message in messages(fresh).items() if message.get("numerus")}
    assert numerus == set(messages(ENGLISH_TS))


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_qm_files_are_compiled_from_the_ts_files(language: str) -> None:
    translator = QTranslator()
    assert translator.load(str(translations.qm_file(language)))
    ts = GERMAN_TS if language == "de" else ENGLISH_TS
    for (context, source, comment), message in messages(ts).items():
        translation = message.find("translation")
        assert translation is not None
        if message.get("numerus") == "yes":
            forms = [form.text for form in translation.iter("numerusform")]
            assert translator.translate(context, source, comment or None, 1) == forms[0]
            assert translator.translate(context, source, comment or None, 2) == forms[1]
        else:
            assert translator.translate(context, source, comment or None) == translation.text


# Choosing the language


def test_the_ui_language_follows_the_locale_unless_told() -> None:
    german, french = QLocale(QLocale.Language.German), QLocale(QLocale.Language.French)
    assert translations.ui_language({}, german) == "de"
    assert (
        translations.ui_language({}, QLocale(QLocale.Language.German, QLocale.Country.Austria))
        == "de"
    )
    assert translations.ui_language({}, french) == "en"
    assert translations.ui_language({"CONFESSIONAL_UI_LANGUAGE": "en"}, german) == "en"
    assert translations.ui_language({"CONFESSIONAL_UI_LANGUAGE": "DE"}, french) == "de"
    assert translations.ui_language({"CONFESSIONAL_UI_LANGUAGE": "klingon"}, french) == "en"


def test_english_plurals_need_no_translator() -> None:
    assert phones_connected_text(1) == "1 phone connected now"
    assert phones_connected_text(2) == "2 phones connected now"
    assert running_text(1) == "Rehearsal: 1 simulated phone"
    assert running_text(30) == "Rehearsal: 30 simulated phones"


@pytest.fixture
def german(qapp: object) -> Iterator[None]:
    """The console's translator, German, as ``run_desktop`` installs it."""
    assert translations.install_ui_translator("de")
    yield
    translations.remove_ui_translator()


def test_plurals_in_german(german: None) -> None:
    assert phones_connected_text(1) == "1 Handy gerade verbunden"
    assert phones_connected_text(41) == "41 Handys gerade verbunden"
    assert running_text(1) == "Probe: 1 simuliertes Handy"


def test_qts_own_buttons_speak_german_where_qt_ships_it(german: None) -> None:
    if not (
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_de.qm"
    ).exists():
        pytest.skip("this Qt has no German translation of its own")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    translations.remove_ui_translator()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_projector_keeps_the_sessions_language_whatever_the_console_speaks(
    german: None,
) -> None:
    assert SlideStrings("en").tr(strings.SCAN) == "Scan to join"
    assert SlideStrings("de").tr(strings.SCAN) == "Zum Mitmachen scannen"
    translations.install_ui_translator("en")
    assert SlideStrings("de").tr(strings.SCAN) == "Zum Mitmachen scannen"


# The console in German


@pytest.fixture
def german_console(qtbot: QtBot, local: LocalHost, german: None) -> Iterator[ConsoleWindow]:
    window = ConsoleWindow(local.mirror, local)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.allow_close()
    window.close()


def test_the_console_speaks_german(
    qtbot: QtBot, german_console: ConsoleWindow, local: LocalHost
) -> None:
    console = german_console
    assert console.project_next_button.text() == "Nächstes zeigen  ▶"
    assert console.approve_button.text() == "Freigeben"
    assert console.set_aside_button.text() == "Parken"
    assert console.screen_controls.buttons["join"].text() == "Einstieg"
    assert console.screen_controls.buttons["break"].toolTip().endswith("(P)")
    local.feed.set_phones_connected(1)
    qtbot.waitUntil(lambda: console.phones_label.text() == "1 Handy gerade verbunden")
    local.feed.set_phones_connected(41)
    qtbot.waitUntil(lambda: console.phones_label.text() == "41 Handys gerade verbunden")


def test_nothing_runs_out_of_its_space_at_1024x768_in_german(
    qtbot: QtBot, german_console: ConsoleWindow, service: SessionService, local: LocalHost
) -> None:
    """As ``test_screen_controls``'s check in English: German words are longer, the
    lane buttons and texts give way (cut with "…") rather than widen the window."""
    console = german_console
    ids = room(qtbot, console, service)
    service.execute(Project(ids[0]))
    local.feed.set_phones_connected(41)
    console.resize(1024, 768)
    console.incoming_list.select_id(ids[-1])
    qtbot.wait(200)
    assert (console.width(), console.height()) == (1024, 768)
    assert console.approve_button.text() == "Freigeben"

    assert_console_fits(console)
    # Every other button's words fit it (none is cut at both ends).
    cut = [
        f"{plain.text()} ({plain.fontMetrics().horizontalAdvance(plain.text())}/{plain.width()})"
        for plain in console.findChildren(QAbstractButton)
        if plain.isVisibleTo(console)
        and not isinstance(plain, ElidedButton)
        and plain.fontMetrics().horizontalAdvance(plain.text())
        > plain.width() - (8 if isinstance(plain, QPushButton) else CHECK_BOX_INDICATOR)
    ]
    assert cut == []
    # The lanes' headers: the name and the count, whole.
    for header, _ in console._headers.values():
        if header.isVisibleTo(console):
            advance = header.fontMetrics().horizontalAdvance(header.text())
            assert advance <= header.contentsRect().width(), header.text()


def test_console_in_german_screenshot(
    qtbot: QtBot,
    german_console: ConsoleWindow,
    service: SessionService,
    local: LocalHost,
    tmp_path: Path,
) -> None:
    console = german_console
    ids = room(qtbot, console, service)
    local.feed.set_phones_connected(41)
    projector = translations.translate("ProjectorPlacement", "Projector: full screen on {name}")
    console.set_projector_status(projector.format(name="HDMI-1"))
    service.execute(Project(ids[0]))
    console.shown_list.select_id(ids[0])
    fixed_clock(qtbot, console, local, minutes=38, shown_for=134)
    image = save(qtbot, console, shots_dir(tmp_path) / "console-de-1280x800.png")
    assert (image.width(), image.height()) == (1280, 800)
    assert console.phones_label.text() == "41 Handys gerade verbunden"
    console.resize(1024, 768)
    save(qtbot, console, shots_dir(tmp_path) / "console-de-1024x768.png")
