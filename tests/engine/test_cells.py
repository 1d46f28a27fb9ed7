"""One cell's arithmetic (engine.cells), against each layer's definition written out by hand, and
against the layer's own output at that cell."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app import engine
from app.engine.cells import TOP_TERMS

rng = np.random.default_rng(7)
X = rng.standard_normal((3, 5, 6)).astype(np.float32)  # one sample, C×H×W


def run(layer, *inputs):
    return engine.kind_of(layer).run(layer, [x[None] for x in inputs])[0]


def test_batch_norm_lists_its_channels_statistics():
    layer = engine.BatchNorm(mean=np.array([0.5, -1.0, 2.0]), var=np.array([4.0, 0.25, 1.0]),
                             weight=np.array([1.5, 2.0, -1.0]), bias=np.array([0.1, 0.2, 0.3]), eps=1e-3)
    cell = (1, 4, 2)
    answer = engine.cell_arithmetic(layer, [X], cell)
    definition = (float(X[cell]) - (-1.0)) / math.sqrt(0.25 + 1e-3) * 2.0 + 0.2
    assert answer["value"] == pytest.approx(definition, rel=1e-5)
    assert answer["value"] == float(run(layer, X)[cell])
    assert (answer["x"], answer["mean"], answer["var"], answer["weight"], answer["bias"]) == (
        float(X[cell]), -1.0, 0.25, 2.0, 0.2)


def test_arithmetic_takes_each_operand_after_broadcasting():
    scale = rng.standard_normal((3, 1, 1)).astype(np.float32)  # one number per channel
    answer = engine.cell_arithmetic(engine.Binary("mul"), [X, scale], (2, 3, 4))
    assert answer["operands"] == [float(X[2, 3, 4]), float(scale[2, 0, 0])]
    assert answer["value"] == pytest.approx(float(X[2, 3, 4] * scale[2, 0, 0]))
    constant = engine.cell_arithmetic(engine.Binary("sub", operand=np.float32(1.5), operand_first=True), [X], (0, 0, 1))
    assert constant["operands"] == [1.5, float(X[0, 0, 1])] and constant["constant"] == 0
    assert constant["value"] == pytest.approx(1.5 - float(X[0, 0, 1]))


def test_concat_says_which_input_a_channel_came_from():
    other = rng.standard_normal((2, 5, 6)).astype(np.float32)
    answer = engine.cell_arithmetic(engine.Concat(axis=0), [X, other], (4, 1, 2))
    assert (answer["source"], answer["source_cell"]) == (1, [1, 1, 2])
    assert answer["value"] == float(other[1, 1, 2])


@pytest.mark.parametrize("layer, cell, window", [
    # max, padding 1: the window at (0, 0) starts one row and one column outside the map
    (engine.Pool2d("max", 3, stride=2, padding=1), (1, 0, 0), (slice(-1, 2), slice(-1, 2))),
    # average without the padding in the divisor, ceil mode: the last column's window hangs over the edge
    (engine.Pool2d("avg", 2, stride=2, padding=1, ceil_mode=True, count_include_pad=False), (2, 2, 3),
     (slice(3, 5), slice(5, 7))),
])
def test_a_pooling_window_is_the_input_under_it_with_padding_marked(layer, cell, window):
    answer = engine.cell_arithmetic(layer, [X], cell)
    rows = list(range(window[0].start, window[0].stop))
    cols = list(range(window[1].start, window[1].stop))
    assert answer["rows"] == rows and answer["cols"] == cols
    inside = [float(X[cell[0], r, c]) for r in rows for c in cols if 0 <= r < 5 and 0 <= c < 6]
    listed = [v for row in answer["window"] for v in row if v is not None]
    if layer.kind == "max":
        assert sorted(listed) == sorted(inside)
        assert sum(v is None for row in answer["window"] for v in row) == len(rows) * len(cols) - len(inside)
        assert answer["value"] == pytest.approx(max(inside))
    else:
        assert answer["divisor"] == len(inside)
        assert answer["value"] == pytest.approx(sum(inside) / len(inside), rel=1e-5)
    assert answer["value"] == pytest.approx(float(run(layer, X)[cell]))


def test_global_average_pooling_reads_the_whole_map():
    answer = engine.cell_arithmetic(engine.GlobalPool("avg"), [X], (2, 0, 0))
    assert np.array(answer["window"]) == pytest.approx(X[2])
    assert answer["divisor"] == 30 and answer["value"] == pytest.approx(float(X[2].mean()), rel=1e-5)


def test_a_dense_output_lists_its_largest_products_and_sums_the_rest():
    x = rng.standard_normal(40).astype(np.float32)
    weight = rng.standard_normal((3, 40)).astype(np.float32)
    layer = engine.Dense(weight=weight, bias=np.array([0.5, -0.5, 1.0], np.float32))
    answer = engine.cell_arithmetic(layer, [x], (1,))
    products = weight[1] * x
    largest = sorted(range(40), key=lambda n: -abs(products[n]))[:TOP_TERMS]
    assert [term["index"] for term in answer["terms"]] == largest
    assert answer["rest"]["count"] == 40 - TOP_TERMS
    total = sum(term["product"] for term in answer["terms"]) + answer["rest"]["sum"] + answer["bias"]
    assert total == pytest.approx(float(products.sum()) - 0.5, rel=1e-5)
    assert answer["value"] == pytest.approx(total, rel=1e-5)


def test_softmax_gives_what_it_divides_by():
    logits = np.array([1.0, 3.0, -2.0, 0.5], np.float32)
    answer = engine.cell_arithmetic(engine.Activation("softmax"), [logits], (0,))
    exps = [math.exp(v - 3.0) for v in logits]
    assert (answer["x"], answer["max"], answer["count"]) == (1.0, 3.0, 4)
    assert answer["exp_sum"] == pytest.approx(sum(exps))
    assert answer["value"] == pytest.approx(exps[0] / sum(exps), rel=1e-6)


def test_a_kind_without_a_cell_view_has_none():
    assert engine.cell_arithmetic(engine.Flatten(), [X], (0,)) is None
