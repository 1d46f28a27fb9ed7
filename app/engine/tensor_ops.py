"""Layers that move numbers without arithmetic: reshape, transpose, dropout (at inference), and the axis check
they share."""

from __future__ import annotations

import math

import numpy as np

from .geometry import ParameterError


def check_axis(axis: int, ndim: int, param: str = "axis") -> int:
    """An axis of an array with `ndim` axes, negative ones counted from the end -> its index 0 … ndim − 1."""
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ParameterError(param, f"{param} must be an integer (got {axis!r})")
    if not -ndim <= axis < ndim:
        raise ParameterError(param, f"{param} {axis} is out of range for an input with {ndim} axes "
                                    f"(allowed: {-ndim} to {ndim - 1})")
    return int(axis) % ndim


def reshape_shape(sample_shape: tuple[int, ...], shape: tuple[int, ...] | list[int]) -> tuple[int, ...]:
    """The new shape of one sample, its -1 (at most one) filled in; checked against the sample's size.

    sample_shape: the shape without the batch axis; shape: the sizes asked for, each >= 1 or -1
    """
    if not isinstance(shape, (tuple, list)) or not all(
            isinstance(d, (int, np.integer)) and not isinstance(d, bool) for d in shape):
        raise ParameterError("shape", f"shape must be a list of integers (got {shape!r})")
    asked = [int(d) for d in shape]
    if any(d == 0 or d < -1 for d in asked):
        raise ParameterError("shape", f"shape sizes must be at least 1, or -1 for the one size to infer "
                                      f"(got {asked})")
    if asked.count(-1) > 1:
        raise ParameterError("shape", f"shape may hold at most one -1 (got {asked})")
    total, known = math.prod(sample_shape), math.prod(d for d in asked if d != -1)
    if -1 in asked:
        if total % known:
            raise ParameterError("shape", f"shape {asked} cannot hold a sample of shape {list(sample_shape)}: "
                                          f"its {total} numbers are not a multiple of {known}")
        return tuple(total // known if d == -1 else d for d in asked)
    if known != total:
        raise ParameterError("shape", f"shape {asked} holds {known} numbers but a sample of shape "
                                      f"{list(sample_shape)} has {total}")
    return tuple(asked)


def reshape(x: np.ndarray, shape: tuple[int, ...] | list[int]) -> np.ndarray:
    """Reshape every sample in C order, the batch axis kept (as torch.reshape(x, (N, *shape))).

    x: (N, ...); shape: one sample's new shape, one -1 allowed -> (N, *shape)
    """
    return x.reshape((x.shape[0], *reshape_shape(x.shape[1:], shape)))


def transpose_shape(sample_shape: tuple[int, ...], perm: tuple[int, ...] | list[int]) -> tuple[int, ...]:
    """One sample's shape with its axes in the order `perm` gives: output axis k is input axis perm[k]."""
    ndim = len(sample_shape)
    listed = isinstance(perm, (tuple, list))
    whole = (int, np.integer)
    axes = [int(p) if isinstance(p, whole) and not isinstance(p, bool) else -1 for p in perm] if listed else []
    if sorted(axes) != list(range(ndim)):
        raise ParameterError("perm", f"perm must order a sample's {ndim} axes, each of 0 … {ndim - 1} once "
                                     f"(got {list(perm) if listed else perm!r})")
    return tuple(sample_shape[int(p)] for p in perm)


def transpose(x: np.ndarray, perm: tuple[int, ...] | list[int]) -> np.ndarray:
    """Reorder every sample's axes, the batch axis kept first (as x.permute(0, *(p + 1 for p in perm))).

    x: (N, ...); perm: a permutation of one sample's axes -> (N, *transpose_shape(...)), a copy in C order
    """
    transpose_shape(x.shape[1:], perm)
    return np.ascontiguousarray(np.transpose(x, (0, *(int(p) + 1 for p in perm))))


def dropout(x: np.ndarray) -> np.ndarray:
    """Dropout at inference is the identity (as F.dropout(x, training=False)): x itself, not a copy,
    so the caller must not write into the result. x: any shape -> the same array"""
    return x
