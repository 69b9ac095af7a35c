// The outbox: a confession is written to localStorage before it is sent, and
// leaves only when the laptop has acknowledged it (or refused it for good).
// The laptop de-duplicates on client_id, so sending one again is always safe.
//
// Retries: 1 s, 2 s, 4 s … at most 15 s apart; kick() (new confession, socket
// back, page visible again, network back) retries at once and resets the delay.

import { backoff } from "./api.js";
import { getJSON, setJSON, remove } from "./storage.js";

function isItem(item) {
  return item && typeof item === "object" && typeof item.client_id === "string"
    && typeof item.text === "string";
}

export class Outbox {
  /**
   * key:  the localStorage key (one per session)
   * send: async (item) => result of api.call (see api.js for `kind`)
   * on:   (event, item, result, delay) with event one of
   *       "sent" | "rejected" | "waiting" | "ended" | "empty"
   */
  constructor({ key, send, on }) {
    this.key = key;
    this.send = send;
    this.on = on || (() => {});
    this.running = false;
    this.again = false;
    this.timer = null;
    this.attempt = 0;
    this.stopped = false;
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

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = null;
  }

  /** Try now, whatever the current delay. */
  kick() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.attempt = 0;
    if (this.running) {
      this.again = true;
      return;
    }
    this.flush();
  }

  waiting() {
    return this.timer !== null;
  }

  async flush() {
    if (this.running || this.stopped) return;
    this.running = true;
    let retryIn = null;
    try {
      for (;;) {
        if (this.stopped) return;
        const [item] = this.items();
        if (!item) {
          this.attempt = 0;
          this.on("empty");
          return;
        }
        const result = await this.send(item);
        if (this.stopped) return;
        if (result.kind === "ok") {
          this.drop(item.client_id);
          this.attempt = 0;
          this.on("sent", item, result);
          continue;
        }
        if (result.kind === "ended") {
          this.on("ended", item, result);
          return;
        }
        if (result.kind === "rejected") {
          this.drop(item.client_id);
          this.on("rejected", item, result);
          continue;
        }
        // network, transient (5xx, not_saved), rate limited, or still no token
        retryIn = Math.max(backoff(this.attempt), result.retryAfter || 0);
        this.attempt += 1;
        this.on("waiting", item, result, retryIn);
        return;
      }
    } finally {
      this.running = false;
      if (this.again && !this.stopped) {
        this.again = false;
        this.attempt = 0;
        this.flush();
      } else if (retryIn !== null && !this.stopped) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.flush();
        }, retryIn);
      }
    }
  }
}
