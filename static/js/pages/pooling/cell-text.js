// Type size for a grid's numbers, so that the longest one sits inside its cell with room to spare.
// The grid's own rule lets a four-character number (an average such as 3.75) fill 96 % of a cell,
// touching its borders; this one keeps such numbers to about three quarters of it.
import { fmt } from "../../core/format.js";

const LARGEST = 0.4; // of the cell: short numbers keep the size the grid gives them
const ROOM = 1.25; // the longest number, at 0.6 em a character (monospace), spans 0.6 × 1.25 = 75 % of its cell

/** Set the table's type size from the longest number of `matrix` (rows of numbers, as shown). */
export function fitNumbers(grid, matrix) {
  if (grid.isHeat) return;
  const longest = Math.max(1, ...matrix.flat().map((value) => fmt(value).length));
  grid.table.style.fontSize = `calc(var(--cell) * ${Math.min(LARGEST, ROOM / longest).toFixed(3)})`;
}
