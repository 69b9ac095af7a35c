// The big screen's colours (facilitator/core/contrast.py): two themes, each colour at
// least 7:1 against the background, and the organiser's accent moved towards the
// theme's text colour, a percent at a time, until it keeps 7:1 too (readable_accent).
// Pure functions, no DOM.

import { MIN_CONTRAST, contrast, mix, parseHex } from "./contrast.js";

export const THEMES = {
  dark: { background: "#0f1317", text: "#f5f1e8", muted: "#b9c2cc", accent: "#ffc857" },
  light: { background: "#fbf8f2", text: "#14181c", muted: "#3b444e", accent: "#6b4300" },
};

/** contrast.py's readable_accent: `accent` ("" or "#rrggbb") readable on `theme`. */
export function readableAccent(accent, theme) {
  if (!parseHex(accent)) return theme.accent;
  const start = accent.trim().toLowerCase();
  for (let step = 0; step <= 100; step += 1) {
    const candidate = mix(start, theme.text, step / 100);
    if (contrast(candidate, theme.background) >= MIN_CONTRAST) return candidate;
  }
  return theme.text;
}

/** The colours of a state: { background, text, muted, accent }. */
export function colours(themeName, accent) {
  const theme = THEMES[themeName] || THEMES.dark;
  return { ...theme, accent: readableAccent(accent, theme) };
}
