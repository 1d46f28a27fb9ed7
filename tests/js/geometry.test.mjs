// Window geometry: the output-size rule, padding by name, and how many windows read each cell,
// checked against counting window positions one by one.
import assert from "node:assert/strict";
import { test } from "node:test";

import { coverage, outputSize, resolvePadding } from "../../static/js/core/geometry.js";

/** Windows that fit: starts p = 0, s, 2s, … whose last tap p + d(k − 1) is still inside the padded size. */
function countWindows(size, kernel, stride, before, after, dilation) {
  let count = 0;
  for (let start = 0; start + dilation * (kernel - 1) < size + before + after; start += stride) count++;
  return count;
}

test("the output size counts the windows that fit", () => {
  for (let size = 1; size <= 9; size++) for (let kernel = 1; kernel <= 4; kernel++) {
    for (let stride = 1; stride <= 3; stride++) for (let before = 0; before <= 2; before++) {
      for (let after = 0; after <= 2; after++) for (let dilation = 1; dilation <= 3; dilation++) {
        const expected = countWindows(size, kernel, stride, before, after, dilation);
        const got = outputSize(size, kernel, stride, before, after, dilation);
        // The formula goes below 1 when no window fits; "none" is all that matters then.
        assert.equal(Math.max(0, got), expected, `${[size, kernel, stride, before, after, dilation]}`);
      }
    }
  }
});

/**
 * Windows in ceil mode: starts p = 0, s, 2s, … while the window one stride earlier (real, or imagined
 * before the first) stopped short of the padded input's end, and p is inside the input or the left padding.
 */
function countCeilWindows(size, kernel, stride, before, after, dilation) {
  const extent = dilation * (kernel - 1) + 1;
  let count = 0;
  for (let start = 0; start - stride + extent < size + before + after && start < size + before; start += stride) count++;
  return count;
}

test("in ceil mode the output size also counts a last partial window", () => {
  // Padding as pooling allows it, at most half the window: then only the partial window can start too late.
  for (let size = 1; size <= 9; size++) for (let kernel = 1; kernel <= 4; kernel++) {
    const half = Math.floor(kernel / 2);
    for (let stride = 1; stride <= 3; stride++) for (let before = 0; before <= half; before++) {
      for (let after = 0; after <= half; after++) for (let dilation = 1; dilation <= 3; dilation++) {
        const expected = countCeilWindows(size, kernel, stride, before, after, dilation);
        const got = outputSize(size, kernel, stride, before, after, dilation, true);
        assert.equal(Math.max(0, got), expected, `${[size, kernel, stride, before, after, dilation]}`);
      }
    }
  }
  // 5 cells, window 2, stride 2: floor keeps [0 1] [2 3]; ceil adds [4 ·], half past the end.
  assert.equal(outputSize(5, 2, 2), 2);
  assert.equal(outputSize(5, 2, 2, 0, 0, 1, true), 3);
  // 2 cells padded by 1 ([· 0 1 ·]), window 2, stride 3: rounding up would add a window starting on the
  // right padding, which PyTorch takes back, leaving the one window [· 0].
  assert.equal(outputSize(2, 2, 3, 1, 1, 1, true), 1);
});

test("same padding keeps the size at stride 1, the odd pixel going bottom and right", () => {
  for (const [kernel, dilation] of [[[3, 3], [1, 1]], [[2, 4], [1, 1]], [[3, 2], [2, 3]]]) {
    const [top, bottom, left, right] = resolvePadding("same", kernel, dilation);
    assert.equal(outputSize(7, kernel[0], 1, top, bottom, dilation[0]), 7);
    assert.equal(outputSize(5, kernel[1], 1, left, right, dilation[1]), 5);
    assert.ok(bottom - top >= 0 && bottom - top <= 1 && right - left >= 0 && right - left <= 1);
  }
  assert.deepEqual(resolvePadding("same", [2, 2], [1, 1]), [0, 1, 0, 1]);
});

test("valid padding is none, and a pair pads both sides", () => {
  assert.deepEqual(resolvePadding("valid", [3, 3], [1, 1]), [0, 0, 0, 0]);
  assert.deepEqual(resolvePadding([2, 1], [3, 3], [1, 1]), [2, 2, 1, 1]);
});

test("coverage counts the windows reading each cell", () => {
  // 3×3 input, 2×2 kernel, stride 1: corners are read once, edges twice, the centre by all four windows.
  assert.deepEqual(coverage(3, 3, [2, 2], [1, 1], [1, 1], [0, 0, 0, 0]), [[1, 2, 1], [2, 4, 2], [1, 2, 1]]);
  // stride 2 with a 1×1 kernel reads every other cell; padding reads nothing of the input.
  assert.deepEqual(coverage(3, 3, [1, 1], [2, 2], [1, 1], [0, 0, 0, 0]), [[1, 0, 1], [0, 0, 0], [1, 0, 1]]);
  // 1×3 input padded by 1 on each side, 3-wide kernel: each cell is read by every window over it.
  assert.deepEqual(coverage(1, 3, [1, 3], [1, 1], [1, 1], [0, 0, 1, 1]), [[2, 3, 2]]);
  // 1×5 input, 1×2 window, stride 2: ceil mode's partial last window reads the fifth cell.
  assert.deepEqual(coverage(1, 5, [1, 2], [1, 2], [1, 1], [0, 0, 0, 0]), [[1, 1, 1, 1, 0]]);
  assert.deepEqual(coverage(1, 5, [1, 2], [1, 2], [1, 1], [0, 0, 0, 0], true), [[1, 1, 1, 1, 1]]);
});
