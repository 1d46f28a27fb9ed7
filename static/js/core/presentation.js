// Presentation mode: large type, high contrast, controls hidden; the player stays on the keyboard.
// Also the blank screen (as in slide software) and full screen. A view of a lecture reports its mode
// to the lecture page, which opens the next view the same way.
import { t } from "./i18n.js";
import { inLecture, tellLecture } from "./lecture-link.js";

const button = () => document.querySelector('[data-action="present"]');

export function isPresentation() {
  return document.body.classList.contains("present");
}

export function setPresentation(on) {
  document.body.classList.toggle("present", on);
  button()?.setAttribute("aria-pressed", String(on));
  tellLecture("present", { on });
}

export function bindPresentation(onChange) {
  if (inLecture) document.documentElement.classList.add("lecture-view"); // the lecture page has the menus
  button()?.addEventListener("click", () => {
    setPresentation(!isPresentation());
    onChange?.();
  });
}

export function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen?.().catch(() => {});
}

/**
 * Black out the page until any key or a click; onEnd() after that. A modal dialog: it covers
 * everything, even in full screen, and takes the keys, so the key that ends it does nothing else.
 */
export function blankScreen(onEnd) {
  if (document.querySelector(".blank-screen")) return;
  const curtain = document.createElement("dialog");
  curtain.className = "blank-screen";
  curtain.setAttribute("aria-label", t("blank.label"));
  const lift = (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (event.repeat || !curtain.isConnected) return; // a held B keeps the screen blank
    curtain.close();
    curtain.remove();
    onEnd?.();
  };
  for (const kind of ["keydown", "cancel", "click"]) curtain.addEventListener(kind, lift);
  document.querySelector("dialog[open]")?.close(); // the help list, say: the room sees nothing
  document.body.append(curtain);
  curtain.showModal();
}
