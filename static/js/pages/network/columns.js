// The network as columns: one per layer, its maps (or bars) drawn from the forward pass's outputs.
import { renderLegend, scaleFor } from "../../core/colormap.js";
import { fmt } from "../../core/format.js";
import { drawMap } from "../../core/heatmap.js";
import { t } from "../../core/i18n.js";
import { choicesOf, mapShapeOf, sourceShape, viewOf } from "./geometry.js";
import { percent } from "./heads.js";
import { layerName } from "./names.js";
import { element } from "./parts.js";

const compact = new Intl.NumberFormat(document.documentElement.lang, { notation: "compact", maximumFractionDigits: 1 });
const count = (n) => compact.format(n);

// A map's on-screen width in CSS pixels at zoom 1 (presentation mode's CSS sets --map-zoom):
// about 1.45 px per value, between bounds that keep a 7×7 map visible and a 28×28 one compact.
const MAP_PX_PER_VALUE = 1.45;
const MAP_MIN_PX = 26;
const MAP_MAX_PX = 40;

/**
 * Each layer's pieces, the units a colour scale and a legend cover: a C×H×W layer's C maps, and
 * flatten's segments (one per map it lays end to end); other layers have none.
 * -> [{count, size}] | null, per layer
 */
function piecesOf(layers) {
  return layers.map((_, index) => {
    const shape = mapShapeOf(layers, index);
    return shape.length === 3 ? { count: shape[0], size: shape[1] * shape[2] } : null;
  });
}

/** Colour scales by the chosen range: each piece its own, one per layer, or one for all pieces. */
function scales(layers, pieces, range) {
  const valuesOf = (layer, { count: n, size }) => Array.from({ length: n }, (_, i) =>
    layer.data.subarray(i * size, (i + 1) * size));
  const global = range === "global"
    ? scaleFor(layers.filter((l, i) => pieces[i]).flatMap((l) => [...l.data])) : null;
  return layers.map((layer, i) => {
    if (!pieces[i]) return null;
    if (global) return valuesOf(layer, pieces[i]).map(() => global);
    if (range === "layer") {
      const shared = scaleFor(layer.data);
      return valuesOf(layer, pieces[i]).map(() => shared);
    }
    return valuesOf(layer, pieces[i]).map((values) => scaleFor(values));
  });
}

/** The shape a column shows: its own, or, where a layer reshapes (flatten) or connects all to all
 * (dense), what goes in → what comes out. */
function shapeText(layers, index) {
  const shape = layers[index].shape.join("×");
  return ["flatten", "dense"].includes(viewOf(layers, index))
    ? `${layers[index - 1].shape.join("×")} →\u00a0${shape}` : shape; // "→ 784" stays together
}

function header(layers, index) {
  const layer = layers[index];
  const head = element("header", "column-head");
  head.append(element("strong", "", layerName(layer)), element("span", "column-shape", shapeText(layers, index)));
  // Only layers with weights have parameters and multiply-adds worth a line.
  if (layer.parameters) head.append(element("span", "", t("page.column.params", { params: count(layer.parameters) })));
  if (layer.multiply_adds) head.append(element("span", "", t("page.column.macs", { macs: count(layer.multiply_adds) })));
  return head;
}

/** A button that picks `map` of the column (selected when it is the picked one). */
function pickButton(className, { name, index, selected, map, label, onPick }) {
  const button = element("button", className);
  button.type = "button";
  button.dataset.testid = `map-${name}-${map}`;
  button.setAttribute("aria-label", label);
  button.setAttribute("aria-pressed", String(selected?.layer === index && selected?.map === map));
  button.addEventListener("click", () => onPick(index, map));
  return button;
}

function legendFor(scale) {
  const legend = element("div", "legend");
  renderLegend(legend, scale);
  return legend;
}

function maps(layer, index, scaleSet, { range, selected, onPick }) {
  const [channels, h, w] = layer.shape;
  const grid = element("div", `maps maps-${channels > 8 ? "many" : "few"}`);
  const side = Math.max(MAP_MIN_PX, Math.min(MAP_MAX_PX, h * MAP_PX_PER_VALUE));
  for (let c = 0; c < channels; c++) {
    const label = t("page.map.label", { layer: layerName(layer), index: c + 1, h, w });
    const button = pickButton("map", { name: layer.name, index, selected, map: c, label, onPick });
    const canvas = element("canvas");
    canvas.style.width = `calc(var(--map-zoom) * ${side}px)`; // small maps still visible
    const scale = scaleSet[c];
    drawMap(canvas, layer.data.subarray(c * h * w, (c + 1) * h * w), h, w, scale);
    button.title = `${fmt(scale.min)} … ${fmt(scale.max)}`;
    button.append(canvas);
    if (range === "map") button.append(element("span", "map-range", `${fmt(scale.min)}…${fmt(scale.max)}`));
    grid.append(button);
  }
  return grid;
}

/**
 * Flatten as what it does: the C maps of H×W laid end to end, each a segment of H·W positions of
 * the flat vector (its own values, coloured as the maps they came from). A segment picks its map.
 */
function segments(layers, index, scaleSet, { selected, onPick }) {
  const layer = layers[index];
  const [channels, h, w] = sourceShape(layers, index);
  const size = h * w;
  const strip = element("div", "segments");
  strip.setAttribute("role", "group");
  strip.setAttribute("aria-label", t("page.flatten.strip", { n: layer.shape[0] }));
  for (let c = 0; c < channels; c++) {
    const label = t("page.flatten.segment", {
      source: layerName(layers[index - 1]), index: c + 1, first: c * size, last: (c + 1) * size - 1,
    });
    const button = pickButton("map segment", { name: layer.name, index, selected, map: c, label, onPick });
    button.title = label;
    const canvas = element("canvas");
    drawMap(canvas, layer.data.subarray(c * size, (c + 1) * size), size, 1, scaleSet[c]);
    button.append(element("span", "segment-index", String(c + 1)), canvas);
    strip.append(button);
  }
  return strip;
}

/** One bar of a head: its track and its value, as a share of the whole track. */
function bar(value, className) {
  const track = element("span", "bar-track");
  const fill = element("span", `bar-fill ${className}`);
  fill.style.width = `${value * 100}%`;
  track.append(fill);
  return [track, element("span", "bar-value", percent(value))];
}

/** Rows that pick a class (click, or Enter on the focused row). */
function pickRow(item, index, k, onPick) {
  item.tabIndex = 0;
  item.dataset.index = String(k);
  item.addEventListener("click", () => onPick(index, k));
  item.addEventListener("keydown", (event) => {
    if (event.key === "Enter") onPick(index, k);
  });
}

/** The logits as signed bars, scaled to the largest magnitude. */
function logitBars(layer, index, classes, onPick) {
  const list = element("ol", "bars");
  const max = Math.max(...layer.data.map(Math.abs), 1e-9);
  layer.data.forEach((value, k) => {
    const item = element("li", "bar");
    const track = element("span", "bar-track");
    const fill = element("span", value < 0 ? "bar-fill negative" : "bar-fill");
    fill.style.width = `${(Math.abs(value) / max) * 100}%`;
    track.append(fill);
    item.append(element("span", "bar-label", classes[k]), track, element("span", "bar-value", fmt(value)));
    item.setAttribute("aria-label", t("page.bar.logit", { label: classes[k], value: fmt(value) }));
    pickRow(item, index, k, onPick);
    list.append(item);
  });
  return list;
}

/**
 * The output: softmax (the model's layer) and sigmoid of each logit, side by side per class, each
 * with its sum underneath — one sums to 100 %, the other need not.
 */
function heads(layer, index, classes, { heads: { sigmoid, sums }, onPick }) {
  const table = element("div", "heads");
  table.dataset.testid = "heads";
  const head = element("div", "heads-row heads-head");
  head.append(element("span", ""), element("span", "head-name", t("page.head.softmax")),
    element("span", "head-name", t("page.head.sigmoid")));
  const list = element("ol", "bars heads-bars");
  layer.data.forEach((p, k) => {
    const item = element("li", "bar heads-row");
    item.append(element("span", "bar-label", classes[k]), ...bar(p, "softmax"), ...bar(sigmoid[k], "sigmoid"));
    item.setAttribute("aria-label", t("page.bar.heads", {
      label: classes[k], softmax: percent(p), sigmoid: percent(sigmoid[k]),
    }));
    pickRow(item, index, k, onPick);
    list.append(item);
  });
  const total = element("div", "heads-row heads-sum");
  total.append(element("span", "bar-label", "Σ"), element("span", "sum-value softmax", percent(sums.softmax)),
    element("span", "sum-value sigmoid", percent(sums.sigmoid)));
  total.dataset.testid = "heads-sum";
  const note = element("p", "heads-note", t("page.head.note"));
  table.append(head, list, total, note);
  return table;
}

/**
 * Draw every column. layers: [{name, type, shape, parameters, multiply_adds, data (Float32Array)}],
 * the input first. heads: {sigmoid, sums} for the output. onPick(layerIndex, mapIndex) opens a detail.
 */
export function renderColumns(container, layers, { classes, range, selected, heads: outputs, onPick }) {
  const pieces = piecesOf(layers);
  const scaleSets = scales(layers, pieces, range);
  const options = { range, selected, onPick };
  container.replaceChildren();
  layers.forEach((layer, index) => {
    const view = index === 0 ? "input" : viewOf(layers, index);
    const column = element("section", `column ${layer.type}`);
    column.setAttribute("aria-label", `${layerName(layer)} ${shapeText(layers, index)}`);
    column.append(header(layers, index));
    if (view === "flatten") {
      column.append(segments(layers, index, scaleSets[index], options));
    } else if (layer.shape.length === 3) {
      column.append(maps(layer, index, scaleSets[index], options));
    } else if (view === "output") {
      column.append(heads(layer, index, classes, { heads: outputs, onPick }));
    } else if (choicesOf(layers, index)) {
      column.append(logitBars(layer, index, classes, onPick));
    }
    if (pieces[index] && range !== "map") column.append(legendFor(scaleSets[index][0]));
    container.append(column);
  });
}
