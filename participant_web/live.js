// The live connection: WebSocket to /ws on the same host, `hello` first, then
// the laptop pushes `state`, `session` and `count`. When it drops, it comes back
// by itself after 1 s, 2 s, 4 s … at most 10 s. While it is up, requests (such as
// agreements) go over it too: one connection per phone, no HTTP beside it.

import { envelope, backoff, classifyCode } from "./api.js";

const GREETING_TIMEOUT_MS = 10000;
const REQUEST_TIMEOUT_MS = 8000;

export class Live {
  /**
   * getToken:  async () => token (rejects when the session is over)
   * onMessage: (envelope) => void
   * onStatus:  ("connecting" | "live" | "reconnecting") => void
   * onGreeted: () => void, each time a connection is up and answered
   * onUnknown: (token) => void, the laptop does not know this token
   */
  constructor({ getToken, onMessage, onStatus, onGreeted, onUnknown }) {
    this.getToken = getToken;
    this.onMessage = onMessage;
    this.onStatus = onStatus || (() => {});
    this.onGreeted = onGreeted || (() => {});
    this.onUnknown = onUnknown || (() => {});
    this.ws = null;
    this.timer = null;
    this.attempt = 0;
    this.everLive = false;
    this.stopped = true;
    this.status = null;
    this.connecting = false;
    this.greeted = false;
    this.pending = new Map(); // ref -> resolve
    this.nextRef = 1;
  }

  /**
   * Send `type` with `payload` over the socket and wait for the answer with the same
   * ref. Resolves to a result like api.call's, or to null when the socket is not up
   * (or drops, or does not answer in time): then the caller uses HTTP instead.
   */
  request(type, payload) {
    const ws = this.ws;
    if (!ws || !this.greeted || ws.readyState !== WebSocket.OPEN) return Promise.resolve(null);
    const ref = `r${this.nextRef}`;
    this.nextRef += 1;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(ref, null), REQUEST_TIMEOUT_MS);
      this.pending.set(ref, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      try {
        ws.send(JSON.stringify({ ...envelope(type, payload), ref }));
      } catch {
        this.settle(ref, null);
      }
    });
  }

  settle(ref, result) {
    const resolve = this.pending.get(ref);
    if (!resolve) return false;
    this.pending.delete(ref);
    resolve(result);
    return true;
  }

  settleAll() {
    for (const ref of [...this.pending.keys()]) this.settle(ref, null);
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = null;
    this.dropSocket();
  }

  /** Close the current socket, if any; requests waiting on it go over HTTP instead. */
  dropSocket() {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    this.greeted = false;
    this.settleAll();
    try {
      ws.close(1000);
    } catch {
      // already closed
    }
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.onStatus(status);
  }

  /** Drop the current socket (if any) and connect again right away. */
  reconnectNow() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.attempt = 0;
    this.dropSocket();
    this.connect();
  }

  async connect() {
    if (this.stopped || this.ws || this.connecting) return;
    this.setStatus(this.everLive ? "reconnecting" : "connecting");
    let token;
    this.connecting = true;
    try {
      token = await this.getToken();
    } catch {
      return; // the session is over: nothing to connect to
    } finally {
      this.connecting = false;
    }
    if (this.stopped || this.ws) return;
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    let ws;
    try {
      ws = new WebSocket(`${scheme}//${window.location.host}/ws`);
    } catch {
      this.retry();
      return;
    }
    this.ws = ws;
    let greeted = false;
    let refused = false;
    const giveUp = setTimeout(() => {
      if (!greeted) ws.close();
    }, GREETING_TIMEOUT_MS);

    ws.addEventListener("open", () => {
      ws.send(JSON.stringify(envelope("hello", { token })));
    });
    ws.addEventListener("message", (event) => {
      if (this.ws !== ws) return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!message || typeof message !== "object" || typeof message.type !== "string") return;
      const payload = message.payload && typeof message.payload === "object" ? message.payload : {};
      message.payload = payload;
      if (typeof message.ref === "string" && this.pending.has(message.ref)) {
        const code = typeof payload.code === "string" ? payload.code : "bad_answer";
        this.settle(message.ref, message.type === "error"
          ? { kind: classifyCode(code), type: "error", code, payload }
          : { kind: "ok", type: message.type, payload });
        return;
      }
      if (message.type === "error" && payload.code === "unknown_participant") {
        refused = true;
        this.onUnknown(token);
        return;
      }
      if (!greeted && (message.type === "state" || message.type === "session")) {
        greeted = true;
        this.greeted = true;
        clearTimeout(giveUp);
        this.attempt = 0;
        this.everLive = true;
        this.setStatus("live");
        this.onMessage(message);
        this.onGreeted();
        return;
      }
      this.onMessage(message);
    });
    ws.addEventListener("close", () => {
      clearTimeout(giveUp);
      if (this.ws !== ws) return;
      this.ws = null;
      this.greeted = false;
      this.settleAll();
      if (this.stopped) return;
      if (refused) this.attempt = 0; // a new token is on its way: try again soon
      this.retry();
    });
  }

  retry() {
    if (this.stopped) return;
    this.setStatus(this.everLive ? "reconnecting" : "connecting");
    const delay = backoff(this.attempt, 1000, 10000);
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }
}
