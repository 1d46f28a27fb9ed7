// The signal page's numbers view: sequences as typed, in the URL, and as a request for /api/convolve.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  BOUND, MAX_LENGTH, SEQUENCE_EXAMPLES, encodeSequence, exampleOf, formatSequence, outputLength, parseSequence,
  sequenceRequest,
} from "../../static/js/pages/signal/sequences.js";

test("commas, spaces or semicolons separate the numbers, and the true minus sign reads as a minus", () => {
  assert.deepEqual(parseSequence("1, 2, 3"), [1, 2, 3]);
  assert.deepEqual(parseSequence("  0 1\t0.5 "), [0, 1, 0.5]);
  assert.deepEqual(parseSequence("1;\u22122, -0.25"), [1, -2, -0.25]);
  assert.deepEqual(parseSequence("7"), [7]);
});

test("anything but 1 to 6 numbers within the bound is no sequence", () => {
  for (const text of ["", " , ", "1, a", "1, 2, 3, 4, 5, 6, 7", "1e400", `${BOUND + 1}`, "NaN", null]) {
    assert.equal(parseSequence(text), null, String(text));
  }
  assert.equal(parseSequence(Array(MAX_LENGTH).fill("1").join(",")).length, MAX_LENGTH);
});

test("what the field shows and what the URL holds read back as the same numbers", () => {
  const values = [1, -0.5, 2.25];
  assert.equal(formatSequence(values), "1, -0.5, 2.25");
  assert.deepEqual(parseSequence(formatSequence(values)), values);
  assert.equal(encodeSequence(values), "1,-0.5,2.25");
  assert.deepEqual(parseSequence(encodeSequence(values)), values);
});

test("the longest sequences, padded for the full convolution, still fit a grid of numbers (16 cells)", () => {
  assert.ok(MAX_LENGTH + 2 * (MAX_LENGTH - 1) <= 16);
});

test("an example is named only while both sequences are exactly its own", () => {
  assert.equal(exampleOf([1, 2, 3], [0, 1, 0.5]), "basic");
  assert.equal(exampleOf([1, 2], [1, 3]), "multiply");
  assert.equal(exampleOf([1, 2, 3], [0, 1]), "");
  assert.equal(exampleOf([1, 3], [1, 2]), "");
  for (const { x, h } of Object.values(SEQUENCE_EXAMPLES)) {
    assert.ok(x.length <= MAX_LENGTH && h.length <= MAX_LENGTH);
  }
});

test("the request is a 1×L input and a 1×K kernel with K − 1 zeros at both ends, in convolution mode", () => {
  assert.deepEqual(sequenceRequest([1, 2, 3], [0, 1, 0.5]), {
    input: [[1, 2, 3]], kernel: [[0, 1, 0.5]], padding: [0, 2], mode: "convolution", trace: true,
  });
  assert.deepEqual(sequenceRequest([4], [2]).padding, [0, 0]);
  assert.equal(outputLength([1, 2, 3], [0, 1, 0.5]), 5);
});
