"""Upsampling (and downsampling) of images by nearest neighbour or bilinear interpolation, as F.interpolate.

The output size is floor(in · scale) when a scale is given, and the source position of output pixel d
is then computed from 1/scale itself, not from in/out (PyTorch's rule without recompute_scale_factor):

    nearest                         src = floor(d · step), at most in − 1
    bilinear, align_corners=False   src = max((d + 0.5) · step − 0.5, 0)
    bilinear, align_corners=True    src = d · (in − 1)/(out − 1)

with step = 1/scale, or in/out when a size is given. An axis whose size stays is copied whatever the
scale (floor(13 · 1.05) = 13), as PyTorch does; nearest also copies each pixel twice when out = 2·in.
"""

from __future__ import annotations

import math

import numpy as np

from .geometry import IntOrPair, Pair, ParameterError, as_pair

MODES = ("nearest", "bilinear")
Scale = float | tuple[float, float] | list[float]


def _scale_pair(scale: Scale) -> tuple[float, float]:
    def number(v) -> bool:
        return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)

    if number(scale):
        pair = (float(scale), float(scale))
    elif isinstance(scale, (tuple, list)) and len(scale) == 2 and all(number(v) for v in scale):
        pair = (float(scale[0]), float(scale[1]))
    else:
        raise ParameterError("scale", f"scale must be a number or a pair of numbers [h, w] (got {scale!r})")
    if not all(math.isfinite(v) and v > 0 for v in pair):
        raise ParameterError("scale", f"scale must be above 0 (got {scale})")
    return pair


def upsample_size(in_hw: Pair, size: IntOrPair | None = None, scale: Scale | None = None,
                  mode: str = "nearest", align_corners: bool | None = None) -> Pair:
    """Check upsample's parameters and return the output's (OH, OW). in_hw: the input's (H, W)"""
    if mode not in MODES:
        raise ParameterError("mode", f"mode must be one of {', '.join(MODES)} (got \"{mode}\")")
    if align_corners is not None:
        if mode != "bilinear":
            raise ParameterError("align_corners", f"align_corners applies only to bilinear, not to {mode}")
        if not isinstance(align_corners, bool):
            raise ParameterError("align_corners", f"align_corners must be true or false (got {align_corners!r})")
    if size is not None and scale is not None:
        raise ParameterError("scale", f"give size or scale, not both (got size {size} and scale {scale})")
    if size is None and scale is None:
        raise ParameterError("size", "give the output's size or a scale (got neither)")
    in_h, in_w = in_hw
    if min(in_h, in_w) < 1:
        raise ParameterError("input", f"upsample needs an input of at least 1×1 pixels (got {in_h}×{in_w})")
    if size is not None:
        return as_pair(size, "size", minimum=1)
    scale_h, scale_w = _scale_pair(scale)
    out = int(in_h * scale_h), int(in_w * scale_w)  # PyTorch truncates in·scale, in float64
    if min(out) < 1:
        raise ParameterError("scale", f"scale {scale} turns the {in_h}×{in_w} input into {out[0]}×{out[1]} "
                                      f"pixels; the output needs at least 1×1")
    return out


def _nearest_index(in_size: int, out_size: int, scale: float | None) -> np.ndarray:
    """Source index of each output pixel along one axis, as PyTorch's nearest_idx: the step and the product
    in float32 whatever the input's precision, and exact copies when out = in or out = 2·in."""
    if out_size == in_size:
        return np.arange(out_size)
    if out_size == 2 * in_size:
        return np.arange(out_size) // 2
    step = np.float32(1.0 / scale) if scale is not None else np.float32(in_size) / np.float32(out_size)
    return np.minimum(np.floor(np.arange(out_size, dtype=np.float32) * step).astype(np.int64), in_size - 1)


def _linear_weights(in_size: int, out_size: int, scale: float | None, align_corners: bool,
                    dtype: np.dtype) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The two source indices and their weights for each output pixel along one axis, in the input's precision.

    -> (first, second, weight of first, weight of second), each (out_size,)
    """
    if out_size == in_size:  # PyTorch copies an axis whose size stays, whatever the scale (1.05 on 13 pixels)
        same = np.arange(out_size)
        return same, same, np.ones(out_size, dtype), np.zeros(out_size, dtype)
    dst = np.arange(out_size, dtype=np.float64)
    if align_corners:
        step = dtype.type(in_size - 1) / dtype.type(out_size - 1) if out_size > 1 else dtype.type(0)
        src = step * dst.astype(dtype)
    else:
        step = dtype.type(1.0 / scale) if scale is not None else dtype.type(in_size) / dtype.type(out_size)
        # Compiled, PyTorch's step·(d + 0.5) − 0.5 is one fused multiply-add, rounded once: float64 holds the
        # product of float32 numbers exactly, so round once from it (float64 inputs come within an ulp).
        src = np.maximum((float(step) * (dst + 0.5) - 0.5).astype(dtype), 0)
    # PyTorch floors with floorf, so a float64 position first rounds to float32 (2.9999999999 becomes 3).
    first = np.minimum(np.floor(src.astype(np.float32)).astype(np.int64), in_size - 1)
    weight = np.clip(src - first, 0, 1).astype(dtype, copy=False)
    second = first + (first < in_size - 1)
    return first, second, 1 - weight, weight


def upsample(x: np.ndarray, size: IntOrPair | None = None, scale: Scale | None = None, mode: str = "nearest",
             align_corners: bool | None = None) -> np.ndarray:
    """Resize every image, as F.interpolate(x, size, scale_factor, mode, align_corners). Exactly one of
    size and scale; align_corners only with bilinear (None: False).

    x: (N, C, H, W); size: OH or (OH, OW); scale: s or (sh, sw) -> (N, C, OH, OW)
    """
    if x.ndim != 4:
        raise ParameterError("input", f"upsample needs an input (N, C, H, W), got shape {x.shape}")
    in_h, in_w = x.shape[2:]
    out_h, out_w = upsample_size((in_h, in_w), size, scale, mode, align_corners)
    scale_h, scale_w = (None, None) if scale is None else _scale_pair(scale)
    if mode == "nearest":
        rows = _nearest_index(in_h, out_h, scale_h)
        cols = _nearest_index(in_w, out_w, scale_w)
        return x[:, :, rows][:, :, :, cols]  # (N, C, H, W) -> (N, C, OH, W) -> (N, C, OH, OW)
    dtype = np.result_type(x, np.float32)
    top, bottom, w_top, w_bottom = _linear_weights(in_h, out_h, scale_h, bool(align_corners), dtype)
    left, right, w_left, w_right = _linear_weights(in_w, out_w, scale_w, bool(align_corners), dtype)

    def across(rows: np.ndarray) -> np.ndarray:  # (N, C, OH, W) -> (N, C, OH, OW)
        return rows[..., left] * w_left + rows[..., right] * w_right

    # Along the width first, then the height: PyTorch's order of the sums.
    return across(x[:, :, top]) * w_top[:, None] + across(x[:, :, bottom]) * w_bottom[:, None]
