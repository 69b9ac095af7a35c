// The projector page's words, in English and German (docs/slides.md, "Strings"): the
// Qt window has the same through tr(). The screen's language is German when the
// session's phone language is "de", else English. The German default house rules are
// the phone page's (i18n/de.json, "house_rules.default"), loaded when first needed.

// facilitator/core/rules.py DEFAULT_HOUSE_RULES (a test holds the two together).
const DEFAULT_RULES_EN =
  "Chatham House rule: share what you hear here, never who said it.\n"
  + "Don't name colleagues, organisations, clients or service users.\n"
  + "This is not a whistleblowing or safeguarding channel: for that, speak to the "
  + "organisers, who will tell you where to go.\n"
  + "Nobody is named: the organisers keep a record of what was shown, never who sent it, "
  + "and unshown confessions are deleted when the session ends.";

const TEXTS = {
  en: {
    // facilitator/core/rules.py DEFAULT_TITLE, DEFAULT_PROMPT, DEFAULT_AGREE_LABEL
    defaultTitle: "Never waste a mistake",
    defaultPrompt: "What mistake taught you the most?",
    defaultAgreeLabel: "Been there",
    houseRules: "House rules",
    scan: "Scan to join",
    lesson: "What I learned:",
    more: "+{n} more",
    helped: "{n} helped",
    contentNote: "Content note",
    contentNoteText:
      "The next confession touches on something heavy. Look after yourself: "
      + "you may look away or step out.",
    break: "Break",
    backSoon: "Back soon.",
    thankYou: "Thank you",
    received: "received",
    shown: "shown",
    setAside: "set aside",
    removed: "removed",
    mostShared: "Most shared",
    question: "What one lesson will you carry forward?",
    unshownLine:
      "Approved confessions there is no time to show go into the record too "
      + "(never who sent them).",
    organisersLine:
      "Confessions for the organisers only go into a section of the record of their own.",
    fullScreen: "Full screen",
    leaveFullScreen: "Leave full screen",
    reconnecting: "Reconnecting to the laptop…",
    defaultRules: DEFAULT_RULES_EN,
  },
  de: {
    // As the phones say them (i18n/de.json)
    defaultTitle: "Kein Fehler ist umsonst",
    defaultPrompt: "Welcher Fehler hat dich am meisten gelehrt?",
    defaultAgreeLabel: "Kenn ich",
    houseRules: "Hausregeln",
    scan: "Zum Mitmachen scannen",
    lesson: "Was ich gelernt habe:",
    more: "+{n} weitere",
    helped: "hat {n} geholfen",
    contentNote: "Inhaltshinweis",
    contentNoteText:
      "Das nächste Geständnis berührt etwas Schweres. Achte auf dich: "
      + "Du darfst wegschauen oder hinausgehen.",
    break: "Pause",
    backSoon: "Gleich geht es weiter.",
    thankYou: "Danke",
    received: "eingegangen",
    shown: "gezeigt",
    setAside: "geparkt", // as the console says it (Parken)
    removed: "entfernt",
    mostShared: "Am häufigsten geteilt",
    question: "Welche eine Lehre nimmst du mit?",
    // As the phones say it (i18n/de.json, house_rules.unshown_record and
    // house_rules.organisers_record).
    unshownLine:
      "Freigegebene Beiträge, für die keine Zeit mehr bleibt, kommen ebenfalls ins "
      + "Protokoll (nie, wer sie geschickt hat).",
    organisersLine: "Beiträge nur für das Orga-Team kommen in einen eigenen Abschnitt des Protokolls.",
    fullScreen: "Vollbild",
    leaveFullScreen: "Vollbild beenden",
    reconnecting: "Verbindung zum Laptop wird wiederhergestellt…",
    defaultRules: null, // from i18n/de.json; English until it has come
  },
};

const CATALOGUE_KEY = "house_rules.default";
const loadedRules = new Map(); // language -> default house rules from its catalogue
const loading = new Set();

/** The screen's language for a state's `language`: "de" or "en". */
export function screenLanguage(language) {
  return language === "de" ? "de" : "en";
}

/** The words of `language` ("en" or "de"), with {n} filled in by format(). */
export function texts(language) {
  const code = TEXTS[language] ? language : "en";
  return { ...TEXTS[code], code };
}

/**
 * The session's own words (`title`, `prompt`, `agree_label` of a state) in `words`'
 * language: the product's English defaults are said in that language, anything the
 * facilitator wrote as written.
 */
export function sessionWords(state, words) {
  const own = (value, key) => (value === TEXTS.en[key] ? words[key] : value || "");
  return {
    title: own(state.title, "defaultTitle"),
    prompt: own(state.prompt, "defaultPrompt"),
    agreeLabel: own(state.agree_label, "defaultAgreeLabel"),
  };
}

export function format(template, n) {
  return template.replace("{n}", String(n));
}

/**
 * The default house rules in `language`, or null while its catalogue loads (then
 * `onLoaded` is called once when it has come, or failed: English then).
 */
export function defaultRules(language, onLoaded) {
  const own = texts(language).defaultRules;
  if (own) return own;
  if (loadedRules.has(language)) return loadedRules.get(language);
  if (!loading.has(language)) {
    loading.add(language);
    fetch(`/static/i18n/${language}.json`)
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}))
      .then((catalogue) => {
        const rules = catalogue && typeof catalogue[CATALOGUE_KEY] === "string"
          ? catalogue[CATALOGUE_KEY]
          : DEFAULT_RULES_EN;
        loadedRules.set(language, rules);
        loading.delete(language);
        onLoaded();
      });
  }
  return null;
}
