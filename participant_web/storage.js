// localStorage with a safety net: some browsers refuse it (private modes, full
// storage). Then values live in memory for the life of the page.

const memory = new Map();

function probe() {
  try {
    const storage = window.localStorage;
    const key = "confessional.probe";
    storage.setItem(key, "1");
    storage.removeItem(key);
    return storage;
  } catch {
    return null;
  }
}

const storage = probe();

export function getJSON(key, fallback) {
  let raw = null;
  try {
    raw = storage ? storage.getItem(key) : null;
  } catch {
    raw = null;
  }
  if (raw === null && memory.has(key)) raw = memory.get(key);
  if (raw === null || raw === undefined) return fallback;
  try {
    return JSON.parse(raw);
  } catch {
    return fallback;
  }
}

export function setJSON(key, value) {
  const raw = JSON.stringify(value);
  memory.set(key, raw);
  try {
    if (storage) storage.setItem(key, raw);
  } catch {
    // Full or refused: the memory copy keeps the page working.
  }
}

export function remove(key) {
  memory.delete(key);
  try {
    if (storage) storage.removeItem(key);
  } catch {
    // nothing to do
  }
}

/**
 * Remove the key `name` and every key beneath it (`name.` followed by more), used to
 * forget an ended session. Only whole name parts match: forgetting `token.1` leaves
 * `token.12` alone. `keep` (optional) names a tree beneath `name` that stays, e.g. the
 * current session's: removeTree("confessional.sent", "confessional.sent.12").
 */
export function removeTree(name, keep) {
  const under = (key, root) => key === root || key.startsWith(`${root}.`);
  const within = (key) => under(key, name) && !(keep && under(key, keep));
  for (const key of [...memory.keys()]) {
    if (within(key)) memory.delete(key);
  }
  if (!storage) return;
  try {
    const doomed = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key && within(key)) doomed.push(key);
    }
    doomed.forEach((key) => storage.removeItem(key));
  } catch {
    // nothing to do
  }
}
