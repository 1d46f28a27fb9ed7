"""Grouped and transposed convolutions against PyTorch's own outputs, stored in tests/data/golden_conv.json
by scripts/make_golden_conv.py (no PyTorch needed here)."""

import numpy as np
import pytest

from app.engine import ParameterError, conv2d
from app.engine.conv_transpose import conv_transpose2d
from tests.golden import Golden, array

GOLDEN = Golden("golden_conv")
RTOL, ATOL = 1e-5, 1e-8
OPS = {"conv2d": conv2d, "conv_transpose2d": conv_transpose2d}

# What scripts/make_golden_conv.py writes.
EXPECTED_COUNTS = {
    "conv2d-grouped": 34, "conv2d-depthwise": 21, "conv2d-1x1": 10, "conv2d-error": 6,
    "conv_transpose2d": 56, "conv_transpose2d-error": 9,
}


def _key(case) -> str:
    """As scripts/make_golden_conv.py counts them: conv2d by kind (1x1 kernel, depthwise, or grouped)."""
    kind = ""
    if case["op"] == "conv2d" and "error" not in case:
        _, depth, kh, kw = np.shape(case["weight"])
        if (kh, kw) == (1, 1):
            kind = "-1x1"
        else:
            kind = "-depthwise" if case["params"]["groups"] > 1 and depth == 1 else "-grouped"
    return case["op"] + kind + ("-error" if "error" in case else "")


def test_the_file_holds_every_case():
    GOLDEN.assert_counts(EXPECTED_COUNTS, _key)


@pytest.mark.parametrize("case", GOLDEN.params("conv2d") + GOLDEN.params("conv_transpose2d"))
def test_the_engine_equals_pytorch(case):
    got = OPS[case["op"]](array(case["x"]), array(case["weight"]), array(case["bias"]), **case["params"])
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, array(case["expected"]), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("case", GOLDEN.params("conv2d", errors=True) + GOLDEN.params("conv_transpose2d", errors=True))
def test_the_engine_rejects_what_pytorch_rejects(case):
    with pytest.raises(ParameterError):
        OPS[case["op"]](array(case["x"]), array(case["weight"]), array(case["bias"]), **case["params"])
