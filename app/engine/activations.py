"""Activation functions, elementwise (softmax along one axis). Each: x any shape -> same shape."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .geometry import ParameterError
from .special import erfc

_SQRT_HALF = np.sqrt(0.5)


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


def leaky_relu(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    return np.where(x >= 0, x, alpha * x)


def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    # expm1 on the clipped input: accurate near 0 and never overflows for large positive x.
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def sigmoid(x: np.ndarray) -> np.ndarray:
    # e^(−|x|) never overflows; pick the algebraically equal form that keeps precision per sign.
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def tanh(x: np.ndarray) -> np.ndarray:
    return np.tanh(x)


def gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x·Φ(x) = x·erfc(−x/√2)/2 (PyTorch's default, not the tanh approximation)."""
    return 0.5 * x * erfc(-x * _SQRT_HALF)


def identity(x: np.ndarray) -> np.ndarray:
    return x


def softmax_steps(x: np.ndarray, axis: int = -1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Softmax's intermediate numbers, shifted by the max so exp never overflows.

    x: any shape -> (max, exp = e^(x − max), sum = Σ exp); max and sum keep `axis` with size 1
    """
    if not -x.ndim <= axis < x.ndim:
        raise ParameterError("axis", f"axis {axis} is out of range for an input with {x.ndim} axes")
    top = x.max(axis=axis, keepdims=True)
    exps = np.exp(x - top)
    return top, exps, exps.sum(axis=axis, keepdims=True)


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """exp(x) / Σ exp(x) along `axis` (the same as e^(x − max) / Σ e^(x − max))."""
    _, exps, total = softmax_steps(x, axis)
    return exps / total


ACTIVATIONS: dict[str, Callable[..., np.ndarray]] = {
    "relu": relu, "leaky_relu": leaky_relu, "elu": elu, "sigmoid": sigmoid, "tanh": tanh,
    "gelu": gelu, "softmax": softmax, "identity": identity,
}
TAKES_ALPHA = {"leaky_relu": 0.01, "elu": 1.0}  # function -> default alpha


def activate(x: np.ndarray, function: str, alpha: float | None = None, axis: int = -1) -> np.ndarray:
    """Apply the named activation. x: any shape -> same shape"""
    if function not in ACTIVATIONS:
        raise ParameterError("function", f"function must be one of {', '.join(ACTIVATIONS)} (got \"{function}\")")
    if function in TAKES_ALPHA:
        return ACTIVATIONS[function](x, TAKES_ALPHA[function] if alpha is None else alpha)
    if function == "softmax":
        return softmax(x, axis)
    return ACTIVATIONS[function](x)
