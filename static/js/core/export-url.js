// The URL of a page's view as a file: the page's path plus the format's extension, with the page's query
// (how it is shown left out) and the export's own choices.
export const ANIMATIONS = new Set(["gif", "apng", "webp"]);
const PAGE_MODES = ["present", "predict"]; // how the page is shown, not what it shows

/** The file's URL for the page at `location` (its path and query) with the dialog's choices. */
export function exportUrl(location, { format, scale, fps, loop, theme, language, equation = true, caption = true }) {
  const params = new URLSearchParams(location.search);
  for (const mode of PAGE_MODES) params.delete(mode);
  if (ANIMATIONS.has(format)) {
    params.delete("step"); // an animation has every step
    params.set("fps", String(fps));
    params.set("loop", loop ? "0" : "1"); // 0: for ever
  }
  params.set("scale", String(scale));
  params.set("theme", theme);
  params.set("lang", language);
  if (!equation) params.set("equation", "0"); // what to leave out; both are in by default
  if (!caption) params.set("caption", "0");
  return `${location.pathname}.${format}?${params}`;
}
