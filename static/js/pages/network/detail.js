// A map's arithmetic: for one cell, how the layer computed it — asked of the API, never redone here.
import { post } from "../../core/api.js";
import { scaleFor } from "../../core/colormap.js";
import { fmt } from "../../core/format.js";
import { Grid } from "../../core/grid.js";
import { drawMap } from "../../core/heatmap.js";
import { t } from "../../core/i18n.js";
import { renderEquation } from "../../core/equation.js";

const TOP_TERMS = 8;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Nested lists of a C×H×W Float32Array. */
function nested(data, [c, h, w]) {
  return Array.from({ length: c }, (_, k) => Array.from({ length: h }, (_, r) =>
    Array.from(data.subarray(k * h * w + r * w, k * h * w + (r + 1) * w))));
}

/** The picked map, large, with the current cell marked; clicking a cell picks it. */
function bigMap(layer, map, cell, onCell) {
  const [, h, w] = layer.shape;
  const values = layer.data.subarray(map * h * w, (map + 1) * h * w);
  const canvas = element("canvas", "big-map");
  drawMap(canvas, values, h, w, scaleFor(values));
  const holder = element("div", "big-map-holder");
  const mark = element("div", "cell-mark");
  mark.style.left = `${(cell[1] / w) * 100}%`;
  mark.style.top = `${(cell[0] / h) * 100}%`;
  mark.style.width = `${100 / w}%`;
  mark.style.height = `${100 / h}%`;
  canvas.addEventListener("click", (event) => {
    const rect = canvas.getBoundingClientRect();
    onCell(Math.floor(((event.clientY - rect.top) / rect.height) * h),
           Math.floor(((event.clientX - rect.left) / rect.width) * w));
  });
  holder.append(canvas, mark);
  return holder;
}

/** One card per input channel: its window ⊙ its kernel slice = its partial sum (all from the trace). */
function channelCards(trace, step) {
  const cards = element("div", "channel-cards");
  trace.values[step].forEach((window, c) => {
    const card = element("figure", "channel-card");
    card.dataset.testid = `channel-${c}`;
    const caption = element("figcaption", "", t("equation.channel", { c: c + 1 }));
    const row = element("div", "channel-row");
    const windowGrid = new Grid(row, { label: `${t("equation.channel", { c: c + 1 })}: window` });
    windowGrid.setData(window);
    row.append(element("span", "op", "⊙"));
    const kernelGrid = new Grid(row, { label: `${t("equation.channel", { c: c + 1 })}: kernel` });
    kernelGrid.setData(trace.kernel[0][c]);
    row.append(element("span", "op", "="), element("strong", "partial", fmt(trace.channel_sums[step][c])));
    card.append(caption, row);
    cards.append(card);
  });
  return cards;
}

/** Steps a detail view has: one per cell of a map, one per class for bars. */
export function stepsOf(layer) {
  return layer.shape.length === 3 ? layer.shape[1] * layer.shape[2] : layer.shape[0];
}

/**
 * Fill `body` and `equation` for step `step` of map `map` in layer `index`.
 * layers: the columns (input first); weights: the model's layers with kernels, biases, settings.
 */
export async function renderDetail({ body, equation, layers, weights, classes, index, map, step, onCell }) {
  const layer = layers[index];
  const before = layers[index - 1];
  const spec = weights[index - 1]; // weights has no entry for the input column
  body.replaceChildren();
  equation.replaceChildren();
  if (layer.shape.length === 3) {
    const w = layer.shape[2];
    const cell = [Math.floor(step / w), step % w];
    body.append(bigMap(layer, map, cell, onCell));
    const text = element("p", "detail-text");
    body.append(text);
    if (layer.type === "conv2d") {
      const answer = await post("/api/convolve", {
        input: nested(before.data, before.shape), kernel: [spec.kernel[map]], bias: [spec.bias?.[map] ?? 0],
        stride: spec.settings.stride, padding: spec.settings.padding, dilation: spec.settings.dilation,
        padding_mode: spec.settings.padding_mode, mode: spec.settings.mode, trace: true,
      });
      text.textContent = t("page.detail.conv", { row: cell[0], col: cell[1], channels: before.shape[0] });
      body.append(channelCards(answer.trace, step));
      renderEquation(equation, answer.trace, step);
      equation.querySelectorAll(".eq-line.channel").forEach((line) => line.remove()); // the cards show them
    } else if (layer.type.endsWith("pool")) {
      const [, h, wIn] = before.shape;
      const plane = Array.from({ length: h }, (_, r) =>
        Array.from(before.data.subarray(map * h * wIn + r * wIn, map * h * wIn + (r + 1) * wIn)));
      const answer = await post("/api/pool", {
        input: plane, kind: spec.settings.kind, size: spec.settings.size, stride: spec.settings.stride,
        padding: spec.settings.padding, trace: true,
      });
      const k = Array.isArray(spec.settings.size) ? spec.settings.size[0] : spec.settings.size;
      text.textContent = t("page.detail.pool", { row: cell[0], col: cell[1], k });
      const values = answer.trace.values[step].flat().map(fmt).join(", ");
      equation.append(element("div", "eq-line", `max(${values}) = ${fmt(answer.trace.value[step])}`));
    } else {
      const x = before.data[map * before.shape[1] * before.shape[2] + step];
      const y = layer.data[map * layer.shape[1] * layer.shape[2] + step];
      text.textContent = t("page.detail.relu", { x: fmt(x), y: fmt(y) });
      equation.append(element("div", "eq-line", `relu(${fmt(x)}) = ${fmt(y)}`));
    }
    return;
  }
  if (layer.type === "dense") {
    // A dense layer over a flattened C×H×W input is a convolution whose kernel covers the whole
    // input: the weight row reshaped to C×H×W. The API's trace then lists every product.
    const source = layers[index - 2]; // the maps before flatten
    const [c, h, w] = source.shape;
    const row = spec.weight[step];
    const kernel = [nested(Float32Array.from(row), [c, h, w])];
    const answer = await post("/api/convolve", {
      input: nested(source.data, source.shape), kernel, bias: [spec.bias?.[step] ?? 0], trace: true,
    });
    const trace = answer.trace;
    const products = trace.products[0].flat(2);
    const values = trace.values[0].flat(2);
    const weightsFlat = trace.kernel[0].flat(2);
    const order = products.map((p, i) => i).sort((a, b) => Math.abs(products[b]) - Math.abs(products[a]));
    const top = order.slice(0, TOP_TERMS);
    const rest = products.length - TOP_TERMS;
    body.append(element("p", "detail-text", t("page.detail.dense", { label: classes[step], n: products.length })));
    const line = element("div", "eq-line");
    line.textContent = top.map((i) => `(${fmt(weightsFlat[i])}×${fmt(values[i])})`).join(" + ")
      + ` + ${t("page.detail.rest", { n: rest })} + ${fmt(trace.bias[0])} = ${fmt(trace.value[0])}`;
    equation.append(line);
    return;
  }
  // softmax: the logits (dense's output) and the probabilities (this layer's), both from the server
  const logits = before.data;
  body.append(element("p", "detail-text", t("page.detail.softmax")));
  const table = element("table", "softmax-table");
  const head = element("tr");
  head.append(element("th", "", ""), element("th", "", t("page.detail.logit")), element("th", "", t("page.detail.probability")));
  table.append(head);
  layer.data.forEach((p, k) => {
    const tr = element("tr", k === step ? "current" : "");
    tr.append(element("th", "", classes[k]), element("td", "", fmt(logits[k])), element("td", "", `${(p * 100).toFixed(2)}%`));
    table.append(tr);
  });
  body.append(table);
  equation.append(element("div", "eq-line",
    `p(${classes[step]}) = e^${fmt(logits[step])} / Σ e^z = ${(layer.data[step] * 100).toFixed(2)}%`));
}
