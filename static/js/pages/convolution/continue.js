// "Continue with this output → ReLU": the output map of the current step's filter, as the API
// returned it, becomes the activation page's feature map. That page takes one map of at most
// LIMITS.side cells a side; a larger output disables the button and says why.
import { ContinueButton } from "../../core/chain.js";
import { t } from "../../core/i18n.js";
import { encodeMatrix } from "../../core/urlstate.js";
import { LIMITS } from "../activation/state.js";

/** -> {update(page, step): carry the output of the filter shown at `step`; stale(result): that answer no
 * longer matches the settings (a problem is shown), so there is nothing to carry until the next one}. */
export function bindContinue(button) {
  const next = new ContinueButton(button);
  let shown = null; // {result, f}: what the button reflects, so frames do not rewrite it; f null: stale
  const stale = (result) => {
    shown = { result, f: null };
    next.refuse(t("page.continue"), t("page.continue.stale"));
  };
  const update = (page, step) => {
    const { result } = page;
    if (!result) return;
    const filters = result.output.length;
    const f = result.trace.cell[step]?.[0] ?? 0;
    if (shown?.result === result && (shown.f === f || shown.f === null)) return;
    shown = { result, f };
    const map = result.output[f];
    const label = filters > 1 ? t("page.continue.filter", { f: f + 1 }) : t("page.continue");
    const [rows, cols] = [map.length, map[0].length];
    if (rows > LIMITS.side || cols > LIMITS.side) {
      next.refuse(label, t("page.continue.too.big", { side: LIMITS.side, rows, cols }));
    } else {
      next.offer({ path: "/activation", query: { f: "relu", map: encodeMatrix(map) }, label });
    }
  };
  return { update, stale };
}
