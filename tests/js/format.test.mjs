// Numbers for reading: integers as they are, others to 2–3 significant decimals, a true minus sign.
import assert from "node:assert/strict";
import { test } from "node:test";

import { fmt } from "../../static/js/core/format.js";

test("integers stay integers and negatives get a true minus sign", () => {
  assert.equal(fmt(13), "13");
  assert.equal(fmt(-7), "\u22127");
  assert.equal(fmt(-0), "0");
});

test("fractions keep three significant digits below 1, two decimals below 100, one above", () => {
  assert.equal(fmt(0.125), "0.125");
  assert.equal(fmt(0.0012345), "0.00123");
  assert.equal(fmt(-0.5), "\u22120.5");
  assert.equal(fmt(2.756), "2.76");
  assert.equal(fmt(2.5), "2.5"); // no trailing zero
  assert.equal(fmt(123.456), "123.5");
  assert.equal(fmt(-1234.56), "\u22121234.6");
});

test("null is max pooling's −∞ padding; infinities and NaN are named", () => {
  assert.equal(fmt(null), "\u2212\u221e");
  assert.equal(fmt(undefined), "\u2212\u221e");
  assert.equal(fmt(Infinity), "Infinity");
  assert.equal(fmt(NaN), "NaN");
});
