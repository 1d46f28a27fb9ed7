// Presentation mode: large type, high contrast, controls hidden; the player stays on the keyboard.
const button = () => document.querySelector('[data-action="present"]');

export function isPresentation() {
  return document.body.classList.contains("present");
}

export function setPresentation(on) {
  document.body.classList.toggle("present", on);
  button()?.setAttribute("aria-pressed", String(on));
}

export function bindPresentation(onChange) {
  button()?.addEventListener("click", () => {
    setPresentation(!isPresentation());
    onChange?.();
  });
}
