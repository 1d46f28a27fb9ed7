// The function's curve in SVG, drawn from sampled (x, y) pairs the API returned, with a traced point.
import { fmt } from "../../core/format.js";

const SVG = "http://www.w3.org/2000/svg";
export const HALF = 200; // 2·HALF + 1 samples across [−range, range]
const TICK_SPACING = 3.4; // font sizes between ticks, at least

function set(element, attrs) {
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

function el(tag, attrs, parent) {
  const element = set(document.createElementNS(SVG, tag), attrs ?? {});
  parent?.append(element);
  return element;
}

function text(content, attrs, parent) {
  const element = el("text", attrs, parent);
  element.textContent = content;
  return element;
}

/** x positions to ask the API about: an even grid on [−range, range]. */
export function sampleXs(range) {
  return Array.from({ length: 2 * HALF + 1 }, (_, i) => ((i - HALF) * range) / HALF);
}

/** The x range to sample: ±5, widened to the next integer that holds every value of the map. */
export function rangeFor(values) {
  return Math.max(5, Math.ceil(Math.max(0, ...values.map(Math.abs))));
}

/** A tick step of 1, 2 or 5 × 10^k leaving at least TICK_SPACING font sizes between ticks. */
function tickStep(span, pixels, font) {
  const raw = span / Math.max(1, pixels / (TICK_SPACING * font));
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw);
}

function ticks(low, high, step) {
  const out = [];
  for (let i = Math.ceil(low / step); i * step <= high + 1e-9; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

export class Curve {
  constructor(svg) {
    this.svg = svg;
    const layer = (name) => el("g", { class: name }, svg);
    this.gridLayer = layer("curve-grid");
    this.curvePath = el("path", { class: "curve-line" }, layer("curve-plot"));
    this.cellLayer = layer("curve-cells");
    const guides = layer("curve-guides");
    this.guideX = el("line", { class: "guide" }, guides);
    this.guideY = el("line", { class: "guide" }, guides);
    this.point = el("circle", { class: "curve-point", r: 8 }, guides);
    this.tagX = this.tag(guides);
    this.tagY = this.tag(guides);
    this.data = null;
    this.current = null;
  }

  tag(parent) {
    const group = el("g", { class: "value-tag" }, parent);
    group.rect = el("rect", { rx: 4 }, group);
    group.text = el("text", {}, group);
    return group;
  }

  /** xs, ys: the samples; cells: [x, y] of every map cell; label: the y axis' name, e.g. "ReLU(x)". */
  setData(data) {
    this.data = data;
    this.draw();
  }

  draw() {
    const width = this.svg.clientWidth;
    const height = this.svg.clientHeight;
    if (!this.data || !width || !height) return;
    const { xs, ys, cells, label } = this.data;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const font = parseFloat(getComputedStyle(this.svg).fontSize) || 16;
    this.font = font;
    const box = { left: font * 3.4, right: width - font * 1.2, top: font * 1.6, bottom: height - font * 2.4 };
    // y range: the curve's, always holding 0, padded by a tenth; never thinner than 1.
    let low = Math.min(0, ...ys);
    let high = Math.max(0, ...ys);
    if (high - low < 1) high = low + 1;
    const pad = (high - low) * 0.1;
    [low, high] = [low - pad, high + pad];
    const [x0, x1] = [xs[0], xs[xs.length - 1]];
    this.sx = (x) => box.left + ((x - x0) / (x1 - x0)) * (box.right - box.left);
    this.sy = (y) => box.bottom - ((y - low) / (high - low)) * (box.bottom - box.top);
    this.box = box;

    const grid = this.gridLayer;
    grid.replaceChildren();
    for (const x of ticks(x0, x1, tickStep(x1 - x0, box.right - box.left, font))) {
      el("line", { class: x === 0 ? "axis" : "gridline", x1: this.sx(x), x2: this.sx(x), y1: box.top, y2: box.bottom }, grid);
      text(fmt(x), { class: "tick", x: this.sx(x), y: box.bottom + font * 1.2, "text-anchor": "middle" }, grid);
    }
    for (const y of ticks(low, high, tickStep(high - low, box.bottom - box.top, font))) {
      el("line", { class: y === 0 ? "axis" : "gridline", x1: box.left, x2: box.right, y1: this.sy(y), y2: this.sy(y) }, grid);
      text(fmt(y), { class: "tick", x: box.left - font * 0.4, y: this.sy(y) + font * 0.35, "text-anchor": "end" }, grid);
    }
    el("rect", { class: "frame", x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top }, grid);
    text("x", { class: "axis-name", x: box.right, y: box.bottom + font * 2.2, "text-anchor": "end" }, grid);
    text(label, { class: "axis-name", x: box.left, y: box.top - font * 0.5 }, grid);

    const points = xs.map((x, i) => `${i ? "L" : "M"}${this.sx(x).toFixed(1)},${this.sy(ys[i]).toFixed(1)}`);
    this.curvePath.setAttribute("d", points.join(""));
    this.cellLayer.replaceChildren();
    for (const [x, y] of cells) el("circle", { class: "cell-mark", cx: this.sx(x), cy: this.sy(y), r: 4.5 }, this.cellLayer);
    this.trace(this.current);
  }

  /** Mark (x, y) with a dot, dashed guides to both axes and tags with the numbers (null hides them). */
  trace(current) {
    this.current = current;
    const shown = Boolean(current && this.data);
    for (const part of [this.point, this.guideX, this.guideY, this.tagX, this.tagY]) {
      part.style.display = shown ? "" : "none";
    }
    if (!shown || !this.sx) return;
    const { x, y, xText, yText, moving } = current;
    const px = this.sx(x);
    const py = this.sy(y);
    const { left, bottom } = this.box;
    set(this.point, { cx: px, cy: py });
    set(this.guideX, { x1: px, x2: px, y1: bottom, y2: py });
    set(this.guideY, { x1: left, x2: px, y1: py, y2: py });
    this.placeTag(this.tagX, xText, px, bottom + this.font * 1.2, "middle", moving);
    this.placeTag(this.tagY, yText, left - this.font * 0.4, py + this.font * 0.35, "end", moving);
  }

  placeTag(tag, content, x, y, anchor, hidden) {
    tag.style.visibility = hidden ? "hidden" : "";
    tag.text.textContent = content;
    set(tag.text, { x, y, "text-anchor": anchor });
    const pad = this.font * 0.25;
    let bounds = tag.text.getBBox();
    if (bounds.x < pad + 1) { // keep a long tag (e.g. −0.154) inside the picture
      tag.text.setAttribute("x", x + pad + 1 - bounds.x);
      bounds = tag.text.getBBox();
    }
    set(tag.rect, { x: bounds.x - pad, y: bounds.y - pad / 2, width: bounds.width + 2 * pad, height: bounds.height + pad });
  }

  /** y on the drawn curve at x (straight between samples): where a gliding dot is drawn. */
  yAt(x) {
    const { xs, ys } = this.data;
    const position = ((x - xs[0]) / (xs[xs.length - 1] - xs[0])) * (xs.length - 1);
    const i = Math.max(0, Math.min(xs.length - 2, Math.floor(position)));
    const f = Math.max(0, Math.min(1, position - i));
    return ys[i] + (ys[i + 1] - ys[i]) * f;
  }

  /** The sample nearest to a pointer's clientX, or null outside the plot. */
  sampleAt(clientX) {
    if (!this.data || !this.sx) return null;
    const rect = this.svg.getBoundingClientRect();
    const px = clientX - rect.left;
    if (px < this.box.left - 4 || px > this.box.right + 4) return null;
    const f = (px - this.box.left) / (this.box.right - this.box.left);
    return Math.max(0, Math.min(this.data.xs.length - 1, Math.round(f * (this.data.xs.length - 1))));
  }
}
