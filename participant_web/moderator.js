// The moderator page, served at /moderator/<secret>/. It reads the secret from
// its own address and speaks to /moderator/<secret>/api/… and …/ws.
// Confession texts are rendered with textContent only.

import * as i18n from "./i18n.js";
import { call, envelope, backoff } from "./api.js";

const { t, tn } = i18n;
const $ = (id) => document.getElementById(id);

const match = window.location.pathname.match(/^\/moderator\/([^/]+)/);
const BASE = match ? `/moderator/${match[1]}/` : null;

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
  forbidden: $("forbidden-banner"),
  endedPanel: $("ended-panel"),
  endedHeading: $("ended-heading"),
  paths: $("transcript-paths"),
  toast: $("toast"),
  dialog: $("confirm-end"),
};

const cards = new Map(); // id -> { li, signature, group }
let latest = null;
let busy = false;
let wasEnded = false;

// ---------------------------------------------------------------- rendering

function groupOf(confession, currentId) {
  if (confession.id === currentId) return "on_screen";
  switch (confession.state) {
    case "approved": return "approved";
    case "shown": return "shown";
    case "set_aside": return "set_aside";
    default: return "incoming";
  }
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
    meta.append(textElement("span", "", tn("mod.count", c.agreement_count || 0)));
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

function render(state) {
  if (!state || typeof state !== "object") return;
  latest = state;
  const session = state.session || {};
  const ended = session.status === "ended";
  const currentId = typeof state.current_confession_id === "number"
    ? state.current_confession_id : null;
  const agreeLabel = session.agree_label || t("agree.default_label");

  document.body.classList.remove("is-loading");
  ui.title.textContent = session.title || t("app.name");
  document.title = `${session.title || t("app.name")} · ${t("mod.page_title")}`;
  ui.status.dataset.status = ended ? "ended" : "open";
  ui.status.textContent = t(ended ? "mod.status.ended" : "mod.status.open");
  ui.phones.textContent = tn("mod.phones", state.phones_joined || 0);
  ui.storeBanner.hidden = state.store_healthy !== false;

  const focus = focusInfo();
  const seen = new Set();
  const buckets = Object.fromEntries(GROUPS.map((name) => [name, []]));
  for (const c of Array.isArray(state.confessions) ? state.confessions : []) {
    if (!c || typeof c.id !== "number") continue;
    const group = groupOf(c, currentId);
    const key = String(c.id);
    seen.add(key);
    const place = buckets[group].length;
    const signature = JSON.stringify([c.text, c.learned, c.original_text, c.original_learned,
      c.state, place, c.shown_order, c.agreement_count, group, ended, agreeLabel]);
    let entry = cards.get(key);
    if (!entry) {
      entry = { li: document.createElement("li"), signature: null, group };
      cards.set(key, entry);
    }
    if (entry.signature !== signature) {
      buildCard(entry.li, c, group, ended, agreeLabel, place);
      entry.signature = signature;
    }
    entry.group = group;
    buckets[group].push(entry.li);
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
    const paths = Array.isArray(state.transcript_paths) ? state.transcript_paths : [];
    ui.paths.replaceChildren(...paths.map((path) => textElement("li", "", String(path))));
    if (!paths.length) ui.paths.append(textElement("li", "muted", t("mod.no_transcripts")));
    if (!wasEnded) ui.endedHeading.focus();
  }
  wasEnded = ended;
}

// ---------------------------------------------------------------- commands

let toastTimer = null;

function toast(message, kind = "info") {
  clearTimeout(toastTimer);
  ui.toast.textContent = message;
  ui.toast.dataset.kind = kind;
  ui.toast.classList.add("is-visible");
  toastTimer = setTimeout(() => ui.toast.classList.remove("is-visible"),
    kind === "error" ? 7000 : 2500);
}

async function command(name, confessionId, li) {
  if (!BASE || busy) return;
  // Buttons are not disabled while waiting (that would drop the keyboard focus);
  // clicks are ignored until the answer is in.
  busy = true;
  document.body.classList.add("is-busy");
  if (li) li.setAttribute("aria-busy", "true");
  const payload = { command: name };
  if (typeof confessionId === "number") payload.confession_id = confessionId;
  const result = await call("POST", `${BASE}api/commands`, { body: envelope("moderate", payload) });
  busy = false;
  document.body.classList.remove("is-busy");
  if (li) li.removeAttribute("aria-busy");
  if (result.kind === "ok" && result.type === "moderator.state") {
    render(result.payload);
    if (name !== "end_session") toast(t(`mod.done.${name}`));
    return;
  }
  if (result.kind === "network") toast(t("mod.network"), "error");
  else if (result.kind === "forbidden") showForbidden();
  else toast(i18n.errorText(result.code), "error");
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button || busy || button.getAttribute("aria-disabled") === "true") return;
  if (button.dataset.command) {
    command(button.dataset.command);
    return;
  }
  const action = button.dataset.action;
  const li = button.closest("li.item");
  if (!action || !li) return;
  const id = Number(li.dataset.id);
  const name = action === "project_again" ? "project" : action;
  command(name, name === "blank" ? undefined : id, li);
});

ui.end.addEventListener("click", () => {
  if (busy) return;
  if (typeof ui.dialog.showModal === "function") {
    ui.dialog.returnValue = "";
    ui.dialog.showModal();
  } else if (window.confirm(`${t("mod.confirm.title")}\n\n${t("mod.confirm.body")}`)) {
    command("end_session");
  }
});

ui.dialog.addEventListener("close", () => {
  if (ui.dialog.returnValue === "end") command("end_session");
  else ui.end.focus();
});

// ---------------------------------------------------------------- live

let socket = null;
let attempt = 0;
let retryTimer = null;
let connectionTimer = null;
let stopped = false;

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

function connect() {
  if (stopped || socket) return;
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${scheme}//${window.location.host}${BASE}ws`);
  socket = ws;
  ws.addEventListener("message", (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (message && message.type === "moderator.state" && message.payload) {
      attempt = 0;
      setConnection("live");
      render(message.payload);
    }
  });
  ws.addEventListener("close", () => {
    if (socket !== ws) return;
    socket = null;
    if (stopped) return;
    setConnection("reconnecting");
    retryTimer = setTimeout(connect, backoff(attempt, 1000, 10000));
    attempt += 1;
    // The socket may be refused because the secret is wrong: ask plainly once in a while.
    if (attempt === 3) loadState();
  });
}

async function loadState() {
  const result = await call("GET", `${BASE}api/state`);
  if (result.kind === "ok" && result.type === "moderator.state") render(result.payload);
  else if (result.kind === "forbidden") showForbidden();
}

async function start() {
  await i18n.load();
  i18n.apply();
  setConnection("connecting");
  if (!BASE) {
    showForbidden();
    return;
  }
  await loadState();
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
