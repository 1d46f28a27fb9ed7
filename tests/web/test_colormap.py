"""Colour scales: a scale spans the finite values; a robust one, their 1st to 99th percentiles
(exactly up to 65,536 values, beyond that those of a sample)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from .test_convolution import open_page

SCALE_OF_JS = """async ({ values, robust }) => {
    const { scaleBetween, scaleFor } = await import('/static/js/core/colormap.js');
    const { robustRange } = await import('/static/js/core/percentiles.js');
    const array = Float64Array.from(values);
    const scale = robust ? scaleBetween(...robustRange(array)) : scaleFor(array);
    return [scale.min, scale.max];
}"""


def expected_range(values: np.ndarray, robust: bool) -> list[float]:
    """The definition: the finite values sorted, read at ⌊q·n⌋ (or their min and max); [0, 1] for none."""
    finite = np.sort(values[np.isfinite(values)])
    if finite.size == 0:
        return [0.0, 1.0]
    if not robust:
        return [float(finite[0]), float(finite[-1])]
    return [float(finite[min(finite.size - 1, math.floor(q * finite.size))]) for q in (0.01, 0.99)]


def _cases() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    normal = rng.standard_normal(5_000)
    normal[rng.choice(normal.size, 60, replace=False)] = rng.choice([np.nan, np.inf, -np.inf], 60)
    relu = np.maximum(0, rng.standard_normal(60_000) - 0.5)  # about 70 % exact zeros
    outliers = rng.random(40_000)  # all but two in the histogram's first bucket: a search inside it
    outliers[[3, 17]] = [1e12, -1e12]
    ties = rng.integers(-3, 4, 30_000).astype(float)  # seven distinct values, thousands of each
    return {"normal with NaN and infinities": normal, "relu": relu, "outliers": outliers, "ties": ties,
            "one value": np.array([2.5]), "two values": np.array([4.0, -1.0]),
            "constant": np.full(1_000, 3.0), "no finite value": np.array([np.nan, np.inf])}


CASES = _cases()


@pytest.mark.parametrize("robust", [True, False], ids=["robust", "min-max"])
def test_the_scale_ends_follow_the_definition(page, live_server, robust):
    open_page(page, live_server)
    for name, values in CASES.items():
        got = page.evaluate(SCALE_OF_JS, {"values": values.tolist(), "robust": robust})
        assert got == expected_range(values, robust), name


def test_a_large_robust_scale_reads_a_sample_spread_over_every_column(page, live_server):
    """Beyond 65,536 values the ends come from a sample: still near the 1st and 99th percentiles,
    even when each column of the maps holds different values (a sampler stepping in whole rows would not be)."""
    rng = np.random.default_rng(3)
    maps, side = 16, 112
    values = np.tile(np.arange(side, dtype=float), maps * side) + rng.normal(0, 0.3, maps * side * side)
    open_page(page, live_server)
    low, high = page.evaluate(SCALE_OF_JS, {"values": values.tolist(), "robust": True})
    assert 0.009 <= np.mean(values < low) <= 0.011
    assert 0.989 <= np.mean(values <= high) <= 0.991
