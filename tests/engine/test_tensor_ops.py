"""reshape, flatten with a start axis, dropout and the axis check, against loop versions written from the
C-order definition."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.engine.dense import flatten, flatten_shape
from app.engine.geometry import ParameterError
from app.engine.reduce import mean, mean_shape
from app.engine.tensor_ops import (
    PAD_MODES,
    check_axis,
    dropout,
    pad,
    pad_shape,
    reshape,
    reshape_shape,
    slice_shape,
    take_slice,
    transpose,
    transpose_shape,
)
from tests.strategies import normal_values


def unravel(flat: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    """The C-order position of element number `flat` in an array of `shape` (last axis fastest)."""
    index = []
    for size in reversed(shape):
        flat, i = divmod(flat, size)
        index.append(i)
    return tuple(reversed(index))


def reshape_loop(x: np.ndarray, new_shape: tuple[int, ...], keep: int) -> np.ndarray:
    """Copy element by element: the k-th number of the old axes after `keep` is the k-th of the new ones."""
    kept, old = x.shape[:keep], x.shape[keep:]
    out = np.empty(kept + new_shape, dtype=x.dtype)
    for outer in np.ndindex(*kept):
        for k in range(math.prod(old)):
            out[outer + unravel(k, new_shape)] = x[outer + unravel(k, old)]
    return out


@st.composite
def reshape_cases(draw):
    """(x, shape): a batch and a new sample shape with the same number of numbers, maybe with one -1."""
    sample = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    x = draw(normal_values((draw(st.integers(1, 2)), *sample)))
    left, shape = math.prod(sample), []
    while left > 1 and draw(st.booleans()):
        size = draw(st.sampled_from([d for d in range(1, left + 1) if left % d == 0]))
        shape.append(size)
        left //= size
    shape.append(left)
    shape = draw(st.permutations(shape))
    if draw(st.booleans()):
        shape[draw(st.integers(0, len(shape) - 1))] = -1
    return x, shape


@given(reshape_cases())
def test_reshape_matches_the_loop(case):
    x, shape = case
    got = reshape(x, shape)
    known = math.prod(d for d in shape if d != -1)
    filled = tuple(math.prod(x.shape[1:]) // known if d == -1 else d for d in shape)
    np.testing.assert_array_equal(got, reshape_loop(x, filled, keep=1))
    assert got.shape == (x.shape[0], *filled)


@given(st.lists(st.integers(1, 3), min_size=1, max_size=4).flatmap(
    lambda shape: st.tuples(normal_values(tuple(shape)), st.integers(-len(shape), len(shape) - 1))))
def test_flatten_matches_the_loop(case):
    x, start = case
    keep = start % x.ndim
    expected = reshape_loop(x, (math.prod(x.shape[keep:]),), keep)
    np.testing.assert_array_equal(flatten(x, start), expected)
    assert flatten_shape(x.shape, start) == expected.shape


def test_reshape_worked_example():
    # one sample [[1, 2, 3], [4, 5, 6]] as shape [3, -1] -> [[1, 2], [3, 4], [5, 6]]
    x = np.array([[[1.0, 2, 3], [4, 5, 6]]])
    np.testing.assert_array_equal(reshape(x, [3, -1]), [[[1, 2], [3, 4], [5, 6]]])


def test_reshape_keeps_float32_and_leaves_the_input_alone():
    x = np.arange(12, dtype=np.float32).reshape(2, 6)
    before = x.copy()
    assert reshape(x, (2, 3)).dtype == np.float32
    np.testing.assert_array_equal(x, before)


def test_flatten_by_default_keeps_the_batch_axis():
    x = np.arange(24.0).reshape(2, 3, 2, 2)
    assert flatten(x).shape == (2, 12)
    assert flatten(x, 0).shape == (24,)
    assert flatten(x, 2).shape == (2, 3, 4)
    assert flatten(x, -1).shape == (2, 3, 2, 2)


def test_dropout_is_the_identity_at_inference():
    x = np.arange(6.0).reshape(2, 3)
    assert dropout(x) is x


def test_reshape_refuses_a_zero_size():
    with pytest.raises(ParameterError, match=r"shape sizes must be at least 1, or -1 .* \(got \[2, 0\]\)") as error:
        reshape_shape((4,), [2, 0])
    assert error.value.param == "shape"


def test_reshape_refuses_two_inferred_sizes():
    with pytest.raises(ParameterError, match=r"at most one -1 \(got \[-1, 2, -1\]\)") as error:
        reshape_shape((8,), [-1, 2, -1])
    assert error.value.param == "shape"


def test_reshape_refuses_sizes_below_minus_one():
    with pytest.raises(ParameterError, match=r"\(got \[-2, 2\]\)") as error:
        reshape_shape((4,), [-2, 2])
    assert error.value.param == "shape"


def test_reshape_refuses_a_different_number_of_elements():
    with pytest.raises(ParameterError, match=r"shape \[5, 2\] holds 10 numbers but a sample of shape \[3, 4\] has 12"
                       ) as error:
        reshape_shape((3, 4), [5, 2])
    assert error.value.param == "shape"


def test_reshape_refuses_an_inferred_size_that_does_not_divide():
    with pytest.raises(ParameterError, match=r"shape \[5, -1\] cannot hold a sample of shape \[3, 4\]: its 12 "
                                             r"numbers are not a multiple of 5") as error:
        reshape_shape((3, 4), [5, -1])
    assert error.value.param == "shape"


@pytest.mark.parametrize("shape", [3, [2.0, 2], [True, 4], "2,2"])
def test_reshape_refuses_anything_but_a_list_of_integers(shape):
    with pytest.raises(ParameterError, match="shape must be a list of integers") as error:
        reshape_shape((4,), shape)
    assert error.value.param == "shape"


@pytest.mark.parametrize("start", [4, -5])
def test_flatten_refuses_a_start_axis_out_of_range(start):
    with pytest.raises(ParameterError, match=rf"start_axis {start} is out of range for an input with 4 axes "
                                             r"\(allowed: -4 to 3\)") as error:
        flatten(np.ones((2, 3, 4, 5)), start)
    assert error.value.param == "start_axis"


def test_check_axis_counts_negative_axes_from_the_end():
    assert [check_axis(a, 3) for a in (-3, -1, 0, 2)] == [0, 2, 0, 2]


@pytest.mark.parametrize("axis", [1.0, True, "1"])
def test_check_axis_refuses_anything_but_an_integer(axis):
    with pytest.raises(ParameterError, match="axis must be an integer") as error:
        check_axis(axis, 3)
    assert error.value.param == "axis"


# ---- transpose ---------------------------------------------------------------------------------------

@given(st.permutations(range(3)), st.integers(0, 2**32 - 1))
def test_transpose_moves_every_element_where_perm_sends_it(perm, seed):
    """out[n][i_0, i_1, i_2] = x[n][j] where j[perm[k]] = i_k: element by element, from the definition."""
    x = np.random.default_rng(seed).standard_normal((2, 2, 3, 4))
    out = transpose(x, perm)
    assert out.shape == (2, *transpose_shape(x.shape[1:], perm)) and out.flags.c_contiguous
    for n, *index in np.ndindex(*out.shape):
        source = [0] * 3
        for k, axis in enumerate(perm):
            source[axis] = index[k]
        assert out[(n, *index)] == x[(n, *source)]


@pytest.mark.parametrize("perm", [(0, 1), (0, 0, 1), (1, 2, 3), (0, 1, True), "012"])
def test_a_perm_that_does_not_order_the_axes_is_refused(perm):
    with pytest.raises(ParameterError, match=r"perm must order a sample's 3 axes, each of 0 … 2 once"):
        transpose_shape((2, 3, 4), perm)


# ---- slice and pad -------------------------------------------------------------------------------------

@given(st.integers(-3, 2), st.integers(-6, 6), st.integers(-6, 6), st.sampled_from([1, 2, -1, -2]))
def test_slice_keeps_the_values_pythons_range_names(axis, start, stop, step):
    x = np.arange(2 * 3 * 4 * 5, dtype=float).reshape(2, 3, 4, 5)
    size = x.shape[1:][axis]
    kept = list(range(size))[start:stop:step]
    if not kept:
        with pytest.raises(ParameterError, match=r"leaves nothing of axis"):
            take_slice(x, axis, start, stop, step)
        return
    out = take_slice(x, axis, start, stop, step)
    assert out.shape[1:] == slice_shape(x.shape[1:], axis, start, stop, step)
    batch_axis = axis % 3 + 1
    for k, source in enumerate(kept):  # the k-th kept plane is the source-th of the input
        np.testing.assert_array_equal(np.take(out, k, axis=batch_axis), np.take(x, source, axis=batch_axis))


def pad_loop(x: np.ndarray, pads, mode: str, value: float) -> np.ndarray:
    """Cell by cell: each output cell reads the input cell its position maps to, per mode (F.pad's rules)."""
    first = x.ndim - len(pads)
    shape = (*x.shape[:first], *(size + b + a for size, (b, a) in zip(x.shape[first:], pads, strict=True)))
    out = np.empty(shape)
    for index in np.ndindex(*shape):
        source, outside = list(index[:first]), False
        for k, (b, _) in enumerate(pads):
            size, p = x.shape[first + k], index[first + k] - b
            if not 0 <= p < size:
                outside = True
                p = {"reflect": abs(p) if p < 0 else 2 * (size - 1) - p, "replicate": min(max(p, 0), size - 1),
                     "circular": p % size, "constant": 0}[mode]
            source.append(p)
        out[index] = value if outside and mode == "constant" else x[tuple(source)]
    return out


@pytest.mark.parametrize("mode", PAD_MODES)
@given(pads=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=3),
       seed=st.integers(0, 2**32 - 1))
def test_pad_fills_each_mode_as_f_pad_defines_it(mode, pads, seed):
    x = np.random.default_rng(seed).standard_normal((1, 3, 3, 4))  # every axis longer than any pad: reflect works
    np.testing.assert_array_equal(pad(x, pads, mode, 1.5), pad_loop(x, pads, mode, 1.5))


@pytest.mark.parametrize("pads, mode, message", [
    ([[3, 0]], "reflect", r"reflect padding must be less than the axis' size \(3\)"),
    ([[0, 4]], "circular", r"circular padding must be at most the axis' size \(3\)"),
    ([[-1, 0]], "constant", r"pads must be at least 0"),
    ([[1, 1]] * 4, "constant", r"pads must be 1 to 3 \[before, after\] pairs"),
    ([[1, 1]], "wrap", r"mode must be one of constant, reflect, replicate, circular"),
])
def test_a_pad_that_cannot_work_is_refused(pads, mode, message):
    with pytest.raises(ParameterError, match=message):
        pad_shape((2, 4, 3), pads, mode)


@given(st.lists(st.integers(-3, 2), min_size=1, max_size=3, unique_by=lambda a: a % 3), st.booleans())
def test_mean_averages_the_axes_it_names(axes, keepdims):
    x = np.random.default_rng(0).standard_normal((2, 3, 4, 5))
    out = mean(x, axes, keepdims)
    assert out.shape[1:] == mean_shape(x.shape[1:], axes, keepdims)
    np.testing.assert_allclose(out, x.mean(axis=tuple(a % 3 + 1 for a in axes), keepdims=keepdims), rtol=1e-12)
