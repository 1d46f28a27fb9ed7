// The parts of a page's URL that are plain text: matrices, stacks of them, number pairs, the step.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  decodeMatrix, decodeStack, encodeMatrix, encodeStack, readPair, stepFromUrl, stepToUrl,
} from "../../static/js/core/urlstate.js";

test("a matrix and a stack of them survive the round trip", () => {
  const matrix = [[1, 2.5, -3], [4, 5, 6]];
  assert.equal(encodeMatrix(matrix), "1,2.5,-3;4,5,6");
  assert.deepEqual(decodeMatrix("1,2.5,-3;4,5,6"), matrix);
  assert.equal(encodeStack([[[1]], [[2]]]), "1|2");
  assert.deepEqual(decodeStack("1,2;3,4|5,6;7,8"), [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
});

test("ragged or non-numeric matrices are refused", () => {
  assert.equal(decodeMatrix("1,2;3"), null);
  assert.equal(decodeMatrix("1,x"), null);
  assert.equal(decodeMatrix(null), null);
  assert.equal(decodeStack("1,2|3,a"), null);
});

test("a pair is two integers in range, or one standing for both", () => {
  assert.deepEqual(readPair("2,3", 1, 4), [2, 3]);
  assert.deepEqual(readPair("2", 1, 4), [2, 2]);
  assert.deepEqual(readPair("0,0", 0, 4), [0, 0]);
});

test("anything else is no pair", () => {
  for (const text of [null, "", "5,1", "0,1", "1.5,2", "1,2,3", "a,b"]) assert.equal(readPair(text, 1, 4), null, text);
});

test("the URL counts steps from 1, as the label does; pages count from 0", () => {
  assert.equal(stepToUrl(0), "1");
  assert.equal(stepToUrl(27), "28");
  assert.equal(stepFromUrl("1"), "0");
  assert.equal(stepFromUrl("28"), "27");
  for (const step of [0, 1, 5, 50]) assert.equal(stepFromUrl(stepToUrl(step)), String(step));
});

test("no step stays no step, and an old link's step=0 still opens the first step", () => {
  assert.equal(stepToUrl(""), "");
  assert.equal(stepFromUrl("0"), "0");
  for (const text of ["", "-2", "1.5", "x"]) assert.equal(stepFromUrl(text), text, text);
});
