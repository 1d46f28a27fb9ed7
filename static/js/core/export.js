// Export (E): the view on screen as a file for slides: an animation (GIF, APNG, WebP, a frame per step)
// or this step as a still (PNG, SVG). The server draws it at the page's URL plus an extension, with the
// page's own query (/convolution.gif?in=…&scale=2), so the file's link can go straight into a slide.
import { ANIMATIONS, exportUrl } from "./export-url.js";
import { lang, t } from "./i18n.js";

/** The dialog's choices. */
function choices(form) {
  const fps = Number(form.elements.fps.value);
  return {
    format: form.elements.format.value, scale: Number(form.elements.scale.value),
    fps: Number.isFinite(fps) ? Math.min(30, Math.max(0.5, fps)) : 1, loop: form.elements.loop.checked,
    theme: form.elements.theme.value, language: form.elements.lang.value,
    equation: form.elements.equation.checked, caption: form.elements.caption.checked,
  };
}

/** Wire the dialog (if the page has one) and its button; -> open(), or null without a dialog. */
export function bindExport() {
  const dialog = document.getElementById("export");
  if (!dialog) return null;
  const form = dialog.querySelector(".export-form");
  const preview = document.getElementById("export-preview");
  const note = document.getElementById("export-note");
  const download = document.getElementById("export-download");
  const copied = document.getElementById("export-copied");
  form.elements.lang.value = lang;
  const update = () => {
    const chosen = choices(form);
    const url = exportUrl(window.location, chosen);
    for (const field of dialog.querySelectorAll('[data-for="animation"]')) field.hidden = !ANIMATIONS.has(chosen.format);
    download.href = url;
    download.download = `${window.location.pathname.slice(1) || "view"}.${chosen.format}`;
    copied.textContent = "";
    note.textContent = t("export.drawing");
    preview.src = url; // the server draws it: the preview is the file itself
  };
  preview.addEventListener("load", () => { note.textContent = ""; });
  preview.addEventListener("error", async () => {
    // the picture failed: say why, in the server's own sentence
    const answer = await fetch(preview.src).catch(() => null);
    const body = answer ? await answer.json().catch(() => null) : null;
    note.textContent = body?.detail ? String(body.detail) : t("export.failed");
  });
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("export-copy").addEventListener("click", async () => {
    await navigator.clipboard.writeText(new URL(download.href, window.location.href).href);
    copied.textContent = t("export.copied");
  });
  const open = () => {
    update(); // the page's state now, its step included
    dialog.showModal();
  };
  document.querySelector('[data-action="export"]')?.addEventListener("click", open);
  return open;
}
