// One cell's arithmetic in an imported model, as POST /api/models/{name}/trace answers it: a view per
// layer type. Every number comes from the server; the page only lays the numbers out.
import { span } from "../../core/equation.js";
import { fmt } from "../../core/format.js";
import { Grid, READABLE } from "../../core/grid.js";
import { t } from "../../core/i18n.js";
import { channelCard, element } from "../network/parts.js";
import { shortName } from "./layout.js";

const CHANNEL_CARDS = 4; // a convolution's channels shown as window ⊙ kernel, the largest sums first

/** An equation line from pieces: strings are operators, [class, text] pairs are terms. */
function line(...pieces) {
  const row = element("div", "eq-line");
  for (const piece of pieces) row.append(typeof piece === "string" ? span("op", piece) : span(...piece));
  return row;
}

function grid(parent, values, label) {
  const holder = element("div", "cell-grid");
  new Grid(holder, { label }).setData(values);
  parent.append(holder);
}

/** The source a value came from, in words ("the input", "layer1.0.relu"). */
function sourceName(name) {
  return name === "input" ? t("page.model.the.input") : shortName(name);
}

function conv(answer, { body, equation, text }) {
  const sums = answer.channel_sums;
  const order = sums.map((_, i) => i).sort((a, b) => Math.abs(sums[b]) - Math.abs(sums[a]));
  const shown = order.slice(0, CHANNEL_CARDS);
  const key = sums.length === 1 ? "page.model.detail.conv.one"
    : shown.length === sums.length ? "page.model.detail.conv.all" : "page.model.detail.conv";
  text.textContent = t(key, { channels: sums.length, shown: shown.length });
  const cards = element("div", "channel-cards");
  for (const i of shown) cards.append(channelCard(answer.channels[i], answer.window[i], answer.kernel[i], sums[i]));
  body.append(cards);
  const rest = order.slice(CHANNEL_CARDS);
  const pieces = [];
  shown.forEach((i, n) => pieces.push(...(n ? [" + "] : []), ["term", fmt(sums[i])]));
  if (rest.length) {
    const restSum = rest.reduce((total, i) => total + sums[i], 0);
    pieces.push(" + ", ["label", t("page.model.detail.rest.channels", { n: rest.length, sum: fmt(restSum) })]);
  }
  pieces.push(" + ", ["bias", `${t("page.detail.bias")} ${fmt(answer.bias)}`], " = ", ["result", fmt(answer.value)]);
  equation.append(line(...pieces));
}

function batchnorm({ arithmetic: a, cell }, { equation, text }) {
  text.textContent = t("page.model.detail.batchnorm", { c: cell[0] + 1 });
  equation.append(
    line("(", ["term", "x"], " − ", ["term", "mean"], ") ÷ √(", ["term", "var"], " + ε) × ", ["term", "γ"], " + ",
      ["term", "β"]),
    line("= (", ["term", fmt(a.x)], " − ", ["term", fmt(a.mean)], ") ÷ √(", ["term", fmt(a.var)], " + ",
      ["term", fmt(a.eps)], ") × ", ["term", fmt(a.weight)], " + ", ["term", fmt(a.bias)], " = ",
      ["result", fmt(a.value)]),
  );
}

const SIGNS = { add: " + ", sub: " − ", mul: " × ", div: " ÷ " };

function binary({ arithmetic: a, inputs, type }, { equation, text }) {
  const names = a.constant === null ? inputs.map(sourceName)
    : a.constant === 0 ? [t("page.model.constant"), sourceName(inputs[0])] : [sourceName(inputs[0]), t("page.model.constant")];
  text.textContent = t("page.model.detail.binary", { a: names[0], b: names[1] });
  equation.append(line(["term", fmt(a.operands[0])], SIGNS[type], ["term", fmt(a.operands[1])], " = ",
    ["result", fmt(a.value)]));
}

function concat({ arithmetic: a, inputs }, { equation, text }) {
  const [channel] = a.source_cell;
  text.textContent = t("page.model.detail.concat", { source: sourceName(inputs[a.source]), channel: channel + 1 });
  equation.append(line(["label", `${sourceName(inputs[a.source])} [${a.source_cell.join(", ")}]`], " = ",
    ["result", fmt(a.value)]));
}

function pool({ arithmetic: a }, { body, equation, text }) {
  const count = a.window.length * a.window[0].length;
  text.textContent = t(a.kind === "max" ? "page.model.detail.maxpool" : "page.model.detail.avgpool", {
    h: a.window.length, w: a.window[0].length, divisor: a.divisor ?? count,
  });
  if (a.window.length <= READABLE && a.window[0].length <= READABLE) grid(body, a.window, "window");
  const values = a.window.flat();
  const listed = count <= 16 ? values.map(fmt).join(", ") : t("page.model.detail.values", { n: count });
  equation.append(a.kind === "max"
    ? line(["term", `max(${listed})`], " = ", ["result", fmt(a.value)])
    : line(["term", `(${count <= 16 ? values.map(fmt).join(" + ") : `Σ ${listed}`})`], " ÷ ",
      ["term", String(a.divisor)], " = ", ["result", fmt(a.value)]));
}

function dense({ arithmetic: a }, { equation, text }) {
  const n = a.terms.length + a.rest.count;
  text.textContent = t("page.model.detail.dense", { n, shown: a.terms.length });
  const pieces = [];
  a.terms.forEach((term, k) => pieces.push(...(k ? [" + "] : []), ["term", `(${fmt(term.weight)}×${fmt(term.x)})`]));
  if (a.rest.count) {
    pieces.push(" + ", ["label", t("page.model.detail.rest.terms", { n: a.rest.count, sum: fmt(a.rest.sum) })]);
  }
  pieces.push(" + ", ["bias", `${t("page.detail.bias")} ${fmt(a.bias)}`], " = ", ["result", fmt(a.value)]);
  equation.append(line(...pieces));
}

function activation({ arithmetic: a }, { equation, text }) {
  if (a.function === "softmax" || a.function === "log_softmax") {
    text.textContent = t("page.model.detail.softmax", { n: a.count });
    const ratio = [["term", `e^(${fmt(a.x)} − ${fmt(a.max)})`], " ÷ ", ["term", fmt(a.exp_sum)]];
    equation.append(a.function === "softmax"
      ? line(...ratio, " = ", ["result", fmt(a.value)])
      : line("log(", ...ratio, ") = ", ["result", fmt(a.value)]));
    return;
  }
  text.textContent = t("page.model.detail.activation", { f: a.function });
  equation.append(line(["term", `${a.function}(${fmt(a.x)})`], " = ", ["result", fmt(a.value)]));
}

const VIEWS = {
  conv2d: conv, batchnorm, add: binary, sub: binary, mul: binary, div: binary, concat,
  maxpool: pool, avgpool: pool, globalavgpool: pool, globalmaxpool: pool, dense,
};

/** Fill body (grids), equation and text (a sentence) with one cell's arithmetic: a type without a view
 * of its own is an activation (the server traces no other). */
export function renderCell(answer, parts) {
  (VIEWS[answer.type] ?? activation)(answer, parts);
}
