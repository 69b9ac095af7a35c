// "Been there": the agreement with the projected confession, and "This helped me too":
// the agreement with one of its approved replies (a reply's id is an item id like a
// confession's, and the laptop takes both the same way).
// The button answers at once (optimistic); the phone then *sets* (never toggles)
// its agreement on the laptop, retrying until it is recorded, so a retry can
// never count twice. The count shown is the laptop's count, corrected by what
// this phone wants but the laptop has not confirmed yet.

import { backoff } from "./api.js";
import { getJSON, setJSON } from "./storage.js";

export class Agreements {
  /**
   * key:      localStorage key (one per session) remembering this phone's agreements
   * post:     async ({confession_id, agreed}) => api result
   * onChange: () => void, re-render
   * onRefused:(code, id) => void, the laptop refused (e.g. not_shown)
   * onEnded:  () => void
   */
  constructor({ key, post, onChange, onRefused, onEnded }) {
    this.key = key;
    this.post = post;
    this.onChange = onChange || (() => {});
    this.onRefused = onRefused || (() => {});
    this.onEnded = onEnded || (() => {});
    this.entries = new Map();
    this.current = null;
    this.replies = new Set(); // the approved replies under the current one
    this.stopped = false;
  }

  remembered(id) {
    const map = getJSON(this.key, {});
    return Boolean(map && map[id]);
  }

  remember(id, agreed) {
    const map = getJSON(this.key, {}) || {};
    if (agreed) map[id] = true;
    else delete map[id];
    setJSON(this.key, map);
  }

  entry(id) {
    let entry = this.entries.get(id);
    if (!entry) {
      const agreed = this.remembered(id);
      entry = { desired: agreed, acked: agreed, count: 0, inflight: false, timer: null, attempt: 0 };
      this.entries.set(id, entry);
    }
    return entry;
  }

  /**
   * The projection changed or was repeated. `serverAgreed` (for the confession) and
   * `serverHelped` (the ids of its replies this phone said helped) come with `state` only.
   */
  show(projection, serverAgreed, serverHelped) {
    if (!projection || typeof projection.confession_id !== "number") {
      this.current = null;
      this.replies = new Set();
      this.onChange();
      return;
    }
    const id = projection.confession_id;
    this.current = id;
    this.settle(id, projection.count, serverAgreed);
    const replies = Array.isArray(projection.replies)
      ? projection.replies.filter((reply) => reply && typeof reply.reply_id === "number") : [];
    this.replies = new Set(replies.map((reply) => reply.reply_id));
    const helped = Array.isArray(serverHelped) ? new Set(serverHelped) : null;
    for (const reply of replies) {
      this.settle(reply.reply_id, reply.count, helped ? helped.has(reply.reply_id) : undefined);
    }
    this.onChange();
  }

  /** The laptop's count, and (after `hello`) whether it has this phone's agreement. */
  settle(id, count, serverAgreed) {
    const entry = this.entry(id);
    if (typeof count === "number") entry.count = count;
    if (typeof serverAgreed !== "boolean") return;
    entry.acked = serverAgreed;
    if (!entry.inflight && entry.timer === null) {
      // Nothing of ours is waiting to be sent: the laptop is right.
      entry.desired = serverAgreed;
      this.remember(id, serverAgreed);
    } else {
      this.sync(id, true);
    }
  }

  /** A `count` push; counts for other confessions are ignored. */
  count(id, count) {
    if (id !== this.current || typeof count !== "number") return;
    this.entry(id).count = count;
    this.onChange();
  }

  /** What the button of `id` (the confession by default, or one of its replies) shows. */
  view(id = this.current) {
    if (!this.showing(id)) return null;
    const entry = this.entry(id);
    const pending = (entry.desired ? 1 : 0) - (entry.acked ? 1 : 0);
    return {
      id,
      pressed: entry.desired,
      count: Math.max(0, entry.count + pending),
      pending: entry.desired !== entry.acked,
    };
  }

  showing(id) {
    return id !== null && (id === this.current || this.replies.has(id));
  }

  tap(id = this.current) {
    if (!this.showing(id) || this.stopped) return;
    const entry = this.entry(id);
    entry.desired = !entry.desired;
    this.remember(id, entry.desired);
    this.onChange();
    this.sync(id, true);
  }

  /** Retry every waiting agreement now (the socket is back, the page is visible again). */
  retryNow() {
    for (const [id, entry] of this.entries) {
      if (entry.timer !== null) this.sync(id, true);
    }
  }

  stop() {
    this.stopped = true;
    for (const entry of this.entries.values()) {
      clearTimeout(entry.timer);
      entry.timer = null;
    }
  }

  async sync(id, fresh = false) {
    const entry = this.entry(id);
    if (this.stopped || entry.inflight) return;
    clearTimeout(entry.timer);
    entry.timer = null;
    if (fresh) entry.attempt = 0;
    if (entry.desired === entry.acked) return;
    entry.inflight = true;
    const wanted = entry.desired;
    const result = await this.post({ confession_id: id, agreed: wanted });
    entry.inflight = false;
    if (this.stopped) return;
    if (result.kind === "ok") {
      entry.acked = result.payload.agreed === true;
      if (typeof result.payload.count === "number") entry.count = result.payload.count;
      entry.attempt = 0;
      this.onChange();
      this.sync(id); // the button may have been tapped again meanwhile
      return;
    }
    if (result.kind === "ended") {
      this.onEnded();
      return;
    }
    if (result.kind === "rejected") {
      // e.g. not_shown: this confession no longer takes agreements. Show the truth.
      entry.desired = entry.acked;
      this.remember(id, entry.acked);
      this.onChange();
      this.onRefused(result.code, id);
      return;
    }
    const delay = Math.max(backoff(entry.attempt), result.retryAfter || 0);
    entry.attempt += 1;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      this.sync(id);
    }, delay);
  }
}
