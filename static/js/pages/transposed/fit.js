// One cell size for every grid of both views, from the room they have: the widest row of grids
// and, in presentation mode, the screen's height less everything that is not a grid cell (captions,
// the arithmetic, the player), so that the guide's shapes fit 1280×720 without scrolling.

const SMALLEST = 26; // px: a two-digit number still reads at 12 px
const LARGEST = 64;
const NARROW = 900; // px: below this the views stack (explorer.css's phone layout)

/** Cells across and down: [input over kernel and products] → canvas ← [stuffed input over turned kernel]
 * in one row; on a narrow screen, one above the other. */
function cellsNeeded(state, { rows, cols, stuffed }, narrow) {
  const [h, w, kh, kw] = [state.input.length, state.input[0].length, state.kernel.length, state.kernel[0].length];
  const [sh, sw] = [stuffed.values.length, stuffed.values[0].length];
  const columns = [Math.max(w, 2 * kw), cols.canvas, Math.max(sw, kw)];
  return {
    across: narrow ? Math.max(...columns) : columns[0] + columns[1] + columns[2],
    down: Math.max(h + kh, rows.canvas, sh + kh),
  };
}

/** The views' width that is not grid cells (operators, gaps, captions wider than their grids). */
function otherWidth(views, across, cell) {
  const parts = [...views.children];
  const gap = parseFloat(getComputedStyle(views).columnGap);
  return parts.reduce((sum, part) => sum + part.offsetWidth, 0) + gap * (parts.length - 1) - across * cell;
}

/** The stage's height that is not grid cells, with cells `cell` px high now. */
function otherHeight(views, down, cell) {
  const stage = views.parentElement;
  const style = getComputedStyle(stage);
  const shown = [...stage.children].filter((element) => element.getClientRects().length > 0);
  const others = shown.filter((element) => element !== views).reduce((sum, element) => sum + element.offsetHeight, 0);
  return parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.rowGap) * (shown.length - 1)
    + others + views.offsetHeight - down * cell;
}

/** Set --tr-cell on `views` for the layout of the last answer. */
export function fitCells(views, state, layout, presenting) {
  const narrow = window.innerWidth <= NARROW;
  const { across, down } = cellsNeeded(state, layout, narrow);
  const now = views.querySelector("#canvas-grid td")?.offsetHeight ?? SMALLEST; // borders included: a pixel or two
  const width = (views.clientWidth - (narrow ? 0 : otherWidth(views, across, now))) / across;
  const height = presenting ? (window.innerHeight - otherHeight(views, down, now)) / down : LARGEST;
  const cell = Math.min(LARGEST, Math.max(SMALLEST, Math.floor(Math.min(width, height))));
  views.style.setProperty("--tr-cell", `${cell}px`);
}
