// The numbers view's two short sequences x and h: reading them as typed, writing them to the URL, the
// examples, and the request that makes POST /api/convolve compute their full convolution.

// At most 6 numbers each: x padded by K − 1 zeros at both ends then spans at most 6 + 2·5 = 16 cells,
// the most a grid shows as numbers (core/grid.js READABLE), so swapping x and h always fits too.
export const MAX_LENGTH = 6;
export const BOUND = 1000; // |entry|: the equation stays readable

export const DEFAULT_X = [1, 2, 3];
export const DEFAULT_H = [0, 1, 0.5];

/** Examples for a lecture: each shows one thing convolution of sequences does. */
export const SEQUENCE_EXAMPLES = {
  basic: { x: DEFAULT_X, h: DEFAULT_H },
  average: { x: [2, 4, 6, 4, 2, 0], h: [0.5, 0.5] }, // a moving average smooths
  edges: { x: [0, 0, 1, 1, 1, 0], h: [1, -1] }, // a difference finds where x jumps
  echo: { x: [0, 1, 0, 0, 0.5], h: [3, 2, 1] }, // every spike in x leaves a scaled copy of h
  multiply: { x: [1, 2], h: [1, 3] }, // 12 × 13 = 156: long multiplication without the carries
};

/**
 * "1, 2, 3", "1 2 3" or "1; −0.5" -> [numbers], or null unless it is 1 to MAX_LENGTH numbers within
 * ±BOUND. The true minus sign (−) that the page writes is read as a minus too.
 */
export function parseSequence(text) {
  const parts = String(text ?? "").replace(/\u2212/g, "-").split(/[\s,;]+/).filter(Boolean);
  if (parts.length < 1 || parts.length > MAX_LENGTH) return null;
  const values = parts.map(Number);
  return values.every((v) => Number.isFinite(v) && Math.abs(v) <= BOUND) ? values : null;
}

/** [1, −0.5] -> "1, -0.5": what the settings field shows, which parseSequence reads back. */
export function formatSequence(values) {
  return values.map(String).join(", ");
}

/** The URL's form: "1,2,3". */
export function encodeSequence(values) {
  return values.join(",");
}

/** The example that x and h are, or "" once they differ from every one. */
export function exampleOf(x, h) {
  const same = (a, b) => a.length === b.length && a.every((v, k) => v === b[k]);
  return Object.keys(SEQUENCE_EXAMPLES).find((name) => {
    const example = SEQUENCE_EXAMPLES[name];
    return same(example.x, x) && same(example.h, h);
  }) ?? "";
}

/** One output per n = 0 … L + K − 2. */
export function outputLength(x, h) {
  return x.length + h.length - 1;
}

/**
 * POST /api/convolve for y = x ∗ h: x as a 1×L input, h as a 1×K kernel, K − 1 zeros at both ends
 * of the row (padding [0, K − 1]) and the convolution mode (h flipped): the full convolution, as
 * numpy.convolve(x, h) gives it, with its trace for the animation.
 */
export function sequenceRequest(x, h) {
  return { input: [x], kernel: [h], padding: [0, h.length - 1], mode: "convolution", trace: true };
}
