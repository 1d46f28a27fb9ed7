// The lecture page: one view at a time in a frame of this origin, its title and the progress above.
// N and Shift+N (or the bar) move between views, and a view sends PageDown at its last step on to
// the next (static/js/core/lecture-link.js). B blanks, F goes full screen, P is presentation mode,
// for the whole lecture: every view opens in the lecture's language and mode.
//
// A frame rather than a `lecture` parameter on each page: the pages stay as they are (their URLs
// keep only their own state), the lecture can be as long as a link allows, and the policy needs no
// change (default-src 'self' lets a page frame its own origin; frame-ancestors 'self' lets it be framed).
import { lang, t } from "../../core/i18n.js";
import { keepsKey, leaveControl } from "../../core/keyboard.js";
import { bindPresentation, blankScreen, isPresentation, setPresentation, toggleFullscreen } from "../../core/presentation.js";
import { readParams, writeParams } from "../../core/urlstate.js";
import { buildProgress, showPosition } from "./bar.js";
import { LIMITS, LectureError, checkLecture, fromLines, linkParams, viewSource } from "./definition.js";
import { bindEditor } from "./editor.js";

const data = JSON.parse(document.getElementById("lecture-data").textContent);
// The pages a view may show, path -> name, in the menu's order.
const site = { origin: window.location.origin, pages: Object.fromEntries(data.pages.map((page) => [page.path, page.name])) };
const frame = document.getElementById("view");
const bar = { list: document.getElementById("progress"), position: document.getElementById("position") };
// Keys the lecture page hands to the view when it has the focus itself (after a click on the bar).
const FOR_THE_VIEW = new Set([" ", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown", "+", "=", "-", "?", "q", "Q"]);

// The lecture playing (none while a link's lecture is refused), whether it is a lecturer's own, the view.
const playing = { lecture: null, own: false, index: 0 };

function play(lecture, { own = true, index = 0 } = {}) {
  playing.lecture = lecture;
  playing.own = own;
  buildProgress(bar.list, lecture.views, show);
  document.getElementById("problem").hidden = true;
  for (const element of [frame, ...document.querySelectorAll(".step-view")]) element.hidden = false;
  show(index, { reload: true });
}

function show(index, { reload = false } = {}) {
  if (!playing.lecture) return;
  const { views } = playing.lecture;
  const next = Math.min(views.length - 1, Math.max(0, index));
  if (next === playing.index && !reload) return;
  playing.index = next;
  const where = showPosition(bar, views, next);
  document.title = `${where} · ConvScope`;
  frame.title = t("page.frame", { n: next + 1, count: views.length, title: views[next].title });
  open(viewSource(views[next].url, { lang, present: isPresentation() }));
  saveUrl();
}

/** Open a view in the frame, replacing the last one (no history entry per view). */
function open(source) {
  frame.classList.add("loading"); // until its scripts have run: a view hides its menus itself
  // Keys pressed while the view loads come here (N, say, pressed twice), not to a page half there.
  if (!document.querySelector("dialog[open]")) document.getElementById("main").focus({ preventScroll: true });
  try {
    frame.contentWindow.location.replace(source);
  } catch {
    frame.src = source; // the frame holds no page of this origin yet (an error page, say)
  }
}

/** {href, length} of the link to the lecture playing (from its first view); href null if too long for a link. */
function link() {
  const url = new URL(window.location.pathname, window.location.origin);
  if (playing.own) url.search = new URLSearchParams(linkParams(playing.lecture)).toString();
  const href = url.toString();
  return { href: href.length <= LIMITS.link ? href : null, length: href.length };
}

function saveUrl() {
  const own = playing.own && link().href !== null ? linkParams(playing.lecture) : {};
  writeParams({ ...own, view: playing.index > 0 ? playing.index + 1 : "", present: isPresentation() ? "1" : "" });
}

function toView(message) {
  frame.contentWindow?.postMessage(message, window.location.origin);
}

function focusView() {
  if (!document.querySelector("dialog[open]")) frame.contentWindow?.focus();
}

function present(on) {
  setPresentation(on);
  toView({ lecture: "present", on });
  saveUrl();
}

const blank = () => blankScreen(focusView);
const step = (by) => show(playing.index + by);

// ---- what the view sends up, and the keys pressed while this page has the focus -----------------

window.addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow || event.origin !== window.location.origin) return;
  const { lecture: kind, on } = event.data ?? {};
  if (kind === "next") step(1);
  else if (kind === "previous") step(-1);
  else if (kind === "blank") blank();
  else if (kind === "fullscreen") toggleFullscreen();
  else if (kind === "present" && on !== isPresentation()) {
    setPresentation(on);
    saveUrl();
  }
});

const KEYS = {
  n: ({ shiftKey }) => step(shiftKey ? -1 : 1),
  N: ({ shiftKey }) => step(shiftKey ? -1 : 1),
  b: blank,
  B: blank,
  ".": blank,
  f: toggleFullscreen,
  F: toggleFullscreen,
  p: () => present(!isPresentation()),
  P: () => present(!isPresentation()),
  Escape: leaveControl,
};

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (document.querySelector("dialog[open]") || keepsKey(event)) return;
  const action = KEYS[event.key] ?? (FOR_THE_VIEW.has(event.key) ? forward : null);
  if (!action) return;
  event.preventDefault();
  action(event);
});

/** A key for the view, which then has the focus for the keys after it. */
function forward({ key, shiftKey = false }) {
  toView({ lecture: "key", key, shiftKey });
  focusView();
}

frame.addEventListener("load", () => {
  frame.classList.remove("loading");
  focusView();
});

// ---- the bar and the tools ----------------------------------------------------------------------

document.querySelector('[data-lecture="previous"]').addEventListener("click", () => step(-1));
document.querySelector('[data-lecture="next"]').addEventListener("click", () => step(1));
// After a button's own handler: the keys go back to the view (unless a dialog has opened).
document.querySelector(".lecture-bar").addEventListener("click", focusView);
document.querySelector('[data-action="help"]').addEventListener("click", () => forward({ key: "?" }));
bindPresentation(() => {
  present(isPresentation());
  focusView();
});

const openEditor = bindEditor({
  site,
  now: () => ({ ...playing, viewUrl: () => frame.contentWindow.location.href }),
  play: (lecture) => play(lecture),
  builtIn: () => play(data.lecture, { own: false }),
  link,
});
document.getElementById("editor").addEventListener("close", focusView);

// ---- start: the lecture in the link, or the built-in one ------------------------------------------

const params = readParams();
if (params.get("present") === "1") setPresentation(true);
const at = Number.isInteger(Number(params.get("view"))) ? Number(params.get("view")) - 1 : 0;
if (params.has("views")) {
  try {
    play(checkLecture({ title: params.get("title"), views: fromLines(params.get("views")) }, site), { index: at });
  } catch (error) {
    if (!(error instanceof LectureError)) throw error;
    document.getElementById("problem-text").textContent = t("page.error.link", { reason: t(error.key, error.vars) });
    document.getElementById("problem").hidden = false;
    const edit = () => openEditor(params.get("views"), params.get("title") ?? "");
    document.getElementById("problem-edit").addEventListener("click", edit);
    for (const element of [frame, ...document.querySelectorAll(".step-view")]) element.hidden = true;
  }
} else {
  play(data.lecture, { own: false, index: at });
}
