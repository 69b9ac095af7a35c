// The big screen's slides (docs/slides.md), built from a ProjectorState as plain DOM:
// every text is set with textContent (never markup), every size a fraction of the
// screen's height h. Each builder returns a scene: { element, fit(), setCount(n),
// tick(hostNow) }; fit() runs once the element is in the page (it measures).

import { THEMES } from "./projector_colours.js";
import {
  elideToLines, fitLines, fitWidth, heightOf, largestFitting, lineCount, overflows,
} from "./projector_fit.js";
import { defaultRules, format, sessionWords } from "./projector_texts.js";

export const CONTENT_NOTE_MS = 5000;

// Fractions of the screen's height (docs/slides.md).
const TITLE = [0.045, 0.07];
const PROMPT = [0.03, 0.045];
const QR_HEIGHT = 0.55;
const QR_WIDTH = 0.42; // of the width
const SHORT_URL_MAX = 0.06;
const SHORT_URL_MIN = 0.015;
const RULES = [0.02, 0.032];
const CONFESSION = [0.032, 0.09];
const LESSON_SHARE = 0.7;
const LESSON_MAX = 0.045;
const REPLY_SHARE = 0.6;
const REPLY = [0.019, 0.034];
const COUNT = [0.035, 0.06];
const SHORT_LINES = 2; // a confession of at most this many lines is centred
const REPLIES_ROOM = 1 / 3; // of the confession's box kept for what helped, when it fits
const MARGIN = 0.05; // the content box: the screen less this on every side
const THANK_YOU = 0.08;
const COUNTS_GAP = 0.04; // under "Thank you" (projector.css)
const MISTAKE_LINES = 2; // a most shared mistake and its count, at most
// The organiser's logo, top right of the content box on the join and closing slides (the
// same numbers as the Qt window's): its box at most 0.22 w × 0.12 h, the image inset
// 0.012 h in it, a plate behind it with corners of 0.01 h, 0.03 w clear of the titles.
const LOGO_WIDTH = 0.22; // of the width
const LOGO_HEIGHT = 0.12;
const LOGO_INSET = 0.012;
const LOGO_RADIUS = 0.01;
const LOGO_GAP = 0.03; // of the width

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) {
    element.textContent = text;
    element.dataset.text = "";
  }
  return element;
}

/** Text in its own direction (an Arabic lesson after an English label). */
function isolated(className, text) {
  const element = el("bdi", className, text);
  element.dir = "auto";
  return element;
}

/** `join_url` as people type it: no "http://", no trailing "/". */
export function shortUrl(joinUrl) {
  return String(joinUrl || "").replace(/^https?:\/\//i, "").replace(/\/$/, "");
}

export function qrSource(joinUrl) {
  return `join-qr.svg?v=${encodeURIComponent(joinUrl || "")}`;
}

function qrImage(joinUrl, className) {
  const image = el("img", `qr ${className}`);
  image.alt = "";
  image.decoding = "async";
  image.src = qrSource(joinUrl);
  return image;
}

/** The small join code and the short URL under it, bottom right (confession, break). */
function cornerCode(state) {
  const corner = el("div", "corner");
  corner.dataset.testid = "corner-qr";
  corner.append(qrImage(state.join_url, "qr-corner"), el("p", "corner-url", shortUrl(state.join_url)));
  return corner;
}

/** m:ss since `shownAt` (host clock). */
export function elapsed(shownAt, hostNow) {
  const started = Date.parse(shownAt || "");
  if (Number.isNaN(started)) return "0:00";
  const seconds = Math.max(0, Math.floor((hostNow - started) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** Whether the confession's content note is still showing instead of it. */
export function inContentNote(state, hostNow) {
  const projection = state.projection;
  if (!projection || !projection.content_note) return false;
  const shown = Date.parse(state.shown_at || "");
  return !Number.isNaN(shown) && hostNow - shown < CONTENT_NOTE_MS;
}

/** The slide a state shows now: join, confession, note, black, break or closing. */
export function slideOf(state, hostNow) {
  if (state.slide === "confession") {
    if (!state.projection) return "join";
    return inContentNote(state, hostNow) ? "note" : "confession";
  }
  return ["join", "black", "break", "closing"].includes(state.slide) ? state.slide : "join";
}

/** Scenes with the same key replace each other without a cross-fade. */
export function sceneKey(state, hostNow) {
  const slide = slideOf(state, hostNow);
  if (slide === "confession" || slide === "note") {
    return `${slide}:${state.projection.confession_id}`;
  }
  return slide;
}

/**
 * The logo's box on a screen of h × w pixels, from the state's `logo` ({ version, width,
 * height, ink }) and theme: { src, width, height (the image's), inset, outerWidth,
 * outerHeight, radius, plate (a colour, or null) }, or null without a logo. Sizes come
 * from the state alone, never from the image (it may not have loaded).
 */
export function logoLayout(logo, themeName, h, w) {
  if (!logo || typeof logo.version !== "string" || !logo.version) return null;
  if (!(logo.width > 0) || !(logo.height > 0)) return null;
  const inset = LOGO_INSET * h;
  const scale = Math.min((LOGO_WIDTH * w - 2 * inset) / logo.width,
    (LOGO_HEIGHT * h - 2 * inset) / logo.height);
  if (!(scale > 0)) return null;
  const width = logo.width * scale;
  const height = logo.height * scale;
  const theme = themeName === "light" ? "light" : "dark";
  // Dark ink would vanish on the dark theme, light ink on the light one: each gets a
  // plate of the other theme's background. An opaque logo brings its own.
  let plate = null;
  if (logo.ink === "dark" && theme === "dark") plate = THEMES.light.background;
  else if (logo.ink === "light" && theme === "light") plate = THEMES.dark.background;
  return {
    src: `/api/logo/${encodeURIComponent(logo.version)}/screen`,
    width,
    height,
    inset,
    outerWidth: width + 2 * inset,
    outerHeight: height + 2 * inset,
    radius: LOGO_RADIUS * h,
    plate,
  };
}

/** The logo's box, at the content box's top right (an absolutely placed element). */
function logoBox(layout, h) {
  const box = el("div", "logo");
  box.dataset.testid = "logo";
  box.dataset.plate = String(Boolean(layout.plate));
  Object.assign(box.style, {
    top: `${MARGIN * h}px`,
    right: `${MARGIN * h}px`,
    width: `${layout.outerWidth}px`,
    height: `${layout.outerHeight}px`,
    padding: `${layout.inset}px`,
    borderRadius: `${layout.radius}px`,
    background: layout.plate || "transparent",
  });
  const image = el("img", "logo-image");
  image.alt = ""; // decorative: the title says whose session it is
  image.decoding = "async";
  image.width = Math.round(layout.width);
  image.height = Math.round(layout.height);
  image.style.width = `${layout.width}px`;
  image.style.height = `${layout.height}px`;
  image.src = layout.src;
  box.append(image);
  return box;
}

/** How far the titles keep from the screen's right edge beside the logo (0 without one). */
function besideLogo(layout, w) {
  return layout ? layout.outerWidth + LOGO_GAP * w : 0;
}

const noop = () => {};

function scene(element, parts = {}) {
  return { element, fit: noop, setCount: noop, tick: noop, ...parts };
}

// ---------------------------------------------------------------- join

function join(state, words, h, w, rerender) {
  const element = el("section", "scene-join");
  const head = el("header", "join-head");
  const own = sessionWords(state, words);
  const title = el("h1", "join-title", own.title);
  title.dir = "auto";
  const prompt = el("p", "join-prompt", own.prompt);
  prompt.dir = "auto";
  prompt.hidden = !own.prompt;
  head.append(title, prompt);

  const code = el("div", "join-code");
  const image = qrImage(state.join_url, "qr-join");
  const url = el("p", "short-url", shortUrl(state.join_url));
  url.dataset.testid = "short-url";
  code.append(el("p", "heading", words.scan), image, url);

  const rulesColumn = el("div", "join-rules");
  const rules = el("div", "rules");
  rules.dataset.testid = "house-rules";
  const text = state.house_rules ?? defaultRules(words.code, rerender) ?? "";
  const lines = text.split("\n").filter((line) => line.trim());
  if (state.unshown_record) lines.push(words.unshownLine);
  if (state.organisers_record) lines.push(words.organisersLine);
  for (const line of lines) {
    const paragraph = el("p", "rule", line);
    paragraph.dir = "auto";
    rules.append(paragraph);
  }
  rulesColumn.append(el("h2", "heading", words.houseRules), rules);
  const body = el("div", "join-body");
  body.append(code, rulesColumn);
  element.append(head, body);
  const logo = logoLayout(state.logo, state.theme, h, w);
  if (logo) {
    // The title and the question keep clear of the logo; the code and the rules start
    // below whichever ends lower.
    head.style.width = `${w - 2 * MARGIN * h - besideLogo(logo, w)}px`;
    head.style.minHeight = `${logo.outerHeight}px`;
    element.append(logoBox(logo, h));
  }

  function fit() {
    fitLines(title, TITLE[0] * h, TITLE[1] * h, 2);
    if (!prompt.hidden) fitLines(prompt, PROMPT[0] * h, PROMPT[1] * h, 3);
    // The code: as big as the slide allows, beside the rules, over its short URL.
    const urlRoom = SHORT_URL_MAX * h * 1.25;
    const headingRoom = heightOf(code.firstChild) + 0.02 * h;
    const side = Math.max(
      0.15 * h,
      Math.min(QR_HEIGHT * h, QR_WIDTH * w, body.clientHeight - urlRoom - headingRoom),
    );
    code.style.width = `${side}px`;
    image.style.width = image.style.height = `${side}px`;
    fitWidth(url, SHORT_URL_MIN * h, SHORT_URL_MAX * h, side);
    largestFitting(RULES[0] * h, RULES[1] * h, (size) => {
      rules.style.fontSize = `${size}px`;
      return !overflows(rules);
    });
  }
  return scene(element, { fit });
}

// ---------------------------------------------------------------- confession

function countText(state, words, count) {
  return `${sessionWords(state, words).agreeLabel} · ${count}`;
}

function confession(state, words, h, w, hostNow) {
  const projection = state.projection;
  const element = el("section", "scene-confession");
  const box = el("div", "confession-box");
  const block = el("div", "confession-block");
  const text = el("p", "confession-text", projection.text);
  text.dir = "auto";
  text.dataset.testid = "confession-text";
  block.append(text);

  let lesson = null;
  if (projection.learned) {
    lesson = el("p", "confession-lesson");
    lesson.dataset.testid = "confession-lesson";
    lesson.dataset.text = "";
    lesson.append(el("span", "lesson-label", words.lesson), " ", isolated("lesson-text", projection.learned));
    block.append(lesson);
  }

  const replies = projection.replies || [];
  let helped = null;
  let more = null;
  const items = [];
  if (replies.length) {
    helped = el("ul", "helped");
    helped.dataset.testid = "helped";
    for (const reply of replies) {
      const item = el("li", "helped-item");
      item.dataset.text = "";
      item.append("– ", isolated("helped-text", reply.text), ` · ${format(words.helped, reply.count)}`);
      items.push(item);
      helped.append(item);
    }
    more = el("li", "helped-more", "");
    more.dataset.testid = "helped-more";
    helped.append(more);
    block.append(helped);
  }
  box.append(block);

  const footer = el("footer", "confession-footer");
  const count = el("p", "count", countText(state, words, projection.count));
  count.dataset.testid = "count";
  count.hidden = Boolean(projection.content_note);
  const timer = el("p", "timer", elapsed(state.shown_at, hostNow));
  timer.dataset.testid = "timer";
  timer.hidden = !state.timer;
  footer.append(count, timer);
  element.append(box, footer);
  if (state.corner_qr) {
    element.append(cornerCode(state));
    element.classList.add("with-corner");
  }

  function setSizes(size) {
    text.style.fontSize = `${size}px`;
    if (lesson) lesson.style.fontSize = `${Math.min(LESSON_SHARE * size, LESSON_MAX * h)}px`;
    if (helped) {
      const reply = Math.min(REPLY[1] * h, Math.max(REPLY[0] * h, REPLY_SHARE * size));
      helped.style.fontSize = `${reply}px`;
    }
  }

  function showReplies(shown) {
    items.forEach((item, index) => {
      item.hidden = index >= shown;
    });
    if (more) {
      more.hidden = shown >= items.length;
      more.textContent = format(words.more, items.length - shown);
    }
  }

  const fitsIn = (room) => heightOf(block) <= room + 0.5 && block.scrollWidth <= box.clientWidth + 0.5;

  function fit() {
    const room = box.clientHeight;
    const [min, max] = [CONFESSION[0] * h, CONFESSION[1] * h];
    // The confession and its lesson first (with the "+N more" line), leaving a third of
    // the box to what helped when they can; then as many replies as fit, in order.
    showReplies(0);
    const first = items.length ? room * (1 - REPLIES_ROOM) : room;
    const measure = (limit) => (size) => {
      setSizes(size);
      return fitsIn(limit);
    };
    let size = largestFitting(min, max, measure(first));
    if (!fitsIn(first)) size = largestFitting(min, max, measure(room));
    setSizes(size);
    for (let shown = items.length; shown >= 0; shown -= 1) {
      showReplies(shown);
      if (fitsIn(room)) break;
    }
    if (!fitsIn(room) && more) more.hidden = true;
    element.classList.toggle("is-short", lineCount(text) <= SHORT_LINES);
    // The lesson and what helped stay in the screen's language (their labels are), but
    // line up with a right-to-left confession.
    element.classList.toggle("is-rtl", getComputedStyle(text).direction === "rtl");
    fitCount();
  }

  function fitCount() {
    if (count.hidden) return;
    const room = footer.clientWidth - (timer.hidden ? 0 : timer.getBoundingClientRect().width + 0.03 * h);
    fitWidth(count, COUNT[0] * h, COUNT[1] * h, room);
  }

  return scene(element, {
    fit,
    setCount(value) {
      if (projection.content_note) return;
      count.textContent = countText(state, words, value);
      fitCount();
    },
    tick(now) {
      if (!timer.hidden) timer.textContent = elapsed(state.shown_at, now);
    },
  });
}

function note(words) {
  const element = el("section", "scene-note");
  const block = el("div", "note-block");
  const heading = el("h1", "note-heading", words.contentNote);
  heading.dataset.testid = "content-note";
  block.append(heading, el("p", "note-text", words.contentNoteText));
  element.append(block);
  return scene(element);
}

// ---------------------------------------------------------------- black, break, closing

function black() {
  return scene(el("section", "scene-black"));
}

function pause(state, words) {
  const element = el("section", "scene-break");
  const block = el("div", "break-block");
  const heading = el("h1", "break-heading", words.break);
  heading.dataset.testid = "break";
  block.append(heading, el("p", "break-text", words.backSoon));
  element.append(block, cornerCode(state));
  return scene(element);
}

function closing(state, words, h, w) {
  const summary = state.closing || { received: 0, shown: 0, set_aside: 0, removed: 0, most_shared: [] };
  const element = el("section", "scene-closing");
  const counts = el("div", "closing-counts");
  counts.dataset.testid = "closing-counts";
  for (const [key, label] of [
    ["received", words.received],
    ["shown", words.shown],
    ["set_aside", words.setAside],
    ["removed", words.removed],
  ]) {
    const cell = el("div", "closing-count");
    cell.dataset.testid = `closing-${key}`;
    cell.append(el("span", "closing-number", String(summary[key])), el("span", "closing-label", label));
    counts.append(cell);
  }
  const title = el("h1", "closing-title", words.thankYou);
  element.append(title, counts);
  const logo = logoLayout(state.logo, state.theme, h, w);
  if (logo) {
    // "Thank you" keeps clear of the logo on both sides and is centred between (as in the
    // Qt window); what follows starts below whichever ends lower.
    const clear = `${besideLogo(logo, w)}px`;
    title.style.marginLeft = clear;
    title.style.marginRight = clear;
    element.append(logoBox(logo, h));
  }
  const shared = summary.most_shared.slice(0, 3);
  const mistakes = [];
  if (shared.length) {
    const section = el("div", "most-shared");
    const list = el("ol", "shared-list");
    for (const mistake of shared) {
      // The mistake and its count after it in the accent, at most two lines together:
      // the mistake is cut short, never the count (as in the Qt window).
      const item = el("li", "shared-item");
      item.dataset.text = "";
      item.dataset.elide = String(MISTAKE_LINES);
      const mistakeText = isolated("shared-text", mistake.text);
      item.append(mistakeText, " ", el("span", "shared-count", countText(state, words, mistake.count)));
      list.append(item);
      mistakes.push([item, mistakeText, mistake.text]);
    }
    section.append(el("h2", "heading", words.mostShared), list);
    element.append(section);
  }
  element.append(el("p", "closing-question", words.question));
  function fit() {
    for (const [item, mistakeText, text] of mistakes) {
      elideToLines(item, mistakeText, text, MISTAKE_LINES);
    }
    if (!logo) return;
    // Narrower, "Thank you" in a long language gets smaller rather than a second line.
    fitLines(title, (THANK_YOU / 2) * h, THANK_YOU * h, 1);
    const below = Math.max(0, logo.outerHeight - heightOf(title));
    counts.style.marginTop = `${COUNTS_GAP * h + below}px`;
  }
  return scene(element, { fit });
}

/**
 * The scene for `state` at `hostNow` in `words`' language, for a screen of h × w
 * pixels; `rerender` is called when something it waited for (a catalogue) has come.
 */
export function buildScene(state, words, h, w, hostNow, rerender) {
  const slide = slideOf(state, hostNow);
  let built;
  if (slide === "confession") built = confession(state, words, h, w, hostNow);
  else if (slide === "note") built = note(words);
  else if (slide === "black") built = black();
  else if (slide === "break") built = pause(state, words);
  else if (slide === "closing") built = closing(state, words, h, w);
  else built = join(state, words, h, w, rerender);
  built.key = sceneKey(state, hostNow);
  built.element.classList.add("scene");
  built.element.dataset.slide = slide;
  return built;
}
