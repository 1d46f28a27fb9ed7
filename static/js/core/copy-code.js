// The "Copy as PyTorch" button: the code goes on the clipboard, or is selected for Ctrl+C where the
// browser refuses the clipboard (a page opened from a file, an old browser).
import { t } from "./i18n.js";

/** code(): the code to copy, or a promise of it. */
export function bindCopyButton(code) {
  document.getElementById("copy-pytorch").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(await code());
      document.getElementById("copy-status").textContent = t("page.copied");
    } catch {
      window.getSelection().selectAllChildren(document.getElementById("pytorch-code"));
    }
  });
}
