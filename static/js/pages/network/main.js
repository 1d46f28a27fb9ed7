// The network page: a drawn (or sample, or uploaded) digit -> the shipped CNN's forward pass ->
// every layer as a column of maps; a picked map opens its arithmetic, cell by cell.
import { get, post, postFile } from "../../core/api.js";
import { argmax, rowsOf, unpack } from "../../core/arrays.js";
import { startExplorer } from "../../core/explorer.js";
import { t } from "../../core/i18n.js";
import { errorText, problemLine } from "../../core/problem.js";
import { modeParams, readParams, writeParams } from "../../core/urlstate.js";
import { renderColumns } from "./columns.js";
import { renderDetail, titleOf } from "./detail.js";
import { canPick, cellAt, mapShapeOf, stepsOf, viewOf, walksCells } from "./geometry.js";
import { askHeads, percent } from "./heads.js";
import { bindModelPicker } from "../model/picker.js";
import { Pad } from "./pad.js";

const MODEL = "mnist_cnn";
const SIDE = 28;
// The held-out digit the page opens on when its URL names none: a 5 the network gets right (98.5 %)
// with a runner-up (a 3) to show, so softmax and sigmoid differ visibly from the first moment.
const OPENING_SAMPLE = 21;
const form = document.getElementById("settings");
const network = document.getElementById("network");
const detail = document.getElementById("detail");
const transport = document.querySelector(".player");

let model = null; // GET /api/models/<name>: layers with weights, classes, samples, card
let base = null; // the 28×28 digit the server prepared (before any shift)
let columns = null; // the input and every layer's output
let passes = 0; // forward passes shown so far: predict mode's questions are about the newest
let heads = null; // the output's sigmoid and both heads' sums (heads.js), for the same forward pass
// What the URL keeps besides the digit: shift [dx, dy] in pixels, the picked map {layer, map}, the step.
const state = { shift: [0, 0], selected: null, step: 0 };
let busy = false; // one forward pass in flight at a time; `again` asks for one more after it
let again = null;

const params = readParams();
const { player, predictor, saveUrl, syncTransport } = startExplorer({
  state: () => state, write: writeState, predict: true, onFrame: (step) => showDetail(step),
});
const showProblem = problemLine();
const pad = new Pad(document.getElementById("pad"), (final) => {
  form.elements.sample.value = "";
  state.shift = [0, 0];
  if (pad.empty) clearAll();
  else request(() => pad.png().then((png) => forwardImage(png)), final);
});

/** A picked map's arithmetic, and the player that steps through its cells, show only while one is picked. */
function showDetailPanel(shown) {
  detail.hidden = !shown;
  transport.hidden = !shown;
}

// ---- asking the server, at most one request at a time --------------------------------------------

async function request(make) {
  if (busy) {
    again = make;
    return;
  }
  busy = true;
  try {
    const answer = await make();
    const next = columnsOf(answer);
    const outputs = viewOf(next, next.length - 1) === "output" ? await askHeads(next[next.length - 2].data) : null;
    showProblem(null);
    show(answer, next, outputs);
  } catch (error) {
    showProblem(errorText(error));
  } finally {
    busy = false;
    if (again) {
      const next = again;
      again = null;
      request(next);
    }
  }
}

async function forwardImage(file) {
  const answer = await postFile(`/api/models/${MODEL}/forward?encoding=base64`, file);
  base = rowsOf(answer.input);
  return answer;
}

function forwardArray(digit) {
  return post(`/api/models/${MODEL}/forward`, { input: digit, encoding: "base64" });
}

/** The prepared digit moved by `state.shift` (pixels pushed off an edge are gone, new ones are blank). */
function shifted() {
  const [dx, dy] = state.shift;
  return Array.from({ length: SIDE }, (_, r) => Array.from({ length: SIDE }, (_, c) =>
    base[r - dy]?.[c - dx] ?? 0));
}

// ---- drawing the answer -------------------------------------------------------------------------

/** The input and every layer's output, as the columns draw them. */
function columnsOf(answer) {
  const input = { name: "input", type: "input", shape: [1, SIDE, SIDE], parameters: 0, multiply_adds: 0,
                  data: unpack(answer.input).data };
  return [input, ...answer.layers.map((layer) => ({ ...layer, data: unpack(layer.output).data }))];
}

function drawColumns() {
  renderColumns(network, columns, {
    classes: model.classes, range: form.elements.range.value, selected: state.selected, heads, onPick: pick,
  });
}

function show(answer, next, outputs) {
  columns = next;
  passes++;
  heads = outputs;
  drawColumns();
  if (pad.empty) pad.showDigit(rowsOf(answer.input)); // what the network sees, where a lecturer draws
  const probabilities = columns[columns.length - 1].data;
  const best = answer.prediction;
  const prediction = document.getElementById("prediction");
  prediction.replaceChildren();
  const value = document.createElement("strong");
  value.dataset.testid = "prediction";
  value.textContent = t("page.prediction.value", { label: answer.label });
  const sure = document.createElement("span");
  sure.textContent = t("page.prediction.confidence", { percent: percent(probabilities[best]) });
  prediction.append(value, sure, ...answer.warnings.map(warning));
  const [dx, dy] = state.shift;
  document.getElementById("shift-value").textContent = t("page.shift.value", { dx, dy });
  if (state.selected) {
    player.setCount(stepsOf(columns, state.selected.layer));
    showDetail(player.step);
  }
  saveUrl();
}

/** A warning the server gives with its answer, in the page's language (the server words it in English). */
function warning({ code }) {
  const note = document.createElement("span");
  note.className = "warning";
  note.setAttribute("role", "note");
  note.textContent = code === "blank_input" ? t("page.warning.blank") : t("page.warning.range");
  return note;
}

function clearAll() {
  base = null;
  columns = null;
  heads = null;
  pad.showDigit(null);
  state.selected = null; // a new digit starts without a picked map
  network.replaceChildren();
  showDetailPanel(false);
  document.getElementById("shift-value").textContent = "";
  const prediction = document.getElementById("prediction");
  const empty = document.createElement("span");
  empty.className = "empty";
  empty.textContent = t("page.empty");
  prediction.replaceChildren(empty);
  saveUrl();
}

// ---- a map's arithmetic --------------------------------------------------------------------------

/** Open the detail of `map` in column `layer` (a URL may name anything: what has no detail is ignored). */
function pick(layer, map) {
  if (!columns || !canPick(columns, layer, map)) return;
  state.selected = { layer, map };
  showDetailPanel(true);
  document.getElementById("detail-title").textContent = titleOf(columns, layer, map, model.classes);
  const cells = walksCells(columns, layer);
  document.getElementById("detail-hint").textContent = t(cells ? "page.detail.hint" : "page.detail.hint.class");
  player.setCount(stepsOf(columns, layer));
  // Bars pick a class (the step); a map starts at its strongest cell.
  player.go(cells ? strongest(layer, map) : map);
  network.querySelectorAll(".map").forEach((button) => button.setAttribute("aria-pressed",
    String(button.dataset.testid === `map-${columns[layer].name}-${map}`)));
  detail.scrollIntoView({ block: "nearest" });
}

/** The cell of the picked map with the largest value (flatten: of the map it lays out). */
function strongest(layer, map) {
  const [, h, w] = mapShapeOf(columns, layer);
  return argmax(columns[layer].data.subarray(map * h * w, (map + 1) * h * w));
}

/** A position of flatten's vector, clicked: its map and cell. */
function pickPosition(position) {
  const { layer } = state.selected;
  const { map, step } = cellAt(mapShapeOf(columns, layer), position);
  if (map !== state.selected.map) pick(layer, map);
  player.pause();
  player.go(step);
}

let drawing = 0; // the newest detail request; older answers are dropped
async function showDetail(step) {
  if (!state.selected || !columns) return;
  const { layer, map } = state.selected;
  // A cell's value is a question in predict mode where it can be worked out from what is shown: not
  // a dense layer's (784 products, 8 of them shown), nor flatten's (a copy) or the output's.
  const questions = walksCells(columns, layer) && viewOf(columns, layer) !== "flatten";
  predictor.setNumbers(`${passes}:${layer}:${map}`, { questions });
  const asking = predictor.asks(step);
  const ticket = ++drawing;
  const body = document.createElement("div");
  const equation = document.createElement("div");
  try {
    await renderDetail({
      body, equation, layers: columns, weights: model.layers, classes: model.classes, heads,
      index: layer, map, step, asking, ask: (...values) => (asking ? predictor.field(step, ...values) : null),
      onCell: (row, col) => { player.pause(); player.go(row * mapShapeOf(columns, state.selected.layer)[2] + col); },
      onPosition: pickPosition,
    });
  } catch (error) {
    showProblem(errorText(error));
    return;
  }
  if (ticket !== drawing) return;
  document.getElementById("detail-body").replaceChildren(...body.childNodes);
  document.getElementById("equation").replaceChildren(...equation.childNodes);
  predictor.refocus(); // the answer box is in the page now
  document.getElementById("live").textContent = asking ? t("predict.live") : document.getElementById("equation").textContent;
}

document.getElementById("detail-close").addEventListener("click", () => {
  state.selected = null;
  showDetailPanel(false);
  network.querySelectorAll(".map").forEach((button) => button.setAttribute("aria-pressed", "false"));
  saveUrl();
});

// ---- inputs: pad buttons, samples, upload, shifts, colour range ---------------------------------

document.getElementById("undo").addEventListener("click", () => pad.undo());
document.getElementById("clear").addEventListener("click", () => pad.clear());
form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("change", (event) => {
  const name = event.target.name;
  if (name === "range" && columns) {
    drawColumns();
    saveUrl();
  } else if (name === "sample" && form.elements.sample.value !== "") {
    useSample(Number(form.elements.sample.value));
  } else if (name === "upload" && form.elements.upload.files[0]) {
    pad.strokes = [];
    pad.redraw();
    state.shift = [0, 0];
    request(() => forwardImage(form.elements.upload.files[0]));
  }
});

function useSample(index) {
  const sample = model.samples[index];
  pad.strokes = [];
  pad.redraw();
  base = sample.input;
  state.shift = [0, 0];
  request(() => forwardArray(shifted()));
}

document.addEventListener("keydown", (event) => {
  if (!event.shiftKey || !base || event.target.tagName === "INPUT" || event.target.tagName === "SELECT") return;
  const move = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
  if (!move) return;
  event.preventDefault();
  event.stopImmediatePropagation(); // Shift + arrow moves the digit; plain arrows step the player
  state.shift = [state.shift[0] + move[0], state.shift[1] + move[1]];
  request(() => forwardArray(shifted()));
}, { capture: true });

// ---- URL state: the digit itself (base-36 levels), shift, picked map, step, range -----------------

function encodeDigit(digit) {
  return digit.flat().map((v) => Math.round(Math.min(1, Math.max(0, v)) * 35).toString(36)).join("");
}

function decodeDigit(text) {
  if (!/^[0-9a-z]{784}$/.test(text ?? "")) return null;
  const levels = [...text].map((ch) => parseInt(ch, 36) / 35);
  return Array.from({ length: SIDE }, (_, r) => levels.slice(r * SIDE, (r + 1) * SIDE));
}

function writeState({ shift, selected, step }, modes) {
  writeParams({
    sample: form.elements.sample.value,
    digit: base && form.elements.sample.value === "" ? encodeDigit(base) : "",
    shift: shift[0] || shift[1] ? shift.join(",") : "",
    map: selected ? `${selected.layer},${selected.map}` : "",
    step: selected ? step : "",
    range: form.elements.range.value === "layer" ? "" : form.elements.range.value,
    ...modeParams(modes),
  });
}

// ---- start --------------------------------------------------------------------------------------

function sharing() {
  const ratio = model.dense_equivalent_parameters / model.parameters;
  document.getElementById("sharing-text").textContent = t("page.sharing.text", {
    cnn: model.parameters.toLocaleString("en-US"),
    dense: model.dense_equivalent_parameters.toLocaleString("en-US"),
    ratio: Math.round(ratio).toLocaleString("en-US"),
  });
  const card = model.card;
  document.getElementById("card-line").textContent = t("page.card", {
    epochs: card.epochs, train: card.split?.train ?? "?", heldout: card.split?.heldout ?? "?",
    accuracy: `${((card.heldout_accuracy ?? 0) * 100).toFixed(2)}%`,
  });
}

async function start() {
  bindModelPicker(MODEL).catch((error) => showProblem(errorText(error)));
  model = await get(`/api/models/${MODEL}`);
  sharing();
  model.samples.forEach((sample, i) => {
    const option = document.createElement("option");
    option.value = String(i);
    option.textContent = t("page.sample.option", { label: sample.label, n: i + 1 });
    form.elements.sample.append(option);
  });
  if (["map", "global"].includes(params.get("range"))) form.elements.range.value = params.get("range");
  const [dx, dy] = (params.get("shift") ?? "0,0").split(",").map(Number);
  const sampleIndex = params.get("sample");
  const digit = decodeDigit(params.get("digit"));
  if (sampleIndex !== null && model.samples[Number(sampleIndex)]) {
    form.elements.sample.value = sampleIndex;
    base = model.samples[Number(sampleIndex)].input;
  } else if (digit) {
    base = digit;
  } else {
    form.elements.sample.value = String(OPENING_SAMPLE); // no empty page: a held-out digit is already flowing
    base = model.samples[OPENING_SAMPLE].input;
  }
  state.shift = [Number.isInteger(dx) ? dx : 0, Number.isInteger(dy) ? dy : 0];
  await request(() => forwardArray(shifted()));
  const [layer, map] = (params.get("map") ?? "").split(",").map(Number);
  if (columns && canPick(columns, layer, map)) {
    pick(layer, map);
    const step = Number(params.get("step"));
    if (params.has("step") && Number.isInteger(step)) player.go(step);
  }
}

showDetailPanel(false);
syncTransport();
start().catch((error) => showProblem(errorText(error)));
