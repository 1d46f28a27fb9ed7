// A grid too big for numbers, drawn as a heat map: one canvas pixel per cell, scaled up by CSS, and
// a second canvas on top for the marks (the window, cells not computed yet, ...). No element per
// cell: a 36×36 table repainted on every step cost more than a frame's budget.
import { drawMap } from "./heatmap.js";

const SUB = 8; // overlay pixels per cell side: room for an outline inside a cell

/** How the overlay draws each mark class (the table's CSS classes of the same names). */
function markStyles() {
  const root = getComputedStyle(document.documentElement);
  const accent = root.getPropertyValue("--accent").trim() || "#1d4ed8";
  const highlight = root.getPropertyValue("--highlight").trim() || "#fde68a";
  return {
    // The window's cells let their colours show through; a lone one (the output cell) is outlined.
    win: { fill: `color-mix(in srgb, ${highlight} 70%, transparent)`, lone: "#b45309" },
    later: { fill: "#f1f5f9" }, // not computed yet: hidden, as the table hides it
    asked: { fill: "#fef3c7", lone: "#92400e" }, // predict mode's question
    fed: { stroke: accent },
    focus: { stroke: accent },
    winner: { stroke: "#b91c1c" },
    zeroed: { fill: "rgb(255 255 255 / 0.5)" },
  };
}

export class HeatView {
  /** container: where it goes; handlers: kind -> [handler(r, c, event)], shared with the table. */
  constructor(container, { label, testId, handlers }) {
    this.root = document.createElement("div");
    this.root.className = "grid heat heat-grid";
    if (testId) this.root.dataset.testid = testId;
    this.root.setAttribute("role", "img");
    this.root.setAttribute("aria-label", label);
    this.map = document.createElement("canvas");
    this.overlay = document.createElement("canvas");
    this.overlay.setAttribute("aria-hidden", "true");
    this.root.append(this.map, this.overlay);
    container.append(this.root);
    this.handlers = handlers;
    this.styles = markStyles();
    this.marks = new Map(); // class name -> [[r, c], ...]
    this.window = null; // [r0, c0, r1, c1] outlined, or null
    this.rows = 0;
    this.cols = 0;
    this.hovered = null;
    this.pending = false;
    this.pads = [0, 0, 0, 0];
    this.root.addEventListener("mousemove", (event) => this.hover(event));
    this.root.addEventListener("mouseleave", (event) => this.hover(event, true));
    this.root.addEventListener("click", (event) => {
      const cell = this.cellAt(event);
      if (cell) this.fire("click", cell, event);
    });
  }

  set hidden(value) {
    this.root.hidden = value;
  }

  setLabel(label) {
    this.root.setAttribute("aria-label", label);
  }

  /**
   * values: rows × cols numbers (null: none, drawn see-through); pads: [top, bottom, left, right] of
   * them that are padding (greyed, as the table greys them); scale from scaleFor.
   */
  setData(values, pads, scale, describe) {
    this.pads = pads;
    const rows = values.length;
    const cols = values[0].length;
    const flat = new Float64Array(rows * cols); // (rows·cols,) row-major
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) flat[r * cols + c] = values[r][c] ?? NaN;
    drawMap(this.map, flat, rows, cols, scale);
    if (rows !== this.rows || cols !== this.cols) {
      this.rows = rows;
      this.cols = cols;
      this.root.style.setProperty("--rows", rows);
      this.root.style.setProperty("--cols", cols);
      Object.assign(this.root.dataset, { rows, cols });
      this.overlay.width = cols * SUB;
      this.overlay.height = rows * SUB;
    }
    this.describe = describe; // (r, c) -> the tooltip of a cell
    this.schedule();
  }

  mark(className, positions) {
    this.marks.set(className, positions);
    this.schedule();
  }

  outline(box) {
    this.window = box;
    this.schedule();
  }

  /** Marks change several times in one step: draw once, after the step's code has run. */
  schedule() {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.draw();
    });
  }

  draw() {
    const context = this.overlay.getContext("2d");
    const [width, height] = [this.overlay.width, this.overlay.height];
    context.clearRect(0, 0, width, height);
    const [top, bottom, left, right] = this.pads;
    context.fillStyle = "rgb(100 116 139 / 0.55)";
    context.fillRect(0, 0, width, top * SUB);
    context.fillRect(0, height - bottom * SUB, width, bottom * SUB);
    context.fillRect(0, top * SUB, left * SUB, height - (top + bottom) * SUB);
    context.fillRect(width - right * SUB, top * SUB, right * SUB, height - (top + bottom) * SUB);
    for (const [className, positions] of this.marks) {
      const style = this.styles[className] ?? { stroke: "#0f172a" };
      const stroke = positions.length === 1 ? style.lone ?? style.stroke : style.stroke;
      context.fillStyle = style.fill ?? "transparent";
      context.strokeStyle = stroke ?? "transparent";
      context.lineWidth = 2;
      for (const [r, c] of positions) {
        if (style.fill) context.fillRect(c * SUB, r * SUB, SUB, SUB);
        if (stroke) context.strokeRect(c * SUB + 1, r * SUB + 1, SUB - 2, SUB - 2);
      }
    }
    if (this.window) {
      const [r0, c0, r1, c1] = this.window;
      context.strokeStyle = "#b45309";
      context.lineWidth = 3;
      context.strokeRect(c0 * SUB + 1.5, r0 * SUB + 1.5, (c1 - c0 + 1) * SUB - 3, (r1 - r0 + 1) * SUB - 3);
    }
  }

  /** The [r, c] cell under a pointer event, or null. */
  cellAt(event) {
    const box = this.root.getBoundingClientRect();
    const r = Math.floor(((event.clientY - box.top) / box.height) * this.rows);
    const c = Math.floor(((event.clientX - box.left) / box.width) * this.cols);
    return r >= 0 && r < this.rows && c >= 0 && c < this.cols ? [r, c] : null;
  }

  /** Table cells fire mouseover and mouseout as the pointer crosses them; so does this. */
  hover(event, left = false) {
    const cell = left ? null : this.cellAt(event);
    const key = cell && cell.join(",");
    if (key === (this.hovered && this.hovered.join(","))) return;
    if (this.hovered) this.fire("mouseout", this.hovered, event);
    this.hovered = cell;
    if (cell) {
      this.root.title = this.describe?.(...cell) ?? "";
      this.fire("mouseover", cell, event);
    }
  }

  fire(kind, [r, c], event) {
    for (const handler of this.handlers.get(kind) ?? []) handler(r, c, event);
  }
}
