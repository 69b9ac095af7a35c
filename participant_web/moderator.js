// The moderator page, served at /moderator/<secret>/. It reads the secret from
// its own address and speaks to /moderator/<secret>/api/… and …/ws.
// Confession texts are rendered with textContent only.
//
// The page keeps a model of the session (docs/protocol.md, "Moderators"): the
// socket sends one moderator.snapshot, then numbered changes that the page applies
// in order. A change whose seq is not the next one means something was missed: the
// page asks for a new snapshot (moderator.resync) and ignores changes until it
// comes. A snapshot may also come at any time (the word lists changed): it replaces
// everything. The page draws from the model, at most once per animation frame.
// Commands go over POST …/api/commands; their effect arrives over the stream.
//
// One confession is selected at a time (click it, or Up/Down in a lane); the editor
// (moderator_editor.js) shows it. The keys are the console's and act on the
// selection, never on whatever button happens to have the focus: after an action the
// focus goes to the lane, not to the next card's buttons, so a second Enter or Space
// cannot approve a confession nobody has read.
//
// Queue control and picking many (moderator_queue.js), like groups and merging
// (moderator_links.js, moderator_merge.js), the session choices (moderator_choices.js),
// the session's set-up (moderator_setup.js) and the big screen's slides, clocks and
// content notes (moderator_screen.js) live in modules of their own. A lane
// draws its first cards and more as it scrolls, and a change redraws only the cards it
// changed, so the page stays quick with thousands of confessions
// (tests/e2e/test_moderator_scale.py).

import * as i18n from "./i18n.js";
import { call, envelope, backoff } from "./api.js";
import { Editor, excerpt } from "./moderator_editor.js";
import {
  ORDINARY_ROOM, renderRoom, roomFrom, setApartElement, setApartOf, updateSetApart,
} from "./moderator_room.js";
import { dismissAddress, renderAddress } from "./moderator_address.js";
import { say, has as hasEnglish } from "./moderator_texts.js";
import { Links } from "./moderator_links.js";
import { createQueue, dragHandle, pickBox, PICKABLE } from "./moderator_queue.js";
import { alikeButton, createMerge, mergedTag } from "./moderator_merge.js";
import { createChoices } from "./moderator_choices.js";
import { createSetup } from "./moderator_setup.js";
import { createWindows } from "./moderator_window.js";
import { createScreen, SLIDE_KEYS } from "./moderator_screen.js";

const { t, tn } = i18n;
const $ = (id) => document.getElementById(id);

const match = window.location.pathname.match(/^\/moderator\/([^/]+)/);
const BASE = match ? `/moderator/${match[1]}/` : null;

const RESYNC_TIMEOUT_MS = 5000; // no snapshot after asking for one: reconnect
const CATCH_UP_TIMEOUT_MS = 3000; // the stream did not show a command's effect: stop waiting

const GROUPS = ["incoming", "set_aside", "organisers", "approved", "on_screen", "shown"];
const lists = {
  incoming: $("list-incoming"),
  set_aside: $("list-set-aside"),
  organisers: $("list-organisers"),
  approved: $("list-approved"),
  on_screen: $("list-on-screen"),
  shown: $("list-shown"),
};
const empties = {
  incoming: $("empty-incoming"),
  set_aside: $("empty-set-aside"),
  organisers: $("empty-organisers"),
  approved: $("empty-approved"),
  on_screen: $("empty-on-screen"),
  shown: $("empty-shown"),
};
const counts = {
  incoming: $("n-incoming"),
  set_aside: $("n-set-aside"),
  organisers: $("n-organisers"),
  approved: $("n-approved"),
  shown: $("n-shown"),
};
const headings = {
  incoming: $("h-incoming"),
  set_aside: $("h-set-aside"),
  organisers: $("h-organisers"),
  approved: $("h-approved"),
  on_screen: $("h-on-screen"),
  shown: $("h-shown"),
};
const sections = Object.fromEntries(GROUPS.map((name) => [name, lists[name].closest("section")]));

const ui = {
  title: $("mod-title"),
  status: $("mod-status"),
  phones: $("mod-phones"),
  awake: $("mod-awake"),
  connection: $("mod-connection"),
  actions: $("bar-actions"),
  projectNext: $("project-next"),
  queueSize: $("queue-size"),
  undo: $("undo"),
  undoLabel: $("undo-label"),
  end: $("end-session"),
  subbar: $("subbar"),
  storeBanner: $("store-banner"),
  storeDetail: $("store-detail"),
  room: {
    banner: $("room-banner"),
    text: $("room-text"),
    count: $("count-shared"),
    setApart: $("set-apart-shared"),
    waiting: $("waiting-incoming"),
  },
  address: { banner: $("address-banner"), text: $("address-text"), dismiss: $("address-dismiss") },
  forbidden: $("forbidden-banner"),
  endedPanel: $("ended-panel"),
  endedHeading: $("ended-heading"),
  paths: $("transcript-paths"),
  toast: $("toast"),
  dialog: $("confirm-end"),
  editorCol: $("editor-col"),
  editor: $("editor"),
  wordListsOpen: $("word-lists-open"),
  wordLists: $("word-lists"),
  localNames: $("local-names"),
  watchWords: $("watch-words"),
  wordListsError: $("word-lists-error"),
  wordListsSave: $("word-lists-save"),
};

const narrow = window.matchMedia("(max-width: 959px)");
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

// ---------------------------------------------------------------- the model

const model = {
  loaded: false, // a snapshot has been applied
  session: {},
  currentId: null,
  items: new Map(), // id -> item, as the host sent it (agreement and set-apart counts kept current)
  phones: 0,
  storeHealthy: true,
  storeDetail: "",
  join: null,
  transcriptPaths: [],
  undo: null, // { step_id, action, item_id } or null
  wordLists: { local_names: [], watch_words: [] },
  room: ORDINARY_ROOM, // phones on a shared address, confessions waiting (moderator_room.js)
  projector: null, // the big screen's state (docs/protocol.md, "The projector page")
  // host.changed
  host: {
    keeping_awake: false, awake_detail: "", rehearsal_phones: 0, rehearsal_detail: "",
    phone_page_seen: false, address_changes: 0, address_changed_from: "",
  },
};

const isId = (value) => Number.isSafeInteger(value) && value > 0;
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const strings = (value) => (Array.isArray(value) ? value.map(String) : []);
const undoOffer = (value) => (isObject(value) && Number.isSafeInteger(value.step_id)
  && typeof value.action === "string" ? value : null);

const links = new Links(); // which items are alike, which were merged into which

function putItem(item) {
  if (!isObject(item) || !isId(item.id)) return;
  model.items.set(item.id, item);
  links.put(item);
}

function applySnapshot(payload) {
  const session = isObject(payload.session) ? payload.session : {};
  if (model.loaded && session.session_id !== model.session.session_id) selected = null;
  model.loaded = true;
  model.session = session;
  model.currentId = isId(payload.current_item_id) ? payload.current_item_id : null;
  model.items = new Map();
  links.reset([]);
  for (const item of Array.isArray(payload.items) ? payload.items : []) putItem(item);
  model.phones = Number.isSafeInteger(payload.phones_connected) ? payload.phones_connected : 0;
  model.storeHealthy = payload.store_healthy !== false;
  model.storeDetail = typeof payload.store_detail === "string" ? payload.store_detail : "";
  model.join = isObject(payload.join) ? payload.join : null;
  model.transcriptPaths = strings(payload.transcript_paths);
  model.undo = undoOffer(payload.undo);
  const lists_ = isObject(payload.word_lists) ? payload.word_lists : {};
  model.wordLists = {
    local_names: strings(lists_.local_names),
    watch_words: strings(lists_.watch_words),
  };
  model.room = roomFrom(payload.room);
  if (isObject(payload.host)) model.host = payload.host;
  model.projector = isObject(payload.projector) ? payload.projector : null;
  screen.projector(model.projector);
}

/** How each change alters the model (payloads as in docs/protocol.md, besides seq). */
const CHANGES = {
  "item.added": (p) => putItem(p.item),
  "item.changed": (p) => putItem(p.item),
  "item.removed": (p) => {
    model.items.delete(p.item_id);
    links.drop(p.item_id);
  },
  "projection.changed": (p) => {
    model.currentId = isId(p.item_id) ? p.item_id : null;
  },
  "count.changed": (p) => {
    const item = model.items.get(p.item_id);
    if (item && Number.isSafeInteger(p.count)) item.agreement_count = p.count;
    if (item && Number.isSafeInteger(p.set_apart)) item.set_apart_count = p.set_apart;
  },
  "session.changed": (p) => {
    if (isObject(p.session)) model.session = p.session;
  },
  "session.ended": (p) => {
    if (isObject(p.session)) model.session = p.session;
    model.transcriptPaths = strings(p.transcript_paths);
  },
  "store.changed": (p) => {
    model.storeHealthy = p.healthy !== false;
    model.storeDetail = typeof p.detail === "string" ? p.detail : "";
  },
  "phones.changed": (p) => {
    if (Number.isSafeInteger(p.connected)) model.phones = p.connected;
  },
  "join.changed": (p) => {
    if (isObject(p.join)) model.join = p.join;
  },
  "undo.changed": (p) => {
    model.undo = undoOffer(p.undo);
  },
  "room.changed": (p) => {
    model.room = roomFrom(p.room);
  },
  "host.changed": (p) => {
    if (isObject(p.host)) model.host = p.host;
  },
  "projector.changed": (p) => {
    if (!isObject(p.state)) return;
    model.projector = p.state;
    screen.projector(p.state);
  },
};

// ---------------------------------------------------------------- selection

let selected = null; // the selected confession's id
const laneCursor = {}; // lane -> the place of the card last selected in it

function selectedItem() {
  return selected === null ? null : model.items.get(selected) || null;
}

/** Select a confession and show it in the editor now. */
function select(id) {
  selected = isId(id) ? id : null;
  renderNow();
}

/** The lane an element is in (a card, its list, its heading), or null. */
function laneOf(element) {
  const section = element && element.closest ? element.closest("section.group") : null;
  return section ? GROUPS.find((name) => sections[name] === section) || null : null;
}

/** The focus goes to the lane: its list, or its heading when the list is empty. */
function focusLane(group) {
  if (!group) return;
  const target = lists[group].children.length ? lists[group] : headings[group];
  if (document.activeElement !== target) target.focus({ preventScroll: true });
}

/** The lane Up and Down move in: the focused one, else the selection's. */
function keyLane() {
  const focused = laneOf(document.activeElement);
  if (focused) return focused;
  const entry = selected === null ? null : cards.get(String(selected));
  return entry ? entry.group : "incoming";
}

function moveSelection(delta) {
  const group = keyLane();
  const list = lists[group];
  const items = [...list.children];
  if (!items.length) return;
  const current = items.findIndex((li) => li.dataset.id === String(selected));
  if (delta > 0 && current === items.length - 1 && windows.more(group)) {
    renderNow(); // walking past the last card drawn draws more
    moveSelection(delta);
    return;
  }
  let index;
  if (current >= 0) {
    index = current + delta;
  } else if (Number.isInteger(laneCursor[group])) {
    // The selected one left this lane: Down takes the one that took its place.
    index = delta > 0 ? laneCursor[group] : laneCursor[group] - 1;
  } else {
    index = delta > 0 ? 0 : items.length - 1;
  }
  index = Math.max(0, Math.min(items.length - 1, index));
  select(Number(items[index].dataset.id));
  focusLane(group);
  items[index].scrollIntoView({ block: "nearest" });
}

// ---------------------------------------------------------------- rendering

const cards = new Map(); // id (string) -> { li, signature, group }
// Cards the search or a lane's window took out of sight, kept to show again at once.
const spare = new Map();
const SPARE = 1000;
let wasEnded = false;
let queueHead = null; // the first of the whole queue (the search may hide it)
let frame = 0;
let lastLanes = Object.fromEntries(GROUPS.map((name) => [name, []])); // every lane, in order
let lastShown = lastLanes; // what the search shows of each lane
const windows = createWindows(lists, (name) => lastShown[name].length, scheduleRender);

/** Draw the model at the next animation frame; any number of changes, one drawing. */
function scheduleRender() {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    render();
  });
}

/** Draw now if a drawing is due: what the page shows is what the next click acts on. */
function flushRender() {
  if (!frame) return;
  cancelAnimationFrame(frame);
  frame = 0;
  render();
}

/** Draw now, whether or not a drawing is due (the selection changed). */
function renderNow() {
  if (frame) cancelAnimationFrame(frame);
  frame = 0;
  render();
}

/** The confessions shown and in the record, the one on the screen now included (as the
 * console, the end question and the closing slide count them). */
function shownInRecord() {
  let count = 0;
  for (const item of model.items.values()) if (isShownConfession(item)) count += 1;
  return count;
}

const isShownConfession = (item) => item.state === "shown"
  && (item.kind === undefined || item.kind === "confession");

function groupOf(item, currentId) {
  if (item.id === currentId) return "on_screen";
  switch (item.state) {
    case "approved": return "approved";
    case "shown": return "shown";
    // Taken out of the record, but listed until the session ends so that it can be put back.
    case "removed": return "shown";
    case "set_aside": return "set_aside";
    case "for_organisers": return "organisers";
    case "merged": return null; // it lives on in the one it was merged into
    default: return "incoming";
  }
}

const last = Number.MAX_SAFE_INTEGER;
const place = (value) => (Number.isFinite(value) ? value : last);
const byId = (a, b) => a.id - b.id;
const byLength = (a, b) => searchable(a).length - searchable(b).length || a.id - b.id;
const byQueue = (a, b) => place(a.queue_position) - place(b.queue_position) || a.id - b.id;
const byShown = (a, b) => place(a.shown_order) - place(b.shown_order) || a.id - b.id;
const ORDER = {
  incoming: byId, set_aside: byId, organisers: byId, approved: byQueue, on_screen: byId,
  shown: byShown,
};

// ---------------------------------------------------------------- search and sort

const searchField = $("lane-search");
const orderChoice = $("incoming-order");
let searchWords = []; // folded words each shown card must hold (none: no filter)
let searchTimer = 0;
const folded = new Map(); // id -> { text, learned, folded, length }

/** Text for matching: accents dropped, case folded (as the console does). */
function fold(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** An item's folded text and lesson, and its length in characters (cached). */
function searchable(item) {
  const text = typeof item.text === "string" ? item.text : "";
  const learned = typeof item.learned === "string" ? item.learned : "";
  let entry = folded.get(item.id);
  if (!entry || entry.text !== text || entry.learned !== learned) {
    entry = { text, learned, folded: fold(`${text}\n${learned}`), length: [...text].length };
    folded.set(item.id, entry);
  }
  return entry;
}

/** Fold every item's text while the page is idle, so that the first search is quick too. */
function warmSearch() {
  if (typeof requestIdleCallback !== "function") return;
  const pending = [...model.items.values()];
  const step = (deadline) => {
    while (pending.length && deadline.timeRemaining() > 1) searchable(pending.pop());
    if (pending.length) requestIdleCallback(step);
  };
  requestIdleCallback(step);
}

const matchesSearch = (item) => searchWords.every((word) => searchable(item).folded.includes(word));

function applySearch() {
  clearTimeout(searchTimer);
  searchTimer = 0;
  const words = [...new Set(fold(searchField.value).split(/\s+/).filter(Boolean))];
  if (words.join(" ") === searchWords.join(" ")) return;
  searchWords = words;
  windows.reset();
  renderNow();
}

searchField.addEventListener("input", () => {
  clearTimeout(searchTimer);
  if (!searchField.value.trim()) applySearch(); // clearing shows everything at once
  else searchTimer = setTimeout(applySearch, 150);
});
searchField.addEventListener("keydown", (event) => {
  if (event.isComposing) return;
  if (event.key === "Enter") {
    event.preventDefault();
    applySearch(); // at once, without waiting for the typing to pause
    return;
  }
  if (event.key !== "Escape") return;
  event.preventDefault();
  searchField.value = "";
  applySearch();
});
orderChoice.addEventListener("change", () => {
  ORDER.incoming = orderChoice.value === "length" ? byLength : byId;
  renderNow();
});

/** The items of each lane, in the lane's order. */
function lanes() {
  const buckets = Object.fromEntries(GROUPS.map((name) => [name, []]));
  for (const item of model.items.values()) {
    // Other kinds hang under a confession (docs/protocol.md); this page lists confessions,
    // and replies until they are approved (then they are shown under their confession).
    if (item.kind !== undefined && item.kind !== "confession" && !pendingReply(item)) continue;
    const group = groupOf(item, model.currentId);
    if (group) buckets[group].push(item);
  }
  for (const name of GROUPS) buckets[name].sort(ORDER[name]);
  return buckets;
}

/** A reply ("what helped") still to be moderated: listed in its lane with a note. */
function pendingReply(item) {
  return item.kind === "reply" && (item.state === "incoming" || item.state === "set_aside");
}

function actionsFor(group, item, ended) {
  if (ended) return [];
  switch (group) {
    case "incoming": return [["approve", "btn-primary"], ["set_aside", ""]];
    case "approved": return [["project", "btn-primary"], ["set_aside", ""]];
    case "set_aside": return [["restore", ""], ["approve", ""]];
    case "shown":
      return item.state === "removed" ? [["put_back", ""]] : [["project_again", ""], ["remove", ""]];
    case "on_screen": return [["blank", ""], ["remove", ""]];
    default: return [];
  }
}

function actionLabel(action) {
  return hasEnglish(`mod.action.${action}`) ? say(`mod.action.${action}`)
    : t(`mod.action.${action}`, undefined, action);
}

const ICONS = { move_to_top: "⤒", move_up: "↑", move_down: "↓" };

function actionButton(action, style, id, describedBy) {
  const label = actionLabel(action);
  const button = textElement("button", `btn btn-small ${style}`.trim(), ICONS[action] || label);
  button.type = "button";
  if (ICONS[action]) {
    button.setAttribute("aria-label", label);
    button.title = label;
  }
  button.dataset.action = action;
  button.dataset.testid = `${action}-${id}`;
  button.setAttribute("aria-describedby", describedBy);
  if (i18n.has(`mod.action_title.${action}`) || hasEnglish(`mod.action_title.${action}`)) {
    button.title = say(`mod.action_title.${action}`);
  }
  return button;
}

function textElement(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

function buildCard(li, c, group, ended, agreeLabel, place, related) {
  li.replaceChildren();
  if (group === "approved" && !ended) li.append(dragHandle(c.id));
  const removed = c.state === "removed";
  li.className = `item item-${group}${removed ? " item-removed" : ""}`;
  li.dataset.id = String(c.id);
  li.dataset.state = c.state;
  li.dataset.testid = `confession-${c.id}`;

  const text = typeof c.text === "string" ? c.text : "";
  const learned = typeof c.learned === "string" ? c.learned : "";
  const originalText = typeof c.original_text === "string" ? c.original_text : text;
  const originalLearned = typeof c.original_learned === "string" ? c.original_learned : learned;
  const edited = originalText !== text || originalLearned !== learned;

  const body = textElement("p", "item-text", text);
  body.id = `text-${c.id}`;
  li.append(body);
  if (learned) {
    const p = document.createElement("p");
    p.className = "item-learned";
    p.append(textElement("span", "label", `${t("mod.learned")} `), document.createTextNode(learned));
    li.append(p);
  }
  if (edited) {
    const box = document.createElement("div");
    box.className = "item-original";
    box.append(textElement("p", "label", t("mod.original")));
    if (originalText !== text) box.append(textElement("p", "original-text", originalText));
    if (originalLearned !== learned) {
      const p = document.createElement("p");
      p.className = "original-text";
      p.append(textElement("span", "label", `${t("mod.learned")} `),
        document.createTextNode(originalLearned));
      box.append(p);
    }
    li.append(box);
  }

  const meta = document.createElement("p");
  meta.className = "item-meta";
  if (PICKABLE.includes(group) && !ended) meta.append(pickBox(c.id, queue.isPicked(c.id)));
  meta.append(textElement("span", "item-id", `#${c.id}`));
  if (c.kind === "reply" && Number.isSafeInteger(c.parent_id)) {
    meta.append(textElement("span", "tag tag-reply", say("mod.reply_to", { id: c.parent_id })));
  }
  if (group === "organisers") {
    meta.append(textElement("span", "tag tag-organisers", say("mod.state.for_organisers")));
  }
  if (removed) {
    meta.append(textElement("span", "tag tag-removed",
      t("mod.removed")));
  }
  if (c.flagged) {
    const flag = textElement("span", "tag tag-flag", t("mod.flagged"));
    flag.title = t("mod.flagged_title");
    meta.append(flag);
  }
  if (c.content_note === true) {
    const note = textElement("span", "tag tag-note", say("mod.note.tag"));
    note.title = say("mod.note.tag_title");
    note.dataset.testid = `content-note-tag-${c.id}`;
    meta.append(note);
  }
  if (edited) meta.append(textElement("span", "tag", t("mod.edited")));
  const draft = textElement("span", "tag tag-draft", t("mod.draft"));
  draft.hidden = true;
  meta.append(draft);
  if (group === "approved") {
    meta.append(textElement("span", "item-place", t("mod.queue_position", { position: place + 1 })));
  }
  const merged = mergedTag(related.mergedFrom);
  if (merged) meta.append(merged);
  if ((group === "shown" || group === "on_screen") && typeof c.shown_order === "number") {
    meta.append(textElement("span", "", t("mod.shown_order", { order: c.shown_order })));
  }
  if (group === "shown" && !removed) {
    meta.append(textElement("span", "item-count", tn("mod.count", c.agreement_count || 0)),
      setApartElement("item-set-apart", setApartOf(c)));
  }
  const alike = group === "organisers" || removed || ended ? null
    : alikeButton(c.id, related.alike);
  if (alike) {
    alike.setAttribute("aria-describedby", `text-${c.id}`);
    meta.append(alike);
  }
  li.append(meta);

  if (group === "on_screen") {
    const live = document.createElement("p");
    live.className = "live-count";
    live.append(
      textElement("span", "live-number", i18n.formatNumber(c.agreement_count || 0)),
      textElement("span", "live-label", agreeLabel),
      setApartElement("live-set-apart", setApartOf(c)),
    );
    if (c.content_note === true) {
      live.classList.add("live-count-noted");
      live.append(textElement("span", "live-hidden", say("mod.note.live")));
    }
    live.dataset.testid = "on-screen-count";
    li.append(live);
  }

  const actions = actionsFor(group, c, ended);
  if (actions.length) {
    const row = document.createElement("div");
    row.className = "item-actions";
    for (const [action, style] of actions) {
      const button = actionButton(action, style, c.id, body.id);
      row.append(button);
    }
    if (group === "approved") {
      // Reordering the queue: the handle drags, these buttons step (Alt+↑ ↓, Alt+Home).
      const tools = document.createElement("span");
      tools.className = "queue-tools";
      for (const action of ["move_to_top", "move_up", "move_down"]) {
        tools.append(actionButton(action, "btn-icon btn-quiet", c.id, body.id));
      }
      row.append(tools);
    }
    li.append(row);
  }
}

/** What a card shows of its counts: the public one, and the agreements set apart. */
const countsOf = (c) => `${c.agreement_count || 0}+${setApartOf(c)}`;

function updateCount(li, c) {
  const count = c.agreement_count || 0;
  const live = li.querySelector(".live-number");
  if (live) live.textContent = i18n.formatNumber(count);
  const meta = li.querySelector(".item-count");
  if (meta) meta.textContent = tn("mod.count", count);
  const setApart = li.querySelector(".set-apart");
  if (setApart) updateSetApart(setApart, setApartOf(c));
}

function undoText(offer) {
  if (!offer) return t("mod.undo.none");
  const key = `mod.undo.action.${offer.action}`;
  const action = hasEnglish(key) ? say(key) : t(key, undefined, String(offer.action));
  const many = Array.isArray(offer.item_ids) ? offer.item_ids.length : 0;
  if (offer.action === "approve_many" || offer.action === "set_aside_many"
    || (offer.action === "merge" && many > 2)) {
    // "Undo approve (12)": a bulk step names how many it takes back.
    return say("mod.undo.many", { action, count: i18n.formatNumber(many) });
  }
  const item = isId(offer.item_id) ? model.items.get(offer.item_id) : null;
  if (!item) return t("mod.undo.plain", { action });
  return t("mod.undo.item", { action, excerpt: excerpt(item.text) });
}

/** Whether the host keeps the laptop awake, in the console's words (hidden: nothing to say). */
function renderAwake(element, host) {
  const keeping = host.keeping_awake === true;
  const detail = typeof host.awake_detail === "string" ? host.awake_detail : "";
  element.hidden = !keeping && !detail;
  element.dataset.warning = String(!keeping && detail !== "");
  element.title = keeping ? detail : "";
  element.textContent = keeping ? t("mod.awake.keeping")
    : detail ? t("mod.awake.may_sleep", { detail }) : "";
}

let measured = 0;

/** Draw, and note how long it took (performance.measure "moderator.render"). */
function render() {
  const started = performance.now();
  drawModel();
  try {
    performance.measure("moderator.render", { start: started, end: performance.now() });
    measured += 1;
    if (measured % 1000 === 0) performance.clearMeasures("moderator.render");
  } catch {
    // A browser without User Timing level 3: nothing is measured.
  }
}

function drawModel() {
  if (!model.loaded) return;
  const session = model.session;
  const ended = session.status === "ended";
  const currentId = model.currentId;
  const agreeLabel = session.agree_label || t("agree.default_label");

  document.body.classList.remove("is-loading");
  ui.title.textContent = session.title || t("app.name");
  document.title = `${session.title || t("app.name")} · ${t("mod.page_title")}`;
  ui.status.dataset.status = ended ? "ended" : "open";
  ui.status.textContent = t(ended ? "mod.status.ended" : "mod.status.open");
  // Phones of the room connected now (the console's number); after the end there are
  // none to speak of: no "0 phones connected" under "Ended".
  ui.phones.textContent = ended ? "" : tn("mod.phones", model.phones);
  ui.phones.hidden = ended;
  renderAwake(ui.awake, model.host);
  ui.storeBanner.hidden = model.storeHealthy;
  ui.storeDetail.textContent = model.storeHealthy ? "" : model.storeDetail;
  ui.storeDetail.hidden = model.storeHealthy || !model.storeDetail;
  renderRoom(ui.room, model.room, { agreeLabel, ended });
  renderAddress(ui.address, model.host, model.join);

  // Where the focus was: if the drawing takes its element away (a card that moved or
  // was rebuilt), the focus goes to that lane, never to another card's button.
  const focusedLane = laneOf(document.activeElement);
  const chosen = selected === null ? null : model.items.get(selected);
  if (!chosen || chosen.state === "merged") selected = null; // gone, or merged away
  if (ended) selected = null;

  const seen = new Set();
  const all = lanes();
  lastLanes = all;
  queueHead = all.approved.length ? all.approved[0].id : null;
  // The search narrows the working lanes; what is on screen stays in sight.
  const items = searchWords.length
    ? Object.fromEntries(GROUPS.map((name) => [name,
      name === "on_screen" ? all[name] : all[name].filter(matchesSearch)]))
    : all;
  lastShown = items;
  if (selected !== null && searchWords.length && !GROUPS.some(
    (name) => items[name].some((c) => c.id === selected))) {
    selected = null; // the selected one no longer matches
  }
  const buckets = Object.fromEntries(GROUPS.map((name) => [name, []]));
  for (const name of GROUPS) {
    const drawn = windows.drawn(name, items[name]);
    drawn.forEach((c, position) => {
      const key = String(c.id);
      seen.add(key);
      const related = {
        alike: name === "organisers" ? 0 : links.alike(c, model.items).length,
        mergedFrom: links.mergedInto(c.id, model.items),
      };
      // The count and the place in the queue are not part of the signature: a new count
      // changes one number in place, so a card whose button has the focus is not rebuilt
      // sixty times a second, and a move renumbers the queue without rebuilding it.
      const signature = JSON.stringify([c.text, c.learned, c.original_text, c.original_learned,
        c.state, c.flagged === true, c.content_note === true, c.shown_order, name, ended,
        agreeLabel, related.alike, related.mergedFrom]);
      let entry = cards.get(key);
      if (!entry) {
        entry = spare.get(key)
          || { li: document.createElement("li"), signature: null, group: name, count: null };
        spare.delete(key);
        cards.set(key, entry);
      }
      if (entry.signature !== signature) {
        buildCard(entry.li, c, name, ended, agreeLabel, position, related);
        entry.signature = signature;
        entry.count = countsOf(c);
        entry.place = position;
      } else {
        if (entry.count !== countsOf(c)) {
          entry.count = countsOf(c);
          updateCount(entry.li, c);
        }
        if (entry.place !== position) {
          entry.place = position;
          const place = entry.li.querySelector(".item-place");
          if (place) place.textContent = t("mod.queue_position", { position: position + 1 });
        }
      }
      queue.syncCard(entry.li, c.id);
      entry.group = name;
      if (c.id === selected) laneCursor[name] = position;
      buckets[name].push(entry.li);
    });
  }
  for (const id of folded.keys()) if (!model.items.has(id)) folded.delete(id);
  for (const [key, entry] of cards) {
    if (!seen.has(key)) {
      entry.li.remove();
      cards.delete(key);
      if (model.items.has(Number(key))) spare.set(key, entry);
    }
  }
  for (const key of spare.keys()) {
    if (spare.size <= SPARE && model.items.has(Number(key))) break;
    spare.delete(key); // the oldest first, and those gone from the session
  }
  for (const name of GROUPS) {
    const list = lists[name];
    const wanted = buckets[name];
    wanted.forEach((li, index) => {
      if (list.children[index] !== li) list.insertBefore(li, list.children[index] || null);
    });
    while (list.children.length > wanted.length) list.lastElementChild.remove();
    empties[name].hidden = wanted.length > 0;
    windows.render(name, items[name].length - wanted.length);
    list.tabIndex = wanted.length ? 0 : -1; // Tab stops at lanes with something in them
    // After the end only what was shown remains: hide the empty working lists.
    list.closest(".group").hidden = ended && name !== "shown" && wanted.length === 0;
    // "Shown" counts what is in the record: the one on screen too, removed ones not
    // (the console counts the same way).
    const count = name === "shown" ? shownInRecord() : all[name].length;
    let text = i18n.formatNumber(count);
    if (searchWords.length) {
      const shownHere = name === "shown"
        ? [...items.shown, ...items.on_screen].filter(isShownConfession).length
        : items[name].length;
      text = t("mod.search.count", {
        shown: i18n.formatNumber(shownHere), total: i18n.formatNumber(count),
      });
    }
    if (counts[name] && counts[name].textContent !== text) counts[name].textContent = text;
    if (name === "shown" && !wanted.length) {
      // Counted, but on the screen now: "nothing has been shown" would say otherwise.
      const empty = count > 0 && !searchWords.length
        ? say("mod.empty.shown_on_screen") : t("mod.empty.shown");
      if (empties.shown.textContent !== empty) empties.shown.textContent = empty;
    }
  }

  // The editor: the draft being edited while it is unsaved, else the selection.
  const drafting = editor.isDirty() && editor.id !== null && model.items.has(editor.id)
    ? editor.id : null;
  const shown = drafting !== null ? model.items.get(drafting) : selectedItem();
  editor.show(shown || null, { ended, selectedId: selected });
  const editingId = editor.isDirty() ? editor.id : null;
  for (const [key, entry] of cards) {
    const isSelected = key === String(selected);
    entry.li.classList.toggle("is-selected", isSelected);
    if (isSelected) entry.li.setAttribute("aria-current", "true");
    else entry.li.removeAttribute("aria-current");
    const draftTag = entry.li.querySelector(".tag-draft");
    if (draftTag) draftTag.hidden = key !== String(editingId);
  }

  const active = document.activeElement;
  if (focusedLane && (!active || active === document.body)) {
    focusLane(focusedLane);
  } else if (active && active.matches && active.matches("ol.list") && !active.children.length) {
    focusLane(laneOf(active));
  }

  ui.actions.hidden = ended;
  ui.subbar.hidden = ended;
  ui.editorCol.hidden = ended;
  // After the end, a column whose lanes are all hidden goes too (without :has(), which
  // Chrome 90 and iOS 15 lack).
  for (const col of document.querySelectorAll("#board > .col")) {
    col.classList.toggle("is-bare", ended && !col.querySelector(".group:not([hidden])"));
  }
  document.body.classList.toggle("is-ended", ended);
  // aria-disabled, not disabled: a focused button keeps its focus when it goes quiet.
  ui.projectNext.setAttribute("aria-disabled", String(all.approved.length === 0));
  ui.queueSize.textContent = i18n.formatNumber(all.approved.length);
  const offer = ended ? null : model.undo;
  const label = undoText(offer);
  if (ui.undoLabel.textContent !== label) ui.undoLabel.textContent = label;
  ui.undo.title = `${label} (Ctrl+Z)`;
  ui.undo.setAttribute("aria-disabled", String(offer === null));
  ui.undo.dataset.stepId = offer ? String(offer.step_id) : "";

  if (ui.wordLists.open) fillWordLists();
  queue.render(ended);
  merge.render(ended);
  choices.render(ended);
  setup.render(ended);
  screen.render(ended);

  ui.endedPanel.hidden = !ended;
  if (ended) {
    // Ended elsewhere (the laptop, another moderator) while a question was open.
    if (ui.dialog.open) ui.dialog.close("ended");
    if (ui.wordLists.open) ui.wordLists.close("ended");
    const paths = model.transcriptPaths;
    ui.paths.replaceChildren(...paths.map((path) => textElement("li", "", path)));
    if (!paths.length) ui.paths.append(textElement("li", "muted", t("mod.no_transcripts")));
    if (!wasEnded) ui.endedHeading.focus();
  }
  wasEnded = ended;
}

// ---------------------------------------------------------------- commands

const inflight = new Set(); // what commands are on their way: "item:12", "cmd:project_next"
let toastTimer = null;

function toast(message, kind = "info") {
  clearTimeout(toastTimer);
  ui.toast.textContent = message;
  ui.toast.dataset.kind = kind;
  ui.toast.classList.add("is-visible");
  toastTimer = setTimeout(() => ui.toast.classList.remove("is-visible"),
    kind === "error" ? 7000 : 2500);
}

/** A refusal in words: the moderator's own wording if there is one, else the shared one,
 * else the host's own message (English, as this page is), else "something went wrong". */
function refusalText(code, hostMessage = "") {
  if (i18n.has(`mod.error.${code}`) || hasEnglish(`mod.error.${code}`)) {
    return say(`mod.error.${code}`);
  }
  if (!i18n.has(`error.${code}`) && typeof hostMessage === "string" && hostMessage) {
    return hostMessage;
  }
  return i18n.errorText(code);
}

/**
 * Run a command; resolves to { ok, code, message, skipped } once the stream shows its
 * effect (or it was refused). `key` names what it acts on: a second command on the same
 * thing while the first is on its way is skipped (a double click, a held key), while
 * commands on other confessions go ahead.
 */
async function command(name, fields, { key = `cmd:${name}`, li = null, quiet = false,
  done = name } = {}) {
  if (!BASE || inflight.has(key)) return { ok: false, skipped: true };
  // Buttons are not disabled while waiting (that would drop the keyboard focus).
  inflight.add(key);
  document.body.classList.add("is-busy");
  if (li) li.setAttribute("aria-busy", "true");
  try {
    const payload = { command: name, ...fields };
    const result = await call("POST", `${BASE}api/commands`, { body: envelope("moderate", payload) });
    if (result.kind === "ok" && result.type === "moderator.done") {
      await caughtUp(result.payload.seq);
      flushRender();
      if (!quiet && name !== "end_session") {
        const said = i18n.has(`mod.done.${done}`) || hasEnglish(`mod.done.${done}`);
        if (said) toast(say(`mod.done.${done}`));
      }
      return { ok: true };
    }
    if (result.kind === "forbidden") {
      showForbidden();
      return { ok: false, code: "forbidden", message: t("error.forbidden") };
    }
    const message = result.kind === "network" ? t("mod.network")
      : refusalText(result.code, result.payload && result.payload.message);
    if (!quiet) toast(message, "error");
    return { ok: false, code: result.kind === "network" ? "network" : result.code, message };
  } finally {
    inflight.delete(key);
    if (!inflight.size) document.body.classList.remove("is-busy");
    if (li) li.removeAttribute("aria-busy");
  }
}

/** Save an unsaved edit of `id` first, then run `action` (what is approved or shown is the
 * text as the moderator left it); nothing runs if the edit is not saved. */
async function afterSaving(id, action) {
  if (editor.id === id && editor.isDirty()) {
    if (!(await editor.save())) return;
  }
  action();
}

const editor = new Editor({
  send: async (name, fields, options) => {
    const result = await command(name, fields, options);
    if (!result.ok && !result.skipped && result.code !== "stale_version" && result.message) {
      toast(result.message, "error");
    }
    return result;
  },
  toast,
  t,
  onChange: renderNow,
});

const queue = createQueue({
  command,
  items: () => model.items,
  lanes: () => lastLanes,
  shown: () => lastShown,
  changed: scheduleRender,
  cardOf: (id) => (cards.has(String(id)) ? cards.get(String(id)).li : null),
  toast,
  ui: {
    bar: $("bulk"),
    all: $("pick-all"),
    count: $("bulk-picked"),
    approve: $("bulk-approve"),
    setAside: $("bulk-set-aside"),
    clear: $("bulk-clear"),
  },
});
queue.attachDrag(lists.approved);

const merge = createMerge({
  items: () => model.items,
  alike: (item) => links.alike(item, model.items),
  currentId: () => model.currentId,
  command,
  ended: () => model.session.status === "ended",
});

const choices = createChoices({
  command,
  session: () => model.session,
  room: () => model.room,
  join: () => model.join,
  arrived: () => model.items.size > 0 || model.room.waiting > 0
    || (model.session.withdrawn_count || 0) > 0,
});

const setup = createSetup({
  command,
  session: () => model.session,
  toast,
  base: BASE,
});

const screen = createScreen({
  command,
  session: () => model.session,
  currentId: () => model.currentId,
  item: (id) => model.items.get(id) || null,
  ended: () => model.session.status === "ended",
  editing: () => (editor.id === null ? null : model.items.get(editor.id) || null),
});

function act(action, item) {
  const id = item.id;
  const entry = cards.get(String(id));
  const options = { key: `item:${id}`, li: entry ? entry.li : null };
  switch (action) {
    case "approve":
      afterSaving(id, () => command("approve", { item_id: id }, options));
      break;
    case "project":
    case "project_again":
      afterSaving(id, () => command("project", { item_id: id }, options));
      break;
    case "set_aside":
    case "restore":
    case "remove":
      command(action, { item_id: id }, options);
      break;
    case "put_back":
      command("restore", { item_id: id }, { ...options, done: "put_back" });
      break;
    case "blank":
      blank();
      break;
    case "move_up":
      queue.moveBy(id, -1);
      break;
    case "move_down":
      queue.moveBy(id, 1);
      break;
    case "move_to_top":
      queue.moveToTop(id);
      break;
    case "merge_group":
      afterSaving(id, () => merge.open(model.items.get(id) || item));
      break;
    default:
      break;
  }
}

function projectNext() {
  flushRender();
  // The item this page shows at the head of the queue: if the host has another one
  // there by now, it refuses (queue_changed) rather than put up something unseen.
  // The whole queue's head, even when the search hides it.
  if (queueHead === null) {
    const approving = [...inflight].some((key) => key.startsWith("item:"));
    toast(approving
      ? t("mod.queue_wait")
      : t("mod.queue_empty"));
    return;
  }
  const id = queueHead;
  afterSaving(id, () => command("project_next", { expected_item_id: id }));
}

/** B, the join slide's button, a card's Blank: the confession off, the join slide on. */
function blank() {
  screen.show("join");
}

function undo() {
  flushRender();
  const offer = model.session.status === "ended" ? null : model.undo;
  if (!offer) {
    toast(refusalText("nothing_to_undo"));
    return;
  }
  command("undo", { step_id: offer.step_id });
}

function selectFirst() {
  toast(t("mod.select_first"));
}

function approveSelected() {
  const item = selectedItem();
  if (!item) return selectFirst();
  if (item.state !== "incoming" && item.state !== "set_aside") {
    toast(refusalText("cannot_approve"), "error");
    return;
  }
  act("approve", item);
}

function asideOrRemoveSelected() {
  const item = selectedItem();
  if (!item) return selectFirst();
  if (item.state === "incoming" || item.state === "approved") act("set_aside", item);
  else if (item.state === "shown") act("remove", item);
  else if (item.state === "removed") toast(refusalText("cannot_remove"), "error");
  else toast(refusalText("cannot_set_aside"), "error");
}

/** Alt+Up, Alt+Down: the selected confession one place up or down the queue; Alt+Home:
 * to its top. */
function moveSelected(key) {
  const item = selectedItem();
  if (!item) return selectFirst();
  if (item.state !== "approved" || item.id === model.currentId) {
    toast(refusalText("not_queued"), "error");
    return;
  }
  if (key === "Home") queue.moveToTop(item.id);
  else queue.moveBy(item.id, key === "ArrowUp" ? -1 : 1);
}

/** X: pick the selected confession for a bulk action, or unpick it. */
function togglePick() {
  const item = selectedItem();
  if (!item) return selectFirst();
  const entry = cards.get(String(item.id));
  if (!entry || !PICKABLE.includes(entry.group)) return;
  queue.setPicked(item.id, !queue.isPicked(item.id));
}

document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.classList.contains("pick")) return;
  const li = box.closest("li.item");
  if (li) queue.setPicked(Number(li.dataset.id), box.checked);
});

document.addEventListener("click", (event) => {
  if (!(event.target instanceof Element)) return;
  const button = event.target.closest("button");
  const li = event.target.closest("li.item");
  if (event.target.closest("input.pick, .drag-handle")) return; // picking, dragging
  if (li && !button) {
    // A click on a card selects it (its list takes the focus, not a button).
    flushRender();
    select(Number(li.dataset.id));
    // On a phone the editor is at the top: bring it into view if it is not.
    const top = ui.editor.getBoundingClientRect().top;
    if (narrow.matches && editor.id !== null && (top < 0 || top > window.innerHeight / 2)) {
      ui.editor.scrollIntoView({ block: "start", behavior: reducedMotion.matches ? "auto" : "smooth" });
    }
    return;
  }
  if (!button || button.getAttribute("aria-disabled") === "true") return;
  if (button.dataset.command === "project_next") {
    projectNext();
    return;
  }
  if (button.dataset.command === "blank") {
    blank();
    return;
  }
  const action = button.dataset.action;
  if (!action || !li) return;
  const item = model.items.get(Number(li.dataset.id));
  if (!item) return;
  // The card is selected and its lane takes the focus: a key pressed next acts through
  // the page on the selected card, never on a button that happens to be under it.
  const group = laneOf(li);
  select(item.id);
  focusLane(group);
  act(action, item);
});

// A mouse click on an action button leaves the focus where it was (the lane, the editor):
// a key pressed next never lands on that button by accident.
document.addEventListener("mousedown", (event) => {
  if (!(event.target instanceof Element) || event.button !== 0) return;
  const button = event.target.closest("button");
  if (button && (button.dataset.action || button.dataset.command || button === ui.undo)) {
    event.preventDefault();
  }
});

ui.undo.addEventListener("click", () => {
  if (ui.undo.getAttribute("aria-disabled") !== "true") undo();
});

ui.address.dismiss.addEventListener("click", () => {
  dismissAddress(model.host);
  scheduleRender();
});

// Count the agreements of phones on a shared address, or set them all apart again.
ui.room.count.addEventListener("click", () => {
  command("count_shared", { counted: true }, { done: "count_shared" });
});
ui.room.setApart.addEventListener("click", () => {
  command("count_shared", { counted: false }, { done: "set_apart_shared" });
});

const isTyping = (element) => !!element && (element.isContentEditable
  || ["TEXTAREA", "INPUT", "SELECT"].includes(element.tagName));

document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.isComposing || !model.loaded) return;
  const target = event.target instanceof Element ? event.target : null;
  const key = event.key;
  const ctrl = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
  // Letters by what the key types, or by where it is on layouts without Latin letters.
  const latin = /^[a-z]$/i.test(key);
  const lower = latin ? key.toLowerCase()
    : /^Key[A-Z]$/.test(event.code || "") && key.length === 1 ? event.code.slice(3).toLowerCase()
      : key;
  const ended = model.session.status === "ended";
  if (ui.wordLists.open && ctrl && lower === "s") {
    event.preventDefault();
    ui.wordListsSave.click();
    return;
  }
  if (document.querySelector("dialog[open]")) return; // the open question has the keys

  // The editor's keys: Ctrl+S anywhere while something is in the editor; Ctrl+M and Esc
  // inside it.
  if (ctrl && lower === "s") {
    if (editor.id !== null && !ended) {
      event.preventDefault();
      if (!event.repeat) editor.save();
    }
    return;
  }
  if (editor.contains(target)) {
    if (ctrl && lower === "m") {
      event.preventDefault();
      editor.maskSelection();
      return;
    }
    if (key === "Escape" && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      if (editor.isDirty()) editor.discard();
      else if (selected !== null && cards.has(String(selected))) {
        focusLane(cards.get(String(selected)).group);
      }
      return;
    }
  }
  // A text field keeps its keys, Ctrl+Z included (it undoes its own typing).
  if (isTyping(target)) return;
  if (key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    searchField.focus();
    searchField.select();
    return;
  }
  if (ended) return;
  if (ctrl && lower === "z") {
    event.preventDefault();
    if (!event.repeat) undo();
    return;
  }
  if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey
    && ["ArrowUp", "ArrowDown", "Home"].includes(key)) {
    event.preventDefault();
    flushRender();
    moveSelected(key);
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  // A button the moderator moved to with Tab keeps Enter and Space for itself.
  if ((key === "Enter" || key === " ") && target && target.closest("button, a[href], summary")) {
    return;
  }
  const run = {
    Enter: approveSelected,
    a: approveSelected,
    Delete: asideOrRemoveSelected,
    s: asideOrRemoveSelected,
    " ": projectNext,
    n: projectNext,
    b: blank,
    k: () => screen.show(SLIDE_KEYS.k),
    ".": () => screen.show(SLIDE_KEYS["."]),
    p: () => screen.show(SLIDE_KEYS.p),
    c: () => screen.show(SLIDE_KEYS.c),
    e: () => {
      if (!editor.focus()) selectFirst();
    },
    x: togglePick,
    ArrowUp: () => moveSelection(-1),
    ArrowDown: () => moveSelection(1),
  }[lower];
  if (!run) return;
  event.preventDefault();
  // A held key repeats: that never acts twice (only the arrows walk on).
  if (event.repeat && key !== "ArrowUp" && key !== "ArrowDown") return;
  flushRender();
  run();
});

// ---------------------------------------------------------------- word lists

const lines = (value) => value.split("\n").map((line) => line.trim()).filter(Boolean);

let listsShown = null; // what the open dialog was filled with: [local names, watch words]

/** Fill the open dialog with the lists as the host has them, unless the moderator has
 * started changing them there. */
function fillWordLists(force = false) {
  const wanted = [model.wordLists.local_names.join("\n"), model.wordLists.watch_words.join("\n")];
  const untouched = listsShown !== null
    && ui.localNames.value === listsShown[0] && ui.watchWords.value === listsShown[1];
  if (!force && !untouched) return;
  if (ui.localNames.value !== wanted[0]) ui.localNames.value = wanted[0];
  if (ui.watchWords.value !== wanted[1]) ui.watchWords.value = wanted[1];
  listsShown = wanted;
}

ui.wordListsOpen.addEventListener("click", () => {
  if (typeof ui.wordLists.showModal !== "function") return;
  fillWordLists(true);
  ui.wordListsError.textContent = "";
  ui.wordListsError.hidden = true;
  ui.wordLists.returnValue = "";
  ui.wordLists.showModal();
});

ui.wordListsSave.addEventListener("click", async () => {
  const result = await command("set_word_lists", {
    local_names: lines(ui.localNames.value),
    watch_words: lines(ui.watchWords.value),
  }, { quiet: true });
  if (result.ok) {
    ui.wordLists.close("saved");
    toast(t("mod.done.set_word_lists"));
  } else if (!result.skipped) {
    ui.wordListsError.textContent = result.message || refusalText(result.code);
    ui.wordListsError.hidden = false;
  }
});

ui.wordLists.addEventListener("close", () => {
  if (ui.wordLists.returnValue !== "ended") ui.wordListsOpen.focus();
});

/** What ending keeps and forgets, in numbers, from the model as it is now. */
function endCounts() {
  let shown = 0;
  let unshown = 0;
  for (const item of model.items.values()) {
    if (item.kind !== "confession") continue;
    if (item.state === "shown") shown += 1;
    // Removed: only their number is kept; merged: they live on in the one kept.
    else if (item.state !== "removed" && item.state !== "merged") unshown += 1;
  }
  $("confirm-kept").textContent = tn("mod.confirm.kept", shown);
  $("confirm-forgotten").textContent = tn("mod.confirm.forgotten", unshown);
}

ui.end.addEventListener("click", () => {
  if (inflight.has("cmd:end_session")) return;
  endCounts();
  if (typeof ui.dialog.showModal === "function") {
    ui.dialog.returnValue = "";
    ui.dialog.showModal();
  } else if (window.confirm(`${t("mod.confirm.title")}\n\n${t("mod.confirm.body")}`)) {
    command("end_session", {});
  }
});

ui.dialog.addEventListener("close", () => {
  if (ui.dialog.returnValue === "end") command("end_session", {});
  else if (ui.dialog.returnValue !== "ended") ui.end.focus();
});

// ---------------------------------------------------------------- the stream

let socket = null;
let link = null; // the open socket's place in the stream: { seq, waiting, resyncTimer }
let attempt = 0;
let retryTimer = null;
let connectionTimer = null;
let stopped = false;
const waiters = new Set(); // commands waiting for the stream to show their effect

/** Resolve once the stream has reached `seq` (or the socket is gone, or it takes too long). */
function caughtUp(seq) {
  if (!Number.isSafeInteger(seq) || !link || (!link.waiting && link.seq >= seq)) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const waiter = {
      seq,
      done() {
        clearTimeout(waiter.timer);
        waiters.delete(waiter);
        resolve();
      },
    };
    waiter.timer = setTimeout(waiter.done, CATCH_UP_TIMEOUT_MS);
    waiters.add(waiter);
  });
}

function wakeWaiters(all = false) {
  for (const waiter of [...waiters]) {
    if (all || (link && !link.waiting && link.seq >= waiter.seq)) waiter.done();
  }
}

function setConnection(state) {
  clearTimeout(connectionTimer);
  ui.connection.dataset.state = state;
  if (state === "live") {
    ui.connection.textContent = t("mod.connection.live");
    return;
  }
  connectionTimer = setTimeout(() => {
    ui.connection.textContent = t(`mod.connection.${state}`);
  }, 800);
}

function showForbidden() {
  stopped = true;
  document.body.classList.remove("is-loading");
  ui.forbidden.hidden = false;
  ui.actions.hidden = true;
  ui.subbar.hidden = true;
  ui.editorCol.hidden = true;
  ui.title.textContent = t("mod.heading");
  if (socket) socket.close();
}

function resync(ws, current) {
  current.waiting = true;
  clearTimeout(current.resyncTimer);
  // No snapshot in time: start over with a new connection (which begins with one).
  current.resyncTimer = setTimeout(() => ws.close(), RESYNC_TIMEOUT_MS);
  try {
    ws.send(JSON.stringify(envelope("moderator.resync", {})));
  } catch {
    ws.close();
  }
}

function onStreamMessage(ws, current, message) {
  if (!isObject(message) || typeof message.type !== "string" || !isObject(message.payload)) {
    return;
  }
  const { type, payload } = message;
  if (type === "moderator.snapshot") {
    if (!Number.isSafeInteger(payload.seq)) return;
    clearTimeout(current.resyncTimer);
    current.seq = payload.seq;
    current.waiting = false;
    current.streamed = true;
    attempt = 0;
    setConnection("live");
    applySnapshot(payload);
    scheduleRender();
    warmSearch();
    wakeWaiters();
    return;
  }
  const apply = Object.prototype.hasOwnProperty.call(CHANGES, type) ? CHANGES[type] : null;
  if (current.waiting) return; // changes before the snapshot
  // A change this page does not know (a newer host's) still takes its place in the
  // stream: skipping its seq would look like a gap and ask for a snapshot every time.
  if (!apply && (!Number.isSafeInteger(payload.seq) || type === "moderator.done")) return;
  if (payload.seq !== current.seq + 1) {
    resync(ws, current);
    return;
  }
  current.seq = payload.seq;
  if (apply) apply(payload);
  scheduleRender();
  wakeWaiters();
}

function connect() {
  if (stopped || socket || !BASE) return;
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${scheme}//${window.location.host}${BASE}ws`);
  const current = { seq: 0, waiting: true, streamed: false, resyncTimer: null };
  socket = ws;
  link = current;
  ws.addEventListener("message", (event) => {
    if (socket !== ws) return;
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    onStreamMessage(ws, current, message);
  });
  ws.addEventListener("close", () => {
    clearTimeout(current.resyncTimer);
    if (socket !== ws) return;
    socket = null;
    link = null;
    wakeWaiters(true);
    if (stopped) return;
    setConnection("reconnecting");
    retryTimer = setTimeout(connect, backoff(attempt, 1000, 10000));
    attempt += 1;
    // Refused before its snapshot: the laptop may be gone, or this link may belong to
    // an earlier session (only HTTP can tell a 403). Ask plainly.
    if (!current.streamed) loadState();
  });
}

/** The state over HTTP: only while no socket is streaming (the socket's snapshot wins). */
async function loadState() {
  const result = await call("GET", `${BASE}api/state`);
  if (result.kind === "ok" && result.type === "moderator.snapshot") {
    if (link && !link.waiting) return;
    applySnapshot(result.payload);
    scheduleRender();
  } else if (result.kind === "forbidden") {
    showForbidden();
  }
}

async function start() {
  await i18n.load();
  i18n.apply();
  setConnection("connecting");
  if (!BASE) {
    showForbidden();
    return;
  }
  connect();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && !socket && !stopped) {
      clearTimeout(retryTimer);
      attempt = 0;
      connect();
    }
  });
}

start();
