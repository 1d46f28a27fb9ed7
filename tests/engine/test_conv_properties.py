"""conv2d against conv2d_naive over every parameter, drawn by Hypothesis."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.engine import ParameterError, conv2d, conv2d_naive, output_size

small = st.integers(1, 3)
pairs = st.one_of(small, st.tuples(small, small))
paddings = st.one_of(st.integers(0, 3), st.tuples(st.integers(0, 3), st.integers(0, 3)),
                     st.sampled_from(["valid", "same"]))


def _pair(v):
    return (v, v) if isinstance(v, int) else v


def _valid(h, w, kh, kw, stride, padding, dilation, padding_mode):
    """The rules, restated independently of the engine's geometry module."""
    (sh, sw), (dh, dw) = _pair(stride), _pair(dilation)
    if padding == "same":
        if (sh, sw) != (1, 1):
            return False
        pads = [(dh * (kh - 1) + 1) // 2, (dw * (kw - 1) + 1) // 2]
    else:
        pads = [0, 0] if padding == "valid" else list(_pair(padding))
    (ph, pw) = pads
    if padding_mode == "reflect" and (ph >= h or pw >= w):
        return False
    if padding_mode == "circular" and (ph > h or pw > w):
        return False
    total_h = h + (dh * (kh - 1) if padding == "same" else 2 * ph)
    total_w = w + (dw * (kw - 1) if padding == "same" else 2 * pw)
    return dh * (kh - 1) + 1 <= total_h and dw * (kw - 1) + 1 <= total_w


@st.composite
def conv_cases(draw):
    n, c, f = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    h, w, kh, kw = draw(st.integers(1, 8)), draw(st.integers(1, 8)), draw(st.integers(1, 4)), draw(st.integers(1, 4))
    params = dict(stride=draw(pairs), padding=draw(paddings), dilation=draw(pairs),
                  padding_mode=draw(st.sampled_from(["zeros", "reflect", "replicate", "circular"])),
                  mode=draw(st.sampled_from(["cross-correlation", "convolution"])))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    x, weight = rng.standard_normal((n, c, h, w)), rng.standard_normal((f, c, kh, kw))
    bias = rng.standard_normal(f) if draw(st.booleans()) else None
    return x, weight, bias, params


@given(conv_cases())
def test_conv2d_equals_the_definition(case):
    x, weight, bias, params = case
    assume(_valid(*x.shape[2:], *weight.shape[2:], params["stride"], params["padding"], params["dilation"],
                  params["padding_mode"]))
    np.testing.assert_allclose(conv2d(x, weight, bias, **params), conv2d_naive(x, weight, bias, **params),
                               rtol=1e-10, atol=1e-12)


@given(conv_cases())
def test_impossible_parameters_raise_a_parameter_error(case):
    x, weight, bias, params = case
    assume(not _valid(*x.shape[2:], *weight.shape[2:], params["stride"], params["padding"], params["dilation"],
                      params["padding_mode"]))
    with pytest.raises(ParameterError):
        conv2d(x, weight, bias, **params)


@given(st.integers(1, 40), st.integers(1, 7), st.integers(1, 4), st.integers(0, 3), st.integers(1, 3))
def test_output_size_counts_the_window_positions(size, kernel, stride, pad, dilation):
    extent = dilation * (kernel - 1) + 1
    positions = len(range(0, size + 2 * pad - extent + 1, stride))  # window starts that still fit
    got = output_size(size, kernel, stride, pad, pad, dilation)
    assert got == positions if positions else got <= 0
