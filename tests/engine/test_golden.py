"""The engine against PyTorch's own outputs, stored in tests/data/golden.json by scripts/make_golden.py
(no PyTorch needed here)."""

import numpy as np
import pytest

from app.engine import ParameterError, activate, conv2d, dense, flatten, pool2d
from tests.golden import Golden, array

GOLDEN = Golden("golden")
RTOL, ATOL = 1e-5, 1e-8

# What scripts/make_golden.py writes.
EXPECTED_COUNTS = {
    "conv2d": 150, "conv2d-error": 9,
    "pool2d-max": 40, "pool2d-max-error": 4,
    "pool2d-avg": 40, "pool2d-avg-error": 4,
    "activation": 37, "dense": 4,
}


def _key(case) -> str:
    kind = f"-{case['params']['kind']}" if case["op"] == "pool2d" else ""
    return case["op"] + kind + ("-error" if "error" in case else "")


def test_the_file_holds_every_case():
    GOLDEN.assert_counts(EXPECTED_COUNTS, _key)


@pytest.mark.parametrize("case", GOLDEN.params("conv2d"))
def test_conv2d_equals_pytorch(case):
    got = conv2d(array(case["x"]), array(case["weight"]), array(case["bias"]), **case["params"])
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, array(case["expected"]), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("case", GOLDEN.params("conv2d", errors=True))
def test_conv2d_rejects_what_pytorch_rejects(case):
    with pytest.raises(ParameterError):
        conv2d(array(case["x"]), array(case["weight"]), array(case["bias"]), **case["params"])


@pytest.mark.parametrize("case", GOLDEN.params("pool2d"))
def test_pool2d_equals_pytorch(case):
    x = array(case["x"])
    result = pool2d(x, **case["params"])
    np.testing.assert_allclose(result.output, array(case["expected"]), rtol=RTOL, atol=ATOL)
    if case["params"]["kind"] == "avg":
        assert result.winners is None
        return
    # PyTorch's indices are flat positions row·W + col in the unpadded input; they must match exactly.
    winners = result.winners
    flat = winners[..., 0] * x.shape[3] + winners[..., 1]
    np.testing.assert_array_equal(flat, np.array(case["indices"], dtype=np.int64))


@pytest.mark.parametrize("case", GOLDEN.params("pool2d", errors=True))
def test_pool2d_rejects_what_pytorch_rejects(case):
    with pytest.raises(ParameterError):
        pool2d(array(case["x"]), **case["params"])


@pytest.mark.parametrize("case", GOLDEN.params("activation"))
def test_activation_equals_pytorch(case):
    params = case["params"]
    got = activate(array(case["x"]), params["function"], alpha=params["alpha"], axis=params["axis"])
    np.testing.assert_allclose(got, array(case["expected"]), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("case", GOLDEN.params("dense"))
def test_dense_equals_pytorch(case):
    got = dense(flatten(array(case["x"])), array(case["weight"]), array(case["bias"]))
    np.testing.assert_allclose(got, array(case["expected"]), rtol=RTOL, atol=ATOL)
