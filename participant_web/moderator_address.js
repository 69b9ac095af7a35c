// The laptop's address changed mid-session (docs/protocol.md, "Moderators": host,
// join.changed).
//
// The host follows the laptop to its new address: the join link, the QR codes and the
// mDNS advertisement change by themselves. Phones already in keep the page they loaded
// from the old address and cannot reconnect by themselves unless the laptop gets that
// address back, so the banner says to have them scan the QR code again. This page may
// itself have been opened at the old address: while it is still connected it shows the
// notice. The console says the same in the same words
// (facilitator/join/network_checks.py, address_change_text). Texts are set with
// textContent only.

import { t } from "./i18n.js";

let dismissed = 0; // the host's count of changes when the banner was dismissed

const isLoopback = (ip) => /^127\./.test(ip);

/** What the last change means for the room ("" if the address never changed). */
export function addressChangeText(host, join) {
  const changes = Number.isSafeInteger(host.address_changes) ? host.address_changes : 0;
  const before = typeof host.address_changed_from === "string" ? host.address_changed_from : "";
  if (!changes || !before || !join || typeof join.join_url !== "string") return "";
  const url = join.join_url;
  if (isLoopback(before)) return t("mod.address.network", { url });
  const candidates = Array.isArray(join.candidates) ? join.candidates : [];
  if (candidates.some((candidate) => candidate && candidate.ip === before)) {
    return t("mod.address.better", { url, before });
  }
  return t("mod.address.changed", { url, before });
}

/** Show the banner while a change is not dismissed. `elements`: { banner, text }. */
export function renderAddress(elements, host, join) {
  const changes = Number.isSafeInteger(host.address_changes) ? host.address_changes : 0;
  if (changes < dismissed) dismissed = 0; // a host started again counts afresh
  const text = addressChangeText(host, join);
  elements.banner.hidden = !text || changes <= dismissed;
  if (elements.text.textContent !== text) elements.text.textContent = text;
}

/** The moderator dismissed the banner; the next change shows it again. */
export function dismissAddress(host) {
  dismissed = Number.isSafeInteger(host.address_changes) ? host.address_changes : 0;
}
