// Naming an imported model's classes from the page: ImageNet's 1,000 (offered for a model with 1,000
// outputs) or a text file, one name a line. The server keeps the names with the model
// (PUT /api/models/{name}/labels), so every later answer carries them, for every visitor.
import { putText } from "../../core/api.js";
import { t } from "../../core/i18n.js";

const IMAGENET_CLASSES = 1000;
const LARGEST_LIST = 1 << 20; // bytes: thousands of names of up to 200 characters; a larger file is no list of names

/** model: the model's name; onNamed(): ask again, so the top classes come back named. -> {offer(classes)} */
export function bindClassNames(model, onNamed) {
  const box = document.getElementById("class-names");
  const imagenet = document.getElementById("names-imagenet");
  const file = document.getElementById("names-file");
  const status = document.getElementById("names-status");

  async function nameClasses(text, source) {
    try {
      const summary = await putText(`/api/models/${encodeURIComponent(model)}/labels`, text);
      status.textContent = t("page.model.names.done", { count: summary.labels.length.toLocaleString("en"), source });
      onNamed();
    } catch (error) {
      status.textContent = t("page.model.names.refused", { source, detail: error.message });
    }
  }

  imagenet.addEventListener("click", async () => {
    const source = t("page.model.names.imagenet.source");
    try {
      const list = await fetch(imagenet.dataset.url); // a static file of the app's own, fetched when asked for
      if (!list.ok) throw new Error(`${list.status} ${list.statusText}`.trim());
      nameClasses(await list.text(), source);
    } catch (error) {
      status.textContent = t("page.model.names.refused", { source, detail: error.message });
    }
  });
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    file.value = ""; // choosing the same file again names the classes again
    if (!chosen) return;
    if (chosen.size > LARGEST_LIST) {
      status.textContent = t("page.model.names.refused", { source: chosen.name, detail: t("page.model.names.large") });
      return;
    }
    nameClasses(await chosen.text(), chosen.name);
  });
  return {
    /** Show the control for an output of `classes` scores. */
    offer(classes) {
      box.hidden = false;
      imagenet.hidden = classes !== IMAGENET_CLASSES;
    },
  };
}
