// The transposed output-size rule in MathML, with this page's numbers put in, one line per axis.
import { t } from "../../core/i18n.js";
import { m, mi, mn, mo, row } from "../../core/mathml.js";
import { transposedSize } from "./geometry.js";

const bracket = (...inside) => row(mo("("), ...inside, mo(")"));
const extra = () => m("mtext", "output_padding");

/** O = (I − 1)·S − 2P + D·(K − 1) + output_padding + 1, in letters (axis null) or with one axis's numbers. */
function line(axis, label) {
  const n = (value, letter) => (axis ? mn(value) : mi(letter));
  const parts = [
    bracket(n(axis?.size, "I"), mo("−"), mn(1)), mo("·"), n(axis?.stride, "S"),
    mo("−"), mn(2), ...(axis ? [mo("·")] : []), n(axis?.padding, "P"),
    mo("+"), n(axis?.dilation, "D"), mo("·"), bracket(n(axis?.kernel, "K"), mo("−"), mn(1)),
    mo("+"), axis ? mn(axis.outputPadding) : extra(), mo("+"), mn(1),
  ];
  const left = axis ? m("msub", mi("O"), m("mtext", label)) : mi("O");
  const right = axis ? [mo("="), mn(Math.max(0, transposedSize(axis.size, axis.kernel, axis.stride, axis.padding,
    axis.outputPadding, axis.dilation)))] : [];
  return m("mtr", m("mtd", row(left, mo("="), ...parts, ...right)));
}

/** The general rule, then rows and columns with numbers (one line for both when their numbers agree).
 * axes: [rows, cols] as axisLayout takes them. */
export function renderFormula(element, [rows, cols]) {
  const same = rows.size === cols.size && rows.kernel === cols.kernel;
  const lines = same ? [line(rows, t("page.formula.both"))]
    : [line(rows, t("page.formula.rows")), line(cols, t("page.formula.cols"))];
  const table = m("mtable", line(null), ...lines);
  table.setAttribute("columnalign", "left");
  table.setAttribute("rowspacing", "0.45em");
  const math = m("math", table);
  math.setAttribute("display", "block");
  element.replaceChildren(math);
}
