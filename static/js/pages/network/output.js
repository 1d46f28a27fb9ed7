// The output's detail: softmax turns the logits (the dense layer's output) into probabilities; both
// come from the server.
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { element } from "./parts.js";

/** Fill `body` and `equation` for class `step` of the softmax layer `index`. */
export function renderOutput({ body, equation, layers, classes, index, step }) {
  const logits = layers[index - 1].data;
  const probabilities = layers[index].data;
  body.append(element("p", "detail-text", t("page.detail.softmax")));
  const table = element("table", "softmax-table");
  const head = element("tr");
  head.append(element("th", "", ""), element("th", "", t("page.detail.logit")), element("th", "", t("page.detail.probability")));
  table.append(head);
  probabilities.forEach((p, k) => {
    const tr = element("tr", k === step ? "current" : "");
    tr.append(element("th", "", classes[k]), element("td", "", fmt(logits[k])), element("td", "", `${(p * 100).toFixed(2)}%`));
    table.append(tr);
  });
  body.append(table);
  equation.append(element("div", "eq-line",
    `p(${classes[step]}) = e^${fmt(logits[step])} / Σ e^z = ${(probabilities[step] * 100).toFixed(2)}%`));
}
