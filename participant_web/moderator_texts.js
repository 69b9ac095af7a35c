// English for the moderator page's newer texts (queue control, merging, the organisers'
// lane, session choices) until the catalogs have them: i18n.js uses a catalog's text
// when it has the key, these otherwise. And the newer modules' one way to find elements.

import { t, formatNumber } from "./i18n.js";

const ENGLISH = {
  "mod.column.organisers": "For the organisers only — never shown",
  "mod.empty.organisers": "Nothing for the organisers only.",
  "mod.organisers_hint": "Moderators read these; they can be edited but never approved, projected or merged.",
  "mod.state.for_organisers": "For the organisers only",
  "mod.state.merged": "Merged",
  "mod.reply_to": "↳ reply to #{id}",
  "mod.action.move_up": "Move up",
  "mod.action.move_down": "Move down",
  "mod.action.move_to_top": "Move to top",
  "mod.action.merge_group": "≈ {count} alike",
  "mod.action_title.merge_group": "Confessions very like this one: open them to merge",
  "mod.drag_title": "Drag to another place in the queue (or Alt+↑ Alt+↓)",
  "mod.action_title.move_to_top": "Move to the top of the queue (Alt+Home)",
  "mod.action_title.move_up": "Move up the queue (Alt+↑)",
  "mod.action_title.move_down": "Move down the queue (Alt+↓)",
  "mod.merged_from": "merged from {count}",
  "mod.pick": "Pick #{id} for a bulk action",
  "mod.more": "Show {count} more ({rest} not listed yet)",
  "mod.bulk.picked": "{count} picked",
  "mod.bulk.all": "Pick all shown",
  "mod.bulk.all_title": "Pick every confession the search shows in Incoming, Set aside and the queue",
  "mod.bulk.approve": "Approve",
  "mod.bulk.set_aside": "Set aside",
  "mod.bulk.clear": "Clear",
  "mod.done.approve_many": "Approved.",
  "mod.done.set_aside_many": "Set aside.",
  "mod.done.move": "Moved.",
  "mod.done.move_to_top": "Moved to the top of the queue.",
  "mod.done.merge": "Merged.",
  "mod.done.set_organisers_record": "Saved.",
  "mod.done.set_batching": "Saved.",
  "mod.undo.action.move": "move",
  "mod.undo.action.merge": "merge",
  "mod.undo.action.approve_many": "approve",
  "mod.undo.action.set_aside_many": "set aside",
  "mod.undo.many": "Undo {action} ({count})",
  "mod.keys.move": "reorder",
  "mod.keys.pick": "pick",
  "mod.merge.title": "Confessions very like each other",
  "mod.merge.body": "Keep one (its text can be edited); the others leave the lanes. Whoever agreed with any of them counts once for the one kept. Undo takes it back.",
  "mod.merge.keep": "Keep",
  "mod.merge.include": "Merge in",
  "mod.merge.text": "The text kept",
  "mod.merge.learned": "What they learned (optional)",
  "mod.merge.submit": "Merge {count}",
  "mod.merge.cancel": "Cancel",
  "mod.merge.gone": "These confessions are no longer alike in the lanes.",
  "mod.merge.lane": "{lane} · #{id}",
  "mod.choices.open": "Session choices…",
  "mod.choices.title": "Privacy for this session",
  "mod.choices.organisers": "For the organisers only",
  "mod.choices.record": "Keep organisers-only confessions in the record",
  "mod.choices.record_help": "Confessions marked for the organisers only go into a section of the transcript of their own. Otherwise moderators read them and they are forgotten at the end.",
  "mod.choices.record_late": "Confessions have arrived: the phones' house rules already said whether these are kept, so this can no longer change in this session.",
  "mod.choices.batching": "Timing privacy",
  "mod.choices.batching_help": "New confessions reach Incoming a few at a time, shuffled, so that nobody watching this screen can tie a confession to the phone that just sent it.",
  "mod.choices.auto": "Auto (on in rooms of over 30 phones)",
  "mod.choices.on": "On",
  "mod.choices.off": "Off",
  "mod.choices.close": "Close",
  "mod.batching_active": "Timing privacy is on: new confessions arrive in small shuffled batches.",
  "mod.error.not_queued": "Only a confession in the queue can be moved.",
  "mod.error.nothing_to_merge": "Pick at least one other confession to merge.",
  "mod.error.cannot_merge": "Removed, merged and organisers-only confessions cannot be merged.",
  "mod.error.merge_on_screen": "One of those is on the big screen: keep that one, or blank the screen first.",
  "mod.error.too_late": "Confessions have arrived: this can only change before the first one.",
  "mod.error.cannot_approve_many": "None of them is incoming or set aside now.",
  "mod.error.cannot_set_aside_many": "None of them is incoming or queued now.",
};

/** The page's elements by id: `{ name: "element-id", … }` → `{ name: element, … }`. */
export function elements(ids) {
  return Object.fromEntries(Object.entries(ids)
    .map(([name, id]) => [name, document.getElementById(id)]));
}

/** The catalog's text for `key`, else the English above. */
export function say(key, vars) {
  return t(key, vars, ENGLISH[key]);
}

export function has(key) {
  return Object.hasOwn(ENGLISH, key);
}

/** `say` with a number filled in as {count}, formatted for the page's language. */
export function sayCount(key, count, vars) {
  return say(key, { ...vars, count: formatNumber(count) });
}
