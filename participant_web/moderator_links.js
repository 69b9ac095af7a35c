// Which items are very like each other, and which were merged into which
// (docs/protocol.md, "Moderators": an item's `like` and `merged_into`).
//
// `like` is one-sided on the wire (a link from either side is a link, and when a crowd
// sends the same text only the newcomer names the others), so the page keeps the
// reverse links too. Both indexes change with each item as it comes (put, drop), never
// by walking all items: with thousands of confessions a change costs what it changes.

const ids = (value) => (Array.isArray(value) ? value.filter(Number.isSafeInteger) : []);

/** Items that are in a lane where likeness matters (not merged, removed or organisers'). */
export const IN_LANES = new Set(["incoming", "approved", "set_aside", "shown"]);

export class Links {
  constructor() {
    this.likedBy = new Map(); // id -> Set of ids whose `like` names it
    this.mergedFrom = new Map(); // kept id -> Set of ids merged into it
    this.named = new Map(); // id -> { like, into } as last put
  }

  reset(items) {
    this.likedBy.clear();
    this.mergedFrom.clear();
    this.named.clear();
    for (const item of items) this.put(item);
  }

  put(item) {
    this.drop(item.id);
    const like = ids(item.like);
    const into = item.state === "merged" && Number.isSafeInteger(item.merged_into)
      ? item.merged_into : null;
    this.named.set(item.id, { like, into });
    for (const other of like) add(this.likedBy, other, item.id);
    if (into !== null) add(this.mergedFrom, into, item.id);
  }

  drop(id) {
    const before = this.named.get(id);
    if (!before) return;
    this.named.delete(id);
    for (const other of before.like) remove(this.likedBy, other, id);
    if (before.into !== null) remove(this.mergedFrom, before.into, id);
  }

  /** The ids very like `item` that are still in the lanes, lowest first (not `item`). */
  alike(item, items) {
    const found = new Set(ids(item.like));
    for (const other of this.likedBy.get(item.id) || []) found.add(other);
    found.delete(item.id);
    return [...found].filter((id) => {
      const other = items.get(id);
      return other && IN_LANES.has(other.state);
    }).sort((a, b) => a - b);
  }

  /** How many items were merged into `id` (and are still merged). */
  mergedInto(id, items) {
    let count = 0;
    for (const other of this.mergedFrom.get(id) || []) {
      const item = items.get(other);
      if (item && item.state === "merged" && item.merged_into === id) count += 1;
    }
    return count;
  }
}

function add(map, key, value) {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

function remove(map, key, value) {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (!set.size) map.delete(key);
}
