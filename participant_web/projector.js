// The projector page (docs/slides.md): a browser on the venue's AV computer shows the
// big screen's slides, full screen, from the host at /projector/<secret>/. It fetches
// api/state, then listens on ws for `projector` (a whole ProjectorState) and `count`
// (the count of the confession on screen); it never sends anything. When the socket
// drops (the host restarts), the last state stays on screen, a small dot in a corner
// says it is reconnecting, and it tries again after 1 s, 2 s, 4 s … at most 10 s.

import { colours } from "./projector_colours.js";
import { buildScene, sceneKey } from "./projector_slides.js";
import { screenLanguage, sessionWords, texts } from "./projector_texts.js";

const FADE_MS = 200;
const IDLE_MS = 3000; // the button and the cursor hide after this long without moving
const RESIZE_MS = 100;
const IMAGE_WAIT_MS = 1000; // at most, for a new slide's QR code before it shows
const RETRY_MS = [1000, 2000, 4000, 8000, 10000];

const root = document.documentElement;
const stage = document.getElementById("stage");
const connection = document.getElementById("connection");
const fullScreenButton = document.getElementById("full-screen");
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

let state = null;
let clockOffset = 0; // the host's clock minus this computer's
let current = null; // the scene on screen
let generation = 0; // renders started; an older one that finishes late is dropped
let language = "en";
let pendingKey = null; // the key of a scene built but not shown yet (its images load)

function hostNow() {
  return Date.now() + clockOffset;
}

// ---------------------------------------------------------------- rendering

function setScreen() {
  const h = window.innerHeight;
  const w = window.innerWidth;
  root.style.setProperty("--h", `${h}px`);
  root.style.setProperty("--w", `${w}px`);
  return [h, w];
}

function setTheme() {
  const theme = colours(state.theme, state.accent);
  root.style.setProperty("--background", theme.background);
  root.style.setProperty("--text", theme.text);
  root.style.setProperty("--muted", theme.muted);
  root.style.setProperty("--accent", theme.accent);
  root.dataset.theme = state.theme === "light" ? "light" : "dark";
  language = screenLanguage(state.language);
  root.lang = language;
  const words = texts(language);
  const { title } = sessionWords(state, words);
  document.title = title ? `${title} · Confessional` : "Confessional";
  connection.title = words.reconnecting;
  connection.setAttribute("aria-label", words.reconnecting);
  updateFullScreenLabel();
}

function imagesReady(element) {
  // The QR codes, not the logo: its box is sized from the state, and it may come late.
  const images = [...element.querySelectorAll("img:not(.logo-image)")];
  if (!images.length) return Promise.resolve();
  const decoded = Promise.all(images.map((image) => image.decode().catch(() => {})));
  const late = new Promise((resolve) => setTimeout(resolve, IMAGE_WAIT_MS));
  return Promise.race([decoded, late]);
}

function render() {
  if (!state) return;
  setTheme();
  const [h, w] = setScreen();
  const now = hostNow();
  const next = buildScene(state, texts(language), h, w, now, render);
  pendingKey = next.key;
  next.element.setAttribute("aria-hidden", "true");
  stage.append(next.element);
  next.fit();
  generation += 1;
  const mine = generation;
  imagesReady(next.element).then(() => {
    if (mine !== generation) {
      next.element.remove();
      return;
    }
    pendingKey = null;
    show(next);
  });
}

function show(next) {
  const previous = current;
  current = next;
  // A count that came while the scene was being built.
  const projection = state && state.projection;
  if (projection && next.key === `confession:${projection.confession_id}`) {
    next.setCount(projection.count);
  }
  stage.dataset.shown = String(Number(stage.dataset.shown || 0) + 1); // for tests: a new scene
  next.element.removeAttribute("aria-hidden");
  next.element.dataset.current = "";
  const fade = previous && previous.key !== next.key && !reducedMotion.matches;
  if (!previous) {
    next.element.classList.add("shown");
    return;
  }
  delete previous.element.dataset.current;
  previous.element.setAttribute("aria-hidden", "true");
  if (!fade) {
    next.element.classList.add("instant", "shown");
    previous.element.remove();
    requestAnimationFrame(() => next.element.classList.remove("instant"));
    return;
  }
  next.element.getBoundingClientRect(); // start from transparent
  next.element.classList.add("shown");
  previous.element.classList.remove("shown");
  previous.element.classList.add("leaving");
  setTimeout(() => previous.element.remove(), FADE_MS + 50);
}

function applyState(next) {
  const made = Date.parse(next.now || "");
  if (!Number.isNaN(made)) clockOffset = made - Date.now();
  state = next;
  render();
}

function applyCount({ confession_id: id, count }) {
  const projection = state && state.projection;
  if (!projection || projection.confession_id !== id || typeof count !== "number") return;
  state = { ...state, projection: { ...projection, count } };
  if (current && current.key === `confession:${id}`) current.setCount(count);
}

// Once a second or so: the timer, and the content note giving way to its confession.
setInterval(() => {
  if (!state || !current) return;
  const now = hostNow();
  const key = sceneKey(state, now);
  if (key !== current.key && key !== pendingKey) render();
  else current.tick(now);
}, 250);

let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  // Built afresh for the new size (every size on a slide is a fraction of the screen's,
  // worked out when it is built): the same scene, so it replaces the old one at once.
  resizeTimer = setTimeout(() => {
    setScreen();
    if (current) render();
  }, RESIZE_MS);
});
if (document.fonts && document.fonts.ready) {
  document.fonts.ready.then(() => current && current.fit());
}

// ---------------------------------------------------------------- the host

function setLive(live) {
  connection.dataset.state = live ? "live" : "reconnecting";
  connection.hidden = live;
}

function receive(document_) {
  if (!document_ || typeof document_ !== "object") return;
  if (document_.type === "projector" && document_.payload) applyState(document_.payload);
  else if (document_.type === "count" && document_.payload) applyCount(document_.payload);
}

let attempt = 0;

function connect() {
  const url = new URL("ws", window.location.href);
  url.protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  let socket;
  try {
    socket = new WebSocket(url.href);
  } catch {
    retry();
    return;
  }
  socket.addEventListener("open", () => {
    attempt = 0;
    setLive(true);
  });
  socket.addEventListener("message", (event) => {
    try {
      receive(JSON.parse(event.data));
    } catch {
      // not ours: ignored
    }
  });
  socket.addEventListener("close", () => {
    setLive(false);
    retry();
  });
}

function retry() {
  const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
  attempt += 1;
  setTimeout(connect, delay * (0.85 + Math.random() * 0.3));
}

async function start() {
  setScreen();
  setLive(false);
  try {
    const response = await fetch("api/state", { cache: "no-store" });
    if (response.ok) receive(await response.json());
  } catch {
    // the socket brings the state too
  }
  connect();
}

// ---------------------------------------------------------------- full screen

// An AV computer's browser has the Fullscreen API; where it is missing (an iPhone), the
// button stays hidden and the page is only ever checked for it first.
const canFullScreen = typeof root.requestFullscreen === "function";
let idleTimer = null;

function isFullScreen() {
  // eslint-disable-next-line compat/compat -- only where requestFullscreen exists
  return canFullScreen && Boolean(document.fullscreenElement);
}

function updateFullScreenLabel() {
  const words = texts(language);
  fullScreenButton.textContent = isFullScreen() ? words.leaveFullScreen : words.fullScreen;
}

function toggleFullScreen() {
  if (!canFullScreen) return;
  if (isFullScreen()) document.exitFullscreen().catch(() => {});
  else root.requestFullscreen().catch(() => {});
}

function wake() {
  document.body.classList.remove("idle");
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => document.body.classList.add("idle"), IDLE_MS);
}

fullScreenButton.hidden = !canFullScreen;
fullScreenButton.addEventListener("click", toggleFullScreen);
document.addEventListener("dblclick", (event) => {
  if (event.target !== fullScreenButton) toggleFullScreen();
});
document.addEventListener("fullscreenchange", updateFullScreenLabel);
document.addEventListener("mousemove", wake);
document.addEventListener("keydown", wake);
updateFullScreenLabel();
wake();
start();
