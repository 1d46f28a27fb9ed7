// Small DOM pieces the network pages' views share: an element with a class and text, a map drawn
// large with its current cell marked, and one input channel's window ⊙ kernel = partial sum.
import { scaleFor } from "../../core/colormap.js";
import { fmt } from "../../core/format.js";
import { Grid } from "../../core/grid.js";
import { drawMap } from "../../core/heatmap.js";
import { t } from "../../core/i18n.js";

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A frame around cell (row, col) of a rows × cols picture, placed in percent of its holder. */
export function cellMark([row, col], rows, cols) {
  const mark = element("div", "cell-mark");
  mark.style.left = `${(col / cols) * 100}%`;
  mark.style.top = `${(row / rows) * 100}%`;
  mark.style.width = `${100 / cols}%`;
  mark.style.height = `${100 / rows}%`;
  return mark;
}

/** The row and column of a rows × cols canvas under a click (inside its border: on a 784-wide
 * strip a border's pixel is a whole position). */
export function cellUnder(canvas, event, rows, cols) {
  const rect = canvas.getBoundingClientRect();
  const y = (event.clientY - rect.top - canvas.clientTop) / canvas.clientHeight;
  const x = (event.clientX - rect.left - canvas.clientLeft) / canvas.clientWidth;
  const within = (fraction, count) => Math.min(count - 1, Math.max(0, Math.floor(fraction * count)));
  return [within(y, rows), within(x, cols)];
}

/** Map `map` of a C×H×W layer, large, with `cell` marked; clicking a cell calls onCell(row, col).
 * hide: leave the marked cell empty (predict mode asks for its value). */
export function bigMap(layer, map, cell, onCell, { scale = null, hide = false } = {}) {
  const [, h, w] = layer.shape;
  const values = layer.data.slice(map * h * w, (map + 1) * h * w); // (h·w,) a copy: a hidden cell is NaN
  const colours = scale ?? scaleFor(values);
  if (hide) values[cell[0] * w + cell[1]] = NaN; // drawn see-through
  const canvas = element("canvas", "big-map");
  drawMap(canvas, values, h, w, colours);
  canvas.addEventListener("click", (event) => onCell(...cellUnder(canvas, event, h, w)));
  const holder = element("div", "big-map-holder");
  holder.append(canvas, cellMark(cell, h, w));
  return holder;
}

/** Input channel c's card: its window ⊙ its kernel slice = its partial sum (null: "?", predict mode asks). */
export function channelCard(c, window, kernel, partial) {
  const title = t("equation.channel", { c: c + 1 });
  const card = element("figure", "channel-card");
  card.dataset.testid = `channel-${c}`;
  const row = element("div", "channel-row");
  new Grid(row, { label: `${title}: window` }).setData(window);
  row.append(element("span", "op", "⊙"));
  new Grid(row, { label: `${title}: kernel` }).setData(kernel);
  const sum = element("span", "channel-sum"); // "= sum" wraps as one, under the grids when the row is full
  sum.append(element("span", "op", "="), element("strong", "partial", partial === null ? "?" : fmt(partial)));
  row.append(sum);
  card.append(element("figcaption", "", title), row);
  return card;
}
