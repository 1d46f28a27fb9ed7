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

from ..strategies import conv_cases, pool_cases, shrinkable_values, tied_values, torch_arg

torch = pytest.importorskip("torch")
F = torch.nn.functional

RTOL, ATOL = 1e-5, 1e-8
REJECTED = (RuntimeError, ValueError)  # how PyTorch turns parameters down


def torch_conv2d(x, weight, bias, stride, padding, dilation, padding_mode, mode):
    """torch.nn.Conv2d with the given kernel; mode "convolution" turns the kernel 180° first."""
    f, c, kh, kw = weight.shape
    layer = torch.nn.Conv2d(c, f, (kh, kw), stride=torch_arg(stride), padding=torch_arg(padding),
                            dilation=torch_arg(dilation), bias=bias is not None,
                            padding_mode=padding_mode, dtype=torch.float64)
    kernel = torch.tensor(weight)
    if mode == "convolution":
        kernel = torch.flip(kernel, dims=(2, 3))
    with torch.no_grad():
        layer.weight.copy_(kernel)
        if bias is not None:
            layer.bias.copy_(torch.tensor(bias))
        return layer(torch.tensor(x)).numpy()


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
    args = (torch.tensor(x), *(torch_arg(params[k]) for k in ("size", "stride", "padding")))
    try:
        if kind == "max":
            expected, indices = F.max_pool2d(*args, return_indices=True)
        else:
            expected, indices = F.avg_pool2d(*args, ceil_mode=False, count_include_pad=True), None
    except REJECTED:
        event("rejected by PyTorch")
        with pytest.raises(ParameterError):
            pool2d(x, **params)
        return
    result = pool2d(x, **params)
    np.testing.assert_allclose(result.output, expected.numpy(), rtol=RTOL, atol=ATOL)
    if kind == "max":
        flat = result.winners[..., 0] * x.shape[3] + result.winners[..., 1]
        np.testing.assert_array_equal(flat, indices.numpy())
    else:
        assert result.winners is None
