// The signal page: two functions -> POST /api/convolve (convolution and cross-correlation, with traces)
// -> three plots, the formula with the current t and value, and a player that slides t. Its numbers
// view (numbers.js) does the same with two short sequences, one step per output y[n].
import { post } from "../../core/api.js";
import { startExplorer } from "../../core/explorer.js";
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { errorText, problemLine } from "../../core/problem.js";
import { bindDrawing } from "./draw.js";
import { renderFormula } from "./formula.js";
import { BOUNDS, DRAW_RANGE, MIDDLE, N, nearest, position, sample } from "./functions.js";
import { NumbersView } from "./numbers.js";
import { drawInputs, drawOutputs, drawProducts, productHeights } from "./plots.js";
import { SEQUENCE_EXAMPLES, exampleOf, formatSequence, parseSequence } from "./sequences.js";
import { EXAMPLES, clamp, readState, requestBody, shape, stepCount, writeState } from "./state.js";
import { Plot, extent } from "./svg.js";

// Steps a second, by the player's speed index: 4 shifts of t a second sweep it in about 13 s
// (signal.html's slider starts there too); one output y[n] a second leaves time to read its sum.
const SPEED_INDEX = { functions: 4, numbers: 2 };
const form = document.getElementById("settings");
form.addEventListener("submit", (event) => event.preventDefault()); // Enter in a field must not reload the page
const showProblem = problemLine({ framing: "page.error.api", stale: [document.getElementById("plots")] });
const live = document.getElementById("live");
const svgs = {
  inputs: document.querySelector('[data-testid="plot-inputs"]'),
  products: document.querySelector('[data-testid="plot-products"]'),
  outputs: document.querySelector('[data-testid="plot-outputs"]'),
};
const plots = Object.fromEntries(Object.entries(svgs).map(([name, svg]) => [name, new Plot(svg)]));

let state = readState();
let results = null; // {conv, xcorr}: the two API answers for the current functions
let ranges = null; // y-ranges of the lower plots over every t, so nothing jumps while t moves
let hoverStep = null; // t under the pointer on the bottom plot overrides the player's
let shownStep = null; // what is on screen: the player's frames redraw only when the step changes

const { player, saveUrl, syncTransport } = startExplorer({
  state: () => state, write: writeState, count: stepCount(state), speedIndex: SPEED_INDEX[state.view],
  onFrame: (step) => {
    if (state.view === "numbers") numbers.show(step);
    else if (step !== shownStep) show(step);
  },
});
const numbers = new NumbersView({
  player,
  onEdit: (k, value) => {
    state.x[k] = value;
    fillForm();
    refresh();
  },
});

// ---- settings form <-> state -------------------------------------------------------------------

function fillForm() {
  for (const radio of form.querySelectorAll('input[name="view"]')) radio.checked = radio.value === state.view;
  for (const element of document.querySelectorAll("[data-view]")) element.hidden = element.dataset.view !== state.view;
  for (const name of ["x", "h"]) {
    const input = form.elements[name];
    if (document.activeElement !== input) {
      input.value = formatSequence(state[name]);
      input.removeAttribute("aria-invalid");
    }
  }
  form.elements["seq-example"].value = exampleOf(state.x, state.h);
  for (const name of ["f", "g"]) {
    const fn = state[name];
    const drawn = fn.kind === "draw";
    form.elements[`${name}-kind`].value = fn.kind;
    for (const part of ["w", "c", "a"]) {
      const input = form.elements[`${name}-${part}`];
      if (document.activeElement !== input) input.value = String(fn[part]);
    }
    form.elements[`${name}-w`].disabled = fn.kind === "step";
    form.querySelector(`[data-params="${name}"]`).hidden = drawn;
    form.querySelector(`[data-clear="${name}"]`).hidden = !drawn;
    document.getElementById(`${name}-rule`).textContent = t(`page.rule.${fn.kind}`);
  }
  const both = state.f.kind === "draw" && state.g.kind === "draw";
  document.getElementById("pen").hidden = !both;
  for (const radio of form.querySelectorAll('input[name="pen"]')) radio.checked = radio.value === state.pen;
  form.elements.xcorr.checked = state.xcorr;
  document.getElementById("plots").classList.toggle("with-xcorr", state.xcorr);
  svgs.inputs.classList.toggle("drawable", penTarget() !== null);
}

/** A shape's new kind keeps its centre and height; "draw your own" starts from the shape as it was. */
function changeKind(name, kind) {
  const old = state[name];
  if (kind === "draw") {
    const samples = sample(old).map((v) => Math.round(clamp(v, DRAW_RANGE) * 100) / 100);
    state[name] = { ...shape("draw"), samples };
    state.pen = name;
  } else {
    state[name] = old.kind === "draw" ? shape(kind) : shape(kind, { c: old.c, a: old.a });
  }
}

/** Functions or numbers: each view starts at its first step, at its own speed. */
function setView(view) {
  state.view = view;
  player.pause();
  player.setCount(stepCount(state));
  player.setSpeedIndex(SPEED_INDEX[view]);
  player.go(0);
}

/** A sequence typed into the settings: used once it reads as 1 to 6 numbers, marked invalid until then. */
function typeSequence(input) {
  const values = parseSequence(input.value);
  input.setAttribute("aria-invalid", String(values === null));
  if (values === null) return false;
  state[input.name] = values;
  player.setCount(stepCount(state));
  return true;
}

form.addEventListener("input", (event) => {
  const { name, value } = event.target;
  const [which, part] = name.split("-");
  if (name === "view") {
    setView(value);
  } else if (name === "x" || name === "h") {
    if (!typeSequence(event.target)) return;
  } else if (name === "seq-example") {
    if (!SEQUENCE_EXAMPLES[value]) return;
    state.x = SEQUENCE_EXAMPLES[value].x.slice();
    state.h = SEQUENCE_EXAMPLES[value].h.slice();
    player.setCount(stepCount(state));
    player.go(0);
  } else if (name === "example") {
    if (!EXAMPLES[value]) return;
    Object.assign(state, EXAMPLES[value]());
    state.pen = "f";
    form.elements.example.value = "";
  } else if (part === "kind") {
    changeKind(which, value);
  } else if (part in BOUNDS) {
    const number = Number(value);
    if (value.trim() === "" || !Number.isFinite(number)) return;
    state[which][part] = clamp(number, BOUNDS[part]);
  } else if (name === "xcorr") {
    state.xcorr = event.target.checked;
  } else if (name === "pen") {
    state.pen = value;
  } else {
    return;
  }
  fillForm();
  if (name === "xcorr" || name === "pen") {
    saveUrl();
    show(player.step);
  } else {
    refresh();
  }
});
// Once a number is committed, the field shows what was used (clamped into range, or the old value if invalid).
form.addEventListener("change", (event) => {
  const { name } = event.target;
  const [which, part] = name.split("-");
  if (part in BOUNDS) event.target.value = String(state[which][part]);
  if (name === "x" || name === "h") {
    event.target.value = formatSequence(state[name]);
    event.target.removeAttribute("aria-invalid");
  }
});

form.addEventListener("click", (event) => {
  const clear = event.target.closest("[data-clear]");
  if (clear) state[clear.dataset.clear].samples = new Array(N).fill(0);
  else if (event.target.closest("#swap") && state.view === "numbers") [state.x, state.h] = [state.h, state.x];
  else if (event.target.closest("#swap")) [state.f, state.g] = [state.g, state.f];
  else return;
  fillForm();
  refresh();
});

// ---- asking the server (one pair of requests at a time; the newest state wins) -----------------

let busy = false;
let again = false;

async function refresh() {
  saveUrl();
  if (state.view === "numbers") {
    numbers.refresh(state);
    return;
  }
  show(player.step);
  if (busy) {
    again = true;
    return;
  }
  busy = true;
  try {
    const [conv, xcorr] = await Promise.all([
      post("/api/convolve", requestBody(state, "convolution")),
      post("/api/convolve", requestBody(state, "cross-correlation")),
    ]);
    results = { conv, xcorr };
    const convHeights = productHeights(conv.trace);
    ranges = {
      products: extent(convHeights),
      productsBoth: extent([...convHeights, ...productHeights(xcorr.trace)]),
      outputs: extent(conv.output[0]),
      outputsBoth: extent([...conv.output[0], ...xcorr.output[0]]),
    };
    showProblem(null);
  } catch (error) {
    showProblem(errorText(error));
  } finally {
    busy = false;
  }
  if (again) {
    again = false;
    refresh();
    return;
  }
  show(hoverStep ?? player.step);
}

// ---- one shift t on screen ----------------------------------------------------------------------

function penTarget() {
  const f = state.f.kind === "draw";
  const g = state.g.kind === "draw";
  if (f && g) return state.pen;
  return f ? "f" : g ? "g" : null;
}

function show(step) {
  const i = clamp(step, [0, N - 1]);
  shownStep = i;
  const f = sample(state.f);
  const g = sample(state.g);
  const inputRange = penTarget() ? DRAW_RANGE : extent([...f, ...g]);
  drawInputs(plots.inputs, { f, g, i, xcorr: state.xcorr, range: inputRange });
  if (!results) return;
  const xcorr = state.xcorr ? results.xcorr : null;
  const { conv } = results;
  drawProducts(plots.products, { conv, xcorr, i, range: xcorr ? ranges.productsBoth : ranges.products });
  drawOutputs(plots.outputs, { conv, xcorr, i, range: xcorr ? ranges.outputsBoth : ranges.outputs });
  const tText = fmt(position(i));
  const value = fmt(conv.output[0][i]);
  const xvalue = xcorr ? fmt(xcorr.output[0][i]) : null;
  renderFormula(document.getElementById("formula"), {
    t: position(i), conv: conv.output[0][i], xcorr: xcorr ? xcorr.output[0][i] : null,
  });
  const sentence = t("page.explain.step", { t: tText, value });
  document.getElementById("explain-step").textContent =
    xcorr ? `${sentence} ${t("page.explain.stepx", { t: tText, value: xvalue })}` : sentence;
  if (hoverStep === null) {
    live.textContent = xcorr ? t("page.live.both", { t: tText, value, xvalue }) : t("page.live.step", { t: tText, value });
  }
}

// ---- pointers: drawing on the top plot, choosing t on the bottom one ---------------------------

bindDrawing(svgs.inputs, plots.inputs, {
  target: () => {
    const name = penTarget();
    if (!name) return null;
    player.pause();
    const samples = state[name].samples;
    const i = player.step;
    // g is drawn as it is shown, flipped and slid: the pen at τ sample j sets g at t − τ.
    return name === "f"
      ? (j, y) => { samples[j] = y; }
      : (j, y) => { if (MIDDLE + i - j >= 0 && MIDDLE + i - j < N) samples[MIDDLE + i - j] = y; };
  },
  onStroke: () => refresh(),
});

function stepAt(event) {
  const box = svgs.outputs.getBoundingClientRect();
  return clamp(nearest(plots.outputs.invert(event.clientX - box.left, 0).x), [0, N - 1]);
}

svgs.outputs.addEventListener("pointermove", (event) => {
  if (event.buttons) {
    player.go(stepAt(event));
  } else if (event.pointerType === "mouse") {
    hoverStep = stepAt(event);
    show(hoverStep);
  }
});
svgs.outputs.addEventListener("pointerleave", () => {
  hoverStep = null;
  show(player.step);
});
svgs.outputs.addEventListener("pointerdown", (event) => {
  hoverStep = null;
  player.pause();
  player.go(stepAt(event));
});

// ---- start --------------------------------------------------------------------------------------

new ResizeObserver(() => show(hoverStep ?? player.step)).observe(document.getElementById("plots"));
fillForm();
syncTransport();
refresh();
