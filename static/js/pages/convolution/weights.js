// The weight counter: this convolution layer's weights against a dense layer's with the same input
// and output sizes (weight sharing in numbers), from the shapes the last request sent and got back.
import { lang, t } from "../../core/i18n.js";
import { span } from "../../core/equation.js";
import { shapeOf, weightCounts } from "./params.js";

const element = document.getElementById("weights");
const number = new Intl.NumberFormat(lang);

/** sent: the request body (input C×H×W, kernel F×(C/groups)×kh×kw); shape: the answer's output shape (F, OH, OW).
 * With several channels, a standard convolution (when this one has groups) and a depthwise-separable one
 * stand beside it: the parameters that grouped and depthwise layers save. */
export function renderWeights(sent, shape) {
  const counts = weightCounts(shapeOf(sent.input, 3), shapeOf(sent.kernel, 4), shape);
  const { filters: f, slices, channels: c, kh, kw } = counts;
  const groups = sent.groups ?? 1;
  const conv = groups > 1 ? "page.weights.grouped" : "page.weights.conv";
  const parts = [span("weights-conv", t(conv, { f, c: slices, kh, kw, groups, count: number.format(counts.conv) }))];
  const beside = (name, count) =>
    span(`weights-${name}`, t(`page.weights.${name}`, { f, c, kh, kw, count: number.format(count) }));
  if (groups > 1) parts.push(beside("standard", counts.standard));
  if (c > 1 && kh * kw > 1) parts.push(beside("separable", counts.separable)); // a 1×1 is already its own second half
  parts.push(span("weights-dense", t("page.weights.dense", {
    in: number.format(counts.inputs), out: number.format(counts.outputs), count: number.format(counts.dense),
  })));
  element.replaceChildren(...parts.flatMap((part, k) => (k ? [span("op", " · "), part] : [part])));
}
