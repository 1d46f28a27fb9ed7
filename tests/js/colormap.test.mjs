// Colour scales: a scale spans the finite values; a robust one, their 1st to 99th percentiles
// (exactly up to 65,536 values, beyond that those of a sample). Expectations come from sorting.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { inkFor, scaleBetween, scaleFor } from "../../static/js/core/colormap.js";
import { robustRange } from "../../static/js/core/percentiles.js";
import { generator } from "./random.mjs";

/** The definition: the finite values sorted, read at ⌊q·n⌋ (or their min and max); [0, 1] for none. */
function expectedRange(values, robust) {
  const finite = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return [0, 1];
  if (!robust) return [finite[0], finite[finite.length - 1]];
  return [0.01, 0.99].map((q) => finite[Math.min(finite.length - 1, Math.floor(q * finite.length))]);
}

function cases() {
  const rng = generator(7);
  const normal = Float64Array.from({ length: 5_000 }, rng.normal);
  const specials = [NaN, Infinity, -Infinity];
  for (let k = 0; k < 60; k++) normal[rng.integer(0, normal.length - 1)] = specials[k % 3];
  const relu = Float64Array.from({ length: 60_000 }, () => Math.max(0, rng.normal() - 0.5)); // about 70 % zeros
  const outliers = Float64Array.from({ length: 40_000 }, rng.uniform); // all but two in the first bucket
  outliers[3] = 1e12;
  outliers[17] = -1e12;
  const ties = Float64Array.from({ length: 30_000 }, () => rng.integer(-3, 3)); // seven values, thousands of each
  return {
    "normal with NaN and infinities": normal, relu, outliers, ties,
    "one value": Float64Array.of(2.5), "two values": Float64Array.of(4, -1),
    constant: new Float64Array(1_000).fill(3), "no finite value": Float64Array.of(NaN, Infinity),
  };
}

const CASES = cases();

describe("the scale ends follow the definition", () => {
  for (const [name, values] of Object.entries(CASES)) {
    test(`robust: ${name}`, () => {
      const scale = scaleBetween(...robustRange(values));
      assert.deepEqual([scale.min, scale.max], expectedRange(values, true));
    });
    test(`min-max: ${name}`, () => {
      const scale = scaleFor(values);
      assert.deepEqual([scale.min, scale.max], expectedRange(values, false));
    });
  }
});

test("a large robust scale reads a sample spread over every column", () => {
  // 16 maps of 112×112 where each column holds different values: a sampler stepping in whole rows
  // would miss most columns. Beyond 65,536 values the ends are still near the 1st and 99th percentiles.
  const rng = generator(3);
  const [maps, side] = [16, 112];
  const values = Float64Array.from({ length: maps * side * side }, (_, i) => (i % side) + 0.3 * rng.normal());
  const [low, high] = robustRange(values);
  const share = (predicate) => values.filter(predicate).length / values.length;
  assert.ok(share((v) => v < low) >= 0.009 && share((v) => v < low) <= 0.011, `below ${low}`);
  assert.ok(share((v) => v <= high) >= 0.989 && share((v) => v <= high) <= 0.991, `up to ${high}`);
});

describe("colours", () => {
  const luminance = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

  test("signed values get a diverging scale, white at zero, blue below and red above", () => {
    const scale = scaleFor([-2, 0, 1]);
    assert.equal(scale.kind, "diverging");
    assert.ok(scale.color(0).every((channel) => channel > 240));
    const [r, , b] = scale.color(-2);
    assert.ok(b > r);
    const [r2, , b2] = scale.color(2); // the same distance from zero: as strong as −2
    assert.ok(r2 > b2);
  });

  test("magnitudes get a sequential scale that darkens as values grow, clipped at its ends", () => {
    const scale = scaleBetween(1, 5);
    assert.equal(scale.kind, "sequential");
    const shades = [1, 2, 3, 4, 5].map((v) => luminance(scale.color(v)));
    shades.slice(1).forEach((shade, k) => assert.ok(shade < shades[k], `${k + 2} darker than ${k + 1}`));
    assert.deepEqual(scale.color(-10), scale.color(1));
    assert.deepEqual(scale.color(10), scale.color(5));
  });

  test("a constant scale still has colours", () => {
    const scale = scaleFor([3, 3]);
    assert.ok(scale.color(3).every(Number.isInteger));
  });

  test("text is dark on light colours and white on dark ones", () => {
    assert.equal(inkFor([255, 255, 255]), "#0f172a");
    assert.equal(inkFor([0, 0, 0]), "#ffffff");
  });

  test("every tint a grid can take keeps its number at AA contrast", () => {
    const luminance = (rgb) => {
      const linear = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    };
    const hex = (ink) => [1, 3, 5].map((i) => parseInt(ink.slice(i, i + 2), 16));
    for (const scale of [scaleFor([-5, 5]), scaleFor([0, 5])]) {
      for (let v = scale.min; v <= scale.max; v += 0.05) {
        const [a, b] = [luminance(scale.color(v)), luminance(hex(inkFor(scale.color(v))))].sort((x, y) => y - x);
        assert.ok((a + 0.05) / (b + 0.05) >= 4.5, `${v}: ${scale.color(v)}`);
      }
    }
  });
});
