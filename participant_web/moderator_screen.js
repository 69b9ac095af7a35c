// The big screen from the moderator page (docs/protocol.md: show_slide, set_content_note;
// docs/slides.md): what it shows, the slides, the clocks and content notes.
//
// Join slide (B), Black (K or the full stop, as presenter clickers send: the panic
// button, one keystroke, no question), Break (P) and Closing (C) send show_slide. With a
// confession on the screen, the join slide's button and B send `blank` as before (undo
// puts the confession back; show_slide would too). The button of what the screen shows
// is pressed (aria-pressed), from the session's `slide` and the confession on screen
// (the same stream step as the command's effect), and the header says it in words.
//
// Clocks: the session's since `started_at`, the confession's since its `shown_at`; m:ss,
// h:mm:ss from an hour on. They count by the laptop's clock: the projector state's `now`
// (rounded down to the second) tells how far this browser's clock is off, and a
// difference over 1.5 s (more than the rounding) is taken off; a smaller one is ignored.
//
// A content note (set_content_note) is a box in the editor; cards that carry one are
// marked (moderator.js). Texts are set with textContent only.

import { elements, say } from "./moderator_texts.js";

export const SLIDES = ["join", "black", "break", "closing"];
/** The keys of the slides (the letter a key types; the full stop is the clickers' "black"). */
export const SLIDE_KEYS = { b: "join", k: "black", ".": "black", p: "break", c: "closing" };

const SKEW_IGNORED_MS = 1500;
const TICK_MS = 500;

const pad = (value) => String(value).padStart(2, "0");

/** Milliseconds as m:ss, or h:mm:ss from an hour on (never negative). */
export function clockText(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}

const when = (value) => {
  const parsed = typeof value === "string" && value ? Date.parse(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
};

/** Whether the item may carry a content note (a confession that can reach the screen). */
export function notable(item) {
  return !!item && (item.kind === undefined || item.kind === "confession")
    && item.state !== "for_organisers" && item.state !== "merged";
}

/**
 * `deps`: `command(name, fields, options)`; from the model `session()`, `currentId()`,
 * `item(id)`, `ended()`; `editing()`: the item the editor shows, or null.
 */
export function createScreen(deps) {
  const ui = elements({
    join: "blank-screen",
    black: "screen-black",
    break: "screen-break",
    closing: "screen-closing",
    now: "screen-now",
    empty: "empty-on-screen",
    sessionClock: "clock-session",
    sessionTime: "clock-session-time",
    itemClock: "clock-item",
    itemTime: "clock-item-time",
    noteRow: "content-note-row",
    note: "content-note",
  });
  let offset = 0; // the laptop's clock minus this browser's, when it matters
  let ended = false;
  let noting = null; // the item whose content note is on its way (its box is left alone)

  /** What the big screen shows: "confession" or one of SLIDES. */
  function showing() {
    if (deps.currentId() !== null) return "confession";
    const slide = deps.session().slide;
    return SLIDES.includes(slide) ? slide : "join";
  }

  /** Put `slide` on the big screen (a key or a button). */
  function show(slide) {
    if (deps.ended() || !SLIDES.includes(slide)) return;
    if (slide === "join" && deps.currentId() !== null) {
      deps.command("blank", {});
      return;
    }
    if (showing() === slide) return;
    deps.command("show_slide", { slide }, {
      key: `cmd:show_slide:${slide}`, // black is never held up by another slide on its way
      done: `show_slide_${slide}`,
    });
  }

  for (const slide of SLIDES) {
    if (slide === "join") continue; // moderator.js sends the join slide's clicks here too
    ui[slide].addEventListener("click", () => show(slide));
  }

  ui.note.addEventListener("change", async () => {
    const item = deps.editing();
    if (!notable(item) || ended) return;
    const noted = ui.note.checked;
    noting = item.id;
    try {
      await deps.command("set_content_note", { item_id: item.id, noted }, {
        key: `note:${item.id}`,
        done: noted ? "content_note_on" : "content_note_off",
      });
    } finally {
      noting = null;
    }
    render(ended); // as the host has it now, whether it was refused or not
  });

  /** The projector state came (snapshot or projector.changed): how far off this clock is. */
  function projector(state) {
    const now = state && typeof state === "object" ? when(state.now) : null;
    if (now === null) return;
    const off = now + 500 - Date.now(); // `now` is rounded down to the second
    offset = Math.abs(off) > SKEW_IGNORED_MS ? off : 0;
  }

  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function tick() {
    const now = Date.now() + offset;
    const started = when(deps.session().started_at);
    ui.sessionClock.hidden = ended || started === null;
    if (!ui.sessionClock.hidden) setText(ui.sessionTime, clockText(now - started));
    const current = deps.currentId();
    const item = current === null ? null : deps.item(current);
    const shownAt = item ? when(item.shown_at) : null;
    ui.itemClock.hidden = ended || shownAt === null;
    if (!ui.itemClock.hidden) setText(ui.itemTime, clockText(now - shownAt));
  }

  function render(isEnded) {
    ended = isEnded;
    const on = showing();
    for (const slide of SLIDES) {
      const pressed = String(!ended && on === slide);
      if (ui[slide].getAttribute("aria-pressed") !== pressed) {
        ui[slide].setAttribute("aria-pressed", pressed);
      }
    }
    const current = deps.currentId();
    const what = on === "confession"
      ? say("mod.screen.now_confession", { id: current })
      : say(`mod.screen.now_${on}`);
    setText(ui.now, ended ? "" : say("mod.screen.now", { what }));
    ui.now.hidden = ended;
    ui.now.dataset.slide = on;
    // The empty "On screen now" lane says which slide the room sees instead.
    if (on !== "confession") setText(ui.empty, say(`mod.screen.empty_${on}`));

    const item = deps.editing();
    ui.noteRow.hidden = ended || !notable(item);
    if (!ui.noteRow.hidden && noting !== item.id) ui.note.checked = item.content_note === true;
    tick();
  }

  setInterval(tick, TICK_MS);

  return { render, show, showing, projector };
}
