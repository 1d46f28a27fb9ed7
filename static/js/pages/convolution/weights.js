// The weight counter: this convolution layer's weights against a dense layer's with the same input
// and output sizes (weight sharing in numbers), from the shapes the last request sent and got back.
import { lang, t } from "../../core/i18n.js";
import { span } from "../../core/equation.js";
import { shapeOf, weightCounts } from "./params.js";

const element = document.getElementById("weights");
const number = new Intl.NumberFormat(lang);

/** sent: the request body (input C×H×W, kernel F×C×kh×kw); shape: the answer's output shape (F, OH, OW). */
export function renderWeights(sent, shape) {
  const counts = weightCounts(shapeOf(sent.input, 3), shapeOf(sent.kernel, 4), shape);
  const { filters: f, channels: c, kh, kw } = counts;
  element.replaceChildren(
    span("weights-conv", t("page.weights.conv", { f, c, kh, kw, count: number.format(counts.conv) })),
    span("op", " · "),
    span("weights-dense", t("page.weights.dense", {
      in: number.format(counts.inputs), out: number.format(counts.outputs), count: number.format(counts.dense),
    })));
}
