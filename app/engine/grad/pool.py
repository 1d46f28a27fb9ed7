"""Gradient of pool2d: max sends each output's gradient to its window's winner, avg spreads it evenly."""

from __future__ import annotations

import numpy as np

from ..geometry import IntOrPair
from ..pool import avg_divisor, check_count_include_pad, offset_slices, pool_geometry, pool_pads
from .padding import pad2d_backward
from .result import check_grad


def pool2d_backward(dy: np.ndarray, x_shape: tuple[int, ...], kind: str, size: IntOrPair,
                    stride: IntOrPair | None = None, padding: IntOrPair = 0,
                    winners: np.ndarray | None = None, ceil_mode: bool = False, dilation: IntOrPair = 1,
                    count_include_pad: bool = True) -> np.ndarray:
    """Gradient of pool2d (same parameters) with respect to its input.

    dy: (N, C, OH, OW)
    x_shape: (N, C, H, W)
    winners: (N, C, OH, OW, 2), pool2d's winners; max pooling only
    -> dx (N, C, H, W)
    Ties were settled by pool2d (first maximum in row-major order, as PyTorch): only that cell gets gradient.
    """
    geometry = pool_geometry(x_shape, kind, size, stride, padding, ceil_mode, dilation)
    check_count_include_pad(kind, count_include_pad)
    n, c, h, w = x_shape
    check_grad(f"{kind} pool", dy, (n, c, *geometry.out))
    if kind == "avg":
        pads = pool_pads(geometry)  # ceil mode's overhang too: its cells take no gradient, as they held none
        top, bottom, left, right = pads
        d_padded = np.zeros((n, c, h + top + bottom, w + left + right), dy.dtype)  # (N, C, Hp, Wp)
        divisor = avg_divisor(geometry, count_include_pad)  # the forward pass's divisor, window by window
        if isinstance(divisor, np.ndarray):
            divisor = divisor.astype(dy.dtype)  # an int64 array would turn float32 into float64
        share = dy / divisor  # (N, C, OH, OW)
        for _, _, part in offset_slices(d_padded, geometry):
            part += share
        return pad2d_backward(d_padded, pads)
    if winners is None or winners.shape != (*dy.shape, 2):
        got = None if winners is None else winners.shape
        raise ValueError(f"max pool backward needs pool2d's winners of shape {(*dy.shape, 2)}, got {got}")
    planes = np.arange(n * c).reshape(n, c, 1, 1) * (h * w)  # (N, C, 1, 1): where each feature map starts
    flat = planes + winners[..., 0] * w + winners[..., 1]  # (N, C, OH, OW): each winner's index in x
    # Overlapping windows (stride < size) can share a winner: their gradients add up.
    dx = np.bincount(flat.ravel(), weights=dy.ravel(), minlength=n * c * h * w)  # (N*C*H*W,)
    return dx.reshape(x_shape).astype(dy.dtype, copy=False)  # (N*C*H*W,) -> (N, C, H, W)
