// The model picker, on both network pages: the shipped network, the stored ones, or an ONNX file
// chosen or dropped anywhere on the page, uploaded with a progress bar. A model opens at its own URL.
import { detailIn, get } from "../../core/api.js";
import { t } from "../../core/i18n.js";

/** The page's address for `model`, keeping the language and presentation mode of this one. */
export function modelUrl(model, shipped) {
  const params = new URLSearchParams();
  if (model !== shipped) params.set("model", model);
  for (const keep of ["lang", "present"]) {
    const value = new URLSearchParams(location.search).get(keep);
    if (value) params.set(keep, value);
  }
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ""}`;
}

/** POST the file to /api/models, reporting progress(sent fraction). -> its summary */
function upload(file, progress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/models?title=${encodeURIComponent(file.name.slice(0, 100))}`);
    request.setRequestHeader("content-type", "application/octet-stream");
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) progress(event.loaded / event.total);
    });
    request.addEventListener("load", () => (request.status < 300
      ? resolve(JSON.parse(request.responseText)) : reject(new Error(detailIn(request.responseText, request)))));
    request.addEventListener("error", () => reject(new Error(t("error.network", { detail: "" }).trim())));
    request.send(file);
  });
}

/**
 * Fill the picker with the models the server has, `current` chosen, and open what is picked, chosen
 * or dropped. -> the list (GET /api/models)
 */
export async function bindModelPicker(current) {
  const select = document.getElementById("model-select");
  const status = document.getElementById("model-status");
  const bar = document.getElementById("model-progress");
  const list = await get("/api/models");
  const shipped = list.models[0]?.name;
  select.replaceChildren(
    ...list.models.map((model) => new Option(t("page.model.shipped", { name: model.name }), model.name)),
    ...list.imported.map((model) => new Option(model.title ?? model.name.slice(0, 12), model.name)),
  );
  if (![...select.options].some((option) => option.value === current)) {
    select.append(new Option(current.slice(0, 12), current)); // a link to a model this list no longer holds
  }
  select.value = current;
  select.addEventListener("change", () => location.assign(modelUrl(select.value, shipped)));

  async function open(file) {
    if (!file) return;
    bar.hidden = false;
    bar.value = 0;
    status.textContent = t("page.model.uploading", { name: file.name, percent: "0%" });
    try {
      const summary = await upload(file, (fraction) => {
        bar.value = fraction;
        status.textContent = fraction < 1
          ? t("page.model.uploading", { name: file.name, percent: `${Math.round(fraction * 100)}%` })
          : t("page.model.reading", { name: file.name });
      });
      location.assign(modelUrl(summary.name, shipped));
    } catch (error) {
      bar.hidden = true;
      status.textContent = t("page.model.refused", { name: file.name, detail: error.message });
    }
  }
  document.getElementById("model-file").addEventListener("change", (event) => open(event.target.files[0]));
  document.addEventListener("dragover", (event) => {
    if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
  });
  document.addEventListener("drop", (event) => {
    const file = [...(event.dataTransfer?.files ?? [])].find((f) => f.name.toLowerCase().endsWith(".onnx"));
    if (!file) return; // an image dropped on a page's own image field is that field's business
    event.preventDefault();
    open(file);
  });
  return list;
}
