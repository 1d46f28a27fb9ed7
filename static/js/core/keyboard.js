// Page-wide shortcuts: Space, ←/→, Home/End, +/−, P, F, ?, Esc. Typing in a field is left alone.
import { setPresentation, isPresentation } from "./presentation.js";

const TYPING = new Set(["INPUT", "SELECT", "TEXTAREA"]);

/** Whether keys pressed on `target` are typing (left to the field), not shortcuts. */
export function typingInto(target) {
  return TYPING.has(target.tagName) || target.isContentEditable;
}

export function bindKeyboard(player, { onPresentation } = {}) {
  const help = document.getElementById("help");
  document.querySelector('[data-action="help"]')?.addEventListener("click", () => help.showModal());

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typingInto(event.target) && event.key !== "Escape") return;
    const action = {
      " ": () => { if (event.target.tagName !== "BUTTON") player.toggle(); else return false; },
      ArrowRight: () => { player.pause(); player.next(); },
      ArrowLeft: () => { player.pause(); player.prev(); },
      Home: () => { player.pause(); player.first(); },
      End: () => { player.pause(); player.last(); },
      "+": () => player.setSpeedIndex(player.speedIndex + 1),
      "=": () => player.setSpeedIndex(player.speedIndex + 1),
      "-": () => player.setSpeedIndex(player.speedIndex - 1),
      p: () => { setPresentation(!isPresentation()); onPresentation?.(); },
      P: () => { setPresentation(!isPresentation()); onPresentation?.(); },
      f: () => toggleFullscreen(),
      F: () => toggleFullscreen(),
      "?": () => (help.open ? help.close() : help.showModal()),
    }[event.key];
    if (action && action() !== false) event.preventDefault();
  });
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen?.().catch(() => {});
}
