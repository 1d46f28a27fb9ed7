"""Gradients of the activations: the output gradient times the local slope (softmax: a vector-Jacobian product).

At a kink the slope is PyTorch's: relu and leaky_relu take the left slope at 0, elu the left one too.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..activations import ACTIVATIONS, TAKES_ALPHA, sigmoid, softmax
from ..geometry import ParameterError
from ..special import erfc
from .result import check_grad

_SQRT_HALF = np.sqrt(0.5)
_INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)


def _relu(x: np.ndarray, alpha: float) -> np.ndarray:
    return x > 0


def _leaky_relu(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, 1.0, alpha).astype(x.dtype, copy=False)


def _elu(x: np.ndarray, alpha: float) -> np.ndarray:
    # elu'(x) = α·eˣ for x <= 0; exp of the clipped input never overflows.
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0))).astype(x.dtype, copy=False)


def _sigmoid(x: np.ndarray, alpha: float) -> np.ndarray:
    s = sigmoid(x)
    return s * (1.0 - s)


def _tanh(x: np.ndarray, alpha: float) -> np.ndarray:
    t = np.tanh(x)
    return 1.0 - t * t


def _gelu(x: np.ndarray, alpha: float) -> np.ndarray:
    # d/dx x·Φ(x) = Φ(x) + x·φ(x)
    return 0.5 * erfc(-x * _SQRT_HALF) + x * np.exp(-0.5 * x * x) * _INV_SQRT_2PI


def _identity(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.ones_like(x)


_SLOPES: dict[str, Callable[[np.ndarray, float], np.ndarray]] = {
    "relu": _relu, "leaky_relu": _leaky_relu, "elu": _elu, "sigmoid": _sigmoid, "tanh": _tanh,
    "gelu": _gelu, "identity": _identity,
}


def activation_backward(dy: np.ndarray, x: np.ndarray, function: str, alpha: float | None = None,
                        axis: int = -1) -> np.ndarray:
    """Gradient of activate(x, function, alpha, axis) with respect to x.

    dy: any shape, the output gradient
    x: the same shape, the activation's input
    -> dx: the same shape
    """
    if function not in ACTIVATIONS:
        raise ParameterError("function", f"function must be one of {', '.join(ACTIVATIONS)} (got \"{function}\")")
    if function not in _SLOPES and function != "softmax":
        raise ParameterError("function", f"{function} has no backward pass: training takes "
                                          f"{', '.join([*_SLOPES, 'softmax'])}")
    check_grad(function, dy, x.shape)
    if function == "softmax":
        y = softmax(x, axis)
        return y * (dy - (dy * y).sum(axis=axis, keepdims=True))  # J = diag(y) − y yᵀ, applied to dy
    slope_alpha = TAKES_ALPHA.get(function, 0.0) if alpha is None else alpha
    return dy * _SLOPES[function](x, slope_alpha)
