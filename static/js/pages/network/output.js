// The output's detail: one class's logit turned into a probability two ways, softmax (all classes
// compete, the probabilities sum to 1) beside sigmoid (each class on its own), with every class's
// numbers in a table and both sums underneath. Every number is the API's.
import { span } from "../../core/equation.js";
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { percent } from "./heads.js";
import { element } from "./parts.js";

const DIGITS = 2; // decimals of a percentage in the table and the equations

/** The exponent −z of 1 + e^−z, written out as is: a negative logit goes in parentheses, −(−9.36). */
function negated(z) {
  return z < 0 ? `−(${fmt(z)})` : `−${fmt(z)}`;
}

function table(logits, probabilities, { sigmoid, sums }, classes, step) {
  const grid = element("table", "heads-table");
  grid.dataset.testid = "heads-table";
  const head = element("tr");
  head.append(element("th", "", ""), element("th", "", t("page.detail.logit")),
    element("th", "softmax", t("page.head.softmax")), element("th", "sigmoid", t("page.head.sigmoid")));
  grid.append(head);
  probabilities.forEach((p, k) => {
    const row = element("tr", k === step ? "current" : "");
    row.append(element("th", "", classes[k]), element("td", "", fmt(logits[k])),
      element("td", "softmax", percent(p, DIGITS)), element("td", "sigmoid", percent(sigmoid[k], DIGITS)));
    grid.append(row);
  });
  const total = element("tr", "heads-total");
  total.append(element("th", "", "Σ"), element("td", "", ""),
    element("td", "softmax", percent(sums.softmax, DIGITS)), element("td", "sigmoid", percent(sums.sigmoid, DIGITS)));
  grid.append(total);
  return grid;
}

/** Fill `body` and `equation` for class `step` of the output layer `index` (its input: the logits). */
export function renderOutput({ body, equation, layers, classes, heads, index, step }) {
  const logits = layers[index - 1].data;
  const probabilities = layers[index].data;
  const text = element("div", "detail-text heads-text");
  text.append(element("p", "", t("page.detail.softmax")), element("p", "", t("page.detail.sigmoid")),
    element("p", "", t("page.detail.two")));
  body.append(table(logits, probabilities, heads, classes, step), text);
  const z = fmt(logits[step]);
  const softmax = element("div", "eq-line");
  softmax.append(span("label", `${t("page.head.softmax")}: `), span("term", `p(${classes[step]}) = e^${z} / Σ e^z`),
    span("op", " = "), span("result", percent(probabilities[step], DIGITS)));
  const sigmoid = element("div", "eq-line");
  sigmoid.append(span("label", `${t("page.head.sigmoid")}: `),
    span("term", `σ(${z}) = 1 / (1 + e^${negated(logits[step])})`),
    span("op", " = "), span("result", percent(heads.sigmoid[step], DIGITS)));
  equation.append(softmax, sigmoid);
}
