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
