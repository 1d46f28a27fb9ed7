"""Dense, flatten and the planned forward pass."""

import numpy as np
import pytest

from app.engine import (
    Activation,
    Conv2d,
    Dense,
    Flatten,
    LayerError,
    Pool2d,
    conv2d,
    dense,
    flatten,
    forward,
    plan,
    pool2d,
    softmax,
)


def test_dense_is_x_times_weight_transposed_plus_bias():
    # x = [1, 2]; W = [[1, 0], [2, 3], [-1, 1]] (out × in); b = [0, 1, 2] -> [1, 9, 3]
    got = dense(np.array([[1.0, 2.0]]), np.array([[1.0, 0.0], [2.0, 3.0], [-1.0, 1.0]]), np.array([0.0, 1.0, 2.0]))
    np.testing.assert_array_equal(got, [[1, 9, 3]])


def test_flatten_keeps_the_batch_and_uses_c_order():
    x = np.arange(12.0).reshape(2, 3, 2)
    np.testing.assert_array_equal(flatten(x), [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]])


def _tiny_cnn(rng):
    return [
        Conv2d(rng.standard_normal((4, 1, 3, 3)), rng.standard_normal(4), padding=1),
        Activation("relu"),
        Pool2d("max", 2),
        Conv2d(rng.standard_normal((6, 4, 3, 3)), None, padding="same", padding_mode="replicate"),
        Activation("leaky_relu", alpha=0.2),
        Pool2d("avg", 2),
        Flatten(),
        Dense(rng.standard_normal((10, 36)), rng.standard_normal(10)),
        Activation("softmax"),
    ]


def test_plan_reports_shapes_parameters_and_multiply_adds():
    plans = plan((1, 8, 12), _tiny_cnn(np.random.default_rng(0)))
    assert [p.shape for p in plans] == [(4, 8, 12), (4, 8, 12), (4, 4, 6), (6, 4, 6), (6, 4, 6), (6, 2, 3),
                                        (36,), (10,), (10,)]
    assert plans[0].parameters == 4 * 9 + 4 and plans[0].multiply_adds == 4 * 8 * 12 * 9
    assert plans[3].parameters == 6 * 4 * 9
    assert plans[-2].parameters == 10 * 36 + 10 and plans[-2].multiply_adds == 360


def test_forward_matches_the_layers_applied_by_hand():
    rng = np.random.default_rng(2)
    layers = _tiny_cnn(rng)
    x = rng.standard_normal((2, 1, 8, 12))
    outputs = forward(x, layers)
    h = np.maximum(conv2d(x, layers[0].kernel, layers[0].bias, padding=1), 0)
    h = pool2d(h, "max", 2).output
    h = conv2d(h, layers[3].kernel, padding="same", padding_mode="replicate")
    h = np.where(h >= 0, h, 0.2 * h)
    h = pool2d(h, "avg", 2).output.reshape(2, -1)
    expected = softmax(h @ layers[7].weight.T + layers[7].bias)
    np.testing.assert_allclose(outputs[-1], expected, rtol=1e-12)
    assert [o.shape[1:] for o in outputs] == [p.shape for p in plan((1, 8, 12), layers)]


def test_a_misfit_names_the_layer_by_index_and_type_before_any_work():
    layers = [Flatten(), Conv2d(np.ones((1, 1, 2, 2)))]
    with pytest.raises(LayerError, match=r"layer 1 \(conv2d\): conv2d needs a C×H×W input, got shape \[16\]"):
        plan((1, 4, 4), layers)


def test_dense_width_mismatch_reports_both_widths():
    with pytest.raises(LayerError, match=r"layer 1 \(dense\): weight expects 5 inputs .* but receives 16"):
        plan((1, 4, 4), [Flatten(), Dense(np.ones((3, 5)))])
