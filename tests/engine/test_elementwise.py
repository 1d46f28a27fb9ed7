"""add, sub, mul, div with broadcasting, and concat, against element-by-element loops."""

import operator
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import mutually_broadcastable_shapes

from app.engine import INPUT, LayerError, Node, forward, plan
from app.engine.elementwise import BINARY_OPS, binary, binary_shape, broadcast_shape, concat, concat_shape
from app.engine.geometry import ParameterError
from app.engine.kinds import Binary
from tests.strategies import normal_values

OPERATORS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul, "div": operator.truediv}


def binary_loop(op, a, b):
    """Align the shapes from the right; a size-1 axis repeats its one element along the other input's axis."""
    ndim = max(a.ndim, b.ndim)
    a_shape, b_shape = (1,) * (ndim - a.ndim) + a.shape, (1,) * (ndim - b.ndim) + b.shape
    a, b = a.reshape(a_shape), b.reshape(b_shape)
    out_shape = tuple(max(m, n) for m, n in zip(a_shape, b_shape, strict=True))
    out = np.empty(out_shape)
    for index in np.ndindex(*out_shape):
        ia = tuple(0 if size == 1 else i for i, size in zip(index, a_shape, strict=True))
        ib = tuple(0 if size == 1 else i for i, size in zip(index, b_shape, strict=True))
        out[index] = OPERATORS[op](float(a[ia]), float(b[ib]))
    return out


def concat_loop(arrays, axis):
    """Each output element comes from the input whose stretch along `axis` holds its position."""
    sizes = [a.shape[axis] for a in arrays]
    out_shape = list(arrays[0].shape)
    out_shape[axis] = sum(sizes)
    out = np.empty(out_shape)
    for index in np.ndindex(*out_shape):
        position, which = index[axis], 0
        while position >= sizes[which]:
            position, which = position - sizes[which], which + 1
        out[index] = arrays[which][index[:axis] + (position,) + index[axis + 1:]]
    return out


@given(st.sampled_from(BINARY_OPS), mutually_broadcastable_shapes(num_shapes=2, max_dims=4, max_side=3).flatmap(
    lambda shapes: st.tuples(normal_values(shapes.input_shapes[0]), normal_values(shapes.input_shapes[1]))))
def test_binary_matches_the_loop(op, inputs):
    a, b = inputs
    got = binary(op, a, b)
    expected = binary_loop(op, a, b)
    assert got.shape == expected.shape == binary_shape(op, a.shape, b.shape)
    np.testing.assert_allclose(got, expected, rtol=1e-15, atol=0)


@st.composite
def concat_cases(draw):
    shape = draw(st.lists(st.integers(1, 3), min_size=1, max_size=4))
    axis = draw(st.integers(-len(shape), len(shape) - 1))
    arrays = []
    for _ in range(draw(st.integers(1, 3))):
        shape[axis] = draw(st.integers(1, 3))
        arrays.append(draw(normal_values(tuple(shape))))
    return arrays, axis


@given(concat_cases())
def test_concat_matches_the_loop(case):
    arrays, axis = case
    got = concat(arrays, axis)
    np.testing.assert_array_equal(got, concat_loop(arrays, axis % arrays[0].ndim))
    assert got.shape == concat_shape([a.shape for a in arrays], axis)


def test_binary_broadcasts_a_per_channel_column():
    # x (1, 2, 2) minus a per-channel (2, 1) column [[1], [10]]: [[[1, 2], [13, 14]]] -> [[[0, 1], [3, 4]]]
    x = np.array([[[1.0, 2.0], [13.0, 14.0]]])
    np.testing.assert_array_equal(binary("sub", x, np.array([[1.0], [10.0]])), [[[0.0, 1.0], [3.0, 4.0]]])


def test_division_by_zero_gives_ieee_infinities_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = binary("div", np.array([1.0, -1.0, 0.0]), np.array([0.0, 0.0, 0.0]))
    assert got[0] == np.inf and got[1] == -np.inf and np.isnan(got[2])


def test_binary_and_concat_keep_float32():
    a = np.ones((2, 3), dtype=np.float32)
    for op in BINARY_OPS:
        assert binary(op, a, a).dtype == np.float32
    assert concat([a, a], 0).dtype == np.float32


def test_broadcast_shape_fills_missing_axes_and_size_one_axes():
    assert broadcast_shape((2, 1, 4), (3, 1)) == (2, 3, 4)
    assert broadcast_shape((), (2,)) == (2,)


def test_shapes_that_do_not_broadcast_are_refused():
    with pytest.raises(ParameterError, match=r"shapes \[2, 3, 4, 4\] and \[5, 1\] do not broadcast: aligned from the "
                                             r"right, axis -2 has sizes 4 and 5") as error:
        binary("add", np.ones((2, 3, 4, 4)), np.ones((5, 1)))
    assert error.value.param == "inputs"


def test_unknown_binary_op_is_refused():
    with pytest.raises(ParameterError, match=r"op must be one of add, sub, mul, div \(got \"pow\"\)") as error:
        binary("pow", np.ones(2), np.ones(2))
    assert error.value.param == "op"


def test_concat_refuses_mismatched_sizes_naming_every_dimension():
    with pytest.raises(ParameterError, match=r"concat along axis 1 needs every other axis to match: input 0 has shape "
                                             r"\[1, 2, 4, 4\] and input 1 has shape \[1, 3, 4, 5\] \(axis 3: 4 and 5\)"
                       ) as error:
        concat_shape([(1, 2, 4, 4), (1, 3, 4, 5)], 1)
    assert error.value.param == "inputs"


def test_concat_refuses_inputs_with_different_numbers_of_axes():
    with pytest.raises(ParameterError, match=r"same number of axes: input 0 has shape \[1, 2, 4\] and input 2 has "
                                             r"shape \[2, 4\]") as error:
        concat_shape([(1, 2, 4), (3, 2, 4), (2, 4)], 0)
    assert error.value.param == "inputs"


def test_concat_refuses_an_empty_list():
    with pytest.raises(ParameterError, match=r"concat needs at least one input") as error:
        concat([], 0)
    assert error.value.param == "inputs"


@pytest.mark.parametrize("axis", [3, -4])
def test_concat_refuses_an_axis_out_of_range(axis):
    with pytest.raises(ParameterError, match=rf"axis {axis} is out of range for an input with 3 axes "
                                             r"\(allowed: -3 to 2\)") as error:
        concat([np.ones((1, 2, 3))] * 2, axis)
    assert error.value.param == "axis"


# ---- a constant operand in a graph -----------------------------------------------------------------

@pytest.mark.parametrize("op", BINARY_OPS)
@pytest.mark.parametrize("first", [False, True])
def test_a_constant_operand_meets_every_sample_on_its_side(op, first):
    """x (N, C, H, W) op a per-channel (C, 1, 1) constant, worked cell by cell."""
    rng = np.random.default_rng(7)
    x, operand = rng.uniform(1, 2, (3, 2, 2, 2)), rng.uniform(1, 2, (2, 1, 1))
    (out,) = forward(x, [Node(Binary(op, operand, first), "scaled", (INPUT,))])
    apply = {"add": operator.add, "sub": operator.sub, "mul": operator.mul, "div": operator.truediv}[op]
    for n, c, i, j in np.ndindex(*x.shape):
        sides = (operand[c, 0, 0], x[n, c, i, j]) if first else (x[n, c, i, j], operand[c, 0, 0])
        assert out[n, c, i, j] == apply(*sides)
    assert plan((2, 2, 2), [Node(Binary(op, operand, first), "scaled", (INPUT,))])[0].parameters == 2


def test_a_constant_operand_takes_one_input_and_may_not_span_the_batch():
    with pytest.raises(LayerError, match=r"takes 1 input, got 2"):
        plan((2, 2), [Node(Binary("add", np.ones(2)), "a", (INPUT, INPUT))])
    with pytest.raises(LayerError, match=r"an operand of shape \[3, 2, 2\] has more axes than one sample's \[2, 2\]"):
        plan((2, 2), [Node(Binary("add", np.ones((3, 2, 2))), "a", (INPUT,))])
