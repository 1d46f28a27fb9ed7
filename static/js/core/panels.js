// Panels of grids: one grid per channel (or filter) side by side, and cells sized to fit the panel.

/**
 * The panel's grids: `existing` while there are still `count` of them, else `count` new ones, each
 * made by make(holder, index) in a holder of its own, captioned caption(index) when there are several.
 */
export function panelGrids(panel, existing, count, make, caption = null) {
  if (existing.length === count) return existing;
  panel.replaceChildren();
  return Array.from({ length: count }, (_, index) => {
    const holder = document.createElement("div");
    holder.className = "grid-holder";
    if (caption && count > 1) {
      const label = document.createElement("div");
      label.className = "grid-label";
      label.textContent = caption(index);
      holder.append(label);
    }
    panel.append(holder);
    return make(holder, index);
  });
}

/**
 * Cell size (--fit on `element`) for `rows` × `cols` cells in all: `height` and `width` rem shared
 * out, kept within [smallest, largest] rem, so bigger grids get smaller cells.
 */
export function fitCells(element, rows, cols, { height, width, largest = 5.5, smallest = 1.5 }) {
  const rem = Math.min(largest, Math.max(smallest, Math.min(height / rows, width / cols)));
  element.style.setProperty("--fit", `${rem.toFixed(2)}rem`);
}
