// One cell size for every grid of both views, from the room they have: the widest row of grids
// and, in presentation mode, the screen's height less everything that is not a grid cell (captions,
// the arithmetic, the player), so that the guide's shapes fit 1280×720 without scrolling. Each
// side's kernels go below its input or beside it, whichever leaves the larger cells.
import { overflowsScreen } from "../../core/screen-fit.js";

const SMALLEST = 26; // px: a two-digit number still reads at 12 px
const LARGEST = 64;
const NARROW = 900; // px: below this the views stack (explorer.css's phone layout)
const KERNEL_CAPTION = 2; // rem: a kernel's caption and gap, below an input (or beside it, less the caption)
const SPARE = 12; // px kept free below the player: the moved captions are estimated, not measured
const ARRANGEMENTS = [[false, false], [false, true], [true, false], [true, true]]; // [scatter, direct] beside?

/** One side's cells: its input (w × h) with its kernels (kw wide in all, kh high) below it or beside it. */
function side([w, h], [kw, kh], beside) {
  return beside ? { across: w + kw, down: Math.max(h, kh) } : { across: Math.max(w, kw), down: h + kh };
}

/** The views' width that is not grid cells (operators, gaps, captions wider than their grids). */
function otherWidth(views, across, cell) {
  const parts = [...views.children];
  const gap = parseFloat(getComputedStyle(views).columnGap);
  return parts.reduce((sum, part) => sum + part.offsetWidth, 0) + gap * (parts.length - 1) - across * cell;
}

/** The stage's height that is not grid cells. */
function otherHeight(views, down, cell) {
  const stage = views.parentElement;
  const style = getComputedStyle(stage);
  const shown = [...stage.children].filter((element) => element.getClientRects().length > 0);
  const others = shown.filter((element) => element !== views).reduce((sum, element) => sum + element.offsetHeight, 0);
  return parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.rowGap) * (shown.length - 1)
    + others + views.offsetHeight - down * cell;
}

/** The cells across and down of one arrangement, a phone's one column included. */
function cellsOf(state, { cols, rows, stuffed }, [scatterBeside, directBeside], narrow) {
  const scatter = side([state.input[0].length, state.input.length], [2 * state.kernel[0].length, state.kernel.length],
    scatterBeside);
  const direct = side([stuffed.values[0].length, stuffed.values.length], [state.kernel[0].length, state.kernel.length],
    directBeside);
  const parts = [scatter.across, cols.canvas, direct.across];
  return {
    across: narrow ? Math.max(...parts) : parts[0] + parts[1] + parts[2],
    down: narrow ? scatter.down + rows.canvas + direct.down : Math.max(scatter.down, rows.canvas, direct.down),
  };
}

/** Set --tr-cell on `views` and each side's arrangement (class tr-beside) for the last answer. Twice: the
 * second pass measures the captions and gaps at the first one's cell size. A side's kernels moved below
 * or beside its input change the height by an estimate (their caption's row); where the presented page
 * then still overflows the screen, the cells are sized again from what it now measures. */
export function fitCells(views, state, layout, presenting) {
  for (let pass = 0; pass < 4; pass++) {
    fitOnce(views, state, layout, presenting);
    if (pass >= 1 && !(presenting && overflowsScreen())) return;
  }
}

function fitOnce(views, state, layout, presenting) {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const narrow = window.innerWidth <= NARROW;
  const sides = [views.querySelector(".tr-scatter"), views.querySelector(".tr-direct")];
  const current = sides.map((element) => element.classList.contains("tr-beside"));
  const now = views.querySelector("#canvas-grid td")?.offsetHeight ?? SMALLEST; // borders included: a pixel or two
  const measured = cellsOf(state, layout, current, narrow);
  const baseWidth = narrow ? 0 : otherWidth(views, measured.across, now);
  const baseHeight = presenting ? otherHeight(views, measured.down, now) : 0;
  const size = (arrangement) => {
    // a side's kernels moved beside its input take their caption row's height with them; moved below, add it
    const rowsMoved = arrangement.reduce((sum, beside, k) => sum + (beside === current[k] ? 0 : beside ? -1 : 1), 0);
    const extra = rowsMoved * KERNEL_CAPTION * rem;
    const { across, down } = cellsOf(state, layout, arrangement, narrow);
    const width = (views.clientWidth - baseWidth) / across;
    const height = presenting ? (window.innerHeight - SPARE - baseHeight - extra) / down : LARGEST;
    return Math.min(LARGEST, Math.max(SMALLEST, Math.floor(Math.min(width, height))));
  };
  const options = narrow ? [[false, false]] : ARRANGEMENTS;
  const best = options.reduce((a, b) => (size(b) > size(a) ? b : a));
  sides.forEach((element, k) => element.classList.toggle("tr-beside", best[k]));
  views.style.setProperty("--tr-cell", `${size(best)}px`);
}
