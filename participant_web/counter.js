// The character counter under a field, shared by the confession form and the "what
// helped" form. Nothing is cut off: a paste longer than the limit stays whole, and the
// counter says by how much it is over (the rules refuse it on Send with the same words).

import * as i18n from "./i18n.js";

/** Characters as the laptop counts them (code points, not UTF-16 units). */
export function length(text) {
  return Array.from(text).length;
}

export function updateCounter(field, counter, max) {
  const count = length(field.value);
  const numbers = { count: i18n.formatNumber(count), max: i18n.formatNumber(max) };
  const over = count - max;
  counter.textContent = over > 0
    ? i18n.t("form.counter_over", { ...numbers, over: i18n.formatNumber(over) })
    : i18n.t("form.counter", numbers);
  counter.classList.toggle("is-near", count >= max * 0.9 && over <= 0);
  counter.classList.toggle("is-full", over === 0);
  counter.classList.toggle("is-over", over > 0);
}
