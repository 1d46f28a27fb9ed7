// The convolution page: settings -> POST /api/convolve (with a trace) -> grids, equation, formula.
// This file wires the parts, which share `page`: requests.js asks the server, grids.js builds an
// answer's grids, step.js draws one step, image-source.js runs image mode (fetched the first time
// an image is the source), pytorch-panel.js the code.
import { startExplorer } from "../../core/explorer.js";
import { problemLine } from "../../core/problem.js";
import { bindContinue } from "./continue.js";
import { bindPytorchPanel } from "./pytorch-panel.js";
import { refresh } from "./requests.js";
import { fillForm, readForm } from "./settings.js";
import { readState, writeState } from "./state.js";
import { bindEquationHover, showStep } from "./step.js";

const form = document.getElementById("settings");
const grids = document.querySelector(".grids");
const weights = document.getElementById("weights");
const continueButton = bindContinue(document.getElementById("continue"));
const showProblem = problemLine({ framing: "page.error.impossible", stale: [grids, weights] });

const page = {
  form,
  state: readState(),
  result: null, // the last answer: {output, shape, trace, sent: its request body}
  hoverStep: null, // an output cell under the pointer overrides the player's step
  views: { inputs: [], kernels: [], originals: [], outputs: [] }, // originals: the kernel as written (convolution)
  images: null, // the ImageSource, once an image has been the source
  showProblem: (detail, key) => {
    showProblem(detail, key);
    if (detail) continueButton.stale(page.result);
  },
  refresh: (options) => refresh(page, options),
  show: (step) => {
    showStep(page, step);
    // the player's step, not a hovered one: the label must not change on the way to the button
    if (page.player) continueButton.update(page, Math.min(page.player.step, (page.result?.trace.steps ?? 1) - 1));
  },
};
// -> page.player, page.predictor, page.saveUrl, page.syncTransport, page.setSteps
Object.assign(page, startExplorer({
  state: () => page.state, write: writeState, predict: true, onFrame: (step) => page.show(step),
}));
page.showPytorch = bindPytorchPanel(() => page.state);
let imageSource = null;
const images = () => (imageSource ??= import("./image-source.js").then(({ ImageSource }) => {
  page.images = new ImageSource(page);
  return page.images;
}));

form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("change", (event) => {
  const name = event.target.name;
  if (name === "source" && form.elements.source.value === "upload") {
    form.elements.upload.click(); // the file dialog opens only in the user's own turn; its change comes back here
    return;
  }
  if (name === "source" || name === "upload") {
    images().then((source) => source.choose());
    return;
  }
  const modeChanged = name === "mode";
  page.state = readForm(form, page.state, name);
  if (name === "preset") form.elements.preset.value = "";
  fillForm(form, page.state);
  if (page.state.source !== "numbers" && name === "channels") images().then((source) => source.choose());
  else if (page.state.source !== "numbers") page.images?.followZoom();
  page.refresh({ flip: modeChanged && page.state.mode === "convolution" });
});
bindEquationHover(page);

// Cells change size with the window and with presentation mode: keep the window frame on its cells.
new ResizeObserver(() => page.show(page.hoverStep ?? page.player.step)).observe(grids);
fillForm(form, page.state);
page.syncTransport();
if (["numbers", "upload", "webcam"].includes(page.state.source)) {
  page.state.source = "numbers"; // an upload or a webcam picture cannot travel in a link
  page.refresh();
} else {
  images().then((source) => source.start());
}
