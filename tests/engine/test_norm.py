"""Batch norm (inference) and local response norm against loops written from their definitions."""

import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.engine.geometry import ParameterError
from app.engine.norm import batch_norm, batch_norm_check, local_response_norm, lrn_check
from tests.strategies import normal_values


def batch_norm_loop(x, mean, var, weight, bias, eps):
    """Element by element: (x − mean_c) / √(var_c + eps) · weight_c + bias_c."""
    out = np.empty_like(x)
    for index in np.ndindex(*x.shape):
        c = index[1]
        w = 1.0 if weight is None else weight[c]
        b = 0.0 if bias is None else bias[c]
        out[index] = (x[index] - mean[c]) / math.sqrt(var[c] + eps) * w + b
    return out


def lrn_loop(x, size, alpha, beta, k):
    """Element by element: x_c / (k + alpha/size · Σ x_j²)^beta over channels j = c − size//2 … c + (size−1)//2
    that exist."""
    out = np.empty_like(x)
    channels = x.shape[1]
    for index in np.ndindex(*x.shape):
        n, c, rest = index[0], index[1], index[2:]
        window = range(max(c - size // 2, 0), min(c + (size - 1) // 2, channels - 1) + 1)
        squares = sum(float(x[(n, j, *rest)]) ** 2 for j in window)
        out[index] = x[index] / (k + alpha / size * squares) ** beta
    return out


@st.composite
def batch_norm_cases(draw):
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 4)),
             *draw(st.lists(st.integers(1, 3), min_size=0, max_size=2)))
    c = shape[1]
    weight = draw(normal_values((c,))) if draw(st.booleans()) else None
    bias = draw(normal_values((c,))) if draw(st.booleans()) else None
    var = np.abs(draw(normal_values((c,)))) * draw(st.sampled_from([1e-3, 1.0, 100.0]))
    eps = draw(st.sampled_from([1e-5, 1e-3, 0.5]))
    return draw(normal_values(shape)) * 3, draw(normal_values((c,))), var, weight, bias, eps


@given(batch_norm_cases())
def test_batch_norm_matches_the_loop(case):
    np.testing.assert_allclose(batch_norm(*case), batch_norm_loop(*case), rtol=1e-12, atol=1e-12)


def test_batch_norm_worked_example():
    # x (1, 2, 2): channel 0 [1, 5], channel 1 [2, -2]; mean [3, 0]; var + eps = [4, 1] (var = [4, 1] − eps)
    # weight [1, 10], bias [0, 1]: channel 0 (x − 3)/2 -> [-1, 1]; channel 1 x·10 + 1 -> [21, -19]
    x = np.array([[[1.0, 5.0], [2.0, -2.0]]])
    eps = 0.25
    got = batch_norm(x, [3.0, 0.0], [4.0 - eps, 1.0 - eps], [1.0, 10.0], [0.0, 1.0], eps)
    np.testing.assert_allclose(got, [[[-1.0, 1.0], [21.0, -19.0]]])


def test_batch_norm_keeps_float32_and_leaves_the_inputs_alone():
    x = np.linspace(-2, 2, 12, dtype=np.float32).reshape(1, 3, 4)
    mean, var = np.array([0.1, 0.2, 0.3]), np.array([1.0, 2.0, 3.0])
    copies = x.copy(), mean.copy(), var.copy()
    got = batch_norm(x, mean, var)
    assert got.dtype == np.float32
    for before, after in zip(copies, (x, mean, var), strict=True):
        np.testing.assert_array_equal(before, after)


@st.composite
def lrn_cases(draw):
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 6)), *draw(st.lists(st.integers(1, 3), min_size=1,
                                                                              max_size=2)))
    return (draw(normal_values(shape)) * 3, draw(st.integers(1, 8)), draw(st.sampled_from([1e-4, 0.1, 2.0])),
            draw(st.sampled_from([0.75, 0.5, 1.0, -0.5])), draw(st.sampled_from([1.0, 0.5, 2.0])))


@given(lrn_cases())
def test_lrn_matches_the_loop(case):
    np.testing.assert_allclose(local_response_norm(*case), lrn_loop(*case), rtol=1e-12, atol=1e-300)


def test_lrn_worked_example_with_an_even_size():
    # x (1, 3, 1, 1), channels [1, 2, 3]; size 2 sums channels c − 1 and c: squares [0+1, 1+4, 4+9] = [1, 5, 13]
    # alpha 2 (alpha/size = 1), beta 1, k 1: [1/(1+1), 2/(1+5), 3/(1+13)] = [1/2, 1/3, 3/14]
    x = np.array([1.0, 2.0, 3.0]).reshape(1, 3, 1, 1)
    got = local_response_norm(x, 2, alpha=2.0, beta=1.0, k=1.0)
    np.testing.assert_allclose(got.ravel(), [1 / 2, 1 / 3, 3 / 14])


def test_lrn_worked_example_with_an_odd_size():
    # the same x with size 3: channels c − 1 … c + 1: squares [1+4, 1+4+9, 4+9] = [5, 14, 13]
    # alpha 3 (alpha/size = 1), beta 0.5, k 2: [1/√7, 2/√16, 3/√15]
    x = np.array([1.0, 2.0, 3.0]).reshape(1, 3, 1)
    got = local_response_norm(x, 3, alpha=3.0, beta=0.5, k=2.0)
    np.testing.assert_allclose(got.ravel(), [1 / math.sqrt(7), 0.5, 3 / math.sqrt(15)])


def test_lrn_with_a_window_wider_than_the_channels_sums_them_all():
    # size 9 over 2 channels: every window holds both
    x = np.array([3.0, 4.0]).reshape(1, 2, 1)
    np.testing.assert_allclose(local_response_norm(x, 9, alpha=9.0, beta=1.0, k=0.5).ravel(),
                               [3 / 25.5, 4 / 25.5])


def test_lrn_keeps_float32():
    x = np.linspace(-2, 2, 24, dtype=np.float32).reshape(1, 4, 6)
    got = local_response_norm(x, 3)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, local_response_norm(x.astype(np.float64), 3), rtol=1e-6)


@pytest.mark.parametrize("param, shapes", [
    ("mean", dict(mean_shape=(4,))), ("var", dict(var_shape=(2,))),
    ("weight", dict(weight_shape=(3, 1))), ("bias", dict(bias_shape=()))])
def test_batch_norm_refuses_a_parameter_not_one_per_channel(param, shapes):
    given_shapes = {"mean_shape": (3,), "var_shape": (3,), **shapes}
    got = next(iter(shapes.values()))
    with pytest.raises(ParameterError, match=rf"{param} must hold 3 numbers \(one per channel\), got shape "
                                             + re.escape(str(got))) as error:
        batch_norm_check(3, **given_shapes)
    assert error.value.param == param


@pytest.mark.parametrize("eps", [0.0, -1e-5, float("nan")])
def test_batch_norm_refuses_an_eps_not_above_zero(eps):
    with pytest.raises(ParameterError, match=rf"eps must be a positive number \(got {eps}\)") as error:
        batch_norm(np.ones((1, 2)), np.zeros(2), np.ones(2), eps=eps)
    assert error.value.param == "eps"


def test_batch_norm_refuses_a_negative_variance():
    with pytest.raises(ParameterError, match=r"var must not be negative \(channel 1 has -0.5\)") as error:
        batch_norm(np.ones((1, 3, 2)), np.zeros(3), np.array([1.0, -0.5, -2.0]))
    assert error.value.param == "var"


def test_batch_norm_refuses_an_input_without_channels():
    with pytest.raises(ParameterError, match=r"batch norm needs an input of at least 2 axes \(N, C, ...\), got "
                                             r"shape \(3,\)") as error:
        batch_norm(np.ones(3), np.zeros(3), np.ones(3))
    assert error.value.param == "input"


@pytest.mark.parametrize("size", [0, -1, 2.0, True])
def test_lrn_refuses_a_size_below_one_channel(size):
    with pytest.raises(ParameterError, match=rf"size must be a whole number of channels, at least 1 \(got {size}\)"
                       ) as error:
        lrn_check(size)
    assert error.value.param == "size"


def test_lrn_refuses_a_negative_alpha():
    with pytest.raises(ParameterError, match=r"alpha must be a finite number, at least 0 \(got -0.1\)") as error:
        lrn_check(2, alpha=-0.1)
    assert error.value.param == "alpha"


def test_lrn_refuses_an_infinite_beta():
    with pytest.raises(ParameterError, match=r"beta must be a finite number \(got inf\)") as error:
        lrn_check(2, beta=math.inf)
    assert error.value.param == "beta"


@pytest.mark.parametrize("k", [0.0, -1.0])
def test_lrn_refuses_k_not_above_zero(k):
    with pytest.raises(ParameterError, match=rf"k must be a finite number above 0 \(got {k}\)") as error:
        lrn_check(2, k=k)
    assert error.value.param == "k"


def test_lrn_refuses_an_input_without_an_axis_after_the_channels():
    with pytest.raises(ParameterError, match=r"local response norm needs an input of at least 3 axes \(N, C, ...\), "
                                             r"got shape \(2, 3\)") as error:
        local_response_norm(np.ones((2, 3)), 2)
    assert error.value.param == "input"
    with pytest.raises(ParameterError, match=r"got shape \(2, 3\)"):
        lrn_check(2, shape=(2, 3))
