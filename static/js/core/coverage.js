// Coverage as shades: how many windows read an input cell, in a few steps from light to dark. The
// count itself is printed in the cell too, so nothing is told by colour alone.

export const SHADES = 4;

/** 0 for a cell that no window reads, else 1..SHADES in proportion to the most-read cell's count. */
export function shadeOf(count, most) {
  return count > 0 ? Math.max(1, Math.ceil((SHADES * count) / most)) : 0;
}

/** counts: H × W of the unpadded input -> for shades 0..SHADES, its cells' [r, c] in the padded grid. */
export function cellsByShade(counts, top, left) {
  const most = Math.max(0, ...counts.flat());
  const cells = Array.from({ length: SHADES + 1 }, () => []);
  counts.forEach((line, r) => line.forEach((count, c) => cells[shadeOf(count, most)].push([r + top, c + left])));
  return cells;
}
