// HTTP with the protocol's envelope (docs/protocol.md). Every call resolves to a
// plain result, never throws: { kind, status, type, payload, code }.
//   kind "ok"        the expected answer
//   kind "network"   no answer at all (offline, timeout, laptop gone)
//   kind "transient" 5xx / 503 not_saved: nothing was acknowledged, try again later
//   kind "rate"      429 rate_limited: wait, then try again
//   kind "auth"      401 unknown_participant: get a new token
//   kind "ended"     409 session_ended
//   kind "forbidden" 403 (moderator secret)
//   kind "rejected"  any other refusal: retrying the same thing will not help

export const PROTOCOL_VERSION = 1;
const TIMEOUT_MS = 15000;

export function envelope(type, payload) {
  return { type, version: PROTOCOL_VERSION, payload };
}

/** The kind of a refusal that came without an HTTP status (over the live socket). */
export function classifyCode(code) {
  if (code === "unknown_participant") return "auth";
  if (code === "session_ended") return "ended";
  if (code === "rate_limited") return "rate";
  if (code === "not_saved") return "transient";
  return "rejected";
}

function classify(status, code) {
  if (status === 0) return "network";
  if (status === 401 || code === "unknown_participant") return "auth";
  if (code === "session_ended") return "ended";
  if (status === 429 || code === "rate_limited") return "rate";
  if (status === 403) return "forbidden";
  if (status >= 500 || status === 408 || code === "not_saved") return "transient";
  return "rejected";
}

function retryAfterMs(response) {
  const header = response.headers.get("Retry-After");
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : null;
}

/** Send `body` (an envelope, or nothing) and interpret the answer. */
export async function call(method, url, { body, token, timeout = TIMEOUT_MS } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: "no-store",
        credentials: "same-origin",
      });
    } catch {
      return { kind: "network", status: 0, code: "network", payload: {} };
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    const isEnvelope = data && typeof data === "object" && typeof data.type === "string";
    const payload = isEnvelope && data.payload && typeof data.payload === "object"
      ? data.payload : {};
    if (response.ok && isEnvelope && data.type !== "error") {
      return { kind: "ok", status: response.status, type: data.type, payload };
    }
    if (response.ok) {
      // A 200 whose body is not an envelope: treat as no answer and try again later.
      return { kind: "transient", status: response.status, code: "bad_answer", payload: {} };
    }
    const code = isEnvelope && data.type === "error" && typeof payload.code === "string"
      ? payload.code
      : (response.status === 413 ? "too_large" : `http_${response.status}`);
    return {
      kind: classify(response.status, code),
      status: response.status,
      type: "error",
      code,
      payload,
      retryAfter: retryAfterMs(response),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** A growing delay with a little jitter, so a room of phones does not retry in step. */
export function backoff(attempt, base = 1000, max = 15000) {
  const delay = Math.min(max, base * 2 ** Math.min(attempt, 10));
  const jitter = 0.85 + Math.random() * 0.3;
  return Math.round(Math.min(max, delay * jitter));
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
