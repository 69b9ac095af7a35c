"""The slides' words, in English and German (``docs/slides.md``, "Strings").

Each source text is marked with ``QT_TRANSLATE_NOOP("Slides", …)`` so that
``pyside6-lupdate`` collects it into ``resources/translations/confessional_de.ts``;
``pyside6-lrelease`` compiles that to ``confessional_de.qm``, which
:class:`SlideStrings` loads into its own :class:`QTranslator` when the screen's
language is German. The translator is the window's own, not installed app-wide: the
console keeps its language whatever the big screen speaks, and an English screen stays
English whatever the console speaks (the console's translator, installed app-wide by
``facilitator/ui/translations.py``, also holds the Slides context). Without a ``.qm``
the words are English.

Regenerate after changing a string (with the console's words, one ``.ts``)::

    make translations
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from facilitator.ui.translations import load_translator

CONTEXT = "Slides"

# The join slide
HOUSE_RULES = str(QT_TRANSLATE_NOOP("Slides", "House rules"))
SCAN = str(QT_TRANSLATE_NOOP("Slides", "Scan to join"))
UNSHOWN_LINE = str(
    QT_TRANSLATE_NOOP(
        "Slides",
        "Approved confessions there is no time to show go into the record too "
        "(never who sent them).",
    )
)
ORGANISERS_LINE = str(
    QT_TRANSLATE_NOOP(
        "Slides",
        "Confessions for the organisers only go into a section of the record of their own.",
    )
)
# The session's words when the facilitator kept the product's: facilitator/core/rules.py's
# DEFAULT_TITLE, DEFAULT_PROMPT and DEFAULT_AGREE_LABEL (a test checks), said in the
# screen's language.
DEFAULT_TITLE = str(QT_TRANSLATE_NOOP("Slides", "Never waste a mistake"))
DEFAULT_PROMPT = str(QT_TRANSLATE_NOOP("Slides", "What mistake taught you the most?"))
DEFAULT_AGREE_LABEL = str(QT_TRANSLATE_NOOP("Slides", "Been there"))
# The default house rules: facilitator/core/rules.py's DEFAULT_HOUSE_RULES (a test checks).
DEFAULT_RULES = str(
    QT_TRANSLATE_NOOP(
        "Slides",
        "Chatham House rule: share what you hear here, never who said it.\n"
        "Don't name colleagues, organisations, clients or service users.\n"
        "This is not a whistleblowing or safeguarding channel: for that, speak to the "
        "organisers, who will tell you where to go.\n"
        "Nobody is named: the organisers keep a record of what was shown, never who sent it, "
        "and unshown confessions are deleted when the session ends.",
    )
)
# The join slide with a Wi-Fi (two steps)
JOIN_WIFI = str(QT_TRANSLATE_NOOP("Slides", "1. Join the Wi-Fi"))
OPEN_LINK = str(QT_TRANSLATE_NOOP("Slides", "2. Open"))
PASSWORD = str(QT_TRANSLATE_NOOP("Slides", "Password: {password}"))
WIFI_QR = str(QT_TRANSLATE_NOOP("Slides", "QR code to join the Wi-Fi {ssid}"))
JOIN_QR = str(QT_TRANSLATE_NOOP("Slides", "QR code to join at {url}"))
# The confession
LESSON = str(QT_TRANSLATE_NOOP("Slides", "What I learned:"))
MORE = str(QT_TRANSLATE_NOOP("Slides", "+{n} more"))
HELPED = str(QT_TRANSLATE_NOOP("Slides", "{n} helped"))
CONTENT_NOTE = str(QT_TRANSLATE_NOOP("Slides", "Content note"))
CONTENT_NOTE_TEXT = str(
    QT_TRANSLATE_NOOP(
        "Slides",
        "The next confession touches on something heavy. Look after yourself: you may "
        "look away or step out.",
    )
)
# Break and closing
BREAK = str(QT_TRANSLATE_NOOP("Slides", "Break"))
BACK_SOON = str(QT_TRANSLATE_NOOP("Slides", "Back soon."))
THANK_YOU = str(QT_TRANSLATE_NOOP("Slides", "Thank you"))
RECEIVED = str(QT_TRANSLATE_NOOP("Slides", "received"))
SHOWN = str(QT_TRANSLATE_NOOP("Slides", "shown"))
SET_ASIDE = str(QT_TRANSLATE_NOOP("Slides", "set aside"))
REMOVED = str(QT_TRANSLATE_NOOP("Slides", "removed"))
MOST_SHARED = str(QT_TRANSLATE_NOOP("Slides", "Most shared"))
QUESTION = str(QT_TRANSLATE_NOOP("Slides", "What one lesson will you carry forward?"))


def screen_language(session_language: str) -> str:
    """The screen's language: the session's phone language when it is German, else
    English (``docs/slides.md``)."""
    return "de" if session_language == "de" else "en"


def isolate(text: str) -> str:
    """``text`` in a first-strong isolate (FSI … PDI): its own direction, whatever is
    around it."""
    return f"\u2068{text}\u2069"


class SlideStrings:
    """The words of one screen language: ``strings.tr(strings.BREAK)``."""

    def __init__(self, language: str = "en") -> None:
        self.language = language
        # Its own translator: the console's (installed app-wide) may be in another language.
        self._translator = load_translator(language) if language != "en" else None

    @property
    def translated(self) -> bool:
        """Whether a translation was loaded (false: English)."""
        return self._translator is not None

    def tr(self, source: str) -> str:
        if self._translator is not None:
            found = self._translator.translate(CONTEXT, source)
            if found:
                return found
        if self.language == "en":  # not the console's language (German, maybe)
            return source
        return QCoreApplication.translate(CONTEXT, source)

    # Composed (a participant's words go inside a directional isolate, so a right-to-left
    # lesson keeps its full stop beside it after the English label)

    def own(self, text: str, default: str) -> str:
        """The session's ``text`` (its title, prompt or agreement label), in this language
        when it is the product's ``default``; as the facilitator wrote it otherwise."""
        return self.tr(default) if text == default else text

    def count(self, agree_label: str, count: int) -> str:
        return f"{self.own(agree_label, DEFAULT_AGREE_LABEL)} · {count}"

    def lesson(self, learned: str) -> str:
        return f"{self.tr(LESSON)} {isolate(learned)}" if learned else ""

    def helped(self, count: int) -> str:
        return "· " + self.tr(HELPED).format(n=count)

    def more(self, hidden: int) -> str:
        return self.tr(MORE).format(n=hidden)

    def house_rules(self, rules: str | None, unshown_record: bool, organisers_record: bool) -> str:
        """The session's rules (``None``: the default template in this language), with a
        line for each record option set."""
        lines = [self.tr(DEFAULT_RULES) if rules is None else rules.strip()]
        if unshown_record:
            lines.append(self.tr(UNSHOWN_LINE))
        if organisers_record:
            lines.append(self.tr(ORGANISERS_LINE))
        return "\n".join(line for line in lines if line)
