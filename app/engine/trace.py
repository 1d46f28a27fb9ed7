"""Step-by-step traces of one sample's convolution, transposed convolution or pooling, for the browser
to animate.

A trace is columnar: every per-step field has the step as its first axis, steps in row-major
order over (filter or channel, output row, output column), or for a transposed convolution over
(input channel, input row, input column). Built with array operations only, so a large trace
costs no per-cell Python work.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .conv import applied_kernel, conv_geometry, windows
from .conv_transpose import conv_transpose2d, conv_transpose_geometry
from .geometry import IntOrPair, Padding, WindowGeometry
from .padding import pad2d
from .pool import avg_divisor, check_count_include_pad, pool2d, pool_geometry, pool_pads


@dataclass(frozen=True)
class ConvTrace:
    """With G groups the window of filter f covers only its group's C/G input channels, from channel
    f // (F/G) · C/G on; every "C" below is then C/G (one channel for depthwise)."""

    padded_input: np.ndarray  # (C, Hp, Wp) what the window slides over: every channel
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
    groups: int = 1  # G: filter f reads channels (f // (F/G))·C/G up to the next group


@dataclass(frozen=True)
class ConvTransposeTrace:
    """The scatter view: each input cell adds its value times its group's kernels into the output.

    Every product is listed, also those landing outside the output (cropped away by the padding),
    which `kept` marks False. Output cell (f, r, q) is the bias plus the sum of the kept products
    whose filter, row and column are f, r and q:

        output[f, r, q] = bias[f] + Σ products[s, e, m, k]  over filters[s, e] = f, rows[s, m] = r,
                                                             cols[s, k] = q, kept[s, m, k]
    """

    kernel: np.ndarray  # (C, F/G, KH, KW) as given
    bias: np.ndarray  # (F,) zeros when there is none
    output: np.ndarray  # (F, OH, OW) = conv_transpose2d
    cell: np.ndarray  # (S, 3) [channel, row, col] of the input cell, S = C·H·W
    input_value: np.ndarray  # (S,) the input cell's value
    filters: np.ndarray  # (S, F/G) output channels it adds into: its group's
    rows: np.ndarray  # (S, KH) output row under each kernel row, i·sh - ph + m·dh (outside [0, OH): cropped)
    cols: np.ndarray  # (S, KW) output column under each kernel column, j·sw - pw + k·dw
    kept: np.ndarray  # (S, KH, KW) bool: the product lands inside the output
    weights: np.ndarray  # (S, F/G, KH, KW) the kernel values used: kernel[channel]
    products: np.ndarray  # (S, F/G, KH, KW) input_value × weights


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
               mode: str = "cross-correlation", groups: int = 1) -> ConvTrace:
    """Trace every output cell. x: (C, H, W); weight: (F, C/groups, KH, KW); bias: (F,) or None -> ConvTrace"""
    geometry = conv_geometry((1, *x.shape), weight.shape, stride, padding, dilation, padding_mode, mode, groups)
    f, cg, kh, kw = weight.shape
    (oh, ow) = geometry.out
    kernel = applied_kernel(weight, mode)
    padded = pad2d(x, geometry.pads, padding_mode)  # (C, Hp, Wp)
    # (C, OH, OW, KH, KW) -> (G, C/G, OH, OW, KH, KW) -> (G, OH, OW, C/G, KH, KW)
    win = windows(padded, geometry).reshape(groups, cg, oh, ow, kh, kw).transpose(0, 2, 3, 1, 4, 5)
    by_group = kernel.reshape(groups, f // groups, 1, 1, cg, kh, kw)  # (F, C/G, KH, KW) -> (G, F/G, 1, 1, C/G, KH, KW)
    # Each filter's windows, filter-major as the steps run: (G, F/G, OH, OW, C/G, KH, KW) -> (S, C/G, KH, KW)
    values = np.broadcast_to(win[:, None], (groups, f // groups, oh, ow, cg, kh, kw)).reshape(-1, cg, kh, kw)
    products = (win[:, None] * by_group).reshape(-1, cg, kh, kw)  # (S, C/G, KH, KW)
    channel_sums = products.sum(axis=(2, 3))  # (S, C/G)
    sums = channel_sums.sum(axis=1)  # (S,)
    bias_per_step = np.repeat(np.zeros(f) if bias is None else bias, oh * ow)  # (S,)
    cell, rows, cols = _step_grid(f, geometry)
    return ConvTrace(padded, geometry.pads, np.ascontiguousarray(kernel), cell, rows, cols, values,
                     products, channel_sums, sums, bias_per_step, sums + bias_per_step, groups)


@dataclass(frozen=True)
class ConvCell:
    """One output cell's arithmetic: filter f's window over its group's channels (C/G of them)."""

    channels: np.ndarray  # (C/G,) the input channels the filter reads
    rows: np.ndarray  # (KH,) input rows under the kernel's rows (negative or past the end: padding)
    cols: np.ndarray  # (KW,) input columns under its columns
    values: np.ndarray  # (C/G, KH, KW) the input under the window, padding filled in
    kernel: np.ndarray  # (C/G, KH, KW) filter f as applied (turned 180° in convolution mode)
    products: np.ndarray  # (C/G, KH, KW)
    channel_sums: np.ndarray  # (C/G,)
    sum: float
    bias: float
    value: float  # sum + bias


def conv_cell(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, cell: tuple[int, int, int],
              stride: IntOrPair = 1, padding: Padding = 0, dilation: IntOrPair = 1, padding_mode: str = "zeros",
              mode: str = "cross-correlation", groups: int = 1) -> ConvCell:
    """The arithmetic of output cell (f, i, j) alone. x: (C, H, W); weight: (F, C/groups, KH, KW).
    The caller checks that the cell is in the output (conv_geometry gives its size)."""
    geometry = conv_geometry((1, *x.shape), weight.shape, stride, padding, dilation, padding_mode, mode, groups)
    f, i, j = cell
    filters, cg, kh, kw = weight.shape
    (sh, sw), (dh, dw) = geometry.stride, geometry.dilation
    top, _, left, _ = geometry.pads
    channels = np.arange(cg) + f // (filters // groups) * cg  # (C/G,) the filter's group's channels
    rows, cols = i * sh + np.arange(kh) * dh, j * sw + np.arange(kw) * dw  # in the padded input
    padded = pad2d(x[channels], geometry.pads, padding_mode)  # (C/G, Hp, Wp)
    values = padded[:, rows][:, :, cols]  # (C/G, KH, KW)
    kernel = applied_kernel(weight, mode)[f]  # (C/G, KH, KW)
    products = values * kernel
    channel_sums = products.sum(axis=(1, 2))
    total = float(channel_sums.sum())
    b = 0.0 if bias is None else float(bias[f])
    return ConvCell(channels, rows - top, cols - left, values, kernel, products, channel_sums, total, b, total + b)


def conv_transpose_trace(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None, stride: IntOrPair = 1,
                         padding: IntOrPair = 0, output_padding: IntOrPair = 0, dilation: IntOrPair = 1,
                         groups: int = 1) -> ConvTransposeTrace:
    """Trace every input cell's scatter. x: (C, H, W); weight: (C, F/groups, KH, KW); bias: (F,) or None
    -> ConvTransposeTrace"""
    geometry = conv_transpose_geometry((1, *x.shape), weight.shape, stride, padding, output_padding, dilation,
                                       groups)
    c, h, w = x.shape
    _, per_group, kh, kw = weight.shape
    (sh, sw), (ph, pw), (dh, dw), (oh, ow) = geometry.stride, geometry.padding, geometry.dilation, geometry.out
    channel, i, j = (a.reshape(-1) for a in np.indices((c, h, w)))  # (S,) each
    rows = i[:, None] * sh - ph + np.arange(kh) * dh  # (S, KH)
    cols = j[:, None] * sw - pw + np.arange(kw) * dw  # (S, KW)
    kept = ((rows >= 0) & (rows < oh))[:, :, None] & ((cols >= 0) & (cols < ow))[:, None, :]  # (S, KH, KW)
    filters = (channel // (c // groups) * per_group)[:, None] + np.arange(per_group)  # (S, F/G)
    weights = weight[channel]  # (S, F/G, KH, KW)
    value = x.reshape(-1)  # (C, H, W) -> (S,): channel-major, then row-major, as the steps run
    output = conv_transpose2d(x[None], weight, bias, stride, padding, output_padding, dilation, groups)[0]
    return ConvTransposeTrace(weight, np.zeros(per_group * groups) if bias is None else bias, output,
                              np.stack([channel, i, j], axis=1), value, filters, rows, cols, kept, weights,
                              value[:, None, None, None] * weights)


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
