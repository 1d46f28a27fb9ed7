// The convolution page's shape arithmetic: where K(0, 0) lies, the weight counter, coverage shades.
import assert from "node:assert/strict";
import { test } from "node:test";

import { SHADES, cellsByShade, shadeOf } from "../../static/js/core/coverage.js";
import { anchorOf, turnedCell } from "../../static/js/pages/convolution/indices.js";
import { shapeOf, weightCounts } from "../../static/js/pages/convolution/params.js";

// The worked example's last step, 3×3 input and 2×2 kernel: the window covers rows 1-2, columns 1-2.
const TRACE = { rows: [[0, 1], [1, 2]], cols: [[0, 1], [1, 2]] };
// A dilated 2×2 kernel (dilation 2) at stride 3: the window's taps are rows 3 and 5, columns 0 and 2.
const DILATED = { rows: [[3, 5]], cols: [[0, 2]] };

test("K(0, 0) lies on the window's first cell in cross-correlation and on its last in convolution", () => {
  assert.deepEqual(anchorOf(TRACE, 1, "cross-correlation"), [1, 1]);
  assert.deepEqual(anchorOf(TRACE, 1, "convolution"), [2, 2]);
  assert.deepEqual(anchorOf(DILATED, 0, "cross-correlation"), [3, 0]);
  assert.deepEqual(anchorOf(DILATED, 0, "convolution"), [5, 2]);
});

test("turning a kernel twice gives every cell back, and the corners swap", () => {
  assert.deepEqual(turnedCell([0, 0], 2, 3), [1, 2]);
  for (let m = 0; m < 3; m++) for (let n = 0; n < 4; n++) {
    assert.deepEqual(turnedCell(turnedCell([m, n], 3, 4), 3, 4), [m, n]);
  }
});

test("the worked example has 5 weights, and a dense layer from its 9 inputs to its 4 outputs 40", () => {
  const counts = weightCounts([1, 3, 3], [1, 1, 2, 2], [1, 2, 2]);
  assert.equal(counts.conv, 1 * 1 * 2 * 2 + 1);
  assert.equal(counts.dense, 9 * 4 + 4);
  assert.deepEqual([counts.inputs, counts.outputs], [9, 4]);
});

test("a nested array's shape is read along its first axes", () => {
  assert.deepEqual(shapeOf([[1, 2, 3], [4, 5, 6]], 2), [2, 3]);
  assert.deepEqual(shapeOf([[[[1, 1], [0, 2]]], [[[0, 0], [0, 0]]]], 4), [2, 1, 2, 2]);
});

test("weights grow with filters and channels but not with the image; a dense layer's grow with both", () => {
  const small = weightCounts([3, 8, 8], [4, 3, 3, 3], [4, 6, 6]);
  const large = weightCounts([3, 32, 32], [4, 3, 3, 3], [4, 30, 30]);
  assert.equal(small.conv, 4 * 3 * 3 * 3 + 4);
  assert.equal(large.conv, small.conv);
  assert.equal(large.dense, 3 * 32 * 32 * 4 * 30 * 30 + 4 * 30 * 30);
});

test("coverage shades run from 1 for the least-read cells to the darkest for the most-read; unread cells are 0", () => {
  assert.equal(shadeOf(0, 4), 0);
  assert.equal(shadeOf(1, 1), SHADES);
  assert.equal(shadeOf(4, 4), SHADES);
  assert.equal(shadeOf(1, 9), 1);
  for (let most = 1; most <= 49; most++) {
    for (let count = 1; count <= most; count++) {
      const shade = shadeOf(count, most);
      assert.ok(shade >= 1 && shade <= SHADES && shade >= shadeOf(count - 1, most), `${count}/${most}`);
    }
  }
});

test("cells are sorted by shade and moved into the padded grid", () => {
  // The worked example's coverage (2×2 kernel on 3×3): corners 1, edges 2, centre 4; padding 1.
  const cells = cellsByShade([[1, 2, 1], [2, 4, 2], [1, 2, 1]], 1, 1);
  assert.deepEqual(cells[0], []);
  assert.deepEqual(cells[1], [[1, 1], [1, 3], [3, 1], [3, 3]]);
  assert.deepEqual(cells[2], [[1, 2], [2, 1], [2, 3], [3, 2]]);
  assert.deepEqual(cells[SHADES], [[2, 2]]);
  assert.equal(cells.flat().length, 9);
});

test("a grouped layer counts its filters' own channels; a standard and a depthwise-separable one stand beside it", () => {
  // MobileNet's point: 32 → 64 channels with 3×3 kernels on 112×112
  const dense = weightCounts([32, 112, 112], [64, 32, 3, 3], [64, 112, 112]);
  assert.equal(dense.conv, 64 * 32 * 9 + 64);
  assert.equal(dense.standard, dense.conv);
  assert.equal(dense.separable, 32 * 9 + 32 + 64 * 32 + 64);
  const depthwise = weightCounts([32, 112, 112], [32, 1, 3, 3], [32, 112, 112]); // groups = 32
  assert.equal(depthwise.conv, 32 * 9 + 32);
  assert.equal(depthwise.standard, 32 * 32 * 9 + 32);
  assert.deepEqual([depthwise.channels, depthwise.slices], [32, 1]);
});
