"""conv2d and pool2d against live PyTorch over parameters drawn by Hypothesis (skipped without PyTorch).

PyTorch is never a dependency; tests/engine/test_golden.py covers the same ground from stored cases.
Here every draw is compared: where PyTorch computes a result the engine must equal it, and where
PyTorch rejects the parameters the engine must raise a ParameterError.
"""

import numpy as np
import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from app.engine import ParameterError, conv2d, pool2d

torch = pytest.importorskip("torch")
F = torch.nn.functional

RTOL, ATOL = 1e-5, 1e-8
REJECTED = (RuntimeError, ValueError)  # how PyTorch turns parameters down

values = st.floats(-10, 10, allow_nan=False, allow_subnormal=False, width=64)


def int_or_pair(low, high):
    return st.one_of(st.integers(low, high), st.lists(st.integers(low, high), min_size=2, max_size=2))


def torch_arg(value):
    return tuple(value) if isinstance(value, list) else value


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


@st.composite
def conv_cases(draw):
    """Mostly parameters PyTorch accepts, with enough impossible ones to check the refusals."""
    n, c, f = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    sides = st.one_of(st.integers(1, 8), st.integers(5, 8))  # leaning to sizes that fit a kernel
    h, w, kh, kw = draw(sides), draw(sides), draw(st.integers(1, 4)), draw(st.integers(1, 4))
    padding = draw(st.one_of(int_or_pair(0, 3), st.sampled_from(["valid", "same"])))
    if padding == "same" and draw(st.integers(0, 3)):  # "same" needs stride 1; now and then try another
        stride = draw(st.sampled_from([1, [1, 1]]))
    else:
        stride = draw(int_or_pair(1, 3))
    params = dict(
        stride=stride,
        padding=padding,
        dilation=draw(st.one_of(st.just(1), int_or_pair(1, 2), int_or_pair(1, 3))),
        padding_mode=draw(st.sampled_from(["zeros", "reflect", "replicate", "circular"])),
        mode=draw(st.sampled_from(["cross-correlation", "convolution"])),
    )
    x = draw(arrays(np.float64, (n, c, h, w), elements=values))
    weight = draw(arrays(np.float64, (f, c, kh, kw), elements=values))
    bias = draw(st.none() | arrays(np.float64, (f,), elements=values))
    return x, weight, bias, params


# PyTorch warns (once) that padding="same" with an even kernel may copy the input; that is no failure.
@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel lengths:UserWarning")
@given(conv_cases())
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


@st.composite
def pool_cases(draw):
    """Mostly parameters PyTorch accepts, with enough impossible ones to check the refusals."""
    n, c = draw(st.integers(1, 2)), draw(st.integers(1, 3))
    h, w = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    size = draw(int_or_pair(1, 4))
    half = (size if isinstance(size, int) else min(size)) // 2  # the most padding PyTorch allows on both axes
    paddings = st.one_of(st.just(0), int_or_pair(0, half), int_or_pair(0, half), int_or_pair(0, 2))
    params = dict(kind=draw(st.sampled_from(["max", "avg"])), size=size,
                  stride=draw(st.one_of(st.none(), int_or_pair(1, 3))), padding=draw(paddings))
    # Few distinct values make ties: the first maximum in row-major order must win, as in PyTorch.
    elements = draw(st.sampled_from([values, st.sampled_from([-1.0, 0.0, 1.0])]))
    return draw(arrays(np.float64, (n, c, h, w), elements=elements)), params


@given(pool_cases())
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
