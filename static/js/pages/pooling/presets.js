// Example inputs, and moving an input around (to see what pooling forgets about position).

export const WORKED = [[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 9, 0], [1, 8, 3, 4]]; // max 2×2 -> [[6,4],[8,9]]

/** 5×5, for 3×3 windows with stride 2 (as in AlexNet): neighbouring windows share a row or column. */
export const OVERLAP = [[1, 3, 2, 4, 0], [5, 6, 1, 2, 7], [7, 2, 4, 0, 3], [1, 8, 3, 4, 2], [0, 5, 2, 6, 1]];

/** A faint background with one bright vertical stroke: shift it and watch the max-pooled output. */
export const FEATURE = [
  [1, 0, 1, 0, 0, 1],
  [0, 1, 9, 0, 1, 0],
  [1, 0, 9, 1, 0, 0],
  [0, 0, 1, 0, 1, 0],
  [0, 1, 0, 0, 0, 1],
  [1, 0, 0, 1, 0, 0],
];

/** The examples the menu offers by name (besides random numbers): everything they set. */
export const EXAMPLES = {
  worked: { input: [WORKED], kind: "max", size: [2, 2], stride: null, padding: [0, 0] },
  feature: { input: [FEATURE], kind: "max", size: [2, 2], stride: null, padding: [0, 0] },
  overlap: { input: [OVERLAP], kind: "max", size: [3, 3], stride: [2, 2], padding: [0, 0] },
};

/** The name of the example that `state` is, as it was picked, or "" once anything differs. */
export function exampleOf(state) {
  const same = (example) => Object.keys(example).every((key) => JSON.stringify(example[key]) === JSON.stringify(state[key]));
  return Object.keys(EXAMPLES).find((name) => same(EXAMPLES[name])) ?? "";
}

/** Small integers, so the arithmetic stays readable. */
export function randomMatrix(rows, cols, low = 0, high = 9) {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => low + Math.floor(Math.random() * (high - low + 1))));
}

/** The matrix moved by (down, right) cells: what moves past an edge is gone, and zeros come in on the other side. */
export function shifted(matrix, down, right) {
  return matrix.map((line, r) => line.map((_, c) => matrix[r - down]?.[c - right] ?? 0));
}
