// The output-size rule in MathML, with this page's numbers put in, one line per axis.
import { outputSize } from "../../core/geometry.js";
import { t } from "../../core/i18n.js";
import { m, mi, mn, mo } from "../../core/mathml.js";

/** ⌊(I + 2P − D(K − 1) − 1) / S⌋ + 1 = O, with P₀ + P₁ written out when the padding is uneven. */
function axisLine(name, size, kernel, stride, padBefore, padAfter, dilation) {
  const padding = padBefore === padAfter
    ? [mo("+"), mn(2), mo("·"), mn(padBefore)]
    : [mo("+"), mn(padBefore), mo("+"), mn(padAfter)];
  const numerator = m("mrow", mn(size), ...padding, mo("−"), mn(dilation), mo("·"),
    m("mrow", mo("("), mn(kernel), mo("−"), mn(1), mo(")")), mo("−"), mn(1));
  const out = outputSize(size, kernel, stride, padBefore, padAfter, dilation);
  return m("mrow",
    m("msub", mi("O"), m("mtext", name)), mo("="),
    mo("⌊"), m("mfrac", numerator, mn(stride)), mo("⌋"), mo("+"), mn(1), mo("="), mn(Math.max(out, 0)));
}

/** The generic rule, then both axes with numbers. */
export function renderFormula(element, { height, width, kernel, stride, dilation, pads }) {
  const general = m("mrow", mi("O"), mo("="), mo("⌊"),
    m("mfrac",
      m("mrow", mi("I"), mo("+"), mn(2), mi("P"), mo("−"), mi("D"), m("mrow", mo("("), mi("K"), mo("−"), mn(1), mo(")")), mo("−"), mn(1)),
      mi("S")),
    mo("⌋"), mo("+"), mn(1));
  const table = m("mtable",
    m("mtr", m("mtd", general)),
    m("mtr", m("mtd", axisLine(t("page.formula.rows"), height, kernel[0], stride[0], pads[0], pads[1], dilation[0]))),
    m("mtr", m("mtd", axisLine(t("page.formula.cols"), width, kernel[1], stride[1], pads[2], pads[3], dilation[1]))));
  table.setAttribute("columnalign", "left");
  table.setAttribute("rowspacing", "0.6em");
  const math = m("math", table);
  math.setAttribute("display", "block");
  element.replaceChildren(math);
}
