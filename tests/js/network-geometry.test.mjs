// The network page's geometry: which layer opens which detail, what a URL's map index may name, and
// where flatten puts each cell — checked against a C-order flatten done by hand, loop by loop.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  canPick, cellAt, choicesOf, flatPosition, mapShapeOf, stepsOf, viewOf, walksCells,
} from "../../static/js/pages/network/geometry.js";

// The shipped model's columns (the input first), as types and shapes.
const MNIST = [
  ["input", [1, 28, 28]], ["conv2d", [8, 28, 28]], ["relu", [8, 28, 28]], ["maxpool", [8, 14, 14]],
  ["conv2d", [16, 14, 14]], ["relu", [16, 14, 14]], ["maxpool", [16, 7, 7]], ["flatten", [784]],
  ["dense", [10]], ["softmax", [10]],
].map(([type, shape]) => ({ type, shape }));

test("each layer type opens its own view; the input none", () => {
  assert.deepEqual(MNIST.map((_, i) => viewOf(MNIST, i)),
    [null, "conv", "relu", "pool", "conv", "relu", "pool", "flatten", "dense", "output"]);
  assert.equal(viewOf(MNIST, 10), null);
  assert.equal(viewOf([{ type: "input", shape: [4] }, { type: "batchnorm", shape: [4] }], 1), null);
});

test("flatten over something other than maps has no view", () => {
  const vectors = [{ type: "input", shape: [1, 4, 4] }, { type: "flatten", shape: [16] }, { type: "flatten", shape: [16] }];
  assert.equal(viewOf(vectors, 1), "flatten");
  assert.equal(viewOf(vectors, 2), null);
});

test("flatten's picks are the maps it lays out, one step per cell of a map", () => {
  assert.deepEqual(mapShapeOf(MNIST, 7), [16, 7, 7]);
  assert.equal(choicesOf(MNIST, 7), 16);
  assert.equal(stepsOf(MNIST, 7), 49);
  assert.ok(walksCells(MNIST, 7));
});

test("map layers walk their cells, dense and the output walk the classes", () => {
  assert.deepEqual([1, 3, 4, 6].map((i) => [choicesOf(MNIST, i), stepsOf(MNIST, i)]),
    [[8, 784], [8, 196], [16, 196], [16, 49]]);
  assert.deepEqual([8, 9].map((i) => [choicesOf(MNIST, i), stepsOf(MNIST, i), walksCells(MNIST, i)]),
    [[10, 10, false], [10, 10, false]]);
});

test("a URL's map index is honoured only where that map exists", () => {
  assert.ok(canPick(MNIST, 7, 0)); // flatten, the first map it lays out
  assert.ok(canPick(MNIST, 7, 15));
  assert.ok(!canPick(MNIST, 7, 16));
  assert.ok(!canPick(MNIST, 0, 0)); // the input
  assert.ok(!canPick(MNIST, 9, 10));
  assert.ok(!canPick(MNIST, 12, 0));
  assert.ok(!canPick(MNIST, 4, -1));
  assert.ok(!canPick(MNIST, Number.NaN, 0));
  assert.ok(!canPick(MNIST, 4, 1.5));
});

test("flatten's positions are C order, as a loop over maps, rows and columns numbers them", () => {
  for (const shape of [[16, 7, 7], [3, 2, 5], [1, 4, 1]]) {
    const [channels, height, width] = shape;
    let position = 0;
    for (let c = 0; c < channels; c++) {
      for (let r = 0; r < height; r++) {
        for (let col = 0; col < width; col++) {
          const step = r * width + col;
          assert.deepEqual(flatPosition(shape, c, step),
            { position, row: r, col, size: height * width, width }, `${shape} ${[c, r, col]}`);
          assert.deepEqual(cellAt(shape, position), { map: c, step });
          position++;
        }
      }
    }
  }
});
