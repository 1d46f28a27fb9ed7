// A plot over the τ grid drawn in SVG: scales, axes and a few shapes. The viewBox is the element's
// own size in CSS pixels, so text and strokes keep their size however wide the plot is.
import { fmt } from "../../core/format.js";
import { T_MAX, T_MIN } from "./functions.js";

const SVG = "http://www.w3.org/2000/svg";
const MARGIN = { top: 12, right: 28, bottom: 30, left: 56 };

export function svgElement(tag, attributes = {}, parent = null) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  parent?.append(element);
  return element;
}

/** [low, high] covering every value and 0, with a little air above and below. */
export function extent(values) {
  let low = 0;
  let high = 0;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (high - low < 1e-9) high = 1;
  const air = 0.1 * (high - low);
  return [low < 0 ? low - air : low - air / 3, high + air];
}

/** About `count` round tick values (1, 2 or 5 × 10ⁿ apart) between low and high. */
function ticks(low, high, count) {
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const values = [];
  for (let k = Math.ceil(low / step); k * step <= high + 1e-9; k++) values.push(Math.round(k * step * 1e9) / 1e9);
  return values;
}

export class Plot {
  constructor(svg) {
    this.svg = svg;
    this.range = [0, 1];
  }

  /** Start a fresh drawing with this y-range; returns false while the plot has no size (hidden). */
  begin([low, high]) {
    const box = this.svg.getBoundingClientRect();
    if (box.width < 10 || box.height < 10) return false;
    this.width = box.width;
    this.height = box.height;
    this.range = [low, high];
    this.svg.setAttribute("viewBox", `0 0 ${this.width} ${this.height}`);
    this.svg.replaceChildren();
    return true;
  }

  x(value) {
    return MARGIN.left + ((value - T_MIN) / (T_MAX - T_MIN)) * (this.width - MARGIN.left - MARGIN.right);
  }

  y(value) {
    const [low, high] = this.range;
    return MARGIN.top + ((high - value) / (high - low)) * (this.height - MARGIN.top - MARGIN.bottom);
  }

  /** Plot coordinates of a point given in pixels from the element's top-left corner. */
  invert(px, py) {
    const [low, high] = this.range;
    const x = T_MIN + ((px - MARGIN.left) / (this.width - MARGIN.left - MARGIN.right)) * (T_MAX - T_MIN);
    const y = high - ((py - MARGIN.top) / (this.height - MARGIN.top - MARGIN.bottom)) * (high - low);
    return { x, y };
  }

  /** Grid lines, the zero line, tick labels and the name of the horizontal axis. */
  axes(name) {
    const layer = svgElement("g", { class: "axes", "aria-hidden": "true" }, this.svg);
    const [low, high] = this.range;
    const bottom = this.height - MARGIN.bottom;
    const every = this.width < 520 ? 2 : 1;
    for (let v = T_MIN; v <= T_MAX; v += every) {
      svgElement("line", { class: "grid-line", x1: this.x(v), x2: this.x(v), y1: MARGIN.top, y2: bottom }, layer);
      svgElement("text", { class: "tick", x: this.x(v), y: bottom + 18, "text-anchor": "middle" }, layer)
        .textContent = fmt(v);
    }
    for (const v of ticks(low, high, this.height < 180 ? 3 : 4)) {
      svgElement("line", { class: v === 0 ? "zero-line" : "grid-line", x1: MARGIN.left, x2: this.width - MARGIN.right,
        y1: this.y(v), y2: this.y(v) }, layer);
      svgElement("text", { class: "tick", x: MARGIN.left - 8, y: this.y(v) + 5, "text-anchor": "end" }, layer)
        .textContent = fmt(v);
    }
    svgElement("text", { class: "axis-name", x: this.width - MARGIN.right + 8, y: bottom + 5 }, layer).textContent = name;
    return layer;
  }

  /** A polyline through (xs[k], ys[k]). */
  line(xs, ys, className) {
    const points = xs.map((x, k) => `${this.x(x).toFixed(1)},${this.y(ys[k]).toFixed(1)}`).join(" ");
    return svgElement("polyline", { class: className, points }, this.svg);
  }

  /** The region between a polyline and y = 0. */
  area(xs, ys, className) {
    const top = xs.map((x, k) => `${this.x(x).toFixed(1)},${this.y(ys[k]).toFixed(1)}`);
    const base = [`${this.x(xs[xs.length - 1]).toFixed(1)},${this.y(0)}`, `${this.x(xs[0]).toFixed(1)},${this.y(0)}`];
    return svgElement("polygon", { class: className, points: [...top, ...base].join(" ") }, this.svg);
  }

  /** A rectangle from x0 to x1 between y = 0 and y = value. */
  bar(x0, x1, value, className) {
    const top = Math.min(this.y(value), this.y(0));
    return svgElement("rect", { class: className, x: this.x(x0), width: this.x(x1) - this.x(x0),
      y: top, height: Math.abs(this.y(value) - this.y(0)) }, this.svg);
  }

  /** A step outline: a flat top of width `width` centred on each xs[k] at height ys[k], closed at y = 0. */
  stairs(xs, ys, width, className) {
    const parts = [`M${this.x(xs[0] - width / 2).toFixed(1)},${this.y(0).toFixed(1)}`];
    xs.forEach((x, k) => {
      parts.push(`V${this.y(ys[k]).toFixed(1)}`, `H${this.x(x + width / 2).toFixed(1)}`);
    });
    parts.push(`V${this.y(0).toFixed(1)}`);
    return svgElement("path", { class: className, d: parts.join(" ") }, this.svg);
  }

  /** A vertical line across the plot at x, with an optional label at its top. */
  vline(x, className, label = "") {
    const group = svgElement("g", { class: className }, this.svg);
    svgElement("line", { x1: this.x(x), x2: this.x(x), y1: MARGIN.top, y2: this.height - MARGIN.bottom }, group);
    if (label) this.text(x, null, label, "now-label", group);
    return group;
  }

  /** Text at plot position (x, y); y = null puts it just under the top edge. Kept inside the plot. */
  text(x, y, content, className, parent = this.svg, { anchor = "start", dx = 6, dy = 0 } = {}) {
    const px = this.x(x) + dx;
    const py = y === null ? MARGIN.top + 16
      : Math.min(this.height - MARGIN.bottom - 6, Math.max(MARGIN.top + 16, this.y(y) + dy));
    const element = svgElement("text", { class: className, x: px, y: py, "text-anchor": anchor }, parent);
    element.textContent = content;
    // Text that would run past the right edge goes on the other side of x instead.
    if (anchor === "start" && px + element.getComputedTextLength() > this.width - MARGIN.right) {
      element.setAttribute("x", String(px - 2 * dx));
      element.setAttribute("text-anchor", "end");
    }
    return element;
  }
}
