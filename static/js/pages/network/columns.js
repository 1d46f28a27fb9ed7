// The network as columns: one per layer, its maps (or bars) drawn from the forward pass's outputs.
import { renderLegend, scaleFor } from "../../core/colormap.js";
import { fmt } from "../../core/format.js";
import { drawMap } from "../../core/heatmap.js";
import { t } from "../../core/i18n.js";

const compact = new Intl.NumberFormat(document.documentElement.lang, { notation: "compact", maximumFractionDigits: 1 });
const count = (n) => compact.format(n);

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Colour scales by the chosen range: each map its own, one per layer, or one for all maps. */
function scales(layers, range) {
  const mapsOf = (layer) => Array.from({ length: layer.shape[0] }, (_, i) =>
    layer.data.subarray(i * layer.mapSize, (i + 1) * layer.mapSize));
  const global = range === "global" ? scaleFor(layers.filter((l) => l.maps).flatMap((l) => [...l.data])) : null;
  return layers.map((layer) => {
    if (!layer.maps) return null;
    if (global) return mapsOf(layer).map(() => global);
    if (range === "layer") {
      const shared = scaleFor(layer.data);
      return mapsOf(layer).map(() => shared);
    }
    return mapsOf(layer).map((values) => scaleFor(values));
  });
}

/** The layer's name in the page's language (Korean: conv1 is 합성곱 1); a type without a string keeps the model's name. */
export function layerName(layer) {
  const key = `page.layer.${layer.type}`;
  const text = t(key, { name: layer.name, n: layer.name.match(/\d*$/)[0] });
  return text === key ? layer.name : text.trim(); // trim: a name without a number leaves "{n}" empty
}

function header(layer) {
  const head = element("header", "column-head");
  head.append(element("strong", "", layerName(layer)), element("span", "", layer.shape.join("×")));
  // Only layers with weights have parameters and multiply-adds worth a line.
  if (layer.parameters) head.append(element("span", "", t("page.column.params", { params: count(layer.parameters) })));
  if (layer.multiply_adds) head.append(element("span", "", t("page.column.macs", { macs: count(layer.multiply_adds) })));
  return head;
}

function bars(layer, classes, probabilities) {
  const list = element("ol", "bars");
  const max = Math.max(...layer.data.map(Math.abs), 1e-9);
  layer.data.forEach((value, k) => {
    const item = element("li", probabilities ? "bar prob" : "bar");
    item.dataset.index = String(k);
    const label = element("span", "bar-label", classes[k]);
    const track = element("span", "bar-track");
    const fill = element("span", value < 0 ? "bar-fill negative" : "bar-fill");
    fill.style.width = `${(Math.abs(value) / (probabilities ? 1 : max)) * 100}%`;
    track.append(fill);
    const number = element("span", "bar-value", probabilities ? `${(value * 100).toFixed(1)}%` : fmt(value));
    item.append(label, track, number);
    list.append(item);
  });
  return list;
}

/**
 * Draw every column. layers: [{name, type, shape, parameters, multiply_adds, data (Float32Array)}],
 * the input first. onPick(layerIndex, mapIndex) opens a map's arithmetic.
 */
export function renderColumns(container, layers, { classes, range, selected, onPick }) {
  for (const layer of layers) {
    layer.maps = layer.shape.length === 3;
    layer.mapSize = layer.maps ? layer.shape[1] * layer.shape[2] : layer.data.length;
  }
  const scaleSets = scales(layers, range);
  container.replaceChildren();
  layers.forEach((layer, index) => {
    const column = element("section", `column ${layer.type}`);
    column.setAttribute("aria-label", `${layerName(layer)} ${layer.shape.join("×")}`);
    column.append(header(layer));
    if (layer.maps) {
      const [channels, h, w] = layer.shape;
      const grid = element("div", `maps maps-${channels > 8 ? "many" : "few"}`);
      for (let c = 0; c < channels; c++) {
        const button = element("button", "map");
        button.type = "button";
        button.dataset.testid = `map-${layer.name}-${c}`;
        button.setAttribute("aria-label", t("page.map.label", { layer: layerName(layer), index: c + 1, h, w }));
        button.setAttribute("aria-pressed", String(selected?.layer === index && selected?.map === c));
        const canvas = element("canvas");
        canvas.style.width = `${Math.max(26, Math.min(40, h * 1.45))}px`; // small maps still visible
        const scale = scaleSets[index][c];
        drawMap(canvas, layer.data.subarray(c * h * w, (c + 1) * h * w), h, w, scale);
        button.title = `${fmt(scale.min)} … ${fmt(scale.max)}`;
        button.append(canvas);
        if (range === "map") button.append(element("span", "map-range", `${fmt(scale.min)}…${fmt(scale.max)}`));
        button.addEventListener("click", () => onPick(index, c));
        grid.append(button);
      }
      column.append(grid);
      if (range !== "map") {
        const legend = element("div", "legend");
        renderLegend(legend, scaleSets[index][0]);
        column.append(legend);
      }
    } else if (layer.type === "flatten") {
      const strip = element("canvas", "strip");
      const scale = scaleFor(layer.data);
      drawMap(strip, layer.data, layer.data.length, 1, scale);
      column.append(strip);
    } else {
      const list = bars(layer, classes, layer.type === "softmax");
      list.querySelectorAll("li").forEach((item) => {
        item.tabIndex = 0;
        item.addEventListener("click", () => onPick(index, Number(item.dataset.index)));
        item.addEventListener("keydown", (event) => {
          if (event.key === "Enter") onPick(index, Number(item.dataset.index));
        });
      });
      column.append(list);
    }
    container.append(column);
  });
}
