// Predict mode's judge: a typed answer is right when it is the value rounded to the decimals typed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { judge } from "../../static/js/core/answers.js";
import { readNumber } from "../../static/js/core/format.js";

test("a whole value is right typed whole or with zeros after the point, wrong an inch away", () => {
  assert.equal(judge("13", 13), "right");
  assert.equal(judge("13.0", 13), "right");
  assert.equal(judge(" 13 ", 13), "right");
  assert.equal(judge("12", 13), "wrong");
  assert.equal(judge("12.6", 13), "wrong"); // one decimal typed: it must round to 13.0
});

test("a fraction is right rounded to any number of decimals, up or down", () => {
  assert.equal(judge("3.75", 3.75), "right");
  assert.equal(judge("3.8", 3.75), "right");
  assert.equal(judge("3.7", 3.75), "right"); // halfway: rounding either way is right
  assert.equal(judge("3.6", 3.75), "wrong");
  assert.equal(judge("2.29", 2.2857), "right");
  assert.equal(judge("2.286", 2.2857), "right");
  assert.equal(judge("2.28", 2.2857), "wrong");
  assert.equal(judge("0.15", 0.1499999999), "right"); // a binary fraction's last bit is no mistake
});

test("a fraction typed as a whole number asks for a decimal instead of counting it wrong", () => {
  assert.equal(judge("4", 3.75), "decimals");
  assert.equal(judge("0", 0.27), "decimals");
  assert.equal(judge("5", 3.75), "wrong"); // not even close
});

test("signs, the true minus and a decimal comma are read; anything else is not a number", () => {
  assert.equal(judge("\u22122.5", -2.5), "right");
  assert.equal(judge("-2.5", -2.5), "right");
  assert.equal(judge("2.5", -2.5), "wrong");
  assert.equal(judge("0,5", 0.5), "right");
  assert.equal(judge("", 1), "number");
  assert.equal(judge("abc", 1), "number");
  assert.equal(judge("1.2.3", 1), "number");
  assert.equal(judge("1e3", 1000), "number"); // exponents would hide how precise the answer is
});

test("readNumber reads what fmt writes and what people type", () => {
  assert.equal(readNumber("\u22120.125"), -0.125);
  assert.equal(readNumber("+3"), 3);
  assert.equal(readNumber(".5"), 0.5);
  assert.equal(readNumber("7."), 7);
  assert.ok(Number.isNaN(readNumber("\u2212\u221e")));
});
