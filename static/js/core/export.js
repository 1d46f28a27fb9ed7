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
  let asked = null; // the scale chosen, while a smaller one is shown because a frame at it is too large
  const render = () => {
    const chosen = choices(form);
    const url = exportUrl(window.location, chosen);
    for (const field of dialog.querySelectorAll('[data-for="animation"]')) field.hidden = !ANIMATIONS.has(chosen.format);
    download.href = url;
    download.download = `${window.location.pathname.slice(1) || "view"}.${chosen.format}`;
    copied.textContent = "";
    note.textContent = t("export.drawing");
    preview.src = url; // the server draws it: the preview is the file itself
  };
  const update = () => {
    asked = null;
    render();
  };
  preview.addEventListener("load", () => {
    note.textContent = asked ? t("export.lowered", { from: asked, to: form.elements.scale.value }) : "";
  });
  preview.addEventListener("error", async () => {
    // the picture failed: a frame too large for the server at this scale is tried one scale smaller;
    // anything else is said in the server's own sentence
    const answer = await fetch(preview.src).catch(() => null);
    const body = answer ? await answer.json().catch(() => null) : null;
    const scale = form.elements.scale;
    if (answer?.status === 413 && /pixels/.test(body?.detail ?? "") && Number(scale.value) > 1) {
      asked ??= scale.value;
      scale.value = String(Number(scale.value) - 1);
      render();
      return;
    }
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
