// Queue control on the moderator page (docs/protocol.md, the move, move_to_top,
// approve_many and set_aside_many commands): reorder the queue by dragging a card's
// handle (a pointer: mouse, pen or finger), by its ↑ ↓ buttons or by Alt+↑ Alt+↓, move
// one to the top, and pick many confessions (a checkbox on each card, or every one the
// search shows) to approve or set aside in one step. Every one of these is a single
// undo step on the host.

import { say, sayCount } from "./moderator_texts.js";

/** The lanes whose confessions can be picked for a bulk action. */
export const PICKABLE = ["incoming", "set_aside", "approved"];

/**
 * `deps`: `command(name, fields, options)` runs a command (moderator.js); `items()` the
 * model's items by id; `lanes()` every lane's items in order (the last drawing), and
 * `shown()` those the search shows; `changed()` asks for a drawing; `cardOf(id)` the
 * card's element if it is drawn; `ui`: the bulk bar's elements.
 */
export function createQueue(deps) {
  const picks = new Set();
  const { ui } = deps;

  const queueIds = () => deps.lanes().approved.map((item) => item.id);
  const options = (id) => ({ key: `item:${id}`, li: deps.cardOf(id) });

  /** Move `id` to just before `beforeId` (null: the end), unless it is there already. */
  function move(id, beforeId) {
    const order = queueIds();
    const at = order.indexOf(id);
    if (at < 0 || beforeId === id) return;
    const next = at + 1 < order.length ? order[at + 1] : null;
    if (next === beforeId) return;
    deps.command("move", { item_id: id, before_id: beforeId }, { ...options(id), done: "move" });
  }

  /** One place up (delta -1) or down (+1) in the whole queue. */
  function moveBy(id, delta) {
    const order = queueIds();
    const at = order.indexOf(id);
    if (at < 0) return;
    if (delta < 0 && at > 0) move(id, order[at - 1]);
    if (delta > 0 && at + 1 < order.length) move(id, at + 2 < order.length ? order[at + 2] : null);
  }

  function moveToTop(id) {
    const order = queueIds();
    if (order.indexOf(id) <= 0) return;
    deps.command("move_to_top", { item_id: id }, { ...options(id), done: "move_to_top" });
  }

  // ------------------------------------------------------------ picking many

  function setPicked(id, on) {
    if (on) picks.add(id);
    else picks.delete(id);
    deps.changed();
  }

  /** Every confession the search shows in the pickable lanes. */
  function pickAllShown() {
    const shown = deps.shown();
    for (const lane of PICKABLE) for (const item of shown[lane]) picks.add(item.id);
    deps.changed();
  }

  /** The picked ids still in a lane, in the lanes' order (what bulk commands name). */
  function picked(lanes = PICKABLE) {
    const all = deps.lanes();
    const out = [];
    for (const lane of lanes) for (const item of all[lane]) if (picks.has(item.id)) out.push(item.id);
    return out;
  }

  async function bulk(name, lanes) {
    const ids = picked(lanes);
    if (!ids.length) {
      deps.toast(say(name === "approve_many" ? "mod.error.cannot_approve_many"
        : "mod.error.cannot_set_aside_many"), "error");
      return;
    }
    const result = await deps.command(name, { item_ids: ids }, { key: "cmd:bulk" });
    if (result.ok) {
      for (const id of ids) picks.delete(id);
      deps.changed();
    }
  }

  ui.all.addEventListener("click", pickAllShown);
  ui.approve.addEventListener("click", () => bulk("approve_many", ["incoming", "set_aside"]));
  ui.setAside.addEventListener("click", () => bulk("set_aside_many", ["incoming", "approved"]));
  ui.clear.addEventListener("click", () => {
    picks.clear();
    deps.changed();
  });

  /** Draw the bulk bar; forget picks that left the pickable lanes. */
  function render(ended) {
    if (picks.size) {
      const still = new Set(picked());
      for (const id of picks) if (!still.has(id)) picks.delete(id);
    }
    const count = picks.size;
    ui.bar.hidden = ended;
    ui.count.textContent = count ? sayCount("mod.bulk.picked", count) : "";
    const focused = document.activeElement;
    for (const button of [ui.approve, ui.setAside, ui.clear]) button.hidden = count === 0;
    // The bulk button just pressed went with the picks: the focus stays in the bar.
    if (focused && focused.hidden && ui.bar.contains(focused)) ui.all.focus();
  }

  /** The card's checkbox shows whether it is picked. */
  function syncCard(li, id) {
    const box = li.querySelector("input.pick");
    if (box && box.checked !== picks.has(id)) box.checked = picks.has(id);
  }

  // ------------------------------------------------------------ dragging

  let drag = null; // { li, id, handle, pointerId, target }

  function dropTarget(list, y) {
    for (const li of list.children) {
      if (li === drag.li) continue;
      const box = li.getBoundingClientRect();
      if (y < box.top + box.height / 2) return li;
    }
    return null;
  }

  function mark(list, target) {
    for (const li of list.querySelectorAll(".drop-before")) li.classList.remove("drop-before");
    list.classList.toggle("drop-end", target === null);
    if (target) target.classList.add("drop-before");
  }

  function endDrag(list, commit) {
    if (!drag) return;
    const { li, id, target, moved } = drag;
    drag = null;
    li.classList.remove("is-dragging");
    mark(list, undefined);
    list.classList.remove("drop-end", "is-drag-over");
    if (!commit || !moved) return;
    if (target) {
      move(id, Number(target.dataset.id));
    } else {
      // Dropped after the last card drawn: before the first one not drawn, if any.
      const order = queueIds().filter((other) => other !== id);
      const drawn = [...list.children].filter((element) => element !== li);
      const last = drawn.length ? order.indexOf(Number(drawn[drawn.length - 1].dataset.id)) : -1;
      move(id, last >= 0 && last + 1 < order.length ? order[last + 1] : null);
    }
  }

  /** Near the top or bottom of the scrolling column (or window), scroll it a little. */
  function edgeScroll(list, y) {
    const column = list.closest(".col");
    const scrolls = column && column.scrollHeight > column.clientHeight;
    const box = scrolls ? column.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    const step = y < box.top + 40 ? -16 : y > box.bottom - 40 ? 16 : 0;
    if (!step) return;
    if (scrolls) column.scrollTop += step;
    else window.scrollBy(0, step);
  }

  function attachDrag(list) {
    list.addEventListener("pointerdown", (event) => {
      const handle = event.target instanceof Element ? event.target.closest(".drag-handle") : null;
      if (!handle || event.button !== 0 || drag) return;
      const li = handle.closest("li.item");
      if (!li) return;
      event.preventDefault();
      handle.setPointerCapture(event.pointerId);
      drag = { li, id: Number(li.dataset.id), pointerId: event.pointerId, target: null,
        startY: event.clientY, moved: false };
      li.classList.add("is-dragging");
      list.classList.add("is-drag-over");
    });
    list.addEventListener("pointermove", (event) => {
      if (!drag || event.pointerId !== drag.pointerId) return;
      if (Math.abs(event.clientY - drag.startY) > 4) drag.moved = true;
      if (!drag.moved) return;
      edgeScroll(list, event.clientY);
      drag.target = dropTarget(list, event.clientY);
      mark(list, drag.target);
    });
    list.addEventListener("pointerup", (event) => {
      if (drag && event.pointerId === drag.pointerId) endDrag(list, true);
    });
    list.addEventListener("pointercancel", () => endDrag(list, false));
    list.addEventListener("lostpointercapture", () => endDrag(list, drag !== null && drag.moved));
  }

  return { move, moveBy, moveToTop, setPicked, isPicked: (id) => picks.has(id), render,
    syncCard, attachDrag, pickAllShown };
}

/** The card's pieces for queue control: the checkbox, and the drag handle in the queue. */
export function pickBox(id, picked) {
  const box = document.createElement("input");
  box.type = "checkbox";
  box.className = "pick";
  box.checked = picked;
  box.dataset.testid = `pick-${id}`;
  box.setAttribute("aria-label", say("mod.pick", { id }));
  return box;
}

export function dragHandle(id) {
  const handle = document.createElement("span");
  handle.className = "drag-handle";
  handle.textContent = "⠿";
  handle.title = say("mod.drag_title");
  handle.dataset.testid = `drag-${id}`;
  handle.setAttribute("aria-hidden", "true");
  return handle;
}
