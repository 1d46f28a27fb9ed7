// The transposed-convolution page: settings -> POST /api/conv_transpose and /api/convolve (both with
// a trace) -> the scatter view and the direct view, one player's step driving both. Step k scatters
// input cell k; both views show the output cell that step finishes (focusCell in geometry.js).
import { startExplorer } from "../../core/explorer.js";
import { Grid } from "../../core/grid.js";
import { t } from "../../core/i18n.js";
import { isPresentation } from "../../core/presentation.js";
import { problemLine } from "../../core/problem.js";
import { drawDirect } from "./direct.js";
import { fitCells } from "./fit.js";
import { focusCell } from "./geometry.js";
import { refresh } from "./requests.js";
import { drawScatter } from "./scatter.js";
import { fillForm, readForm } from "./settings.js";
import { readState, writeState } from "./state.js";

const form = document.getElementById("settings");
const views = document.getElementById("views");
const live = document.getElementById("live");
const showProblem = problemLine({
  framing: "page.error.impossible", stale: [views, document.querySelector(".tr-equations")],
});

const grid = (id, label, cellLabel, options = {}) => new Grid(document.getElementById(id), {
  label: t(label), testId: id, cellLabel: (row, col) => t(cellLabel, { row, col }), ...options,
});

const page = {
  state: readState(),
  result: null, // {sent: the settings asked about, transpose, direct: the two answers, layout: their geometry}
  hoverCell: null, // an output cell under the pointer: the direct view shows it instead of the focus
  views: {
    input: grid("input-grid", "page.grid.input", "page.cell.input", {
      editable: true, onEdit: (row, col, value) => edit("input", row, col, value),
    }),
    kernel: grid("kernel-grid", "page.grid.kernel", "page.cell.kernel", {
      editable: true, onEdit: (row, col, value) => edit("kernel", row, col, value),
    }),
    products: grid("products-grid", "page.grid.products.label", "page.cell.kernel"),
    canvas: grid("canvas-grid", "page.grid.output", "page.cell.canvas"),
    stuffed: grid("stuffed-grid", "page.grid.stuffed", "page.cell.stuffed"),
    turned: grid("turned-grid", "page.grid.turned", "page.cell.kernel"),
  },
  showProblem,
  refresh: () => refresh(page),
  refit: () => {
    if (!page.result) return;
    fitCells(views, page.result.sent, page.result.layout, isPresentation());
    page.show(page.player.step); // the window frames follow their cells
  },
  show: (step) => {
    if (!page.result) return;
    const s = Math.min(step, page.result.transpose.trace.steps - 1);
    const focus = focusCell(page.result.layout.finishing, s);
    const scatter = drawScatter(page, s, focus);
    const shown = page.hoverCell ? { cell: page.hoverCell, finishedAt: null } : focus;
    const direct = drawDirect(page, s, shown, { hovered: Boolean(page.hoverCell) });
    if (!page.hoverCell) live.textContent = `${scatter} ${direct}`;
  },
};
// -> page.player, page.saveUrl, page.syncTransport, page.setSteps
Object.assign(page, startExplorer({ state: () => page.state, write: writeState, onFrame: (step) => page.show(step) }));

/** A number typed into the input or the kernel. */
function edit(which, row, col, value) {
  page.state[which][row][col] = value;
  page.refresh();
}

form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("change", (event) => {
  const name = event.target.name;
  page.state = readForm(form, page.state, name);
  if (name === "preset") {
    form.elements.preset.value = "";
    page.player.pause();
    page.player.go(0);
  }
  fillForm(form, page.state);
  page.refresh();
});

// An output cell under the pointer: the direct view shows its window; a click goes to the step that finishes it.
const { canvas } = page.views;
const outputCell = (r, c) => {
  const { rows, cols } = page.result?.layout ?? {};
  const [i, j] = [r - (rows?.padding ?? 0), c - (cols?.padding ?? 0)];
  return rows && i >= 0 && i < rows.out && j >= 0 && j < cols.out ? [i, j] : null;
};
canvas.onCell("mouseover", (r, c) => {
  page.hoverCell = outputCell(r, c);
  page.show(page.player.step);
});
canvas.onCell("mouseout", () => {
  page.hoverCell = null;
  page.show(page.player.step);
});
canvas.onCell("click", (r, c) => {
  const cell = outputCell(r, c);
  if (!cell) return;
  page.player.pause();
  page.player.go(Math.max(0, page.result.layout.finishing[cell[0]][cell[1]]));
});

// Cells follow the room: the window's size and presentation mode change it.
new ResizeObserver(() => page.refit()).observe(views);
window.addEventListener("resize", () => page.refit());
fillForm(form, page.state);
page.syncTransport();
page.refresh();
