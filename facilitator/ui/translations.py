"""The console's language: Qt's translation system, English and German.

Every word of the console and its dialogs goes through ``self.tr("…")`` (in a QObject
subclass), ``QT_TRANSLATE_NOOP("Context", "…")`` for a module's constant (translated
where it is shown) or :func:`translate` here (a module's function, and every plural:
``translate("ConsoleWindow", "%n phones connected now", None, n)``). ``make
translations`` collects them into ``resources/translations/confessional_de.ts`` (and the
English plural forms into ``confessional_en.ts``) and compiles the ``.qm`` files.

The UI language follows the system's locale (German → ``de``, anything else → ``en``),
or ``CONFESSIONAL_UI_LANGUAGE=de|en``. :func:`install_ui_translator` installs it app-wide
before the windows are built, with Qt's own ``qtbase_de.qm`` (standard buttons such as
Cancel) where Qt ships it. The projector's slides keep their own translator, chosen
by the session's language (``slides/strings.py``).

English plurals ("1 phone", "2 phones") come from ``confessional_en.qm``, which holds
only the numerus forms; :func:`translate` falls back on it when no translator of the
app has the text, so the English words are right even with nothing installed (tests,
a missing ``.qm``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from facilitator import paths

log = logging.getLogger(__name__)

LANGUAGES = ("en", "de")
ENV_VARIABLE = "CONFESSIONAL_UI_LANGUAGE"


class _Loaded:
    """The translator installed app-wide, and the English plural forms (loaded once)."""

    installed: QTranslator | None = None
    qt: QTranslator | None = None  # Qt's own words (standard buttons such as Cancel)
    english: QTranslator | None = None


def translations_dir() -> Path:
    """``resources/translations``, in a checkout, a wheel or a bundle."""
    return paths.resources_root() / "translations"


def qm_file(language: str) -> Path:
    return translations_dir() / f"confessional_{language}.qm"


def ui_language(environ: dict[str, str] | None = None, locale: QLocale | None = None) -> str:
    """The console's language: ``CONFESSIONAL_UI_LANGUAGE`` when it names one we ship,
    else German for a German system locale and English for any other."""
    chosen = (os.environ if environ is None else environ).get(ENV_VARIABLE, "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    if chosen:
        log.warning(
            "%s=%r is not one of %s: using the system's language", ENV_VARIABLE, chosen, LANGUAGES
        )
    system = QLocale.system() if locale is None else locale
    return "de" if system.language() == QLocale.Language.German else "en"


def load_translator(language: str) -> QTranslator | None:
    """Our translation into ``language`` (``confessional_<language>.qm``), or ``None``."""
    translator = QTranslator()
    qm = qm_file(language)
    if qm.is_file() and translator.load(str(qm)):
        return translator
    log.warning("No translation for %r at %s: English instead", language, qm)
    return None


def install_ui_translator(language: str) -> bool:
    """Install ``language``'s translator app-wide (replacing the one installed before);
    English installs its plural forms. Build the windows after this: their words are
    translated as they are made. Returns whether a translation was installed."""
    remove_ui_translator()
    translator = load_translator(language)
    if translator is None or not QCoreApplication.installTranslator(translator):
        return False
    _Loaded.installed = translator
    qt = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and qt.load(f"qtbase_{language}", qt_dir):  # not in a bundle
        QCoreApplication.installTranslator(qt)
        _Loaded.qt = qt
    log.info("Console language: %s", language)
    return True


def remove_ui_translator() -> None:
    for translator in (_Loaded.installed, _Loaded.qt):
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
    _Loaded.installed = _Loaded.qt = None


def _english_plurals() -> QTranslator | None:
    if _Loaded.english is None:
        _Loaded.english = load_translator("en")
    return _Loaded.english


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate``, with English plural forms when no translator of
    the app has ``source``."""
    text = QCoreApplication.translate(context, source, disambiguation, n)
    if n < 0 or text != source.replace("%n", str(n)):
        return text
    english = _english_plurals()
    found = english.translate(context, source, disambiguation, n) if english else ""
    return found.replace("%n", str(n)) if found else text


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for ``pyside6-lupdate`` in ``context`` and returns it unchanged
    (Qt's own is typed ``object``); translate it where it is shown."""
    return source
