// A grid of numbers as an HTML table: editable cells, padding cells, highlights and a colour tint.
// Beyond READABLE cells a side, the numbers give way to colour alone: a heat map on a canvas.
import { css, inkFor, scaleFor } from "./colormap.js";
import { fmt } from "./format.js";
import { HeatView } from "./heatgrid.js";

export const READABLE = 16;

export class Grid {
  /**
   * container: where the table goes. label: its accessible name.
   * editable: real cells become text inputs; onEdit(row, col, value) reports a valid number.
   * cellLabel(row, col): accessible name of a cell (rows and columns of the unpadded data).
   */
  constructor(container, { label, editable = false, onEdit, cellLabel, testId }) {
    this.container = container;
    this.editable = editable;
    this.onEdit = onEdit;
    this.cellLabel = cellLabel;
    this.table = document.createElement("table");
    this.table.className = "grid";
    this.table.setAttribute("aria-label", label);
    if (testId) this.table.dataset.testid = testId;
    container.append(this.table);
    this.shape = null;
    this.cells = [];
    this.width = 0;
    this.marked = new Map();
    this.handlers = new Map(); // kind -> handlers registered with onCell, for the heat view too
    this.heat = null; // the HeatView, made the first time the data is too big for numbers
    this.isHeat = false;
    this.frame = null; // the outline around the window, made when first needed
  }

  setLabel(label) {
    this.table.setAttribute("aria-label", label);
    this.heat?.setLabel(label);
  }

  /** values: rows of numbers (null = −∞); pads: [top, bottom, left, right] of them that are padding. */
  setData(values, { pads = [0, 0, 0, 0], scale = null } = {}) {
    const rows = values.length;
    const cols = values[0].length;
    this.isHeat = rows > READABLE || cols > READABLE;
    this.table.hidden = this.isHeat;
    if (this.heat) this.heat.hidden = !this.isHeat;
    if (this.isHeat) {
      this.showHeat(values, pads, scale);
      return;
    }
    const key = `${rows}x${cols}:${pads.join(",")}`;
    if (key !== this.shape) this.build(rows, cols, pads, key);
    // Long numbers ("−0.125") get smaller type so they stay inside their cells.
    const longest = Math.max(1, ...values.flat().map((value) => fmt(value).length));
    this.table.style.fontSize = `calc(var(--cell) * ${Math.min(0.4, 1.6 / longest).toFixed(3)})`;
    this.table.style.setProperty("--cell-chars", String(longest)); // for grids whose cells widen instead
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const cell = this.cells[r][c];
        const value = values[r][c];
        const text = fmt(value);
        if (cell.input) {
          if (document.activeElement !== cell.input) cell.input.value = text;
        } else {
          cell.value.textContent = text;
          // labels that include the value must follow it
          if (!cell.pad && this.cellLabel) cell.td.setAttribute("aria-label", this.cellLabel(cell.row, cell.col));
        }
        if (scale && value !== null && !cell.pad) {
          const colour = scale.color(value);
          cell.td.style.background = css(colour);
          cell.td.style.color = inkFor(colour);
        } else {
          cell.td.style.background = "";
          cell.td.style.color = "";
        }
      }
    }
  }

  showHeat(values, pads, scale) {
    const [top, bottom, left, right] = pads;
    this.heat ??= new HeatView(this.container, {
      label: this.table.getAttribute("aria-label"), testId: this.table.dataset.testid, handlers: this.handlers,
    });
    // The table is dropped (it is rebuilt if the data shrinks back to numbers).
    this.table.replaceChildren();
    this.shape = null;
    this.cells = [];
    this.marked = new Map();
    const [realRows, realCols] = [values.length - top - bottom, values[0].length - left - right];
    const describe = (r, c) => {
      const [row, col] = [r - top, c - left];
      const real = row >= 0 && row < realRows && col >= 0 && col < realCols;
      return real && this.cellLabel ? this.cellLabel(row, col) : fmt(values[r][c]);
    };
    this.heat.setData(values, pads, scale ?? scaleFor(values.flat().filter((value) => value !== null)), describe);
  }

  build(rows, cols, pads, key) {
    const [top, , left] = pads;
    const realRows = rows - pads[0] - pads[1];
    const realCols = cols - pads[2] - pads[3];
    this.shape = key;
    this.width = cols;
    this.table.style.setProperty("--rows", rows); // lets presentation mode fit the grid to the screen's height
    this.marked = new Map(); // class name -> keys (r * width + c) of the cells that carry it
    this.table.replaceChildren();
    this.cells = [];
    for (let r = 0; r < rows; r++) {
      const tr = document.createElement("tr");
      const line = [];
      for (let c = 0; c < cols; c++) {
        const td = document.createElement("td");
        const row = r - top;
        const col = c - left;
        const pad = row < 0 || row >= realRows || col < 0 || col >= realCols;
        const cell = { td, pad, row, col };
        if (pad) td.classList.add("pad");
        if (this.editable && !pad) {
          const input = document.createElement("input");
          input.type = "text";
          input.inputMode = "decimal";
          input.autocomplete = "off";
          input.setAttribute("aria-label", this.cellLabel(row, col));
          input.addEventListener("input", () => this.edited(cell));
          input.addEventListener("focus", () => input.select());
          cell.input = input;
          td.append(input);
        } else {
          const value = document.createElement("span");
          value.className = "v";
          if (!pad && this.cellLabel) td.setAttribute("aria-label", this.cellLabel(row, col));
          cell.value = value;
          td.append(value);
        }
        const badge = document.createElement("span");
        badge.className = "badge";
        badge.setAttribute("aria-hidden", "true");
        cell.badge = badge;
        td.append(badge);
        td.dataset.r = String(r);
        td.dataset.c = String(c);
        line.push(cell);
        tr.append(td);
      }
      this.cells.push(line);
      this.table.append(tr);
    }
  }

  edited(cell) {
    const text = cell.input.value.trim().replace("−", "-").replace(",", ".");
    const value = Number(text);
    const ok = text !== "" && Number.isFinite(value);
    cell.input.setAttribute("aria-invalid", String(!ok));
    if (ok) this.onEdit?.(cell.row, cell.col, value);
  }

  /** Put `className` on exactly these [r, c] cells (grid coordinates, padding included). */
  mark(className, positions) {
    if (this.isHeat) {
      this.heat.mark(className, positions);
      return;
    }
    // Touch only the cells that change: a step moves a few highlights, not a whole table's classes.
    const previous = this.marked.get(className) ?? new Set();
    const next = new Set();
    for (const [r, c] of positions) if (this.cells[r]?.[c]) next.add(r * this.width + c);
    for (const key of previous) if (!next.has(key)) this.cellAt(key).td.classList.remove(className);
    for (const key of next) if (!previous.has(key)) this.cellAt(key).td.classList.add(className);
    this.marked.set(className, next);
  }

  cellAt(key) {
    return this.cells[Math.floor(key / this.width)][key % this.width];
  }

  /** Small corner text per cell (e.g. "×2" under the kernel, or a coverage count); null clears it. */
  badges(textAt) {
    if (this.isHeat) return; // a heat map's cells are too small for them
    for (const line of this.cells) {
      for (const cell of line) {
        const text = textAt ? textAt(Number(cell.td.dataset.r), Number(cell.td.dataset.c)) ?? "" : "";
        if (cell.badge.textContent !== text) cell.badge.textContent = text;
      }
    }
  }

  /** The bounding box of cells [r0..r1] × [c0..c1] relative to the table, in CSS pixels. */
  box(r0, c0, r1, c1) {
    const a = this.cells[r0]?.[c0]?.td;
    const b = this.cells[r1]?.[c1]?.td;
    if (!a || !b) return null;
    const origin = this.table.getBoundingClientRect();
    const first = a.getBoundingClientRect();
    const last = b.getBoundingClientRect();
    return { left: first.left - origin.left, top: first.top - origin.top,
             width: last.right - first.left, height: last.bottom - first.top };
  }

  /** Outline the window over cells [r0, c0] to [r1, c1] (grid coordinates), or hide it (null). */
  showWindow(bounds) {
    if (!this.frame) {
      this.frame = document.createElement("div");
      this.frame.className = "window-frame";
      this.frame.setAttribute("aria-hidden", "true");
      this.container.append(this.frame);
    }
    this.frame.hidden = !bounds || this.isHeat;
    if (this.isHeat) {
      this.heat.outline(bounds);
      return;
    }
    const box = bounds && this.box(...bounds);
    if (box) Object.assign(this.frame.style, {
      transform: `translate(${box.left + this.table.offsetLeft}px, ${box.top + this.table.offsetTop}px)`,
      width: `${box.width}px`, height: `${box.height}px`,
    });
  }

  /** Cell events for hover and click: handler(r, c, event) with grid coordinates. */
  onCell(kind, handler) {
    if (!this.handlers.has(kind)) this.handlers.set(kind, []);
    this.handlers.get(kind).push(handler);
    this.table.addEventListener(kind, (event) => {
      const td = event.target.closest("td");
      if (td && this.table.contains(td)) handler(Number(td.dataset.r), Number(td.dataset.c), event);
    });
  }
}
