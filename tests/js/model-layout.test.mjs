// The model explorer's layout: columns by depth, branches side by side, skips marked; readable names.
import assert from "node:assert/strict";
import { test } from "node:test";

import { layout, readingOrder, shortName } from "../../static/js/pages/model/layout.js";

// A ResNet basic block with a downsampling shortcut: conv -> relu -> conv, plus a 1×1 conv, added.
const BLOCK = [
  { name: "stem", inputs: ["input"] },
  { name: "conv1", inputs: ["stem"] },
  { name: "relu", inputs: ["conv1"] },
  { name: "conv2", inputs: ["relu"] },
  { name: "down", inputs: ["stem"] },
  { name: "add", inputs: ["conv2", "down"] },
];

test("a layer stands one column past its deepest input; a parallel branch shares a column", () => {
  const { columns, place } = layout(BLOCK);
  assert.deepEqual(columns, [["input"], ["stem"], ["conv1", "down"], ["relu"], ["conv2"], ["add"]]);
  assert.deepEqual(place.get("down"), { column: 2, row: 1 });
});

test("edges that jump a column are skips: the shortcut into the add", () => {
  const { edges } = layout(BLOCK);
  assert.equal(edges.length, 7);
  assert.deepEqual(edges.filter((edge) => edge.skip), [{ from: "down", to: "add", skip: true }]);
});

test("the reading order walks the columns top to bottom", () => {
  assert.deepEqual(readingOrder(layout(BLOCK)), ["input", "stem", "conv1", "down", "relu", "conv2", "add"]);
});

test("exported names read as PyTorch's module names", () => {
  assert.equal(shortName("/layer1/layer1.0/conv1/Conv_output_0"), "layer1.0.conv1");
  assert.equal(shortName("/features/features.0/features.0.0/Conv_output_0"), "features.0.0");
  assert.equal(shortName("/features/features.2/conv/conv.1/conv.1.0/Conv_output_0"), "features.2.conv.1.0");
  assert.equal(shortName("/layer1/layer1.0/Add_output_0"), "layer1.0");
  assert.equal(shortName("/Relu_1_output_0"), "Relu_1");
  assert.equal(shortName("/stem/stem.2/Clip_output_0"), "stem.2");
  assert.equal(shortName("y"), "y");
});
