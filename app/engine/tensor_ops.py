"""Layers that move numbers without arithmetic: reshape, transpose, slice, pad, dropout (at inference), and the
axis check they share."""

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


def _integer(value, param: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ParameterError(param, f"{param} must be an integer (got {value!r})")
    return int(value)


def slice_shape(sample_shape: tuple[int, ...], axis: int, start: int, stop: int, step: int = 1) -> tuple[int, ...]:
    """One sample's shape once x[start:stop:step] is taken along `axis` (Python's slicing: ends clamped,
    negative ones from the end); at least one value must be left."""
    axis = check_axis(axis, len(sample_shape))
    start, stop, step = (_integer(v, name) for v, name in ((start, "start"), (stop, "stop"), (step, "step")))
    if step == 0:
        raise ParameterError("step", "step must not be 0")
    size = len(range(*slice(start, stop, step).indices(sample_shape[axis])))
    if size == 0:
        raise ParameterError("start", f"[{start}:{stop}:{step}] leaves nothing of axis {axis}, which has "
                                      f"{sample_shape[axis]} values")
    return (*sample_shape[:axis], size, *sample_shape[axis + 1:])


def take_slice(x: np.ndarray, axis: int, start: int, stop: int, step: int = 1) -> np.ndarray:
    """x[:, …, start:stop:step, …] along one sample axis, as PyTorch's x.narrow or indexing with a slice.

    x: (N, ...) -> (N, *slice_shape(...)), a copy
    """
    slice_shape(x.shape[1:], axis, start, stop, step)
    index = [slice(None)] * x.ndim
    index[check_axis(axis, x.ndim - 1) + 1] = slice(start, stop, step)
    return x[tuple(index)].copy()


PAD_MODES = ("constant", "reflect", "replicate", "circular")  # F.pad's modes
_NUMPY_PAD = {"constant": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def pad_shape(sample_shape: tuple[int, ...], pads, mode: str = "constant") -> tuple[int, ...]:
    """One sample's shape once padded. pads: one (before, after) per axis, for the last axes (the
    others are not padded), each at least 0; reflect needs less than the axis' size, circular at most."""
    if mode not in PAD_MODES:
        raise ParameterError("mode", f"mode must be one of {', '.join(PAD_MODES)} (got {mode!r})")
    if not isinstance(pads, (tuple, list)) or not 1 <= len(pads) <= len(sample_shape) or not all(
            isinstance(pair, (tuple, list)) and len(pair) == 2 for pair in pads):
        raise ParameterError("pads", f"pads must be 1 to {len(sample_shape)} [before, after] pairs, one per axis "
                                     f"from the last ones (got {pads!r})")
    first = len(sample_shape) - len(pads)
    out = list(sample_shape)
    for k, pair in enumerate(pads):
        before, after = (_integer(v, "pads") for v in pair)
        size = sample_shape[first + k]
        if before < 0 or after < 0:
            raise ParameterError("pads", f"pads must be at least 0 (got {[before, after]} for axis {first + k})")
        if (mode == "reflect" and max(before, after) >= size) or (mode == "circular" and max(before, after) > size):
            limit = "less than" if mode == "reflect" else "at most"
            raise ParameterError("pads", f"{mode} padding must be {limit} the axis' size ({size}), got "
                                         f"{[before, after]} for axis {first + k}")
        out[first + k] = size + before + after
    return tuple(out)


def pad(x: np.ndarray, pads, mode: str = "constant", value: float = 0.0) -> np.ndarray:
    """Pad one sample's last axes as F.pad does (its pairs listed from the first padded axis on).

    x: (N, ...) -> (N, *pad_shape(...)); `value` fills constant mode
    """
    pad_shape(x.shape[1:], pads, mode)
    widths = [(0, 0)] * (x.ndim - len(pads)) + [tuple(int(v) for v in pair) for pair in pads]
    if mode == "constant":
        return np.pad(x, widths, constant_values=np.asarray(value, x.dtype))
    return np.pad(x, widths, mode=_NUMPY_PAD[mode])


def dropout(x: np.ndarray) -> np.ndarray:
    """Dropout at inference is the identity (as F.dropout(x, training=False)): x itself, not a copy,
    so the caller must not write into the result. x: any shape -> the same array"""
    return x
