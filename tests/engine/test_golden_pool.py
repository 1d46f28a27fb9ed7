"""Pooling's modes, global and adaptive pooling against PyTorch's own outputs, stored in
tests/data/golden_pool.json by scripts/make_golden_pool.py.

PyTorch is not needed here: the file holds each case's inputs, parameters and PyTorch's result
(float64, full precision). Cases PyTorch rejects carry "error" and the engine must reject them too.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from app.engine import ParameterError, pool2d
from app.engine.adaptive_pool import adaptive_avg_pool2d
from app.engine.pool import global_pool

GOLDEN = json.loads((Path(__file__).resolve().parent.parent / "data" / "golden_pool.json").read_text())
CASES = GOLDEN["cases"]
# pool2d is compared exactly: a max is a copy of an input value, and a mean adds the window's cells in
# PyTorch's order and divides by the same count. Adaptive pooling sums by running totals, and global
# averaging is NumPy's mean: the same to rounding.
RTOL, ATOL = 1e-12, 1e-14

# What scripts/make_golden_pool.py writes; a truncated or empty file must fail, not pass vacuously.
EXPECTED_COUNTS = {
    "ceil-max": 26, "ceil-max-error": 1,
    "ceil-avg": 27, "ceil-avg-error": 2,
    "dilated-max": 22, "dilated-max-error": 3,
    "exclude-pad-avg": 18, "exclude-pad-avg-error": 1,
    "adaptive-avg": 17, "adaptive-avg-error": 2,
    "global-max": 4, "global-avg": 4,
}


def _key(case) -> str:
    return case["group"] + ("-error" if "error" in case else "")


def cases(op, errors=False):
    return [pytest.param(case, id=case["id"]) for case in CASES
            if case["op"] == op and ("error" in case) == errors]


def array(values):
    return np.array(values, dtype=np.float64)


def flat(winners, width):
    """[row, col] winners -> PyTorch's flat indices row·W + col in the unpadded input."""
    return winners[..., 0] * width + winners[..., 1]


def test_the_file_holds_every_case():
    counts = {}
    for case in CASES:
        counts[_key(case)] = counts.get(_key(case), 0) + 1
    assert counts == EXPECTED_COUNTS
    assert GOLDEN["counts"] == EXPECTED_COUNTS
    assert len({case["id"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", cases("pool2d"))
def test_pool2d_equals_pytorch_in_every_mode(case):
    x = array(case["x"])
    result = pool2d(x, **case["params"])
    np.testing.assert_array_equal(result.output, array(case["expected"]))
    if case["params"]["kind"] == "avg":
        assert result.winners is None
    else:
        np.testing.assert_array_equal(flat(result.winners, x.shape[3]), np.array(case["indices"], dtype=np.int64))


@pytest.mark.parametrize("case", cases("pool2d", errors=True))
def test_pool2d_rejects_what_pytorch_rejects(case):
    with pytest.raises(ParameterError):
        pool2d(array(case["x"]), **case["params"])


@pytest.mark.parametrize("case", cases("adaptive_avg_pool2d"))
def test_adaptive_avg_pool_equals_pytorch(case):
    got = adaptive_avg_pool2d(array(case["x"]), case["params"]["output_size"])
    np.testing.assert_allclose(got, array(case["expected"]), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("case", cases("adaptive_avg_pool2d", errors=True))
def test_adaptive_avg_pool_rejects_what_pytorch_rejects(case):
    with pytest.raises(ParameterError):
        adaptive_avg_pool2d(array(case["x"]), case["params"]["output_size"])


@pytest.mark.parametrize("case", cases("global_pool"))
def test_global_pool_equals_pytorch(case):
    x, kind = array(case["x"]), case["params"]["kind"]
    np.testing.assert_allclose(global_pool(x, kind), array(case["expected"]), rtol=RTOL, atol=ATOL)
    if kind == "max":  # the winner of global max pooling is that of one window over the whole map
        winners = pool2d(x, "max", x.shape[2:]).winners
        np.testing.assert_array_equal(flat(winners, x.shape[3]), np.array(case["indices"], dtype=np.int64))
