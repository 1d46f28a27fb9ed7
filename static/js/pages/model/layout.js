// Where each layer of a model's graph goes on the page, worked out from the summary alone (no DOM):
// columns left to right by depth, so that parallel branches (an Inception block's four, a ResNet
// block's shortcut) stand in one column, and the edges between them, skips and joins included.

export const INPUT = "input";

/**
 * layers: the summary's [{name, inputs}], in an order to run them (every input before its reader).
 * -> {columns: [[name]], place: Map(name -> {column, row}), edges: [{from, to, skip}]}
 * The input is column 0. A layer's column is one past its deepest input's; `skip` marks an edge that
 * jumps over at least one column (a residual shortcut, a U-Net's bridge).
 */
export function layout(layers) {
  const depth = new Map([[INPUT, 0]]);
  for (const layer of layers) {
    depth.set(layer.name, 1 + Math.max(...layer.inputs.map((name) => depth.get(name) ?? 0)));
  }
  const columns = [];
  const place = new Map();
  for (const name of [INPUT, ...layers.map((layer) => layer.name)]) {
    const column = depth.get(name);
    columns[column] ??= [];
    place.set(name, { column, row: columns[column].length });
    columns[column].push(name);
  }
  const edges = layers.flatMap((layer) => layer.inputs.map((from) => ({
    from, to: layer.name, skip: depth.get(layer.name) - depth.get(from) > 1,
  })));
  return { columns, place, edges };
}

/** The layers in reading order: column by column, top to bottom (what Shift + ← → walks). */
export function readingOrder({ columns }) {
  return columns.flat();
}

/**
 * A layer's name as a reader wants it. PyTorch's exporter names each output by the module path and
 * the operator ("/layer1/layer1.0/conv1/Conv_output_0"): the module's own dotted name
 * ("layer1.0.conv1") says which layer it is; a name outside any module keeps its operator ("Relu_1").
 */
export function shortName(name) {
  const parts = name.replace(/_output_\d+$/, "").replace(/^\//, "").split("/");
  const modules = parts.slice(0, -1);
  if (modules.length === 0) return parts[0];
  // a part that extends the one before it ("conv", then "conv.1") adds its own suffix; any other is a child
  let dotted = modules[0];
  modules.slice(1).forEach((module, k) => {
    const parent = modules[k];
    dotted += module.startsWith(`${parent}.`) ? module.slice(parent.length) : `.${module}`;
  });
  return dotted;
}
