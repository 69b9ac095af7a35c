// The moderator page's editor: read, edit and redact the selected confession before it
// is shown (docs/protocol.md, the `edit` command). The same card as the console's
// (facilitator/ui/item_editor.py), in a browser.
//
// The text is a draft until it is saved, and saving names the version the draft was
// made on: if another moderator saved first, the host refuses (stale_version) and
// their text, which the stream has brought, is loaded here instead. A newer version
// arriving while the draft is unsaved never overwrites it: the editor only says so.
// Details that may identify someone (the item's `hints`) are highlighted in a preview
// of the draft, each with a button that masks it. Everything from participants is
// shown as plain text (textContent and textarea values only).

import { say, has as hasEnglish } from "./moderator_texts.js";

export const MASK = "[…]";
const MAX_HINT_BUTTONS = 12;
const FLAG_KINDS = new Set(["local_name", "watch_word"]);
const text = (value) => (typeof value === "string" ? value : "");

/** Each hinted detail once, as written in the item, in order of appearance.
 * Hints count Unicode code points (docs/protocol.md); JavaScript strings count UTF-16
 * units, so each field is split into code points first. */
export function hintedWords(item) {
  if (!item || !Array.isArray(item.hints)) return [];
  const fields = { text: Array.from(text(item.text)), learned: Array.from(text(item.learned)) };
  const found = [];
  const seen = new Set();
  const hints = item.hints
    .filter((h) => h && Object.prototype.hasOwnProperty.call(fields, h.field)
      && Number.isSafeInteger(h.start) && Number.isSafeInteger(h.end) && h.end > h.start)
    .sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === "text" ? -1 : 1));
  for (const hint of hints) {
    const word = fields[hint.field].slice(hint.start, hint.end).join("");
    if (!word.trim() || word === MASK || seen.has(word)) continue;
    seen.add(word);
    found.push({ word, kind: typeof hint.kind === "string" ? hint.kind : "" });
  }
  return found;
}

export function hintName(kind) {
  return kind || "detail";
}

export function isFlagKind(kind) {
  return FLAG_KINDS.has(kind);
}

/** `value` cut into plain runs, hinted words and masks, for highlighting. */
export function segments(value, words) {
  const marks = [...words.filter((w) => w.word), { word: MASK, kind: "mask" }]
    .sort((a, b) => b.word.length - a.word.length);
  const out = [];
  let plain = "";
  let index = 0;
  scan: while (index < value.length) {
    for (const mark of marks) {
      if (value.startsWith(mark.word, index)) {
        if (plain) out.push({ text: plain, kind: null });
        plain = "";
        out.push({ text: mark.word, kind: mark.kind });
        index += mark.word.length;
        continue scan;
      }
    }
    plain += value[index];
    index += 1;
  }
  if (plain) out.push({ text: plain, kind: null });
  return out;
}

/** The first `max` characters of `value` on one line, with an ellipsis if cut. */
export function excerpt(value, max = 28) {
  const words = Array.from(text(value).split(/\s+/).filter(Boolean).join(" "));
  if (words.length <= max) return words.join("");
  return `${words.slice(0, max - 1).join("").trimEnd()}…`;
}

export class Editor {
  /**
   * `send(name, fields, options)` runs a command and resolves to { ok, code, skipped };
   * `toast(message, kind)` says something briefly; `t(key, vars, fallback)` translates;
   * `onChange()` is called when the draft becomes dirty or clean (the page redraws).
   */
  constructor({ send, toast, t, onChange }) {
    this.send = send;
    this.toast = toast;
    this.t = t;
    this.onChange = onChange;
    const $ = (id) => document.getElementById(id);
    this.el = {
      root: $("editor"),
      empty: $("editor-empty"),
      body: $("editor-body"),
      id: $("editor-id"),
      state: $("editor-state"),
      edited: $("editor-edited"),
      flag: $("editor-flag"),
      text: $("edit-text"),
      learned: $("edit-learned"),
      hints: $("editor-hints"),
      hintButtons: $("hint-buttons"),
      previewText: $("preview-text"),
      previewLearned: $("preview-learned"),
      legend: $("preview-legend"),
      original: $("editor-original"),
      originalText: $("original-text"),
      originalLearned: $("original-learned"),
      draft: $("editor-draft"),
      mask: $("mask-selection"),
      discard: $("discard-edit"),
      save: $("save-edit"),
    };
    this.item = null; // the newest version of the item shown, as the stream has it
    this.base = null; // the saved version the draft started from
    this.ended = false;
    this.selectedId = null; // the page's selection (may differ while a draft is open)
    this.saving = false;
    this.reloadWhenNewer = false; // refused as stale before the stream brought the newer text
    this.note = ""; // what the last save or discard left to say
    this.hintKey = "";
    this.lastField = this.el.text;
    this.wasDirty = false;

    for (const field of [this.el.text, this.el.learned]) {
      field.addEventListener("input", () => this.changed());
      field.addEventListener("focus", () => {
        this.lastField = field;
      });
    }
    const clickable = (button, action) => button.addEventListener("click", () => {
      if (button.getAttribute("aria-disabled") !== "true") action();
    });
    clickable(this.el.mask, () => this.maskSelection());
    clickable(this.el.discard, () => this.discard());
    clickable(this.el.save, () => this.save());
    // Masking a selection from the button: keep the selection where it is.
    this.el.mask.addEventListener("mousedown", (event) => event.preventDefault());
    this.el.hintButtons.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-word]");
      if (button && button.getAttribute("aria-disabled") !== "true") {
        this.maskWord(button.dataset.word);
      }
    });
  }

  get id() {
    return this.item ? this.item.id : null;
  }

  get readOnly() {
    return !this.item || this.item.state === "removed" || this.ended;
  }

  isDirty() {
    const base = this.base;
    return base !== null
      && (this.el.text.value !== text(base.text) || this.el.learned.value !== text(base.learned));
  }

  contains(element) {
    return !!element && this.el.root.contains(element);
  }

  /** Show `item` (the selection, or a newer version of the item being edited). */
  show(item, { ended = false, selectedId = null } = {}) {
    const same = item !== null && this.item !== null && item.id === this.item.id;
    this.item = item;
    this.ended = ended;
    this.selectedId = selectedId;
    if (!same) {
      this.note = "";
      this.reloadWhenNewer = false;
      this.load(item);
    } else if (this.reloadWhenNewer && item.version !== this.base.version) {
      this.reloadWhenNewer = false;
      this.load(item);
    } else if (!this.isDirty()) {
      this.load(item);
    } else if (this.el.text.value === text(item.text)
      && this.el.learned.value === text(item.learned)) {
      this.load(item); // saved as drafted (here or by someone else)
    } else if (item.version === this.base.version) {
      this.base = item; // the same text with new hints (the word lists changed)
    }
    this.refresh();
  }

  load(item) {
    this.base = item;
    const wanted = [text(item && item.text), text(item && item.learned)];
    // Only when different: setting a textarea's value moves its caret to the end.
    if (this.el.text.value !== wanted[0]) this.el.text.value = wanted[0];
    if (this.el.learned.value !== wanted[1]) this.el.learned.value = wanted[1];
  }

  changed() {
    const was = this.wasDirty;
    this.note = "";
    this.refresh();
    if (this.isDirty() !== was) this.onChange();
  }

  refresh() {
    const { el, item, base, t } = this;
    this.wasDirty = this.isDirty();
    el.empty.hidden = item !== null;
    el.body.hidden = item === null;
    el.root.classList.toggle("is-empty", item === null);
    if (item === null) {
      el.id.textContent = "";
      el.id.hidden = true;
      this.fillHints([]);
      return;
    }
    el.id.hidden = false;
    el.id.textContent = `#${item.id}`;
    el.state.textContent = t(`mod.state.${item.state}`, undefined,
      hasEnglish(`mod.state.${item.state}`) ? say(`mod.state.${item.state}`) : String(item.state));
    el.state.dataset.state = String(item.state);
    const edited = text(item.original_text) !== text(item.text)
      || text(item.original_learned) !== text(item.learned);
    el.edited.hidden = !edited;
    el.flag.hidden = !item.flagged;

    const readOnly = this.readOnly;
    for (const field of [el.text, el.learned]) field.readOnly = readOnly;

    const words = hintedWords(base);
    this.fillHints(words);
    el.legend.hidden = words.length === 0;
    const draftText = el.text.value;
    const draftLearned = el.learned.value;
    for (const button of el.hintButtons.children) {
      const present = draftText.includes(button.dataset.word)
        || draftLearned.includes(button.dataset.word);
      button.setAttribute("aria-disabled", String(readOnly || !present));
    }
    this.preview(el.previewText, draftText, words);
    this.preview(el.previewLearned, draftLearned, words);
    el.previewLearned.parentElement.hidden = draftLearned === "";

    const originalText = text(item.original_text);
    const originalLearned = text(item.original_learned);
    el.original.hidden = !edited;
    el.originalText.textContent = originalText;
    el.originalLearned.textContent = originalLearned;
    el.originalLearned.parentElement.hidden = !originalLearned;

    const dirty = this.isDirty();
    const newer = dirty && base !== null && item.version !== base.version;
    let status = "";
    let kind = "";
    if (this.saving) {
      status = t("mod.editor.saving");
    } else if (item.state === "removed") {
      status = t("mod.editor.removed");
    } else if (newer) {
      status = t("mod.editor.newer");
      kind = "warn";
    } else if (dirty) {
      status = t("mod.editor.dirty");
      kind = "dirty";
    } else if (this.note) {
      status = this.note;
      kind = "warn";
    }
    if (dirty && this.selectedId !== null && this.selectedId !== item.id) {
      status += ` ${t("mod.editor.other_selected", { id: this.selectedId })}`;
    }
    if (el.draft.textContent !== status) el.draft.textContent = status;
    el.draft.dataset.kind = kind;
    el.root.classList.toggle("is-dirty", dirty);
    el.save.setAttribute("aria-disabled", String(readOnly || !dirty || this.saving));
    el.discard.setAttribute("aria-disabled", String(!dirty || this.saving));
    el.mask.setAttribute("aria-disabled", String(readOnly));
  }

  fillHints(words) {
    const shown = words.slice(0, MAX_HINT_BUTTONS);
    const key = JSON.stringify(shown);
    this.el.hints.hidden = shown.length === 0;
    if (key === this.hintKey) return;
    this.hintKey = key;
    const { t } = this;
    // Not rebuilt while the same words stand: a focused button keeps its focus.
    this.el.hintButtons.replaceChildren(...shown.map(({ word, kind }) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `btn btn-small btn-hint${isFlagKind(kind) ? " is-flag" : ""}`;
      button.dataset.word = word;
      button.dataset.kind = kind;
      button.dataset.testid = "mask-hint";
      const mask = document.createElement("span");
      mask.className = "hint-mask";
      mask.textContent = MASK;
      const label = document.createElement("span");
      label.className = "hint-word";
      label.textContent = word;
      button.append(mask, " ", label);
      const name = t(`mod.hint.${kind}`, undefined, hintName(kind));
      button.setAttribute("aria-label", t("mod.editor.mask_word", { kind: name, word }));
      button.title = t("mod.editor.mask_word_title", { kind: name });
      return button;
    }));
  }

  preview(container, value, words) {
    // Drawn again only when it changed: a selection made in it (to copy) stays.
    const key = JSON.stringify([value, words]);
    if (container.dataset.key === key) return;
    container.dataset.key = key;
    const parts = segments(value, words).map(({ text: part, kind }) => {
      if (kind === null) return document.createTextNode(part);
      const mark = document.createElement("mark");
      mark.textContent = part;
      if (kind === "mask") {
        mark.className = "mask-mark";
      } else {
        mark.className = `hint${isFlagKind(kind) ? " hint-flag" : ""}`;
        mark.dataset.kind = kind;
        mark.title = this.t(`mod.hint.${kind}`, undefined, hintName(kind));
      }
      return mark;
    });
    container.replaceChildren(...parts);
  }

  /** Replace the selected words in the focused (or last focused) field with the mask. */
  maskSelection() {
    if (this.readOnly) return;
    const active = document.activeElement;
    const field = active === this.el.text || active === this.el.learned ? active : this.lastField;
    const start = field.selectionStart;
    const end = field.selectionEnd;
    if (start === end) {
      this.toast(this.t("mod.editor.select_first"),
        "error");
      return;
    }
    field.focus();
    field.setSelectionRange(start, end);
    // insertText keeps the field's own undo (Ctrl+Z in the field takes the mask back).
    let done = false;
    try {
      done = document.execCommand("insertText", false, MASK);
    } catch {
      done = false;
    }
    if (!done || field.value.slice(start, start + MASK.length) !== MASK) {
      field.setRangeText(MASK, start, end, "end");
    }
    this.changed();
  }

  /** Mask every occurrence of a hinted detail in both fields. */
  maskWord(word) {
    if (this.readOnly || !word) return;
    for (const field of [this.el.text, this.el.learned]) {
      if (field.value.includes(word)) field.value = field.value.split(word).join(MASK);
    }
    this.changed();
  }

  discard() {
    if (this.saving) return;
    this.note = "";
    this.load(this.item);
    this.refresh();
    this.onChange();
  }

  focus() {
    if (this.item === null) return false;
    this.el.text.focus();
    return true;
  }

  /** Send the draft as an `edit`; resolves to true once saved (or if there was nothing
   * to save), false if it was not saved. */
  async save() {
    const base = this.base;
    if (this.saving) return false;
    if (base === null || !this.isDirty()) return true;
    if (this.readOnly) return false;
    this.saving = true;
    this.refresh();
    const sent = [this.el.text.value, this.el.learned.value];
    let result;
    try {
      result = await this.send("edit", {
        item_id: base.id,
        version: base.version,
        text: sent[0],
        learned: sent[1],
      }, { key: `item:${base.id}`, quiet: true });
    } finally {
      this.saving = false;
    }
    const { t } = this;
    if (result.ok) {
      // The stream has shown the saved version by now (moderator.done waits for it): load
      // it (as the host cleaned it), unless more was typed meanwhile, which stays a draft
      // on the new version.
      if (this.item && this.item.id === base.id) {
        if (this.el.text.value === sent[0] && this.el.learned.value === sent[1]) {
          this.load(this.item);
        } else {
          this.base = this.item;
        }
      }
      this.note = "";
      this.toast(t("mod.done.edit"));
    } else if (result.code === "stale_version") {
      if (this.item && this.item.id === base.id) {
        if (this.item.version !== base.version) this.load(this.item);
        else this.reloadWhenNewer = true;
      }
      this.note = t("mod.editor.stale");
      this.toast(this.note, "error");
    }
    this.refresh();
    this.onChange();
    return result.ok;
  }
}
