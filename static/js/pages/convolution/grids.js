// The grids for an answer: input channels (editable, hover shows the outputs they feed), kernel
// slices (editable as shown; in convolution mode the kernel as written too, beside the turned one),
// output maps (hover or click picks a step), with legends, captions and the weight counter.
import { renderLegend, scaleFor } from "../../core/colormap.js";
import { fmt } from "../../core/format.js";
import { Grid, READABLE } from "../../core/grid.js";
import { t } from "../../core/i18n.js";
import { fitCells, panelGrids } from "../../core/panels.js";
import { turnedCell } from "./indices.js";
import { fillForm } from "./settings.js";
import { stepOf } from "./step.js";
import { renderWeights } from "./weights.js";

const FLIP_MS = 700;
// Rem of height and width a panel's cells share, all channels (or filters) stacked together.
const ROOM = { height: 34, width: 26 };

export function buildGrids(page) {
  const { result, views } = page;
  const { trace } = result;
  page.predictor.setNumbers(JSON.stringify([result.sent, result.output]));
  const channels = trace.padded_input.length;
  const filters = trace.kernel.length;
  const channelCaption = (c) => t("page.grid.channel", { c: c + 1 });
  views.inputs = panelGrids(document.getElementById("input-grids"), views.inputs, channels, (holder, c) => {
    const grid = new Grid(holder, {
      label: channels > 1 ? `${t("page.grid.input")} · ${channelCaption(c)}` : t("page.grid.input"),
      editable: true, testId: `input-${c}`,
      cellLabel: (row, col) => t("page.cell.input", { row, col }),
      onEdit: (row, col, value) => { page.state.input[c][row][col] = value; page.refresh(); },
    });
    grid.onCell("mouseover", (r, cc) => feeds(page, r, cc));
    grid.onCell("mouseout", () => feeds(page, null));
    return grid;
  }, channelCaption);
  const turned = result.sent.mode === "convolution";
  const slices = trace.kernel[0].length; // the channels each filter reads: C/groups
  views.kernels = panelGrids(document.getElementById("kernel-grids"), views.kernels, slices, (holder, c) =>
    new Grid(holder, {
      label: t("page.grid.kernel"), editable: true, testId: `kernel-${c}`,
      cellLabel: (row, col) => t("page.cell.kernel", { row, col }),
      onEdit: (row, col, value) => editKernel(page, c, row, col, value, page.result.sent.mode === "convolution"),
    }), channelCaption);
  document.getElementById("original-panel").hidden = !turned;
  document.getElementById("turn").hidden = !turned;
  document.querySelector(".kernel-group").classList.toggle("turned", turned);
  if (turned) {
    views.originals = panelGrids(document.getElementById("original-grids"), views.originals, slices, (holder, c) =>
      new Grid(holder, {
        label: t("page.grid.kernel.original"), editable: true, testId: `original-${c}`,
        cellLabel: (row, col) => t("page.cell.original", { row, col }),
        onEdit: (row, col, value) => editKernel(page, c, row, col, value, false),
      }), channelCaption);
  }
  const filterCaption = (f) => t("page.grid.filter", { f: f + 1 });
  views.outputs = panelGrids(document.getElementById("output-grids"), views.outputs, filters, (holder, f) => {
    const grid = new Grid(holder, {
      label: filters > 1 ? `${t("page.grid.output")} · ${filterCaption(f)}` : t("page.grid.output"),
      testId: `output-${f}`,
      cellLabel: (row, col) => t("page.cell.output", { row, col, value: fmt(page.result?.output[f]?.[row]?.[col]) }),
    });
    grid.onCell("mouseover", (r, c) => {
      if (page.predictor.on) return; // the question stays the player's step
      page.hoverStep = stepOf(page.result, f, r, c);
      page.show(page.hoverStep);
    });
    grid.onCell("mouseout", () => {
      if (page.hoverStep === null) return;
      page.hoverStep = null;
      page.show(page.player.step);
    });
    grid.onCell("click", (r, c) => { page.player.pause(); page.player.go(stepOf(page.result, f, r, c)); });
    return grid;
  }, filterCaption);
  const [kh, kw] = [trace.kernel[0][0].length, trace.kernel[0][0][0].length];
  const [hp, wp] = [trace.padded_input[0].length, trace.padded_input[0][0].length];
  fitCells(document.getElementById("input-grids"), channels * hp, wp, ROOM);
  fitCells(document.getElementById("kernel-grids"), slices * kh, kw, ROOM);
  if (turned) fitCells(document.getElementById("original-grids"), slices * kh, kw, ROOM); // scaled down by CSS
  const [oh, ow] = [result.output[0].length, result.output[0][0].length];
  fitCells(document.getElementById("output-grids"), filters * oh, ow, ROOM);
  const stage = document.querySelector(".grids");
  stage.classList.toggle("stacked", channels > 1 || filters > 1); // presentation mode's sizes (convolution.css)
  // presentation mode's two lines: "input ⊙ kernel", then "= output" under the input
  stage.style.setProperty("--stack-rows", Math.max(hp, kh) + oh);
  stage.style.setProperty("--row-cols", Math.max(channels * wp, filters * ow) + slices * kw);
  stage.style.setProperty("--row-grids", Math.max(channels, filters) + slices);
  stage.style.setProperty("--equation-lines", slices > 1 ? slices + 1 : 1); // a line per channel, then the total
  // the longest number on the grids, in characters: the cells hold it at 18 px in presentation mode
  const numbers = [trace.padded_input, trace.kernel, result.output].flat(Infinity);
  stage.style.setProperty("--chars", Math.max(1, ...numbers.map((value) => fmt(value).length)));
  // and the longest weight a window cell wears in its corner ("×0.59")
  stage.style.setProperty("--badge-chars", 1 + Math.max(...trace.kernel.flat(Infinity).map((w) => fmt(w).length)));
  const pads = trace.padding;
  // Beyond READABLE cells a side the input becomes a heat map too, on one scale for all channels.
  const inputScale = hp > READABLE || wp > READABLE ? scaleFor(trace.padded_input.flat(2)) : null;
  const inputLegend = document.getElementById("input-legend");
  if (inputScale) renderLegend(inputLegend, inputScale);
  else inputLegend.replaceChildren();
  views.inputs.forEach((grid, c) => {
    grid.setData(trace.padded_input[c], { pads, scale: inputScale });
    grid.table.classList.toggle("coverage", page.state.coverage);
  });
  const outputs = result.output; // F × OH × OW
  const scale = scaleFor(outputs.flat(2));
  views.outputs.forEach((grid, f) => grid.setData(outputs[f], { scale }));
  renderLegend(document.getElementById("output-legend"), scale);
  document.getElementById("input-caption").textContent =
    pads.some((p) => p > 0) ? t("page.grid.input.padded") : t("page.grid.input");
  colourGroups(stage, views, trace.groups ?? 1);
  renderWeights(result.sent, result.shape);
  page.show(page.hoverStep ?? page.player.step);
}

/** With groups, each input channel and each output map wears its group's colour (data-group, for CSS). */
function colourGroups(stage, views, groups) {
  stage.classList.toggle("grouped", groups > 1);
  for (const grids of [views.inputs, views.outputs]) {
    grids.forEach((grid, k) => { grid.container.dataset.group = String(Math.floor((k * groups) / grids.length)); });
  }
}

/** The user types into a kernel as it is shown (`turned` 180°, or as written): store it as written. */
function editKernel(page, c, row, col, value, turned) {
  const { state, result } = page;
  const f = result ? result.trace.cell[page.player.step][0] : 0;
  const slice = state.kernel[f][c];
  const [m, n] = turned ? turnedCell([row, col], slice.length, slice[0].length) : [row, col];
  slice[m][n] = value;
  fillForm(page.form, state);
  page.refresh();
}

/** Hovering an input cell marks every output cell whose window reads it. */
function feeds({ result, views }, r, c) {
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

/** The kernel's 180° turn: the new (turned) kernel starts upside down, where the old one was, and turns into place. */
export function animateFlip() {
  document.getElementById("kernel-grids").animate([{ transform: "rotate(-180deg)" }, { transform: "rotate(0deg)" }],
    { duration: FLIP_MS, easing: "ease-in-out" });
}
