"""Padding each side by its own amount, (top, bottom, left, right), as imported models need (ONNX's pads,
Caffe's pooling): convolution and pooling of the input padded by hand, and the average of only the
input cells under each window, by its definition."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.engine import ParameterError, conv2d, pool2d

from ..strategies import seeds

sides = st.tuples(*[st.integers(0, 2)] * 4)  # (top, bottom, left, right)


def padded_by_hand(x, pads, value=0.0):
    """x (N, C, H, W) with `pads` rows and columns of `value` around it."""
    top, bottom, left, right = pads
    return np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)), constant_values=value)


def window_sums(x, size, stride):
    """Each window's sum over x, cell by cell: (N, C, OH, OW)."""
    (kh, kw), (sh, sw) = size, stride
    n, c, h, w = x.shape
    oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
    out = np.zeros((n, c, oh, ow))
    for i, j in np.ndindex(oh, ow):
        out[:, :, i, j] = x[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw].sum(axis=(2, 3))
    return out


@given(seeds, sides, st.integers(1, 3), st.integers(1, 2))
def test_convolution_pads_each_side_as_given(seed, pads, kernel, stride):
    rng = np.random.default_rng(seed)
    x, weight = rng.standard_normal((1, 2, 5, 6)), rng.standard_normal((3, 2, kernel, kernel))
    expected = conv2d(padded_by_hand(x, pads), weight, stride=stride)
    np.testing.assert_allclose(conv2d(x, weight, stride=stride, padding=pads), expected, rtol=1e-12, atol=1e-12)


@given(seeds, st.tuples(*[st.integers(0, 1)] * 4), st.integers(2, 3), st.integers(1, 2))
def test_pooling_pads_each_side_as_given(seed, pads, size, stride):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((1, 2, 6, 5))
    window = dict(size=size, stride=stride)
    # max: padding never wins, as -inf would not
    got = pool2d(x, "max", padding=pads, **window).output
    np.testing.assert_array_equal(got, pool2d(padded_by_hand(x, pads, -np.inf), "max", **window).output)
    # average counting the padding: the zeros are cells of every window
    got = pool2d(x, "avg", padding=pads, **window).output
    np.testing.assert_allclose(got, pool2d(padded_by_hand(x, pads), "avg", **window).output, rtol=1e-12)
    # average of the input cells alone: each window's sum over the input, over how many input cells it holds
    got = pool2d(x, "avg", padding=pads, count_include_pad=False, **window).output
    sums = window_sums(padded_by_hand(x, pads), (size, size), (stride, stride))
    cells = window_sums(padded_by_hand(np.ones_like(x), pads), (size, size), (stride, stride))
    np.testing.assert_allclose(got, sums / cells, rtol=1e-12)


@pytest.mark.parametrize("pads, message", [
    ((0, 2, 0, 0), r"at most half the window size \(padding \[0, 2, 0, 0\], size \[2, 2\]\)"),
    ((0, -1, 0, 0), r"four sides must be integers of at least 0"),
    ((0, 1.5, 0, 0), r"four sides must be integers of at least 0"),
])
def test_sides_are_checked_like_the_pair(pads, message):
    with pytest.raises(ParameterError, match=message):
        pool2d(np.zeros((1, 1, 4, 4)), "max", 2, padding=pads)
