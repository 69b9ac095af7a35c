// How much of each lane the moderator page draws (moderator.js). A lane draws its first
// cards, and more when the moderator scrolls near its end (or presses "Show N more",
// or walks past its last card with ↓): a lane of thousands costs what is in sight. The
// counts and the search always cover every confession.

import { formatNumber } from "./i18n.js";
import { say } from "./moderator_texts.js";

export const WINDOW = 60; // cards drawn at first, and again after a new search
const STEP = 40; // cards drawn more at a time

/**
 * `lists`: lane name -> its list element; `shown(name)`: how many the search shows in
 * that lane now; `changed()` asks for a drawing.
 */
export function createWindows(lists, shown, changed) {
  const limits = Object.fromEntries(Object.keys(lists).map((name) => [name, WINDOW]));
  const buttons = {};

  /** Draw `STEP` more of the lane, if it has more; true if it had. */
  function more(name) {
    if (shown(name) <= limits[name]) return false;
    limits[name] += STEP;
    changed();
    return true;
  }

  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting && !entry.target.hidden) more(entry.target.dataset.lane);
    }
  }, { rootMargin: "400px 0px" });
  // A fast scroll (a flick, a scroll bar dragged) can jump past a button between two
  // frames without its ever intersecting: after each scroll, a lane whose button is near
  // or above the bottom of the window draws more too.
  let scrolled = 0;
  document.addEventListener("scroll", () => {
    if (scrolled) return;
    scrolled = requestAnimationFrame(() => {
      scrolled = 0;
      for (const [name, button] of Object.entries(buttons)) {
        if (!button.hidden && button.getBoundingClientRect().top < window.innerHeight + 400) {
          more(name);
        }
      }
    });
  }, { capture: true, passive: true });
  for (const [name, list] of Object.entries(lists)) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-small btn-quiet lane-more";
    button.dataset.lane = name;
    button.dataset.testid = `more-${name}`;
    button.hidden = true;
    button.addEventListener("click", () => more(name));
    list.after(button);
    buttons[name] = button;
    seen.observe(button);
  }

  return {
    /** The lane's items to draw. */
    drawn(name, items) {
      return items.length > limits[name] ? items.slice(0, limits[name]) : items;
    },
    more,
    /** A new search: every lane starts again from its first cards. */
    reset() {
      for (const name of Object.keys(limits)) limits[name] = WINDOW;
    },
    /** "Show N more" below the lane while `rest` of it are not drawn. */
    render(name, rest) {
      const button = buttons[name];
      button.hidden = rest <= 0;
      if (rest <= 0) return;
      const text = say("mod.more", {
        count: formatNumber(Math.min(STEP, rest)), rest: formatNumber(rest),
      });
      if (button.textContent !== text) button.textContent = text;
    },
  };
}
