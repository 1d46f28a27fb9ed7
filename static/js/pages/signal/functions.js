// The τ grid both functions live on, and the shapes a student can pick for them.

export const T_MIN = -5;
export const T_MAX = 5;
export const DT = 0.2; // Δτ: 51 samples, so g fits the API's kernel-side limit (64) with room to spare
export const N = Math.round((T_MAX - T_MIN) / DT) + 1;
export const MIDDLE = (N - 1) / 2; // the sample at τ = 0
export const DRAW_RANGE = [-1.5, 1.5]; // what a drawn function can reach (the top plot's fixed y-range)

export const KINDS = ["box", "triangle", "gaussian", "decay", "step", "draw"];
export const WIDTH = { box: 2, triangle: 1, gaussian: 0.7, decay: 1, step: 1, draw: 1 }; // default w per kind
export const BOUNDS = { w: [0.2, 5], c: [-5, 5], a: [-2, 2] };

/** τ (or t) of sample j, rounded to the grid so it prints as 0.4 and not 0.40000000000000036. */
export function position(j) {
  return Math.round((T_MIN + j * DT) * 10) / 10;
}

/** The nearest sample to τ (may lie outside 0..N−1). */
export function nearest(value) {
  return Math.round((value - T_MIN) / DT);
}

// 1 inside, 0 outside, ½ exactly on a jump: the midpoint value keeps the Riemann sum close to the integral.
function jump(distance) {
  if (distance > 1e-9) return 1;
  return distance < -1e-9 ? 0 : 0.5;
}

// Unit shapes of u = τ − c with width w; the height a multiplies them.
const SHAPES = {
  box: (u, w) => jump(w / 2 - Math.abs(u)),
  triangle: (u, w) => Math.max(0, 1 - Math.abs(u) / w),
  gaussian: (u, w) => Math.exp(-(u * u) / (2 * w * w)),
  decay: (u, w) => jump(u) * Math.exp(-Math.max(u, 0) / w),
  step: (u) => jump(u),
};

/** N samples of one function: {kind, w, c, a} for a shape, or {kind: "draw", samples}. */
export function sample(fn) {
  if (fn.kind === "draw") return fn.samples.slice();
  return Array.from({ length: N }, (_, j) => {
    const value = fn.a * SHAPES[fn.kind](position(j) - fn.c, fn.w);
    return Math.abs(value) < 1e-12 ? 0 : value;
  });
}

/** g(t − τ) at every τ sample for the shift t = position(i): g's sample MIDDLE + i − j, 0 off the grid. */
export function flippedAt(g, i) {
  return Array.from({ length: N }, (_, j) => g[MIDDLE + i - j] ?? 0);
}

/** g(τ − t) at every τ sample (slid, not flipped): g's sample MIDDLE + j − i. */
export function slidAt(g, i) {
  return Array.from({ length: N }, (_, j) => g[MIDDLE + j - i] ?? 0);
}
