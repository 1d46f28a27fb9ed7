"""Gradients of dense (y = x Wᵀ + b) and flatten."""

from __future__ import annotations

import numpy as np

from ..dense import dense_check
from .result import WeightGrads, check_grad


def dense_backward(dy: np.ndarray, x: np.ndarray, weight: np.ndarray) -> WeightGrads:
    """Gradients of dense with respect to its input, weight and bias.

    dy: (N, out)
    x: (N, in)
    weight: (out, in)
    -> WeightGrads(dx (N, in), dweight (out, in), dbias (out,))
    """
    if x.ndim != 2:
        raise ValueError(f"dense backward needs a flat input (N, in), got shape {x.shape}")
    out = dense_check(x.shape[1], weight.shape, None)
    check_grad("dense", dy, (x.shape[0], out))
    return WeightGrads(dy @ weight, dy.T @ x, dy.sum(axis=0))


def flatten_backward(dy: np.ndarray, x_shape: tuple[int, ...]) -> np.ndarray:
    """Undo flatten's reshape.

    dy: (N, prod(...))
    x_shape: (N, ...)
    -> dx (N, ...)
    """
    check_grad("flatten", dy, (x_shape[0], int(np.prod(x_shape[1:]))))
    return dy.reshape(x_shape)  # (N, prod(...)) -> (N, ...)
