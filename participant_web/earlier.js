// "Shown earlier": the confessions this phone has seen on the big screen in this
// session, so that what helped can be added to one after it has left the screen (the
// laptop takes a reply to any confession shown in the session until it ends:
// docs/protocol.md, reply.submit). Only their public, shown text is kept: in memory
// and in sessionStorage (one key per session, gone when the tab closes or the session
// ends), so a reload keeps the list.
//
// Each row: the start of the confession and either "Add what helped" (a one-line form
// opens in place) or what became of this phone's reply: on its way, sent, already sent,
// or refused (the text comes back into the form with the reason). One reply per phone
// per confession, the same outbox and memory as under the confession on screen
// (replies.js). Every text is rendered with textContent only.

import * as i18n from "./i18n.js";
import { updateCounter } from "./counter.js";
import { element, renderRows } from "./rows.js";
import { excerptOf } from "./sent.js";
import { oneLine, replyErrorText } from "./replies.js";
import { reveal } from "./reveal.js";

const { t, tn } = i18n;
const EXCERPT_LENGTH = 90;
const FOLDED = 3; // rows shown until "Show all": the form below stays near
const LINE_BREAK = /[\r\n\u2028\u2029]/u;

function session() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Forget the lists of other sessions (`prefix` followed by a session id) but `keep`. */
export function forgetOtherSessions(prefix, keep) {
  const storage = session();
  if (!storage) return;
  try {
    const doomed = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key && key.startsWith(prefix) && key !== keep) doomed.push(key);
    }
    doomed.forEach((key) => storage.removeItem(key));
  } catch {
    // nothing to do
  }
}

/** The confessions seen on the big screen in one session: [{ confession_id, text }]. */
export class ShownHistory {
  constructor(key) {
    this.key = key;
    this.list = [];
    try {
      const stored = JSON.parse(session()?.getItem(key) || "[]");
      if (Array.isArray(stored)) {
        this.list = stored.filter((entry) => entry && typeof entry.confession_id === "number"
          && typeof entry.text === "string");
      }
    } catch {
      this.list = [];
    }
  }

  /** The projection on screen now (or null): remembered, its text kept up to date. */
  see(projection) {
    if (!projection || typeof projection.confession_id !== "number") return false;
    const id = projection.confession_id;
    const text = typeof projection.text === "string" ? projection.text : "";
    const known = this.list.find((entry) => entry.confession_id === id);
    if (known && known.text === text) return false;
    if (known) known.text = text;
    else this.list.push({ confession_id: id, text });
    this.save();
    return true;
  }

  /** Newest first, without `currentId` (the one on screen has its own form). */
  earlier(currentId) {
    return this.list.filter((entry) => entry.confession_id !== currentId).reverse();
  }

  save() {
    try {
      session()?.setItem(this.key, JSON.stringify(this.list));
    } catch {
      // full or refused: the memory copy keeps the list for the life of the page
    }
  }

  forget() {
    this.list = [];
    try {
      session()?.removeItem(this.key);
    } catch {
      // nothing to do
    }
  }
}

export class EarlierView {
  /**
   * section, heading, list, more: the elements (index.html, #earlier…)
   * helped: the page's WhatHelped (replies.js): the outbox, the memory, the rules
   */
  constructor({ section, heading, list, more, helped }) {
    this.section = section;
    this.heading = heading;
    this.list = list;
    this.more = more;
    this.expanded = false;
    more.addEventListener("click", () => {
      this.expanded = !this.expanded;
      this.render();
    });
    this.helped = helped;
    this.rows = new Map(); // confession id -> { li, parts }
    this.open = null; // the confession whose form is open
    this.errors = new Map(); // confession id -> a code found here before sending
    this.last = [];
    this.states = new Map(); // confession id -> the state rendered last
    this.stopped = false;
  }

  render(entries = this.last) {
    this.last = entries;
    this.section.hidden = this.stopped || entries.length === 0;
    if (this.section.hidden) return;
    const active = document.activeElement;
    const focusedRow = active && this.list.contains(active) ? active.closest("li") : null;
    // The newest few, and the one being answered wherever it is; all when asked.
    const shown = this.expanded || entries.length <= FOLDED ? entries
      : entries.filter((entry, index) => index < FOLDED || entry.confession_id === this.open);
    this.more.hidden = entries.length <= FOLDED;
    this.more.setAttribute("aria-expanded", this.expanded ? "true" : "false");
    this.more.textContent = this.expanded ? t("earlier.show_fewer")
      : t("earlier.show_all", { count: i18n.formatNumber(entries.length) });
    renderRows({
      list: this.list,
      rows: this.rows,
      items: shown,
      keyOf: (entry) => entry.confession_id,
      build: (id) => this.build(id),
      fill: (entry, row) => this.fill(entry, row),
    });
    if (focusedRow && (!this.list.contains(document.activeElement)
      || !document.activeElement.getClientRects().length)) {
      if (focusedRow.isConnected) focusedRow.querySelector(".earlier-status").focus();
      else this.heading.focus();
    }
  }

  build(id) {
    const li = element("li", "earlier-item", "earlier-item");
    li.dataset.confessionId = String(id);
    const excerpt = element("p", "earlier-excerpt", "earlier-excerpt");
    excerpt.id = `earlier-excerpt-${id}`;
    excerpt.dir = "auto";
    const add = element("button", "earlier-add", "earlier-add");
    add.type = "button";
    add.setAttribute("aria-describedby", excerpt.id);
    const form = element("form", "earlier-form reply-form", "earlier-form");
    form.id = `earlier-form-${id}`;
    form.noValidate = true;
    form.autocomplete = "off";
    add.setAttribute("aria-controls", form.id);
    const label = element("label", "");
    const field = element("textarea", "earlier-field", "earlier-field");
    field.id = `earlier-field-${id}`;
    field.rows = 2;
    field.dir = "auto";
    field.setAttribute("enterkeyhint", "send");
    field.setAttribute("autocapitalize", "sentences");
    label.htmlFor = field.id;
    const counter = element("p", "counter", "earlier-counter");
    counter.id = `earlier-counter-${id}`;
    const error = element("p", "field-error", "earlier-error");
    error.id = `earlier-error-${id}`;
    error.setAttribute("role", "alert");
    error.hidden = true;
    field.setAttribute("aria-describedby", `${excerpt.id} ${counter.id}`);
    const row = element("div", "reply-row");
    const send = element("button", "send reply-send", "earlier-send");
    send.type = "submit";
    const cancel = element("button", "earlier-cancel", "earlier-cancel");
    cancel.type = "button";
    row.append(send, cancel, counter);
    form.append(label, field, error, row);
    const status = element("p", "earlier-status", "earlier-status");
    status.tabIndex = -1;
    status.setAttribute("role", "status");
    li.append(excerpt, add, form, status);

    add.addEventListener("click", () => {
      this.open = this.open === id ? null : id;
      this.render();
      if (this.open === id) field.focus();
    });
    cancel.addEventListener("click", () => {
      this.open = null;
      this.render();
      add.focus();
    });
    field.addEventListener("beforeinput", (event) => {
      if (event.inputType === "insertLineBreak" || event.inputType === "insertParagraph") {
        event.preventDefault();
        if (!event.isComposing) form.requestSubmit();
      }
    });
    field.addEventListener("input", () => {
      if (LINE_BREAK.test(field.value)) field.value = oneLine(field.value);
      this.errors.delete(id);
      this.helped.errors.delete(id);
      this.helped.saveDraft(id, field.value);
      this.fill(this.entryOf(id), this.rows.get(id));
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const code = this.helped.sendReply(id, field.value);
      if (code) {
        this.errors.set(id, code);
        this.fill(this.entryOf(id), this.rows.get(id));
        field.focus();
        reveal(error, "end");
        return;
      }
      this.errors.delete(id);
      this.open = null;
      field.value = "";
      this.render();
      status.focus();
    });
    return {
      li,
      parts: { excerpt, add, form, label, field, counter, error, send, cancel, status },
    };
  }

  entryOf(id) {
    return this.last.find((entry) => entry.confession_id === id) || { confession_id: id, text: "" };
  }

  fill(entry, { li, parts }) {
    const id = entry.confession_id;
    const state = this.helped.stateOf(id);
    const refused = this.errors.get(id) || this.helped.errorOf(id);
    const open = state === "open" && (this.open === id || Boolean(refused));
    li.dataset.state = state;
    parts.excerpt.textContent = t("sent.excerpt", { text: excerptOf(entry.text, EXCERPT_LENGTH) });
    parts.add.textContent = t("earlier.add");
    parts.add.hidden = state !== "open" || open;
    parts.add.setAttribute("aria-expanded", open ? "true" : "false");
    parts.form.hidden = !open;
    parts.label.textContent = t("reply.label");
    parts.send.textContent = t("form.send");
    parts.cancel.textContent = t("earlier.cancel");
    if (open && document.activeElement !== parts.field) {
      parts.field.value = this.helped.draft(id);
    }
    updateCounter(parts.field, parts.counter, this.helped.limit);
    parts.error.hidden = !refused;
    parts.error.textContent = refused ? replyErrorText(refused, this.helped.limit) : "";
    if (refused) parts.field.setAttribute("aria-invalid", "true");
    else parts.field.removeAttribute("aria-invalid");
    const said = {
      sending: t("send.sending"),
      saved: tn("send.saved", 1),
      sent: t("earlier.sent"),
      already: t("reply.already"),
    }[state] || "";
    parts.status.textContent = said;
    parts.status.dataset.state = state;
    const before = this.states.get(id);
    this.states.set(id, state);
    if (before && before !== state && said) reveal(parts.status);
  }

  retranslate() {
    this.render();
  }

  stop() {
    this.stopped = true;
    this.section.hidden = true;
  }
}
