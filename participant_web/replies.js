// "What helped": under the confession on the big screen, the replies the moderators
// approved, each with "This helped me too", and a one-line form for this phone's own
// (docs/protocol.md: reply.submit, projection.replies, limits.reply, state.helped).
//
// One reply per phone per confession. A reply is stored before it is sent, in an outbox
// of its own (outbox.js: retried until the laptop answers; its client_id makes a retry a
// duplicate, never a second reply). What became of this phone's reply to a confession
// (sent, or refused as already_replied) is remembered for the session, so a reload says
// the same; a reply refused for its text, or because its confession left the record,
// comes back into the form of that confession. "This helped me too" is an
// agreement with the reply itself (agree.js), restored from `state.helped`.
// Every text from the laptop or a person is rendered with textContent only.

import * as i18n from "./i18n.js";
import { Outbox } from "./outbox.js";
import { checkConfession, newClientId, normalise } from "./rules.js";
import { getJSON, setJSON, remove } from "./storage.js";
import { length, updateCounter } from "./counter.js";
import { element, renderRows } from "./rows.js";
import { reveal } from "./reveal.js";

const { t, tn } = i18n;
const DEFAULT_LIMIT = 200;
const OUTCOMES = new Set(["sent", "already"]);
// The confession left the record (or was never shown): no reply is taken now.
const CLOSED = new Set(["not_shown", "unknown_confession"]);
const LINE_BREAK = /[\r\n\u2028\u2029]/u;
const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*/gu;

/** The sentence for a reply refused with `code` (`max`: the session's reply limit). */
export function replyErrorText(code, max) {
  if (code === "text_too_long") return t("reply.too_long", { max: i18n.formatNumber(max) });
  return CLOSED.has(code) ? t("reply.not_shown") : i18n.errorText(code);
}

/** One line: every line break (a paste of several lines) becomes a space. */
export function oneLine(text) {
  return text.replace(LINE_BREAKS, " ");
}

/**
 * The error code for this reply, or null when the laptop will take it: the confession's
 * rules (rules.js, held to the laptop's), on one line, within `max` characters.
 */
export function checkReply(text, max) {
  if (LINE_BREAK.test(text)) return "text_forbidden_characters";
  return checkConfession(text, "") || (length(normalise(text)) > max ? "text_too_long" : null);
}

function isReply(reply) {
  return reply && typeof reply === "object" && typeof reply.reply_id === "number"
    && typeof reply.text === "string";
}

function isItem(item) {
  return typeof item.confession_id === "number";
}

export class WhatHelped {
  /**
   * elements:   the section and its parts (index.html, #helped…)
   * keys:       { outbox, outcomes, drafts }: localStorage keys, one each per session
   * send:       async (type, payload) => api result (the live socket, else HTTP)
   * agreements: the page's Agreements ("This helped me too" is one with the reply)
   * onEnded:    () => void
   */
  constructor({ elements, keys, send, agreements, onEnded, onChange }) {
    this.el = elements;
    this.keys = keys;
    this.agreements = agreements;
    this.onEnded = onEnded || (() => {});
    // () => void: what became of a reply changed (the "Shown earlier" list follows)
    this.onChange = onChange || (() => {});
    this.errors = new Map(); // confession id -> the code the laptop refused its reply with
    this.limit = DEFAULT_LIMIT;
    this.confessionId = null; // the confession on the big screen
    this.replies = []; // its approved replies, in the order approved
    this.waiting = false; // no answer yet: the outbox retries
    this.error = null; // the code behind the field's error
    this.note = null; // a "helped me too" the laptop refused
    this.rows = new Map(); // reply_id -> { li, parts }
    this.stopped = false;
    this.lastState = null; // the state rendered last, for the confession on screen
    this.outbox = new Outbox({
      key: keys.outbox,
      send: (item) => send("reply.submit", {
        client_id: item.client_id,
        confession_id: item.confession_id,
        text: item.text,
      }),
      on: (event, item, result) => this.onOutbox(event, item, result),
    });
    const { form, field } = elements;
    form.addEventListener("submit", (event) => this.submit(event));
    field.addEventListener("beforeinput", (event) => {
      // Enter sends: the answer is one line.
      if (event.inputType === "insertLineBreak" || event.inputType === "insertParagraph") {
        event.preventDefault();
        if (!event.isComposing) form.requestSubmit();
      }
    });
    field.addEventListener("input", () => this.onInput());
    // The page open twice on one phone: what one tab sent, the other says at once.
    window.addEventListener("storage", (event) => {
      if (event.key === null || event.key === keys.outbox || event.key === keys.outcomes) {
        this.render();
        this.onChange();
      }
    });
  }

  // ------------------------------------------------------------ what the laptop says

  /** The limits of the session (`limits.reply`, characters). */
  setLimits(limits) {
    if (limits && Number.isInteger(limits.reply) && limits.reply > 0) this.limit = limits.reply;
    this.updateCounter();
  }

  /** The projection (or null): its id and its approved replies; then render. */
  show(projection) {
    const id = projection && typeof projection.confession_id === "number"
      ? projection.confession_id : null;
    if (id !== this.confessionId) {
      this.confessionId = id;
      this.lastState = null;
      this.note = null;
      this.clearError();
      this.el.field.value = id === null ? "" : this.draft(id);
      this.updateCounter();
    }
    this.replies = id !== null && Array.isArray(projection.replies)
      ? projection.replies.filter(isReply) : [];
    this.render();
  }

  /** The laptop refused a "helped me too" (the reply is no longer shown). */
  refused() {
    this.note = "helped.refused";
    this.render();
    reveal(this.el.note);
  }

  // ------------------------------------------------------------ memory

  outcome(id) {
    const map = getJSON(this.keys.outcomes, {});
    const value = map && typeof map === "object" ? map[id] : undefined;
    return OUTCOMES.has(value) ? value : null;
  }

  setOutcome(id, value) {
    const map = getJSON(this.keys.outcomes, {});
    setJSON(this.keys.outcomes, { ...(map && typeof map === "object" ? map : {}), [id]: value });
  }

  draft(id) {
    const map = getJSON(this.keys.drafts, {});
    return map && typeof map[id] === "string" ? map[id] : "";
  }

  saveDraft(id, text) {
    const stored = getJSON(this.keys.drafts, {});
    const map = stored && typeof stored === "object" ? stored : {};
    if (text) map[id] = text;
    else delete map[id];
    if (Object.keys(map).length) setJSON(this.keys.drafts, map);
    else remove(this.keys.drafts);
  }

  pending(id) {
    return this.outbox.items().some((item) => isItem(item) && item.confession_id === id);
  }

  /** "none" (nothing on screen), "open" (the form), "sending", "saved", or an outcome. */
  state() {
    return this.stateOf(this.confessionId);
  }

  /** The same for any confession shown in this session (`id`), on screen or earlier. */
  stateOf(id) {
    if (id === null) return "none";
    if (this.pending(id)) return this.waiting ? "saved" : "sending";
    return this.outcome(id) || "open";
  }

  /** The code the laptop refused this confession's last reply with, or null. */
  errorOf(id) {
    return this.errors.get(id) || null;
  }

  /**
   * Send `text` as what helped with confession `id` (one shown earlier, or the one on
   * screen): stored first, then sent. Returns the code that refuses it here, or null.
   */
  sendReply(id, rawText) {
    if (this.stopped) return "session_ended";
    if (this.stateOf(id) !== "open") return null; // one went already (another tab)
    const text = oneLine(rawText);
    const code = checkReply(text, this.limit);
    if (code) return code;
    this.errors.delete(id);
    this.saveDraft(id, "");
    this.outbox.add({ client_id: newClientId(), confession_id: id, text }); // stored first
    this.onChange();
    return null;
  }

  // ------------------------------------------------------------ the form

  updateCounter() {
    updateCounter(this.el.field, this.el.counter, this.limit);
  }

  errorText(code) {
    return replyErrorText(code, this.limit);
  }

  showError(code, { focus = false } = {}) {
    const { error, field } = this.el;
    this.error = code;
    error.textContent = this.errorText(code);
    error.hidden = false;
    field.setAttribute("aria-invalid", "true");
    if (focus) field.focus();
    reveal(error, "end");
  }

  clearError() {
    const { error, field } = this.el;
    this.error = null;
    error.hidden = true;
    error.textContent = "";
    field.removeAttribute("aria-invalid");
  }

  onInput() {
    const { field } = this.el;
    if (LINE_BREAK.test(field.value)) {
      // Pasted lines become one, the caret where it was.
      const caret = oneLine(field.value.slice(0, field.selectionStart)).length;
      field.value = oneLine(field.value);
      field.setSelectionRange(caret, caret);
    }
    if (this.error) this.clearError();
    this.updateCounter();
    if (this.confessionId !== null) this.saveDraft(this.confessionId, field.value);
  }

  submit(event) {
    event.preventDefault();
    const id = this.confessionId;
    if (this.stopped || id === null) return;
    if (this.state() !== "open") {
      this.render(); // one went from another tab meanwhile: say so
      return;
    }
    const { field } = this.el;
    const text = oneLine(field.value);
    const code = checkReply(text, this.limit);
    if (code) {
      this.showError(code, { focus: true });
      return;
    }
    field.value = "";
    this.saveDraft(id, "");
    this.updateCounter();
    this.outbox.add({ client_id: newClientId(), confession_id: id, text }); // stored first
    this.render();
  }

  onOutbox(event, item, result) {
    if (event === "ended") {
      this.onEnded();
      return;
    }
    this.waiting = event === "waiting";
    if (event === "sent" && isItem(item)) this.setOutcome(item.confession_id, "sent");
    if (event === "rejected" && isItem(item)) this.rejected(item, result.code);
    this.render();
    this.onChange();
  }

  rejected(item, code) {
    const id = item.confession_id;
    if (code === "already_replied") {
      this.setOutcome(id, "already");
    } else {
      // Refused (the text, or the confession left the record meanwhile): it comes back,
      // nothing lost, with the reason if its confession is on the screen.
      const earlier = id === this.confessionId ? this.el.field.value : this.draft(id);
      const text = earlier.trim() ? `${item.text} ${earlier}` : item.text;
      this.saveDraft(id, text);
      if (id !== this.confessionId) {
        this.errors.set(id, code); // said in its row of "Shown earlier"
        return;
      }
      this.el.field.value = text;
      this.updateCounter();
      this.render();
      this.showError(code, { focus: this.el.section.contains(document.activeElement) });
    }
  }

  // ------------------------------------------------------------ the section

  render() {
    const { section, form, status, statusText, statusHint, note } = this.el;
    const state = this.state();
    section.hidden = state === "none" || this.stopped;
    if (section.hidden) return;
    section.dataset.state = state;
    this.renderList();
    // The form goes when a reply is on its way and comes back when one is refused: the
    // focus follows, so a keyboard is never lost.
    const inForm = form.contains(document.activeElement);
    const onStatus = status.contains(document.activeElement);
    form.hidden = state !== "open";
    status.dataset.state = state; // always rendered (a live region), no room when open
    const said = {
      sending: [t("send.sending"), ""],
      saved: [tn("send.saved", 1), t("send.saved_hint")],
      sent: [t("reply.sent"), ""],
      already: [t("reply.already"), ""],
    }[state] || ["", ""];
    statusText.textContent = said[0];
    statusHint.textContent = said[1];
    note.textContent = this.note ? t(this.note) : "";
    if (inForm && form.hidden) status.focus();
    else if (onStatus && !form.hidden) this.el.field.focus();
    // What became of the reply just sent is said where the eye is.
    if (state !== this.lastState) {
      const after = ["open", "sending", "saved"].includes(this.lastState);
      if (after && state !== "open") reveal(status);
      this.lastState = state;
    }
  }

  renderList() {
    const { list, heading } = this.el;
    const focused = list.contains(document.activeElement);
    renderRows({
      list,
      rows: this.rows,
      items: this.replies,
      keyOf: (reply) => reply.reply_id,
      build: (id) => this.build(id),
      fill: (reply, row) => this.fill(reply, row),
    });
    list.hidden = this.replies.length === 0;
    heading.hidden = list.hidden;
    // A reply set aside while its button had the focus: keep the focus in the section.
    if (focused && !list.contains(document.activeElement)) {
      (list.hidden ? this.el.field : heading).focus();
    }
  }

  build(id) {
    const li = element("li", "helped-item", "helped-item");
    li.dataset.replyId = String(id);
    const text = element("p", "helped-text", "helped-text");
    text.id = `helped-text-${id}`;
    text.dir = "auto";
    const button = element("button", "helped-too", "helped-too");
    button.type = "button";
    button.setAttribute("aria-describedby", text.id);
    const mark = element("span", "helped-mark");
    mark.setAttribute("aria-hidden", "true");
    const label = element("span", "helped-label");
    const count = element("span", "helped-count", "helped-count");
    count.setAttribute("aria-hidden", "true");
    const words = element("span", "visually-hidden");
    button.append(mark, label, count, words);
    li.append(text, button);
    button.addEventListener("click", () => {
      if (this.stopped) return;
      this.note = null;
      this.agreements.tap(id);
    });
    return { li, parts: { text, button, label, count, words } };
  }

  fill(reply, { parts }) {
    const view = this.agreements.view(reply.reply_id);
    const pressed = view ? view.pressed : false;
    const count = view ? view.count : reply.count;
    parts.text.textContent = reply.text;
    parts.label.textContent = t("helped.too");
    parts.count.textContent = i18n.formatNumber(count);
    parts.words.textContent = `, ${tn("agree.count", count)}`;
    parts.button.setAttribute("aria-pressed", pressed ? "true" : "false");
    parts.button.classList.toggle("is-pending", Boolean(view && view.pending));
  }

  /** The language changed: every text again, in place. */
  retranslate() {
    this.updateCounter();
    if (this.error) this.el.error.textContent = this.errorText(this.error);
    this.render();
  }

  // ------------------------------------------------------------ the outbox

  /** Send (or retry) now: the socket is back, the page visible again, the network back. */
  kick() {
    if (!this.stopped) this.outbox.kick();
  }

  stop() {
    this.stopped = true;
    this.outbox.stop();
  }
}
