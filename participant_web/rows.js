// A list whose rows are kept by key and updated in place, so that a button keeps the
// keyboard focus while other rows change: the confessions sent from this phone
// (sent.js), the replies under the confession on screen (replies.js).

/**
 * Make `list` (a <ul>) show one row per item, in order. `rows` maps a key to its row
 * ({ li, … }): a row is built once by `build(key)`, filled by `fill(item, row)` each
 * time, moved only when it is out of place, and removed when its item has gone.
 */
export function renderRows({ list, rows, items, keyOf, build, fill }) {
  const seen = new Set();
  let previous = null;
  for (const item of items) {
    const key = keyOf(item);
    let row = rows.get(key);
    if (!row) {
      row = build(key);
      rows.set(key, row);
    }
    fill(item, row);
    seen.add(key);
    const wanted = previous ? previous.nextSibling : list.firstChild;
    if (row.li !== wanted) list.insertBefore(row.li, wanted);
    previous = row.li;
  }
  for (const [key, { li }] of rows) {
    if (!seen.has(key)) {
      li.remove();
      rows.delete(key);
    }
  }
}

/** A new element for a row: `className` and a `data-testid`, when given. */
export function element(tag, className, testId) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (testId) made.dataset.testid = testId;
  return made;
}
