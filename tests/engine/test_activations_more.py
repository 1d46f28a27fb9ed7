"""The activations added for real networks (relu6 … prelu) against their scalar definitions, and activate()."""

import inspect
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.engine.activations import (
    ACTIVATIONS,
    EXTRA_PARAMETERS,
    TAKES_ALPHA,
    activate,
    activate_check,
    hardtanh,
    log_softmax,
    prelu,
    softplus,
)
from app.engine.geometry import ParameterError
from tests.strategies import normal_values

XS = np.concatenate([np.linspace(-40, 40, 801), [-1e-9, 0.0, 1e-9, -700.0, 700.0, -1000.0, 1000.0]])
SELU_ALPHA, SELU_SCALE = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946


def softplus_definition(x: float, beta: float = 1.0, threshold: float = 20.0) -> float:
    if beta * x > threshold:
        return x
    z = beta * x
    return (max(z, 0.0) + math.log1p(math.exp(-abs(z)))) / beta  # log(1 + e^z), e^z never overflowing


DEFINITIONS = {
    "relu6": lambda x: min(max(x, 0.0), 6.0),
    "hardtanh": lambda x: min(max(x, -1.0), 1.0),
    "hardsigmoid": lambda x: 0.0 if x <= -3 else 1.0 if x >= 3 else x / 6 + 0.5,
    "hardswish": lambda x: 0.0 if x <= -3 else x if x >= 3 else x * (x + 3) / 6,
    "silu": lambda x: x / (1 + math.exp(-x)) if x >= 0 else x * math.exp(x) / (1 + math.exp(x)),
    "selu": lambda x: SELU_SCALE * x if x > 0 else SELU_SCALE * SELU_ALPHA * math.expm1(x),
    "softplus": softplus_definition,
    "prelu": lambda x: x if x > 0 else 0.25 * x,
}


@pytest.mark.parametrize("function", sorted(DEFINITIONS))
def test_activation_matches_its_definition(function):
    expected = np.array([DEFINITIONS[function](float(x)) for x in XS])
    np.testing.assert_allclose(activate(XS, function), expected, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("function", sorted(DEFINITIONS) + ["log_softmax"])
def test_float32_stays_float32(function):
    x = np.linspace(-8, 8, 17, dtype=np.float32)
    got = activate(x, function)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, activate(x.astype(np.float64), function), rtol=1e-6, atol=1e-6)


def test_hardtanh_uses_min_and_max():
    # [-3, -0.5, 0, 2, 9] clipped to [-2, 1.5] -> [-2, -0.5, 0, 1.5, 1.5]
    x = np.array([-3.0, -0.5, 0.0, 2.0, 9.0])
    np.testing.assert_array_equal(activate(x, "hardtanh", low=-2.0, high=1.5), [-2, -0.5, 0, 1.5, 1.5])


def test_hardtanh_with_min_equal_to_max_is_a_constant_as_in_pytorch():
    np.testing.assert_array_equal(hardtanh(np.array([-4.0, 0.0, 4.0]), 0.5, 0.5), [0.5, 0.5, 0.5])


@pytest.mark.parametrize("beta", [0.5, 2.0, -1.5])
@pytest.mark.parametrize("threshold", [20.0, 1.0, 800.0])
def test_softplus_beta_and_threshold_follow_the_definition(beta, threshold):
    expected = [softplus_definition(float(x), beta, threshold) for x in XS]
    np.testing.assert_allclose(softplus(XS, beta, threshold), expected, rtol=1e-12, atol=1e-300)


def test_softplus_is_x_itself_past_the_threshold():
    # beta·x = 2·10.5 = 21 > 20: x itself, not log(1 + e^21)/2 (which differs from 10.5 by 4e-10)
    assert softplus(np.array([10.5]), beta=2.0)[0] == 10.5


def log_softmax_loop(x: np.ndarray, axis: int) -> np.ndarray:
    """Each line along `axis`: x_i − log Σ_j e^(x_j), shifted by the line's max."""
    moved = np.moveaxis(x, axis, -1)
    out = np.empty_like(moved)
    for index in np.ndindex(*moved.shape[:-1]):
        line = [float(v) for v in moved[index]]
        top = max(line)
        log_sum = math.log(sum(math.exp(v - top) for v in line))
        out[index] = [v - top - log_sum for v in line]
    return np.moveaxis(out, -1, axis)


@given(st.lists(st.integers(1, 4), min_size=1, max_size=3).flatmap(
    lambda shape: st.tuples(normal_values(tuple(shape)), st.integers(-len(shape), len(shape) - 1),
                            st.sampled_from([1.0, 30.0, 1000.0]))))
def test_log_softmax_matches_the_loop(case):
    x, axis, spread = case
    np.testing.assert_allclose(log_softmax(x * spread, axis), log_softmax_loop(x * spread, axis),
                               rtol=1e-12, atol=1e-12)


def test_log_softmax_is_finite_where_softmax_underflows():
    # softmax([0, -1000]) = [1, 0], whose log is -inf; log_softmax gives [0, -1000]
    np.testing.assert_array_equal(log_softmax(np.array([0.0, -1000.0])), [0.0, -1000.0])


def prelu_loop(x: np.ndarray, weight: np.ndarray, axis: int) -> np.ndarray:
    """Element by element: x if x > 0 else weight[channel]·x, the channel being the index along `axis`."""
    out = np.empty_like(x)
    for index in np.ndindex(*x.shape):
        w = weight.flat[0] if weight.size == 1 else weight[index[axis]]
        out[index] = x[index] if x[index] > 0 else w * x[index]
    return out


@st.composite
def prelu_cases(draw):
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=4)))
    axis = draw(st.integers(-len(shape), len(shape) - 1))
    count = draw(st.sampled_from([1, shape[axis]]))
    weight = draw(normal_values((count,)))
    return draw(normal_values(shape)), weight if draw(st.booleans()) else weight.reshape(count), axis


@given(prelu_cases())
def test_prelu_matches_the_loop(case):
    x, weight, axis = case
    np.testing.assert_array_equal(prelu(x, weight, axis), prelu_loop(x, weight, axis))


def test_prelu_takes_channel_axis_1_of_a_batch_by_default():
    # x (1, 2, 1, 2): channel 0 [-1, 2], channel 1 [-3, 4]; weights [0.1, 0.5] -> [-0.1, 2], [-1.5, 4]
    x = np.array([[[[-1.0, 2.0]], [[-3.0, 4.0]]]])
    np.testing.assert_allclose(activate(x, "prelu", weight=np.array([0.1, 0.5])), [[[[-0.1, 2.0]], [[-1.5, 4.0]]]])
    np.testing.assert_allclose(activate(x[0], "prelu", axis=0, weight=[0.1, 0.5]), [[[-0.1, 2.0]], [[-1.5, 4.0]]])


def test_prelu_with_one_weight_works_on_any_rank():
    np.testing.assert_allclose(activate(np.array([-2.0, 3.0]), "prelu", weight=0.5), [-1.0, 3.0])
    np.testing.assert_allclose(activate(np.array(-4.0), "prelu"), -1.0)


def test_activate_keeps_its_positional_signature():
    x = np.array([[1.0, 2.0], [3.0, -1.0]])
    np.testing.assert_allclose(activate(x, "leaky_relu", 0.5), [[1.0, 2.0], [3.0, -0.5]])
    np.testing.assert_allclose(activate(x, "softmax", None, 0).sum(axis=0), [1.0, 1.0])
    np.testing.assert_allclose(activate(x, "log_softmax", None, 0), np.log(activate(x, "softmax", None, 0)))


def test_activate_ignores_parameters_the_function_does_not_take():
    x = np.array([-1.0, 2.0])
    np.testing.assert_array_equal(activate(x, "relu", alpha=0.3, low=0.0, beta=2.0, weight=[1.0]), [0.0, 2.0])


def test_extra_parameters_list_every_keyword_with_the_functions_own_default():
    for name, extra in EXTRA_PARAMETERS.items():
        parameters = inspect.signature(ACTIVATIONS[name]).parameters
        assert {key: parameters[key].default for key in extra} == extra, name


def test_takes_alpha_is_unchanged():
    assert TAKES_ALPHA == {"leaky_relu": 0.01, "elu": 1.0}


def test_activate_check_agrees_with_activate_without_an_array():
    activate_check((2, 3, 4), "prelu", weight_shape=(3,))
    activate_check((2, 3), "log_softmax", axis=-2)
    with pytest.raises(ParameterError) as error:
        activate_check((2, 3, 4), "prelu", weight_shape=(4,))
    assert error.value.param == "weight"
    with pytest.raises(ParameterError) as error:
        activate_check((2, 3), "softplus", beta=0.0)
    assert error.value.param == "beta"


def test_unknown_function_is_refused():
    with pytest.raises(ParameterError, match=r"function must be one of relu, .*, prelu, erf \(got \"mish\"\)") as error:
        activate(np.ones(2), "mish")
    assert error.value.param == "function"


def test_hardtanh_refuses_min_above_max():
    with pytest.raises(ParameterError, match=r"hardtanh's max must be at least its min \(got min 2.0, max -1.0\)"
                       ) as error:
        activate(np.ones(2), "hardtanh", low=2.0, high=-1.0)
    assert error.value.param == "max"


def test_softplus_refuses_beta_zero():
    with pytest.raises(ParameterError, match=r"beta must be a finite number other than 0 \(got 0.0\)") as error:
        activate(np.ones(2), "softplus", beta=0.0)
    assert error.value.param == "beta"


def test_prelu_refuses_a_weight_per_channel_of_the_wrong_length():
    with pytest.raises(ParameterError, match=r"weight must hold 1 number or 3 \(one per channel along axis 1 of "
                                             r"shape \(2, 3, 4\)\), got 4") as error:
        activate(np.ones((2, 3, 4)), "prelu", weight=np.ones(4))
    assert error.value.param == "weight"


def test_prelu_refuses_a_weight_that_is_not_a_list():
    with pytest.raises(ParameterError, match=r"one number or a list of one per channel \(got shape \(3, 1\)\)"
                       ) as error:
        activate(np.ones((2, 3, 4)), "prelu", weight=np.ones((3, 1)))
    assert error.value.param == "weight"


def test_prelu_refuses_several_weights_without_a_channel_axis():
    with pytest.raises(ParameterError, match=r"weight holds 3 numbers but an input of shape \(3,\) has no channel "
                                             r"axis 1; give one number") as error:
        activate(np.ones(3), "prelu", weight=np.ones(3))
    assert error.value.param == "weight"


def test_log_softmax_refuses_an_axis_out_of_range():
    with pytest.raises(ParameterError, match=r"axis 2 is out of range for an input with 2 axes") as error:
        activate(np.ones((2, 2)), "log_softmax", axis=2)
    assert error.value.param == "axis"
