// Merging confessions very like each other (docs/protocol.md, the merge command and
// an item's `like`). A card with alike items says "≈ N alike"; opening it shows the
// group (the item and those very like it still in the lanes): the moderator picks the
// one to keep, which of the others go, edits the kept text (prefilled with the kept
// one's) and merges. The kept one keeps the union of the voters; the others leave the
// lanes. The merge names the version of the kept item the text was prefilled from, so
// another moderator's edit is never overwritten (stale_version: their text is loaded).
// Texts are set with textContent and textarea values only.

import { t, tn, formatNumber } from "./i18n.js";
import { elements, say, sayCount } from "./moderator_texts.js";

const text = (value) => (typeof value === "string" ? value : "");

function laneName(item, currentId) {
  if (item.id === currentId) return t("mod.column.on_screen");
  return t(`mod.state.${item.state}`, undefined, say(`mod.state.${item.state}`));
}

/**
 * `deps`: `items()` the model's items; `alike(item)` ids very like it in the lanes;
 * `currentId()` the item on screen; `command(name, fields, options)`; `ended()`.
 */
export function createMerge(deps) {
  const ui = elements({
    dialog: "merge-dialog",
    group: "merge-group",
    text: "merge-text",
    learned: "merge-learned",
    error: "merge-error",
    submit: "merge-submit",
  });
  let state = null; // { anchor, keep, include: Set, filled: [text, learned], version, drawn }

  function groupIds() {
    const items = deps.items();
    const anchor = items.get(state.anchor);
    if (!anchor) return [];
    const ids = [anchor.id, ...deps.alike(anchor)];
    return ids.filter((id) => items.has(id) && ["incoming", "approved", "set_aside", "shown"]
      .includes(items.get(id).state));
  }

  /** Fill the text fields from the kept item, unless the moderator has changed them. */
  function fill(force) {
    const keep = deps.items().get(state.keep);
    if (!keep) return;
    const untouched = state.filled && ui.text.value === state.filled[0]
      && ui.learned.value === state.filled[1];
    if (!force && !untouched && state.version !== null) return;
    ui.text.value = text(keep.text);
    // A lesson from one merged in, when the kept one has none: it is not lost unseen.
    const lessons = [keep, ...[...state.include].map((id) => deps.items().get(id))]
      .map((item) => text(item && item.learned)).filter(Boolean);
    ui.learned.value = lessons.length ? lessons[0] : "";
    state.filled = [ui.text.value, ui.learned.value];
    state.version = keep.version;
  }

  function row(item, currentId) {
    const li = document.createElement("li");
    li.className = "merge-row";
    li.dataset.id = String(item.id);
    const keep = document.createElement("input");
    keep.type = "radio";
    keep.name = "merge-keep";
    keep.value = String(item.id);
    keep.checked = item.id === state.keep;
    keep.dataset.testid = `merge-keep-${item.id}`;
    keep.id = `merge-keep-${item.id}`;
    const keepLabel = document.createElement("label");
    keepLabel.htmlFor = keep.id;
    keepLabel.className = "merge-keep";
    keepLabel.append(keep, document.createTextNode(` ${say("mod.merge.keep")}`));
    const controls = document.createElement("div");
    controls.className = "merge-controls";
    controls.append(keepLabel);
    if (item.id !== state.keep) {
      const include = document.createElement("input");
      include.type = "checkbox";
      include.checked = state.include.has(item.id);
      include.dataset.testid = `merge-include-${item.id}`;
      include.dataset.id = String(item.id);
      include.id = `merge-include-${item.id}`;
      const includeLabel = document.createElement("label");
      includeLabel.htmlFor = include.id;
      includeLabel.className = "merge-include";
      includeLabel.append(include, document.createTextNode(` ${say("mod.merge.include")}`));
      controls.append(includeLabel);
    }
    const body = document.createElement("div");
    body.className = "merge-item";
    const quote = document.createElement("p");
    quote.className = "merge-text";
    quote.textContent = text(item.text);
    body.append(quote);
    if (text(item.learned)) {
      const learned = document.createElement("p");
      learned.className = "item-learned";
      learned.textContent = `${t("mod.learned")} ${text(item.learned)}`;
      body.append(learned);
    }
    const meta = document.createElement("p");
    meta.className = "item-meta";
    meta.textContent = say("mod.merge.lane", { lane: laneName(item, currentId), id: item.id });
    if (item.state === "shown") {
      meta.textContent += ` · ${tn("mod.count", item.agreement_count || 0)}`;
    }
    body.append(meta);
    li.classList.toggle("is-kept", item.id === state.keep);
    li.append(controls, body);
    return li;
  }

  function draw() {
    const items = deps.items();
    const ids = groupIds();
    if (!ids.includes(state.keep) && ids.length) {
      state.keep = ids[0];
      fill(true);
    }
    for (const id of [...state.include]) if (!ids.includes(id)) state.include.delete(id);
    const currentId = deps.currentId();
    const signature = JSON.stringify([ids.map((id) => {
      const item = items.get(id);
      return [id, item.state, item.text, item.learned, item.agreement_count, item.version];
    }), state.keep, [...state.include].sort(), currentId]);
    if (signature !== state.drawn) {
      state.drawn = signature;
      const active = document.activeElement;
      const focused = active && ui.group.contains(active) ? active.dataset.testid : null;
      ui.group.replaceChildren(...ids.map((id) => row(items.get(id), currentId)));
      const again = focused ? ui.group.querySelector(`[data-testid="${focused}"]`) : null;
      if (again) again.focus();
      if (ids.length < 2) {
        const gone = document.createElement("li");
        gone.className = "muted";
        gone.textContent = say("mod.merge.gone");
        ui.group.append(gone);
      }
    }
    const others = [...state.include].filter((id) => id !== state.keep);
    ui.submit.textContent = sayCount("mod.merge.submit", others.length + 1);
    ui.submit.setAttribute("aria-disabled", String(others.length === 0));
    fill(false);
  }

  function open(item) {
    if (deps.ended() || typeof ui.dialog.showModal !== "function") return;
    state = { anchor: item.id, keep: item.id, include: new Set(), filled: null, version: null,
      drawn: null };
    const ids = groupIds();
    // What is on the big screen cannot be merged away: it is the one kept.
    const onScreen = ids.find((id) => id === deps.currentId());
    state.keep = onScreen !== undefined ? onScreen : item.id;
    for (const id of ids) if (id !== state.keep) state.include.add(id);
    fill(true);
    clearError();
    draw();
    ui.dialog.returnValue = "";
    ui.dialog.showModal();
  }

  function clearError() {
    ui.error.hidden = true;
    ui.error.textContent = "";
  }
  ui.text.addEventListener("input", clearError);
  ui.learned.addEventListener("input", clearError);

  ui.group.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !state) return;
    clearError();
    if (input.type === "radio" && input.checked) {
      const previous = state.keep;
      state.keep = Number(input.value);
      state.include.delete(state.keep);
      state.include.add(previous);
      fill(true);
    } else if (input.type === "checkbox") {
      const id = Number(input.dataset.id);
      if (input.checked) state.include.add(id);
      else state.include.delete(id);
    }
    draw();
  });

  ui.submit.addEventListener("click", async () => {
    if (!state || ui.submit.getAttribute("aria-disabled") === "true") return;
    const keepId = state.keep;
    const others = [...state.include].filter((id) => id !== keepId);
    const result = await deps.command("merge", {
      keep_id: keepId,
      item_ids: others,
      version: state.version,
      text: ui.text.value,
      learned: ui.learned.value,
    }, { key: "cmd:merge" });
    if (!state) return;
    if (result.ok) {
      ui.dialog.close("merged");
      return;
    }
    if (result.skipped) return;
    ui.error.textContent = result.message || "";
    ui.error.hidden = !result.message;
    if (result.code === "stale_version") fill(true); // their text, and its version
    draw();
  });

  ui.dialog.addEventListener("close", () => {
    state = null;
    ui.group.replaceChildren();
  });

  return {
    open,
    /** Keep the open dialog in step with the lanes (called at each drawing). */
    render(ended) {
      if (!state) return;
      if (ended) ui.dialog.close("ended");
      else draw();
    },
    isOpen: () => state !== null,
  };
}

/** The card's "≈ N alike" button (null when nothing is alike). */
export function alikeButton(id, count) {
  if (!count) return null;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "btn btn-small btn-alike";
  button.dataset.action = "merge_group";
  button.dataset.testid = `alike-${id}`;
  button.textContent = say("mod.action.merge_group", { count: formatNumber(count) });
  button.title = say("mod.action_title.merge_group");
  button.setAttribute("aria-haspopup", "dialog");
  return button;
}

/** "merged from N" on the kept one (null when nothing was merged into it). */
export function mergedTag(count) {
  if (!count) return null;
  const tag = document.createElement("span");
  tag.className = "tag tag-merged";
  tag.textContent = sayCount("mod.merged_from", count);
  return tag;
}
