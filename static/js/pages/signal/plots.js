// The three stacked plots for one shift t: inputs, product (its area shaded), and the result traced so far.
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { DT, N, flippedAt, position, slidAt } from "./functions.js";
import { svgElement } from "./svg.js";

const TAUS = Array.from({ length: N }, (_, j) => position(j));

/** Products at shift i from a trace, by τ sample: trace.products[i][0][m] sits at padded column cols[i][m]. */
export function productsAt(trace, i) {
  const values = new Array(N).fill(0);
  const left = trace.padding[2];
  trace.cols[i].forEach((col, m) => {
    const j = col - left;
    if (j >= 0 && j < N) values[j] = trace.products[i][0][m];
  });
  return values;
}

/** Every strip height any step will show (product ÷ Δτ), so the middle plot's scale never jumps. */
export function productHeights(trace) {
  return trace.products.flatMap((row) => row[0].map((p) => p / DT));
}

/** (1) f(τ) and the flipped, slid g(t − τ); with the toggle, also g(τ − t) slid without the flip. */
export function drawInputs(plot, { f, g, i, xcorr, range }) {
  if (!plot.begin(range)) return;
  plot.axes("τ");
  plot.area(TAUS, f, "f-area");
  plot.line(TAUS, f, "f-line");
  if (xcorr) plot.line(TAUS, slidAt(g, i), "gx-line");
  plot.line(TAUS, flippedAt(g, i), "g-line");
  plot.vline(position(i), "now", t("page.plot.t", { t: fmt(position(i)) }));
}

/** (2) One strip per τ sample whose area is that sample's product from the trace (positive solid, negative hatched). */
export function drawProducts(plot, { conv, xcorr, i, range }) {
  if (!plot.begin(range)) return;
  plot.axes("τ");
  const products = productsAt(conv.trace, i);
  let top = null;
  let bottom = null;
  products.forEach((p, j) => {
    if (p === 0) return;
    plot.bar(TAUS[j] - DT / 2, TAUS[j] + DT / 2, p / DT, p > 0 ? "strip pos" : "strip neg");
    if (p > 0 && (top === null || p > products[top])) top = j;
    if (p < 0 && (bottom === null || p < products[bottom])) bottom = j;
  });
  // The signs are written too, so positive and negative area never rest on colour alone.
  if (top !== null) plot.text(TAUS[top], products[top] / DT / 2, "+", "sign", plot.svg, { anchor: "middle", dx: 0, dy: 8 });
  if (bottom !== null) plot.text(TAUS[bottom], products[bottom] / DT / 2, "−", "sign", plot.svg, { anchor: "middle", dx: 0, dy: 8 });
  if (xcorr) plot.stairs(TAUS, productsAt(xcorr.trace, i).map((p) => p / DT), DT, "px-line");
  plot.vline(position(i), "now");
  plot.text(TAUS[N - 1], null, t("page.plot.area", { value: fmt(conv.output[0][i]) }), "area-label", plot.svg,
    { anchor: "end", dx: -4 });
}

/** (3) (f∗g)(t) from the API up to the current t, with a marker and its value; the correlation dashed. */
export function drawOutputs(plot, { conv, xcorr, i, range }) {
  if (!plot.begin(range)) return;
  plot.axes("t");
  plot.vline(position(i), "now");
  const shown = TAUS.slice(0, i + 1);
  const curves = [[conv, "out-line", "marker"]];
  if (xcorr) curves.push([xcorr, "xout-line", "xmarker"]);
  curves.forEach(([result, lineClass, markerClass], k) => {
    const values = result.output[0];
    plot.line(shown, values.slice(0, i + 1), lineClass);
    const [x, y] = [plot.x(position(i)), plot.y(values[i])];
    if (k === 0) svgElement("circle", { class: markerClass, cx: x, cy: y, r: 8 }, plot.svg);
    else svgElement("rect", { class: markerClass, x: x - 7, y: y - 7, width: 14, height: 14 }, plot.svg);
  });
  // Values are written beside the markers; when both are drawn, the higher one's label goes above.
  const labels = curves.map(([result, , markerClass], k) => ({
    value: result.output[0][i], text: `${k === 0 ? "f∗g" : "f⋆g"} = ${fmt(result.output[0][i])}`, markerClass,
  }));
  labels.sort((a, b) => b.value - a.value);
  labels.forEach((label, k) => {
    const dy = labels.length === 2 ? (k === 0 ? -12 : 22) : -12;
    plot.text(position(i), label.value, label.text, `value-label ${label.markerClass}-label`, plot.svg, { dx: 12, dy });
  });
}
