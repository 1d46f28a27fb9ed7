// What a layer's detail walks through, worked out from the layers' types and shapes alone (no DOM,
// no numbers): which view explains a layer, which maps can be picked, how many steps a map has, and
// where flatten puts each cell. layers: [{type, shape}], the input first.

/** The detail view that explains each layer type; a type missing here has none (it cannot be picked). */
const VIEWS = {
  conv2d: "conv", maxpool: "pool", relu: "relu", flatten: "flatten", dense: "dense", softmax: "output",
};

/** "conv", "pool", "relu", "flatten", "dense", "output", or null: the input and unknown types have no view. */
export function viewOf(layers, index) {
  if (index < 1 || index >= layers.length) return null; // the input has no arithmetic of its own
  const view = VIEWS[layers[index].type] ?? null;
  if (view === "flatten" && layers[index - 1].shape.length !== 3) return null; // only C×H×W maps are drawn as segments
  return view;
}

/** The maps a flatten layer lays end to end: the shape of the layer before it (C×H×W). */
export function sourceShape(layers, index) {
  return layers[index - 1].shape;
}

/** The shape whose cells a layer's detail walks: its own, or for flatten the C×H×W maps it lays out. */
export function mapShapeOf(layers, index) {
  return viewOf(layers, index) === "flatten" ? sourceShape(layers, index) : layers[index].shape;
}

/** How many things of layer `index` can be picked: its maps, flatten's source maps, or the classes. */
export function choicesOf(layers, index) {
  const view = viewOf(layers, index);
  if (view === null) return 0;
  return view === "flatten" ? sourceShape(layers, index)[0] : layers[index].shape[0];
}

/** Whether `map` names something of layer `index` that has a detail view (a URL may say anything). */
export function canPick(layers, index, map) {
  return Number.isInteger(index) && Number.isInteger(map) && map >= 0 && map < choicesOf(layers, index);
}

/** Steps of a detail: one per cell of a map (flatten: of its source map), one per class for bars. */
export function stepsOf(layers, index) {
  const shape = mapShapeOf(layers, index);
  return shape.length === 3 ? shape[1] * shape[2] : shape[0];
}

/** Whether the layer's detail walks over the cells of a map (rather than over the classes). */
export function walksCells(layers, index) {
  return !["dense", "output"].includes(viewOf(layers, index));
}

/**
 * Where flatten puts cell (row, col) of map `map` of a C×H×W input: maps one after another, each
 * row by row (C order, as PyTorch's flatten): position = map·(H·W) + row·W + col.
 * -> {position, row, col, size: H·W, width: W}
 */
export function flatPosition([, height, width], map, step) {
  const row = Math.floor(step / width);
  const col = step % width;
  return { position: map * height * width + step, row, col, size: height * width, width };
}

/** The inverse: which map and which step (cell) of a C×H×W input lands at `position` of the flat vector. */
export function cellAt([, height, width], position) {
  const size = height * width;
  return { map: Math.floor(position / size), step: position % size };
}
