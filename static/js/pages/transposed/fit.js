// One cell size for every grid of both views, from the room they have: the widest row of grids
// and, in presentation mode, the screen's height less everything that is not a grid cell (captions,
// the arithmetic, the player), so that the guide's shapes fit 1280×720 without scrolling.

const SMALLEST = 26; // px: a two-digit number still reads at 12 px
const LARGEST = 64;
const ACROSS_OVERHEAD = 9; // rem: operators and gaps between the grids

/** Cells across and down: [input over kernel and products] → canvas ← [stuffed input over turned kernel]. */
function cellsNeeded(state, { rows, cols, stuffed }) {
  const [h, w, kh, kw] = [state.input.length, state.input[0].length, state.kernel.length, state.kernel[0].length];
  const [sh, sw] = [stuffed.values.length, stuffed.values[0].length];
  return {
    across: Math.max(w, 2 * kw) + cols.canvas + Math.max(sw, kw),
    down: Math.max(h + kh, rows.canvas, sh + kh),
  };
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
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const { across, down } = cellsNeeded(state, layout);
  const now = views.querySelector("#canvas-grid td")?.offsetHeight ?? SMALLEST; // borders included: a pixel or two
  const width = (views.clientWidth - ACROSS_OVERHEAD * rem) / across;
  const height = presenting ? (window.innerHeight - otherHeight(views, down, now)) / down : LARGEST;
  const cell = Math.min(LARGEST, Math.max(SMALLEST, Math.floor(Math.min(width, height))));
  views.style.setProperty("--tr-cell", `${cell}px`);
}
