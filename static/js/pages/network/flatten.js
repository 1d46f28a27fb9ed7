// Flatten's detail: which cell of which map goes to which position of the flat vector. Flatten
// moves numbers and computes none: both values shown are the API's (the map's and the vector's).
import { scaleFor } from "../../core/colormap.js";
import { span } from "../../core/equation.js";
import { fmt } from "../../core/format.js";
import { drawMap } from "../../core/heatmap.js";
import { t } from "../../core/i18n.js";
import { flatPosition, sourceShape } from "./geometry.js";
import { bigMap, cellMark, cellUnder, element } from "./parts.js";

/** The picked map's segment of the vector, zoomed: one run of W cells per map row, each labelled
 * with the position its first cell lands at. Clicking a cell picks it. */
function segmentZoom(flat, shape, map, cell, scale, onCell) {
  const [, h, w] = shape;
  const zoom = element("div", "flat-zoom");
  for (let r = 0; r < h; r++) {
    const start = flatPosition(shape, map, r * w).position;
    const run = element("figure", "flat-run");
    const holder = element("div", "flat-run-cells");
    const canvas = element("canvas");
    canvas.style.width = `calc(${w} * var(--flat-cell))`;
    drawMap(canvas, flat.data.subarray(start, start + w), 1, w, scale);
    canvas.addEventListener("click", (event) => onCell(r, cellUnder(canvas, event, 1, w)[1]));
    holder.append(canvas);
    if (r === cell[0]) holder.append(cellMark([0, cell[1]], 1, w));
    run.append(holder, element("figcaption", "", String(start)));
    run.setAttribute("aria-label", t("page.flatten.run", { row: r, first: start, last: start + w - 1 }));
    zoom.append(run);
  }
  return zoom;
}

/** The whole vector as one strip, the picked map's segment banded and the position marked;
 * clicking it picks a position. */
function wholeVector(flat, channels, { map, position }, scale, onPosition) {
  const n = flat.data.length;
  const figure = element("figure", "flat-whole");
  const holder = element("div", "flat-whole-strip");
  const canvas = element("canvas");
  drawMap(canvas, flat.data, 1, n, scale);
  canvas.addEventListener("click", (event) => onPosition(cellUnder(canvas, event, 1, n)[1]));
  const band = cellMark([0, map], 1, channels);
  band.className = "segment-band";
  holder.append(canvas, band, cellMark([0, position], 1, n));
  const ends = element("figcaption", "flat-ends");
  ends.append(element("span", "", "0"), element("span", "", t("page.flatten.whole", { n })), element("span", "", String(n - 1)));
  figure.append(holder, ends);
  return figure;
}

/** Fill `body` and `equation` for cell `step` of source map `map` of the flatten layer `index`. */
export function renderFlatten({ body, equation, layers, index, map, step, onCell, onPosition }) {
  const source = layers[index - 1];
  const flat = layers[index];
  const shape = sourceShape(layers, index);
  const [channels, h, w] = shape;
  const { position, row, col, size } = flatPosition(shape, map, step);
  const scale = scaleFor(flat.data); // one scale: the same number has the same colour in all three pictures
  body.append(element("p", "detail-text", t("page.detail.flatten", {
    source: source.name, c: channels, h, w, n: flat.data.length, size,
  })));
  const pictures = element("div", "flat-pictures");
  const from = element("figure", "flat-from");
  from.append(bigMap(source, map, [row, col], onCell, { scale }),
    element("figcaption", "", t("page.flatten.from", { source: source.name, index: map + 1, h, w })));
  const to = element("figure", "flat-to");
  to.append(segmentZoom(flat, shape, map, [row, col], scale, onCell),
    element("figcaption", "", t("page.flatten.to", { first: map * size, last: (map + 1) * size - 1 })));
  pictures.append(from, element("span", "flat-arrow", "→"), to);
  body.append(pictures, wholeVector(flat, channels, { map, position }, scale, onPosition));
  const line = element("div", "eq-line");
  line.dataset.testid = "flatten-equation";
  line.append(
    span("term", `${source.name}[${map}, ${row}, ${col}]`), span("op", " = "),
    span("partial", fmt(source.data[map * size + step])), span("op", "  →  "),
    span("term", `${flat.name}[${map}·${size} + ${row}·${w} + ${col}]`), span("op", " = "),
    span("term", `${flat.name}[${position}]`), span("op", " = "), span("result", fmt(flat.data[position])),
  );
  equation.append(line);
}
