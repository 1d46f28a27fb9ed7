// Geometry checks that explain themselves in words, before the server is asked.
import { resolvePadding } from "../../core/geometry.js";
import { t } from "../../core/i18n.js";

/** Why these settings cannot work, in the reader's language; null when they can. */
export function whyImpossible(state) {
  const [h, w] = [state.input[0].length, state.input[0][0].length];
  const kernel = [state.kernel[0][0].length, state.kernel[0][0][0].length];
  const [channels, filters, groups] = [state.input.length, state.kernel.length, state.groups];
  if (channels % groups !== 0 || filters % groups !== 0) return t("page.why.groups", { groups, channels, filters });
  if (state.padding === "same" && (state.stride[0] !== 1 || state.stride[1] !== 1)) return t("page.why.same");
  const pads = resolvePadding(state.padding, kernel, state.dilation);
  for (const [pad, size] of [[Math.max(pads[0], pads[1]), h], [Math.max(pads[2], pads[3]), w]]) {
    if (state.paddingMode === "reflect" && pad >= size) return t("page.why.reflect", { pad, size });
    if (state.paddingMode === "circular" && pad > size) return t("page.why.circular", { pad, size });
  }
  const extent = [state.dilation[0] * (kernel[0] - 1) + 1, state.dilation[1] * (kernel[1] - 1) + 1];
  const padded = [h + pads[0] + pads[1], w + pads[2] + pads[3]];
  if (extent[0] > padded[0] || extent[1] > padded[1]) {
    const key = state.dilation[0] > 1 || state.dilation[1] > 1 ? "page.why.dilated" : "page.why.kernel";
    return t(key, { eh: extent[0], ew: extent[1], ph: padded[0], pw: padded[1] });
  }
  return null;
}
