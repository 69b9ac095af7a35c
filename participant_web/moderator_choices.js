// Session choices on the moderator page (docs/protocol.md: set_organisers_record,
// set_batching; the session's organisers_record and batching, the room's batching).
//
// Whether organisers-only confessions go into the record is a house rule the phones
// show, so it can change only before the first confession arrives: after that the box
// is disabled and says why. Timing privacy (new confessions reach Incoming in small
// shuffled batches) is Auto, On or Off; the Incoming lane says while it is active.

import { elements } from "./moderator_texts.js";

/**
 * `deps`: `command(name, fields, options)`; `session()`, `room()` and `arrived()`
 * (whether any confession arrived) from the model.
 */
export function createChoices(deps) {
  const ui = elements({
    open: "choices-open",
    dialog: "choices",
    record: "organisers-record",
    late: "organisers-record-late",
    now: "batching-now",
    error: "choices-error",
    lane: "batching-incoming",
  });
  ui.modes = [...document.querySelectorAll("input[name=batching]")];

  function showError(result) {
    ui.error.textContent = result.ok || result.skipped ? "" : result.message || "";
    ui.error.hidden = !ui.error.textContent;
  }

  ui.open.addEventListener("click", () => {
    if (typeof ui.dialog.showModal !== "function") return;
    ui.error.hidden = true;
    render(false);
    ui.dialog.returnValue = "";
    ui.dialog.showModal();
  });
  ui.dialog.addEventListener("close", () => {
    if (ui.dialog.returnValue !== "ended") ui.open.focus();
  });

  ui.record.addEventListener("change", async () => {
    const result = await deps.command("set_organisers_record", { keep: ui.record.checked });
    showError(result);
    render(false);
  });
  for (const radio of ui.modes) {
    radio.addEventListener("change", async () => {
      if (!radio.checked) return;
      const result = await deps.command("set_batching", { mode: radio.value });
      showError(result);
      render(false);
    });
  }

  function render(ended) {
    const session = deps.session();
    const active = !ended && deps.room().batching === true;
    ui.lane.hidden = !active;
    ui.now.hidden = !active;
    ui.open.hidden = ended;
    if (ended && ui.dialog.open) ui.dialog.close("ended");
    const late = deps.arrived();
    ui.record.checked = session.organisers_record === true;
    ui.record.disabled = late;
    ui.late.hidden = !late;
    const mode = ["auto", "on", "off"].includes(session.batching) ? session.batching : "auto";
    for (const radio of ui.modes) radio.checked = radio.value === mode;
  }

  return { render };
}
