// Settings that cannot work, said in one sentence before the server is asked.
import { t } from "../../core/i18n.js";
import { transposedSize } from "./geometry.js";
import { axesOf } from "./state.js";

/** Why these settings cannot work, in the reader's language; null when they can. */
export function whyImpossible(state) {
  const { stride, padding, outputPadding, dilation } = state;
  if (outputPadding >= Math.max(stride, dilation)) {
    return t("page.why.output_padding", { op: outputPadding, s: stride, d: dilation });
  }
  for (const axis of axesOf(state)) {
    const size = transposedSize(axis.size, axis.kernel, stride, padding, outputPadding, dilation);
    if (size < 1) return t("page.why.cropped", { p: padding, i: axis.size, k: axis.kernel, size });
  }
  return null;
}
