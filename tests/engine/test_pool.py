"""Pooling: hand-worked cases and a loop reference over random parameters."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.engine import ParameterError, global_avg_pool, pool2d


def pool_reference(x, kind, size, stride, padding):
    """Loop definition: windows over the padded input; max ignores padding, avg divides by kh·kw."""
    (kh, kw), (sh, sw), (ph, pw) = size, stride, padding
    n, c, h, w = x.shape
    fill = -np.inf if kind == "max" else 0.0
    xp = np.full((n, c, h + 2 * ph, w + 2 * pw), fill)
    xp[:, :, ph:ph + h, pw:pw + w] = x
    oh, ow = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    out = np.zeros((n, c, oh, ow))
    winners = np.zeros((n, c, oh, ow, 2), dtype=int)
    for a in range(n):
        for b in range(c):
            for i in range(oh):
                for j in range(ow):
                    window = xp[a, b, i * sh:i * sh + kh, j * sw:j * sw + kw]
                    if kind == "max":
                        m, k = np.unravel_index(np.argmax(window), window.shape)  # first max, row-major
                        out[a, b, i, j] = window[m, k]
                        winners[a, b, i, j] = (i * sh + m - ph, j * sw + k - pw)
                    else:
                        out[a, b, i, j] = window.sum() / (kh * kw)
    return out, winners


def test_max_pool_2x2_marks_each_winner():
    # [[1 3 | 2 4]
    #  [5 6 | 1 2]      max of each 2×2 block: [[6 4]
    #  [---------]                              [8 9]]
    #  [7 2 | 9 0]      winners (row, col):  6 at (1,1), 4 at (0,3), 8 at (3,1), 9 at (2,2)
    #  [1 8 | 3 4]]
    x = np.array([[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 9, 0], [1, 8, 3, 4]], dtype=float)[None, None]
    result = pool2d(x, "max", 2)
    np.testing.assert_array_equal(result.output[0, 0], [[6, 4], [8, 9]])
    np.testing.assert_array_equal(result.winners[0, 0], [[[1, 1], [0, 3]], [[3, 1], [2, 2]]])


def test_avg_pool_counts_zero_padding():
    # [[1 2] [3 4]] padded by 1 with a 2×2 window, stride 2: each window holds one real cell and
    # three zeros, so the averages are 1/4, 2/4, 3/4, 4/4 (PyTorch's count_include_pad=True)
    x = np.array([[1, 2], [3, 4]], dtype=float)[None, None]
    np.testing.assert_array_equal(pool2d(x, "avg", 2, padding=1).output[0, 0], [[0.25, 0.5], [0.75, 1.0]])


def test_max_pool_ties_go_to_the_first_cell():
    result = pool2d(np.ones((1, 1, 2, 2)), "max", 2)
    np.testing.assert_array_equal(result.winners[0, 0, 0, 0], [0, 0])


def test_padding_over_half_the_window_is_refused():
    with pytest.raises(ParameterError, match="at most half the window"):
        pool2d(np.ones((1, 1, 4, 4)), "max", 2, padding=2)


def test_global_average_pooling():
    x = np.arange(8.0).reshape(1, 2, 2, 2)  # channel means 1.5 and 5.5
    np.testing.assert_array_equal(global_avg_pool(x), [[1.5, 5.5]])


@given(st.sampled_from(["max", "avg"]), st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.integers(1, 3),
       st.integers(0, 1), st.integers(0, 1), st.integers(1, 9), st.integers(1, 9), st.integers(0, 2**32 - 1))
def test_pool2d_equals_the_loop_definition(kind, kh, kw, sh, sw, ph, pw, h, w, seed):
    assume(ph <= kh // 2 and pw <= kw // 2 and kh <= h + 2 * ph and kw <= w + 2 * pw)
    x = np.random.default_rng(seed).integers(-3, 4, (2, 2, h, w)).astype(float)  # small ints: many ties
    expected, winners = pool_reference(x, kind, (kh, kw), (sh, sw), (ph, pw))
    result = pool2d(x, kind, (kh, kw), (sh, sw), (ph, pw))
    np.testing.assert_allclose(result.output, expected, rtol=1e-12)
    if kind == "max":
        np.testing.assert_array_equal(result.winners, winners)
    else:
        assert result.winners is None
    fast = pool2d(x, kind, (kh, kw), (sh, sw), (ph, pw), winners=False)
    np.testing.assert_array_equal(fast.output, result.output)
    assert fast.winners is None
    assert not np.shares_memory(fast.output, x)  # even a 1×1 window answers with an array of its own


@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_avg_pool_adds_in_row_major_order_as_pytorch_does(kh, kw, stride, seed):
    """Float sums depend on their order: PyTorch adds each window's cells row by row, and so must we."""
    x = np.random.default_rng(seed).standard_normal((1, 2, 9, 8))
    xp = np.pad(x, ((0, 0), (0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2)))
    result = pool2d(x, "avg", (kh, kw), stride, (kh // 2, kw // 2)).output
    for c, i, j in np.ndindex(result.shape[1:]):
        total = 0.0
        for m in range(kh):
            for k in range(kw):
                total += xp[0, c, i * stride + m, j * stride + k]
        assert result[0, c, i, j] == total / (kh * kw)
