"""Flatten and fully connected (PyTorch Linear layout)."""

from __future__ import annotations

import math

import numpy as np

from .geometry import ParameterError
from .tensor_ops import check_axis


def flatten_shape(shape: tuple[int, ...], start_axis: int = 1) -> tuple[int, ...]:
    """The shape after joining the axes from `start_axis` on (negative counts from the end)."""
    start = check_axis(start_axis, len(shape), "start_axis")
    return (*shape[:start], math.prod(shape[start:]))


def flatten(x: np.ndarray, start_axis: int = 1) -> np.ndarray:
    """Join the axes from `start_axis` on in C order (as torch.flatten(x, start_axis)); 1 keeps the batch.

    x: (N, ...) -> (N, prod(...)) for start_axis 1; (d0, …, d(s−1), prod(ds…)) in general
    """
    return x.reshape(flatten_shape(x.shape, start_axis))


def dense_check(in_features: int, weight_shape: tuple[int, ...], bias_shape: tuple[int, ...] | None) -> int:
    """Check a dense layer's shapes; return its output width."""
    if len(weight_shape) != 2:
        raise ParameterError("weight", f"weight must be a 2-D array (out × in), got shape {tuple(weight_shape)}")
    out_features, expected_in = weight_shape
    if expected_in != in_features:
        raise ParameterError("weight", f"weight expects {expected_in} inputs (out × in = {out_features} × "
                                       f"{expected_in}) but receives {in_features}")
    if bias_shape is not None and tuple(bias_shape) != (out_features,):
        raise ParameterError("bias", f"bias must hold {out_features} numbers (one per output), "
                                     f"got shape {tuple(bias_shape)}")
    return out_features


def dense(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None) -> np.ndarray:
    """y = x Wᵀ + b. x: (N, in); weight: (out, in); bias: (out,) -> (N, out)"""
    dense_check(x.shape[-1], weight.shape, None if bias is None else bias.shape)
    y = x @ weight.T
    return y if bias is None else y + bias
