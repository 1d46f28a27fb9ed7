// The convolution page: settings -> POST /api/convolve (with a trace) -> grids, equation, formula.
import { ApiError, latest } from "../../core/api.js";
import { scaleFor, renderLegend } from "../../core/colormap.js";
import { renderEquation } from "../../core/equation.js";
import { startExplorer } from "../../core/explorer.js";
import { fmt } from "../../core/format.js";
import { coverage, resolvePadding } from "../../core/geometry.js";
import { Grid, READABLE } from "../../core/grid.js";
import { t } from "../../core/i18n.js";
import { whyImpossible } from "./checks.js";
import { renderFormula } from "./formula.js";
import { fillForm, readForm } from "./settings.js";
import { normalise, readState, requestBody, writeState } from "./state.js";

const FLIP_MS = 700;
const convolve = latest("/api/convolve");
const form = document.getElementById("settings");
const problem = document.getElementById("problem");
const equation = document.getElementById("equation");
const live = document.getElementById("live");
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

let state = readState();
let result = null; // the last answer: {output, shape, trace}
let hoverStep = null; // an output cell under the pointer overrides the player's step
const views = { inputs: [], kernels: [], outputs: [] };
const gridsBy = new Map(); // panel id -> its grids, rebuilt only when their number changes

let imageMode = null; // loaded with its module the first time an image is the source

/** Image mode's code is a third of the page's script: it is fetched only when an image is chosen. */
async function images() {
  if (imageMode) return imageMode;
  const { ImageMode } = await import("./image-mode.js");
  imageMode ??= new ImageMode({
    onRegion: (region, zoom) => {
      state.input = region.map((plane) => plane.map((row) => row.map(Math.round)));
      state.zoom = zoom;
      state = normalise(state);
      refresh({ maps: false });
    },
    onError: (detail) => showProblem(detail),
  });
  return imageMode;
}
let mapsKey = ""; // the kernels and parameters the feature maps were drawn with

const { player, saveUrl, syncTransport, setSteps } = startExplorer({
  state: () => state, write: writeState, onFrame: (step) => show(step),
});

form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("change", (event) => {
  const name = event.target.name;
  if (name === "source" || name === "upload") {
    chooseSource(name);
    return;
  }
  const modeChanged = name === "mode";
  state = readForm(form, state, name);
  if (name === "preset") form.elements.preset.value = "";
  fillForm(form, state);
  if (state.source !== "numbers" && name === "channels") chooseSource(name);
  else if (state.source !== "numbers") imageMode?.setZoom([state.input[0].length, state.input[0][0].length], state.zoom);
  refresh({ flip: modeChanged && state.mode === "convolution" });
});

// ---- image mode ---------------------------------------------------------------------------------

/** Image channels follow the page: RGB when it has 3 input channels, grey otherwise. */
function imageChannels() {
  return state.input.length === 3 ? 3 : 1;
}

async function chooseSource(changed) {
  const value = form.elements.source.value;
  if (value === "numbers") {
    state.source = "numbers";
    imageMode?.hide();
    saveUrl();
    return;
  }
  if (value === "upload" && changed === "source") {
    form.elements.upload.click(); // its change event comes back here with the file
    return;
  }
  try {
    const mode = await images();
    mode.setZoom([state.input[0].length, state.input[0][0].length], state.zoom);
    if (value === "upload") await mode.load("file", form.elements.upload.files[0], imageChannels());
    else if (value === "webcam") await mode.load("webcam", null, imageChannels());
    else await mode.load("sample", value, imageChannels());
    state.source = value;
    mapsKey = "";
    refreshMaps();
  } catch (error) {
    showProblem(t("page.image.webcamError", { detail: error.message }));
  }
}

function showProblem(text) {
  problem.hidden = !text;
  problem.textContent = text ? t("page.error.impossible", { detail: text }) : "";
  document.querySelector(".grids").classList.toggle("stale", Boolean(text));
}

// ---- asking the server --------------------------------------------------------------------------

async function refresh({ flip = false, maps = true } = {}) {
  renderFormulaNow();
  showPytorch();
  if (maps) refreshMaps();
  const reason = whyImpossible(state);
  if (reason) {
    showProblem(reason);
    saveUrl();
    return;
  }
  try {
    const answer = await convolve(requestBody(state));
    showProblem(null);
    result = answer;
    build();
    setSteps(answer.trace.steps);
    if (flip && !reducedMotion.matches) animateFlip();
  } catch (error) {
    if (error.name === "AbortError") return;
    showProblem(error instanceof ApiError ? error.detail : t("error.network", { detail: error.message }));
  }
  saveUrl();
}

/** Redraw the feature maps when the kernels or parameters they depend on have changed. */
function refreshMaps() {
  if (state.source === "numbers") return;
  const { input, trace, ...rest } = requestBody(state);
  const key = JSON.stringify(rest);
  if (key === mapsKey) return;
  mapsKey = key;
  imageMode?.renderMaps(rest);
}

function renderFormulaNow() {
  const kernel = [state.kernel[0][0].length, state.kernel[0][0][0].length];
  renderFormula(document.getElementById("formula"), {
    height: state.input[0].length, width: state.input[0][0].length, kernel, stride: state.stride,
    dilation: state.dilation, pads: resolvePadding(state.padding, kernel, state.dilation),
  });
}

// ---- building the grids for an answer ----------------------------------------------------------

function panelGrids(containerId, count, make) {
  const container = document.getElementById(containerId);
  const existing = gridsBy.get(containerId) ?? [];
  if (existing.length === count) return existing;
  container.replaceChildren();
  const grids = Array.from({ length: count }, (_, index) => {
    const holder = document.createElement("div");
    holder.className = "grid-holder";
    container.append(holder);
    return make(holder, index);
  });
  gridsBy.set(containerId, grids);
  return grids;
}

function caption(holder, text) {
  const label = document.createElement("div");
  label.className = "grid-label";
  label.textContent = text;
  holder.prepend(label);
}

function build() {
  const { trace } = result;
  const channels = trace.padded_input.length;
  const filters = trace.kernel.length;
  views.inputs = panelGrids("input-grids", channels, (holder, c) => {
    if (channels > 1) caption(holder, t("page.grid.channel", { c: c + 1 }));
    const grid = new Grid(holder, {
      label: channels > 1 ? `${t("page.grid.input")} · ${t("page.grid.channel", { c: c + 1 })}` : t("page.grid.input"),
      editable: true, testId: `input-${c}`,
      cellLabel: (row, col) => t("page.cell.input", { row, col }),
      onEdit: (row, col, value) => { state.input[c][row][col] = value; refresh(); },
    });
    grid.onCell("mouseover", (r, cc) => feeds(r, cc));
    grid.onCell("mouseout", () => feeds(null));
    return grid;
  });
  views.kernels = panelGrids("kernel-grids", channels, (holder, c) => {
    if (channels > 1) caption(holder, t("page.grid.channel", { c: c + 1 }));
    return new Grid(holder, {
      label: t("page.grid.kernel"), editable: true, testId: `kernel-${c}`,
      cellLabel: (row, col) => t("page.cell.kernel", { row, col }),
      onEdit: (row, col, value) => { editKernel(c, row, col, value); },
    });
  });
  views.outputs = panelGrids("output-grids", filters, (holder, f) => {
    if (filters > 1) caption(holder, t("page.grid.filter", { f: f + 1 }));
    const grid = new Grid(holder, {
      label: filters > 1 ? `${t("page.grid.output")} · ${t("page.grid.filter", { f: f + 1 })}` : t("page.grid.output"),
      testId: `output-${f}`,
      cellLabel: (row, col) => t("page.cell.output", { row, col, value: fmt(outputAt(f, row, col)) }),
    });
    grid.onCell("mouseover", (r, c) => { hoverStep = stepOf(f, r, c); show(hoverStep); });
    grid.onCell("mouseout", () => { hoverStep = null; show(player.step); });
    grid.onCell("click", (r, c) => { player.pause(); player.go(stepOf(f, r, c)); });
    return grid;
  });
  const [kh, kw] = [trace.kernel[0][0].length, trace.kernel[0][0][0].length];
  const [hp, wp] = [trace.padded_input[0].length, trace.padded_input[0][0].length];
  fitCells("input-grids", channels * hp, wp);
  fitCells("kernel-grids", channels * kh, kw);
  fitCells("output-grids", filters * result.output[0].length, result.output[0][0].length);
  const pads = trace.padding;
  const cover = state.coverage ? coverageCounts() : null;
  // Beyond READABLE cells a side the input becomes a heat map too, on one scale for all channels.
  const inputScale = hp > READABLE || wp > READABLE ? scaleFor(trace.padded_input.flat(2)) : null;
  const inputLegend = document.getElementById("input-legend");
  if (inputScale) renderLegend(inputLegend, inputScale);
  else inputLegend.replaceChildren();
  views.inputs.forEach((grid, c) => {
    grid.setData(trace.padded_input[c], { pads, scale: inputScale });
    grid.table.classList.toggle("coverage", Boolean(cover));
  });
  const outputs = result.output; // F × OH × OW
  const scale = scaleFor(outputs.flat(2));
  views.outputs.forEach((grid, f) => grid.setData(outputs[f], { scale }));
  renderLegend(document.getElementById("output-legend"), scale);
  document.getElementById("input-caption").textContent =
    pads.some((p) => p > 0) ? t("page.grid.input.padded") : t("page.grid.input");
  show(hoverStep ?? player.step);
}

/** Cell size for a panel showing `rows` × `cols` cells in all: smaller cells for bigger grids. */
function fitCells(id, rows, cols) {
  const rem = Math.min(5.5, Math.max(1.5, Math.min(34 / rows, 26 / cols)));
  document.getElementById(id).style.setProperty("--fit", `${rem.toFixed(2)}rem`);
}

function outputAt(f, row, col) {
  return result?.output[f]?.[row]?.[col];
}

function stepOf(f, row, col) {
  const [, oh, ow] = [result.output.length, result.output[0].length, result.output[0][0].length];
  return f * oh * ow + row * ow + col;
}

/** The user types into the kernel as it is shown (turned, in convolution mode): store it unturned. */
function editKernel(c, row, col, value) {
  const f = result ? result.trace.cell[player.step][0] : 0;
  const slice = state.kernel[f][c];
  const [kh, kw] = [slice.length, slice[0].length];
  if (state.mode === "convolution") slice[kh - 1 - row][kw - 1 - col] = value;
  else slice[row][col] = value;
  fillForm(form, state);
  refresh();
}

function coverageCounts() {
  const [h, w] = [state.input[0].length, state.input[0][0].length];
  const kernel = [state.kernel[0][0].length, state.kernel[0][0][0].length];
  return coverage(h, w, kernel, state.stride, state.dilation, resolvePadding(state.padding, kernel, state.dilation));
}

// ---- one step on screen -------------------------------------------------------------------------

function show(step) {
  if (!result) return;
  const { trace } = result;
  const s = Math.min(step, trace.steps - 1);
  const [f, i, j] = trace.cell[s];
  const rows = trace.rows[s];
  const cols = trace.cols[s];
  const window = rows.flatMap((r) => cols.map((c) => [r, c]));
  const kernel = trace.kernel[f];
  const cover = state.coverage ? coverageCounts() : null;
  const [top, , left] = trace.padding;
  views.inputs.forEach((grid, c) => {
    grid.mark("win", window);
    grid.badges((r, cc) => {
      const m = rows.indexOf(r);
      const n = cols.indexOf(cc);
      if (m >= 0 && n >= 0) return `×${fmt(kernel[c][m][n])}`;
      if (cover) return cover[r - top]?.[cc - left] !== undefined ? String(cover[r - top][cc - left]) : "";
      return null;
    });
    grid.showWindow([rows[0], cols[0], rows[rows.length - 1], cols[cols.length - 1]]);
  });
  views.kernels.forEach((grid, c) => grid.setData(kernel[c]));
  const kernelName = state.mode === "convolution" ? t("page.grid.kernel.turned") : t("page.grid.kernel");
  document.getElementById("kernel-caption").textContent =
    trace.kernel.length > 1 ? `${kernelName} · ${t("page.grid.filter", { f: f + 1 })}` : kernelName;
  const oh = result.output[0].length;
  const ow = result.output[0][0].length;
  views.outputs.forEach((grid, g) => {
    grid.mark("win", g === f ? [[i, j]] : []);
    const later = [];
    for (let r = 0; r < oh; r++) for (let c = 0; c < ow; c++) if (stepOf(g, r, c) > s) later.push([r, c]);
    grid.mark("later", later);
  });
  const sentence = renderEquation(equation, trace, s);
  document.getElementById("explain-step").textContent = t("page.explain.conv", {
    kh: kernel[0].length, kw: kernel[0][0].length, equation: sentence,
  });
  if (hoverStep === null) live.textContent = sentence;
}

/** Hovering an input cell marks every output cell whose window reads it. */
function feeds(r, c) {
  if (!result) return;
  const { trace } = result;
  const fed = [];
  if (r !== null) {
    for (let s = 0; s < trace.steps; s++) {
      if (trace.rows[s].includes(r) && trace.cols[s].includes(c)) fed.push(trace.cell[s]);
    }
  }
  views.outputs.forEach((grid, f) => grid.mark("fed", fed.filter(([g]) => g === f).map(([, i, j]) => [i, j])));
}

// Hovering a term of the equation points at its input and kernel cells.
equation.addEventListener("mouseover", (event) => {
  const term = event.target.closest(".term");
  if (!term || !result) return;
  const s = Math.min(hoverStep ?? player.step, result.trace.steps - 1);
  const { c, m, n } = term.dataset;
  views.inputs[c]?.mark("focus", [[result.trace.rows[s][m], result.trace.cols[s][n]]]);
  views.kernels[c]?.mark("focus", [[Number(m), Number(n)]]);
});
equation.addEventListener("mouseout", () => {
  views.inputs.forEach((grid) => grid.mark("focus", []));
  views.kernels.forEach((grid) => grid.mark("focus", []));
});

// ---- the kernel's 180° turn ---------------------------------------------------------------------

/** The new (turned) kernel starts upside down, where the old one was, and turns into place. */
function animateFlip() {
  const panel = document.getElementById("kernel-grids");
  panel.animate([{ transform: "rotate(-180deg)" }, { transform: "rotate(0deg)" }],
    { duration: FLIP_MS, easing: "ease-in-out" });
}

// ---- copy as PyTorch ----------------------------------------------------------------------------

// The panel is closed on a first view, so its code is fetched when it is first opened.
const pytorchPanel = document.querySelector("details.pytorch");
const pytorchModule = () => import("./pytorch.js");

/** Write the state as PyTorch code in the panel, while it is open. */
async function showPytorch() {
  if (!pytorchPanel.open) return;
  const { pytorchCode } = await pytorchModule();
  document.getElementById("pytorch-code").textContent = pytorchCode(state);
}
pytorchPanel.addEventListener("toggle", showPytorch);

document.getElementById("copy-pytorch").addEventListener("click", async () => {
  const status = document.getElementById("copy-status");
  try {
    const { pytorchCode } = await pytorchModule();
    await navigator.clipboard.writeText(pytorchCode(state));
    status.textContent = t("page.copied");
  } catch {
    window.getSelection().selectAllChildren(document.getElementById("pytorch-code"));
  }
});

// ---- start --------------------------------------------------------------------------------------

// Cells change size with the window and with presentation mode: keep the window frame on its cells.
new ResizeObserver(() => show(hoverStep ?? player.step)).observe(document.querySelector(".grids"));
fillForm(form, state);
syncTransport();
if (state.source !== "numbers" && !["upload", "webcam"].includes(state.source)) {
  images().then((mode) => {
    mode.setZoom([state.input[0].length, state.input[0][0].length], state.zoom);
    return mode.load("sample", state.source, imageChannels());
  }).then(refreshMaps, (error) => showProblem(error.message));
} else {
  state.source = "numbers"; // an upload or a webcam picture cannot travel in a link
  refresh();
}
