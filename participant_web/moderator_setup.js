// Setting up the session from the moderator page (docs/protocol.md: apply_setup,
// add_warm_up, set_closing_note; the session's title, prompt, agree_label, house_rules,
// max_length, offer_lesson, language, accent, logo and closing_note).
//
// The dialog is filled from the session when it opens, and Apply sends only what the
// moderator changed there: the set-up as one apply_setup (a field left untouched takes
// the session's value as it is then, so another moderator's change meanwhile is kept),
// the closing note when it changed, then each warm-up confession as add_warm_up, in the
// order listed (each lands at the end of Up next). A refusal stops there and is shown in
// the dialog with the field it concerns focused; what was sent before it is kept (a
// warm-up sent leaves the list), so Apply again sends only the rest.
//
// The logo is too big for a command: a file chosen is sent at once to <moderator>/api/logo
// (POST, the file as the body), the host prepares it and answers with its version; it
// then waits there until Apply names that version in apply_setup's `logo` ("" for none).

import { formatNumber, languages } from "./i18n.js";
import { elements, say } from "./moderator_texts.js";

const MIN_LENGTH = 100;
const MAX_LENGTH = 1000;
const MAX_HOUSE_RULES = 1500;
const MAX_CLOSING_NOTE = 2000;
const SETUP_FIELDS = ["title", "prompt", "agree_label", "house_rules", "max_length",
  "offer_lesson", "language", "accent", "logo"];
const FALLBACK_ACCENT = "#0e6a62"; // what the colour input shows while "None" is chosen
const LOGO_MAX_BYTES = 10 * 1024 * 1024; // the host's limit (core/logo.py)
const LOGO_UPLOAD_MS = 90000; // the host gives a slow upload 60 s
const LOGO_PREVIEW = { width: 160, height: 40 }; // as on the phones' header

/**
 * `deps`: `command(name, fields, options)` (resolves to { ok, code, message, skipped });
 * `session()` from the model; `toast(message)`; `base`, the page's /moderator/<secret>/.
 */
export function createSetup(deps) {
  const ui = elements({
    open: "setup-open",
    dialog: "setup",
    form: "setup-form",
    title: "setup-title-field",
    prompt: "setup-prompt",
    agreeLabel: "setup-agree-label",
    defaultRules: "setup-default-rules",
    rules: "setup-rules",
    rulesCount: "setup-rules-count",
    maxLength: "setup-max-length",
    offerLesson: "setup-offer-lesson",
    language: "setup-language",
    accentNone: "setup-accent-none",
    accentOwn: "setup-accent-own",
    accent: "setup-accent",
    accentValue: "setup-accent-value",
    logoFrame: "setup-logo-frame",
    logoPreview: "setup-logo-preview",
    logoChoose: "setup-logo-choose",
    logoNone: "setup-logo-none",
    logoFile: "setup-logo-file",
    logoCaption: "setup-logo-caption",
    warmUps: "setup-warm-ups",
    addWarmUp: "setup-add-warm-up",
    note: "setup-closing-note",
    noteCount: "setup-note-count",
    error: "setup-error",
    cancel: "setup-cancel",
    apply: "setup-apply",
  });
  let filled = null; // the set-up and note the dialog was filled with
  let ownRules = ""; // the moderator's own rules while "Use the default rules" is ticked
  let rows = 0; // warm-up rows made so far (for their ids)
  // The logo: the version chosen in the dialog ("" for none), what the host said of each
  // version seen ({ version, width, height, ink }), and the upload under way, if any.
  let logo = "";
  const logos = new Map();
  let upload = null; // { controller, done: Promise<boolean> }

  // ------------------------------------------------------------ the form's values

  function fillLanguages(current) {
    const options = [["", say("mod.setup.language_own")]];
    for (const { code, name } of languages()) {
      options.push([code, name === code ? code : `${name} (${code})`]);
    }
    if (current && !options.some(([code]) => code === current)) options.push([current, current]);
    ui.language.replaceChildren(...options.map(([code, name]) => {
      const option = document.createElement("option");
      option.value = code;
      option.textContent = name;
      return option;
    }));
  }

  /** The session's set-up as the moderators' session details say it is now. */
  function currentSetup() {
    const session = deps.session();
    return {
      title: session.title || "",
      prompt: session.prompt || "",
      agree_label: session.agree_label || "",
      house_rules: typeof session.house_rules === "string" ? session.house_rules : null,
      max_length: Number.isInteger(session.max_length) ? session.max_length : MAX_LENGTH,
      offer_lesson: session.offer_lesson !== false,
      language: session.language || "",
      accent: session.accent || "",
      logo: session.logo && typeof session.logo.version === "string" ? session.logo.version : "",
    };
  }

  /** Each set-up field shown in the form from a set-up. */
  const SHOW = {
    title: (setup) => { ui.title.value = setup.title; },
    prompt: (setup) => { ui.prompt.value = setup.prompt; },
    agree_label: (setup) => { ui.agreeLabel.value = setup.agree_label; },
    house_rules: (setup) => {
      ownRules = setup.house_rules || "";
      ui.defaultRules.checked = setup.house_rules === null;
      ui.rules.value = ownRules;
      showRules();
    },
    max_length: (setup) => { ui.maxLength.value = String(setup.max_length); },
    offer_lesson: (setup) => { ui.offerLesson.checked = setup.offer_lesson; },
    language: (setup) => {
      fillLanguages(setup.language);
      ui.language.value = setup.language;
    },
    accent: (setup) => {
      ui.accentNone.checked = !setup.accent;
      ui.accentOwn.checked = Boolean(setup.accent);
      ui.accent.value = setup.accent || FALLBACK_ACCENT;
      showAccent();
    },
    logo: (setup) => {
      const current = deps.session().logo;
      if (setup.logo) logos.set(setup.logo, current);
      logo = setup.logo;
      showLogo();
    },
  };

  function fill() {
    const setup = currentSetup();
    cancelUpload();
    for (const name of SETUP_FIELDS) SHOW[name](setup);
    ui.note.value = deps.session().closing_note || "";
    showCount(ui.note, ui.noteCount, MAX_CLOSING_NOTE);
    filled = { setup, note: ui.note.value };
    showLogo();
  }

  /**
   * While the dialog is open, what another moderator changes shows in the fields left
   * alone here; what was changed here stays (and Apply sends it over theirs).
   */
  function follow() {
    if (!ui.dialog.open || !filled || applying) return;
    const now = currentSetup();
    const form = formSetup();
    for (const name of SETUP_FIELDS) {
      if (now[name] === filled.setup[name]) continue;
      const untouched = form[name] === filled.setup[name] && !(name === "logo" && upload);
      filled.setup[name] = now[name];
      if (untouched) SHOW[name](now);
    }
    const note = deps.session().closing_note || "";
    if (note !== filled.note) {
      if (ui.note.value === filled.note) {
        ui.note.value = note;
        showCount(ui.note, ui.noteCount, MAX_CLOSING_NOTE);
      }
      filled.note = note;
    }
  }

  /** The set-up as the form has it; `max_length` NaN when it is not a whole number. */
  function formSetup() {
    const length = ui.maxLength.value.trim();
    return {
      title: ui.title.value,
      prompt: ui.prompt.value,
      agree_label: ui.agreeLabel.value,
      house_rules: ui.defaultRules.checked ? null : ui.rules.value,
      max_length: /^\d+$/.test(length) ? Number(length) : NaN,
      offer_lesson: ui.offerLesson.checked,
      language: ui.language.value,
      accent: ui.accentOwn.checked ? ui.accent.value.toLowerCase() : "",
      logo,
    };
  }

  function showCount(field, counter, max) {
    const length = field.value.length;
    counter.textContent = say("mod.setup.count", {
      count: formatNumber(length), max: formatNumber(max),
    });
    counter.dataset.over = String(length > max);
  }

  function showRules() {
    const usingDefault = ui.defaultRules.checked;
    ui.rules.readOnly = usingDefault;
    ui.rules.classList.toggle("is-default", usingDefault);
    if (usingDefault) {
      ui.rules.value = "";
      ui.rules.placeholder = say("mod.setup.default_rules");
      ui.rulesCount.textContent = say("mod.setup.rules_default_help");
      ui.rulesCount.dataset.over = "false";
    } else {
      ui.rules.placeholder = "";
      showCount(ui.rules, ui.rulesCount, MAX_HOUSE_RULES);
    }
  }

  function showAccent() {
    ui.accentValue.textContent = ui.accentOwn.checked ? ui.accent.value.toLowerCase() : "";
  }

  ui.defaultRules.addEventListener("change", () => {
    if (ui.defaultRules.checked) {
      ownRules = ui.rules.value;
    } else {
      // The default, in English, to start the moderator's own from.
      ui.rules.value = ownRules || say("mod.setup.default_rules");
    }
    showRules();
  });
  ui.rules.addEventListener("input", () => showCount(ui.rules, ui.rulesCount, MAX_HOUSE_RULES));
  ui.note.addEventListener("input", () => showCount(ui.note, ui.noteCount, MAX_CLOSING_NOTE));
  ui.accent.addEventListener("input", () => {
    ui.accentOwn.checked = true;
    showAccent();
  });
  for (const radio of [ui.accentNone, ui.accentOwn]) radio.addEventListener("change", showAccent);

  // ------------------------------------------------------------ the logo

  /** The preview (the phones' rendition, at most as big as on a phone) and its caption. */
  function showLogo(preparing = false) {
    const info = logo ? logos.get(logo) : null;
    ui.logoFrame.hidden = !info;
    if (info) {
      const scale = Math.min(LOGO_PREVIEW.width / info.width, LOGO_PREVIEW.height / info.height);
      ui.logoPreview.width = Math.max(1, Math.round(info.width * scale));
      ui.logoPreview.height = Math.max(1, Math.round(info.height * scale));
      ui.logoPreview.src = `${deps.base}api/logo/${encodeURIComponent(info.version)}/phone`;
      ui.logoFrame.dataset.ink = info.ink;
    } else {
      ui.logoPreview.removeAttribute("src");
    }
    let caption = "mod.setup.logo_help";
    if (preparing) caption = "mod.setup.logo_preparing";
    else if (logo && filled && logo !== filled.setup.logo) caption = "mod.setup.logo_new";
    else if (!logo && filled && filled.setup.logo) caption = "mod.setup.logo_removed";
    else if (logo) caption = "mod.setup.logo_current";
    ui.logoCaption.textContent = say(caption);
    ui.logoCaption.dataset.state = preparing ? "preparing" : "";
  }

  function cancelUpload() {
    if (upload) upload.controller.abort();
    upload = null;
  }

  /** Send `file` to the host: { logo } (the host's Logo) once it is ready, else { message }. */
  async function send(file, controller) {
    if (file.size > LOGO_MAX_BYTES) return { message: say("mod.setup.logo_too_large") };
    const timer = setTimeout(() => controller.abort(), LOGO_UPLOAD_MS);
    try {
      const response = await fetch(`${deps.base}api/logo`, {
        method: "POST",
        body: file,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
        signal: controller.signal,
      });
      let answer = null;
      try {
        answer = await response.json();
      } catch {
        answer = null;
      }
      const payload = answer && typeof answer.payload === "object" && answer.payload ? answer.payload : {};
      if (response.ok && answer && answer.type === "logo.added" && payload.logo) {
        return { logo: payload.logo };
      }
      if (response.status === 403) return { message: say("mod.setup.logo_forbidden") };
      if (typeof payload.message === "string" && payload.message) return { message: payload.message };
      return { message: say(response.status === 413 ? "mod.setup.logo_too_large" : "mod.setup.logo_failed") };
    } catch {
      return { message: say("mod.setup.logo_network") };
    } finally {
      clearTimeout(timer);
    }
  }

  function choose(file) {
    cancelUpload();
    clearError();
    const controller = new AbortController();
    const mine = {
      controller,
      done: send(file, controller).then((result) => {
        if (upload !== mine) return false; // another file was chosen since, or the dialog shut
        upload = null;
        if (result.logo) {
          logos.set(result.logo.version, result.logo);
          logo = result.logo.version;
          showLogo();
          return true;
        }
        // Refused: the logo chosen before stays.
        showLogo();
        showError(result.message, ui.logoChoose);
        return false;
      }),
    };
    upload = mine;
    showLogo(true);
  }

  ui.logoChoose.addEventListener("click", () => {
    ui.logoFile.value = ""; // the same file again is a new choice
    ui.logoFile.click();
  });
  ui.logoFile.addEventListener("change", () => {
    const [file] = ui.logoFile.files || [];
    if (file) choose(file);
  });
  ui.logoNone.addEventListener("click", () => {
    cancelUpload();
    logo = "";
    showLogo();
  });

  // ------------------------------------------------------------ warm-up confessions

  function labelled(tag, text, field) {
    const label = document.createElement(tag);
    label.className = "field-label";
    label.htmlFor = field.id;
    label.textContent = text;
    return label;
  }

  function renumber() {
    const all = [...ui.warmUps.children];
    all.forEach((li, index) => {
      const number = formatNumber(index + 1);
      li.querySelector(".warm-up-text-label").textContent = say("mod.setup.warm_up_text",
        { number });
      li.querySelector(".warm-up-remove").setAttribute("aria-label",
        say("mod.setup.warm_up_remove_label", { number }));
    });
    ui.warmUps.hidden = all.length === 0;
  }

  function addWarmUp(text = "", learned = "") {
    rows += 1;
    const li = document.createElement("li");
    li.className = "warm-up";
    li.dataset.testid = "warm-up";
    const textField = document.createElement("textarea");
    textField.id = `warm-up-text-${rows}`;
    textField.className = "field field-small warm-up-text";
    textField.rows = 2;
    textField.spellcheck = true;
    textField.value = text;
    const learnedField = document.createElement("textarea");
    learnedField.id = `warm-up-learned-${rows}`;
    learnedField.className = "field field-small warm-up-learned";
    learnedField.rows = 1;
    learnedField.spellcheck = true;
    learnedField.value = learned;
    const textLabel = labelled("label", "", textField);
    textLabel.classList.add("warm-up-text-label");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn btn-small btn-quiet warm-up-remove";
    remove.textContent = say("mod.setup.warm_up_remove");
    remove.addEventListener("click", () => {
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      renumber();
      // The focus stays in the list (or goes to the button that adds one).
      (next ? next.querySelector(".warm-up-text") : ui.addWarmUp).focus();
    });
    const head = document.createElement("div");
    head.className = "warm-up-head";
    head.append(textLabel, remove);
    li.append(head, textField,
      labelled("label", say("mod.setup.warm_up_learned"), learnedField), learnedField);
    ui.warmUps.append(li);
    renumber();
    return textField;
  }

  ui.addWarmUp.addEventListener("click", () => addWarmUp().focus());

  // ------------------------------------------------------------ applying

  function clearError() {
    ui.error.textContent = "";
    ui.error.hidden = true;
    for (const field of ui.form.querySelectorAll("[aria-invalid]")) {
      field.removeAttribute("aria-invalid");
    }
  }

  function showError(message, field) {
    ui.error.textContent = message;
    ui.error.hidden = !message;
    if (field) {
      // A button (the logo's) is not a field that can be invalid: it only takes the focus.
      if (field.tagName !== "BUTTON") field.setAttribute("aria-invalid", "true");
      field.focus();
    }
  }

  /** The field a refusal's code is about (title_too_long → the title, …). */
  function fieldOf(code, row) {
    const prefixes = [
      ["title_", ui.title], ["prompt_", ui.prompt], ["agree_label_", ui.agreeLabel],
      ["house_rules_", ui.rules], ["max_length_", ui.maxLength], ["accent_", ui.accent],
      ["closing_note_", ui.note], ["logo_", ui.logoChoose],
    ];
    if (row) {
      if (String(code).startsWith("learned_")) return row.querySelector(".warm-up-learned");
      return row.querySelector(".warm-up-text");
    }
    const found = prefixes.find(([prefix]) => String(code).startsWith(prefix));
    return found ? found[1] : null;
  }

  /** What apply_setup should carry: the moderator's changes over the session as it is now. */
  function setupToSend(wanted) {
    const current = currentSetup();
    const changed = SETUP_FIELDS.filter((name) => wanted[name] !== filled.setup[name]);
    if (!changed.length) return null;
    const setup = { ...current };
    for (const name of changed) setup[name] = wanted[name];
    return { setup, changed };
  }

  let applying = false;

  async function apply() {
    if (applying || !filled) return;
    applying = true;
    clearError();
    try {
      // A logo being prepared is waited for: Apply sends it with the rest.
      if (upload && !(await upload.done)) return;
      const wanted = formSetup();
      if (!Number.isInteger(wanted.max_length) || wanted.max_length < MIN_LENGTH
        || wanted.max_length > MAX_LENGTH) {
        showError(say("mod.error.max_length_out_of_range"), ui.maxLength);
        return;
      }
      const setup = setupToSend(wanted);
      let sent = false;
      if (setup) {
        const result = await deps.command("apply_setup", setup.setup, { quiet: true });
        if (!result.ok) {
          if (!result.skipped) showError(result.message, fieldOf(result.code));
          return;
        }
        for (const name of setup.changed) filled.setup[name] = wanted[name];
        sent = true;
        showLogo();
      }
      const note = ui.note.value;
      if (note !== filled.note) {
        const result = await deps.command("set_closing_note", { note }, { quiet: true });
        if (!result.ok) {
          if (!result.skipped) showError(result.message, fieldOf(result.code) || ui.note);
          return;
        }
        filled.note = note;
        sent = true;
      }
      let added = 0;
      for (const row of [...ui.warmUps.children]) {
        const text = row.querySelector(".warm-up-text").value;
        const learned = row.querySelector(".warm-up-learned").value;
        if (!text.trim() && !learned.trim()) {
          row.remove(); // an empty row: nothing to send
          continue;
        }
        const result = await deps.command("add_warm_up", { text, learned },
          { quiet: true, key: "cmd:add_warm_up" });
        if (!result.ok) {
          renumber();
          if (!result.skipped) showError(result.message, fieldOf(result.code, row));
          if (added) deps.toast(say("mod.setup.warm_ups_added", { count: formatNumber(added) }));
          return;
        }
        added += 1;
        row.remove();
      }
      renumber();
      ui.dialog.close("applied");
      let done = sent ? "mod.setup.done" : "mod.setup.unchanged";
      if (added) done = "mod.setup.done_warm_ups";
      deps.toast(say(done, { count: formatNumber(added) }));
    } finally {
      applying = false;
    }
  }

  ui.form.addEventListener("submit", (event) => {
    // Enter in a one-line field, or the Apply button: apply, and keep the dialog open
    // until the host has taken it all.
    event.preventDefault();
    apply();
  });
  ui.cancel.addEventListener("click", () => ui.dialog.close("cancel"));
  ui.dialog.addEventListener("keydown", (event) => {
    // Ctrl+Enter (or Ctrl+S, as in the word lists) applies from anywhere, text areas too.
    const ctrl = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    if (!ctrl || event.isComposing) return;
    if (event.key === "Enter" || event.key.toLowerCase() === "s") {
      event.preventDefault();
      if (!event.repeat) apply();
    }
  });

  ui.open.addEventListener("click", () => {
    if (typeof ui.dialog.showModal !== "function") return;
    clearError();
    fill();
    // Opened again, it starts afresh: Cancel (or Esc) dropped what was not sent.
    ui.warmUps.replaceChildren();
    renumber();
    ui.dialog.returnValue = "";
    ui.dialog.showModal();
    ui.title.focus();
  });
  ui.dialog.addEventListener("close", () => {
    cancelUpload();
    if (ui.dialog.returnValue !== "ended") ui.open.focus();
  });

  function render(ended) {
    ui.open.hidden = ended;
    if (ended && ui.dialog.open) ui.dialog.close("ended");
    else follow();
  }

  return { render };
}
