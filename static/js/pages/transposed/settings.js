// The settings form <-> the page's state: fill the fields, read them back, apply a preset.
import { patternInput, patternKernel, presetState } from "./presets.js";
import { LIMITS } from "./state.js";

const FIELDS = { stride: [1, LIMITS.stride], padding: [0, LIMITS.padding], outputPadding: [0, LIMITS.outputPadding],
  dilation: [1, LIMITS.dilation] };

/** Show the state in the settings form. */
export function fillForm(form, state) {
  const values = {
    inH: state.input.length, inW: state.input[0].length, kH: state.kernel.length, kW: state.kernel[0].length,
    stride: state.stride, padding: state.padding, outputPadding: state.outputPadding, dilation: state.dilation,
  };
  for (const [name, value] of Object.entries(values)) form.elements[name].value = String(value);
  form.elements.coverage.checked = state.coverage;
}

function integer(form, name, low, high) {
  const value = Number(form.elements[name].value);
  return form.elements[name].value !== "" && Number.isInteger(value) ? Math.min(high, Math.max(low, value)) : null;
}

/** A matrix cut to rows × cols, new cells from `fill` (the pattern the presets use). */
function resize(matrix, rows, cols, fill) {
  const pattern = fill(rows, cols);
  return pattern.map((line, r) => line.map((value, c) => matrix[r]?.[c] ?? value));
}

/** The state the form now asks for; `changed` names the field that moved. */
export function readForm(form, state, changed) {
  if (changed === "preset" && form.elements.preset.value) {
    return { ...presetState(form.elements.preset.value), step: 0 };
  }
  const next = structuredClone(state);
  const h = integer(form, "inH", 1, LIMITS.size) ?? state.input.length;
  const w = integer(form, "inW", 1, LIMITS.size) ?? state.input[0].length;
  const kh = integer(form, "kH", 1, LIMITS.kernel) ?? state.kernel.length;
  const kw = integer(form, "kW", 1, LIMITS.kernel) ?? state.kernel[0].length;
  next.input = resize(state.input, h, w, patternInput);
  next.kernel = resize(state.kernel, kh, kw, patternKernel);
  for (const [name, [low, high]] of Object.entries(FIELDS)) next[name] = integer(form, name, low, high) ?? state[name];
  next.coverage = form.elements.coverage.checked;
  return next;
}
