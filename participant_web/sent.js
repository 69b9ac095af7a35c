// "Sent from this phone": the confessions this phone has had acknowledged in this
// session, so that their author can withdraw one until it has been on the screen
// (docs/protocol.md, "confession.withdraw → confession.withdrawn").
//
// Each entry is { client_id, excerpt, state, for_organisers? } in localStorage (one key
// per session); for_organisers (true, or absent) marks one sent for the organisers only:
//   "received"     acknowledged by the laptop; may be withdrawn
//   "withdrawing"  the author confirmed; sent (and retried) until the laptop answers
//   "shown"        refused with already_shown: it has been on the screen and stays
// The phone never learns what moderators did with a confession and never guesses
// (it has no ids for its own confessions): the laptop's refusal is the only source of
// "shown". Withdrawals are retried like the outbox's sends (retrying.js); a retry is
// always safe. One for the organisers only is never shown, so it may be withdrawn until
// the session ends; the list says only that it went to them, never what they did.

import { Retrying } from "./retrying.js";
import { renderRows } from "./rows.js";
import { reveal } from "./reveal.js";
import { getJSON, setJSON, remove } from "./storage.js";

const STATES = new Set(["received", "withdrawing", "shown"]);
const EXCERPT_LENGTH = 60;

function isEntry(entry) {
  return entry && typeof entry === "object" && typeof entry.client_id === "string"
    && typeof entry.excerpt === "string" && STATES.has(entry.state);
}

function graphemes(text) {
  if (typeof Intl === "object" && typeof Intl.Segmenter === "function") {
    return Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text),
      (part) => part.segment);
  }
  return Array.from(text);
}

/**
 * The start of a confession, on one line: enough for its author to recognise it in the
 * list. Only this excerpt stays on the phone once the laptop has the confession; the
 * whole text was only ever where the person typed it (and in the outbox until sent),
 * so a phone left on a table shows little of what was confessed.
 */
export function excerptOf(text, length = EXCERPT_LENGTH) {
  const flat = String(text).replace(/\s+/gu, " ").trim();
  const parts = graphemes(flat);
  if (parts.length <= length) return flat;
  let cut = parts.slice(0, length).join("");
  const space = cut.lastIndexOf(" ");
  if (space >= length * 0.6) cut = cut.slice(0, space); // end on a whole word if one is near
  return `${cut.replace(/[\s.,;:!?…-]+$/u, "")}…`;
}

export class SentList extends Retrying {
  /**
   * key:        the localStorage key (one per session)
   * post:       async (client_id) => result of api.call for confession.withdraw
   * busy:       (client_id) => true while the outbox is still sending that confession
   *             (its withdrawal waits for that answer, or it could overtake it)
   * onChange:   () => void, re-render
   * onResult:   (event, entry, result) with event one of
   *             "withdrawn" | "shown" | "refused" | "waiting" | "ended"
   */
  constructor({ key, post, busy, onChange, onResult }) {
    super();
    this.key = key;
    this.post = post;
    this.busy = busy || (() => false);
    this.onChange = onChange || (() => {});
    this.onResult = onResult || (() => {});
  }

  entries() {
    const list = getJSON(this.key, []);
    return Array.isArray(list) ? list.filter(isEntry) : [];
  }

  entry(clientId) {
    return this.entries().find((entry) => entry.client_id === clientId) || null;
  }

  save(list) {
    if (list.length) setJSON(this.key, list);
    else remove(this.key);
    this.onChange();
  }

  update(clientId, state) {
    this.save(this.entries().map((entry) => (
      entry.client_id === clientId ? { ...entry, state } : entry)));
  }

  /** The laptop acknowledged this confession (an entry already listed stays as it is). */
  received(clientId, text, forOrganisers = false) {
    if (this.entry(clientId)) {
      this.kick(); // a withdrawal may have been waiting for this answer
      return;
    }
    this.append(clientId, text, "received", forOrganisers);
  }

  append(clientId, text, state, forOrganisers) {
    const entry = { client_id: clientId, excerpt: excerptOf(text || ""), state };
    if (forOrganisers) entry.for_organisers = true;
    const list = this.entries();
    list.push(entry);
    this.save(list);
  }

  /**
   * The author confirmed: withdraw it. `text` names a confession that is not listed
   * yet (one taken out of the outbox that may have reached the laptop already).
   */
  withdraw(clientId, text, forOrganisers = false) {
    if (this.stopped) return;
    const entry = this.entry(clientId);
    if (entry && entry.state === "shown") return;
    if (entry) {
      this.update(clientId, "withdrawing");
    } else {
      this.append(clientId, text, "withdrawing", forOrganisers);
    }
    this.kick();
  }

  isWithdrawing(clientId) {
    const entry = this.entry(clientId);
    return Boolean(entry && entry.state === "withdrawing");
  }

  pending() {
    return this.entries().some((entry) => entry.state === "withdrawing");
  }

  /** Send each withdrawal; null when none is left (or ended), else the delay to retry. */
  async sendAll() {
    for (;;) {
      if (this.stopped) return null;
      const entry = this.entries().find(
        (candidate) => candidate.state === "withdrawing" && !this.busy(candidate.client_id));
      if (!entry) {
        this.attempt = 0;
        return null;
      }
      const result = await this.post(entry.client_id);
      if (this.stopped) return null;
      if (result.kind === "ok") {
        this.attempt = 0;
        // Said first, then gone: the status speaks while the list is still in view
        // (the last row going would otherwise hide the section, live region and all).
        this.onResult("withdrawn", entry, result);
        this.save(this.entries().filter((item) => item.client_id !== entry.client_id));
        continue;
      }
      if (result.kind === "ended") {
        this.onResult("ended", entry, result);
        return null;
      }
      if (result.kind === "rejected") {
        this.attempt = 0;
        const shown = result.code === "already_shown";
        this.update(entry.client_id, shown ? "shown" : "received");
        this.onResult(shown ? "shown" : "refused", entry, result);
        continue;
      }
      // network, transient (5xx, not_saved), rate limited, or still no token
      const retryIn = this.retryAfter(result);
      this.onResult("waiting", entry, result);
      return retryIn;
    }
  }
}

/**
 * The list under the form. Rows are kept by client_id and updated in place, so a
 * button keeps the keyboard focus while other rows change.
 *
 * rows: [{ client_id, excerpt, state, for_organisers }] with state "sending" (still in
 * the outbox), "received", "withdrawing" or "shown"; a row says only "Sending…",
 * "Received" or "Withdrawing…" (a shown one is received, without Withdraw), never what
 * moderators did with it; for_organisers adds the mark "For the organisers" (and
 * nothing about what became of it). Withdraw asks first, in place:
 * the row's foot becomes "Yes, withdraw it" / "Keep it" (Keep it where Withdraw was, so
 * a double tap keeps it).
 */
export class SentView {
  /**
   * section, heading, list, status: the elements (index.html, #sent…)
   * t:          the catalog's lookup (i18n.t)
   * onWithdraw: (client_id) => void, the author confirmed
   * onAsk:      () => void, a confirmation opened (the status may be cleared)
   */
  constructor({ section, heading, list, status, t, onWithdraw, onAsk }) {
    this.section = section;
    this.heading = heading;
    this.list = list;
    this.status = status;
    this.t = t;
    this.onWithdraw = onWithdraw;
    this.onAsk = onAsk || (() => {});
    this.rows = new Map(); // client_id -> { li, parts }
    this.confirming = null;
    this.last = [];
    this.said = null; // what the status says, as a function: it is said again in a new language
  }

  build(clientId) {
    const make = (tag, className, testId) => {
      const element = document.createElement(tag);
      if (className) element.className = className;
      if (testId) element.dataset.testid = testId;
      return element;
    };
    const li = make("li", "sent-item", "sent-item");
    li.dataset.clientId = clientId;
    li.tabIndex = -1; // focus lands here when its buttons go away
    const tag = make("p", "sent-tag", "sent-for-organisers");
    tag.id = `sent-tag-${clientId}`;
    const excerpt = make("p", "sent-excerpt", "sent-excerpt");
    excerpt.id = `sent-excerpt-${clientId}`;
    excerpt.dir = "auto";
    const foot = make("div", "sent-foot");
    const state = make("p", "sent-state", "sent-state");
    const withdraw = make("button", "sent-withdraw", "sent-withdraw");
    withdraw.type = "button";
    foot.append(state, withdraw);
    const confirm = make("div", "sent-confirm", "sent-confirm");
    confirm.setAttribute("role", "group");
    const question = make("p", "sent-question");
    question.id = `sent-question-${clientId}`;
    const choices = make("div", "sent-choices");
    const yes = make("button", "sent-yes", "sent-confirm-yes");
    yes.type = "button";
    const no = make("button", "sent-no", "sent-confirm-no");
    no.type = "button";
    choices.append(yes, no);
    confirm.append(question, choices);
    li.append(tag, excerpt, foot, confirm);

    withdraw.addEventListener("click", () => {
      this.confirming = clientId;
      this.onAsk();
      this.render(this.last);
      no.focus();
    });
    const keep = () => {
      this.confirming = null;
      this.render(this.last);
      if (!withdraw.hidden) withdraw.focus();
    };
    no.addEventListener("click", keep);
    confirm.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        keep();
      }
    });
    yes.addEventListener("click", () => {
      if (this.confirming !== clientId) return;
      this.confirming = null;
      this.onWithdraw(clientId);
      this.render(this.last); // closed even if nothing changed (the session just ended)
    });
    return { li, parts: { tag, excerpt, foot, state, withdraw, confirm, question, yes, no } };
  }

  fill(row, { li, parts }) {
    const { t } = this;
    const withdrawable = row.state === "sending" || row.state === "received";
    const confirming = withdrawable && this.confirming === row.client_id;
    li.dataset.state = row.state;
    li.dataset.forOrganisers = row.for_organisers ? "true" : "false";
    parts.tag.textContent = t("sent.for_organisers");
    parts.tag.hidden = !row.for_organisers;
    // A hidden element named by aria-describedby is read all the same: name it only if shown.
    const described = row.for_organisers ? `${parts.tag.id} ${parts.excerpt.id}` : parts.excerpt.id;
    parts.withdraw.setAttribute("aria-describedby", described);
    parts.confirm.setAttribute("aria-labelledby", `${parts.question.id} ${described}`);
    parts.excerpt.textContent = t("sent.excerpt", { text: row.excerpt });
    // What the phone says of its own confessions is whether they arrived, nothing of what
    // became of them: one the laptop said was shown (refusing its withdrawal) is received.
    const said = row.state === "shown" ? "received" : row.state;
    parts.state.textContent = t(`sent.state.${said}`);
    parts.withdraw.textContent = t("sent.withdraw");
    parts.question.textContent = t("sent.confirm");
    parts.yes.textContent = t("sent.confirm_yes");
    parts.no.textContent = t("sent.confirm_no");
    parts.withdraw.hidden = !withdrawable;
    parts.foot.hidden = confirming;
    parts.confirm.hidden = !confirming;
  }

  render(rows) {
    this.last = rows;
    const active = document.activeElement;
    const focusedRow = active && this.list.contains(active) ? active.closest("li") : null;
    if (this.confirming && !rows.some((row) => row.client_id === this.confirming)) {
      this.confirming = null;
    }
    renderRows({
      list: this.list,
      rows: this.rows,
      items: rows,
      keyOf: (row) => row.client_id,
      build: (clientId) => this.build(clientId),
      fill: (row, entry) => this.fill(row, entry),
    });
    this.section.hidden = rows.length === 0 && this.status.dataset.state === "idle";
    // A button that had the focus is gone or hidden: keep the focus nearby, on its row
    // (which reads its excerpt and state) or on the heading when the row went too.
    if (focusedRow) {
      const current = document.activeElement;
      const lost = !current || !this.list.contains(current) || !current.getClientRects().length;
      if (lost) {
        if (focusedRow.isConnected) focusedRow.focus();
        else this.heading.focus();
      }
    }
  }

  /** The language changed: every row and the status again, in place (no scrolling). */
  retranslate() {
    this.render(this.last);
    if (this.said && this.status.dataset.state !== "idle") this.status.textContent = this.said();
  }

  /**
   * Say something where the eye is; state: "idle" | "done" | "shown" | "waiting" | "error".
   * said: a string, or a function giving it (so that a change of language can say it again).
   */
  say(state, said) {
    this.said = typeof said === "function" ? said : () => (said === undefined ? "" : String(said));
    const text = this.said();
    const changed = this.status.dataset.state !== state || this.status.textContent !== text;
    this.status.dataset.state = state;
    this.status.textContent = state === "idle" ? "" : text;
    this.section.hidden = this.last.length === 0 && state === "idle";
    if (changed && state !== "idle") reveal(this.status);
  }
}
