// "Copy as PyTorch": the torch.nn.functional call that computes what the page shows.
import { strideOf } from "./state.js";

function literal(value) {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  return Number.isInteger(value) ? `${value}.` : String(value);
}

export function pytorchCode(state) {
  const args = `kernel_size=(${state.size.join(", ")}), stride=(${strideOf(state).join(", ")}), `
    + `padding=(${state.padding.join(", ")})`;
  const call = state.kind === "max" ? `F.max_pool2d(x, ${args})` : `F.avg_pool2d(x, ${args}, count_include_pad=True)`;
  return [
    "import torch",
    "import torch.nn.functional as F",
    "",
    `x = torch.tensor([${literal(state.input)}])  # (1, C, H, W)`,
    `y = ${call}`,
    "print(y)",
  ].join("\n");
}
