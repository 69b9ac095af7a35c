// The message catalog: every visible string comes from /static/i18n/<lang>.json.
// English (en.json) is always loaded and is the fallback for any missing key;
// its "_languages" entry lists the other catalogs that exist, so a phone asks
// only for a catalog that is really there.

const BASE = "/static/i18n/";
const RTL = new Set(["ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"]);
let english = {};
let chosen = {};
let lang = "en";
let plurals = null;

async function fetchCatalog(code) {
  try {
    const response = await fetch(`${BASE}${code}.json`);
    if (!response.ok) return {};
    const data = await response.json();
    return data && typeof data === "object" ? data : {};
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

/** Load English, then the phone's own language if a catalog exists for it. */
export async function load() {
  english = await fetchCatalog("en");
  const available = Array.isArray(english._languages) ? english._languages : ["en"];
  lang = "en";
  chosen = english;
  for (const tag of preferredLanguages()) {
    const match = available.find((code) => code === tag)
      || available.find((code) => code === tag.split("-")[0]);
    if (match) {
      lang = match;
      break;
    }
  }
  if (lang !== "en") {
    chosen = await fetchCatalog(lang);
  }
  try {
    plurals = new Intl.PluralRules(lang);
  } catch {
    plurals = null;
  }
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? "rtl" : "ltr";
  return lang;
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
export function has(key) {
  return lookup(key) !== undefined;
}

/** A count-dependent text: looks up `key.one`, `key.other`, … (Intl plural rules). */
export function tn(key, count, vars) {
  const all = { count: formatNumber(count), ...(vars || {}) };
  const rule = plurals ? plurals.select(count) : (count === 1 ? "one" : "other");
  if (has(`${key}.${rule}`)) return t(`${key}.${rule}`, all);
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
 * The HTML keeps English text as a default, so a missing key changes nothing.
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
