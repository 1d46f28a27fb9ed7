// Page-wide shortcuts, whatever has the focus: Space, ←/→, PageUp/PageDown (a presenter remote),
// Home/End, +/−, P, F, B or . (blank), N and Shift+N (views of a lecture), Q (predict mode), E (export), ?, Esc.
// Only typing keeps its keys (text and number fields, text areas, editable text), but for PageUp and
// PageDown in a one-line field, where they mean nothing: a presenter remote sends them. A control reached
// with Tab keeps the keys it moves by (Space, arrows, Home/End, Page keys), so that it still works
// from the keyboard alone; after a click, those keys are the explorer's again. Esc leaves the
// focused control, which hands every key back.
import { inLecture, listenToLecture, tellLecture } from "./lecture-link.js";
import { blankScreen, isPresentation, setPresentation, toggleFullscreen } from "./presentation.js";

const TEXT_TYPES = new Set(["text", "number", "search", "email", "url", "tel", "password"]);
const CONTROLS = new Set(["INPUT", "SELECT", "BUTTON"]);
const PAGE_KEYS = new Set(["PageUp", "PageDown"]);
const CONTROL_KEYS = new Set([" ", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);

/** Whether keys pressed on `target` are typing (left to the field), not shortcuts. */
export function typingInto(target) {
  return target.tagName === "TEXTAREA" || target.isContentEditable
    || (target.tagName === "INPUT" && TEXT_TYPES.has(target.type));
}

// Which control Tab moved the focus to (null once a pointer presses anywhere). Focus moves on
// Tab's keydown, before its keyup.
let tabbing = false;
let tabbed = null;
document.addEventListener("keydown", (event) => { if (event.key === "Tab") tabbing = true; }, true);
document.addEventListener("keyup", (event) => { if (event.key === "Tab") tabbing = false; }, true);
document.addEventListener("focusin", (event) => { tabbed = tabbing ? event.target : null; });
document.addEventListener("pointerdown", () => { tabbed = null; }, true);

/** Whether the focused element keeps `event`'s key: typing keeps all but Esc, a control reached with Tab its own. */
export function keepsKey(event) {
  if (event.key === "Escape") return false;
  if (typingInto(event.target)) return event.target.tagName !== "INPUT" || !PAGE_KEYS.has(event.key);
  return event.target === tabbed && CONTROLS.has(event.target.tagName) && CONTROL_KEYS.has(event.key);
}

/** Leave the focused control: the keys are the page's again. */
export function leaveControl() {
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
}

/** predictor: the page's predict mode, or null; reveal(): its answer instead of the next step (true if shown);
 * openExport(): the page's Export dialog, or null where the page has none; screens: a presented page's
 * second screen, {onward(atLast), back()}, each true if it moved there or back (null: one screen). */
export function bindKeyboard(player, { onPresentation, predictor = null, reveal = () => false, openExport = null,
  screens = null } = {}) {
  const help = document.getElementById("help");
  document.querySelector('[data-action="help"]')?.addEventListener("click", () => help.showModal());
  const actions = shortcuts(player, help, reveal, screens, () => {
    setPresentation(!isPresentation());
    onPresentation?.();
  });
  if (predictor) actions.q = actions.Q = () => predictor.toggle();
  if (openExport) actions.e = actions.E = openExport;

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector("dialog[open]") && event.key !== "?") return; // a dialog has the keys
    if (keepsKey(event)) return;
    const action = actions[event.key];
    if (action && action(event) !== false) event.preventDefault();
  });

  listenToLecture((message) => {
    if (message.lecture === "key") actions[message.key]?.(message);
    if (message.lecture === "present" && message.on !== isPresentation()) {
      setPresentation(message.on);
      onPresentation?.();
    }
  });
}

/** Key -> action({shiftKey}); an action that returns false leaves the key to the browser. */
function shortcuts(player, help, reveal, screens, togglePresentation) {
  const paused = (move) => () => { player.pause(); move(); };
  // At the last step, PageDown goes down to a page's second screen; then, in a lecture, on to the next
  // view. PageUp comes back up from the second screen, and in a lecture at the first step to the view
  // before. In predict mode, → and PageDown first show the answer of the question on screen.
  const onward = () => reveal() || screens?.onward(player.atLast)
    || (inLecture && player.atLast ? tellLecture("next") : paused(() => player.next())());
  const back = () => screens?.back()
    || (inLecture && player.atFirst ? tellLecture("previous") : paused(() => player.prev())());
  const fullscreen = () => (inLecture ? tellLecture("fullscreen") : toggleFullscreen());
  const blank = () => (inLecture ? tellLecture("blank") : blankScreen());
  const view = ({ shiftKey }) => (inLecture ? tellLecture(shiftKey ? "previous" : "next") : false);
  const faster = () => player.setSpeedIndex(player.speedIndex + 1);
  return {
    " ": () => player.toggle(),
    ArrowRight: () => reveal() || paused(() => player.next())(),
    ArrowLeft: paused(() => player.prev()),
    PageDown: onward,
    PageUp: back,
    Home: paused(() => player.first()),
    End: paused(() => player.last()),
    "+": faster,
    "=": faster,
    "-": () => player.setSpeedIndex(player.speedIndex - 1),
    p: togglePresentation,
    P: togglePresentation,
    f: fullscreen,
    F: fullscreen,
    b: blank,
    B: blank,
    ".": blank,
    n: view,
    N: view,
    "?": () => (help.open ? help.close() : help.showModal()),
    Escape: leaveControl,
  };
}
