// Formulas in MathML: each function's definition, the same with this cell's x written in, and softmax's.
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { m, mi, mn, mo, row } from "../../core/mathml.js";

const paren = (content) => row(mo("("), content, mo(")"));
const exp = (power) => m("msup", mi("e"), power);

/** The function's name as written in formulas: ReLU, σ, tanh, … */
export function shortName(fn) {
  return t(`page.fn.short.${fn}`);
}

// An argument, fresh elements on every call: the symbol x, or a number (bracketed where its sign
// would run into an operator: α·(−3), e^−(−3)).
const plain = (x) => (x === null ? mi("x") : mn(x));
const inner = (x) => (x !== null && x < 0 ? paren(mn(x)) : plain(x));
const negated = (x) => row(mo("−"), inner(x));

function piecewise(...cases) {
  const table = m("mtable", ...cases.map(([value, condition]) => m("mtr", m("mtd", value), m("mtd", condition))));
  table.setAttribute("columnalign", "left left");
  table.setAttribute("columnspacing", "1.2em");
  const brace = mo("{");
  brace.setAttribute("stretchy", "true");
  brace.classList.add("brace"); // drawn large as well: stretching needs a math font the machine may lack
  return row(brace, table);
}

/** The right-hand side of f(x) = …; x null gives the general form, a number gives it written in. */
function body(fn, x, alpha) {
  const alphaSymbol = () => (x === null ? mi("α") : mn(alpha));
  switch (fn) {
    case "relu":
      return row(mi("max"), mo("("), mn(0), mo(","), plain(x), mo(")"));
    case "leaky_relu":
      if (x === null) {
        return piecewise([mi("x"), row(mi("x"), mo("≥"), mn(0))], [row(mi("α"), mi("x")), row(mi("x"), mo("<"), mn(0))]);
      }
      return x >= 0 ? plain(x) : row(alphaSymbol(), mo("·"), inner(x));
    case "elu":
      if (x === null) {
        return piecewise([mi("x"), row(mi("x"), mo(">"), mn(0))],
          [row(mi("α"), paren(row(exp(mi("x")), mo("−"), mn(1)))), row(mi("x"), mo("≤"), mn(0))]);
      }
      return x > 0 ? plain(x) : row(alphaSymbol(), mo("·"), paren(row(exp(plain(x)), mo("−"), mn(1))));
    case "sigmoid":
      return m("mfrac", mn(1), row(mn(1), mo("+"), exp(negated(x))));
    case "tanh":
      return m("mfrac", row(exp(plain(x)), mo("−"), exp(negated(x))), row(exp(plain(x)), mo("+"), exp(negated(x))));
    case "gelu":
      return row(plain(x), mo("·"), mi("Φ"), mo("("), plain(x), mo(")"));
    default:
      return plain(x);
  }
}

function call(fn, argument) {
  return row(mi(shortName(fn)), mo("("), argument, mo(")"));
}

/** Two lines, each its own block: the definition (with α's value beside it), then this x written in,
 * = the API's y. The stylesheet stacks them, or sets them side by side where height is short.
 * apart: what explains a symbol (GELU's Φ) under the formula, for a narrow column.
 * definition: false leaves out the first line (when x is written in, its line shows the same rule). */
export function renderFormula(element, fn, { x, y, alpha, apart = false, definition = true }) {
  const general = row(call(fn, mi("x")), mo("="), body(fn, null, alpha));
  if (alpha !== null && alpha !== undefined) general.append(gap(), row(mi("α"), mo("="), mn(alpha)));
  if (fn === "gelu" && !apart) general.append(gap(), m("mtext", t("page.formula.phi")));
  const lines = document.createElement("div");
  lines.className = "lines";
  const written = x !== null && x !== undefined;
  if (definition || !written) lines.append(block(general));
  if (written) {
    const result = y === null ? [] : [mo("="), mn(y)]; // null: predict mode asks for it
    lines.append(block(row(call(fn, mn(x)), mo("="), body(fn, x, alpha), ...result)));
  }
  element.replaceChildren(lines);
  // GELU's note on Φ, apart: as text under the formula, which wraps where MathML would not
  if (fn === "gelu" && apart && (definition || !written)) {
    const note = document.createElement("p");
    note.className = "formula-note";
    note.textContent = t("page.formula.phi");
    element.append(note);
  }
}

/** A display-style block: full-size fractions and sums. */
function block(content) {
  const math = m("math", content);
  math.setAttribute("display", "block");
  math.setAttribute("displaystyle", "true");
  return math;
}

function gap() {
  const space = m("mspace");
  space.setAttribute("width", "1.5em");
  return space;
}

// ---- softmax --------------------------------------------------------------------------------------

/** p_i = e^{z_i} / Σ_j e^{z_j}; Σ_j e^{z_j} written out with these logits; and, aside, what the server
 * sums: the largest score subtracted first (the same ratio, and exp cannot overflow). The written-out
 * lines are runs of small formulas that wrap between terms, as a long sum does on paper: ten classes fit
 * a narrow column without scrolling sideways. */
export function renderSoftmaxFormula(element, logits, steps) {
  const zi = m("msub", mi("z"), mi("i"));
  const zj = () => m("msub", mi("z"), mi("j"));
  const sum = () => m("munderover", mo("∑"), row(mi("j"), mo("="), mn(1)), mn(logits.length));
  const general = block(row(m("msub", mi("p"), mi("i")), mo("="), m("mfrac", exp(zi), row(sum(), exp(zj())))));
  const denominator = wrapping([row(mi("Σ"), mo("="), sum(), exp(zj()), infix("=")),
    ...logits.map((z, j) => plus(j, exp(mn(z))))]);
  const max = fmt(steps.max[0]);
  const shifted = wrapping([row(m("msup", mi("Σ"), mo("′")), mo("="), sum(), exp(row(zj(), mo("−"), mn(max))), infix("=")),
    ...steps.exp.map((value, j) => plus(j, mn(fmt(value)))), row(infix("="), mn(fmt(steps.sum[0])))]);
  const aside = document.createElement("div");
  aside.className = "aside";
  aside.append(t("page.softmax.shifted", { max }), shifted);
  element.replaceChildren(general, denominator, aside);
}

/** An operator spaced on both sides even where a line of a wrapping run starts or ends with it. */
function infix(symbol) {
  const operator = mo(symbol);
  operator.setAttribute("form", "infix");
  return operator;
}

/** The j-th term of a sum: "+ term" after the first. */
function plus(j, term) {
  return j ? row(infix("+"), term) : term;
}

/** A line of formulas that may break between them; wrapped lines are indented under the first. */
function wrapping(parts) {
  const line = document.createElement("div");
  line.className = "math-run";
  line.append(...parts.map(block));
  return line;
}

/** e^{z_i − max} / Σ′ = the server's numbers, for one row of the table. */
export function softmaxTerm(z, max, shiftedExp, shiftedSum) {
  const math = m("math", m("mfrac", exp(row(mn(fmt(z)), mo("−"), mn(fmt(max)))), m("msup", mi("Σ"), mo("′"))),
    mo("="), m("mfrac", mn(fmt(shiftedExp)), mn(fmt(shiftedSum))));
  math.setAttribute("displaystyle", "true");
  return math;
}
