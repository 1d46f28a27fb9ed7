"""Convolutions worked out by hand, arrays in the comments."""

import numpy as np
import pytest

from app.engine import ParameterError, conv2d, conv2d_naive

SEED_INPUT = np.array([[1, 2, 3],
                       [4, 5, 6],
                       [7, 8, 9]], dtype=float)
SEED_KERNEL = np.array([[1, 1],
                        [0, 2]], dtype=float)


def conv(x, k, implementation=conv2d, **params):
    """2-D input and kernel through the batched engine API."""
    return implementation(np.asarray(x, float)[None, None], np.asarray(k, float)[None, None], **params)[0, 0]


@pytest.mark.parametrize("implementation", [conv2d, conv2d_naive])
def test_seed_example_cross_correlation(implementation):
    # window [[1,2],[4,5]] ⊙ [[1,1],[0,2]] = 1 + 2 + 0 + 10 = 13, then 17, 25, 29
    np.testing.assert_array_equal(conv(SEED_INPUT, SEED_KERNEL, implementation), [[13, 17], [25, 29]])


@pytest.mark.parametrize("implementation", [conv2d, conv2d_naive])
def test_seed_example_convolution_flips_the_kernel(implementation):
    # the kernel turned 180° is [[2,0],[1,1]]: [[1,2],[4,5]] -> 2 + 0 + 4 + 5 = 11, then 15, 23, 27
    got = conv(SEED_INPUT, SEED_KERNEL, implementation, mode="convolution")
    np.testing.assert_array_equal(got, [[11, 15], [23, 27]])


@pytest.mark.parametrize("implementation", [conv2d, conv2d_naive])
def test_same_padding_with_even_kernel_pads_bottom_right(implementation):
    # 2×2 ones, "same": total padding 1 per axis, all of it bottom/right (as PyTorch):
    #   1 2 3 0
    #   4 5 6 0      ->   12 16  9
    #   7 8 9 0           24 28 15
    #   0 0 0 0           15 17  9
    got = conv(SEED_INPUT, np.ones((2, 2)), implementation, padding="same")
    np.testing.assert_array_equal(got, [[12, 16, 9], [24, 28, 15], [15, 17, 9]])


def test_same_padding_keeps_size_for_odd_kernels():
    x = np.arange(35, dtype=float).reshape(5, 7)
    assert conv(x, np.ones((3, 5)), padding="same").shape == (5, 7)


def test_stride_and_dilation():
    # 5×5 ramp 0..24, 2×2 ones dilated by 2 (taps at offsets 0 and 2), stride 2:
    # cell (0,0) = x[0,0] + x[0,2] + x[2,0] + x[2,2] = 0 + 2 + 10 + 12 = 24
    # cell (0,1) = x[0,2] + x[0,4] + x[2,2] + x[2,4] = 2 + 4 + 12 + 14 = 32
    x = np.arange(25, dtype=float).reshape(5, 5)
    got = conv(x, np.ones((2, 2)), stride=2, dilation=2)
    np.testing.assert_array_equal(got, [[24, 32], [64, 72]])


def test_reflect_padding_mirrors_without_repeating_the_edge():
    # [1 2 3] reflect-padded by 1 is [2 1 2 3 2]; a 1×3 box kernel sums 3 neighbours: 5, 6, 7
    got = conv([[1, 2, 3]], [[1, 1, 1]], padding=(0, 1), padding_mode="reflect")
    np.testing.assert_array_equal(got, [[5, 6, 7]])


def test_replicate_and_circular_padding():
    # replicate: [1 1 2 3 3] -> 4, 6, 8;  circular: [3 1 2 3 1] -> 6, 6, 6
    np.testing.assert_array_equal(conv([[1, 2, 3]], [[1, 1, 1]], padding=(0, 1), padding_mode="replicate"),
                                  [[4, 6, 8]])
    np.testing.assert_array_equal(conv([[1, 2, 3]], [[1, 1, 1]], padding=(0, 1), padding_mode="circular"),
                                  [[6, 6, 6]])


def test_multi_channel_sums_channels_and_adds_bias_per_filter():
    # channel 0 all ones, channel 1 all twos; filter 0 = ones on both channels, filter 1 = ones on channel 1 only
    x = np.stack([np.ones((3, 3)), 2 * np.ones((3, 3))])[None]  # (1, 2, 3, 3)
    w = np.stack([np.ones((2, 2, 2)), np.stack([np.zeros((2, 2)), np.ones((2, 2))])])  # (2, 2, 2, 2)
    got = conv2d(x, w, np.array([0.5, -1.0]))
    np.testing.assert_array_equal(got[0, 0], np.full((2, 2), 4 * 1 + 4 * 2 + 0.5))
    np.testing.assert_array_equal(got[0, 1], np.full((2, 2), 4 * 2 - 1.0))


def test_kernel_larger_than_padded_input_is_explained():
    with pytest.raises(ParameterError, match=r"dilated kernel \(5×5\) is larger than the padded input \(4×4\)"):
        conv(np.ones((4, 4)), np.ones((3, 3)), dilation=2)


def test_same_padding_refuses_stride():
    with pytest.raises(ParameterError, match='"same" needs stride 1'):
        conv(np.ones((4, 4)), np.ones((3, 3)), padding="same", stride=2)


def test_channel_mismatch_names_both_counts():
    with pytest.raises(ParameterError, match=r"kernel has 2 channel\(s\) but the input has 3"):
        conv2d(np.ones((1, 3, 4, 4)), np.ones((1, 2, 2, 2)))


def test_inputs_are_not_mutated():
    x, k = np.arange(16.0).reshape(1, 1, 4, 4), np.ones((1, 1, 3, 3))
    x_before, k_before = x.copy(), k.copy()
    conv2d(x, k, padding=1, padding_mode="reflect", mode="convolution")
    np.testing.assert_array_equal(x, x_before)
    np.testing.assert_array_equal(k, k_before)


# Each output cell's im2col column holds 3*3*2 float64s, 144 bytes; one sample has 20x18 cells.
@pytest.mark.parametrize("block", [1000, 3000, 20_000, 60_000])  # pieces of a row, a row, rows, one sample
def test_large_inputs_are_processed_in_blocks_with_the_same_result(monkeypatch, block):
    import app.engine.conv as conv_module

    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((2, 3, 20, 17)), rng.standard_normal((4, 3, 3, 2))
    whole = conv2d(x, w, padding=1)
    monkeypatch.setattr(conv_module, "_BLOCK_BYTES", block)
    # the same sums, accumulated in a different order by BLAS: equal to rounding
    np.testing.assert_allclose(conv2d(x, w, padding=1), whole, rtol=1e-12, atol=1e-13)
