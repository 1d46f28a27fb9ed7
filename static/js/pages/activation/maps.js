// The feature map before and after the function: two grids sharing one colour scale and a legend.
import { renderLegend, scaleFor } from "../../core/colormap.js";
import { fmt } from "../../core/format.js";
import { Grid } from "../../core/grid.js";
import { t } from "../../core/i18n.js";
import { fitCells } from "../../core/panels.js";

export class FeatureMaps {
  /**
   * onEdit(row, col, value): the user typed a number into the map.
   * onPoint(row, col | null): the pointer or the focus is on a cell (null: left it).
   * onPick(row, col): a cell was clicked.
   */
  constructor({ onEdit, onPoint, onPick }) {
    this.holder = document.getElementById("maps");
    this.legend = document.getElementById("map-legend");
    this.before = new Grid(document.getElementById("map-before"), {
      label: t("page.map.before"), editable: true, testId: "map-before",
      cellLabel: (row, col) => t("page.cell.input", { row, col }), onEdit,
    });
    this.after = new Grid(document.getElementById("map-after"), { label: t("page.map.after"), testId: "map-after" });
    for (const grid of [this.before, this.after]) {
      grid.onCell("mouseover", (r, c) => onPoint(r, c));
      grid.onCell("mouseout", () => onPoint(null));
      grid.onCell("focusin", (r, c) => onPoint(r, c));
      grid.onCell("focusout", () => onPoint(null));
      grid.onCell("click", (r, c) => onPick(r, c));
    }
  }

  /** input: what was sent; output: what the API returned; name: the function as written, e.g. "ReLU". */
  render(input, output, name) {
    const [rows, cols] = [input.length, input[0].length];
    fitCells(this.holder, rows, cols, { height: 17, width: 17, largest: 3.4 });
    const scale = scaleFor([...input.flat(), ...output.flat()]);
    this.before.setData(input, { scale });
    this.after.setData(output, { scale });
    // A cell the function set to 0 keeps its old value in the corner, struck through (not colour alone).
    const zeroed = (r, c) => input[r][c] !== 0 && output[r][c] === 0;
    const positions = input.flatMap((line, r) => line.map((_, c) => [r, c])).filter(([r, c]) => zeroed(r, c));
    this.after.mark("zeroed", positions);
    this.after.badges((r, c) => (zeroed(r, c) ? fmt(input[r][c]) : null));
    // the struck-through values in the corners, at the floor as large as the numbers, widen the cells too
    const badgeChars = Math.max(0, ...positions.map(([r, c]) => fmt(input[r][c]).length + 1));
    const valueChars = Number(this.after.table.style.getPropertyValue("--cell-chars"));
    this.after.table.style.setProperty("--cell-chars", String(Math.max(valueChars, badgeChars)));
    for (const line of this.after.cells) {
      for (const { td, row, col } of line) {
        const x = fmt(input[row][col]);
        const key = zeroed(row, col) ? "page.cell.zeroed" : "page.cell.output";
        td.setAttribute("aria-label", t(key, { row, col, call: `${name}(${x})`, value: fmt(output[row][col]), x }));
      }
    }
    renderLegend(this.legend, scale);
  }

  /** Highlight cell (r, c) in both maps; hide the output cells the player has not reached yet, and
   * (asked, in predict mode) the one the student works out. */
  mark(r, c, later, asked = false) {
    this.before.mark("win", r === null ? [] : [[r, c]]);
    this.after.mark("win", r === null ? [] : [[r, c]]);
    if (later) this.after.mark("later", later);
    this.after.mark("asked", asked ? [[r, c]] : []);
  }
}
