"""Grouped and transposed convolutions against PyTorch's own outputs, stored in tests/data/golden_conv.json
by scripts/make_golden_conv.py.

PyTorch is not needed here: the file holds each case's inputs, parameters and PyTorch's result
(float64, full precision). Cases PyTorch rejects carry "error" and the engine must reject them too.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from app.engine import ParameterError, conv2d
from app.engine.conv_transpose import conv_transpose2d

GOLDEN = json.loads((Path(__file__).resolve().parent.parent / "data" / "golden_conv.json").read_text())
CASES = GOLDEN["cases"]
RTOL, ATOL = 1e-5, 1e-8
OPS = {"conv2d": conv2d, "conv_transpose2d": conv_transpose2d}

# What scripts/make_golden_conv.py writes; a truncated or empty file must fail, not pass vacuously.
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


def cases(op, errors=False):
    return [pytest.param(case, id=case["id"]) for case in CASES
            if case["op"] == op and ("error" in case) == errors]


def array(values):
    return np.array(values, dtype=np.float64)


def optional_array(values):
    return None if values is None else array(values)


def test_the_file_holds_every_case():
    counts = {}
    for case in CASES:
        counts[_key(case)] = counts.get(_key(case), 0) + 1
    assert counts == EXPECTED_COUNTS
    assert GOLDEN["counts"] == EXPECTED_COUNTS
    assert len({case["id"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", cases("conv2d") + cases("conv_transpose2d"))
def test_the_engine_equals_pytorch(case):
    got = OPS[case["op"]](array(case["x"]), array(case["weight"]), optional_array(case["bias"]), **case["params"])
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, array(case["expected"]), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("case", cases("conv2d", errors=True) + cases("conv_transpose2d", errors=True))
def test_the_engine_rejects_what_pytorch_rejects(case):
    with pytest.raises(ParameterError):
        OPS[case["op"]](array(case["x"]), array(case["weight"]), optional_array(case["bias"]), **case["params"])
