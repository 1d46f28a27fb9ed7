// "Continue with this output → pooling": the activated map, as the API returned it, becomes the
// pooling page's input (one channel; the pooling page takes up to 12 cells a side, more than a map
// here can have).
import { ContinueButton } from "../../core/chain.js";
import { t } from "../../core/i18n.js";
import { encodeMatrix } from "../../core/urlstate.js";

/** -> {offer(output): carry this activated map; stale(): the map shown no longer matches the settings}. */
export function bindContinue(button) {
  const next = new ContinueButton(button);
  return {
    offer: (output) => next.offer({ path: "/pooling", query: { in: encodeMatrix(output) }, label: t("page.continue") }),
    stale: () => next.refuse(t("page.continue"), t("page.continue.stale")),
  };
}
