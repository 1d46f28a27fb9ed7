"""reshape, flatten with a start axis, dropout and the axis check, against loop versions written from the
C-order definition."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.engine.dense import flatten, flatten_shape
from app.engine.geometry import ParameterError
from app.engine.tensor_ops import check_axis, dropout, reshape, reshape_shape, transpose, transpose_shape
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
