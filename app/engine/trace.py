"""Step-by-step traces of one sample's convolution or pooling, for the browser to animate.

A trace is columnar: every per-step field has the step as its first axis, steps in row-major
order over (filter or channel, output row, output column). Built with array operations only,
so a large trace costs no per-cell Python work.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .conv import applied_kernel, conv_geometry, windows
from .geometry import IntOrPair, Padding, WindowGeometry
from .padding import pad2d
from .pool import avg_divisor, check_count_include_pad, pool2d, pool_geometry, pool_pads


@dataclass(frozen=True)
class ConvTrace:
    padded_input: np.ndarray  # (C, Hp, Wp) what the window slides over
    pads: tuple[int, int, int, int]  # (top, bottom, left, right)
    kernel: np.ndarray  # (F, C, KH, KW) as applied (turned 180° in convolution mode)
    cell: np.ndarray  # (S, 3) [filter, row, col] of the output cell
    rows: np.ndarray  # (S, KH) padded-input row under each kernel row
    cols: np.ndarray  # (S, KW) padded-input column under each kernel column
    values: np.ndarray  # (S, C, KH, KW) input values under the window
    products: np.ndarray  # (S, C, KH, KW) values × kernel
    channel_sums: np.ndarray  # (S, C) Σ products per input channel
    sum: np.ndarray  # (S,) Σ over channels
    bias: np.ndarray  # (S,)
    value: np.ndarray  # (S,) sum + bias


@dataclass(frozen=True)
class PoolTrace:
    padded_input: np.ndarray  # (C, Hp, Wp); max pooling pads with -inf
    pads: tuple[int, int, int, int]  # around padded_input: bottom and right include ceil mode's overhang
    cell: np.ndarray  # (S, 3) [channel, row, col]
    rows: np.ndarray  # (S, KH) padded-input row under each window row (dilation included)
    cols: np.ndarray  # (S, KW)
    values: np.ndarray  # (S, KH, KW)
    value: np.ndarray  # (S,)
    winner: np.ndarray | None  # (S, 2) [row, col] in the padded input, max only
    sum: np.ndarray | None  # (S,) avg only
    count: int | None  # avg only: the divisor every window shares (KH·KW by default), None when they differ
    divisor: np.ndarray | None = None  # (S,) avg only: what each window's sum is divided by


def _step_grid(leading: int, geometry: WindowGeometry):
    """Per-step indices: cell (S, 3) and the padded rows (S, KH) / cols (S, KW) each window covers."""
    (oh, ow), (kh, kw) = geometry.out, geometry.kernel
    (sh, sw), (dh, dw) = geometry.stride, geometry.dilation
    lead, i, j = (a.reshape(-1) for a in np.indices((leading, oh, ow)))  # (S,) each
    rows = i[:, None] * sh + np.arange(kh) * dh  # (S, KH)
    cols = j[:, None] * sw + np.arange(kw) * dw  # (S, KW)
    return np.stack([lead, i, j], axis=1), rows, cols


def conv_trace(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None, stride: IntOrPair = 1,
               padding: Padding = 0, dilation: IntOrPair = 1, padding_mode: str = "zeros",
               mode: str = "cross-correlation") -> ConvTrace:
    """Trace every output cell. x: (C, H, W); weight: (F, C, KH, KW); bias: (F,) -> ConvTrace"""
    geometry = conv_geometry((1, *x.shape), weight.shape, stride, padding, dilation, padding_mode, mode)
    f, c, kh, kw = weight.shape
    (oh, ow) = geometry.out
    kernel = applied_kernel(weight, mode)
    padded = pad2d(x, geometry.pads, padding_mode)  # (C, Hp, Wp)
    win = windows(padded, geometry).transpose(1, 2, 0, 3, 4)  # (C, OH, OW, KH, KW) -> (OH, OW, C, KH, KW)
    values = np.broadcast_to(win, (f, oh, ow, c, kh, kw)).reshape(-1, c, kh, kw)  # (S, C, KH, KW)
    products = (win[None] * kernel[:, None, None]).reshape(-1, c, kh, kw)  # (S, C, KH, KW)
    channel_sums = products.sum(axis=(2, 3))  # (S, C)
    sums = channel_sums.sum(axis=1)  # (S,)
    bias_per_step = np.repeat(np.zeros(f) if bias is None else bias, oh * ow)  # (S,)
    cell, rows, cols = _step_grid(f, geometry)
    return ConvTrace(padded, geometry.pads, np.ascontiguousarray(kernel), cell, rows, cols, values,
                     products, channel_sums, sums, bias_per_step, sums + bias_per_step)


def pool_trace(x: np.ndarray, kind: str, size: IntOrPair, stride: IntOrPair | None = None,
               padding: IntOrPair = 0, ceil_mode: bool = False, dilation: IntOrPair = 1,
               count_include_pad: bool = True) -> PoolTrace:
    """Trace every pooling window (parameters as pool2d). x: (C, H, W) -> PoolTrace"""
    geometry = pool_geometry((1, *x.shape), kind, size, stride, padding, ceil_mode, dilation)
    check_count_include_pad(kind, count_include_pad)
    c = x.shape[0]
    kh, kw = geometry.kernel
    pads = pool_pads(geometry)  # ceil mode's overhang shows as padding
    padded = pad2d(x, pads, value=-np.inf if kind == "max" else 0.0)  # (C, Hp, Wp)
    values = windows(padded, geometry).reshape(-1, kh, kw)  # (C, OH, OW, KH, KW) -> (S, KH, KW)
    cell, rows, cols = _step_grid(c, geometry)
    result = pool2d(x[None], kind, size, stride, padding, ceil_mode=ceil_mode, dilation=dilation,
                    count_include_pad=count_include_pad)
    value = result.output.reshape(-1)  # (S,)
    if kind == "max":
        top, _, left, _ = pads
        winner = result.winners.reshape(-1, 2) + np.array([top, left])  # unpadded -> padded coordinates
        return PoolTrace(padded, pads, cell, rows, cols, values, value, winner, None, None)
    divisor = np.broadcast_to(avg_divisor(geometry, count_include_pad), (c, *geometry.out)).reshape(-1)  # (S,)
    shared = np.unique(divisor)
    return PoolTrace(padded, pads, cell, rows, cols, values, value, None, values.sum(axis=(1, 2)),
                     int(shared[0]) if len(shared) == 1 else None, divisor)
