// The pooling output-size rule in MathML, with this page's numbers put in, one line per axis.
import { outputSize } from "../../core/geometry.js";
import { t } from "../../core/i18n.js";
import { m, mi, mn, mo } from "../../core/mathml.js";

/** O = ⌊(I + 2P − K) / S⌋ + 1 (pooling has no dilation, so D(K − 1) + 1 is just K). */
function line(label, size, kernel, stride, pad) {
  const numerator = label
    ? m("mrow", mn(size), mo("+"), mn(2), mo("·"), mn(pad), mo("−"), mn(kernel))
    : m("mrow", mi("I"), mo("+"), mn(2), mi("P"), mo("−"), mi("K"));
  const left = label ? m("msub", mi("O"), m("mtext", label)) : mi("O");
  const parts = [left, mo("="), mo("⌊"), m("mfrac", numerator, label ? mn(stride) : mi("S")), mo("⌋"), mo("+"), mn(1)];
  if (label) parts.push(mo("="), mn(Math.max(outputSize(size, kernel, stride, pad, pad), 0)));
  return m("mtr", m("mtd", m("mrow", ...parts)));
}

/** The general rule, then rows and columns with numbers. */
export function renderFormula(element, { height, width, size, stride, padding }) {
  const table = m("mtable",
    line(null),
    line(t("page.formula.rows"), height, size[0], stride[0], padding[0]),
    line(t("page.formula.cols"), width, size[1], stride[1], padding[1]));
  table.setAttribute("columnalign", "left");
  table.setAttribute("rowspacing", "0.6em");
  const math = m("math", table);
  math.setAttribute("display", "block");
  element.replaceChildren(math);
}
