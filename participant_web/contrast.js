// The organiser's accent colour, kept readable: the page uses it for its buttons and
// links, so text on it and it on the page's backgrounds must keep a contrast of at
// least 7:1 (WCAG AAA) in light and in dark mode. A colour that does not is darkened
// (light mode) or lightened (dark mode), a little at a time, until it does; its hue
// stays. Pure functions, no DOM: tested in tests/e2e/test_phone_setup.py.

export const MIN_CONTRAST = 7;

// The page's own backgrounds (style.css) and the text drawn on the accent, per mode.
export const SCHEMES = {
  light: {
    backgrounds: ["#f5f2ed", "#ffffff", "#ede8e0"],
    onAccent: "#ffffff",
    towards: "#000000", // darken
    soft: "#ffffff", // the pale tint behind counts and chosen options
  },
  dark: {
    backgrounds: ["#15171a", "#1f2226", "#272b30"],
    onAccent: "#101214",
    towards: "#ffffff", // lighten
    soft: "#1f2226",
  },
};

const HEX = /^#([0-9a-f]{6})$/i;

/** [r, g, b] (0–255) of "#rrggbb", or null. */
export function parseHex(value) {
  const match = typeof value === "string" ? HEX.exec(value.trim()) : null;
  if (!match) return null;
  const number = parseInt(match[1], 16);
  return [(number >> 16) & 255, (number >> 8) & 255, number & 255];
}

export function toHex(rgb) {
  return `#${rgb.map((part) => Math.round(part).toString(16).padStart(2, "0")).join("")}`;
}

function channel(value) {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of "#rrggbb". */
export function luminance(hex) {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two "#rrggbb" colours (1 to 21). */
export function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** `a` mixed with `b`: share 0 is `a`, 1 is `b` (in sRGB, as CSS color-mix does). */
export function mix(a, b, share) {
  const [x, y] = [parseHex(a), parseHex(b)];
  return toHex(x.map((part, i) => part + (y[i] - part) * share));
}

/** The lowest contrast of `colour` with each of `others`. */
function worst(colour, others) {
  return Math.min(...others.map((other) => contrast(colour, other)));
}

/**
 * The colours the page derives from `accent` for one mode ("light" or "dark"):
 * { accent, strong, onAccent, soft }, each pair the page draws keeping MIN_CONTRAST:
 * accent on every background and under onAccent, strong (hover, text) on soft.
 */
export function accentColours(accent, mode) {
  const scheme = SCHEMES[mode];
  if (!scheme || !parseHex(accent)) return null;
  const start = accent.trim().toLowerCase();
  for (let step = 0; step <= 100; step += 1) {
    const candidate = mix(start, scheme.towards, step / 100);
    const soft = mix(scheme.soft, candidate, mode === "light" ? 0.12 : 0.2);
    const strong = mix(candidate, scheme.towards, 0.12);
    const readable = worst(candidate, [...scheme.backgrounds, scheme.onAccent]) >= MIN_CONTRAST
      && contrast(strong, soft) >= MIN_CONTRAST
      && contrast(candidate, soft) >= MIN_CONTRAST;
    if (readable) return { accent: candidate, strong, onAccent: scheme.onAccent, soft };
  }
  return null; // not reached: black on light and white on dark both hold
}

/** The CSS custom properties for `accent` ("" or "#rrggbb"): {} for the page's own. */
export function accentProperties(accent) {
  const properties = {};
  for (const mode of ["light", "dark"]) {
    const colours = accentColours(accent, mode);
    if (!colours) return {};
    const suffix = mode === "dark" ? "-dark" : "";
    properties[`--org-accent${suffix}`] = colours.accent;
    properties[`--org-accent-strong${suffix}`] = colours.strong;
    properties[`--org-on-accent${suffix}`] = colours.onAccent;
    properties[`--org-accent-soft${suffix}`] = colours.soft;
  }
  return properties;
}
