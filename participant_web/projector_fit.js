// Fitting text to the big screen's boxes (docs/slides.md): the largest font size, between
// a slide's minimum and maximum, at which a box's text does not overflow it. A binary
// search over sizes, measuring the browser's own layout at each step (no guessing at
// glyph widths: emoji, right-to-left scripts and long words all measure as they render).

const PRECISION_PX = 0.25;

/**
 * The largest size in [min, max] for which `fits(size)` holds (it applies the size and
 * measures), or `min` when none does. The layout is left at the size returned.
 */
export function largestFitting(min, max, fits) {
  if (max <= min || fits(max)) {
    if (max <= min) fits(min);
    return Math.max(min, max);
  }
  if (!fits(min)) return min;
  let low = min;
  let high = max;
  while (high - low > PRECISION_PX) {
    const middle = (low + high) / 2;
    if (fits(middle)) low = middle;
    else high = middle;
  }
  fits(low);
  return low;
}

/** Whether `element`'s content overflows its own box (plus half a pixel for rounding). */
export function overflows(element) {
  return element.scrollHeight > element.clientHeight + 0.5
    || element.scrollWidth > element.clientWidth + 0.5;
}

/** Whether `element`'s content is wider than `width`. */
export function wider(element, width) {
  return element.scrollWidth > width + 0.5;
}

/** How many lines `element` (a block of text at one font size) takes. */
export function lineCount(element) {
  const style = getComputedStyle(element);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  return Math.round(element.getBoundingClientRect().height / lineHeight);
}

/** The rendered height of `element` in CSS pixels. */
export function heightOf(element) {
  return element.getBoundingClientRect().height;
}

/**
 * Fit a single-line-at-most-`lines` text: the largest size in [min, max] at which
 * `element` takes at most `lines` lines (at `min` it may take more).
 */
export function fitLines(element, min, max, lines) {
  return largestFitting(min, max, (size) => {
    element.style.fontSize = `${size}px`;
    return lineCount(element) <= lines;
  });
}

/** Fit a one-line (nowrap) text into `width`: the largest size in [min, max]. */
export function fitWidth(element, min, max, width) {
  return largestFitting(min, max, (size) => {
    element.style.fontSize = `${size}px`;
    return !wider(element, width);
  });
}

/**
 * Cut `text` short (with "…") until `block`, which holds `textElement` and what follows
 * it (a count, say), takes at most `lines` lines; `textElement` keeps it whole when it
 * fits. Cuts between characters as people see them (never inside an emoji).
 */
export function elideToLines(block, textElement, text, lines) {
  textElement.textContent = text;
  if (lineCount(block) <= lines) return;
  const characters = Array.from(text);
  let low = 0;
  let high = characters.length;
  const fitsWith = (count) => {
    textElement.textContent = `${characters.slice(0, count).join("").trimEnd()}…`;
    return lineCount(block) <= lines;
  };
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fitsWith(middle)) low = middle;
    else high = middle;
  }
  fitsWith(low);
}
