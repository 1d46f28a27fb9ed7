"""conv2d and pool2d against live PyTorch over parameters drawn by Hypothesis (skipped without PyTorch).

PyTorch is never a dependency; tests/engine/test_golden.py covers the same ground from stored cases.
Here every draw is compared: where PyTorch computes a result the engine must equal it, and where
PyTorch rejects the parameters the engine must raise a ParameterError.
"""

import numpy as np
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from app.engine import ParameterError, conv2d, pool2d

from ..strategies import conv_cases, pool_cases, shrinkable_values, tied_values

pytest.importorskip("torch")
from ..torch_reference import torch_conv2d, torch_pool2d  # noqa: E402 (needs PyTorch)

RTOL, ATOL = 1e-5, 1e-8
REJECTED = (RuntimeError, ValueError)  # how PyTorch turns parameters down


def floats_or_ties(shape):
    """Any floats, or few distinct values: among ties the first maximum in row-major order must win, as in PyTorch."""
    return st.one_of(shrinkable_values(shape), tied_values(shape))


# PyTorch warns (once) that padding="same" with an even kernel may copy the input; that is no failure.
@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel lengths:UserWarning")
@given(conv_cases(values=shrinkable_values))
def test_conv2d_equals_pytorch(case):
    x, weight, bias, params = case
    try:
        expected = torch_conv2d(x, weight, bias, **params)
    except REJECTED:
        event("rejected by PyTorch")
        with pytest.raises(ParameterError):
            conv2d(x, weight, bias, **params)
        return
    np.testing.assert_allclose(conv2d(x, weight, bias, **params), expected, rtol=RTOL, atol=ATOL)


@given(pool_cases(values=floats_or_ties))
def test_pool2d_equals_pytorch(case):
    x, params = case
    kind = params["kind"]
    try:
        expected, indices = torch_pool2d(x, kind, params["size"], params["stride"], params["padding"])
    except REJECTED:
        event("rejected by PyTorch")
        with pytest.raises(ParameterError):
            pool2d(x, **params)
        return
    result = pool2d(x, **params)
    np.testing.assert_allclose(result.output, expected, rtol=RTOL, atol=ATOL)
    if kind == "max":
        flat = result.winners[..., 0] * x.shape[3] + result.winners[..., 1]
        np.testing.assert_array_equal(flat, indices)
    else:
        assert result.winners is None
