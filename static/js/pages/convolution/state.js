// The convolution page's state: what the user set, read from and written to the URL.
import { decodeStack, encodeStack, modeParams, readPair, readParams, writeParams } from "../../core/urlstate.js";
import { SEED } from "./presets.js";

export const LIMITS = { size: 32, kernel: 7, channels: 3, filters: 4, pad: 4, stride: 4, dilation: 4 };

/** Defaults: the worked example. input: C×H×W, kernel: F×(C/groups)×kh×kw, bias: F numbers. */
export function defaultState() {
  return {
    input: [SEED.input],
    kernel: [[SEED.kernel]],
    bias: [0],
    padding: [0, 0], // or "valid" / "same"
    paddingMode: "zeros",
    stride: [1, 1],
    dilation: [1, 1],
    groups: 1, // C and F split into this many groups alike: each group's filters read only its channels
    mode: "cross-correlation",
    coverage: false,
    source: "numbers", // or a sample id ("digit-3", "shape-circle", "photo-chelsea"), "upload", "webcam"
    zoom: null, // top-left of the image region shown as numbers; null: the image's middle
    step: 0,
  };
}

/** Read the URL; anything malformed falls back to the default for that field. */
export function readState() {
  const params = readParams();
  const state = defaultState();
  const input = decodeStack(params.get("in"));
  if (input && input.length <= LIMITS.channels) state.input = input;
  const bank = params.get("k")?.split("/").map(decodeStack);
  if (bank && bank.every(Boolean) && bank.length <= LIMITS.filters) state.kernel = bank;
  const bias = params.get("b")?.split(",").map(Number);
  if (bias && bias.every(Number.isFinite)) state.bias = bias;
  const padding = params.get("p");
  if (padding === "valid" || padding === "same") state.padding = padding;
  else state.padding = readPair(padding, 0, LIMITS.pad) ?? state.padding;
  if (["zeros", "reflect", "replicate", "circular"].includes(params.get("pm"))) state.paddingMode = params.get("pm");
  state.stride = readPair(params.get("s"), 1, LIMITS.stride) ?? state.stride;
  state.dilation = readPair(params.get("d"), 1, LIMITS.dilation) ?? state.dilation;
  const groups = Number(params.get("g"));
  if (Number.isInteger(groups) && groups >= 1 && groups <= LIMITS.channels) state.groups = groups;
  if (params.get("m") === "conv") state.mode = "convolution";
  state.coverage = params.get("cov") === "1";
  if (/^(digit-\d+|shape-\w+|photo-\w+)$/.test(params.get("src") ?? "")) state.source = params.get("src");
  state.zoom = readPair(params.get("zoom"), 0, 4096) ?? state.zoom;
  const step = Number(params.get("step"));
  state.step = Number.isInteger(step) && step > 0 ? step : 0;
  return normalise(state);
}

/** The channels each filter reads: C/groups, or all C while the groups do not divide them (whyImpossible says so). */
export function channelsPerFilter(state) {
  const channels = state.input.length;
  return channels % state.groups === 0 ? channels / state.groups : channels;
}

/** Keep the shapes consistent: every filter has its group's channels, one bias per filter. */
export function normalise(state) {
  const channels = channelsPerFilter(state);
  const [kh, kw] = [state.kernel[0][0].length, state.kernel[0][0][0].length];
  state.kernel = state.kernel.map((filter) =>
    Array.from({ length: channels }, (_, c) => filter[c] ?? filter[0].map((row) => row.map(() => 0))));
  state.kernel.forEach((filter) => filter.forEach((slice, c) => {
    if (slice.length !== kh || slice[0].length !== kw) filter[c] = resize(slice, kh, kw);
  }));
  state.bias = Array.from({ length: state.kernel.length }, (_, f) => state.bias[f] ?? state.bias[0] ?? 0);
  return state;
}

export function writeState(state, modes) {
  writeParams({
    in: encodeStack(state.input),
    k: state.kernel.map(encodeStack).join("/"),
    b: state.bias.some((v) => v !== 0) ? state.bias.join(",") : "",
    p: typeof state.padding === "string" ? state.padding : state.padding.join(","),
    pm: state.paddingMode === "zeros" ? "" : state.paddingMode,
    s: state.stride.join(","),
    d: state.dilation.join(","),
    g: state.groups === 1 ? "" : state.groups,
    m: state.mode === "convolution" ? "conv" : "",
    cov: state.coverage ? "1" : "",
    src: state.source === "numbers" ? "" : state.source,
    zoom: state.source === "numbers" || !state.zoom ? "" : state.zoom.join(","),
    step: state.step || "",
    ...modeParams(modes),
  });
}

/** A matrix cut or zero-extended to rows × cols. */
export function resize(matrix, rows, cols, fill = 0) {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => matrix[r]?.[c] ?? fill));
}

/** The request body for POST /api/convolve: always C×H×W and F×(C/groups)×kh×kw, with a trace. */
export function requestBody(state) {
  return {
    input: state.input,
    kernel: state.kernel,
    bias: state.bias,
    padding: state.padding,
    padding_mode: state.paddingMode,
    stride: state.stride,
    dilation: state.dilation,
    groups: state.groups,
    mode: state.mode,
    trace: true,
  };
}
