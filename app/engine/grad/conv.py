"""Gradient of conv2d: the kernel's from each window times its output's gradient, the input's by col2im."""

from __future__ import annotations

import numpy as np

from ..conv import applied_kernel, conv_geometry, windows
from ..geometry import IntOrPair, Padding
from ..padding import pad2d
from .padding import pad2d_backward
from .result import WeightGrads, check_grad


def conv2d_backward(dy: np.ndarray, x: np.ndarray, weight: np.ndarray, stride: IntOrPair = 1,
                    padding: Padding = 0, dilation: IntOrPair = 1, padding_mode: str = "zeros",
                    mode: str = "cross-correlation") -> WeightGrads:
    """Gradients of conv2d (same parameters) with respect to its input, kernel and bias.

    dy: (N, F, OH, OW)
    x: (N, C, H, W)
    weight: (F, C, KH, KW)
    -> WeightGrads(dx (N, C, H, W), dweight (F, C, KH, KW), dbias (F,))
    """
    geometry = conv_geometry(x.shape, weight.shape, stride, padding, dilation, padding_mode, mode)
    n, c, _, _ = x.shape
    f, _, kh, kw = weight.shape
    oh, ow = geometry.out
    check_grad("conv2d", dy, (n, f, oh, ow))
    dtype = np.result_type(dy, x, weight)
    x_padded = pad2d(x, geometry.pads, padding_mode)  # (N, C, Hp, Wp)
    # The forward pass's columns: (N, C, OH, OW, KH, KW) -> (N, C, KH, KW, OH, OW) -> (N, C*KH*KW, OH*OW)
    columns = windows(x_padded, geometry).transpose(0, 1, 4, 5, 2, 3).reshape(n, c * kh * kw, oh * ow)
    dy_flat = dy.reshape(n, f, oh * ow)  # (N, F, OH, OW) -> (N, F, OH*OW)
    # d(applied kernel)[f, (c, m, k)] = Σ over n and (i, j) of dy[n, f, (i, j)] · columns[n, (c, m, k), (i, j)]
    d_applied = (dy_flat @ columns.transpose(0, 2, 1)).sum(axis=0)  # (N, F, C*KH*KW) -> (F, C*KH*KW)
    # turning 180° undoes itself: (F, C*KH*KW) -> (F, C, KH, KW)
    dweight = applied_kernel(d_applied.reshape(f, c, kh, kw), mode).astype(dtype, copy=False)

    filters = applied_kernel(weight, mode).reshape(f, c * kh * kw).astype(dtype, copy=False)  # (F, C*KH*KW)
    # Each window's share of the gradient: (C*KH*KW, F) @ (N, F, OH*OW) -> (N, C*KH*KW, OH*OW)
    d_columns = (filters.T @ dy_flat).reshape(n, c, kh, kw, oh, ow)  # (N, C, KH, KW, OH, OW)
    d_padded = np.zeros(x_padded.shape, dtype)  # (N, C, Hp, Wp)
    (sh, sw), (dil_h, dil_w) = geometry.stride, geometry.dilation
    for m in range(kh):  # col2im, one kernel offset at a time: within one offset no two windows share a cell
        for k in range(kw):
            rows = slice(m * dil_h, m * dil_h + (oh - 1) * sh + 1, sh)
            cols = slice(k * dil_w, k * dil_w + (ow - 1) * sw + 1, sw)
            d_padded[:, :, rows, cols] += d_columns[:, :, m, k]
    dx = pad2d_backward(d_padded, geometry.pads, padding_mode)
    return WeightGrads(dx, dweight, dy.sum(axis=(0, 2, 3)))
