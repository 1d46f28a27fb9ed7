// The direct view: the same output cell as a stride-1 convolution. The input with stride − 1 zeros
// between its cells and D·(K − 1) − P around them, the kernel turned 180° (by the server: mode
// "convolution"), the window of the focus cell, and its sum, which equals the scatter's final value.
import { equalsResult, span } from "../../core/equation.js";
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";

const equation = document.getElementById("direct-equation");
const caption = document.getElementById("direct-caption");

/** The window's sum as products of its non-zero input cells, the zeros counted: "(3×2) + (1×1) + 7 × 0 = 7". */
function renderSum(trace, d, [r, c]) {
  const parts = [];
  let zeros = 0;
  trace.values[d].forEach((line, m) => line.forEach((value, n) => {
    if (value === 0) {
      zeros += 1;
      return;
    }
    if (parts.length) parts.push(span("op", " + "));
    parts.push(span("term", `(${fmt(value)}×${fmt(trace.kernel[m][n])})`));
  }));
  if (zeros) {
    if (parts.length) parts.push(span("op", " + "));
    parts.push(span("zeros", t("page.direct.zeros", { n: zeros })));
  }
  const line = span("eq-line", "");
  line.append(span("label", t("page.direct.cell", { r, c })), span("op", " = "), ...parts,
    ...equalsResult(span("result", fmt(trace.sum[d]))));
  equation.replaceChildren(line);
  return line.textContent;
}

/** The caption that says how the focus cell relates to scatter step s. */
function focusCaption({ cell: [r, c], finishedAt }, s) {
  if (finishedAt === s) return t("page.direct.now", { r, c, step: s + 1 });
  if (finishedAt > s) return t("page.direct.next", { r, c, step: finishedAt + 1 });
  return t("page.direct.last", { r, c, step: finishedAt + 1 });
}

/** Draw the direct view of output cell focus.cell at scatter step s. */
export function drawDirect({ result, views }, s, focus, { hovered = false } = {}) {
  const { trace } = result.direct;
  const { stuffed, cols } = result.layout;
  const [r, c] = focus.cell;
  const d = r * cols.out + c; // the convolution's steps run over output cells, row-major
  views.stuffed.setData(stuffed.values, { pads: stuffed.pads });
  const [sh, sw] = [stuffed.values.length, stuffed.values[0].length];
  const [top, bottom, left, right] = stuffed.pads;
  const zeros = [];
  const scattering = [];
  const [i, j] = result.transpose.trace.cell[s];
  stuffed.source.forEach((line, y) => line.forEach((from, x) => {
    const inside = y >= top && y < sh - bottom && x >= left && x < sw - right;
    if (!from && inside) zeros.push([y, x]);
    if (from && from[0] === i && from[1] === j) scattering.push([y, x]);
  }));
  views.stuffed.mark("stuffed", zeros);
  views.stuffed.mark("scattering", scattering); // the scatter view's input cell, seen from this side
  const [rows, columns] = [trace.rows[d], trace.cols[d]];
  views.stuffed.mark("win", rows.flatMap((y) => columns.map((x) => [y, x])));
  views.stuffed.badges((y, x) => {
    const [m, n] = [rows.indexOf(y), columns.indexOf(x)];
    return m >= 0 && n >= 0 ? `×${fmt(trace.kernel[m][n])}` : null;
  });
  views.stuffed.showWindow([rows[0], columns[0], rows.at(-1), columns.at(-1)]);
  views.turned.setData(trace.kernel);
  caption.textContent = hovered ? t("page.direct.hover", { r, c }) : focusCaption(focus, s);
  return renderSum(trace, d, [r, c]);
}
