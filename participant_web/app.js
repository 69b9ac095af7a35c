// The participant page: join, confess (through the outbox), follow the big
// screen live, agree with what is projected, say what helped under it and which of the
// approved replies helped too (replies.js), and withdraw one's own confession until it
// has been shown (sent.js). Protocol: docs/protocol.md.
// Every text from the laptop or a person is rendered with textContent only.

import * as i18n from "./i18n.js";
import { call, envelope, backoff, sleep } from "./api.js";
import { getJSON, setJSON, remove, removeTree } from "./storage.js";
import { Outbox } from "./outbox.js";
import { Agreements } from "./agree.js";
import { Live } from "./live.js";
import { SentList, SentView, excerptOf } from "./sent.js";
import { WhatHelped } from "./replies.js";
import { length, updateCounter } from "./counter.js";
import { checkConfession, currentLimits, newClientId, setLimits } from "./rules.js";
import { EarlierView, ShownHistory, forgetOtherSessions } from "./earlier.js";
import { accentProperties } from "./contrast.js";
import { reveal } from "./reveal.js";

const { sessionWords, t, tn } = i18n;
const $ = (id) => document.getElementById(id);

const ui = {
  body: document.body,
  title: $("session-title"),
  logo: $("logo"),
  connection: $("connection-status"),
  loading: $("loading"),
  live: $("live"),
  liveHeading: $("live-heading"),
  waiting: $("waiting"),
  projected: $("projected"),
  projectedText: $("projected-text"),
  learnedWrap: $("projected-learned-wrap"),
  projectedLearned: $("projected-learned"),
  agree: $("agree-button"),
  agreeLabel: $("agree-label"),
  agreeCount: $("agree-count"),
  agreeCountWords: $("agree-count-words"),
  agreeNote: $("agree-note"),
  earlier: {
    section: $("earlier"),
    heading: $("earlier-heading"),
    list: $("earlier-list"),
    more: $("earlier-more"),
  },
  houseRulesList: $("house-rules-list"),
  houseRulesRecord: $("house-rules-record"),
  learnedField: $("field-learned"),
  sendBlocked: $("send-blocked"),
  helped: {
    section: $("helped"),
    heading: $("helped-heading"),
    list: $("helped-list"),
    note: $("helped-note"),
    form: $("reply-form"),
    field: $("reply-text"),
    counter: $("reply-counter"),
    error: $("reply-error"),
    status: $("reply-status"),
    statusText: $("reply-status-text"),
    statusHint: $("reply-status-hint"),
  },
  compose: $("compose"),
  prompt: $("prompt"),
  form: $("confess-form"),
  text: $("confession-text"),
  learned: $("learned-text"),
  textCounter: $("confession-counter"),
  learnedCounter: $("learned-counter"),
  organisers: $("for-organisers"),
  organisersBox: $("field-organisers"),
  organisersNote: $("organisers-note"),
  fieldError: $("field-error"),
  send: $("send-button"),
  status: $("send-status"),
  statusText: $("send-status-text"),
  statusHint: $("send-status-hint"),
  sent: $("sent"),
  sentHeading: $("sent-heading"),
  sentList: $("sent-list"),
  sentStatus: $("sent-status"),
  ended: $("ended"),
  endedTitle: $("ended-title"),
  language: $("language"),
  languageSelect: $("language-select"),
};

const PREFIX = "confessional.";
const keys = {
  token: (id) => `${PREFIX}token.${id}`,
  outbox: (id) => `${PREFIX}outbox.${id}`,
  agreed: (id) => `${PREFIX}agreed.${id}`,
  draft: (id) => `${PREFIX}draft.${id}`,
  sent: (id) => `${PREFIX}sent.${id}`,
  // what helped: the replies on their way, what became of each, the lines being written
  replies: (id) => `${PREFIX}replies.${id}`,
  replied: (id) => `${PREFIX}replied.${id}`,
  replyDrafts: (id) => `${PREFIX}reply_drafts.${id}`,
};
// In sessionStorage: the confessions seen on the big screen (earlier.js).
const shownKey = (id) => `${PREFIX}shown.${id}`;
const SESSION_KEYS = Object.values(keys);

const ctx = {
  sessionId: null,
  token: null,
  joining: null,
  ended: false,
  outbox: null,
  sent: null,
  sentView: null,
  agreements: null,
  helped: null,
  shown: null,
  earlier: null,
  live: null,
  projectedId: null,
  // the confession being sent from the form right now (its first attempt)
  sending: null,
  sendTimer: null,
  // the client_id whose text is still in the form (not cleared yet)
  formHolds: null,
  arrived: false,
  hiddenSince: null,
  // what the laptop said last (title, prompt, agree_label, organisers_record), kept so
  // that a change of language can say it again
  details: {},
  // the facilitator's fixed language ("" for the phone's own choice)
  fixedLanguage: "",
  // the error code behind the agree note, if any
  agreeNote: null,
  // whether the connection status is showing (and the state it shows)
  connectionShown: null,
};

class SessionOver extends Error {}

// ---------------------------------------------------------------- token

function ensureToken() {
  if (ctx.ended) return Promise.reject(new SessionOver());
  if (ctx.token) return Promise.resolve(ctx.token);
  if (!ctx.joining) {
    ctx.joining = join().finally(() => {
      ctx.joining = null;
    });
  }
  return ctx.joining;
}

async function join() {
  for (let attempt = 0; ; attempt += 1) {
    if (ctx.ended) throw new SessionOver();
    const result = await call("POST", "/api/join", { body: envelope("join", {}) });
    if (result.kind === "ok" && typeof result.payload.token === "string") {
      const sessionId = result.payload.session_id;
      if (sessionId !== undefined && sessionId !== ctx.sessionId) {
        sessionReplaced();
        throw new SessionOver();
      }
      ctx.token = result.payload.token;
      setJSON(keys.token(ctx.sessionId), ctx.token);
      return ctx.token;
    }
    if (result.kind === "ended") {
      endSession();
      throw new SessionOver();
    }
    // rate limited, laptop busy or unreachable: wait a little longer each time
    await sleep(Math.max(backoff(attempt), result.retryAfter || 0));
  }
}

function dropToken(token) {
  if (token && ctx.token === token) {
    ctx.token = null;
    remove(keys.token(ctx.sessionId));
  }
}

/** POST one participant message; on 401 get a new token and try again. */
async function postMessage(type, payload) {
  for (let tries = 0; tries < 3; tries += 1) {
    let token;
    try {
      token = await ensureToken();
    } catch {
      return { kind: "ended", payload: {} };
    }
    const result = await call("POST", "/api/messages", { body: envelope(type, payload), token });
    if (result.kind !== "auth") return result;
    dropToken(token);
  }
  return { kind: "transient", code: "unknown_participant", payload: {} };
}

/** Over the live socket when it is up (one connection per phone), else over HTTP. */
async function sendMessage(type, payload) {
  const overSocket = ctx.live ? await ctx.live.request(type, payload) : null;
  if (overSocket && overSocket.kind !== "auth") return overSocket;
  return postMessage(type, payload);
}

// ---------------------------------------------------------------- session

function applySession(payload, serverAgreed, serverHelped) {
  if (!payload || typeof payload !== "object" || ctx.ended) return;
  if (payload.session_id !== undefined && payload.session_id !== ctx.sessionId) {
    sessionReplaced();
    return;
  }
  const named = ["title", "prompt", "agree_label", "organisers_record", "house_rules",
    "unshown_record", "accent", "logo"];
  for (const name of named) {
    if (Object.prototype.hasOwnProperty.call(payload, name)) ctx.details[name] = payload[name];
  }
  renderDetails();
  setLimits(payload.limits);
  renderLearnedField();
  updateCounters();
  if (ctx.helped) ctx.helped.setLimits(payload.limits);
  // The facilitator may fix the phones' language ("" or no field: each phone chooses).
  setFixedLanguage(typeof payload.language === "string" ? payload.language : "");
  if (payload.status === "ended") {
    endSession();
    return;
  }
  ctx.agreements.show(payload.projection || null, serverAgreed, serverHelped);
}

/** The laptop's texts (the session's own words), or the catalog's when it sent none. */
function renderDetails() {
  const { details } = ctx;
  const title = sessionWords(details.title, "session.title_default");
  ui.title.textContent = title;
  document.title = title === t("app.name") ? title : `${title} · ${t("app.name")}`;
  ui.prompt.textContent = sessionWords(details.prompt, "form.prompt_default");
  ui.agreeLabel.textContent = sessionWords(details.agree_label, "agree.default_label");
  if (typeof details.organisers_record === "boolean") {
    // What happens to a confession for the organisers only: the house rule of this session.
    ui.organisersNote.textContent = t(details.organisers_record
      ? "form.organisers_kept" : "form.organisers_not_kept");
    ui.organisersNote.dataset.kept = details.organisers_record ? "true" : "false";
  }
  renderHouseRules();
  renderAccent();
  renderLogo();
}

/** One rule a line; a bullet someone typed at the start of a line is the list's own. */
function ruleLines(text) {
  return text.split(/\r\n?|\n/u)
    .map((line) => line.replace(/^\s*(?:[-*\u2022\u2013]\s+)?/u, "").trim())
    .filter(Boolean);
}

function listItems(list, lines) {
  list.replaceChildren(...lines.map((line) => {
    const item = document.createElement("li");
    item.dir = "auto";
    item.textContent = line; // the facilitator's words: plain text
    return item;
  }));
}

/**
 * The house rules above the form: the facilitator's own (their words, as written), or
 * the default template in the page's language; then what the record keeps, as the
 * session says (the same announcements as the record's own house rules).
 */
function renderHouseRules() {
  const { details } = ctx;
  const own = typeof details.house_rules === "string" ? ruleLines(details.house_rules) : [];
  listItems(ui.houseRulesList, own.length ? own : ruleLines(t("house_rules.default")));
  ui.houseRulesList.dataset.source = own.length ? "facilitator" : "default";
  const record = [];
  if (details.unshown_record === true) record.push(t("house_rules.unshown_record"));
  if (details.organisers_record === true) record.push(t("house_rules.organisers_record"));
  listItems(ui.houseRulesRecord, record);
  ui.houseRulesRecord.hidden = record.length === 0;
}

let accentShown = null;

/** The organiser's colour for buttons and links, kept at 7:1 (contrast.js). */
function renderAccent() {
  const accent = typeof ctx.details.accent === "string" ? ctx.details.accent : "";
  if (accent === accentShown) return;
  accentShown = accent;
  const root = document.documentElement.style;
  const names = Array.from({ length: root.length }, (_, index) => root.item(index));
  for (const name of names) {
    if (name.startsWith("--org-")) root.removeProperty(name);
  }
  for (const [name, value] of Object.entries(accentProperties(accent))) {
    root.setProperty(name, value);
  }
}

// The organiser's logo in the header: the phone rendition, at most 160 × 40 CSS px with
// its 4 px of room for a plate all round (style.css), sized from the session so that
// nothing moves when it arrives.
const LOGO_BOX = { width: 160, height: 40, room: 4 };
let logoShown = null;

function renderLogo() {
  const logo = ctx.details.logo;
  const valid = logo && typeof logo === "object" && typeof logo.version === "string"
    && logo.version && logo.width > 0 && logo.height > 0;
  const key = valid ? `${logo.version} ${logo.width} ${logo.height} ${logo.ink}` : "";
  if (key === logoShown) return;
  logoShown = key;
  ui.body.classList.toggle("has-logo", Boolean(valid));
  if (!valid) {
    ui.logo.hidden = true;
    ui.logo.removeAttribute("src");
    delete ui.logo.dataset.ink;
    return;
  }
  const { width, height, room } = LOGO_BOX;
  const scale = Math.min((width - 2 * room) / logo.width, (height - 2 * room) / logo.height);
  ui.logo.width = Math.max(1, Math.round(logo.width * scale)) + 2 * room;
  ui.logo.height = Math.max(1, Math.round(logo.height * scale)) + 2 * room;
  ui.logo.style.aspectRatio = `${ui.logo.width} / ${ui.logo.height}`; // when narrowed
  ui.logo.dataset.ink = logo.ink === "dark" || logo.ink === "light" ? logo.ink : "opaque";
  ui.logo.src = `/api/logo/${encodeURIComponent(logo.version)}/phone`;
  ui.logo.hidden = false;
}

/** "What I learned" only when the session asks for it (limits.learned 0: it does not). */
function learnedOffered() {
  return currentLimits().learned > 0;
}

function renderLearnedField() {
  ui.learnedField.hidden = !learnedOffered();
  if (!learnedOffered() && ui.learned.value.trim()) {
    // Asked no more (the set-up changed while it was written): it joins the text, kept.
    ui.text.value = ui.text.value.trim()
      ? `${ui.text.value}\n\n${ui.learned.value}` : ui.learned.value;
    ui.learned.value = "";
    saveDraftNow();
  }
}

function renderProjection() {
  const view = ctx.agreements ? ctx.agreements.view() : null;
  const projection = view ? currentProjection : null;
  if (ctx.helped) ctx.helped.show(projection);
  if (!view || !projection) {
    if (ui.projected.contains(document.activeElement)) ui.liveHeading.focus();
    ui.projected.hidden = true;
    ui.waiting.hidden = false;
    if (ctx.projectedId !== null) {
      ctx.projectedId = null;
      renderEarlier();
    }
    return;
  }
  if (ctx.projectedId !== view.id) {
    ctx.projectedId = view.id;
    renderEarlier();
    setAgreeNote(null);
    ui.projected.classList.remove("is-new");
    // restart the gentle entrance (skipped when reduced motion is asked for)
    void ui.projected.offsetWidth;
    ui.projected.classList.add("is-new");
  }
  ui.projectedText.textContent = projection.text || "";
  const learned = typeof projection.learned === "string" ? projection.learned.trim() : "";
  ui.projectedLearned.textContent = learned;
  ui.learnedWrap.hidden = !learned;
  ui.agree.setAttribute("aria-pressed", view.pressed ? "true" : "false");
  ui.agreeCount.textContent = i18n.formatNumber(view.count);
  ui.agreeCountWords.textContent = `, ${tn("agree.count", view.count)}`;
  ui.agree.classList.toggle("is-pending", view.pending);
  ui.waiting.hidden = true;
  ui.projected.hidden = false;
}

// The latest projection payload (text, learned); agreements keep the counts.
let currentProjection = null;

function trackProjection(payload) {
  if (payload && Object.prototype.hasOwnProperty.call(payload, "projection")) {
    currentProjection = payload.projection && typeof payload.projection === "object"
      ? payload.projection : null;
    if (ctx.shown && payload.status !== "ended" && ctx.shown.see(currentProjection)) {
      renderEarlier();
    }
  }
}

/** "Shown earlier": every confession seen on the big screen but the one there now. */
function renderEarlier() {
  if (!ctx.earlier || !ctx.shown || ctx.ended) return;
  const onScreen = currentProjection ? currentProjection.confession_id : null;
  ctx.earlier.render(ctx.shown.earlier(onScreen));
}

function endSession() {
  if (ctx.ended) return;
  ctx.ended = true;
  if (ctx.outbox) ctx.outbox.stop();
  if (ctx.sent) ctx.sent.stop();
  if (ctx.agreements) ctx.agreements.stop();
  if (ctx.helped) ctx.helped.stop();
  if (ctx.earlier) ctx.earlier.stop();
  if (ctx.shown) ctx.shown.forget();
  if (ctx.live) ctx.live.stop();
  clearTimeout(ctx.sendTimer);
  if (ctx.sessionId !== null) {
    // Nothing of this session needs to stay on the phone.
    for (const key of SESSION_KEYS) removeTree(key(ctx.sessionId));
  }
  const hadFocus = ui.compose.contains(document.activeElement)
    || ui.live.contains(document.activeElement);
  ui.body.classList.remove("is-loading");
  ui.loading.hidden = true;
  ui.live.hidden = true;
  ui.compose.hidden = true;
  ui.ended.hidden = false;
  setConnection("ended");
  if (hadFocus) ui.endedTitle.focus();
}

/** The laptop now runs another session: start over with a fresh page. */
function sessionReplaced() {
  if (ctx.ended) return;
  saveDraftNow();
  ctx.ended = true;
  if (ctx.live) ctx.live.stop();
  window.location.reload();
}

// ---------------------------------------------------------------- connection status

let connectionTimer = null;

function setConnection(state) {
  clearTimeout(connectionTimer);
  ui.connection.dataset.state = state;
  if (state === "live" || state === "ended") {
    ctx.connectionShown = null;
    ui.connection.textContent = "";
    ui.connection.classList.remove("is-visible");
    return;
  }
  // Only speak up when it lasts: a quick reconnect should go unnoticed.
  connectionTimer = setTimeout(() => {
    ctx.connectionShown = state;
    renderConnection();
    ui.connection.classList.add("is-visible");
  }, state === "reconnecting" ? 1200 : 2000);
}

function renderConnection() {
  if (!ctx.connectionShown) return;
  ui.connection.textContent = t(ctx.connectionShown === "reconnecting" ? "status.reconnecting"
    : "status.connecting");
}

/** The laptop refused an agreement: with the confession, or with one of its replies. */
function onAgreementRefused(code, id) {
  if (id === ctx.projectedId) setAgreeNote(code);
  else if (ctx.helped) ctx.helped.refused();
}

function setAgreeNote(code) {
  ctx.agreeNote = code || null;
  if (!code) ui.agreeNote.textContent = "";
  else ui.agreeNote.textContent = code === "not_shown" ? t("agree.refused") : i18n.errorText(code);
  if (code) reveal(ui.agreeNote);
}

// ---------------------------------------------------------------- form

// Nothing is cut off: the counter says by how much a paste is over (counter.js).
function updateCounters() {
  const limits = currentLimits();
  updateCounter(ui.text, ui.textCounter, limits.text);
  updateCounter(ui.learned, ui.learnedCounter, limits.learned);
  renderSendBlocked();
  ui.organisersBox.classList.toggle("is-checked", ui.organisers.checked);
}

/** The fields that are over their limit: Send says why it cannot send them. */
function renderSendBlocked() {
  const limits = currentLimits();
  const over = [];
  if (length(ui.text.value) > limits.text) {
    over.push(t("form.too_long_to_send", { max: i18n.formatNumber(limits.text) }));
  }
  if (learnedOffered() && length(ui.learned.value) > limits.learned) {
    over.push(t("form.learned_too_long_to_send", { max: i18n.formatNumber(limits.learned) }));
  }
  const said = over.join(" ");
  if (ui.sendBlocked.textContent !== said) ui.sendBlocked.textContent = said;
  // Not disabled: pressed, it says why again and takes the eye to the field.
  ui.send.dataset.blocked = said ? "true" : "false";
}

/** An error code's sentence, with the session's own limits filled in. */
function formErrorText(code) {
  const limits = currentLimits();
  if (code === "text_too_long") {
    return t("form.text_too_long", { max: i18n.formatNumber(limits.text) });
  }
  if (code === "learned_too_long") {
    return t("form.learned_too_long", { max: i18n.formatNumber(limits.learned) });
  }
  return i18n.errorText(code);
}

function fieldFor(code) {
  return code && code.startsWith("learned_") && learnedOffered() ? ui.learned : ui.text;
}

function showFieldError(code, { focus = false } = {}) {
  clearFieldError();
  const field = fieldFor(code);
  const counter = field === ui.learned ? ui.learnedCounter : ui.textCounter;
  counter.after(ui.fieldError);
  ui.fieldError.textContent = formErrorText(code);
  ui.fieldError.dataset.code = code;
  ui.fieldError.hidden = false;
  field.setAttribute("aria-invalid", "true");
  const described = field.getAttribute("aria-describedby") || "";
  if (!described.split(" ").includes("field-error")) {
    field.setAttribute("aria-describedby", `${described} field-error`.trim());
  }
  if (focus) field.focus({ preventScroll: true });
  reveal(ui.fieldError, "end"); // the reason where the eye is, its field just above it
}

function clearFieldError() {
  ui.fieldError.hidden = true;
  ui.fieldError.textContent = "";
  delete ui.fieldError.dataset.code;
  for (const field of [ui.text, ui.learned]) {
    field.removeAttribute("aria-invalid");
    const described = (field.getAttribute("aria-describedby") || "")
      .split(" ").filter((id) => id && id !== "field-error").join(" ");
    field.setAttribute("aria-describedby", described);
  }
}

let draftTimer = null;

function saveDraftNow() {
  clearTimeout(draftTimer);
  if (ctx.sessionId === null || ctx.ended) return;
  if (ui.text.value || ui.learned.value || ui.organisers.checked) {
    setJSON(keys.draft(ctx.sessionId), {
      text: ui.text.value,
      learned: ui.learned.value,
      for_organisers: ui.organisers.checked,
    });
  } else {
    remove(keys.draft(ctx.sessionId));
  }
}

function onInput(event) {
  updateCounters();
  if (!ui.fieldError.hidden && event.target === fieldFor(ui.fieldError.dataset.code)) {
    clearFieldError();
  }
  if (ctx.arrived) {
    ctx.arrived = false;
    renderSendStatus();
  }
  clearTimeout(draftTimer);
  draftTimer = setTimeout(saveDraftNow, 400);
}

function clearForm() {
  ui.text.value = "";
  ui.learned.value = "";
  ui.organisers.checked = false;
  ctx.formHolds = null;
  updateCounters();
  saveDraftNow();
}

/** A confession the laptop refused for good comes back into the form, nothing lost. */
function restoreIntoForm(item) {
  const join = (earlier, now) => (now.trim() ? `${earlier}\n\n${now}` : earlier);
  if (learnedOffered()) {
    ui.text.value = join(item.text, ui.text.value);
    ui.learned.value = join(item.learned || "", ui.learned.value);
  } else {
    // The session no longer asks what was learned: the lesson stays, in the text.
    const whole = item.learned && item.learned.trim()
      ? `${item.text}\n\n${item.learned}` : item.text;
    ui.text.value = join(whole, ui.text.value);
  }
  // Never let one meant for the organisers alone come back as one for the screen.
  if (item.for_organisers === true) ui.organisers.checked = true;
  updateCounters();
  saveDraftNow();
}

function setSending(clientId) {
  ctx.sending = clientId;
  clearTimeout(ctx.sendTimer);
  // aria-disabled rather than disabled: the button keeps the keyboard focus.
  ui.send.setAttribute("aria-disabled", clientId ? "true" : "false");
  ui.send.textContent = clientId ? t("form.sending") : t("form.send");
  ui.form.setAttribute("aria-busy", clientId ? "true" : "false");
}

function submit(event) {
  event.preventDefault();
  if (ctx.ended || ctx.sending || !ctx.outbox) return;
  clearFieldError();
  const text = ui.text.value;
  const learned = learnedOffered() && ui.learned.value.trim() ? ui.learned.value : "";
  const code = checkConfession(text, learned);
  if (code) {
    showFieldError(code, { focus: true });
    return;
  }
  const item = { client_id: newClientId(), text, learned, for_organisers: ui.organisers.checked };
  ctx.arrived = false;
  ctx.sentView.say("idle");
  ctx.formHolds = item.client_id;
  setSending(item.client_id);
  renderSendStatus();
  // If the laptop is slow to answer, the confession is safe on the phone already:
  // say so and free the form.
  ctx.sendTimer = setTimeout(() => {
    if (ctx.sending === item.client_id) {
      setSending(null);
      if (ctx.formHolds === item.client_id) clearForm();
      renderSendStatus();
    }
  }, 4000);
  ctx.outbox.add(item); // stored first, then sent
  renderSent();
}

function onOutbox(event, item, result) {
  const mine = item && ctx.sending === item.client_id;
  // Taken back while it was on its way: its withdrawal goes once this answer is in.
  const takenBack = item && ctx.sent.isWithdrawing(item.client_id);
  switch (event) {
    case "sent":
      if (mine) setSending(null);
      if (ctx.formHolds === item.client_id) clearForm();
      ctx.sent.received(item.client_id, item.text, item.for_organisers === true);
      ctx.arrived = !takenBack;
      break;
    case "rejected":
      if (mine) setSending(null);
      if (takenBack) break; // refused and taken back: nothing to bring back into the form
      if (ctx.formHolds === item.client_id) {
        ctx.formHolds = null; // the text is still in the form
      } else {
        restoreIntoForm(item);
      }
      ctx.arrived = false;
      showFieldError(result.code, { focus: mine });
      break;
    case "waiting":
      if (mine) setSending(null);
      if (ctx.formHolds === item.client_id) clearForm();
      break;
    case "ended":
      endSession();
      return;
    default:
      break;
  }
  ctx.sent.kick(); // a withdrawal may have waited for this answer
  renderSendStatus();
  renderSent();
}

// ---------------------------------------------------------------- sent from this phone

/** What the list shows: newest first, those still in the outbox as "Sending…". */
function sentRows() {
  const entries = ctx.sent.entries();
  const listed = new Set(entries.map((entry) => entry.client_id));
  const queued = ctx.outbox.items()
    .filter((item) => !listed.has(item.client_id))
    .map((item) => ({
      client_id: item.client_id,
      excerpt: excerptOf(item.text),
      state: "sending",
      for_organisers: item.for_organisers === true,
    }));
  return [...queued.reverse(), ...entries.reverse()];
}

function renderSent() {
  if (ctx.ended || !ctx.sentView) return;
  ctx.sentView.render(sentRows());
}

/** A withdrawal is being asked about: earlier news (sent, withdrawn) is stale now. */
function quietStatuses() {
  ctx.sentView.say("idle");
  if (ctx.arrived) {
    ctx.arrived = false;
    renderSendStatus();
  }
}

/** The author confirmed: take it back. */
function withdraw(clientId) {
  if (ctx.ended) return;
  const queued = ctx.outbox.item(clientId);
  if (queued) {
    if (ctx.sending === clientId) setSending(null);
    // Its text stays in the form if it is still there: to edit and send again, or not.
    if (ctx.formHolds === clientId) ctx.formHolds = null;
    const mayHaveLeft = ctx.outbox.mayHaveLeft(clientId);
    ctx.outbox.drop(clientId);
    if (mayHaveLeft) {
      // An attempt was made: the laptop may have it even though no answer came back.
      ctx.sent.withdraw(clientId, queued.text, queued.for_organisers === true);
    } else {
      ctx.sentView.say("done", () => t("sent.withdrawn")); // it never left the phone
    }
  } else {
    ctx.sent.withdraw(clientId);
  }
  renderSendStatus();
  renderSent();
}

function onSentResult(event, entry, result) {
  switch (event) {
    case "withdrawn":
      ctx.sentView.say("done", () => t("sent.withdrawn"));
      break;
    case "shown":
      ctx.sentView.say("shown", () => i18n.errorText("already_shown"));
      break;
    case "refused":
      ctx.sentView.say("error", () => i18n.errorText(result.code));
      break;
    case "waiting":
      ctx.sentView.say("waiting", () => t("sent.waiting"));
      break;
    case "ended":
      endSession();
      return;
    default:
      break;
  }
  renderSent();
}

function renderSendStatus() {
  if (ctx.ended) return;
  const waiting = ctx.outbox ? ctx.outbox.size() : 0;
  let state = "idle";
  if (ctx.sending) state = "sending";
  else if (waiting > 0) state = "saved";
  else if (ctx.arrived) state = "arrived";
  const changed = ui.status.dataset.state !== state;
  ui.status.dataset.state = state;
  // Where the eye is after Send: the answer must not sit below the fold.
  if (changed && state !== "idle") reveal(ui.status);
  if (state === "sending") {
    ui.statusText.textContent = t("send.sending");
    ui.statusHint.textContent = "";
  } else if (state === "saved") {
    ui.statusText.textContent = tn("send.saved", waiting);
    ui.statusHint.textContent = t("send.saved_hint");
  } else if (state === "arrived") {
    ui.statusText.textContent = t("send.arrived");
    ui.statusHint.textContent = t("send.arrived_hint");
  } else {
    ui.statusText.textContent = "";
    ui.statusHint.textContent = "";
  }
}

// ---------------------------------------------------------------- live

function onLiveMessage(message) {
  const { type, payload } = message;
  if (type === "state") {
    trackProjection(payload);
    // `helped`: the replies this phone said helped it too (none when left out).
    applySession(
      payload,
      typeof payload.agreed === "boolean" ? payload.agreed : undefined,
      Array.isArray(payload.helped) ? payload.helped : [],
    );
  } else if (type === "session") {
    trackProjection(payload);
    applySession(payload);
  } else if (type === "count") {
    if (ctx.agreements) ctx.agreements.count(payload.confession_id, payload.count);
  } else if (type === "error" && payload.code === "session_ended") {
    endSession();
  }
}

function retryEverythingNow() {
  if (ctx.ended) return;
  ctx.outbox.kick();
  ctx.sent.kick();
  ctx.agreements.retryNow();
  ctx.helped.kick();
}

function onVisibility() {
  if (document.visibilityState === "hidden") {
    ctx.hiddenSince = Date.now();
    saveDraftNow();
    return;
  }
  const away = ctx.hiddenSince ? Date.now() - ctx.hiddenSince : 0;
  ctx.hiddenSince = null;
  if (ctx.ended || !ctx.live) return;
  // A phone that slept may hold a dead socket that still looks open: start afresh.
  if (away > 20000) ctx.live.reconnectNow();
  retryEverythingNow();
}

// ---------------------------------------------------------------- start

async function fetchSession() {
  for (let attempt = 0; ; attempt += 1) {
    const result = await call("GET", "/api/session");
    if (result.kind === "ok" && result.type === "session" && result.payload.session_id !== undefined) {
      return result.payload;
    }
    if (attempt === 1) {
      ui.loading.setAttribute("data-i18n", "page.unreachable");
      ui.loading.textContent = t("page.unreachable");
    }
    await sleep(backoff(attempt, 1000, 10000));
  }
}

// ---------------------------------------------------------------- language

let switching = 0;

/** Show the page in `code` (a catalog that exists), every text at once, without a reload. */
async function showLanguage(code) {
  const ticket = ++switching;
  await i18n.use(code);
  if (ticket !== switching) return; // a later choice overtook this one: it says it all
  retranslate();
}

function retranslate() {
  i18n.apply();
  ui.languageSelect.value = i18n.language();
  renderDetails();
  updateCounters();
  ui.send.textContent = ctx.sending ? t("form.sending") : t("form.send");
  renderConnection();
  setAgreeNote(ctx.agreeNote);
  if (!ui.fieldError.hidden && ui.fieldError.dataset.code) {
    ui.fieldError.textContent = formErrorText(ui.fieldError.dataset.code);
  }
  if (ctx.agreements) renderProjection();
  if (ctx.helped && !ctx.ended) ctx.helped.retranslate();
  if (ctx.earlier && !ctx.ended) ctx.earlier.retranslate();
  if (ctx.sentView && !ctx.ended) {
    ctx.sentView.retranslate();
    renderSendStatus();
  }
}

/** The switcher: every catalog in its own name; hidden when the facilitator fixed one. */
function buildSwitcher() {
  const select = ui.languageSelect;
  select.replaceChildren(...i18n.languages().map(({ code, name }) => {
    const option = document.createElement("option");
    option.value = code;
    option.textContent = name;
    option.lang = code;
    option.dir = i18n.isRtl(code) ? "rtl" : "ltr";
    return option;
  }));
  select.value = i18n.language();
  select.addEventListener("change", () => {
    i18n.remember(select.value);
    showLanguage(select.value);
  });
  renderSwitcher();
}

function renderSwitcher() {
  ui.language.hidden = Boolean(ctx.fixedLanguage) || i18n.languages().length < 2;
}

function setFixedLanguage(language) {
  const fixed = i18n.match(language); // a language without a catalog is not fixed here
  if (fixed === ctx.fixedLanguage) return;
  ctx.fixedLanguage = fixed;
  renderSwitcher();
  const wanted = i18n.pick(fixed);
  if (wanted !== i18n.language()) showLanguage(wanted);
}

// ---------------------------------------------------------------- start

async function start() {
  setConnection("connecting");
  // English and the phone's own language first (so "Connecting…" speaks it), the
  // session beside it; a language the facilitator fixed follows before anything shows.
  const [, session] = await Promise.all([
    i18n.load({ choose: true }).then(() => i18n.apply()),
    fetchSession(),
  ]);
  const fixed = i18n.match(typeof session.language === "string" ? session.language : "");
  if (fixed && fixed !== i18n.language()) {
    await i18n.use(fixed);
    i18n.apply();
  }
  buildSwitcher();
  updateCounters();
  ctx.sessionId = session.session_id;
  const stored = getJSON(keys.token(ctx.sessionId), null);
  ctx.token = typeof stored === "string" && stored ? stored : null;

  ctx.agreements = new Agreements({
    key: keys.agreed(ctx.sessionId),
    post: (payload) => sendMessage("agreement.set", payload),
    onChange: renderProjection,
    onRefused: onAgreementRefused,
    onEnded: endSession,
  });
  ctx.helped = new WhatHelped({
    elements: ui.helped,
    keys: {
      outbox: keys.replies(ctx.sessionId),
      outcomes: keys.replied(ctx.sessionId),
      drafts: keys.replyDrafts(ctx.sessionId),
    },
    send: sendMessage,
    agreements: ctx.agreements,
    onEnded: endSession,
    onChange: () => {
      if (ctx.earlier && !ctx.ended) ctx.earlier.render();
    },
  });
  forgetOtherSessions(`${PREFIX}shown.`, shownKey(ctx.sessionId));
  ctx.shown = new ShownHistory(shownKey(ctx.sessionId));
  ctx.earlier = new EarlierView({ ...ui.earlier, helped: ctx.helped });
  ctx.outbox = new Outbox({
    key: keys.outbox(ctx.sessionId),
    send: (item) => postMessage("confession.submit", {
      client_id: item.client_id,
      text: item.text,
      learned: item.learned || "",
      for_organisers: item.for_organisers === true,
    }),
    on: onOutbox,
  });
  // lists of earlier sessions, and their replies (the laptop no longer takes them)
  for (const name of ["sent", "replies", "replied", "reply_drafts"]) {
    removeTree(`${PREFIX}${name}`, `${PREFIX}${name}.${ctx.sessionId}`);
  }
  ctx.sent = new SentList({
    key: keys.sent(ctx.sessionId),
    post: (clientId) => sendMessage("confession.withdraw", { client_id: clientId }),
    busy: (clientId) => ctx.outbox.inflight === clientId,
    onChange: renderSent,
    onResult: onSentResult,
  });
  ctx.sentView = new SentView({
    section: ui.sent,
    heading: ui.sentHeading,
    list: ui.sentList,
    status: ui.sentStatus,
    t,
    onWithdraw: withdraw,
    onAsk: quietStatuses,
  });

  trackProjection(session);
  applySession(session);
  if (ctx.ended) return;
  renderEarlier(); // kept through a reload (sessionStorage)

  const draft = getJSON(keys.draft(ctx.sessionId), null);
  if (draft && typeof draft === "object") {
    if (typeof draft.text === "string" && !ui.text.value) ui.text.value = draft.text;
    if (typeof draft.learned === "string" && !ui.learned.value) ui.learned.value = draft.learned;
    if (draft.for_organisers === true) ui.organisers.checked = true;
    renderLearnedField(); // a lesson the session no longer asks for joins the text
    updateCounters();
  }

  ui.body.classList.remove("is-loading");
  ui.loading.hidden = true;
  ui.live.hidden = false;
  ui.compose.hidden = false;
  renderSendStatus();
  renderSent();

  ctx.outbox.kick(); // anything left from before a reload goes now
  ctx.sent.kick(); // and so do withdrawals
  ctx.helped.kick(); // and replies

  ctx.live = new Live({
    getToken: ensureToken,
    onMessage: onLiveMessage,
    onStatus: setConnection,
    onGreeted: retryEverythingNow,
    onUnknown: dropToken,
  });
  ctx.live.start();

  window.addEventListener("online", () => {
    if (ctx.ended) return;
    ctx.live.reconnectNow();
    retryEverythingNow();
  });
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("pagehide", saveDraftNow);
}

ui.form.addEventListener("submit", submit);
ui.text.addEventListener("input", onInput);
ui.learned.addEventListener("input", onInput);
ui.organisers.addEventListener("change", () => {
  updateCounters();
  saveDraftNow();
});
ui.agree.addEventListener("click", () => {
  if (ctx.agreements && !ctx.ended) {
    setAgreeNote(null);
    ctx.agreements.tap();
  }
});

start();
