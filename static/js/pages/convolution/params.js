// Weight sharing in numbers: a convolution layer's weights against those of a dense (fully
// connected) layer with the same input and output sizes. Shape arithmetic only.

const product = (shape) => shape.reduce((a, b) => a * b, 1);

/** The sizes of a nested array's first `depth` axes: shapeOf([[1, 2, 3], [4, 5, 6]], 2) -> [2, 3]. */
export function shapeOf(array, depth) {
  const sizes = [];
  for (let level = array; sizes.length < depth; level = level[0]) sizes.push(level.length);
  return sizes;
}

/** input: [C, H, W], kernel: [F, C/groups, kh, kw], output: [F, OH, OW] -> the counts, biases included:
 * this layer's, a standard convolution's and a depthwise-separable one's (MobileNet's) for the same C and F,
 * and a dense layer's for the same input and output sizes. */
export function weightCounts(input, kernel, output) {
  const [filters, slices, kh, kw] = kernel;
  const channels = input[0];
  const [inputs, outputs] = [product(input), product(output)];
  return {
    filters, slices, channels, kh, kw, inputs, outputs,
    conv: filters * slices * kh * kw + filters, // F×(C/groups)×kh×kw + F
    standard: filters * channels * kh * kw + filters, // F×C×kh×kw + F
    separable: channels * kh * kw + channels + filters * channels + filters, // depthwise C×1×kh×kw + C, then 1×1 F×C + F
    dense: inputs * outputs + outputs, // in×out + out
  };
}
