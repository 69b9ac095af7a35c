// Where the eye is after an action: a message that answers it (sent, saved on the
// phone, refused) must not appear below the fold. reveal() scrolls it into view once
// it is laid out, as little as needed, smoothly unless less motion is asked for; the
// element itself is a live region (role="status" or "alert"), so it is also heard.

const still = window.matchMedia("(prefers-reduced-motion: reduce)");

/** Whether `element` is wholly inside the viewport (and laid out at all). */
export function inView(element) {
  const box = element.getBoundingClientRect();
  if (!box.width && !box.height) return false;
  const height = window.innerHeight || document.documentElement.clientHeight;
  return box.top >= 0 && box.bottom <= height;
}

/**
 * Scroll `element` into view after the next layout, if it is not in view already.
 * block: "nearest" (as little as needed), or "end" for a message about what is above
 * it (a field's error: at the bottom of the screen, the field shows above it).
 */
export function reveal(element, block = "nearest") {
  requestAnimationFrame(() => {
    if (!element.isConnected || !element.getClientRects().length || inView(element)) return;
    element.scrollIntoView({ block, behavior: still.matches ? "auto" : "smooth" });
  });
}
