"""Normalisation at inference: batch norm with running statistics, and local response norm across channels."""

from __future__ import annotations

import math

import numpy as np

from .geometry import ParameterError


def _needs_rank(shape: tuple[int, ...], rank: int, what: str) -> None:
    if len(shape) < rank:
        raise ParameterError("input", f"{what} needs an input of at least {rank} axes (N, C, ...), "
                                      f"got shape {tuple(shape)}")


def batch_norm_check(channels: int, mean_shape: tuple[int, ...], var_shape: tuple[int, ...],
                     weight_shape: tuple[int, ...] | None = None, bias_shape: tuple[int, ...] | None = None,
                     eps: float = 1e-5) -> None:
    """Check batch norm's parameter shapes (one number per channel) and eps (> 0, stricter than PyTorch's >= 0)."""
    for param, shape in (("mean", mean_shape), ("var", var_shape), ("weight", weight_shape), ("bias", bias_shape)):
        if shape is not None and tuple(shape) != (channels,):
            raise ParameterError(param, f"{param} must hold {channels} numbers (one per channel), "
                                        f"got shape {tuple(shape)}")
    if not (math.isfinite(eps) and eps > 0):
        raise ParameterError("eps", f"eps must be a positive number (got {eps})")


def check_variance(var: np.ndarray) -> None:
    """A running variance is never negative. var: (C,)"""
    if (var < 0).any():
        channel = int(np.argmax(var < 0))
        raise ParameterError("var", f"var must not be negative (channel {channel} has {var[channel]})")


def batch_norm_scale_shift(mean: np.ndarray, var: np.ndarray, weight: np.ndarray | None = None,
                           bias: np.ndarray | None = None, eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray]:
    """The per-channel y = x·scale + shift that batch norm is at inference, folded as PyTorch's CPU kernel does.

    mean, var, weight, bias: (C,) -> scale (C,), shift (C,)
    """
    inv_std = 1.0 / np.sqrt(var + eps)
    w = 1.0 if weight is None else weight
    b = 0.0 if bias is None else bias
    return inv_std * w, b - mean * inv_std * w


def batch_norm(x: np.ndarray, mean: np.ndarray, var: np.ndarray, weight: np.ndarray | None = None,
               bias: np.ndarray | None = None, eps: float = 1e-5) -> np.ndarray:
    """(x − mean) / √(var + eps) · weight + bias per channel (as F.batch_norm(..., training=False)).

    x: (N, C, ...); mean, var, weight, bias: (C,), weight and bias optional (1 and 0) -> (N, C, ...)
    The parameters are taken in x's precision, as PyTorch requires them to be.
    """
    _needs_rank(x.shape, 2, "batch norm")
    dtype = np.result_type(x, 0.0)
    mean, var = np.asarray(mean, dtype), np.asarray(var, dtype)
    weight = None if weight is None else np.asarray(weight, dtype)
    bias = None if bias is None else np.asarray(bias, dtype)
    batch_norm_check(x.shape[1], mean.shape, var.shape, None if weight is None else weight.shape,
                     None if bias is None else bias.shape, eps)
    check_variance(var)
    return scaled_shifted(x, *batch_norm_scale_shift(mean, var, weight, bias, eps))


def scaled_shifted(x: np.ndarray, scale: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """x·scale + shift per channel: batch norm once folded. x: (N, C, ...); scale, shift: (C,) in x's precision."""
    per_channel = (-1,) + (1,) * (x.ndim - 2)  # (C,) -> (C, 1, …): broadcasts over (N, C, ...)
    y = x * scale.reshape(per_channel)
    y += shift.reshape(per_channel)  # in place: a second temporary of x's size cost a fifth more time
    return y


def lrn_check(size: int, alpha: float = 1e-4, beta: float = 0.75, k: float = 1.0, *,
              shape: tuple[int, ...] | None = None) -> None:
    """size >= 1 channels; alpha >= 0 and k > 0 keep the base k + alpha·mean(x²) positive, so every power
    of it is finite (PyTorch takes any alpha and k, and returns nan or inf where the base is <= 0).
    shape: the input's, when known: (N, C, ...) with at least one axis after C, as PyTorch requires."""
    if shape is not None:
        _needs_rank(shape, 3, "local response norm")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ParameterError("size", f"size must be a whole number of channels, at least 1 (got {size!r})")
    if not (math.isfinite(alpha) and alpha >= 0):
        raise ParameterError("alpha", f"alpha must be a finite number, at least 0 (got {alpha})")
    if not math.isfinite(beta):
        raise ParameterError("beta", f"beta must be a finite number (got {beta})")
    if not (math.isfinite(k) and k > 0):
        raise ParameterError("k", f"k must be a finite number above 0 (got {k})")


def local_response_norm(x: np.ndarray, size: int, alpha: float = 1e-4, beta: float = 0.75,
                        k: float = 1.0) -> np.ndarray:
    """x / (k + alpha/size · Σ x²)^beta, the sum over `size` neighbouring channels (as F.local_response_norm).

    Channel c's window is c − size//2 … c + (size − 1)//2; channels past either end count as 0.
    x: (N, C, ...) with at least one axis after C -> same shape
    """
    lrn_check(size, alpha, beta, k, shape=x.shape)
    squares = x * x
    channels = x.shape[1]
    sums = np.zeros_like(squares)
    # One slice per channel offset, not per pixel; offsets that reach past every channel only add padding.
    for offset in range(max(-(size // 2), 1 - channels), min((size - 1) // 2, channels - 1) + 1):
        if offset >= 0:
            sums[:, :channels - offset] += squares[:, offset:]
        else:
            sums[:, -offset:] += squares[:, :channels + offset]
    return x / (sums / size * alpha + k) ** beta
