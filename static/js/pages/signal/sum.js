// The numbers view's arithmetic: for one n, which x[k] meets which h[n − k], and under each pair the
// same product with the numbers put in, then their sum; and the discrete definition beside the
// continuous one.
import { span } from "../../core/equation.js";
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { m, mi, mo } from "../../core/mathml.js";
import { definition } from "./formula.js";

const bracket = (name, ...index) => [mi(name), mo("["), ...index, mo("]")];

/** y[n] = Σₖ x[k]·h[n − k] */
function discrete() {
  return m("mrow", ...bracket("y", mi("n")), mo("="), m("munder", mo("∑"), mi("k")),
    ...bracket("x", mi("k")), mo("·"), ...bracket("h", mi("n"), mo("−"), mi("k")));
}

/** The two definitions side by side, each with a caption: the sum for sequences, the integral for functions. */
export function renderDefinitions(element) {
  const row = (key, content) => {
    const math = m("math", content);
    math.setAttribute("display", "block");
    return [span("caption", t(key)), math];
  };
  element.replaceChildren(...row("page.seq.formula.discrete", discrete()),
    ...row("page.seq.formula.continuous", definition(true)));
}

/**
 * Step s of the trace (y[s]) in two aligned rows, one column per term:
 *   y[2] = x[0]·h[2] + x[1]·h[1] + x[2]·h[0]
 *        =  (1×0.5)  +  (2×1)    +  (3×0)    = 2.5
 * Terms whose x[k] lies beyond x's ends (its zeros) are marked "pad". -> the same as one sentence.
 */
export function renderSum(element, trace, s) {
  const cols = trace.cols[s];
  const lead = cols.length - 1; // zeros before x[0]
  const length = trace.padded_input[0].length - 2 * lead; // L
  const values = trace.values[s][0];
  const kernel = trace.kernel[0];
  const value = fmt(trace.value[s]);
  const symbols = [span("lhs", `y[${s}]`), span("op", "=")];
  const numbers = [span("lhs", ""), span("op", "=")];
  const said = [];
  cols.forEach((c, m) => {
    const k = c - lead;
    const kind = k < 0 || k >= length ? "term pad" : "term";
    if (m) {
      symbols.push(span("op", "+"));
      numbers.push(span("op", "+"));
    }
    symbols.push(span(`${kind} symbol`, `x[${fmt(k)}]·h[${s - k}]`, { m }));
    numbers.push(span(kind, `(${fmt(values[m])}×${fmt(kernel[m])})`, { m }));
    said.push(`${fmt(values[m])}×${fmt(kernel[m])}`);
  });
  symbols.push(span("blank", ""), span("blank", "")); // under "= value"
  numbers.push(span("op", "="), span("result", value));
  // Columns for the grid, and the longest row in characters so that CSS can fit it to the width.
  const longest = Math.max(...[symbols, numbers].map((row) => row.reduce((sum, part) => sum + part.textContent.length + 1, 0)));
  element.style.setProperty("--parts", String(symbols.length));
  element.style.setProperty("--chars", String(longest));
  const rows = [symbols, numbers].map((parts, r) => {
    const line = document.createElement("div");
    line.className = r ? "eq-line numbers" : "eq-line symbols";
    line.append(...parts);
    return line;
  });
  element.replaceChildren(...rows);
  return t("page.seq.live", { n: s, terms: said.join(" + "), value });
}
