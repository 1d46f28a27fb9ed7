"""Traces carry everything an animation frame needs, and agree with the computed outputs."""

import numpy as np
import pytest

from app.engine import conv2d, conv_trace, pool2d, pool_trace


def test_seed_trace_first_step():
    # window [[1,2],[4,5]] under kernel [[1,1],[0,2]]: products [[1,2],[0,10]], sum 13
    x = np.arange(1.0, 10.0).reshape(1, 3, 3)
    k = np.array([[1.0, 1.0], [0.0, 2.0]]).reshape(1, 1, 2, 2)
    trace = conv_trace(x, k)
    np.testing.assert_array_equal(trace.cell[0], [0, 0, 0])
    np.testing.assert_array_equal(trace.rows[0], [0, 1])
    np.testing.assert_array_equal(trace.cols[0], [0, 1])
    np.testing.assert_array_equal(trace.values[0, 0], [[1, 2], [4, 5]])
    np.testing.assert_array_equal(trace.products[0, 0], [[1, 2], [0, 10]])
    np.testing.assert_array_equal(trace.value, [13, 17, 25, 29])


@pytest.mark.parametrize("params", [
    dict(),
    dict(padding=1, stride=2),
    dict(padding="same", dilation=2, padding_mode="reflect"),
    dict(padding=(2, 1), padding_mode="circular", mode="convolution", stride=(1, 2)),
])
def test_conv_trace_is_self_consistent_and_matches_conv2d(params):
    rng = np.random.default_rng(1)
    x, w, b = rng.standard_normal((3, 6, 7)), rng.standard_normal((2, 3, 3, 2)), rng.standard_normal(2)
    trace = conv_trace(x, w, b, **params)
    expected = conv2d(x[None], w, b, **params)[0]  # (F, OH, OW)
    assert len(trace.value) == expected.size
    np.testing.assert_allclose(trace.value, expected.reshape(-1), rtol=1e-12)
    for step in (0, len(trace.value) // 2, len(trace.value) - 1):
        f, i, j = trace.cell[step]
        # the window's cells, read back from the padded input, are the values shown
        window = trace.padded_input[:, trace.rows[step][:, None], trace.cols[step][None, :]]
        np.testing.assert_array_equal(trace.values[step], window)
        np.testing.assert_allclose(trace.products[step], window * trace.kernel[f])
        np.testing.assert_allclose(trace.channel_sums[step], trace.products[step].sum(axis=(1, 2)))
        assert trace.sum[step] == pytest.approx(trace.channel_sums[step].sum())
        assert trace.value[step] == pytest.approx(trace.sum[step] + b[f])
        assert expected[f, i, j] == pytest.approx(trace.value[step])


def test_convolution_trace_shows_the_turned_kernel():
    k = np.array([[1.0, 2.0], [3.0, 4.0]]).reshape(1, 1, 2, 2)
    trace = conv_trace(np.ones((1, 2, 2)), k, mode="convolution")
    np.testing.assert_array_equal(trace.kernel[0, 0], [[4, 3], [2, 1]])


def test_max_pool_trace_marks_the_winner_in_padded_coordinates():
    x = np.array([[1.0, 3.0], [5.0, 2.0]])[None]  # (1, 2, 2)
    trace = pool_trace(x, "max", 2, stride=1, padding=1)
    assert trace.padded_input.shape == (1, 4, 4)
    assert np.isneginf(trace.padded_input[0, 0, 0])  # padding never wins
    for step in range(len(trace.value)):
        r, c = trace.winner[step]
        assert trace.padded_input[0, r, c] == trace.value[step]
        assert r in trace.rows[step] and c in trace.cols[step]
    np.testing.assert_array_equal(trace.value, pool2d(x[None], "max", 2, 1, 1).output.reshape(-1))


def test_avg_pool_trace_shows_sum_and_count():
    x = np.arange(16.0).reshape(1, 4, 4)
    trace = pool_trace(x, "avg", 2)
    assert trace.count == 4
    np.testing.assert_allclose(trace.sum / trace.count, trace.value)
    np.testing.assert_array_equal(trace.values[0], [[0, 1], [4, 5]])
