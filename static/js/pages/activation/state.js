// The activation page's state: function, alpha, feature map, logits and step, read from and written to the URL.
import { decodeMatrix, encodeMatrix, modeParams, readParams, writeParams } from "../../core/urlstate.js";

export const FUNCTIONS = ["relu", "leaky_relu", "elu", "sigmoid", "tanh", "gelu"];
// The page's alpha defaults. PyTorch's leaky_relu default (0.01) is too flat to see on a projector.
export const ALPHA_DEFAULTS = { leaky_relu: 0.1, elu: 1 };
export const LIMITS = { side: 8, logitsMin: 3, logitsMax: 10, alpha: 10 };

export const EXAMPLE_MAP = [
  [-3, 1, 0.5, -1, 2],
  [2.5, -0.5, -2, 1.5, 0],
  [-1.5, 3, -2.5, 0, 1],
  [0.5, -1, 2, -3, 1.5],
  [1, -2, -0.5, 2.5, -1.5],
];
export const EXAMPLE_LOGITS = [2, 1, 0.1];

export function defaultState() {
  return {
    fn: "relu",
    alpha: null, // used only by leaky_relu and elu
    map: EXAMPLE_MAP.map((row) => [...row]),
    logits: [...EXAMPLE_LOGITS],
    step: 0,
  };
}

export function takesAlpha(fn) {
  return fn in ALPHA_DEFAULTS;
}

function validAlpha(value) {
  return Number.isFinite(value) && value >= 0 && value <= LIMITS.alpha;
}

/** Read the URL; anything malformed falls back to the default for that field. */
export function readState() {
  const params = readParams();
  const state = defaultState();
  if (FUNCTIONS.includes(params.get("f"))) state.fn = params.get("f");
  const alpha = Number(params.get("a") ?? NaN);
  if (takesAlpha(state.fn)) state.alpha = validAlpha(alpha) ? alpha : ALPHA_DEFAULTS[state.fn];
  const map = decodeMatrix(params.get("map"));
  if (map && map.length <= LIMITS.side && map[0].length <= LIMITS.side) state.map = map;
  const logits = (params.get("z") ?? "").split(",").filter(Boolean).map(Number);
  if (logits.length >= LIMITS.logitsMin && logits.length <= LIMITS.logitsMax && logits.every(Number.isFinite)) {
    state.logits = logits;
  }
  const step = Number(params.get("step"));
  state.step = Number.isInteger(step) && step > 0 ? step : 0;
  return state;
}

export function writeState(state, modes) {
  writeParams({
    f: state.fn,
    a: takesAlpha(state.fn) ? state.alpha : "",
    map: encodeMatrix(state.map),
    z: state.logits.join(","),
    step: state.step || "",
    ...modeParams(modes),
  });
}

/** Switch function; alpha goes back to the new function's default. */
export function withFunction(state, fn) {
  return { ...state, fn, alpha: takesAlpha(fn) ? ALPHA_DEFAULTS[fn] : null };
}

/** Set alpha if it is a usable number; otherwise keep the old one. */
export function withAlpha(state, value) {
  return validAlpha(value) ? { ...state, alpha: value } : state;
}

/** The body for POST /api/activate: alpha only where the function takes it (the API rejects it elsewhere). */
export function requestBody(input, fn, alpha) {
  const body = { input, function: fn };
  if (takesAlpha(fn)) body.alpha = alpha;
  return body;
}

/** A matrix cut or zero-extended to rows × cols. */
export function resize(matrix, rows, cols) {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => matrix[r]?.[c] ?? 0));
}

/** Halves between −3 and 3: signed, small and easy to read. */
export function randomMap(rows, cols) {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => (Math.floor(Math.random() * 13) - 6) / 2));
}
