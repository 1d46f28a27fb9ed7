"""Pooling's modes, global and adaptive pooling against PyTorch's own outputs, stored in
tests/data/golden_pool.json by scripts/make_golden_pool.py (no PyTorch needed here)."""

import numpy as np
import pytest

from app.engine import ParameterError, pool2d
from app.engine.adaptive_pool import adaptive_avg_pool2d
from app.engine.pool import global_pool
from tests.golden import Golden, array

GOLDEN = Golden("golden_pool")
# pool2d is compared exactly: a max is a copy of an input value, and a mean adds the window's cells in
# PyTorch's order and divides by the same count. Adaptive pooling sums by running totals, and global
# averaging is NumPy's mean: the same to rounding.
RTOL, ATOL = 1e-12, 1e-14

# What scripts/make_golden_pool.py writes.
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


def flat(winners, width):
    """[row, col] winners -> PyTorch's flat indices row·W + col in the unpadded input."""
    return winners[..., 0] * width + winners[..., 1]


def test_the_file_holds_every_case():
    GOLDEN.assert_counts(EXPECTED_COUNTS, _key)


@pytest.mark.parametrize("case", GOLDEN.params("pool2d"))
def test_pool2d_equals_pytorch_in_every_mode(case):
    x = array(case["x"])
    result = pool2d(x, **case["params"])
    np.testing.assert_array_equal(result.output, array(case["expected"]))
    if case["params"]["kind"] == "avg":
        assert result.winners is None
    else:
        np.testing.assert_array_equal(flat(result.winners, x.shape[3]), np.array(case["indices"], dtype=np.int64))


@pytest.mark.parametrize("case", GOLDEN.params("pool2d", errors=True))
def test_pool2d_rejects_what_pytorch_rejects(case):
    with pytest.raises(ParameterError):
        pool2d(array(case["x"]), **case["params"])


@pytest.mark.parametrize("case", GOLDEN.params("adaptive_avg_pool2d"))
def test_adaptive_avg_pool_equals_pytorch(case):
    got = adaptive_avg_pool2d(array(case["x"]), case["params"]["output_size"])
    np.testing.assert_allclose(got, array(case["expected"]), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("case", GOLDEN.params("adaptive_avg_pool2d", errors=True))
def test_adaptive_avg_pool_rejects_what_pytorch_rejects(case):
    with pytest.raises(ParameterError):
        adaptive_avg_pool2d(array(case["x"]), case["params"]["output_size"])


@pytest.mark.parametrize("case", GOLDEN.params("global_pool"))
def test_global_pool_equals_pytorch(case):
    x, kind = array(case["x"]), case["params"]["kind"]
    np.testing.assert_allclose(global_pool(x, kind), array(case["expected"]), rtol=RTOL, atol=ATOL)
    if kind == "max":  # the winner of global max pooling is that of one window over the whole map
        winners = pool2d(x, "max", x.shape[2:]).winners
        np.testing.assert_array_equal(flat(winners, x.shape[3]), np.array(case["indices"], dtype=np.int64))
