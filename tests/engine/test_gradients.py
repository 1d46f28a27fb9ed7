"""Every backward pass against central finite differences, in float64, over drawn shapes and parameters.

The check: for a random output gradient dy, the backward pass must give the gradient of Σ f(x)·dy, which
central differences estimate to about 1e-10; the relative error ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖)
must stay below 1e-6.
"""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.engine import Activation, Conv2d, Dense, Flatten, Pool2d, activate, conv2d, dense, pool2d
from app.engine.grad import (
    activation_backward,
    conv2d_backward,
    dense_backward,
    flatten_backward,
    pad2d_backward,
    pool2d_backward,
)
from app.engine.loss import cross_entropy
from app.engine.model import backward, forward, parameters, with_parameters
from app.engine.padding import pad2d

from ..strategies import PADDING_MODES, conv_cases, distinct_values, pool_cases, seeds

EPS = 1e-6
TOLERANCE = 1e-6


def numeric_gradient(f, x, dy):
    """Central differences of Σ f(x)·dy with respect to every element of x."""
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[index] += EPS
        down[index] -= EPS
        grad[index] = (np.sum(f(up) * dy) - np.sum(f(down) * dy)) / (2 * EPS)
    return grad


def relative_error(analytic, numeric):
    scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return 0.0 if scale == 0 else float(np.linalg.norm(analytic - numeric) / scale)


def assert_gradient(analytic, f, x, dy):
    assert analytic.shape == x.shape
    assert relative_error(analytic, numeric_gradient(f, x, dy)) < TOLERANCE


@given(conv_cases(max_side=6, max_kernel=3, max_padding=2, max_dilation=2, only_possible=True, always_bias=True),
       seeds)
def test_conv2d_backward_matches_finite_differences(case, seed):
    x, weight, bias, params = case
    dy = np.random.default_rng(seed).standard_normal(conv2d(x, weight, bias, **params).shape)
    grads = conv2d_backward(dy, x, weight, **params)
    assert_gradient(grads.dx, lambda v: conv2d(v, weight, bias, **params), x, dy)
    assert_gradient(grads.dweight, lambda v: conv2d(x, v, bias, **params), weight, dy)
    assert_gradient(grads.dbias, lambda v: conv2d(x, weight, v, **params), bias, dy)


@given(st.integers(1, 5), st.integers(1, 5), st.tuples(*[st.integers(0, 4)] * 4),
       st.sampled_from(PADDING_MODES), seeds)
def test_padding_backward_is_the_transpose_of_padding(h, w, pads, mode, seed):
    # <pad(x), g> = <x, padᵀ(g)> for all x and g: the fold is exactly padding's adjoint.
    top, bottom, left, right = pads
    assume(mode != "reflect" or max(pads) < min(h, w))
    assume(mode != "circular" or (max(top, bottom) <= h and max(left, right) <= w))
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2, h, w))
    g = rng.standard_normal((2, h + top + bottom, w + left + right))
    terms = pad2d(x, pads, mode) * g
    # The two sums add the same terms in other orders: their rounding is relative to the terms'
    # magnitudes, not to the sum, which can cancel to near zero.
    np.testing.assert_allclose(np.sum(terms), np.sum(x * pad2d_backward(g, pads, mode)),
                               rtol=1e-12, atol=1e-13 * np.abs(terms).sum())


def test_replicate_padding_sends_the_edge_gradients_to_the_edge_cell():
    # x = [a b], replicate-padded by 2 on the left: [a a a b]; the gradient [1 2 3 4] folds back to [6 4].
    g = np.array([[1.0, 2.0, 3.0, 4.0]])
    np.testing.assert_array_equal(pad2d_backward(g, (0, 0, 2, 0), "replicate"), [[6.0, 4.0]])


def test_reflect_and_circular_padding_fold_back_onto_the_copied_cells():
    # x = [a b c] padded by 1 each side: reflect [b a b c b], circular [c a b c a]; gradient [1 2 3 4 5].
    g = np.array([[1.0, 2.0, 3.0, 4.0, 5.0]])
    np.testing.assert_array_equal(pad2d_backward(g, (0, 0, 1, 1), "reflect"), [[2.0, 3 + 1 + 5, 4.0]])
    np.testing.assert_array_equal(pad2d_backward(g, (0, 0, 1, 1), "circular"), [[2 + 5, 3.0, 4 + 1]])


@given(pool_cases(max_size=3, max_padding=1, max_side=6, max_channels=2, only_possible=True, values=distinct_values),
       seeds)
def test_pool2d_backward_matches_finite_differences(case, seed):
    x, params = case
    result = pool2d(x, **params)
    dy = np.random.default_rng(seed).standard_normal(result.output.shape)
    dx = pool2d_backward(dy, x.shape, **params, winners=result.winners)
    assert_gradient(dx, lambda v: pool2d(v, **params).output, x, dy)


def test_max_pool_tie_sends_the_whole_gradient_to_the_first_cell():
    # Every 2×2 window of ones ties; each output's gradient goes to its window's top-left cell only.
    x = np.ones((1, 1, 4, 4))
    dy = np.array([[1.0, 2.0], [3.0, 4.0]])[None, None]
    dx = pool2d_backward(dy, x.shape, "max", 2, winners=pool2d(x, "max", 2).winners)
    np.testing.assert_array_equal(dx[0, 0], [[1, 0, 2, 0], [0, 0, 0, 0], [3, 0, 4, 0], [0, 0, 0, 0]])


def test_overlapping_max_windows_add_up_at_a_shared_winner():
    # [[0 9 0]] with 1×2 windows at stride 1: both windows pick the 9, so its gradient is 1 + 2.
    x = np.array([[[[0.0, 9.0, 0.0]]]])
    winners = pool2d(x, "max", (1, 2), 1).winners
    dx = pool2d_backward(np.array([[[[1.0, 2.0]]]]), x.shape, "max", (1, 2), 1, winners=winners)
    np.testing.assert_array_equal(dx, [[[[0.0, 3.0, 0.0]]]])


def test_max_pool_backward_needs_the_winners():
    with pytest.raises(ValueError, match=r"winners of shape \(1, 1, 1, 1, 2\), got None"):
        pool2d_backward(np.ones((1, 1, 1, 1)), (1, 1, 2, 2), "max", 2)


ACTIVATION_CASES = [("relu", None), ("leaky_relu", None), ("leaky_relu", 0.3), ("elu", None), ("elu", 2.0),
                    ("sigmoid", None), ("tanh", None), ("gelu", None), ("identity", None)]


@pytest.mark.parametrize(("function", "alpha"), ACTIVATION_CASES)
@given(seed=seeds)
def test_activation_backward_matches_finite_differences(function, alpha, seed):
    rng = np.random.default_rng(seed)
    # Magnitudes in [0.05, 4] of either sign: away from the kinks at 0, across both branches.
    x = rng.uniform(0.05, 4.0, (2, 3, 4)) * rng.choice([-1.0, 1.0], (2, 3, 4))
    dy = rng.standard_normal(x.shape)
    # Elementwise: one pair of shifted calls measures every slope at once.
    slopes = (activate(x + EPS, function, alpha) - activate(x - EPS, function, alpha)) / (2 * EPS)
    assert relative_error(activation_backward(dy, x, function, alpha), slopes * dy) < TOLERANCE


@pytest.mark.parametrize("axis", [0, 1, -1])
@given(seed=seeds)
def test_softmax_backward_matches_finite_differences(axis, seed):
    rng = np.random.default_rng(seed)
    x, dy = rng.standard_normal((3, 4)) * 3, rng.standard_normal((3, 4))
    assert_gradient(activation_backward(dy, x, "softmax", axis=axis), lambda v: activate(v, "softmax", axis=axis),
                    x, dy)


def test_relu_and_leaky_relu_take_the_left_slope_at_zero():
    x, dy = np.zeros(1), np.ones(1)
    assert activation_backward(dy, x, "relu")[0] == 0.0
    assert activation_backward(dy, x, "leaky_relu", 0.1)[0] == 0.1


def test_activation_backward_keeps_float32():
    x = np.linspace(-2, 2, 5, dtype=np.float32)
    for function in ("relu", "leaky_relu", "elu", "sigmoid", "tanh", "identity", "softmax"):
        assert activation_backward(np.ones_like(x), x, function).dtype == np.float32


@given(st.integers(1, 3), st.integers(1, 5), st.integers(1, 4), seeds)
def test_dense_backward_matches_finite_differences(n, fan_in, fan_out, seed):
    rng = np.random.default_rng(seed)
    x, weight = rng.standard_normal((n, fan_in)), rng.standard_normal((fan_out, fan_in))
    bias = rng.standard_normal(fan_out)
    dy = rng.standard_normal((n, fan_out))
    grads = dense_backward(dy, x, weight)
    assert_gradient(grads.dx, lambda v: dense(v, weight, bias), x, dy)
    assert_gradient(grads.dweight, lambda v: dense(x, v, bias), weight, dy)
    assert_gradient(grads.dbias, lambda v: dense(x, weight, v), bias, dy)


def test_flatten_backward_restores_the_shape_in_c_order():
    dy = np.arange(12.0).reshape(2, 6)
    np.testing.assert_array_equal(flatten_backward(dy, (2, 3, 1, 2)), np.arange(12.0).reshape(2, 3, 1, 2))


@given(st.integers(1, 4), st.integers(2, 5), seeds)
def test_cross_entropy_gradient_matches_finite_differences(n, k, seed):
    rng = np.random.default_rng(seed)
    logits, labels = rng.standard_normal((n, k)) * 3, rng.integers(0, k, n)
    _, dlogits = cross_entropy(logits, labels)
    assert_gradient(dlogits, lambda v: cross_entropy(v, labels)[0], logits, 1.0)


def test_cross_entropy_worked_example():
    # logits [0, ln 3] -> softmax [1/4, 3/4]; label 1: loss −ln(3/4), gradient [1/4, 3/4 − 1]
    loss, dlogits = cross_entropy(np.array([[0.0, np.log(3.0)]]), np.array([1]))
    assert loss == pytest.approx(-np.log(0.75), rel=1e-15)
    np.testing.assert_allclose(dlogits, [[0.25, -0.25]], rtol=1e-15)


def test_cross_entropy_stays_finite_for_huge_logits():
    loss, dlogits = cross_entropy(np.array([[1000.0, -1000.0], [-1e300, 1e300]]), np.array([1, 1]))
    assert loss == pytest.approx(1000.0) and np.all(np.isfinite(dlogits))
    np.testing.assert_allclose(dlogits, [[0.5, -0.5], [0.0, 0.0]])


def test_a_confident_loss_keeps_all_its_digits():
    # logits [20, 0], label 0: loss = log(1 + e⁻²⁰) ≈ 2.06e-9; log(1 + tiny) would keep only about 7 digits.
    loss, _ = cross_entropy(np.array([[20.0, 0.0]]), np.array([0]))
    assert loss == pytest.approx(np.log1p(np.exp(-20.0)), rel=1e-14)


def test_cross_entropy_refuses_labels_out_of_range():
    with pytest.raises(ValueError, match=r"labels must be integers in \[0, 3\) .* values in \[0, 3\]"):
        cross_entropy(np.zeros((2, 3)), np.array([0, 3]))


def test_a_gradient_of_the_wrong_shape_names_both_shapes():
    with pytest.raises(ValueError, match=r"conv2d backward: .* output's shape \(1, 2, 3, 3\), got \(1, 2, 4, 4\)"):
        conv2d_backward(np.ones((1, 2, 4, 4)), np.ones((1, 1, 5, 5)), np.ones((2, 1, 3, 3)))


def _tiny_network(rng):
    """Every layer kind, in float64, small enough for finite differences of each parameter."""
    return [
        Conv2d(rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(3), padding="same", padding_mode="reflect"),
        Activation("gelu"),
        Pool2d("max", 2),
        Conv2d(rng.standard_normal((4, 3, 2, 2)), None, stride=1, dilation=(1, 2), mode="convolution"),
        Activation("tanh"),
        Pool2d("avg", (1, 2)),
        Flatten(),
        Dense(rng.standard_normal((5, 4)), rng.standard_normal(5)),
    ]


def test_the_whole_network_backward_matches_finite_differences_for_every_parameter():
    rng = np.random.default_rng(7)
    layers, x, labels = _tiny_network(rng), rng.standard_normal((3, 2, 4, 8)), np.array([0, 4, 2])

    def loss(params):
        return cross_entropy(forward(with_parameters(layers, params), x)[0], labels)[0]

    logits, caches = forward(layers, x)
    dx, grads = backward(layers, caches, cross_entropy(logits, labels)[1])
    params = parameters(layers)
    assert list(grads) == list(params) == ["0.kernel", "0.bias", "3.kernel", "7.weight", "7.bias"]
    for name, value in params.items():
        assert_gradient(grads[name], lambda v, name=name: loss({**params, name: v}), value, 1.0)
    assert_gradient(dx, lambda v: cross_entropy(forward(layers, v)[0], labels)[0], x, 1.0)
