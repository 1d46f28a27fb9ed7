"""Activations against their scalar definitions (math module), softmax, erf."""

import math

import numpy as np
import pytest

from app.engine import ParameterError, activate, softmax
from app.engine.special import erf, erfc

XS = np.concatenate([np.linspace(-40, 40, 801), [-1e-9, 0.0, 1e-9, -700.0, 700.0]])

DEFINITIONS = {
    "relu": lambda x: max(x, 0.0),
    "leaky_relu": lambda x: x if x >= 0 else 0.01 * x,
    "elu": lambda x: x if x > 0 else math.expm1(x),
    "sigmoid": lambda x: 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x)),
    "tanh": math.tanh,
    "gelu": lambda x: 0.5 * x * math.erfc(-x / math.sqrt(2)),
    "identity": lambda x: x,
}


@pytest.mark.parametrize("function", sorted(DEFINITIONS))
def test_activation_matches_its_definition(function):
    expected = np.array([DEFINITIONS[function](float(x)) for x in XS])
    np.testing.assert_allclose(activate(XS, function), expected, rtol=1e-12, atol=1e-300)


def test_alpha_changes_leaky_relu_slope_and_elu_scale():
    np.testing.assert_allclose(activate(np.array([-2.0, 3.0]), "leaky_relu", alpha=0.1), [-0.2, 3.0])
    np.testing.assert_allclose(activate(np.array([-1.0]), "elu", alpha=2.0), [2.0 * math.expm1(-1.0)])


def test_relu_zeroes_negatives_only():
    # [[-2, 0.5], [0, -1e-3]] -> [[0, 0.5], [0, 0]]
    np.testing.assert_array_equal(activate(np.array([[-2, 0.5], [0, -1e-3]]), "relu"), [[0, 0.5], [0, 0]])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_relu_and_relu6_keep_pytorchs_answers_at_the_edges(dtype):
    """torch.relu and F.relu6 pass −0, NaN and +∞ through (relu6 caps +∞ at 6) and send −∞ to 0."""
    x = np.array([-0.0, 0.0, np.nan, -np.inf, np.inf, -1.5, 2.5, 7.0], dtype)
    relu, relu6 = activate(x, "relu"), activate(x, "relu6")
    assert relu.dtype == relu6.dtype == dtype
    np.testing.assert_array_equal(relu, np.array([-0.0, 0.0, np.nan, 0.0, np.inf, 0.0, 2.5, 7.0], dtype))
    np.testing.assert_array_equal(relu6, np.array([-0.0, 0.0, np.nan, 0.0, 6.0, 0.0, 2.5, 6.0], dtype))
    assert np.signbit(relu[0]) and np.signbit(relu6[0]) and not np.signbit(relu[1])


def test_softmax_worked_example():
    # logits [2, 1, 0.1]: exp = [7.389, 2.718, 1.105], sum 11.212 -> [0.659, 0.242, 0.099]
    np.testing.assert_allclose(softmax(np.array([2.0, 1.0, 0.1])), [0.65900114, 0.24243297, 0.09856589],
                               rtol=1e-7)


def test_softmax_is_stable_for_huge_logits_and_sums_to_one_along_its_axis():
    x = np.array([[1000.0, 1000.0, -1000.0], [0.0, 1.0, 2.0]])
    by_row = softmax(x, axis=1)
    np.testing.assert_allclose(by_row.sum(axis=1), [1.0, 1.0])
    np.testing.assert_allclose(by_row[0], [0.5, 0.5, 0.0])
    np.testing.assert_allclose(softmax(x, axis=0).sum(axis=0), [1.0, 1.0, 1.0])


def test_softmax_axis_out_of_range_is_refused():
    with pytest.raises(ParameterError, match="axis 2 is out of range"):
        softmax(np.ones((2, 2)), axis=2)


def test_unknown_function_is_refused():
    with pytest.raises(ParameterError, match="function must be one of"):
        activate(np.ones(2), "swish")


def test_erf_and_erfc_match_the_math_module():
    xs = np.linspace(-30, 30, 6001)
    np.testing.assert_allclose(erf(xs), [math.erf(x) for x in xs], rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(erfc(xs), [math.erfc(x) for x in xs], rtol=1e-12, atol=1e-300)
