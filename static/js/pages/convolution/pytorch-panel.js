// The "Copy as PyTorch" panel: closed on a first view, so pytorch.js is fetched when it is first
// opened (or its Copy button used); while open it follows the state.
import { bindCopyButton } from "../../core/copy-code.js";

const panel = document.querySelector("details.pytorch");
const code = document.getElementById("pytorch-code");
const pytorchModule = () => import("./pytorch.js");

/** state(): the page's state. -> show(): write the state as PyTorch code, while the panel is open. */
export function bindPytorchPanel(state) {
  async function show() {
    if (!panel.open) return;
    const { pytorchCode } = await pytorchModule();
    code.textContent = pytorchCode(state());
  }
  panel.addEventListener("toggle", show);
  bindCopyButton(async () => (await pytorchModule()).pytorchCode(state()));
  return show;
}
