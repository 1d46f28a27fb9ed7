// Arrays from the API in either form: nested lists, or {dtype, shape, base64} little-endian bytes.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { test } from "node:test";

import { rowsOf, unpack } from "../../static/js/core/arrays.js";

/** What the server sends for `encoding: "base64"`, built here from the numbers by Node's own Buffer. */
function encoded(dtype, shape, numbers) {
  const bytes = Buffer.alloc(numbers.length * 4);
  numbers.forEach((n, i) => (dtype === "int32" ? bytes.writeInt32LE(n, i * 4) : bytes.writeFloatLE(n, i * 4)));
  return { dtype, shape, base64: bytes.toString("base64") };
}

test("nested lists unpack to their shape and row-major numbers", () => {
  const { shape, data } = unpack([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(shape, [2, 3]);
  assert.deepEqual(Array.from(data), [1, 2, 3, 4, 5, 6]);
});

test("base64 float32 unpacks to the numbers it holds, −∞ included", () => {
  const { shape, data } = unpack(encoded("float32", [2, 2], [0.5, -1.25, 13, -Infinity]));
  assert.deepEqual(shape, [2, 2]);
  assert.ok(data instanceof Float32Array);
  assert.deepEqual(Array.from(data), [0.5, -1.25, 13, -Infinity]);
});

test("base64 int32 indices unpack as integers", () => {
  const { data } = unpack(encoded("int32", [2, 2], [0, 1, -3, 70000]));
  assert.ok(data instanceof Int32Array);
  assert.deepEqual(Array.from(data), [0, 1, -3, 70000]);
});

test("rowsOf gives the same rows for both forms", () => {
  const rows = [[0, 0.25], [0.5, 1]];
  assert.deepEqual(rowsOf(rows), rows);
  assert.deepEqual(rowsOf(encoded("float32", [2, 2], rows.flat())), rows);
});
