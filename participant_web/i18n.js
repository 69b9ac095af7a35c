// The message catalogs: every visible string comes from /static/i18n/<lang>.json.
// English (en.json) is always loaded and is the fallback for any missing key. Its
// "_languages" entry lists the catalogs that exist, each with its name in its own
// language ({"de": "Deutsch", …}; a plain list of codes works too): a language is one
// file in i18n/ plus one line there, and a phone asks only for a catalog that is there.
//
// Two ways to load:
//   load()                      English only: the moderator page, which stays English.
//   load({ choose: true, … })   the phone page: the facilitator's fixed language, else
//                               the one chosen on this phone (remembered), else the
//                               browser's; use(code) switches later without a reload.

const BASE = "/static/i18n/";
const RTL = new Set(["ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"]);
const CHOICE_KEY = "confessional.language"; // this phone's own choice, per origin
const PLURAL_FORMS = ["zero", "one", "two", "few", "many", "other"];

let english = {};
let chosen = {};
let lang = "en";
let plurals = null;
const loaded = new Map(); // code -> catalog, so switching back is instant

async function fetchCatalog(code) {
  if (loaded.has(code)) return loaded.get(code);
  try {
    const response = await fetch(`${BASE}${code}.json`);
    if (!response.ok) return {};
    const data = await response.json();
    const catalog = data && typeof data === "object" ? data : {};
    loaded.set(code, catalog);
    return catalog;
  } catch {
    return {};
  }
}

function preferredLanguages() {
  const list = navigator.languages && navigator.languages.length
    ? navigator.languages
    : [navigator.language || "en"];
  return list.map((tag) => String(tag).toLowerCase());
}

/** The catalogs that exist: [{ code, name }], name in the language itself. */
export function languages() {
  const listed = english._languages;
  if (Array.isArray(listed)) {
    return listed.filter((code) => typeof code === "string").map((code) => ({ code, name: code }));
  }
  if (listed && typeof listed === "object") {
    return Object.keys(listed).map((code) => ({
      code,
      name: typeof listed[code] === "string" ? listed[code] : code,
    }));
  }
  return [{ code: "en", name: "English" }];
}

/** The catalog for a language tag ("de-AT" → "de"), or "" when none exists. */
export function match(tag) {
  if (typeof tag !== "string" || !tag) return "";
  const wanted = tag.toLowerCase();
  const codes = languages().map((entry) => entry.code);
  return codes.find((code) => code.toLowerCase() === wanted)
    || codes.find((code) => code.toLowerCase() === wanted.split("-")[0])
    || "";
}

function browserChoice() {
  for (const tag of preferredLanguages()) {
    const code = match(tag);
    if (code) return code;
  }
  return "en";
}

/** This phone's own choice (from the switcher), or "" for the browser's. */
export function storedChoice() {
  try {
    return match(window.localStorage.getItem(CHOICE_KEY) || "");
  } catch {
    return "";
  }
}

/** Remember (or, with "", forget) this phone's choice. */
export function remember(code) {
  try {
    if (code) window.localStorage.setItem(CHOICE_KEY, code);
    else window.localStorage.removeItem(CHOICE_KEY);
  } catch {
    // private mode: the choice lasts as long as the page
  }
}

/** The language to show: the facilitator's fixed one, this phone's choice, the browser's. */
export function pick(fixed = "") {
  return match(fixed) || storedChoice() || browserChoice();
}

let switches = 0;

/**
 * Switch to `code` (a catalog that exists, else English); resolves to the language in
 * use afterwards. When a later call overtakes this one (its catalog came first), the
 * later one wins.
 */
export async function use(code) {
  const next = match(code) || "en";
  const ticket = ++switches;
  const catalog = next === "en" ? english : await fetchCatalog(next);
  if (ticket !== switches) return lang;
  lang = next;
  chosen = catalog;
  try {
    plurals = new Intl.PluralRules(lang);
  } catch {
    plurals = null;
  }
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? "rtl" : "ltr";
  return lang;
}

/** Load English; with `choose`, then the phone's language (see pick). */
export async function load({ choose = false, fixed = "" } = {}) {
  english = await fetchCatalog("en");
  return use(choose ? pick(fixed) : "en");
}

function lookup(key) {
  if (typeof chosen[key] === "string") return chosen[key];
  if (typeof english[key] === "string") return english[key];
  return undefined;
}

function fill(text, vars) {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole);
}

/** The translated text for `key`, with `{name}` placeholders filled from `vars`. */
export function t(key, vars, fallback) {
  const text = lookup(key);
  if (text === undefined) return fill(fallback !== undefined ? fallback : key, vars);
  return fill(text, vars);
}

/** Whether the catalog (or English) has this key. */
/**
 * The session's own words (`value`: its title, prompt or agreement label), or this
 * language's when they are empty or the product's English default (`key`'s text in
 * en.json): a German phone reads the default title in German, and the words a
 * facilitator wrote as written.
 */
export function sessionWords(value, key) {
  const own = typeof value === "string" ? value : "";
  return !own || own === english[key] ? t(key) : own;
}

export function has(key) {
  return lookup(key) !== undefined;
}

/**
 * A count-dependent text: `key.zero`, `key.one`, `key.two`, `key.few`, `key.many` or
 * `key.other`, as the language's plural rules (Intl.PluralRules) select; a catalog gives
 * every form its language has. A form missing from the chosen catalog falls back to its
 * `other` before English, so a count never speaks two languages.
 */
export function tn(key, count, vars) {
  const all = { count: formatNumber(count), ...(vars || {}) };
  const rule = plurals ? plurals.select(count) : (count === 1 ? "one" : "other");
  const form = PLURAL_FORMS.includes(rule) ? rule : "other";
  if (typeof chosen[`${key}.${form}`] === "string") return fill(chosen[`${key}.${form}`], all);
  if (typeof chosen[`${key}.other`] === "string") return fill(chosen[`${key}.other`], all);
  if (has(`${key}.${form}`)) return t(`${key}.${form}`, all);
  return t(`${key}.other`, all);
}

export function formatNumber(value) {
  try {
    return new Intl.NumberFormat(lang).format(value);
  } catch {
    return String(value);
  }
}

/** Translate an error code from the server (or the page) into a sentence. */
export function errorText(code) {
  if (code && has(`error.${code}`)) return t(`error.${code}`);
  return t("error.unknown");
}

/**
 * Replace the static texts of the page with the catalog's.
 * data-i18n="key" sets textContent; data-i18n-attr="attr:key,attr:key" sets attributes.
 * An element whose key no catalog has keeps what it holds.
 */
export function apply(root = document) {
  for (const element of root.querySelectorAll("[data-i18n]")) {
    const key = element.getAttribute("data-i18n");
    if (has(key)) element.textContent = t(key);
  }
  for (const element of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of element.getAttribute("data-i18n-attr").split(",")) {
      const [attr, key] = pair.split(":").map((part) => part.trim());
      if (attr && key && has(key)) element.setAttribute(attr, t(key));
    }
  }
}

export function language() {
  return lang;
}

/** Whether `code` is written right to left. */
export function isRtl(code = lang) {
  return RTL.has(code);
}
