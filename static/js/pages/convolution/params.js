// Weight sharing in numbers: a convolution layer's weights against those of a dense (fully
// connected) layer with the same input and output sizes. Shape arithmetic only.

const product = (shape) => shape.reduce((a, b) => a * b, 1);

/** The sizes of a nested array's first `depth` axes: shapeOf([[1, 2, 3], [4, 5, 6]], 2) -> [2, 3]. */
export function shapeOf(array, depth) {
  const sizes = [];
  for (let level = array; sizes.length < depth; level = level[0]) sizes.push(level.length);
  return sizes;
}

/** input: [C, H, W], kernel: [F, C, kh, kw], output: [F, OH, OW] -> both counts, biases included. */
export function weightCounts(input, kernel, output) {
  const [filters, channels, kh, kw] = kernel;
  const [inputs, outputs] = [product(input), product(output)];
  return {
    filters, channels, kh, kw, inputs, outputs,
    conv: filters * channels * kh * kw + filters, // F×C×kh×kw + F
    dense: inputs * outputs + outputs, // in×out + out
  };
}
