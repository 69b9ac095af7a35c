// The rules of the laptop (facilitator/core/rules.py), checked on the phone first so
// that a problem is explained at once, even without a connection. The same checks,
// held to the laptop's by a parity test (tests/e2e/test_rules_parity.py); the limits
// come from the laptop with the session.
//
// Text is accepted as people type it, code and markup included, and always shown as
// plain text. Refused: control characters, characters that reorder text (bidi
// overrides, embeddings, isolates) and text with nothing visible in it.

let limits = { text: 1000, learned: 500 };

const REORDERING = /[\u202a-\u202e\u2066-\u2069]/u;
const CONTROL = /[\p{Cc}\p{Cs}]/u;
const TAG_FLAG = /\u{1f3f4}[\u{e0020}-\u{e007e}]+\u{e007f}/gu;
const TAGS = /[\u{e0000}-\u{e007f}]/gu;
const INVISIBLE = /^[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800\u180e]*$/u;
// Python's str.strip() whitespace (JavaScript's trim() would also take U+FEFF).
const EDGE_SPACE = /^[ \t\n\v\f\r\u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[ \t\n\v\f\r\u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/gu;

/** The limits the laptop sends with the session ({text, learned}, in characters). */
export function setLimits(value) {
  if (value && Number.isInteger(value.text) && Number.isInteger(value.learned)) {
    limits = { text: value.text, learned: value.learned };
  }
}

export function currentLimits() {
  return limits;
}

function withoutHiddenTags(text) {
  const flags = [];
  const marked = text.replace(TAG_FLAG, (flag) => {
    flags.push(flag);
    return "\u0000";
  });
  let index = 0;
  return marked.replace(TAGS, "").replace(/\u0000/g, () => flags[index++]);
}

/** What the laptop will store: NFC, \n line ends, tabs as spaces, no hidden tags, trimmed. */
export function normalise(value) {
  return withoutHiddenTags(value.normalize("NFC").replace(/\r\n?/g, "\n"))
    .replace(/\t/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .replace(EDGE_SPACE, "");
}

function check(value, field, max, required) {
  const raw = value.normalize("NFC").replace(/\r\n?/g, "\n");
  if (REORDERING.test(raw)) return `${field}_forbidden_characters`;
  if (CONTROL.test(raw.replace(/[\n\t]/g, ""))) return `${field}_forbidden_characters`;
  const text = normalise(raw);
  if (!text) return required ? `${field}_empty` : null;
  if (INVISIBLE.test(text)) return `${field}_invisible`;
  if ([...text].length > max) return `${field}_too_long`;
  return null;
}

/** The error code for this confession, or null when the laptop will take it. */
export function checkConfession(text, learned) {
  if (limits.learned === 0 && normalise(learned)) return "learned_not_offered";
  return check(text, "text", limits.text, true)
    || check(learned, "learned", limits.learned, false);
}

/** 16 random bytes as base64url: 22 characters of [A-Za-z0-9_-]. */
export function newClientId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = "";
  bytes.forEach((byte) => { binary += String.fromCharCode(byte); });
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
