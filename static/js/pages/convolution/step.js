// One step on screen: the window on the input, the kernel it meets, the output cells done so far,
// and the step's arithmetic beside its definition. Hovering a term of the equation points at its
// input and kernel cells.
import { channelsOf, renderEquation, sumAsWritten } from "../../core/equation.js";
import { fmt } from "../../core/format.js";
import { coverage, resolvePadding } from "../../core/geometry.js";
import { t } from "../../core/i18n.js";
import { SHADES, cellsByShade } from "../../core/coverage.js";
import { renderDefinition } from "./definition.js";
import { turnedCell } from "./indices.js";

const equation = document.getElementById("equation");
const live = document.getElementById("live");

/** The step that computes output[f][row][col]: filters in turn, each row by row. */
export function stepOf(result, f, row, col) {
  const [oh, ow] = [result.output[0].length, result.output[0][0].length];
  return f * oh * ow + row * ow + col;
}

/** How many windows read each input cell (shown when the coverage box is ticked); `state` or a request body. */
export function coverageCounts(state) {
  const [h, w] = [state.input[0].length, state.input[0][0].length];
  const kernel = [state.kernel[0][0].length, state.kernel[0][0][0].length];
  return coverage(h, w, kernel, state.stride, state.dilation, resolvePadding(state.padding, kernel, state.dilation));
}

export function showStep({ state, result, views, hoverStep, predictor }, step) {
  if (!result) return;
  const { trace } = result;
  const s = Math.min(step, trace.steps - 1);
  const [f, i, j] = trace.cell[s];
  const asking = predictor.asks(s); // predict mode: the student types this step's value
  const ask = asking ? predictor.field(s, trace.value[s], sumAsWritten(trace, s)) : null;
  const rows = trace.rows[s];
  const cols = trace.cols[s];
  const window = rows.flatMap((r) => cols.map((c) => [r, c]));
  const kernel = trace.kernel[f];
  const cover = state.coverage ? coverageCounts(result.sent) : null; // the geometry of the numbers shown
  const [top, , left] = trace.padding;
  const shades = cover ? cellsByShade(cover, top, left) : [];
  const [first, count] = channelsOf(trace, f); // with groups, filter f reads only these channels
  views.inputs.forEach((grid, c) => {
    const slice = kernel[c - first]; // undefined: a channel of another group, which this filter does not read
    grid.container.classList.toggle("unread", !slice);
    grid.mark("win", slice ? window : []);
    // a heat map shows no counts (its cells are too small), so no shades either
    if (!grid.isHeat) for (let k = 0; k <= SHADES; k++) grid.mark(`cov-${k}`, shades[k] ?? []);
    grid.badges((r, cc) => {
      const m = rows.indexOf(r);
      const n = cols.indexOf(cc);
      if (slice && m >= 0 && n >= 0) return `×${fmt(slice[m][n])}`;
      if (cover) return cover[r - top]?.[cc - left] !== undefined ? String(cover[r - top][cc - left]) : "";
      return null;
    });
    if (slice) grid.showWindow([rows[0], cols[0], rows[rows.length - 1], cols[cols.length - 1]]);
    else grid.showWindow(null);
  });
  views.kernels.forEach((grid, c) => grid.setData(kernel[c]));
  const { mode, dilation } = result.sent;
  const turned = mode === "convolution";
  if (turned) views.originals.forEach((grid, c) => grid.setData(result.sent.kernel[f][c]));
  labelSlices([views.kernels, views.originals], first, (trace.groups ?? 1) > 1 ? first / count : null);
  const grouped = (trace.groups ?? 1) > 1 && count === 1 ? ` · ${t("page.grid.channel", { c: first + 1 })}` : "";
  const ofFilter = (name) => (trace.kernel.length > 1 ? `${name} · ${t("page.grid.filter", { f: f + 1 })}${grouped}` : name);
  document.getElementById("kernel-caption").textContent =
    ofFilter(turned ? t("page.grid.kernel.turned") : t("page.grid.kernel"));
  document.getElementById("original-caption").textContent = ofFilter(t("page.grid.kernel.original"));
  const oh = result.output[0].length;
  const ow = result.output[0][0].length;
  views.outputs.forEach((grid, g) => {
    grid.mark("win", g === f ? [[i, j]] : []);
    const later = [];
    for (let r = 0; r < oh; r++) for (let c = 0; c < ow; c++) if (stepOf(result, g, r, c) > s) later.push([r, c]);
    grid.mark("later", later);
    grid.mark("asked", asking && g === f ? [[i, j]] : []);
  });
  const sentence = renderEquation(equation, trace, s, { ask });
  renderDefinition(trace, s, { mode, dilation, hideSum: asking });
  document.getElementById("explain-step").textContent = asking ? t("predict.live") : t("page.explain.conv", {
    kh: kernel[0].length, kw: kernel[0][0].length, equation: sentence,
  });
  if (hoverStep === null) live.textContent = asking ? t("predict.live") : sentence;
}

/** Kernel slices are captioned by the input channel they meet: with groups, the shown filter's group's
 * (`group`, whose colour the kernels then wear; null without groups). */
function labelSlices(panels, first, group) {
  document.querySelector(".kernel-group").dataset.group = group === null ? "" : String(group);
  for (const grids of panels) {
    grids.forEach((grid, k) => {
      const label = grid.container.querySelector(".grid-label");
      if (label) label.textContent = t("page.grid.channel", { c: first + k + 1 });
    });
  }
}

export function bindEquationHover(page) {
  equation.addEventListener("mouseover", (event) => {
    const term = event.target.closest(".term");
    const { result, views } = page;
    if (!term || !result) return;
    const s = Math.min(page.hoverStep ?? page.player.step, result.trace.steps - 1);
    const { c, m, n } = term.dataset; // c: the slice of the filter's channels
    const [first] = channelsOf(result.trace, result.trace.cell[s][0]);
    views.inputs[first + Number(c)]?.mark("focus", [[result.trace.rows[s][m], result.trace.cols[s][n]]]);
    views.kernels[c]?.mark("focus", [[Number(m), Number(n)]]);
    // the term's kernel value is the turned kernel's: as written, it sits at the turned place
    if (result.sent.mode === "convolution") {
      const [kh, kw] = [result.trace.rows[s].length, result.trace.cols[s].length];
      views.originals[c]?.mark("focus", [turnedCell([Number(m), Number(n)], kh, kw)]);
    }
  });
  equation.addEventListener("mouseout", () => {
    const { inputs, kernels, originals } = page.views;
    for (const grid of [...inputs, ...kernels, ...originals]) grid.mark("focus", []);
  });
}
