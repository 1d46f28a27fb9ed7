// "Copy as PyTorch": the torch.nn.functional.conv2d call that computes what the page shows.
import { resolvePadding } from "../../core/geometry.js";

const TORCH_MODES = { reflect: "reflect", replicate: "replicate", circular: "circular" };

function literal(value) {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  return Number.isInteger(value) ? `${value}.` : String(value);
}

export function pytorchCode(state) {
  const kernelShape = [state.kernel[0][0].length, state.kernel[0][0][0].length];
  const lines = [
    "import torch",
    "import torch.nn.functional as F",
    "",
    `x = torch.tensor([${literal(state.input)}])  # (1, C, H, W)`,
    `w = torch.tensor(${literal(state.kernel)})  # (F, C/groups, kh, kw)`,
    `b = torch.tensor(${literal(state.bias)})  # (F,)`,
  ];
  if (state.mode === "convolution") {
    lines.push("w = torch.flip(w, dims=(2, 3))  # convolution turns the kernel 180°; conv2d itself does not");
  }
  const groups = state.groups > 1 ? `, groups=${state.groups}` : "";
  const args = `stride=(${state.stride.join(", ")}), dilation=(${state.dilation.join(", ")})${groups}`;
  if (state.paddingMode !== "zeros") {
    const [top, bottom, left, right] = resolvePadding(state.padding, kernelShape, state.dilation);
    lines.push(`x = F.pad(x, (${left}, ${right}, ${top}, ${bottom}), mode="${TORCH_MODES[state.paddingMode]}")`);
    lines.push(`y = F.conv2d(x, w, b, ${args})`);
  } else {
    const padding = typeof state.padding === "string" ? `"${state.padding}"` : `(${state.padding.join(", ")})`;
    lines.push(`y = F.conv2d(x, w, b, ${args}, padding=${padding})`);
  }
  lines.push("print(y)");
  return lines.join("\n");
}
