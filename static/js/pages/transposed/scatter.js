// The scatter view at one step: the input cell being scattered, value × kernel, and the output
// canvas (its cropped border dashed) where those products land. Output cells are finished (tinted,
// nothing more will be added), being added to now (highlighted, "+product" in the corner), partly
// summed (plain), or untouched (empty).
import { renderLegend, scaleFor } from "../../core/colormap.js";
import { span } from "../../core/equation.js";
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { SHADES, cellsByShade } from "../../core/coverage.js";
import { runningSums } from "./sums.js";

const equation = document.getElementById("scatter-equation");

/** Output cells [r, c] (output coordinates) whose `test(r, c)` holds, as canvas cells. */
function outputCells([oh, ow], pad, test) {
  const cells = [];
  for (let r = 0; r < oh; r++) for (let c = 0; c < ow; c++) if (test(r, c)) cells.push([r + pad[0], c + pad[1]]);
  return cells;
}

/** The step's sentence: which output cells it adds into, and how many products the padding crops. */
function sentence(trace, s) {
  const [i, j] = trace.cell[s];
  const v = fmt(trace.input_value[s]);
  const keptRows = trace.rows[s].filter((_, m) => trace.kept[s][m].some(Boolean));
  const keptCols = trace.cols[s].filter((_, n) => trace.kept[s].some((line) => line[n]));
  const total = trace.kept[s].flat().length;
  const cropped = total - trace.kept[s].flat().filter(Boolean).length;
  if (!keptRows.length) return t("page.scatter.none", { i, j, v, total });
  const text = t("page.scatter.step", {
    i, j, v, r0: keptRows[0], r1: keptRows.at(-1), c0: keptCols[0], c1: keptCols.at(-1),
  });
  return cropped ? `${text} ${t("page.scatter.cropped", { n: cropped, total })}` : text;
}

/** Draw scatter step s; focus: the output cell both views show (framed on the canvas). */
export function drawScatter({ state, result, views }, s, focus) {
  const { input } = result.sent; // the numbers this answer is for (a bad setting since then sent nothing)
  const { trace, output } = result.transpose;
  const { rows, cols, finishing, coverage } = result.layout;
  const [oh, ow] = [rows.out, cols.out];
  const pad = [rows.padding, cols.padding]; // output cell (r, c) is canvas cell (r + P, c + P)
  const [i, j] = trace.cell[s];
  const width = input[0].length;
  views.input.setData(input);
  views.input.mark("win", [[i, j]]);
  const cells = input.flatMap((line, r) => line.map((_, c) => [r, c]));
  views.input.mark("done", cells.filter(([r, c]) => r * width + c < s)); // scattered already
  views.kernel.setData(trace.kernel);
  views.products.setData(trace.products[s]);
  views.products.mark("cropped", trace.kept[s].flatMap((line, m) => line.flatMap((kept, n) => (kept ? [] : [[m, n]]))));
  document.getElementById("products-caption").textContent = t("page.grid.products", { v: fmt(trace.input_value[s]) });

  const { sums, added } = runningSums(trace, s, [oh, ow]);
  const canvas = Array.from({ length: rows.canvas }, (_, r) => Array.from({ length: cols.canvas }, (_, c) =>
    sums[r - pad[0]]?.[c - pad[1]] ?? 0));
  const scale = scaleFor(output.flat());
  views.canvas.setData(canvas, {
    pads: [pad[0], rows.canvas - pad[0] - oh, pad[1], cols.canvas - pad[1] - ow],
    scale: state.coverage ? null : scale, // coverage shades the cells instead
  });
  renderLegend(document.getElementById("canvas-legend"), scale);
  document.getElementById("canvas-legend").hidden = state.coverage;
  const landing = trace.rows[s].flatMap((r, m) => trace.cols[s].map((c, n) => ({
    at: [r + pad[0], c + pad[1]], m, n, // where kernel cell (m, n)'s product lands on the canvas
  })));
  views.canvas.mark("win", landing.filter(({ m, n }) => trace.kept[s][m][n]).map(({ at }) => at));
  views.canvas.mark("cropped-hit", landing.filter(({ m, n }) => !trace.kept[s][m][n]).map(({ at }) => at));
  views.canvas.mark("partial", outputCells([oh, ow], pad, (r, c) => added[r][c] > 0 && finishing[r][c] > s));
  views.canvas.mark("later", outputCells([oh, ow], pad, (r, c) => added[r][c] === 0 && finishing[r][c] > s));
  const products = new Map(landing.map(({ at, m, n }) => [at.join(), `+${fmt(trace.products[s][m][n])}`]));
  views.canvas.table.classList.toggle("coverage", state.coverage);
  const shades = state.coverage ? cellsByShade(coverage, ...pad) : [];
  for (let k = 0; k <= SHADES; k++) views.canvas.mark(`cov-${k}`, shades[k] ?? []);
  views.canvas.badges((r, c) => products.get(`${r},${c}`)
    ?? (state.coverage ? String(coverage[r - pad[0]]?.[c - pad[1]] ?? "") : null));
  const [fr, fc] = focus.cell;
  views.canvas.showWindow([fr + pad[0], fc + pad[1], fr + pad[0], fc + pad[1]]);
  const text = sentence(trace, s);
  equation.replaceChildren(span("eq-line", text));
  return text;
}
