// The pooling page: settings -> POST /api/pool (with a trace) -> grids, equation, formula.
import { latest } from "../../core/api.js";
import { renderLegend, scaleFor } from "../../core/colormap.js";
import { bindCopyButton } from "../../core/copy-code.js";
import { startExplorer } from "../../core/explorer.js";
import { fmt } from "../../core/format.js";
import { Grid } from "../../core/grid.js";
import { t } from "../../core/i18n.js";
import { fitCells, panelGrids } from "../../core/panels.js";
import { errorText, problemLine } from "../../core/problem.js";
import { renderEquation } from "./equation.js";
import { renderFormula } from "./formula.js";
import { fitNumbers } from "./cell-text.js";
import { EXAMPLES, exampleOf, randomMatrix, shifted } from "./presets.js";
import { pytorchCode } from "./pytorch.js";
import { LIMITS, readState, requestBody, resize, strideOf, writeState } from "./state.js";

const pool = latest("/api/pool");
const form = document.getElementById("settings");
const equation = document.getElementById("equation");
const grids = document.querySelector(".grids");
const live = document.getElementById("live");
const showProblem = problemLine({ framing: "page.error.impossible", stale: [grids, equation] });

let state = readState();
let result = null; // the last answer: {output, shape, trace}
let hoverStep = null; // an output cell under the pointer overrides the player's step
let shown = null; // the step on screen (and predict mode's state): the player calls show() every frame, but a step is drawn once
let example = exampleOf(state); // what the Example menu shows: the one picked, until the input or a setting changes
const views = { inputs: [], outputs: [] };

const { player, predictor, saveUrl, syncTransport, setSteps } = startExplorer({
  state: () => state, write: writeState, predict: true, onFrame: (step) => show(step),
});

// ---- settings form <-> state -------------------------------------------------------------------

function fillForm() {
  const stride = strideOf(state);
  const values = {
    inH: state.input[0].length, inW: state.input[0][0].length, channels: state.input.length,
    kH: state.size[0], kW: state.size[1], sH: stride[0], sW: stride[1], pH: state.padding[0], pW: state.padding[1],
  };
  for (const [name, value] of Object.entries(values)) form.elements[name].value = String(value);
  form.elements.strideSame.checked = state.stride === null;
  form.elements.sH.disabled = form.elements.sW.disabled = state.stride === null;
  for (const radio of form.querySelectorAll('input[name="kind"]')) radio.checked = radio.value === state.kind;
  form.elements.example.value = example;
  document.getElementById("reroll").hidden = example !== "random";
  document.getElementById("pytorch-code").textContent = pytorchCode(state);
}

function integer(name, low, high, fallback) {
  const value = Number(form.elements[name].value);
  return Number.isInteger(value) ? Math.min(high, Math.max(low, value)) : fallback;
}

function readForm() {
  const next = structuredClone(state);
  const h = integer("inH", 1, LIMITS.size, state.input[0].length);
  const w = integer("inW", 1, LIMITS.size, state.input[0][0].length);
  const channels = integer("channels", 1, LIMITS.channels, state.input.length);
  next.input = Array.from({ length: channels }, (_, c) => resize(state.input[c] ?? randomMatrix(h, w), h, w));
  next.kind = form.querySelector('input[name="kind"]:checked')?.value ?? state.kind;
  next.size = [integer("kH", 1, LIMITS.window, state.size[0]), integer("kW", 1, LIMITS.window, state.size[1])];
  const stride = strideOf(state);
  next.stride = form.elements.strideSame.checked ? null
    : [integer("sH", 1, LIMITS.stride, stride[0]), integer("sW", 1, LIMITS.stride, stride[1])];
  next.padding = [integer("pH", 0, LIMITS.pad, state.padding[0]), integer("pW", 0, LIMITS.pad, state.padding[1])];
  return next;
}

function applyExample(name) {
  if (name === "random") {
    state.input = state.input.map((m) => randomMatrix(m.length, m[0].length));
  } else if (EXAMPLES[name]) {
    state = { ...state, ...structuredClone(EXAMPLES[name]) };
  }
  example = name;
  player.go(0);
  fillForm();
  refresh();
}

/** After any edit the menu names an example only while the state still is that example. */
function edited() {
  example = exampleOf(state);
  fillForm();
  refresh();
}

form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("change", (event) => {
  if (event.target.name === "example") {
    applyExample(event.target.value);
  } else {
    state = readForm();
    edited();
  }
});
// A menu cannot pick the option it shows again: this button draws new random numbers instead.
document.getElementById("reroll").addEventListener("click", () => applyExample("random"));

for (const button of form.querySelectorAll("[data-shift]")) {
  button.addEventListener("click", () => {
    const [down, right] = button.dataset.shift.split(",").map(Number);
    state.input = state.input.map((matrix) => shifted(matrix, down, right));
    edited();
  });
}

// ---- geometry checks that explain themselves (before asking the server) ----------------------

function whyImpossible() {
  const [kh, kw] = state.size;
  const [ph, pw] = state.padding;
  const [mh, mw] = [Math.floor(kh / 2), Math.floor(kw / 2)];
  if (ph > mh || pw > mw) return t("page.why.padding", { kh, kw, mh, mw, ph, pw });
  const [hp, wp] = [state.input[0].length + 2 * ph, state.input[0][0].length + 2 * pw];
  if (kh > hp || kw > wp) return t("page.why.window", { kh, kw, hp, wp });
  return null;
}

// ---- asking the server --------------------------------------------------------------------------

async function refresh() {
  const stride = strideOf(state);
  renderFormula(document.getElementById("formula"), {
    height: state.input[0].length, width: state.input[0][0].length, size: state.size, stride, padding: state.padding,
  });
  document.getElementById("op-name").textContent = t(`page.op.${state.kind}`);
  document.getElementById("op-window").textContent =
    t("page.op.window", { kh: state.size[0], kw: state.size[1], sh: stride[0], sw: stride[1] });
  const reason = whyImpossible();
  if (reason) {
    showProblem(reason);
    saveUrl();
    return;
  }
  try {
    const answer = await pool(requestBody(state));
    showProblem(null);
    result = answer;
    build();
    setSteps(answer.trace.steps);
  } catch (error) {
    if (error.name === "AbortError") return;
    showProblem(errorText(error));
  }
  saveUrl();
}

// ---- building the grids for an answer ----------------------------------------------------------

function build() {
  const { trace } = result;
  const outputs = result.output; // C × OH × OW
  const channels = outputs.length;
  predictor.setNumbers(JSON.stringify([requestBody(state), outputs]));
  const channelCaption = (c) => t("page.grid.channel", { c: c + 1 });
  // One grid per channel in each panel, rebuilt only when the number of channels changes.
  views.inputs = panelGrids(document.getElementById("input-grids"), views.inputs, channels, (holder, c) => {
    const grid = new Grid(holder, {
      label: channels > 1 ? `${t("page.grid.input")} · ${t("page.grid.channel", { c: c + 1 })}` : t("page.grid.input"),
      editable: true, testId: `input-${c}`,
      cellLabel: (row, col) => t("page.cell.input", { row, col }),
      onEdit: (row, col, value) => { state.input[c][row][col] = value; edited(); },
    });
    grid.onCell("mouseover", (r, cc) => feeds(c, r, cc));
    grid.onCell("mouseout", () => feeds(c, null, null));
    return grid;
  }, channelCaption);
  views.outputs = panelGrids(document.getElementById("output-grids"), views.outputs, channels, (holder, c) => {
    const grid = new Grid(holder, {
      label: channels > 1 ? `${t("page.grid.output")} · ${t("page.grid.channel", { c: c + 1 })}` : t("page.grid.output"),
      testId: `output-${c}`,
    });
    grid.onCell("mouseover", (r, cc) => {
      if (predictor.on) return; // the question stays the player's step
      hoverStep = stepOf(c, r, cc);
      show(hoverStep);
    });
    grid.onCell("mouseout", () => {
      if (hoverStep === null) return;
      hoverStep = null;
      show(player.step);
    });
    grid.onCell("click", (r, cc) => { player.pause(); player.go(stepOf(c, r, cc)); });
    return grid;
  }, channelCaption);
  const pads = trace.padding;
  const padded = trace.padded_input; // C × Hp × Wp (the request is always C×H×W)
  views.inputs.forEach((grid, c) => {
    grid.setData(padded[c], { pads });
    fitNumbers(grid, padded[c]);
  });
  const scale = scaleFor(outputs.flat(2));
  views.outputs.forEach((grid, c) => {
    grid.setData(outputs[c], { scale });
    fitNumbers(grid, outputs[c]);
    grid.cells.forEach((line, row) => line.forEach((cell, col) => cell.td.setAttribute("aria-label",
      t("page.cell.output", { row, col, value: fmt(outputs[c][row][col]) }))));
  });
  renderLegend(document.getElementById("output-legend"), scale);
  shown = null; // new numbers: draw the step again
  layOut(channels, padded[0], outputs[0]);
  const padCaption = result.trace.winner ? "page.grid.input.max" : "page.grid.input.avg";
  document.getElementById("input-caption").textContent = t(pads.some((p) => p > 0) ? padCaption : "page.grid.input");
  show(hoverStep ?? player.step);
}

/**
 * One cell size for input and output, so the output looks as much smaller as it is. One channel:
 * input → output side by side; several: one column per channel, its input above its output.
 * --rows and --cols (cells along each axis, captions and operator included) let presentation mode
 * fit the screen; --grid-cols lets a phone fit one grid to its width.
 */
function layOut(channels, input, output) {
  const [hp, wp, oh, ow] = [input.length, input[0].length, output.length, output[0].length];
  const multi = channels > 1;
  const rows = multi ? hp + oh + 4 : hp;
  const cols = multi ? channels * (wp + 1) : wp + ow + 3;
  fitCells(grids, rows, cols, { height: 40, width: 75 });
  grids.classList.toggle("multi", multi);
  const vars = { "--rows": rows, "--cols": cols, "--grid-cols": wp, "--channels": channels };
  for (const [name, value] of Object.entries(vars)) grids.style.setProperty(name, String(value));
}

/** The step that computes output[c][row][col]: channels in turn, each row by row. */
function stepOf(c, row, col) {
  const [oh, ow] = [result.output[0].length, result.output[0][0].length];
  return c * oh * ow + row * ow + col;
}

// ---- one step on screen -------------------------------------------------------------------------

function current() {
  return Math.min(hoverStep ?? player.step, result.trace.steps - 1);
}

function show(step) {
  if (!result) return;
  const { trace } = result;
  const s = Math.min(step, trace.steps - 1);
  const key = `${s}:${predictor.version}`;
  if (key === shown) return;
  shown = key;
  const [c, i, j] = trace.cell[s];
  const window = trace.rows[s].flatMap((r) => trace.cols[s].map((cc) => [r, cc]));
  const asking = predictor.asks(s); // predict mode: the student types this step's value
  const winner = trace.winner && !asking ? trace.winner[s] : null; // the winner would give it away
  const badge = t("page.badge.max");
  views.inputs.forEach((grid, g) => {
    const mine = g === c;
    grid.mark("win", mine ? window : []);
    grid.mark("winner", mine && winner ? [winner] : []);
    grid.badges(mine && winner ? (r, cc) => (r === winner[0] && cc === winner[1] ? badge : null) : null);
  });
  placeFrames(s);
  const [oh, ow] = [result.output[0].length, result.output[0][0].length];
  views.outputs.forEach((grid, g) => {
    grid.mark("win", g === c ? [[i, j]] : []);
    const later = [];
    for (let r = 0; r < oh; r++) for (let cc = 0; cc < ow; cc++) if (stepOf(g, r, cc) > s) later.push([r, cc]);
    grid.mark("later", later);
    grid.mark("asked", asking && g === c ? [[i, j]] : []);
  });
  const ask = asking ? predictor.field(s, trace.value[s]) : null;
  const sentence = renderEquation(equation, trace, s, { channels: views.inputs.length, ask });
  document.getElementById("explain-step").textContent = asking ? t("predict.live") : explainStep(trace, s);
  if (hoverStep === null) live.textContent = asking ? t("predict.live") : sentence;
}

/** The step in a few sentences for the explanation below the stage. */
function explainStep(trace, s) {
  const [kh, kw] = [trace.values[s].length, trace.values[s][0].length];
  const value = fmt(trace.value[s]);
  if (!trace.winner) {
    return t("page.explain.avg", { kh, kw, n: trace.count, sum: fmt(trace.sum[s]), value });
  }
  const [top, , left] = trace.padding;
  const [wr, wc] = trace.winner[s];
  return t("page.explain.max", { kh, kw, n: kh * kw, value, wr: wr - top, wc: wc - left });
}

/** The frame around the window glides to its place (CSS transition); only the window's channel shows it. */
function placeFrames(s) {
  const { trace } = result;
  const [c] = trace.cell[s];
  const rows = trace.rows[s];
  const cols = trace.cols[s];
  views.inputs.forEach((grid, g) => {
    grid.showWindow(g === c ? [rows[0], cols[0], rows[rows.length - 1], cols[cols.length - 1]] : null);
  });
}

/** Hovering an input cell marks every output cell whose window reads it. */
function feeds(channel, r, c) {
  if (!result) return;
  const { trace } = result;
  const fed = [];
  if (r !== null) {
    for (let s = 0; s < trace.steps; s++) {
      if (trace.cell[s][0] === channel && trace.rows[s].includes(r) && trace.cols[s].includes(c)) {
        fed.push(trace.cell[s].slice(1));
      }
    }
  }
  views.outputs.forEach((grid, g) => grid.mark("fed", g === channel ? fed : []));
}

// Hovering a term of the equation points at its input cell.
equation.addEventListener("mouseover", (event) => {
  const term = event.target.closest(".term");
  if (!term || !result) return;
  const s = current();
  const { m, n } = term.dataset;
  views.inputs[result.trace.cell[s][0]]?.mark("focus", [[result.trace.rows[s][m], result.trace.cols[s][n]]]);
});
equation.addEventListener("mouseout", () => views.inputs.forEach((grid) => grid.mark("focus", [])));

// ---- copy as PyTorch ----------------------------------------------------------------------------

bindCopyButton(() => pytorchCode(state));

// ---- start --------------------------------------------------------------------------------------

// Presentation mode, the window size and late fonts all move the cells: keep the frame on its window.
new ResizeObserver(() => { if (result) placeFrames(current()); }).observe(grids);
fillForm();
syncTransport();
refresh();
