// A first look at a confession on the phone, so the commonest problems are
// explained at once, even without a connection. It only refuses what the laptop
// (facilitator/core/rules.py) would certainly refuse too: empty, too long,
// direction-changing or control characters. Everything else (markup, unassigned
// characters, …) is judged by the laptop, and its answer comes back translated.

export const MAX_TEXT = 1000;
export const MAX_LEARNED = 500;

const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;
const CONTROL = /[\p{Cc}\p{Co}]/u;
// Python's str.strip() whitespace (JavaScript's trim() would also take U+FEFF).
const EDGE_SPACE = /^[ \t\n\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[ \t\n\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/gu;

/** What the laptop will store, near enough: NFC, \n line ends, tabs as spaces, trimmed. */
export function normalise(value) {
  return value
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .replace(EDGE_SPACE, "");
}

function check(value, field, max, required) {
  const raw = value.normalize("NFC").replace(/\r\n?/g, "\n");
  if (BIDI.test(raw)) return `${field}_forbidden_characters`;
  if (CONTROL.test(raw.replace(/[\n\t]/g, ""))) return `${field}_forbidden_characters`;
  const text = normalise(raw);
  if (required && !text) return `${field}_empty`;
  if ([...text].length > max) return `${field}_too_long`;
  return null;
}

/** The error code for this confession, or null when the laptop should see it. */
export function checkConfession(text, learned) {
  return check(text, "text", MAX_TEXT, true) || check(learned, "learned", MAX_LEARNED, false);
}

/** 16 random bytes as base64url: 22 characters of [A-Za-z0-9_-]. */
export function newClientId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = "";
  bytes.forEach((byte) => { binary += String.fromCharCode(byte); });
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
