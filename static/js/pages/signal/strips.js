// The numbers view's rows of cells, one column per k: the index k, x[k] (zeros beyond its ends), the
// flipped h with the products beneath it, sliding along x, and y[n] filling in under k = n, where h[0]
// stands when y[n] is computed. Every number comes from the API's trace.
import { fmt } from "../../core/format.js";
import { Grid } from "../../core/grid.js";
import { t } from "../../core/i18n.js";

// Type size: the longest number, at 0.6 em a character (monospace), spans 0.6 × 1.25 = 75 % of its
// cell, and short numbers get 0.4 of the cell, as the grids of the other pages give them.
const LARGEST = 0.4;
const ROOM = 1.25;

/** A row of indices, drawn as borderless cells so that its columns line up with the cells below. */
function ruler(container) {
  const grid = new Grid(container, { label: "" });
  grid.table.classList.add("ruler");
  container.setAttribute("aria-hidden", "true");
  return grid;
}

export class Strips {
  /**
   * root: the element holding #seq-k, #seq-x, #seq-slider, #seq-y and #seq-n. onEdit(k, value): a cell
   * of x was typed into; onHover(n | null) and onPick(n): the pointer is over / clicked output y[n].
   */
  constructor(root, { onEdit, onHover, onPick }) {
    this.root = root;
    const part = (id) => root.querySelector(`#${id}`);
    this.k = ruler(part("seq-k"));
    this.x = new Grid(part("seq-x"), {
      label: t("page.seq.x.label"), editable: true, testId: "seq-x",
      cellLabel: (row, k) => t("page.seq.cell.x", { k }),
      onEdit: (row, k, value) => onEdit(k, value),
    });
    this.slider = new Grid(part("seq-slider"), { label: t("page.seq.slider.label"), testId: "seq-slider" });
    this.y = new Grid(part("seq-y"), {
      label: t("page.seq.y.label"), testId: "seq-y",
      cellLabel: (row, n) => t("page.seq.cell.y", { n, value: fmt(this.result?.output[0][n]) }),
    });
    this.n = ruler(part("seq-n"));
    this.sliderHolder = part("seq-slider");
    this.result = null;
    this.lead = 0; // columns of zeros before x[0]: K − 1
    this.size = ""; // the type size all rows share
    this.y.onCell("mouseover", (r, c) => { if (c >= this.lead) onHover(c - this.lead); });
    this.y.onCell("mouseout", () => onHover(null));
    this.y.onCell("click", (r, c) => { if (c >= this.lead) onPick(c - this.lead); });
    this.x.onCell("mouseover", (r, c) => this.feeds(c));
    this.x.onCell("mouseout", () => this.feeds(null));
  }

  /** A new answer: x with its zeros, the rulers and y (the slider is filled in by show). */
  setResult(result) {
    const { trace, output } = result;
    this.result = result;
    const padded = trace.padded_input[0]; // x with K − 1 zeros at both ends: L + 2(K − 1) numbers
    const width = padded.length;
    const kernel = trace.kernel[0]; // h flipped, as laid on x: h[K − 1] … h[0]
    const lead = kernel.length - 1;
    const outputs = output[0];
    this.lead = lead;
    this.root.style.setProperty("--columns", String(width));
    this.k.setData([Array.from({ length: width }, (_, c) => c - lead)]);
    this.x.setData([padded], { pads: [0, 0, lead, lead] });
    // y[n] goes under k = n: the columns before k = 0 are padding, and hidden.
    this.y.setData([[...new Array(lead).fill(0), ...outputs]], { pads: [0, 0, lead, 0] });
    this.n.setData([Array.from({ length: width }, (_, c) => c - lead)], { pads: [0, 0, lead, 0] });
    this.slider.setData([kernel, trace.products[0][0]]);
    this.slider.badges((r, m) => (r === 0 ? `h[${kernel.length - 1 - m}]` : null));
    // One type size for every row, from the longest number any step shows, so nothing jumps.
    const texts = [...padded, ...kernel, ...trace.products.flat(2), ...outputs].map((v) => fmt(v).length);
    const longest = Math.max(1, ...texts);
    this.size = `calc(var(--cell) * ${Math.min(LARGEST, ROOM / longest).toFixed(3)})`;
    this.root.style.setProperty("--chars", String(longest)); // columns widen where the floor needs it
    for (const grid of [this.x, this.slider, this.y]) grid.table.style.fontSize = this.size;
  }

  /** Step s (output y[s]): the window on x, the slid h with this step's products, y filled in up to s. */
  show(s) {
    if (!this.result) return;
    const { trace } = this.result;
    const cols = trace.cols[s]; // the padded columns under the window
    const K = cols.length;
    const products = trace.products[s][0];
    this.slider.setData([trace.kernel[0], products]);
    this.slider.table.style.fontSize = this.size;
    this.slider.mark("pos", products.flatMap((p, m) => (p > 0 ? [[1, m]] : [])));
    this.slider.mark("neg", products.flatMap((p, m) => (p < 0 ? [[1, m]] : [])));
    this.x.mark("win", cols.map((c) => [0, c]));
    this.x.showWindow([0, cols[0], 0, cols[K - 1]]);
    // The slider stands under the window: its first cell under the window's first cell.
    const under = this.x.box(0, cols[0], 0, cols[0]);
    const home = this.slider.box(0, 0, 0, 0);
    if (under && home) this.sliderHolder.style.transform = `translateX(${under.left - home.left}px)`;
    const outputs = this.result.output[0];
    this.y.mark("win", [[0, this.lead + s]]);
    this.y.mark("later", outputs.flatMap((_, n) => (n > s ? [[0, this.lead + n]] : [])));
    this.n.mark("now", [[0, this.lead + s]]);
    this.k.mark("now", cols.map((c) => [0, c]));
  }

  /** Point at term m of the equation: its x cell and its column of the slider; null clears. */
  focus(s, m) {
    const at = m === null || !this.result ? null : this.result.trace.cols[s][m];
    this.x.mark("focus", at === null ? [] : [[0, at]]);
    this.slider.mark("focus", at === null ? [] : [[0, m], [1, m]]);
  }

  /** Hovering a cell of x (padded column c) marks every y[n] whose window reads it. */
  feeds(c) {
    if (!this.result) return;
    const { trace } = this.result;
    const fed = [];
    if (c !== null) trace.cols.forEach((cols, s) => { if (cols.includes(c)) fed.push([0, this.lead + s]); });
    this.y.mark("fed", fed);
  }
}
