// The outbox: a confession is written to localStorage before it is sent, and
// leaves only when the laptop has acknowledged it (or refused it for good).
// The laptop de-duplicates on client_id, so sending one again is always safe.
//
// Retries as retrying.js says: 1 s, 2 s, 4 s … at most 15 s apart; kick() (new
// confession, socket back, page visible again, network back) retries at once.
//
// An item is marked `tried` before its first attempt: from then on it may have reached
// the laptop even if no answer came back, so taking it back means asking the laptop
// (sent.js), not only dropping it here. `inflight` names the item being sent right now.
//
// An item is { client_id, text, learned, for_organisers, tried? }, kept whole until it
// leaves: for_organisers (for the organisers only, never for the screen) is sent with
// every attempt, after a reload as before it.

import { Retrying } from "./retrying.js";
import { getJSON, setJSON, remove } from "./storage.js";

function isItem(item) {
  return item && typeof item === "object" && typeof item.client_id === "string"
    && typeof item.text === "string";
}

export class Outbox extends Retrying {
  /**
   * key:  the localStorage key (one per session)
   * send: async (item) => result of api.call (see api.js for `kind`)
   * on:   (event, item, result, delay) with event one of
   *       "sent" | "rejected" | "waiting" | "ended" | "empty"
   */
  constructor({ key, send, on }) {
    super();
    this.key = key;
    this.send = send;
    this.on = on || (() => {});
    this.inflight = null;
  }

  items() {
    const list = getJSON(this.key, []);
    return Array.isArray(list) ? list.filter(isItem) : [];
  }

  size() {
    return this.items().length;
  }

  has(clientId) {
    return this.items().some((item) => item.client_id === clientId);
  }

  item(clientId) {
    return this.items().find((item) => item.client_id === clientId) || null;
  }

  /** Whether this item may have reached the laptop (an attempt was started). */
  mayHaveLeft(clientId) {
    const item = this.item(clientId);
    return this.inflight === clientId || Boolean(item && item.tried);
  }

  save(list) {
    if (list.length) setJSON(this.key, list);
    else remove(this.key);
  }

  /** Store first, then try to send. */
  add(item) {
    const list = this.items();
    list.push(item);
    this.save(list);
    this.kick();
  }

  drop(clientId) {
    this.save(this.items().filter((item) => item.client_id !== clientId));
  }

  clear() {
    remove(this.key);
  }

  /** Send the oldest first; null when empty or ended, else the delay to retry after. */
  async sendAll() {
    for (;;) {
      if (this.stopped) return null;
      const [item] = this.items();
      if (!item) {
        this.attempt = 0;
        this.on("empty");
        return null;
      }
      if (!item.tried) {
        this.save(this.items().map((each) => (
          each.client_id === item.client_id ? { ...each, tried: true } : each)));
      }
      this.inflight = item.client_id;
      let result;
      try {
        result = await this.send(item);
      } finally {
        this.inflight = null;
      }
      if (this.stopped) return null;
      if (result.kind === "ok") {
        this.drop(item.client_id);
        this.attempt = 0;
        this.on("sent", item, result);
        continue;
      }
      if (result.kind === "ended") {
        this.on("ended", item, result);
        return null;
      }
      if (result.kind === "rejected") {
        this.drop(item.client_id);
        this.on("rejected", item, result);
        continue;
      }
      // network, transient (5xx, not_saved), rate limited, or still no token
      const retryIn = this.retryAfter(result);
      this.on("waiting", item, result, retryIn);
      return retryIn;
    }
  }
}
