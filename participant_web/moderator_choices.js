// Session choices on the moderator page (docs/protocol.md: set_organisers_record,
// set_batching, set_projector; the session's organisers_record, batching, projector_*
// and projector_path, the room's batching).
//
// Whether organisers-only confessions go into the record is a house rule the phones
// show, so it can change only before the first confession arrives: after that the box
// is disabled and says why. Timing privacy (new confessions reach Incoming in small
// shuffled batches) is Auto, On or Off; the Incoming lane says while it is active.
//
// The big screen: its colours, a corner join code, the confession's timer on it
// (set_projector sends all three at once), and the projector link (the join link's
// origin and `projector_path`) for a venue's computer, with Copy: this page is often
// not a secure context (http on a LAN), where the Clipboard API is missing, so the link
// is selected in its field and copied the old way, or left selected to copy by hand.

import { elements, say } from "./moderator_texts.js";

/** The projector page's whole link: the join link's origin and the session's path. */
export function projectorLink(join, session) {
  const path = typeof session.projector_path === "string" ? session.projector_path : "";
  if (!path.startsWith("/") || !join || typeof join.join_url !== "string") return "";
  try {
    return new URL(path, join.join_url).href;
  } catch {
    return "";
  }
}

/**
 * `deps`: `command(name, fields, options)`; `session()`, `room()`, `join()` and
 * `arrived()` (whether any confession arrived) from the model.
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
    cornerQr: "projector-corner-qr",
    timer: "projector-timer",
    linkRow: "projector-link-row",
    link: "projector-link",
    copy: "projector-copy",
    openLink: "projector-open",
    copied: "projector-copied",
  });
  ui.modes = [...document.querySelectorAll("input[name=batching]")];
  ui.themes = [...document.querySelectorAll("input[name=projector-theme]")];

  function showError(result) {
    ui.error.textContent = result.ok || result.skipped ? "" : result.message || "";
    ui.error.hidden = !ui.error.textContent;
  }

  ui.open.addEventListener("click", () => {
    if (typeof ui.dialog.showModal !== "function") return;
    ui.error.hidden = true;
    ui.copied.textContent = "";
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

  // The big screen: every change sends the three choices as the dialog shows them, one
  // command at a time (a change made meanwhile follows when the first is done); until
  // then the dialog keeps what the moderator chose rather than the session's values.
  let sending = false;
  let again = false;
  async function sendProjector() {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    try {
      do {
        again = false;
        const theme = ui.themes.find((radio) => radio.checked);
        const result = await deps.command("set_projector", {
          theme: theme ? theme.value : "dark",
          corner_qr: ui.cornerQr.checked,
          timer: ui.timer.checked,
        }, { key: "cmd:set_projector" });
        showError(result);
      } while (again);
    } finally {
      sending = false;
    }
    render(false);
  }
  for (const input of [...ui.themes, ui.cornerQr, ui.timer]) {
    input.addEventListener("change", () => {
      if (input.type !== "radio" || input.checked) sendProjector();
    });
  }

  async function copyLink() {
    const link = ui.link.value;
    if (!link) return;
    let copied = false;
    if (window.isSecureContext && navigator.clipboard && navigator.clipboard.writeText) {
      try {
        await navigator.clipboard.writeText(link);
        copied = true;
      } catch {
        copied = false; // refused: the old way below
      }
    }
    if (!copied) {
      ui.link.focus();
      ui.link.select();
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
    }
    ui.copied.textContent = say(copied ? "mod.choices.copied" : "mod.choices.copy_by_hand");
  }
  ui.copy.addEventListener("click", copyLink);
  ui.link.addEventListener("focus", () => ui.link.select());

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

    if (!sending) {
      const theme = session.projector_theme === "light" ? "light" : "dark";
      for (const radio of ui.themes) radio.checked = radio.value === theme;
      ui.cornerQr.checked = session.projector_corner_qr !== false;
      ui.timer.checked = session.projector_timer === true;
    }
    const link = projectorLink(deps.join(), session);
    ui.linkRow.hidden = !link;
    if (ui.link.value !== link) {
      ui.link.value = link;
      ui.copied.textContent = "";
    }
    if (link) ui.openLink.href = link;
    else ui.openLink.removeAttribute("href");
  }

  return { render };
}
