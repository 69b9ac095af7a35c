// Sending until the laptop answers, shared by the outbox and the withdrawals: retries
// 1 s, 2 s, 4 s … at most 15 s apart (or as the laptop's Retry-After asks); kick()
// (new work, socket back, page visible again, network back) retries at once and resets
// the delay. A subclass sends in sendAll(): it returns null when there is nothing left,
// or the delay after which to try again (from retryAfter()).

import { backoff } from "./api.js";

export class Retrying {
  constructor() {
    this.running = false;
    this.again = false;
    this.timer = null;
    this.attempt = 0;
    this.stopped = false;
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

  /** The delay before the next try after `result` (network, transient, rate limited). */
  retryAfter(result) {
    const delay = Math.max(backoff(this.attempt), result.retryAfter || 0);
    this.attempt += 1;
    return delay;
  }

  async flush() {
    if (this.running || this.stopped) return;
    this.running = true;
    let retryIn = null;
    try {
      retryIn = await this.sendAll();
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
