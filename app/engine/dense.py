"""Flatten and fully connected (PyTorch Linear layout)."""

from __future__ import annotations

import numpy as np

from .geometry import ParameterError


def flatten(x: np.ndarray) -> np.ndarray:
    """Keep the batch axis, join the rest in C-order (as torch.flatten(x, 1)). x: (N, ...) -> (N, prod(...))"""
    return x.reshape(x.shape[0], -1)


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
