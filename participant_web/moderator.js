// The moderator page, served at /moderator/<secret>/. It reads the secret from
// its own address and speaks to /moderator/<secret>/api/… and …/ws.
// Confession texts are rendered with textContent only.
//
// The page keeps a model of the session (docs/protocol.md, "Moderators"): the
// socket sends one moderator.snapshot, then numbered changes that the page applies
// in order. A change whose seq is not the next one means something was missed: the
// page asks for a new snapshot (moderator.resync) and ignores changes until it
// comes. The page draws from the model, at most once per animation frame.
// Commands go over POST …/api/commands; their effect arrives over the stream.

import * as i18n from "./i18n.js";
import { call, envelope, backoff } from "./api.js";

const { t, tn } = i18n;
const $ = (id) => document.getElementById(id);

const match = window.location.pathname.match(/^\/moderator\/([^/]+)/);
const BASE = match ? `/moderator/${match[1]}/` : null;

const RESYNC_TIMEOUT_MS = 5000; // no snapshot after asking for one: reconnect
const CATCH_UP_TIMEOUT_MS = 3000; // the stream did not show a command's effect: stop waiting

const GROUPS = ["incoming", "set_aside", "approved", "on_screen", "shown"];
const lists = {
  incoming: $("list-incoming"),
  set_aside: $("list-set-aside"),
  approved: $("list-approved"),
  on_screen: $("list-on-screen"),
  shown: $("list-shown"),
};
const empties = {
  incoming: $("empty-incoming"),
  set_aside: $("empty-set-aside"),
  approved: $("empty-approved"),
  on_screen: $("empty-on-screen"),
  shown: $("empty-shown"),
};
const counts = {
  incoming: $("n-incoming"),
  set_aside: $("n-set-aside"),
  approved: $("n-approved"),
  shown: $("n-shown"),
};
const headings = {
  incoming: $("h-incoming"),
  set_aside: $("h-set-aside"),
  approved: $("h-approved"),
  on_screen: $("h-on-screen"),
  shown: $("h-shown"),
};

const ui = {
  title: $("mod-title"),
  status: $("mod-status"),
  phones: $("mod-phones"),
  connection: $("mod-connection"),
  actions: $("bar-actions"),
  projectNext: $("project-next"),
  queueSize: $("queue-size"),
  blank: $("blank-screen"),
  end: $("end-session"),
  storeBanner: $("store-banner"),
  storeDetail: $("store-detail"),
  forbidden: $("forbidden-banner"),
  endedPanel: $("ended-panel"),
  endedHeading: $("ended-heading"),
  paths: $("transcript-paths"),
  toast: $("toast"),
  dialog: $("confirm-end"),
};

// ---------------------------------------------------------------- the model

const model = {
  loaded: false, // a snapshot has been applied
  session: {},
  currentId: null,
  items: new Map(), // id -> item, as the host sent it (agreement_count kept current)
  phones: 0,
  storeHealthy: true,
  storeDetail: "",
  join: null,
  transcriptPaths: [],
};

const isId = (value) => Number.isSafeInteger(value) && value > 0;
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const strings = (value) => (Array.isArray(value) ? value.map(String) : []);

function putItem(item) {
  if (isObject(item) && isId(item.id)) model.items.set(item.id, item);
}

function applySnapshot(payload) {
  model.loaded = true;
  model.session = isObject(payload.session) ? payload.session : {};
  model.currentId = isId(payload.current_item_id) ? payload.current_item_id : null;
  model.items = new Map();
  for (const item of Array.isArray(payload.items) ? payload.items : []) putItem(item);
  model.phones = Number.isSafeInteger(payload.phones_connected) ? payload.phones_connected : 0;
  model.storeHealthy = payload.store_healthy !== false;
  model.storeDetail = typeof payload.store_detail === "string" ? payload.store_detail : "";
  model.join = isObject(payload.join) ? payload.join : null;
  model.transcriptPaths = strings(payload.transcript_paths);
}

/** How each change alters the model (payloads as in docs/protocol.md, besides seq). */
const CHANGES = {
  "item.added": (p) => putItem(p.item),
  "item.changed": (p) => putItem(p.item),
  "item.removed": (p) => {
    model.items.delete(p.item_id);
  },
  "projection.changed": (p) => {
    model.currentId = isId(p.item_id) ? p.item_id : null;
  },
  "count.changed": (p) => {
    const item = model.items.get(p.item_id);
    if (item && Number.isSafeInteger(p.count)) item.agreement_count = p.count;
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
};

// ---------------------------------------------------------------- rendering

const cards = new Map(); // id (string) -> { li, signature, group }
let wasEnded = false;
let frame = 0;

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

function groupOf(item, currentId) {
  if (item.id === currentId) return "on_screen";
  switch (item.state) {
    case "approved": return "approved";
    case "shown": return "shown";
    case "set_aside": return "set_aside";
    default: return "incoming";
  }
}

const last = Number.MAX_SAFE_INTEGER;
const place = (value) => (Number.isFinite(value) ? value : last);
const byId = (a, b) => a.id - b.id;
const byQueue = (a, b) => place(a.queue_position) - place(b.queue_position) || a.id - b.id;
const byShown = (a, b) => place(a.shown_order) - place(b.shown_order) || a.id - b.id;
const ORDER = { incoming: byId, set_aside: byId, approved: byQueue, on_screen: byId, shown: byShown };

/** The items of each lane, in the lane's order. */
function lanes() {
  const buckets = Object.fromEntries(GROUPS.map((name) => [name, []]));
  for (const item of model.items.values()) {
    // Other kinds hang under a confession (docs/protocol.md); this page shows confessions.
    if (item.kind !== undefined && item.kind !== "confession") continue;
    buckets[groupOf(item, model.currentId)].push(item);
  }
  for (const name of GROUPS) buckets[name].sort(ORDER[name]);
  return buckets;
}

function actionsFor(group, ended) {
  if (ended) return [];
  switch (group) {
    case "incoming": return [["approve", "btn-primary"], ["set_aside", ""]];
    case "approved": return [["project", "btn-primary"], ["set_aside", ""]];
    case "set_aside": return [["restore", ""], ["approve", ""]];
    case "shown": return [["project_again", ""]];
    case "on_screen": return [["blank", ""]];
    default: return [];
  }
}

function textElement(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

function buildCard(li, c, group, ended, agreeLabel, place) {
  li.replaceChildren();
  li.className = `item item-${group}`;
  li.dataset.id = String(c.id);
  li.dataset.state = c.state;
  li.dataset.testid = `confession-${c.id}`;

  const text = typeof c.text === "string" ? c.text : "";
  const learned = typeof c.learned === "string" ? c.learned : "";
  const originalText = typeof c.original_text === "string" ? c.original_text : text;
  const originalLearned = typeof c.original_learned === "string" ? c.original_learned : learned;
  const edited = originalText !== text || originalLearned !== learned;

  li.append(textElement("p", "item-text", text));
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
  meta.append(textElement("span", "item-id", `#${c.id}`));
  if (edited) meta.append(textElement("span", "tag", t("mod.edited")));
  if (group === "approved") {
    meta.append(textElement("span", "", t("mod.queue_position", { position: place + 1 })));
  }
  if ((group === "shown" || group === "on_screen") && typeof c.shown_order === "number") {
    meta.append(textElement("span", "", t("mod.shown_order", { order: c.shown_order })));
  }
  if (group === "shown") {
    meta.append(textElement("span", "item-count", tn("mod.count", c.agreement_count || 0)));
  }
  li.append(meta);

  if (group === "on_screen") {
    const live = document.createElement("p");
    live.className = "live-count";
    live.append(
      textElement("span", "live-number", i18n.formatNumber(c.agreement_count || 0)),
      textElement("span", "live-label", agreeLabel),
    );
    live.dataset.testid = "on-screen-count";
    li.append(live);
  }

  const actions = actionsFor(group, ended);
  if (actions.length) {
    const row = document.createElement("div");
    row.className = "item-actions";
    for (const [action, style] of actions) {
      const button = textElement("button", `btn btn-small ${style}`.trim(),
        t(`mod.action.${action}`));
      button.type = "button";
      button.dataset.action = action;
      button.dataset.testid = `${action}-${c.id}`;
      row.append(button);
    }
    li.append(row);
  }
}

function updateCount(li, count) {
  const live = li.querySelector(".live-number");
  if (live) live.textContent = i18n.formatNumber(count);
  const meta = li.querySelector(".item-count");
  if (meta) meta.textContent = tn("mod.count", count);
}

function focusInfo() {
  const active = document.activeElement;
  const li = active && active.closest ? active.closest("li.item") : null;
  if (!li) return null;
  const group = GROUPS.find((name) => lists[name].contains(li));
  return {
    element: active,
    id: li.dataset.id,
    action: active.dataset ? active.dataset.action : undefined,
    group,
    index: [...lists[group].children].indexOf(li),
  };
}

function restoreFocus(info) {
  if (!info || document.body.contains(info.element) && document.activeElement === info.element) {
    return;
  }
  if (document.activeElement && document.activeElement !== document.body) return;
  const entry = cards.get(info.id);
  if (entry && entry.group === info.group) {
    const same = entry.li.querySelector(`button[data-action="${info.action}"]`)
      || entry.li.querySelector("button");
    if (same) {
      same.focus();
      return;
    }
  }
  // The card moved to another list: carry on with the one that took its place.
  const list = lists[info.group];
  const next = list.children[Math.min(info.index, list.children.length - 1)];
  const button = next ? next.querySelector("button") : null;
  if (button) button.focus();
  else headings[info.group].focus();
}

function render() {
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
  ui.phones.textContent = tn("mod.phones", model.phones);
  ui.storeBanner.hidden = model.storeHealthy;
  ui.storeDetail.textContent = model.storeHealthy ? "" : model.storeDetail;
  ui.storeDetail.hidden = model.storeHealthy || !model.storeDetail;

  const focus = focusInfo();
  const seen = new Set();
  const items = lanes();
  const buckets = Object.fromEntries(GROUPS.map((name) => [name, []]));
  for (const name of GROUPS) {
    items[name].forEach((c, position) => {
      const key = String(c.id);
      seen.add(key);
      // The count is not part of the signature: a new count changes one number in place,
      // so a card whose button has the focus is not rebuilt sixty times a second.
      const signature = JSON.stringify([c.text, c.learned, c.original_text, c.original_learned,
        c.state, position, c.shown_order, name, ended, agreeLabel]);
      let entry = cards.get(key);
      if (!entry) {
        entry = { li: document.createElement("li"), signature: null, group: name, count: null };
        cards.set(key, entry);
      }
      if (entry.signature !== signature) {
        buildCard(entry.li, c, name, ended, agreeLabel, position);
        entry.signature = signature;
        entry.count = c.agreement_count || 0;
      } else if (entry.count !== (c.agreement_count || 0)) {
        entry.count = c.agreement_count || 0;
        updateCount(entry.li, entry.count);
      }
      entry.group = name;
      buckets[name].push(entry.li);
    });
  }
  for (const [key, entry] of cards) {
    if (!seen.has(key)) {
      entry.li.remove();
      cards.delete(key);
    }
  }
  for (const name of GROUPS) {
    const list = lists[name];
    const wanted = buckets[name];
    wanted.forEach((li, index) => {
      if (list.children[index] !== li) list.insertBefore(li, list.children[index] || null);
    });
    while (list.children.length > wanted.length) list.lastElementChild.remove();
    empties[name].hidden = wanted.length > 0;
    // After the end only what was shown remains: hide the empty working lists.
    list.closest(".group").hidden = ended && name !== "shown" && wanted.length === 0;
    if (counts[name]) counts[name].textContent = i18n.formatNumber(wanted.length);
  }
  restoreFocus(focus);

  ui.actions.hidden = ended;
  document.body.classList.toggle("is-ended", ended);
  // aria-disabled, not disabled: a focused button keeps its focus when it goes quiet.
  ui.projectNext.setAttribute("aria-disabled", String(buckets.approved.length === 0));
  ui.queueSize.textContent = i18n.formatNumber(buckets.approved.length);
  ui.blank.setAttribute("aria-disabled", String(currentId === null));

  ui.endedPanel.hidden = !ended;
  if (ended) {
    // Ended elsewhere (the laptop, another moderator) while the question was open.
    if (ui.dialog.open) ui.dialog.close("ended");
    const paths = model.transcriptPaths;
    ui.paths.replaceChildren(...paths.map((path) => textElement("li", "", path)));
    if (!paths.length) ui.paths.append(textElement("li", "muted", t("mod.no_transcripts")));
    if (!wasEnded) ui.endedHeading.focus();
  }
  wasEnded = ended;
}

// ---------------------------------------------------------------- commands

let busy = false;
let toastTimer = null;

function toast(message, kind = "info") {
  clearTimeout(toastTimer);
  ui.toast.textContent = message;
  ui.toast.dataset.kind = kind;
  ui.toast.classList.add("is-visible");
  toastTimer = setTimeout(() => ui.toast.classList.remove("is-visible"),
    kind === "error" ? 7000 : 2500);
}

/** A refusal in words: the moderator's own wording if there is one, else the shared one. */
function refusalText(code) {
  return i18n.has(`mod.error.${code}`) ? t(`mod.error.${code}`) : i18n.errorText(code);
}

async function command(name, fields, li) {
  if (!BASE || busy) return;
  // Buttons are not disabled while waiting (that would drop the keyboard focus);
  // clicks are ignored until the answer is in and the stream shows its effect.
  busy = true;
  document.body.classList.add("is-busy");
  if (li) li.setAttribute("aria-busy", "true");
  try {
    const payload = { command: name, ...fields };
    const result = await call("POST", `${BASE}api/commands`, { body: envelope("moderate", payload) });
    if (result.kind === "ok" && result.type === "moderator.done") {
      await caughtUp(result.payload.seq);
      flushRender();
      if (name !== "end_session") toast(t(`mod.done.${name}`));
    } else if (result.kind === "network") {
      toast(t("mod.network"), "error");
    } else if (result.kind === "forbidden") {
      showForbidden();
    } else {
      toast(refusalText(result.code), "error");
    }
  } finally {
    busy = false;
    document.body.classList.remove("is-busy");
    if (li) li.removeAttribute("aria-busy");
  }
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button || busy || button.getAttribute("aria-disabled") === "true") return;
  if (button.dataset.command === "project_next") {
    // The item this page shows at the head of the queue: if the host has another one
    // there by now, it refuses (queue_changed) rather than put up something unseen.
    const head = lists.approved.firstElementChild;
    if (head) command("project_next", { expected_item_id: Number(head.dataset.id) });
    return;
  }
  if (button.dataset.command) {
    command(button.dataset.command, {});
    return;
  }
  const action = button.dataset.action;
  const li = button.closest("li.item");
  if (!action || !li) return;
  const name = action === "project_again" ? "project" : action;
  command(name, name === "blank" ? {} : { item_id: Number(li.dataset.id) }, li);
});

/** What ending keeps and forgets, in numbers, from the model as it is now. */
function endCounts() {
  let shown = 0;
  let unshown = 0;
  for (const item of model.items.values()) {
    if (item.kind !== "confession") continue;
    if (item.state === "shown") shown += 1;
    else unshown += 1;
  }
  $("confirm-kept").textContent = tn("mod.confirm.kept", shown);
  $("confirm-forgotten").textContent = tn("mod.confirm.forgotten", unshown);
}

ui.end.addEventListener("click", () => {
  if (busy) return;
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
    wakeWaiters();
    return;
  }
  const apply = Object.prototype.hasOwnProperty.call(CHANGES, type) ? CHANGES[type] : null;
  if (!apply || current.waiting) return; // answers to commands, or changes before the snapshot
  if (payload.seq !== current.seq + 1) {
    resync(ws, current);
    return;
  }
  current.seq = payload.seq;
  apply(payload);
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
