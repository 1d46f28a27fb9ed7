// Kernel presets. The worked example also sets its input; the others keep the input as it is.

export const SEED = {
  input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
  kernel: [[1, 1], [0, 2]],
};

export const KERNELS = {
  seed: SEED.kernel,
  identity: [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
  box: [[1 / 9, 1 / 9, 1 / 9], [1 / 9, 1 / 9, 1 / 9], [1 / 9, 1 / 9, 1 / 9]],
  gaussian: [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]],
  sharpen: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
  sobel_x: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
  sobel_y: [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
  laplacian: [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
  emboss: [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
  outline: [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
};

export const PRESET_NAMES = [...Object.keys(KERNELS), "random"];

/** Small integers, so the arithmetic stays readable. */
export function randomMatrix(rows, cols, low, high) {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => low + Math.floor(Math.random() * (high - low + 1))));
}

// The figures of Dumoulin and Visin's "A guide to convolution arithmetic for deep learning" (2016):
// each sets the shapes of one of its animations. The numbers are the guide's own worked example
// (its Figure 1.1: 5×5 input, 3×3 kernel), the input tiled to the larger sizes.
const GUIDE_INPUT = [[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]];
const GUIDE_KERNEL = [[0, 1, 2], [2, 2, 0], [0, 1, 2]];
const GUIDE_KERNEL_4 = [[0, 1, 2, 1], [2, 2, 0, 1], [0, 1, 2, 0], [1, 0, 1, 2]]; // the guide's 4×4 has no numbers

export const GUIDE = {
  no_padding_no_strides: { size: 4, kernel: 3, padding: 0, stride: 1, dilation: 1 },
  arbitrary_padding_no_strides: { size: 5, kernel: 4, padding: 2, stride: 1, dilation: 1 },
  half_padding_no_strides: { size: 5, kernel: 3, padding: 1, stride: 1, dilation: 1 },
  full_padding_no_strides: { size: 5, kernel: 3, padding: 2, stride: 1, dilation: 1 },
  no_padding_strides: { size: 5, kernel: 3, padding: 0, stride: 2, dilation: 1 },
  padding_strides: { size: 5, kernel: 3, padding: 1, stride: 2, dilation: 1 },
  padding_strides_odd: { size: 6, kernel: 3, padding: 1, stride: 2, dilation: 1 },
  dilation: { size: 7, kernel: 3, padding: 0, stride: 1, dilation: 2 },
};

/** The guide's input at side `size`: its 5×5 tiled, starting `shift` rows down (one more per channel). */
export function guideInput(size, shift = 0) {
  return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => GUIDE_INPUT[(r + shift) % 5][c % 5]));
}

/** The guide's kernel at side 3 or 4. */
export function guideKernel(side) {
  return (side === 4 ? GUIDE_KERNEL_4 : GUIDE_KERNEL).map((row) => [...row]);
}

// Layers of real networks on a 3-channel input: a depthwise convolution (each filter reads one channel:
// groups = channels) and a 1×1 convolution, which mixes the channels at each pixel (its first filter
// is the usual RGB → grey weighting, its second red minus blue). Each channel's input starts one row
// further down the guide's numbers.
export const LAYERS = {
  // 3 filters × 1 channel × 3×3: the guide's kernel, the Laplacian, Sobel x
  depthwise: { size: 5, groups: 3, bank: [[GUIDE_KERNEL], [KERNELS.laplacian], [KERNELS.sobel_x]] },
  pointwise: { size: 4, groups: 1, bank: [[[[0.3]], [[0.59]], [[0.11]]], [[[1]], [[0]], [[-1]]]] }, // 2 × 3 × 1×1
};
