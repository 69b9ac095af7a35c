// The room as the host sees it (docs/protocol.md, "Moderators": room, count.changed).
//
// An address from which more than one phone joins is a shared address: a venue
// network that puts everyone behind one address, a hotspot, or someone adding votes
// (the host cannot tell which). Its phones' agreements are counted apart until a
// moderator counts them (the count_shared command); an address found shared afterwards
// is set apart again. Confessions sent faster than a person writes wait and reach
// Incoming at a steady pace. The console says the same in the same words
// (facilitator/ui/room_banner.py). Texts are set with textContent only.

import { t, tn, formatNumber } from "./i18n.js";

export const ORDINARY_ROOM = Object.freeze({
  shared_apart: 0, shared_counted: 0, waiting: 0, batching: false,
});

const howMany = (value) => (Number.isSafeInteger(value) && value > 0 ? value : 0);

/** The room from the host's payload (a snapshot's `room`, or room.changed's). */
export function roomFrom(value) {
  if (value === null || typeof value !== "object") return ORDINARY_ROOM;
  return {
    shared_apart: howMany(value.shared_apart),
    shared_counted: howMany(value.shared_counted),
    waiting: howMany(value.waiting),
    batching: value.batching === true, // timing privacy is active (moderator_choices.js)
  };
}

/** An item's agreements set apart (not in its public count). */
export const setApartOf = (item) => howMany(item.set_apart_count);

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Beside a public count: "+3 set apart", hidden while there are none. */
export function setApartElement(className, setApart) {
  const element = document.createElement("span");
  element.className = `set-apart ${className}`;
  element.title = t("mod.set_apart_title");
  updateSetApart(element, setApart);
  return element;
}

export function updateSetApart(element, setApart) {
  setText(element, setApart > 0 ? t("mod.set_apart", { count: formatNumber(setApart) }) : "");
  element.hidden = setApart === 0;
}

/** What the banner says: the phones counted apart first, then those counted. */
function roomText(room, agreeLabel) {
  const sentences = [];
  if (room.shared_apart) {
    sentences.push(tn("mod.room.apart", room.shared_apart, { label: agreeLabel }));
  }
  if (room.shared_counted) sentences.push(tn("mod.room.counted", room.shared_counted));
  return sentences.join(" ");
}

/**
 * Show the room: the banner while phones are on a shared address (the session open),
 * with "Count them" while some are counted apart and "Set them apart" while some are
 * counted; and the Incoming lane's line about confessions waiting.
 * `elements`: { banner, text, count, setApart, waiting }.
 */
export function renderRoom(elements, room, { agreeLabel, ended }) {
  const { banner, text, count, setApart, waiting } = elements;
  banner.hidden = ended || room.shared_apart + room.shared_counted === 0;
  if (!banner.hidden) {
    banner.dataset.counted = String(room.shared_apart === 0);
    setText(text, roomText(room, agreeLabel));
    const focused = document.activeElement;
    count.hidden = room.shared_apart === 0;
    setApart.hidden = room.shared_counted === 0;
    // The button just pressed may go: the focus moves to the one that takes its place.
    if (focused === count && count.hidden && !setApart.hidden) setApart.focus();
    if (focused === setApart && setApart.hidden && !count.hidden) count.focus();
  }
  const line = ended || room.waiting === 0 ? "" : tn("mod.waiting", room.waiting);
  setText(waiting, line);
  waiting.hidden = !line;
}
