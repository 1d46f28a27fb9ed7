// The pooling page's state: what the user set, read from and written to the URL.
import { decodeStack, encodeStack, modeParams, readPair, readParams, writeParams } from "../../core/urlstate.js";
import { WORKED, randomMatrix } from "./presets.js";

// The window at most 4 and padding at most half of it keep the padded input within 16 cells a
// side, where the grid still shows numbers.
export const LIMITS = { size: 12, window: 4, channels: 3, stride: 4, pad: 2 };

/** Defaults: the worked example. input: C×H×W; stride null means "the window size". */
export function defaultState() {
  return { input: [WORKED], kind: "max", size: [2, 2], stride: null, padding: [0, 0], step: 0 };
}

/** Read the URL; anything malformed falls back to the default for that field. */
export function readState() {
  const params = readParams();
  const state = defaultState();
  const input = decodeStack(params.get("in"));
  const fits = (m) => m.length <= LIMITS.size && m[0].length <= LIMITS.size
    && m.length === input[0].length && m[0].length === input[0][0].length;
  if (input && input.length <= LIMITS.channels && input.every(fits)) state.input = input;
  if (["max", "avg"].includes(params.get("kind"))) state.kind = params.get("kind");
  state.size = readPair(params.get("size"), 1, LIMITS.window) ?? state.size;
  state.stride = readPair(params.get("stride"), 1, LIMITS.stride);
  state.padding = readPair(params.get("pad"), 0, LIMITS.pad) ?? state.padding;
  const step = Number(params.get("step"));
  state.step = Number.isInteger(step) && step > 0 ? step : 0;
  return state;
}

export function writeState(state, modes) {
  writeParams({
    in: encodeStack(state.input),
    kind: state.kind,
    size: state.size.join(","),
    stride: state.stride ? state.stride.join(",") : "",
    pad: state.padding.join(","),
    step: state.step || "",
    ...modeParams(modes),
  });
}

/** The stride in use: the window size unless the user chose one. */
export function strideOf(state) {
  return state.stride ?? state.size;
}

/** A matrix cut to rows × cols; new cells get small random numbers (zeros would make dull pooling). */
export function resize(matrix, rows, cols) {
  const fresh = randomMatrix(rows, cols);
  return fresh.map((line, r) => line.map((value, c) => matrix[r]?.[c] ?? value));
}

/** The request body for POST /api/pool: always C×H×W, with a trace. */
export function requestBody(state) {
  return {
    input: state.input, kind: state.kind, size: state.size, stride: strideOf(state),
    padding: state.padding, trace: true,
  };
}
