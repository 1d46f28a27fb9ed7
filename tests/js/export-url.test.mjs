// The link of an exported view: the page's path and query, plus the format's extension and the choices.
import assert from "node:assert/strict";
import { test } from "node:test";

import { exportUrl } from "../../static/js/core/export-url.js";

const PAGE = { pathname: "/convolution", search: "?in=1,2;3,4&k=1&present=1&predict=1&step=3&lang=ko" };
const CHOICES = { scale: 2, fps: 1.5, loop: true, theme: "guide", language: "en" };

function parts(url) {
  const [path, query] = url.split("?");
  return [path, Object.fromEntries(new URLSearchParams(query))];
}

test("a still keeps the page's step; the page's modes and language give way to the choices", () => {
  const [path, query] = parts(exportUrl(PAGE, { ...CHOICES, format: "png" }));
  assert.equal(path, "/convolution.png");
  assert.deepEqual(query, { in: "1,2;3,4", k: "1", step: "3", lang: "en", scale: "2", theme: "guide" });
});

test("an animation has every step, its speed and its looping", () => {
  const [path, query] = parts(exportUrl(PAGE, { ...CHOICES, format: "gif" }));
  assert.equal(path, "/convolution.gif");
  assert.equal(query.step, undefined);
  assert.deepEqual([query.fps, query.loop], ["1.5", "0"]); // loop=0: for ever
  assert.equal(parts(exportUrl(PAGE, { ...CHOICES, format: "webp", loop: false }))[1].loop, "1"); // once
});

test("what the file leaves out is asked for; what it keeps is the default", () => {
  const [, kept] = parts(exportUrl(PAGE, { ...CHOICES, format: "png" }));
  assert.equal(kept.equation, undefined);
  const [, bare] = parts(exportUrl(PAGE, { ...CHOICES, format: "png", equation: false, caption: false }));
  assert.deepEqual([bare.equation, bare.caption], ["0", "0"]);
});
