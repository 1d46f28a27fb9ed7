// The transposed-convolution page's state: what the user set, read from and written to the URL.
import { decodeMatrix, encodeMatrix, modeParams, readParams, writeParams } from "../../core/urlstate.js";
import { presetState } from "./presets.js";

export const LIMITS = { size: 8, kernel: 5, stride: 4, padding: 4, outputPadding: 3, dilation: 3 };

/** Defaults: the guide's "no padding, strides, transposed" (2×2 -> 5×5). input: H×W, kernel: kh×kw. */
export function defaultState() {
  return { ...presetState("no_padding_strides"), step: 0 };
}

/** An integer in [low, high] from the URL, else null. */
function readInteger(text, low, high) {
  const value = Number(text);
  return text !== null && text !== "" && Number.isInteger(value) && value >= low && value <= high ? value : null;
}

const fits = (matrix, most) => matrix && matrix.length <= most && matrix[0].length <= most;

/** Read the URL; anything malformed falls back to the default for that field. */
export function readState() {
  const params = readParams();
  const state = defaultState();
  const input = decodeMatrix(params.get("in"));
  if (fits(input, LIMITS.size)) state.input = input;
  const kernel = decodeMatrix(params.get("k"));
  if (fits(kernel, LIMITS.kernel)) state.kernel = kernel;
  state.stride = readInteger(params.get("s"), 1, LIMITS.stride) ?? state.stride;
  state.padding = readInteger(params.get("p"), 0, LIMITS.padding) ?? state.padding;
  state.outputPadding = readInteger(params.get("op"), 0, LIMITS.outputPadding) ?? state.outputPadding;
  state.dilation = readInteger(params.get("d"), 1, LIMITS.dilation) ?? state.dilation;
  state.coverage = params.get("cov") === "1";
  state.step = readInteger(params.get("step"), 0, Infinity) ?? 0;
  return state;
}

export function writeState(state, modes) {
  writeParams({
    in: encodeMatrix(state.input),
    k: encodeMatrix(state.kernel),
    s: state.stride,
    p: state.padding,
    op: state.outputPadding,
    d: state.dilation,
    cov: state.coverage ? "1" : "",
    step: state.step || "",
    ...modeParams(modes),
  });
}

/** The request body for POST /api/conv_transpose, with the scatter's trace. */
export function transposeBody(state) {
  return {
    input: state.input, kernel: state.kernel, stride: state.stride, padding: state.padding,
    output_padding: state.outputPadding, dilation: state.dilation, trace: true,
  };
}

/** The request body for POST /api/convolve: the same numbers as a stride-1 convolution (mode
 * "convolution" turns the kernel 180° on the server) over the zero-stuffed, padded input. */
export function directBody(state, stuffed) {
  return { input: stuffed, kernel: state.kernel, dilation: state.dilation, mode: "convolution", trace: true };
}

/** Both axes' settings for axisLayout: rows, then columns. */
export function axesOf(state) {
  const { stride, padding, outputPadding, dilation } = state;
  const shared = { stride, padding, outputPadding, dilation };
  return [
    { ...shared, size: state.input.length, kernel: state.kernel.length },
    { ...shared, size: state.input[0].length, kernel: state.kernel[0].length },
  ];
}
