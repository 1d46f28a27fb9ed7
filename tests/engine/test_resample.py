"""upsample (nearest and bilinear, by size or by scale) against a pixel-by-pixel loop of PyTorch's rules."""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.engine.geometry import ParameterError
from app.engine.resample import upsample, upsample_size
from tests.strategies import normal_values


def nearest_source(d, in_size, out_size, scale):
    """PyTorch's nearest_idx: copies when out = in or out = 2·in, else floor(d · step) in float32."""
    if out_size == in_size:
        return d
    if out_size == 2 * in_size:
        return d // 2
    step = np.float32(1.0 / scale) if scale is not None else np.float32(in_size) / np.float32(out_size)
    return min(math.floor(np.float32(d) * step), in_size - 1)


def linear_source(d, in_size, out_size, scale, align_corners):
    """(first, second, weight of second): the two neighbours of the source position and how far it lies past the
    first. The floor is taken in float32, as PyTorch's floorf does."""
    if out_size == in_size:
        return d, d, 0.0
    if align_corners:
        src = d * (in_size - 1) / (out_size - 1) if out_size > 1 else 0.0
    else:
        step = 1.0 / scale if scale is not None else in_size / out_size
        src = max((d + 0.5) * step - 0.5, 0.0)
    first = min(math.floor(np.float32(src)), in_size - 1)
    return first, min(first + 1, in_size - 1), min(max(src - first, 0.0), 1.0)


def upsample_loop(x, size, scale, mode, align_corners):
    out_h, out_w = upsample_size(x.shape[2:], size, scale, mode, align_corners)
    scale_h, scale_w = (None, None) if scale is None else (scale, scale) if np.isscalar(scale) else scale
    out = np.empty(x.shape[:2] + (out_h, out_w))
    for n, c, i, j in np.ndindex(*out.shape):
        if mode == "nearest":
            out[n, c, i, j] = x[n, c, nearest_source(i, x.shape[2], out_h, scale_h),
                                nearest_source(j, x.shape[3], out_w, scale_w)]
            continue
        top, bottom, dy = linear_source(i, x.shape[2], out_h, scale_h, align_corners)
        left, right, dx = linear_source(j, x.shape[3], out_w, scale_w, align_corners)
        upper = (1 - dx) * x[n, c, top, left] + dx * x[n, c, top, right]
        lower = (1 - dx) * x[n, c, bottom, left] + dx * x[n, c, bottom, right]
        out[n, c, i, j] = (1 - dy) * upper + dy * lower
    return out


scales = st.one_of(st.sampled_from([0.5, 1.5, 2.0, 2.5, 1 / 3, 7.4, 1.05]), st.floats(0.2, 4.0))


@st.composite
def upsample_cases(draw):
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 2)), draw(st.integers(1, 6)), draw(st.integers(1, 6)))
    mode = draw(st.sampled_from(["nearest", "bilinear"]))
    align_corners = draw(st.sampled_from([None, False, True])) if mode == "bilinear" else None
    if draw(st.booleans()):
        size, scale = draw(st.one_of(st.integers(1, 12), st.lists(st.integers(1, 12), min_size=2, max_size=2))), None
    else:
        size, scale = None, draw(st.one_of(scales, st.lists(scales, min_size=2, max_size=2)))
        assume(min(int(shape[2] * (scale if np.isscalar(scale) else scale[0])),
                   int(shape[3] * (scale if np.isscalar(scale) else scale[1]))) >= 1)
    return draw(normal_values(shape)), size, scale, mode, align_corners


@given(upsample_cases())
def test_upsample_matches_the_loop(case):
    np.testing.assert_allclose(upsample(*case), upsample_loop(*case), rtol=1e-12, atol=1e-12)


def test_bilinear_worked_example_with_align_corners():
    # [[0, 1], [2, 3]] to 3×3, align_corners: sources at 0, 0.5, 1 on both axes
    # -> [[0, 0.5, 1], [1, 1.5, 2], [2, 2.5, 3]]
    x = np.array([[[[0.0, 1.0], [2.0, 3.0]]]])
    np.testing.assert_allclose(upsample(x, size=3, mode="bilinear", align_corners=True),
                               [[[[0, 0.5, 1], [1, 1.5, 2], [2, 2.5, 3]]]])


def test_bilinear_worked_example_by_half_pixels():
    # [[0, 1], [2, 3]] × 2, align_corners False: sources (d + 0.5)/2 − 0.5 = [-0.25 -> 0, 0.25, 0.75, 1.25 -> last]
    # rows [0, 1] -> [0, 0.25, 0.75, 1] and [2, 3] -> [2, 2.25, 2.75, 3]; mixed down the columns with the same weights
    x = np.array([[[[0.0, 1.0], [2.0, 3.0]]]])
    np.testing.assert_allclose(upsample(x, scale=2, mode="bilinear"),
                               [[[[0.0, 0.25, 0.75, 1.0], [0.5, 0.75, 1.25, 1.5],
                                  [1.5, 1.75, 2.25, 2.5], [2.0, 2.25, 2.75, 3.0]]]])


def test_nearest_worked_example():
    # [[1, 2], [3, 4]] × 1.5 -> 3×3; sources floor(d / 1.5) = [0, 0, 1] -> [[1, 1, 2], [1, 1, 2], [3, 3, 4]]
    x = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    np.testing.assert_array_equal(upsample(x, scale=1.5), [[[[1, 1, 2], [1, 1, 2], [3, 3, 4]]]])


def test_a_scale_places_sources_by_one_over_scale_not_in_over_out():
    # A row [0, 1, 2] is its own source position. Scale 1.5 gives 4 pixels (4.5 truncated) at (d + 0.5)/1.5 − 0.5
    # = [0, 0.5, 7/6, 11/6]; asking for size 4 instead steps by 3/4: [0, 0.625, 1.375, 2].
    x = np.array([0.0, 1.0, 2.0]).reshape(1, 1, 1, 3)
    np.testing.assert_allclose(upsample(x, scale=[1, 1.5], mode="bilinear")[0, 0, 0], [0, 0.5, 7 / 6, 11 / 6])
    np.testing.assert_allclose(upsample(x, size=[1, 4], mode="bilinear")[0, 0, 0], [0, 0.625, 1.375, 2])


def test_nearest_computes_positions_in_float32_as_pytorch_does():
    # width 6 × 7.4 = 44 pixels; pixel 37 is at 37/7.4 = 5 exactly, which float64 rounds to 4.999…, float32 to 5
    x = np.arange(6.0).reshape(1, 1, 1, 6)
    assert upsample(x, scale=[1, 7.4])[0, 0, 0, 37] == 5.0


def test_an_axis_that_keeps_its_size_is_copied_whatever_the_scale():
    # 13 × 1.05 = 13.65 -> 13 pixels: PyTorch copies, it does not resample by 1/1.05
    x = np.random.default_rng(0).standard_normal((1, 2, 13, 13))
    for mode in ("nearest", "bilinear"):
        np.testing.assert_array_equal(upsample(x, scale=1.05, mode=mode), x)


def test_nearest_doubles_each_pixel_when_the_size_doubles():
    # 10 × 2.05 = 20 pixels: each source pixel twice, as with scale 2, not floor(d / 2.05)
    x = np.arange(10.0).reshape(1, 1, 1, 10)
    np.testing.assert_array_equal(upsample(x, scale=[1, 2.05])[0, 0, 0], np.repeat(np.arange(10.0), 2))


def test_upsample_keeps_float32_and_the_sizes_follow_the_floor():
    x = np.ones((1, 1, 5, 3), dtype=np.float32)
    for mode in ("nearest", "bilinear"):
        got = upsample(x, scale=[1.3, 0.7], mode=mode)
        assert got.dtype == np.float32 and got.shape == (1, 1, 6, 2)


def test_unknown_mode_is_refused():
    with pytest.raises(ParameterError, match=r"mode must be one of nearest, bilinear \(got \"bicubic\"\)") as error:
        upsample_size((4, 4), size=8, mode="bicubic")
    assert error.value.param == "mode"


@pytest.mark.parametrize("align_corners", [False, True])
def test_align_corners_with_nearest_is_refused(align_corners):
    with pytest.raises(ParameterError, match=r"align_corners applies only to bilinear, not to nearest") as error:
        upsample_size((4, 4), size=8, align_corners=align_corners)
    assert error.value.param == "align_corners"


def test_align_corners_must_be_true_or_false():
    with pytest.raises(ParameterError, match=r"align_corners must be true or false \(got 1\)") as error:
        upsample_size((4, 4), size=8, mode="bilinear", align_corners=1)
    assert error.value.param == "align_corners"


def test_size_and_scale_together_are_refused():
    with pytest.raises(ParameterError, match=r"give size or scale, not both \(got size 8 and scale 2\)") as error:
        upsample_size((4, 4), size=8, scale=2)
    assert error.value.param == "scale"


def test_neither_size_nor_scale_is_refused():
    with pytest.raises(ParameterError, match=r"give the output's size or a scale \(got neither\)") as error:
        upsample_size((4, 4))
    assert error.value.param == "size"


@pytest.mark.parametrize("size", [0, [3, 0]])
def test_a_size_below_one_is_refused(size):
    with pytest.raises(ParameterError, match=r"size must be at least 1") as error:
        upsample_size((4, 4), size=size)
    assert error.value.param == "size"


@pytest.mark.parametrize("scale", [0, -2.0, math.inf, math.nan, [2.0, -1.0]])
def test_a_scale_not_above_zero_is_refused(scale):
    with pytest.raises(ParameterError, match=r"scale must be above 0") as error:
        upsample_size((4, 4), scale=scale)
    assert error.value.param == "scale"


@pytest.mark.parametrize("scale", ["2", True, [2.0], [1, 2, 3]])
def test_a_scale_that_is_not_a_number_or_pair_is_refused(scale):
    with pytest.raises(ParameterError, match=r"scale must be a number or a pair of numbers \[h, w\]") as error:
        upsample_size((4, 4), scale=scale)
    assert error.value.param == "scale"


def test_a_scale_that_leaves_no_pixels_is_refused():
    with pytest.raises(ParameterError, match=r"scale 0.2 turns the 4×6 input into 0×1 pixels; the output needs at "
                                             r"least 1×1") as error:
        upsample_size((4, 6), scale=0.2)
    assert error.value.param == "scale"


def test_an_input_that_is_not_a_batch_of_images_is_refused():
    with pytest.raises(ParameterError, match=r"upsample needs an input \(N, C, H, W\), got shape \(4, 4\)") as error:
        upsample(np.ones((4, 4)), scale=2)
    assert error.value.param == "input"
