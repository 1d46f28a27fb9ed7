// A model's graph on the page: one card per layer (type, name, shape, parameters, multiply-adds, and
// its maps), in columns left to right by depth, joined by edges, residual skips arched over the cards.
// Cards are drawn at their final size before any number arrives; the maps fill in as they load.
import { sizeOf } from "../../core/arrays.js";
import { scaleFor } from "../../core/colormap.js";
import { fmt } from "../../core/format.js";
import { bitmap } from "../../core/bitmap.js";
import { colourPixels, drawMap } from "../../core/heatmap.js";
import { t } from "../../core/i18n.js";
import { element } from "../network/parts.js";
import { INPUT, layout, readingOrder, shortName } from "./layout.js";

const compact = new Intl.NumberFormat(document.documentElement.lang, { notation: "compact", maximumFractionDigits: 1 });
const SVG = "http://www.w3.org/2000/svg";
// Edges in the graph's pixels: they join cards at the height of their type line, skips run in the gap
// between columns (model.css gives it) and along a lane above the cards, with corners of radius R.
const HEAD_Y = 18;
const GAP = 26;
const LANE = 8;
const R = 6;
const PAGE = 64; // maps a card holds at once: ResNet-50's 2,048-map layers would be 50,000 pictures

// Thumbnails are not canvases: a browser without a GPU composites thousands of canvases on every
// scrolled frame (ResNet-18's 2,950 maps scrolled at 2 frames a second; as pictures, at 35). Nor a
// picture each: making 2,950 blobs and their URLs took 3-4 s. A card's maps are one picture, the maps
// stacked top to bottom (core/bitmap.js), that each map's button shows its own part of.

/** Maps first, first + 1, … of data (C×H×W values), the i-th on scales[i], stacked top to bottom: a picture's URL. */
function spriteUrl(data, first, h, w, scales) {
  const size = h * w;
  const pixels = new Uint32Array(scales.length * size);
  scales.forEach((scale, i) => {
    const c = first + i;
    colourPixels(pixels.subarray(i * size, (i + 1) * size), data.subarray(c * size, (c + 1) * size), size, scale);
  });
  return URL.createObjectURL(bitmap(pixels, scales.length * h, w));
}

/** Whether a layer's output is drawn as maps (C×H×W, more than one cell each) or as one strip of numbers. */
export function hasMaps(shape) {
  return shape.length === 3 && shape[1] * shape[2] > 1;
}

/** A thumbnail's side in CSS pixels at zoom 1: large maps larger, within bounds that keep 7×7 visible. */
function thumbSide(height) {
  return Math.max(30, Math.min(56, Math.round(height * 0.5)));
}

function header(layer) {
  const head = element("header", "card-head");
  head.append(element("strong", "card-type", layer.type), element("span", "card-name", shortName(layer.name)),
    element("span", "card-shape", layer.shape.join("×")));
  const counts = [];
  if (layer.parameters) counts.push(t("page.column.params", { params: compact.format(layer.parameters) }));
  if (layer.multiply_adds) counts.push(t("page.column.macs", { macs: compact.format(layer.multiply_adds) }));
  if (counts.length) head.append(element("span", "card-counts", counts.join(" · ")));
  head.title = layer.name;
  return head;
}

/** Map buttons for channels first … first + PAGE − 1 of the layer, each showing its part of the card's
 * picture (empty until drawn): the background's offset is the map's place among the page's. */
function mapButtons(layer, first, onPick) {
  const [channels, h, w] = layer.shape;
  const buttons = [];
  const last = Math.min(channels, first + PAGE) - 1;
  for (let c = first; c <= last; c++) {
    const button = element("button", "map");
    button.type = "button";
    button.dataset.map = String(c);
    button.setAttribute("aria-label", t("page.model.map.label", {
      layer: shortName(layer.name), index: c + 1, count: channels, h, w,
    }));
    button.setAttribute("aria-pressed", "false");
    const picture = element("span", "map-picture");
    picture.style.backgroundPositionY = `${last === first ? 0 : ((c - first) / (last - first)) * 100}%`;
    picture.style.backgroundSize = `100% ${(last - first + 1) * 100}%`;
    button.append(picture);
    button.addEventListener("click", () => onPick(layer.name, c, null));
    buttons.push(button);
  }
  return buttons;
}

/** The maps of a C×H×W layer, PAGE at a time: a layer of 512 maps pages through them. */
function mapPages(layer, onPick, onPage) {
  const [channels, h] = layer.shape;
  const holder = element("div", "card-body");
  const grid = element("div", "card-maps");
  grid.style.setProperty("--thumb", `${thumbSide(h)}px`);
  grid.replaceChildren(...mapButtons(layer, 0, onPick));
  holder.append(grid);
  holder.first = 0;
  if (channels <= PAGE) return holder;
  const pager = element("div", "card-pager");
  const back = element("button", "", "‹");
  const ahead = element("button", "", "›");
  const where = element("span", "");
  const show = (first) => {
    holder.first = first;
    grid.replaceChildren(...mapButtons(layer, first, onPick));
    where.textContent = t("page.model.maps.page", { first: first + 1, last: Math.min(channels, first + PAGE), count: channels });
    back.disabled = first === 0;
    ahead.disabled = first + PAGE >= channels;
    onPage();
  };
  for (const [button, step, label] of [[back, -PAGE, "page.model.maps.back"], [ahead, PAGE, "page.model.maps.ahead"]]) {
    button.type = "button";
    button.setAttribute("aria-label", t(label));
    button.addEventListener("click", () => show(holder.first + step));
  }
  holder.show = show;
  pager.append(back, where, ahead);
  holder.append(pager);
  where.textContent = t("page.model.maps.page", { first: 1, last: PAGE, count: channels });
  back.disabled = true;
  return holder;
}

/** A vector (or C×1×1) as one strip, a cell per number: clicking a cell picks it. */
function strip(layer, onPick) {
  const size = sizeOf(layer.shape);
  const canvas = element("canvas", "card-strip");
  canvas.width = size;
  canvas.height = 1;
  canvas.setAttribute("role", "button");
  canvas.tabIndex = 0;
  canvas.setAttribute("aria-label", t("page.model.strip.label", { layer: shortName(layer.name), n: size }));
  canvas.addEventListener("click", (event) => {
    const rect = canvas.getBoundingClientRect();
    const at = Math.min(size - 1, Math.max(0, Math.floor(((event.clientX - rect.left) / rect.width) * size)));
    onPick(layer.name, 0, at);
  });
  canvas.addEventListener("keydown", (event) => {
    if (event.key === "Enter") onPick(layer.name, 0, 0);
  });
  return canvas;
}

/**
 * Lay the graph out in `container`. model: the summary (input_shape, layers); onPick(name, map, cell)
 * opens a map (cell null) or a strip's cell. -> {cards: Map(name -> card element), draw(name, output,
 * range), select(name, map), edges()}
 */
export function renderGraph(container, model, onPick) {
  const layers = [{ name: INPUT, type: "input", inputs: [], shape: model.input_shape, parameters: 0,
                    multiply_adds: 0 }, ...model.layers];
  const byName = new Map(layers.map((layer) => [layer.name, layer]));
  const plan = layout(model.layers);
  const cards = new Map();
  container.replaceChildren();
  for (const names of plan.columns) {
    const column = element("div", "graph-column");
    for (const name of names) {
      const layer = byName.get(name);
      const card = element("section", `layer-card type-${layer.type}`);
      card.dataset.layer = name;
      card.dataset.testid = `layer-${name}`;
      card.setAttribute("aria-label", `${layer.type} ${shortName(name)} ${layer.shape.join("×")}`);
      card.append(header(layer), hasMaps(layer.shape)
        ? mapPages(layer, onPick, () => { redraw(name); select(selected.name, selected.map); }) : strip(layer, onPick));
      column.append(card);
      cards.set(name, card);
    }
    container.append(column);
  }
  const svg = document.createElementNS(SVG, "svg");
  svg.classList.add("graph-edges");
  svg.setAttribute("aria-hidden", "true");
  container.prepend(svg);

  /** The edges, drawn again whenever the cards may have moved (fonts, presentation mode, a resize). */
  function edges() {
    const frame = container.getBoundingClientRect();
    svg.setAttribute("width", container.scrollWidth);
    svg.setAttribute("height", container.scrollHeight);
    const paths = plan.edges.map(({ from, to, skip }) => {
      const a = cards.get(from).getBoundingClientRect();
      const b = cards.get(to).getBoundingClientRect();
      const path = document.createElementNS(SVG, "path");
      const [x1, x2] = [a.right - frame.left, b.left - frame.left];
      if (skip) { // out into the gap after the source, up to the lane above the cards, across, down into the target
        const [y1, y2] = [a.top - frame.top + HEAD_Y, b.top - frame.top + HEAD_Y];
        const [g1, g2] = [x1 + GAP / 2, x2 - GAP / 2];
        path.setAttribute("d", [`M${x1},${y1}`, `H${g1 - R}`, `Q${g1},${y1} ${g1},${y1 - R}`, `V${LANE + R}`,
          `Q${g1},${LANE} ${g1 + R},${LANE}`, `H${g2 - R}`, `Q${g2},${LANE} ${g2},${LANE + R}`, `V${y2 - R}`,
          `Q${g2},${y2} ${g2 + R},${y2}`, `H${x2}`].join(" "));
        path.classList.add("skip");
      } else {
        const [y1, y2] = [a.top - frame.top + HEAD_Y, b.top - frame.top + HEAD_Y];
        const bend = (x2 - x1) / 2;
        path.setAttribute("d", `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`);
      }
      return path;
    });
    svg.replaceChildren(...paths);
  }

  const drawn = new Map(); // name -> {output, range}: what each card shows, to draw again on another page

  /** Draw a layer's loaded output into its card, on the colour scale `range` chooses. */
  function draw(name, output, range) {
    drawn.set(name, { output, range });
    redraw(name);
  }

  function redraw(name) {
    if (!drawn.has(name)) return;
    const { output: { data }, range } = drawn.get(name);
    const card = cards.get(name);
    const layer = byName.get(name);
    if (hasMaps(layer.shape)) {
      const [, h, w] = layer.shape;
      const shared = range === "layer" ? scaleFor(data) : null;
      const buttons = [...card.querySelectorAll(".map")]; // the page's maps, first, first + 1, …
      const first = Number(buttons[0].dataset.map);
      const scales = buttons.map((_, i) => shared ?? scaleFor(data.subarray((first + i) * h * w, (first + i + 1) * h * w)));
      const grid = card.querySelector(".card-maps");
      if (grid.sprite) URL.revokeObjectURL(grid.sprite);
      grid.sprite = spriteUrl(data, first, h, w, scales);
      grid.style.setProperty("--sprite", `url("${grid.sprite}")`);
      buttons.forEach((button, i) => { button.title = `${fmt(scales[i].min)} … ${fmt(scales[i].max)}`; });
    } else {
      drawMap(card.querySelector(".card-strip"), data, 1, data.length, scaleFor(data));
    }
    card.classList.add("loaded");
  }

  const selected = { name: null, map: null };

  /** Mark the picked map (its card turned to the page that holds it). */
  function select(name, map) {
    Object.assign(selected, { name, map });
    const body = cards.get(name)?.querySelector(".card-body");
    if (body?.show && (map < body.first || map >= body.first + PAGE)) {
      body.show(Math.floor(map / PAGE) * PAGE); // calls select again, with the page in place
      return;
    }
    for (const [key, card] of cards) {
      card.classList.toggle("selected", key === name);
      card.querySelectorAll(".map").forEach((button) => button.setAttribute("aria-pressed",
        String(key === name && Number(button.dataset.map) === map)));
    }
  }

  return { cards, layers: byName, draw, select, edges, order: readingOrder(plan) };
}
