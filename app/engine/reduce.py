"""The mean over some of a sample's axes (torch.mean(x, dim, keepdim), ONNX's ReduceMean)."""

from __future__ import annotations

import numpy as np

from .geometry import ParameterError
from .tensor_ops import check_axis


def mean_axes(sample_shape: tuple[int, ...], axes) -> tuple[int, ...]:
    """The axes, each of one sample, once and from 0 on."""
    if not isinstance(axes, (tuple, list)) or not axes:
        raise ParameterError("axes", f"axes must list at least one axis (got {axes!r})")
    found = sorted({check_axis(axis, len(sample_shape), "axes") for axis in axes})
    if len(found) != len(axes):
        raise ParameterError("axes", f"axes must name each axis once (got {list(axes)})")
    return tuple(found)


def mean_shape(sample_shape: tuple[int, ...], axes, keepdims: bool = True) -> tuple[int, ...]:
    axes = mean_axes(sample_shape, axes)
    if type(keepdims) is not bool:
        raise ParameterError("keepdims", f"keepdims must be true or false (got {keepdims!r})")
    return tuple(1 if k in axes else size for k, size in enumerate(sample_shape)
                 if keepdims or k not in axes)


def mean(x: np.ndarray, axes, keepdims: bool = True) -> np.ndarray:
    """The mean over one sample's `axes`. x: (N, ...) -> (N, *mean_shape(...))"""
    mean_shape(x.shape[1:], axes, keepdims)
    batch_axes = tuple(axis + 1 for axis in mean_axes(x.shape[1:], axes))
    return np.mean(x, axis=batch_axes, keepdims=keepdims, dtype=np.result_type(x, np.float32)).astype(
        np.result_type(x, np.float32), copy=False)
