// The explorer for any model: an imported network's graph, each layer's maps as they scroll into view,
// the top classes, and the arithmetic of any cell of any layer, stepped through with the player.
import { ApiError, get, post, postFile } from "../../core/api.js";
import { argmax, sizeOf, unpack } from "../../core/arrays.js";
import { startExplorer } from "../../core/explorer.js";
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { errorText, problemLine } from "../../core/problem.js";
import { modeParams, readParams, writeParams } from "../../core/urlstate.js";
import { percent } from "../network/heads.js";
import { Pad } from "../network/pad.js";
import { bigMap, element } from "../network/parts.js";
import { renderCell } from "./cells.js";
import { hasMaps, renderGraph } from "./graph.js";
import { compact, randomInput, sampleBlob, samplesFor, webcamBlob } from "./inputs.js";
import { INPUT, shortName } from "./layout.js";
import { MapLoader } from "./loader.js";
import { bindClassNames } from "./names.js";
import { bindModelPicker } from "./picker.js";

const params = readParams();
const NAME = params.get("model");
const form = document.getElementById("settings");
const frame = document.getElementById("graph-frame");
const detail = document.getElementById("detail");
const transport = document.querySelector(".player");
const traced = new Set(frame.dataset.traced.split(" "));
const showProblem = problemLine();

let model = null; // GET /api/models/{name}: the graph without weights
let graph = null; // renderGraph's handle
let loader = null; // the MapLoader
let input = null; // the compact input every request sends
let inputValues = null; // the same, unpacked: the input card and its detail
// What the URL keeps: the sample, the picked layer and map, the step (a cell of that map).
const state = { selected: null, step: 0 };

const names = bindClassNames(NAME, () => asked && run(asked));
const { player, saveUrl, syncTransport } = startExplorer({
  state: () => state, write: writeState, onFrame: (step) => showDetail(step),
});

function writeState({ selected, step }, modes) {
  writeParams({
    model: NAME, sample: form.elements.sample.value,
    map: selected ? `${selected.map},${selected.layer}` : "", step: selected ? step : "",
    range: form.elements.range.value === "layer" ? "" : form.elements.range.value, ...modeParams(modes),
  });
}

// ---- the input ------------------------------------------------------------------------------------

const pad = new Pad(document.getElementById("pad"), (final) => {
  if (final && !pad.empty) pad.png().then((png) => run(() => fromImage(png, { digit: true })));
});

/** Show what the network was given and how it was prepared. */
function showPreparation(text, image = null) {
  const figure = document.getElementById("preprocessing");
  figure.hidden = false;
  const picture = document.getElementById("source-image");
  if (picture.src.startsWith("blob:")) URL.revokeObjectURL(picture.src);
  picture.hidden = !image;
  if (image) picture.src = URL.createObjectURL(image);
  document.getElementById("preprocessing-text").textContent = text;
}

async function fromImage(blob, { digit = false } = {}) {
  const query = `encoding=base64${digit ? "&normalize=digit" : ""}`;
  const answer = await postFile(`/api/models/${NAME}/forward?${query}`, blob);
  const { source, mean, std } = answer.normalization;
  const [, h, w] = model.input_shape;
  showPreparation(source === "digit" ? t("page.model.prep.digit") : t("page.model.prep.image", {
    h, w, mean: mean.map(fmt).join(", "), std: std.map(fmt).join(", "), source: t(`page.model.prep.source.${source}`),
  }), digit ? null : blob);
  return { input: answer.input, answer };
}

async function fromRandom() {
  const values = compact(randomInput(model.input_shape));
  const answer = await post(`/api/models/${NAME}/forward`, { input: values, encoding: "base64" });
  showPreparation(t("page.model.prep.random", { shape: model.input_shape.join("×") }));
  return { input: values, answer };
}

let running = 0; // the newest input; older answers are dropped
let asked = null; // how the input on show was made: asked again once the classes are named
async function run(make) {
  const ticket = ++running;
  asked = make;
  try {
    const { input: given, answer } = await make();
    if (ticket !== running) return;
    showProblem(null);
    input = given;
    inputValues = unpack(given);
    loader.setInput(given);
    if (answer.output) loader.keep(model.outputs[0], unpack(answer.output));
    graph.draw(INPUT, inputValues, form.elements.range.value);
    showTop(answer);
    if (state.selected) showDetail(player.step);
  } catch (error) {
    if (ticket === running) showProblem(errorText(error));
  }
}

function useSample(id) {
  const drawing = id === "draw";
  document.getElementById("pad").hidden = !drawing;
  if (drawing) {
    document.getElementById("preprocessing").hidden = false;
    if (pad.empty) document.getElementById("prediction").replaceChildren(element("span", "empty", t("page.empty")));
    return pad.empty ? null : pad.png().then((png) => run(() => fromImage(png, { digit: true })));
  }
  if (id === "random") return run(fromRandom);
  return run(async () => fromImage(await sampleBlob(id)));
}

// ---- the answer: top classes ---------------------------------------------------------------------

function showTop(answer) {
  const box = document.getElementById("prediction");
  box.replaceChildren();
  if (!answer.top) {
    box.append(element("span", "empty", t("page.model.output", { shape: unpack(answer.output).shape.join("×") })));
    return;
  }
  // the model's own scores beside their softmax, unless they already are probabilities
  const scored = answer.top.some(({ score, probability }) => score !== probability);
  const list = element("ol", scored ? "top-list scored" : "top-list");
  answer.top.forEach(({ index, score, probability, label }, rank) => {
    const item = element("li", rank === 0 ? "best" : "");
    item.append(element("span", "top-label", label ?? t("page.model.class", { index })),
      element("span", "top-chance", percent(probability)));
    if (scored) item.append(element("span", "top-score", fmt(score)));
    list.append(item);
  });
  box.append(element("span", "top-title", t("page.model.top")), list);
  if (scored) box.append(element("span", "top-note", t("page.model.top.softmax")));
  names.offer(sizeOf(model.layers.find((layer) => layer.name === model.outputs[0]).shape));
}

// ---- a picked map: its cells' arithmetic -----------------------------------------------------------

function showDetailPanel(shown) {
  detail.hidden = !shown;
  transport.hidden = !shown;
}

/** Cells the player walks for a layer: a map's (H·W) or, for a strip, every number. */
function stepsOf(layer) {
  return hasMaps(layer.shape) ? layer.shape[1] * layer.shape[2] : sizeOf(layer.shape);
}

/** The output index of step `step` of the picked map: [map, row, col], or a strip's number unravelled. */
function cellOf(layer, map, step) {
  if (hasMaps(layer.shape)) return [map, Math.floor(step / layer.shape[2]), step % layer.shape[2]];
  const cell = [];
  let rest = step;
  for (let axis = layer.shape.length - 1; axis >= 0; axis--) {
    cell.unshift(rest % layer.shape[axis]);
    rest = Math.floor(rest / layer.shape[axis]);
  }
  return cell;
}

/** Open map `map` of layer `name` at `cell` (a step), or at its strongest cell. */
async function pick(name, map, cell) {
  const layer = graph?.layers.get(name);
  if (!layer || map < 0 || map >= (hasMaps(layer.shape) ? layer.shape[0] : 1)) return;
  state.selected = { layer: name, map };
  graph.select(name, map);
  showDetailPanel(true);
  document.getElementById("detail-title").textContent = t(hasMaps(layer.shape) ? "page.model.detail.title"
    : "page.model.detail.title.strip", { type: layer.type, layer: shortName(name), index: map + 1 });
  document.getElementById("detail-hint").textContent = t(traced.has(layer.type) ? "page.detail.hint" : "page.model.detail.hint.plain");
  player.setCount(stepsOf(layer));
  let step = cell;
  if (step === null) {
    const { data } = await outputOf(name);
    step = argmax(hasMaps(layer.shape) ? data.subarray(map * stepsOf(layer), (map + 1) * stepsOf(layer)) : data);
  }
  player.go(step);
  bringIntoView(graph.cards.get(name));
}

/** Scroll the graph sideways so the card is in view (centred), leaving the page where it is. */
function bringIntoView(card) {
  const box = card.getBoundingClientRect();
  const view = frame.getBoundingClientRect();
  if (box.left < view.left || box.right > view.right) frame.scrollLeft += box.left - view.left - (view.width - box.width) / 2;
}

/** A layer's output, the input's included (it is not the loader's to fetch). */
function outputOf(name) {
  return name === INPUT ? Promise.resolve(inputValues) : loader.need(name);
}

let drawing = 0; // the newest detail; older answers are dropped
let shown = null; // what the detail shows: the player draws a frame again when it pauses
async function showDetail(step) {
  if (!state.selected || !input) return;
  const { layer: name, map } = state.selected;
  if (shown && shown.input === input && shown.layer === name && shown.map === map && shown.step === step) return;
  shown = { input, layer: name, map, step };
  const layer = graph.layers.get(name);
  const cell = cellOf(layer, map, step);
  const ticket = ++drawing;
  const body = element("div");
  const equation = element("div");
  const text = element("p", "detail-text");
  try {
    const output = await outputOf(name);
    if (hasMaps(layer.shape)) {
      body.append(bigMap({ shape: layer.shape, data: output.data }, map, cell.slice(1), (row, col) => {
        player.pause();
        player.go(row * layer.shape[2] + col);
      }));
    }
    body.append(text);
    const value = output.data[step + (hasMaps(layer.shape) ? map * stepsOf(layer) : 0)];
    if (name !== INPUT && traced.has(layer.type)) {
      const answer = await post(`/api/models/${NAME}/trace`, { input, layer: name, cell });
      if (ticket !== drawing) return;
      renderCell(answer, { body, equation, text });
    } else {
      text.textContent = t(name === INPUT ? "page.model.detail.input" : "page.model.detail.plain",
        { type: layer.type, cell: cell.join(", "), value: fmt(value) });
    }
  } catch (error) {
    if (ticket === drawing) {
      shown = null;
      showProblem(errorText(error));
    }
    return;
  }
  if (ticket !== drawing) return;
  document.getElementById("detail-body").replaceChildren(...body.childNodes);
  document.getElementById("equation").replaceChildren(...equation.childNodes);
  document.getElementById("live").textContent = `${text.textContent} ${document.getElementById("equation").textContent}`;
}

document.getElementById("detail-close").addEventListener("click", () => {
  state.selected = null;
  graph.select(null, null);
  showDetailPanel(false);
  saveUrl();
});

// ---- keys: Shift + ← → between layers, Shift + ↑ ↓ between maps -----------------------------------

document.addEventListener("keydown", (event) => {
  if (!event.shiftKey || !graph || ["INPUT", "SELECT", "TEXTAREA"].includes(event.target.tagName)) return;
  const order = graph.order;
  const at = state.selected ? order.indexOf(state.selected.layer) : -1;
  const move = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
  if (!move) return;
  event.preventDefault();
  event.stopImmediatePropagation(); // plain arrows step the player through the cells
  if (move[0]) {
    const next = order[Math.min(order.length - 1, Math.max(0, at + move[0]))];
    pick(next, 0, null);
  } else if (state.selected) {
    const layer = graph.layers.get(state.selected.layer);
    const maps = hasMaps(layer.shape) ? layer.shape[0] : 1;
    pick(state.selected.layer, (state.selected.map + move[1] + maps) % maps, player.step);
  }
}, { capture: true });

// ---- start ----------------------------------------------------------------------------------------

form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("change", (event) => {
  const field = event.target.name;
  if (field === "sample") {
    useSample(form.elements.sample.value);
    saveUrl();
  } else if (field === "photo" && form.elements.photo.files[0]) {
    const file = form.elements.photo.files[0];
    run(() => fromImage(file));
  } else if (field === "range") {
    for (const [name, output] of loader.loaded) graph.draw(name, output, form.elements.range.value);
    if (input) graph.draw(INPUT, inputValues, form.elements.range.value);
    saveUrl();
  }
});
document.getElementById("webcam").addEventListener("click", async () => {
  let picture;
  try {
    picture = await webcamBlob();
  } catch (error) { // no camera, or no permission: not the server's doing
    showProblem(t("page.model.webcam.failed", { detail: error.message }));
    return;
  }
  run(() => fromImage(picture));
});

function describe() {
  const counts = new Intl.NumberFormat(document.documentElement.lang);
  document.getElementById("model-summary").textContent = t("page.model.summary", {
    title: model.title ?? NAME.slice(0, 12), layers: model.layers.length, params: counts.format(model.parameters),
    macs: counts.format(model.multiply_adds), shape: model.input_shape.join("×"),
  });
}

async function start() {
  bindModelPicker(NAME).catch((error) => showProblem(errorText(error)));
  try {
    model = await get(`/api/models/${encodeURIComponent(NAME)}`);
  } catch (error) {
    showProblem(error instanceof ApiError && error.status === 404 ? t("page.model.missing") : errorText(error));
    return;
  }
  describe();
  graph = renderGraph(document.getElementById("graph"), model, (name, map, cell) => pick(name, map, cell));
  loader = new MapLoader({
    model, frame,
    onLayer: (name, output) => graph.draw(name, output, form.elements.range.value),
    onError: (error) => showProblem(errorText(error)),
  });
  for (const [name, card] of graph.cards) if (name !== INPUT) loader.observe(card);
  new ResizeObserver(() => graph.edges()).observe(document.getElementById("graph"));
  graph.edges();
  const samples = samplesFor(model.input_shape);
  form.elements.sample.replaceChildren(...samples.map((id) => new Option(t(`page.model.sample.${id}`), id)));
  const pictures = samples.some((id) => id.startsWith("photo"));
  form.elements.photo.closest("label").hidden = !pictures;
  document.getElementById("webcam").hidden = !pictures || !navigator.mediaDevices;
  if (params.get("range") === "map") form.elements.range.value = "map";
  const first = samples.includes(params.get("sample")) ? params.get("sample") : samples.find((id) => id !== "draw");
  form.elements.sample.value = first;
  await useSample(first);
  const [map, ...rest] = (params.get("map") ?? "").split(",");
  const name = rest.join(",");
  if (name && graph.layers.has(name)) {
    const step = Number(params.get("step"));
    await pick(name, Number(map), params.has("step") && Number.isInteger(step) ? step : null);
  }
}

showDetailPanel(false);
syncTransport();
start().catch((error) => showProblem(errorText(error)));
