// The signal page's state, in the URL: the view (functions or numbers), two functions, the
// cross-correlation toggle, two sequences, and the step.
import { modeParams, readParams, writeParams } from "../../core/urlstate.js";
import { BOUNDS, DRAW_RANGE, DT, KINDS, N, WIDTH, position, sample } from "./functions.js";
import { DEFAULT_H, DEFAULT_X, encodeSequence, outputLength, parseSequence } from "./sequences.js";

/** One function: a shape with width w, centre c and height a, or drawn samples. */
export function shape(kind, { w = WIDTH[kind], c = 0, a = 1 } = {}) {
  return { kind, w, c, a, samples: null };
}

/** Like every page, the signal page opens at its first step (t = −5, or n = 0). */
export function defaultState() {
  return {
    view: "functions", f: shape("box"), g: shape("decay"), xcorr: false, pen: "f",
    x: DEFAULT_X.slice(), h: DEFAULT_H.slice(), step: 0,
  };
}

/** How many steps the view has: one per t on the τ grid, or one per output y[n]. */
export function stepCount(state) {
  return state.view === "numbers" ? outputLength(state.x, state.h) : N;
}

/** Example pairs: each one shows something worth a minute of a lecture. */
export const EXAMPLES = {
  boxbox: () => ({ f: shape("box"), g: shape("box") }),
  boxdecay: () => ({ f: shape("box"), g: shape("decay") }),
  stepdecay: () => ({ f: shape("step", { c: -2 }), g: shape("decay") }),
  gaussians: () => ({ f: shape("gaussian", { w: 0.6 }), g: shape("gaussian", { w: 0.8 }) }),
  wave: () => ({ f: wave(), g: shape("box", { w: 1.6 }) }),
};

/** A drawn wave that changes sign, so the product has negative area too: sin(πτ/2) for |τ| ≤ 4. */
function wave() {
  const samples = Array.from({ length: N }, (_, j) => {
    const tau = position(j);
    return Math.abs(tau) <= 4 ? Math.round(Math.sin((Math.PI * tau) / 2) * 100) / 100 : 0;
  });
  return { ...shape("draw"), samples };
}

export function clamp(value, [low, high]) {
  return Math.min(high, Math.max(low, value));
}

/** A number from the URL within bounds, or the fallback. */
function number(text, bounds, fallback) {
  if (text === null || text === "") return fallback;
  const value = Number(text);
  return Number.isFinite(value) ? clamp(value, bounds) : fallback;
}

function decodeSamples(text) {
  const values = (text ?? "").split(",").map(Number);
  return values.length === N && values.every(Number.isFinite) ? values.map((v) => clamp(v, DRAW_RANGE)) : null;
}

function readFunction(params, name, fallback) {
  const kind = params.get(name);
  if (!KINDS.includes(kind)) return fallback;
  if (kind === "draw") {
    const samples = decodeSamples(params.get(`${name}d`));
    return samples ? { ...shape("draw"), samples } : fallback;
  }
  return shape(kind, {
    w: number(params.get(`${name}w`), BOUNDS.w, WIDTH[kind]),
    c: number(params.get(`${name}c`), BOUNDS.c, 0),
    a: number(params.get(`${name}a`), BOUNDS.a, 1),
  });
}

/** Read the URL; anything malformed falls back to the default for that part. */
export function readState() {
  const params = readParams();
  const state = defaultState();
  state.f = readFunction(params, "f", state.f);
  state.g = readFunction(params, "g", state.g);
  state.xcorr = params.get("xc") === "1";
  state.pen = params.get("pen") === "g" ? "g" : "f";
  if (params.get("view") === "numbers") state.view = "numbers";
  state.x = parseSequence(params.get("x")) ?? state.x;
  state.h = parseSequence(params.get("h")) ?? state.h;
  const step = Number(params.get("step"));
  if (params.has("step") && Number.isInteger(step) && step >= 0 && step < stepCount(state)) state.step = step;
  return state;
}

/** Only what differs from a shape's defaults goes into the URL; a drawn function keeps all 51 samples. */
function functionParams(name, fn) {
  if (fn.kind === "draw") {
    return { [name]: "draw", [`${name}d`]: fn.samples.map((v) => Math.round(v * 100) / 100).join(",") };
  }
  return {
    [name]: fn.kind,
    [`${name}w`]: fn.w !== WIDTH[fn.kind] ? fn.w : "",
    [`${name}c`]: fn.c !== 0 ? fn.c : "",
    [`${name}a`]: fn.a !== 1 ? fn.a : "",
  };
}

/** A sequence goes into the URL only when it is not the default one. */
function sequenceParam(values, fallback) {
  return encodeSequence(values) === encodeSequence(fallback) ? "" : encodeSequence(values);
}

export function writeState(state, modes) {
  writeParams({
    view: state.view === "numbers" ? "numbers" : "",
    ...functionParams("f", state.f),
    ...functionParams("g", state.g),
    xc: state.xcorr ? "1" : "",
    pen: state.f.kind === "draw" && state.g.kind === "draw" && state.pen === "g" ? "g" : "",
    x: sequenceParam(state.x, DEFAULT_X),
    h: sequenceParam(state.h, DEFAULT_H),
    step: state.step || "",
    ...modeParams(modes),
  });
}

/**
 * POST /api/convolve for one mode: f as a 1×N input, Δτ·g as a 1×N kernel (so the sum is already the
 * Riemann sum of the integral), "same" padding so there is one output per t on the grid.
 */
export function requestBody(state, mode) {
  return {
    input: [sample(state.f)],
    kernel: [sample(state.g).map((v) => v * DT)],
    padding: "same",
    mode,
    trace: true,
  };
}
