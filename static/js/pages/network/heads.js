// The two ways to turn the logits into probabilities, side by side: the model's own softmax, and
// sigmoid of each logit on its own. The engine computes both sums too (one small graph through
// POST /api/forward): the page only lays the numbers out.
import { post } from "../../core/api.js";
import { unpack } from "../../core/arrays.js";

/** The graph run on the logits (as a 1×K image): sigmoid, and each head summed by a dense layer of ones. */
function graph(logits) {
  const ones = [Array.from(logits, () => 1)];
  const summed = (head) => [
    { type: "flatten", name: `${head}_flat`, inputs: [head] },
    { type: "dense", name: `${head}_sum`, inputs: [`${head}_flat`], weight: ones },
  ];
  return {
    input: [Array.from(logits)],
    layers: [
      { type: "sigmoid", name: "sigmoid", inputs: ["input"] },
      ...summed("sigmoid"),
      { type: "softmax", name: "softmax", inputs: ["input"] },
      ...summed("softmax"),
    ],
    outputs: ["sigmoid", "sigmoid_sum", "softmax_sum"],
    encoding: "base64",
  };
}

/** logits: the dense layer's output. -> {sigmoid: Float32Array, sums: {softmax, sigmoid}} */
export async function askHeads(logits) {
  const answer = await post("/api/forward", graph(logits));
  const output = Object.fromEntries(answer.layers.map((layer) => [layer.name, unpack(layer.output).data]));
  return { sigmoid: output.sigmoid, sums: { softmax: output.softmax_sum[0], sigmoid: output.sigmoid_sum[0] } };
}

/** A probability as a percentage for reading (0.9871 -> "98.7%"). */
export function percent(p, digits = 1) {
  return `${(p * 100).toFixed(digits)}%`;
}
