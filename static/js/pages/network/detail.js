// A picked map's arithmetic: for one cell, how the layer computed it — asked of the API, never redone
// here. Each layer type has its own view (geometry.js says which); a type without one is never picked.
import { post } from "../../core/api.js";
import { renderEquation, span, sumAsWritten } from "../../core/equation.js";
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { renderFlatten } from "./flatten.js";
import { sourceShape, viewOf } from "./geometry.js";
import { layerName } from "./names.js";
import { renderOutput } from "./output.js";
import { bigMap, channelCard, element } from "./parts.js";

const TOP_TERMS = 8;

/** Nested lists of a C×H×W Float32Array. */
function nested(data, [c, h, w]) {
  return Array.from({ length: c }, (_, k) => Array.from({ length: h }, (_, r) =>
    Array.from(data.subarray(k * h * w + r * w, k * h * w + (r + 1) * w))));
}

/** The bias as a term that says what it is: "bias −0.0138". */
function biasTerm(value) {
  return span("bias", `${t("page.detail.bias")} ${fmt(value)}`);
}

/** One card per input channel: its window ⊙ its kernel slice = its partial sum (all from the trace;
 * the sums hidden while predict mode asks for the total). */
function channelCards(trace, step, hideSums) {
  const cards = element("div", "channel-cards");
  trace.values[step].forEach((window, c) => cards.append(
    channelCard(c, window, trace.kernel[0][c], hideSums ? null : trace.channel_sums[step][c])));
  return cards;
}

async function conv({ body, equation, layers, weights, index, map, step, cell, ask }, text) {
  const before = layers[index - 1];
  const spec = weights[index - 1];
  const answer = await post("/api/convolve", {
    input: nested(before.data, before.shape), kernel: [spec.kernel[map]], bias: [spec.bias?.[map] ?? 0],
    stride: spec.settings.stride, padding: spec.settings.padding, dilation: spec.settings.dilation,
    padding_mode: spec.settings.padding_mode, mode: spec.settings.mode, trace: true,
  });
  const channels = before.shape[0];
  text.textContent = t(channels === 1 ? "page.detail.conv.one" : "page.detail.conv", { row: cell[0], col: cell[1], channels });
  const box = ask(answer.trace.value[step], sumAsWritten(answer.trace, step));
  body.append(channelCards(answer.trace, step, Boolean(box)));
  renderEquation(equation, answer.trace, step, { ask: box });
  equation.querySelectorAll(".eq-line.channel").forEach((line) => line.remove()); // the cards show them
  equation.querySelectorAll(".bias").forEach((term) => { term.textContent = `${t("page.detail.bias")} ${term.textContent}`; });
}

async function pool({ equation, layers, weights, index, map, step, cell, ask }, text) {
  const before = layers[index - 1];
  const spec = weights[index - 1];
  const [, h, w] = before.shape;
  const plane = Array.from({ length: h }, (_, r) =>
    Array.from(before.data.subarray(map * h * w + r * w, map * h * w + (r + 1) * w)));
  const answer = await post("/api/pool", {
    input: plane, kind: spec.settings.kind, size: spec.settings.size, stride: spec.settings.stride,
    padding: spec.settings.padding, trace: true,
  });
  const k = Array.isArray(spec.settings.size) ? spec.settings.size[0] : spec.settings.size;
  text.textContent = t("page.detail.pool", { row: cell[0], col: cell[1], k });
  const values = answer.trace.values[step].flat().map(fmt).join(", ");
  equation.append(resultLine(`max(${values})`, answer.trace.value[step], ask));
}

function relu({ equation, layers, index, map, step, ask }, text) {
  const [, h, w] = layers[index].shape;
  const x = layers[index - 1].data[map * h * w + step];
  const y = layers[index].data[map * h * w + step];
  const line = resultLine(`relu(${fmt(x)})`, y, ask);
  text.textContent = line.asking ? t("predict.live") : t("page.detail.relu", { x: fmt(x), y: fmt(y) });
  equation.append(line);
}

/** "call = value", or in predict mode "call = [answer box]" (.asking then says so). */
function resultLine(call, value, ask) {
  const box = ask(value);
  const line = element("div", "eq-line", `${call} = `);
  line.append(box ?? fmt(value));
  line.asking = Boolean(box);
  return line;
}

/** A map layer's view: the map large, its cell marked, then the layer's own arithmetic. */
const MAP_VIEWS = { conv, pool, relu };

async function mapView(view, context) {
  const { body, layers, index, map, step, onCell, asking } = context;
  const w = layers[index].shape[2];
  const cell = [Math.floor(step / w), step % w];
  body.append(bigMap(layers[index], map, cell, onCell, { hide: asking }));
  const text = element("p", "detail-text");
  body.append(text);
  await MAP_VIEWS[view]({ ...context, cell }, text);
}

async function dense({ body, equation, layers, weights, classes, index, step }) {
  // A dense layer over a flattened C×H×W input is a convolution whose kernel covers the whole
  // input: the weight row reshaped to C×H×W. The API's trace then lists every product.
  const flat = layers[index - 1];
  const source = viewOf(layers, index - 1) === "flatten"
    ? { shape: sourceShape(layers, index - 1), data: flat.data } // the same numbers, as the maps they were
    : { shape: [flat.shape[0], 1, 1], data: flat.data };
  const spec = weights[index - 1];
  const answer = await post("/api/convolve", {
    input: nested(source.data, source.shape), kernel: [nested(Float32Array.from(spec.weight[step]), source.shape)],
    bias: [spec.bias?.[step] ?? 0], trace: true,
  });
  const trace = answer.trace;
  const products = trace.products[0].flat(2);
  const values = trace.values[0].flat(2);
  const weightsFlat = trace.kernel[0].flat(2);
  const order = products.map((p, i) => i).sort((a, b) => Math.abs(products[b]) - Math.abs(products[a]));
  const top = order.slice(0, TOP_TERMS);
  body.append(element("p", "detail-text", t("page.detail.dense", { label: classes[step], n: products.length })));
  const line = element("div", "eq-line");
  top.forEach((i, n) => {
    if (n) line.append(span("op", " + "));
    line.append(span("term", `(${fmt(weightsFlat[i])}×${fmt(values[i])})`));
  });
  line.append(span("op", " + "), span("label", t("page.detail.rest", { n: products.length - TOP_TERMS })),
    span("op", " + "), biasTerm(trace.bias[0]), span("op", " = "), span("result", fmt(trace.value[0])));
  equation.append(line);
}

/** Which detail a layer type opens, as its title says it. */
export function titleOf(layers, index, map, classes) {
  const layer = layers[index];
  const view = viewOf(layers, index);
  if (view === "flatten") {
    const source = layerName(layers[index - 1]);
    return t("page.detail.flatten.title", { layer: layerName(layer), source, index: map + 1 });
  }
  if (view === "output") return t("page.detail.heads.title", { label: classes[map] });
  if (view === "dense") return t("page.detail.class", { layer: layerName(layer), label: classes[map] });
  return t("page.detail.title", { layer: layerName(layer), index: map + 1 });
}

/**
 * Fill `body` and `equation` for step `step` of map `map` in layer `index`. layers: the columns
 * (input first); weights: the model's layers with kernels, biases, settings; heads: the output's
 * sigmoid and sums. onCell(row, col) picks a cell of the map; onPosition(p) a position of flatten's vector.
 * Predict mode: asking says the cell's value is a question; ask(truth, asWritten) gives the answer box
 * that takes the value's place (null when not asking).
 */
export async function renderDetail(context) {
  const { body, equation, layers, index } = context;
  body.replaceChildren();
  equation.replaceChildren();
  const view = viewOf(layers, index);
  if (Object.hasOwn(MAP_VIEWS, view)) await mapView(view, context);
  else if (view === "flatten") renderFlatten(context);
  else if (view === "dense") await dense(context);
  else if (view === "output") renderOutput(context);
}
