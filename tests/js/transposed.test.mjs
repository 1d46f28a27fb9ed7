// The transposed-convolution page's geometry, checked against doing the arithmetic the long way:
// a scatter loop (each input cell adds its value times the kernel into the output) and a stride-1
// convolution, with the kernel turned 180°, over the zero-stuffed, padded input the page draws.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  axisLayout, coverageCounts, finishingSteps, focusCell, stuffedInput, transposedSize,
} from "../../static/js/pages/transposed/geometry.js";
import { PRESETS, presetState } from "../../static/js/pages/transposed/presets.js";
import { runningSums } from "../../static/js/pages/transposed/sums.js";
import { generator } from "./random.mjs";

const random = generator(19);
const randomInts = (rows, cols, low, high) =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => random.integer(low, high)));

/** Every geometry the page allows, a stride and dilation that output_padding needs included. */
function* cases() {
  for (const size of [1, 2, 3, 5]) for (const kernel of [1, 2, 3, 4]) for (const stride of [1, 2, 3]) {
    for (const dilation of [1, 2]) for (const padding of [0, 1, 2, 3]) {
      for (let outputPadding = 0; outputPadding < Math.max(stride, dilation); outputPadding++) {
        const axis = { size, kernel, stride, padding, outputPadding, dilation };
        if (transposedSize(size, kernel, stride, padding, outputPadding, dilation) >= 1) yield axis;
      }
    }
  }
}

/** The scatter, step by step: out[r][c] after every input cell; and for each cell the last step that touched it. */
function scatter(input, kernel, axis) {
  const [h, w, kh, kw] = [input.length, input[0].length, kernel.length, kernel[0].length];
  const oh = transposedSize(h, kh, axis.stride, axis.padding, axis.outputPadding, axis.dilation);
  const ow = transposedSize(w, kw, axis.stride, axis.padding, axis.outputPadding, axis.dilation);
  const out = Array.from({ length: oh }, () => new Array(ow).fill(0));
  const last = Array.from({ length: oh }, () => new Array(ow).fill(-1));
  const count = Array.from({ length: oh }, () => new Array(ow).fill(0));
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
    const touched = new Set();
    for (let m = 0; m < kh; m++) for (let n = 0; n < kw; n++) {
      const r = i * axis.stride - axis.padding + m * axis.dilation;
      const c = j * axis.stride - axis.padding + n * axis.dilation;
      if (r < 0 || r >= oh || c < 0 || c >= ow) continue;
      out[r][c] += input[i][j] * kernel[m][n];
      last[r][c] = i * w + j;
      touched.add(r * ow + c);
    }
    for (const key of touched) count[Math.floor(key / ow)][key % ow] += 1;
  }
  return { out, last, count };
}

/** A stride-1 convolution of `grid` with the kernel turned 180°, its taps `dilation` apart. */
function directConvolution(grid, kernel, dilation, oh, ow) {
  const [kh, kw] = [kernel.length, kernel[0].length];
  return Array.from({ length: oh }, (_, r) => Array.from({ length: ow }, (_, c) => {
    let sum = 0;
    for (let m = 0; m < kh; m++) for (let n = 0; n < kw; n++) {
      sum += grid[r + m * dilation][c + n * dilation] * kernel[kh - 1 - m][kw - 1 - n];
    }
    return sum;
  }));
}

function layouts(input, kernel, axis) {
  const rows = axisLayout({ ...axis, size: input.length, kernel: kernel.length });
  const cols = axisLayout({ ...axis, size: input[0].length, kernel: kernel[0].length });
  return { rows, cols };
}

test("the zero-stuffed, padded input convolved with the turned kernel gives the scatter's output", () => {
  for (const axis of cases()) {
    const input = randomInts(axis.size, axis.size + 1, -3, 3);
    const kernel = randomInts(axis.kernel, Math.max(1, axis.kernel - 1), -3, 3);
    const { rows, cols } = layouts(input, kernel, axis);
    const { out } = scatter(input, kernel, axis);
    const direct = directConvolution(stuffedInput(input, rows, cols).values, kernel, axis.dilation, rows.out, cols.out);
    assert.deepEqual(direct, out, JSON.stringify(axis));
  }
});

test("the stuffed grid holds each input cell stride apart, zeros elsewhere, and a border of D·(K − 1) − P", () => {
  const input = [[1, 2], [3, 4]];
  const rows = axisLayout({ size: 2, kernel: 3, stride: 2, padding: 1, outputPadding: 1, dilation: 1 });
  const { values, pads } = stuffedInput(input, rows, rows);
  // border 3 − 1 − 1 = 1 before, 1 + output_padding 1 = 2 after; the 2×2 input stuffed to 3×3
  assert.deepEqual(pads, [1, 2, 1, 2]);
  assert.deepEqual(values, [
    [0, 0, 0, 0, 0, 0],
    [0, 1, 0, 2, 0, 0],
    [0, 0, 0, 0, 0, 0],
    [0, 3, 0, 4, 0, 0],
    [0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0],
  ]);
});

test("a padding larger than D·(K − 1) cuts stuffed cells off instead of adding a border", () => {
  const rows = axisLayout({ size: 3, kernel: 1, stride: 2, padding: 1, outputPadding: 0, dilation: 1 });
  assert.deepEqual(rows.border, [-1, -1]);
  const one = axisLayout({ size: 1, kernel: 1, stride: 1, padding: 0, outputPadding: 0, dilation: 1 });
  const { values, pads } = stuffedInput([[1, 2, 3]], one, rows);
  assert.deepEqual(values, [[0, 2, 0]]);
  assert.deepEqual(pads, [0, 0, 0, 0]);
});

test("coverage and finishing steps count what the scatter does", () => {
  for (const axis of cases()) {
    const input = randomInts(axis.size, axis.size, 1, 1);
    const kernel = randomInts(axis.kernel, axis.kernel, 1, 1);
    const { rows, cols } = layouts(input, kernel, axis);
    const { last, count } = scatter(input, kernel, axis);
    assert.deepEqual(coverageCounts(rows, cols), count, JSON.stringify(axis));
    assert.deepEqual(finishingSteps(rows, cols, axis.size), last, JSON.stringify(axis));
  }
});

test("stride 2 with a 3×3 kernel leaves the checkerboard: 1, 2, 4 inputs per output cell", () => {
  const rows = axisLayout({ size: 3, kernel: 3, stride: 2, padding: 0, outputPadding: 0, dilation: 1 });
  // a row or column where two kernel copies overlap (2, 4) gets two sources, every other one
  const counts = coverageCounts(rows, rows);
  assert.deepEqual(counts[0], [1, 1, 2, 1, 2, 1, 1]);
  assert.deepEqual(counts[1], [1, 1, 2, 1, 2, 1, 1]);
  assert.deepEqual(counts[2], [2, 2, 4, 2, 4, 2, 2]);
});

test("the focus is the first cell the step finishes, else the next one to be finished", () => {
  // 2×2 input, 3×3 kernel, stride 1: output 4×4
  const rows = axisLayout({ size: 2, kernel: 3, stride: 1, padding: 0, outputPadding: 0, dilation: 1 });
  const finishing = finishingSteps(rows, rows, 2);
  assert.deepEqual(finishing, [[0, 1, 1, 1], [2, 3, 3, 3], [2, 3, 3, 3], [2, 3, 3, 3]]);
  assert.deepEqual(focusCell(finishing, 0), { cell: [0, 0], finishedAt: 0 });
  assert.deepEqual(focusCell(finishing, 1), { cell: [0, 1], finishedAt: 1 });
  assert.deepEqual(focusCell(finishing, 3), { cell: [1, 1], finishedAt: 3 });
  // full padding: the first input cells finish nothing; the focus waits for the next cell to finish
  const full = axisLayout({ size: 7, kernel: 3, stride: 1, padding: 2, outputPadding: 0, dilation: 1 });
  const late = finishingSteps(full, full, 7);
  assert.deepEqual(focusCell(late, 0), { cell: [0, 0], finishedAt: 16 });
  assert.deepEqual(focusCell(late, 16), { cell: [0, 0], finishedAt: 16 });
  assert.deepEqual(focusCell(late, 17), { cell: [0, 1], finishedAt: 17 });
  // kernel 1, padding 1: only input (1, 1) lands inside; after it, its cell stays the focus
  const cropped = axisLayout({ size: 3, kernel: 1, stride: 2, padding: 1, outputPadding: 0, dilation: 1 });
  const done = finishingSteps(cropped, cropped, 3);
  assert.deepEqual(focusCell(done, 8), { cell: [1, 1], finishedAt: 4 });
});

test("every preset has the guide's output size", () => {
  const expected = {
    no_padding_no_strides: 4, arbitrary_padding: 5, half_padding: 5, full_padding: 5,
    no_padding_strides: 5, padding_strides: 5, padding_strides_odd: 6, checkerboard: 7,
  };
  assert.deepEqual(Object.keys(PRESETS), Object.keys(expected));
  for (const [name, size] of Object.entries(expected)) {
    const state = presetState(name);
    const [h, w] = [state.input.length, state.input[0].length];
    const [kh, kw] = [state.kernel.length, state.kernel[0].length];
    const rule = (i, k) => transposedSize(i, k, state.stride, state.padding, state.outputPadding, state.dilation);
    assert.deepEqual([rule(h, kh), rule(w, kw)], [size, size], name);
  }
});

/** A trace shaped as POST /api/conv_transpose writes it (one kh×kw kernel, bias 0.5), from the geometry. */
function traceOf(input, kernel, axis, oh, ow) {
  const [h, w, kh, kw] = [input.length, input[0].length, kernel.length, kernel[0].length];
  const trace = { bias: [0.5], rows: [], cols: [], kept: [], products: [] };
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
    const rows = Array.from({ length: kh }, (_, m) => i * axis.stride - axis.padding + m * axis.dilation);
    const cols = Array.from({ length: kw }, (_, n) => j * axis.stride - axis.padding + n * axis.dilation);
    trace.rows.push(rows);
    trace.cols.push(cols);
    trace.kept.push(rows.map((r) => cols.map((c) => Number(r >= 0 && r < oh && c >= 0 && c < ow))));
    trace.products.push(kernel.map((line) => line.map((k) => input[i][j] * k)));
  }
  return trace;
}

test("the running sums hold the bias before the first step, the scatter's output plus the bias after the last", () => {
  for (const axis of cases()) {
    const input = randomInts(axis.size, axis.size, -3, 3);
    const kernel = randomInts(axis.kernel, axis.kernel, -3, 3);
    const { rows, cols } = layouts(input, kernel, axis);
    const trace = traceOf(input, kernel, axis, rows.out, cols.out);
    const last = input.length * input[0].length - 1;
    const { sums, added } = runningSums(trace, last, [rows.out, cols.out]);
    const { out, count } = scatter(input, kernel, axis);
    assert.deepEqual(sums, out.map((line) => line.map((v) => v + 0.5)), JSON.stringify(axis));
    assert.deepEqual(added, count, JSON.stringify(axis));
    const none = runningSums(trace, -1, [rows.out, cols.out]);
    assert.ok(none.sums.flat().every((v) => v === 0.5) && none.added.flat().every((n) => n === 0));
  }
});
