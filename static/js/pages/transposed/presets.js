// The transposed counterparts of the animations in Dumoulin and Visin's "A guide to convolution
// arithmetic for deep learning", with the guide's shapes, plus the checkerboard that stride 2 leaves
// with a 3×3 kernel. The guide's figures carry no numbers: these are small integers to read aloud.

export const PRESETS = {
  no_padding_no_strides: { size: 2, kernel: 3 }, // 2×2 -> 4×4
  arbitrary_padding: { size: 6, kernel: 4, padding: 2 }, // 6×6 -> 5×5
  half_padding: { size: 5, kernel: 3, padding: 1 }, // 5×5 -> 5×5
  full_padding: { size: 7, kernel: 3, padding: 2 }, // 7×7 -> 5×5
  no_padding_strides: { size: 2, kernel: 3, stride: 2 }, // 2×2 -> 5×5
  padding_strides: { size: 3, kernel: 3, stride: 2, padding: 1 }, // 3×3 -> 5×5
  padding_strides_odd: { size: 3, kernel: 3, stride: 2, padding: 1, outputPadding: 1 }, // 3×3 -> 6×6
  // all ones in, all ones out: each output cell counts the input cells that reach it (1, 2, 4)
  checkerboard: { size: 3, kernel: 3, stride: 2, ones: true, coverage: true }, // 3×3 -> 7×7
};

/** 1 to 4 across the input: no two neighbours alike, so each cell's landing can be followed. */
export function patternInput(rows, cols) {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => ((r + 2 * c) % 4) + 1));
}

/** 0, 1 and 2 in a pattern that turning 180° changes, so the direct view's turned kernel reads differently. */
export function patternKernel(rows, cols) {
  return Array.from({ length: rows }, (_, m) => Array.from({ length: cols }, (_, n) => (2 * m + n + 1) % 3));
}

const ones = (rows, cols) => Array.from({ length: rows }, () => new Array(cols).fill(1));

/** The settings a preset stands for (the page's state fields). */
export function presetState(name) {
  const { size, kernel, stride = 1, padding = 0, outputPadding = 0, coverage = false } = PRESETS[name];
  return {
    input: PRESETS[name].ones ? ones(size, size) : patternInput(size, size),
    kernel: PRESETS[name].ones ? ones(kernel, kernel) : patternKernel(kernel, kernel),
    stride, padding, outputPadding, dilation: 1, coverage,
  };
}
