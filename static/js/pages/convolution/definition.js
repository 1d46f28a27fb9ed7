// The definition beside the arithmetic, in MathML: S(i, j) = Σ Σ I(i + m, j + n)·K(m, n) for
// cross-correlation, I(i − m, j − n) for convolution (K as written), then the same with this step's
// i, j put in and the trace's sum. i, j name the input cell under K(0, 0) (indices.js).
import { channelsOf } from "../../core/equation.js";
import { t } from "../../core/i18n.js";
import { m, mi, mn, mo, row } from "../../core/mathml.js";
import { anchorOf } from "./indices.js";

const element = document.getElementById("definition");
const note = document.getElementById("definition-note");

/** f(a, b): a name applied to its arguments. */
function call(name, ...args) {
  return row(name, mo("("), ...args.flatMap((arg, k) => (k ? [mo(","), arg] : [arg])), mo(")"));
}

/** Σ over `variable`: from `first` to `last` when given, else the bare sign with its variable under it. */
function sum(variable, first = null, last = null) {
  // Sized by CSS, not by the font: few system fonts have the MATH table that enlarges a display Σ.
  const sign = mo("∑");
  sign.setAttribute("largeop", "false");
  sign.classList.add("sigma");
  if (last === null) return m("munder", sign, mi(variable));
  return m("munderover", sign, row(mi(variable), mo("="), mn(first)), mn(last));
}

/** A number, or a letter standing for one. */
const term = (value) => (typeof value === "number" ? mn(value) : mi(value));

/** One index of I: i + m (or i − m), written i + 2m when the taps are 2 apart (dilation). */
function index(base, sign, dilation, variable) {
  return row(term(base), mo(sign), ...(dilation === 1 ? [] : [mn(dilation)]), mi(variable));
}

/** S(i, j) = [Σc] Σm Σn I(i ± m, j ± n)·K(m, n) [= value]. at: [i, j], letters or numbers;
 * bounds: null (the general rule) or [first channel, last channel, kh, kw], channels counted from 1. */
function line({ at, bounds, channels, sign, dilation, value = null }) {
  const channel = (name) => (channels > 1 ? m("msub", mi(name), mi("c")) : mi(name));
  const sums = bounds
    ? [...(channels > 1 ? [sum("c", bounds[0], bounds[1])] : []), sum("m", 0, bounds[2] - 1), sum("n", 0, bounds[3] - 1)]
    : [...(channels > 1 ? [sum("c")] : []), sum("m"), sum("n")];
  const math = row(call(mi("S"), term(at[0]), term(at[1])), mo("="), ...sums,
    call(channel("I"), index(at[0], sign, dilation[0], "m"), index(at[1], sign, dilation[1], "n")),
    mo("·"), call(channel("K"), mi("m"), mi("n")),
    ...(value === null ? [] : [mo("="), mn(value)]));
  math.setAttribute("displaystyle", "true"); // the sums' limits below and above them, as on a blackboard
  return math;
}

/** The definition for step s of a trace computed in `mode` with `dilation`, and a note when its i, j are
 * not the output cell's own (convolution, stride). hideSum: predict mode asks for it; it is not written. */
export function renderDefinition(trace, s, { mode, dilation, hideSum = false }) {
  const [f, i, j] = trace.cell[s];
  const [first, channels] = channelsOf(trace, f); // with groups, only the filter's group's channels
  const [kh, kw] = [trace.kernel[f][0].length, trace.kernel[f][0][0].length];
  const [si, sj] = anchorOf(trace, s, mode);
  const shape = { channels, sign: mode === "convolution" ? "−" : "+", dilation };
  const table = m("mtable",
    m("mtr", m("mtd", line({ ...shape, at: ["i", "j"], bounds: null }))),
    m("mtr", m("mtd", line({ ...shape, at: [si, sj], bounds: [first + 1, first + channels, kh, kw], value: hideSum ? null : trace.sum[s] }))));
  table.setAttribute("columnalign", "left");
  table.setAttribute("rowspacing", "0.3em");
  const math = m("math", table);
  math.setAttribute("display", "block");
  element.replaceChildren(math);
  const moved = si !== i || sj !== j;
  note.hidden = !moved;
  note.textContent = moved ? t("page.definition.anchor", { si, sj, i, j }) : "";
}
