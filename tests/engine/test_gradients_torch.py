"""Backward passes, loss and Adam against PyTorch's autograd (skipped without PyTorch).

Unlike finite differences, PyTorch also settles what happens at kinks and ties, so the draws here
include exact zeros and tied maxima.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.engine import pool2d
from app.engine.conv import conv_geometry
from app.engine.grad import activation_backward, conv2d_backward, dense_backward, pool2d_backward
from app.engine.loss import cross_entropy
from app.engine.model import backward, forward, parameters, with_parameters
from app.engine.optim import adam_init, adam_step
from app.training.architecture import mnist_cnn

from ..strategies import conv_cases, normal_values, pool_cases, seeds, tied_values

torch = pytest.importorskip("torch")
from ..torch_reference import torch_arg  # noqa: E402 (needs PyTorch)

F = torch.nn.functional

RTOL, ATOL = 1e-10, 1e-12


def leaf(array):
    return torch.tensor(array, requires_grad=True)


def ties_or_normal(shape):
    """Half the draws are small whole numbers: tied maxima, where the first in row-major order must win."""
    return st.one_of(tied_values(shape), normal_values(shape))


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel lengths:UserWarning")
@given(conv_cases(only_possible=True, always_bias=True), seeds)
def test_conv2d_backward_equals_autograd(case, seed):
    x, weight, bias, params = case
    tx, tw, tb = leaf(x), leaf(weight), leaf(bias)
    kernel = torch.flip(tw, dims=(2, 3)) if params["mode"] == "convolution" else tw
    padding, padded = params["padding"], tx
    if params["padding_mode"] != "zeros":  # F.conv2d pads with zeros only; pad first, as torch.nn.Conv2d does
        top, bottom, left, right = conv_geometry(x.shape, weight.shape, **params).pads
        padding, padded = 0, F.pad(tx, (left, right, top, bottom), mode=params["padding_mode"])
    out = F.conv2d(padded, kernel, tb, torch_arg(params["stride"]), torch_arg(padding), torch_arg(params["dilation"]))
    dy = np.random.default_rng(seed).standard_normal(tuple(out.shape))
    out.backward(torch.tensor(dy))
    grads = conv2d_backward(dy, x, weight, **params)
    for ours, theirs in zip(grads, (tx, tw, tb), strict=True):
        np.testing.assert_allclose(ours, theirs.grad.numpy(), rtol=RTOL, atol=ATOL)


@given(pool_cases(only_possible=True, values=ties_or_normal), seeds)
def test_pool2d_backward_equals_autograd_even_with_ties(case, seed):
    x, params = case
    tx = leaf(x)
    args = (torch_arg(params["size"]), torch_arg(params["stride"]), torch_arg(params["padding"]))
    out = F.max_pool2d(tx, *args) if params["kind"] == "max" else F.avg_pool2d(tx, *args, count_include_pad=True)
    dy = np.random.default_rng(seed).standard_normal(tuple(out.shape))
    out.backward(torch.tensor(dy))
    result = pool2d(x, **params)
    dx = pool2d_backward(dy, x.shape, **params, winners=result.winners)
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=RTOL, atol=ATOL)


TORCH_ACTIVATIONS = {
    "relu": lambda t, a: F.relu(t),
    "leaky_relu": lambda t, a: F.leaky_relu(t, 0.01 if a is None else a),
    "elu": lambda t, a: F.elu(t, 1.0 if a is None else a),
    "sigmoid": lambda t, a: torch.sigmoid(t),
    "tanh": lambda t, a: torch.tanh(t),
    "gelu": lambda t, a: F.gelu(t),
    "identity": lambda t, a: t,
    "softmax": lambda t, a: F.softmax(t, dim=-1),
}


@pytest.mark.parametrize("function", sorted(TORCH_ACTIVATIONS))
@pytest.mark.parametrize("alpha", [None, 0.3])
def test_activation_backward_equals_autograd_including_at_zero(function, alpha):
    rng = np.random.default_rng(3)
    x = np.concatenate([np.zeros(4), rng.standard_normal(20) * 3, [-30.0, 30.0, -1e-8, 1e-8]]).reshape(4, 7)
    dy = rng.standard_normal(x.shape)
    tx = leaf(x)
    TORCH_ACTIVATIONS[function](tx, alpha).backward(torch.tensor(dy))
    np.testing.assert_allclose(activation_backward(dy, x, function, alpha), tx.grad.numpy(), rtol=1e-12, atol=1e-14)


@given(st.integers(1, 4), st.integers(1, 6), st.integers(1, 5), seeds)
def test_dense_backward_equals_autograd(n, fan_in, fan_out, seed):
    rng = np.random.default_rng(seed)
    x, weight = rng.standard_normal((n, fan_in)), rng.standard_normal((fan_out, fan_in))
    bias = rng.standard_normal(fan_out)
    dy = rng.standard_normal((n, fan_out))
    tx, tw, tb = leaf(x), leaf(weight), leaf(bias)
    F.linear(tx, tw, tb).backward(torch.tensor(dy))
    for ours, theirs in zip(dense_backward(dy, x, weight), (tx, tw, tb), strict=True):
        np.testing.assert_allclose(ours, theirs.grad.numpy(), rtol=RTOL, atol=ATOL)


@given(st.integers(1, 5), st.integers(2, 10), st.floats(0.1, 300), seeds)
def test_cross_entropy_equals_pytorch(n, k, scale, seed):
    rng = np.random.default_rng(seed)
    logits, labels = rng.standard_normal((n, k)) * scale, rng.integers(0, k, n)
    t = leaf(logits)
    expected = F.cross_entropy(t, torch.tensor(labels))
    expected.backward()
    loss, dlogits = cross_entropy(logits, labels)
    assert loss == pytest.approx(expected.item(), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(dlogits, t.grad.numpy(), rtol=1e-10, atol=1e-15)


def test_adam_follows_torch_optim_adam_step_for_step():
    rng = np.random.default_rng(5)
    params = {"w": rng.standard_normal((3, 4)), "b": rng.standard_normal(4)}
    theirs = {name: torch.tensor(value, requires_grad=True) for name, value in params.items()}
    optimiser = torch.optim.Adam(theirs.values(), lr=0.01)
    state = adam_init(params)
    for step in range(20):
        grads = {name: rng.standard_normal(value.shape) for name, value in params.items()}
        params, state = adam_step(params, grads, state, lr=0.01)
        for name, tensor in theirs.items():
            tensor.grad = torch.tensor(grads[name])
        optimiser.step()
        for name, tensor in theirs.items():
            np.testing.assert_allclose(params[name], tensor.detach().numpy(), rtol=1e-13, atol=1e-15,
                                       err_msg=f"step {step}, {name}")


def test_the_digit_model_loss_and_every_gradient_equal_autograd():
    rng = np.random.default_rng(11)
    *body, _ = mnist_cnn(rng)
    params = {name: value.astype(np.float64) + 0.01 * rng.standard_normal(value.shape)  # nonzero biases too
              for name, value in parameters(body).items()}
    body = with_parameters(body, params)
    x, labels = rng.random((4, 1, 28, 28)), np.array([3, 1, 4, 1])

    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(784, 10)).double()
    theirs = dict(zip(params, net.parameters(), strict=True))
    with torch.no_grad():
        for name, tensor in theirs.items():
            tensor.copy_(torch.tensor(params[name]))
    expected = F.cross_entropy(net(torch.tensor(x)), torch.tensor(labels))
    expected.backward()

    logits, caches = forward(body, x)
    loss, dlogits = cross_entropy(logits, labels)
    _, grads = backward(body, caches, dlogits)
    assert loss == pytest.approx(expected.item(), rel=1e-12)
    for name, tensor in theirs.items():
        np.testing.assert_allclose(grads[name], tensor.grad.numpy(), rtol=1e-9, atol=1e-12, err_msg=name)
