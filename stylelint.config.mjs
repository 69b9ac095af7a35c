// The browser baseline of the pages' CSS (participant_web/*.css): iOS Safari 15 and
// Chrome 90, as `browserslist` in package.json says. Run with `make lint-web`.
//
// Features in `ignore` are progressive enhancements: where they are missing, the page
// works and reads the same, and no selector list pairs them with other selectors (an
// unknown pseudo-class would drop the whole rule):
//   css-resize             textareas that iOS does not let people drag bigger (they grow
//                          with their text or scroll instead)
//   css-focus-visible      iOS 15.0-15.3 only: its own focus ring shows instead
//   css3-cursors, css3-cursors-grab   cursors mean nothing on a touch screen
//   extended-system-fonts  ui-serif and friends, each first in a list of fallbacks
//   css-content-visibility a rendering shortcut for long lists; without it they render whole
// Partial support (a prefix, a rare value, tables) is not reported.

export default {
  plugins: ["stylelint-no-unsupported-browser-features"],
  rules: {
    "plugin/no-unsupported-browser-features": [
      true,
      {
        severity: "error",
        ignorePartialSupport: true,
        ignore: [
          "css-resize",
          "css-focus-visible",
          "css3-cursors",
          "css3-cursors-grab",
          "extended-system-fonts",
          "css-content-visibility",
        ],
      },
    ],
  },
};
