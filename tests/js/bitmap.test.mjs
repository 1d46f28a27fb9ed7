// Maps as BMP pictures: the header a BMP reader needs (a V4 header with bit masks, rows top down),
// then one RGBA word per value as colourPixels gives it: the scale's colour at the value's level
// (NaN see-through).
import assert from "node:assert/strict";
import { test } from "node:test";

import { bitmap } from "../../static/js/core/bitmap.js";
import { scaleBetween } from "../../static/js/core/colormap.js";
import { colourPixels } from "../../static/js/core/heatmap.js";

const LEVELS = 256;

function mapBitmap(values, height, width, scale) {
  const pixels = new Uint32Array(height * width);
  colourPixels(pixels, values, height * width, scale);
  return bitmap(pixels, height, width);
}

/** The colour a value takes, from the definition: its level of 256 between min and max, rounded half up. */
function expectedWord(value, scale) {
  if (Number.isNaN(value)) return 0;
  const level = Math.min(LEVELS - 1, Math.max(0, Math.floor(((value - scale.min) / (scale.max - scale.min)) * (LEVELS - 1) + 0.5)));
  const [r, g, b] = scale.color(scale.min + ((scale.max - scale.min) * level) / (LEVELS - 1));
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

test("a 2×3 map: the header's fields, then its six pixels row by row", async () => {
  const values = Float32Array.of(0, 1, 2, 3, NaN, 9);
  const scale = scaleBetween(0, 5); // 9 clips to the top colour
  const blob = mapBitmap(values, 2, 3, scale);
  assert.equal(blob.type, "image/bmp");
  const bytes = new DataView(await blob.arrayBuffer());
  assert.equal(String.fromCharCode(bytes.getUint8(0), bytes.getUint8(1)), "BM");
  assert.equal(bytes.getUint32(2, true), 122 + 6 * 4); // the file's size
  assert.equal(bytes.getUint32(10, true), 122); // the pixels' offset
  assert.equal(bytes.getUint32(14, true), 108); // BITMAPV4HEADER
  assert.equal(bytes.getInt32(18, true), 3); // width
  assert.equal(bytes.getInt32(22, true), -2); // height, negative: top row first
  assert.equal(bytes.getUint16(26, true), 1);
  assert.equal(bytes.getUint16(28, true), 32);
  assert.equal(bytes.getUint32(30, true), 3); // BI_BITFIELDS
  assert.equal(bytes.getUint32(34, true), 24);
  assert.deepEqual([54, 58, 62, 66].map((at) => bytes.getUint32(at, true)),
    [0x000000ff, 0x0000ff00, 0x00ff0000, 0xff000000]); // red, green, blue, alpha
  const words = [...Array(6).keys()].map((i) => bytes.getUint32(122 + 4 * i, true));
  assert.deepEqual(words, [...values].map((v) => expectedWord(Math.min(v, 5), scale)));
  assert.equal(words[4], 0); // NaN: see-through
  assert.equal(words[5], words[5] >>> 0);
  assert.equal(words[5] >>> 24, 255); // opaque
});

test("a diverging scale colours a negative value and a positive one differently, each opaque", async () => {
  const scale = scaleBetween(-2, 2);
  const bytes = new DataView(await mapBitmap(Float32Array.of(-2, 2), 1, 2, scale).arrayBuffer());
  const [low, high] = [bytes.getUint32(122, true), bytes.getUint32(126, true)];
  assert.notEqual(low, high);
  assert.equal(low, expectedWord(-2, scale));
  assert.equal(high, expectedWord(2, scale));
});

test("only the first height × width words of a longer pixel buffer are written", async () => {
  const pixels = Uint32Array.of(1, 2, 3, 4, 5, 6);
  const bytes = new DataView(await bitmap(pixels, 2, 2).arrayBuffer());
  assert.equal(bytes.byteLength, 122 + 16);
  assert.deepEqual([0, 1, 2, 3].map((i) => bytes.getUint32(122 + 4 * i, true)), [1, 2, 3, 4]);
});
