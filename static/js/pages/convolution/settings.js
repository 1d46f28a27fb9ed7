// The settings form <-> the page's state: fill the fields, read them back, apply a preset.
import { fmt } from "../../core/format.js";
import { GUIDE, KERNELS, LAYERS, SEED, guideInput, guideKernel, randomMatrix } from "./presets.js";
import { LIMITS, channelsPerFilter, normalise, resize } from "./state.js";

/** Show the state in the settings form. */
export function fillForm(form, state) {
  const [h, w] = [state.input[0].length, state.input[0][0].length];
  const [kh, kw] = [state.kernel[0][0].length, state.kernel[0][0][0].length];
  const values = {
    inH: h, inW: w, kH: kh, kW: kw, channels: state.input.length, filters: state.kernel.length, groups: state.groups,
    paddingKind: typeof state.padding === "string" ? state.padding : "number",
    padH: typeof state.padding === "string" ? 0 : state.padding[0],
    padW: typeof state.padding === "string" ? 0 : state.padding[1],
    paddingMode: state.paddingMode, strideH: state.stride[0], strideW: state.stride[1],
    dilationH: state.dilation[0], dilationW: state.dilation[1],
    bias: state.bias.map(fmt).join(", ").replaceAll("−", "-"),
  };
  for (const [name, value] of Object.entries(values)) form.elements[name].value = String(value);
  form.elements.padH.disabled = form.elements.padW.disabled = typeof state.padding === "string";
  for (const radio of form.querySelectorAll('input[name="mode"]')) radio.checked = radio.value === state.mode;
  form.elements.coverage.checked = state.coverage;
  form.elements.source.value = state.source;
}

function integer(form, name, low, high) {
  const value = Number(form.elements[name].value);
  return Number.isInteger(value) ? Math.min(high, Math.max(low, value)) : null;
}

/** The state the form now asks for (sizes resize the arrays; `changed` names the field that moved). */
export function readForm(form, state, changed) {
  const next = structuredClone(state);
  const h = integer(form, "inH", 1, LIMITS.size) ?? state.input[0].length;
  const w = integer(form, "inW", 1, LIMITS.size) ?? state.input[0][0].length;
  const kh = integer(form, "kH", 1, LIMITS.kernel) ?? state.kernel[0][0].length;
  const kw = integer(form, "kW", 1, LIMITS.kernel) ?? state.kernel[0][0][0].length;
  const channels = integer(form, "channels", 1, LIMITS.channels) ?? state.input.length;
  const filters = integer(form, "filters", 1, LIMITS.filters) ?? state.kernel.length;
  next.groups = integer(form, "groups", 1, LIMITS.channels) ?? state.groups;
  next.input = Array.from({ length: channels }, (_, c) => resize(state.input[c] ?? randomMatrix(h, w, 0, 9), h, w));
  const slices = channelsPerFilter(next);
  next.kernel = Array.from({ length: filters }, (_, f) => Array.from({ length: slices }, (_, c) =>
    resize(state.kernel[f]?.[c] ?? state.kernel[f]?.[0] ?? randomMatrix(kh, kw, -1, 1), kh, kw)));
  const kind = form.elements.paddingKind.value;
  next.padding = kind === "number"
    ? [integer(form, "padH", 0, LIMITS.pad) ?? 0, integer(form, "padW", 0, LIMITS.pad) ?? 0]
    : kind;
  next.paddingMode = form.elements.paddingMode.value;
  next.stride = [integer(form, "strideH", 1, LIMITS.stride) ?? 1, integer(form, "strideW", 1, LIMITS.stride) ?? 1];
  next.dilation = [integer(form, "dilationH", 1, LIMITS.dilation) ?? 1, integer(form, "dilationW", 1, LIMITS.dilation) ?? 1];
  const bias = form.elements.bias.value.replaceAll("−", "-").split(",").map((part) => Number(part.trim()));
  if (bias.length && bias.every(Number.isFinite)) next.bias = bias;
  next.mode = form.querySelector('input[name="mode"]:checked')?.value ?? state.mode;
  next.coverage = form.elements.coverage.checked;
  if (changed === "preset") applyPreset(next, form.elements.preset.value);
  return normalise(next);
}

/** Shapes and numbers start over: one channel, one filter, no bias, zero padding, cross-correlation. */
function startOver(next, { input, bank, padding = 0, stride = 1, dilation = 1, groups = 1 }) {
  Object.assign(next, {
    input, kernel: structuredClone(bank), bias: bank.map(() => 0), groups, padding: [padding, padding], paddingMode: "zeros",
    stride: [stride, stride], dilation: [dilation, dilation], mode: "cross-correlation",
  });
}

function applyPreset(next, name) {
  if (!name) return;
  if (name === "seed") {
    startOver(next, { input: [SEED.input], bank: [[SEED.kernel]] });
    return;
  }
  if (name.startsWith("guide-")) {
    const { size, kernel, ...spacing } = GUIDE[name.slice("guide-".length)];
    startOver(next, { input: [guideInput(size)], bank: [[guideKernel(kernel)]], ...spacing });
    return;
  }
  if (name in LAYERS) {
    const { size, groups, bank } = LAYERS[name];
    const channels = bank[0].length * groups;
    startOver(next, { input: Array.from({ length: channels }, (_, c) => guideInput(size, c)), bank, groups });
    return;
  }
  const [h, w] = [next.input[0].length, next.input[0][0].length];
  if (name === "random") {
    next.input = next.input.map(() => randomMatrix(h, w, 0, 9));
    next.kernel = next.kernel.map((filter) => filter.map(() => randomMatrix(3, 3, -2, 2)));
    return;
  }
  next.kernel = next.kernel.map((filter) => filter.map(() => KERNELS[name].map((row) => [...row])));
  if (h < 5 || w < 5) next.input = next.input.map(() => randomMatrix(6, 6, 0, 9));
}
