// The activation page: function + feature map -> POST /api/activate -> curve, maps, formula; softmax below.
import { latest } from "../../core/api.js";
import { startExplorer } from "../../core/explorer.js";
import { fmt } from "../../core/format.js";
import { fitWidth } from "../../core/fit-width.js";
import { t } from "../../core/i18n.js";
import { typingInto } from "../../core/keyboard.js";
import { errorText, problemLine } from "../../core/problem.js";
import { Curve, rangeFor, sampleXs } from "./curve.js";
import { bindContinue } from "./continue.js";
import { renderFormula, shortName } from "./formula.js";
import { FeatureMaps } from "./maps.js";
import { SoftmaxScreen } from "./softmax-screen.js";
import { SoftmaxView } from "./softmax.js";
import {
  EXAMPLE_MAP, FUNCTIONS, LIMITS, randomMap, readState, requestBody, resize, takesAlpha,
  withAlpha, withFunction, writeState,
} from "./state.js";

const GLIDE = 0.3; // the dot rests on a cell for the first 70 % of a step, then glides along the curve
const activateCurve = latest("/api/activate");
const activateMap = latest("/api/activate");
const activateLogits = latest("/api/activate");
const form = document.getElementById("settings");
form.addEventListener("submit", (event) => event.preventDefault()); // Enter in a field must not reload the page
const showProblem = problemLine();
const live = document.getElementById("live");
const valueLine = document.getElementById("value");
const formula = document.getElementById("formula");
let shownFormula = null; // [fn, values] of the formula on show (showFormula)
let fittedWidth = 0; // the width of the readout it was fitted to
const continueButton = bindContinue(document.getElementById("continue"));

let state = readState();
let result = null; // {fn, alpha, xs, ys, input, output}: one consistent answer
let hoverCell = null; // a map cell under the pointer (or focused) overrides the player's step
let hoverSample = null; // a point of the curve under the pointer overrides both
let shownKey = null; // what the value line and formula show now, so frames do not rebuild them

const curve = new Curve(document.getElementById("curve"));
const { player, predictor, saveUrl, syncTransport } = startExplorer({
  state: () => state, write: writeState, predict: true, count: cellCount(),
  onFrame: (step, fraction) => show(step, fraction),
  continuous: true, // the dot glides along the curve between cells
  screens: new SoftmaxScreen(document.getElementById("softmax")),
});
const softmax = new SoftmaxView(document.getElementById("softmax"), {
  onEdit: (logits) => { state.logits = logits; refreshSoftmax(); },
});

function cellCount() {
  return state.map.length * state.map[0].length;
}

function cellOf(index) {
  const cols = result.input[0].length;
  return [Math.floor(index / cols), index % cols];
}


// ---- settings ----------------------------------------------------------------------------------

function fillForm() {
  for (const radio of form.querySelectorAll('input[name="function"]')) radio.checked = radio.value === state.fn;
  const alpha = form.elements.alpha;
  document.getElementById("alpha-field").hidden = !takesAlpha(state.fn);
  if (takesAlpha(state.fn)) {
    if (document.activeElement !== alpha) alpha.value = String(state.alpha);
    document.getElementById("alpha-hint").textContent = t(`page.alpha.hint.${state.fn}`);
  }
  form.elements.rows.value = String(state.map.length);
  form.elements.cols.value = String(state.map[0].length);
  for (const note of document.querySelectorAll("[data-fn]")) note.classList.toggle("current", note.dataset.fn === state.fn);
}

function setFunction(fn) {
  if (fn === state.fn) return;
  state = withFunction(state, fn);
  fillForm();
  refresh();
}

function side(name, fallback) {
  const value = Number(form.elements[name].value);
  return Number.isInteger(value) ? Math.min(LIMITS.side, Math.max(1, value)) : fallback;
}

form.addEventListener("change", (event) => {
  const { name } = event.target;
  if (name === "function") return setFunction(event.target.value);
  if (name === "alpha") state = withAlpha(state, Number(event.target.value.replace("−", "-")));
  if (name === "rows" || name === "cols") {
    state.map = resize(state.map, side("rows", state.map.length), side("cols", state.map[0].length));
  }
  fillForm();
  refresh();
});
form.elements.alpha.addEventListener("input", (event) => {
  const next = withAlpha(state, Number(event.target.value.replace("−", "-")));
  if (next !== state) { state = next; refresh(); }
});
document.getElementById("random-map").addEventListener("click", () => {
  state.map = randomMap(state.map.length, state.map[0].length);
  refresh();
});
document.getElementById("reset-map").addEventListener("click", () => {
  state.map = EXAMPLE_MAP.map((row) => [...row]);
  fillForm();
  refresh();
});

// ---- asking the server -------------------------------------------------------------------------

async function refresh() {
  saveUrl();
  const sent = { fn: state.fn, alpha: state.alpha, input: state.map.map((row) => [...row]) };
  const xs = sampleXs(rangeFor(sent.input.flat()));
  try {
    const [line, map] = await Promise.all([
      activateCurve(requestBody(xs, sent.fn, sent.alpha)),
      activateMap(requestBody(sent.input, sent.fn, sent.alpha)),
    ]);
    showProblem(null);
    result = { ...sent, xs, ys: line.output, output: map.output };
    render();
    continueButton.offer(result.output);
  } catch (error) {
    if (error.name === "AbortError") return;
    showProblem(errorText(error));
    continueButton.stale();
  }
}

async function refreshSoftmax() {
  saveUrl();
  const logits = [...state.logits];
  softmax.setLogits(logits);
  document.getElementById("logit-add").disabled = logits.length >= LIMITS.logitsMax;
  document.getElementById("logit-remove").disabled = logits.length <= LIMITS.logitsMin;
  try {
    const answer = await activateLogits({ input: logits, function: "softmax", trace: true });
    showProblem(null);
    softmax.setResult(logits, answer.output, answer.trace);
  } catch (error) {
    if (error.name === "AbortError") return;
    showProblem(errorText(error));
  }
}

function changeLogits(change) {
  state.logits = change(state.logits);
  refreshSoftmax();
}

document.getElementById("logit-add").addEventListener("click", () => changeLogits((z) => [...z, 0]));
document.getElementById("logit-remove").addEventListener("click", () => changeLogits((z) => z.slice(0, -1)));
// Adding the same number to every logit is the user's edit (the inputs change); the API's answer shows p stays.
document.getElementById("logit-down").addEventListener("click", () => changeLogits((z) => z.map((v) => v - 1)));
document.getElementById("logit-up").addEventListener("click", () => changeLogits((z) => z.map((v) => v + 1)));

// ---- the maps ----------------------------------------------------------------------------------

function indexOf(r, c) {
  return r * result.input[0].length + c;
}

const maps = new FeatureMaps({
  onEdit: (row, col, value) => { state.map[row][col] = value; refresh(); },
  onPoint: (r, c) => {
    if (!result || predictor.on) return; // in predict mode the question stays the player's step
    hoverCell = r === null ? null : indexOf(r, c);
    show(player.step);
  },
  onPick: (r, c) => {
    if (!result) return;
    player.pause();
    player.go(indexOf(r, c));
  },
});

function render() {
  const { input, output, fn } = result;
  predictor.setNumbers(JSON.stringify([fn, result.alpha, input, output]));
  maps.render(input, output, shortName(fn));
  document.getElementById("map-op").textContent = shortName(fn);
  document.getElementById("after-caption").textContent = t("page.map.after.fn", { fn: shortName(fn) });
  document.getElementById("curve-caption").textContent = t("page.curve.caption", { fn: t(`page.fn.${fn}`) });
  curve.setData({
    xs: result.xs, ys: result.ys, label: `${shortName(fn)}(x)`,
    cells: input.flatMap((line, r) => line.map((x, c) => [x, output[r][c]])),
  });
  player.setCount(input.length * input[0].length);
  shownKey = null;
  show(player.step);
}

// ---- one step on screen ------------------------------------------------------------------------

function show(step, fraction = 0) {
  if (!result) return;
  const count = result.input.length * result.input[0].length;
  if (hoverSample !== null) return showSample(hoverSample);
  const index = Math.min(hoverCell ?? step, count - 1);
  const [r, c] = cellOf(index);
  const x = result.input[r][c];
  const y = result.output[r][c];
  const asking = predictor.asks(index); // predict mode: the student types this cell's value
  const later = [];
  for (let i = index + 1; i < count; i++) later.push(cellOf(i));
  maps.mark(r, c, later, asking);
  // Between steps the dot slides along the curve towards the next cell (drawing only; the numbers stay).
  const glide = hoverCell === null ? Math.max(0, (fraction - (1 - GLIDE)) / GLIDE) : 0;
  const eased = glide * glide * (3 - 2 * glide);
  const [nr, nc] = cellOf((index + 1) % count);
  const drawX = x + (result.input[nr][nc] - x) * eased;
  const yText = asking ? "?" : fmt(y);
  curve.trace({ x: drawX, y: eased ? curve.yAt(drawX) : y, xText: fmt(x), yText, moving: eased > 0 });
  const key = `${index}:${x}:${y}:${predictor.version}`;
  if (key === shownKey) return;
  shownKey = key;
  const ask = asking ? predictor.field(index, y) : null;
  const sentence = writeValue(t("page.value.cell", { row: r, col: c }), x, y, ask);
  document.getElementById("explain-step").textContent = asking ? t("predict.live") : t("page.explain.step", {
    row: r, col: c, x: fmt(x), equation: sentence, fn: t(`page.fn.${result.fn}`),
  });
  if (hoverCell === null) {
    live.textContent = asking ? t("predict.live") : t("page.live.cell", { row: r, col: c, equation: sentence });
  }
}

/** A point of the curve itself: the pointer's nearest sample, as the API computed it. */
function showSample(i) {
  const x = result.xs[i];
  const y = result.ys[i];
  maps.mark(null);
  curve.trace({ x, y, xText: fmt(x), yText: fmt(y), moving: false });
  const key = `sample:${i}`;
  if (key === shownKey) return;
  shownKey = key;
  writeValue(t("page.value.curve"), x, y);
}

/** The value line ("ReLU(−3) = 0", large) and the formula with x written in; returns the plain sentence.
 * ask: predict mode's answer box, in y's place (the formula then stops before y). */
function writeValue(where, x, y, ask = null) {
  const sentence = `${shortName(result.fn)}(${fmt(x)}) = ${fmt(y)}`;
  const place = document.createElement("span");
  place.className = "where";
  place.textContent = where;
  const callText = document.createElement("span");
  callText.className = "call";
  callText.textContent = `${shortName(result.fn)}(${fmt(x)})`;
  const out = document.createElement("span");
  out.className = "result";
  out.textContent = fmt(y);
  valueLine.replaceChildren(place, callText, " = ", ask ?? out);
  showFormula(result.fn, { x, y: ask ? null : y, alpha: result.alpha });
  return sentence;
}

// The formula's end, the answer, is never hidden past the readout's edge: its type shrinks a little;
// where that is not enough, GELU's note on Φ takes a line of its own, and where the two lines stand
// side by side (a short screen) and still do not fit, the line with x written in stands alone.
// The column's width can change after (the maps beside it widen for long numbers): it is fitted again.

function showFormula(fn, values) {
  shownFormula = [fn, values];
  const smallest = smallestFormula(formula);
  renderFormula(formula, fn, values);
  fittedWidth = formula.parentElement.clientWidth;
  if (fitWidth(formula, smallest) >= 0.75) return;
  renderFormula(formula, fn, { ...values, apart: true });
  const needed = fitWidth(formula, smallest);
  const sideBySide = getComputedStyle(formula.querySelector(".lines")).flexDirection === "row";
  if (sideBySide && needed < smallest) {
    renderFormula(formula, fn, { ...values, apart: true, definition: false });
    fitWidth(formula, smallest);
  }
}

new ResizeObserver(() => {
  if (shownFormula && formula.parentElement.clientWidth !== fittedWidth) showFormula(...shownFormula);
}).observe(formula.parentElement);

/** The share of the formula's size it may shrink to: 0.6, and never below the legibility floor. */
function smallestFormula(formula) {
  formula.style.fontSize = "";
  const style = getComputedStyle(formula);
  return Math.min(1, Math.max(0.6, parseFloat(style.getPropertyValue("--legible")) / parseFloat(style.fontSize)));
}

const svg = document.getElementById("curve");
svg.addEventListener("pointermove", (event) => {
  if (predictor.on) return; // the value line holds the question
  const i = curve.sampleAt(event.clientX);
  if (i === hoverSample) return;
  hoverSample = i;
  show(player.step);
});
svg.addEventListener("pointerleave", () => { hoverSample = null; show(player.step); });
new ResizeObserver(() => curve.draw()).observe(svg);

// ---- keys 1–6 choose the function (listed in the help dialog) -----------------------------------

function addShortcutHelp() {
  const list = document.querySelector("#help .shortcuts");
  const term = document.createElement("dt");
  const keys = [document.createElement("kbd"), document.createElement("kbd")];
  keys[0].textContent = "1";
  keys[1].textContent = String(FUNCTIONS.length);
  term.append(keys[0], " … ", keys[1]);
  const description = document.createElement("dd");
  description.textContent = t("page.key.functions");
  list.append(term, description);
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (typingInto(event.target)) return;
  const fn = FUNCTIONS[Number(event.key) - 1];
  if (fn) {
    event.preventDefault();
    setFunction(fn);
  }
});

// ---- start -------------------------------------------------------------------------------------

addShortcutHelp();
fillForm();
syncTransport();
refresh();
refreshSoftmax();
