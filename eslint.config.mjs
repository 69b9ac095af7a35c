// The browser baseline of the pages in participant_web/ (no build step: what is written
// is what phones run): iOS Safari 15 and Chrome 90, as `browserslist` in package.json
// says. eslint-plugin-compat checks the web APIs; the parser's ecmaVersion and the
// restricted syntax below check the language. Run with `make lint-web`.

import compat from "eslint-plugin-compat";
import globals from "globals";

export default [
  {
    files: ["participant_web/**/*.js"],
    languageOptions: {
      // ES2022 (class fields, private methods, top-level await, the RegExp flag d) is in
      // iOS 15 and Chrome 90, except what is restricted below; anything newer (the flag v,
      // ES2024) does not parse.
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { compat },
    rules: {
      "compat/compat": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "StaticBlock", message: "Class static blocks need Safari 16.4 / Chrome 94." },
        {
          selector: "BinaryExpression[operator='in'] > PrivateIdentifier.left",
          message: "`#field in object` needs Safari 15 / Chrome 91.",
        },
      ],
      "no-undef": "error",
      "no-invalid-regexp": "error",
    },
  },
];
