"""2-D transposed convolution (PyTorch's conv_transpose2d), vectorised: one product per group gives
every input cell's value times every kernel value of its group's filters, which col2im then adds
into the output, one kernel cell at a time.

Each input cell scatters its value times the kernel into the output, cell (i, j) under kernel
cell (m, k) landing on row i·sh - ph + m·dh, column j·sw - pw + k·dw; what lands outside the
output is cropped away (padding crops the output, where conv2d's padding grows the input):

    Y[n, g·F/G + f, i·sh - ph + m·dh, j·sw - pw + k·dw] += X[n, g·C/G + c, i, j] · K[g·C/G + c, f, m, k]

The output size rule, per axis:

    O = (I - 1)·S - 2P + D·(K - 1) + output_padding + 1
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .conv import check_groups
from .geometry import IntOrPair, Pair, ParameterError, as_pair


class TransposeGeometry(NamedTuple):
    """Where a transposed convolution's input cells land in its output."""

    in_h: int
    in_w: int
    kernel: Pair  # (KH, KW)
    stride: Pair
    padding: Pair  # cropped from each side of the output: (top and bottom, left and right)
    output_padding: Pair  # added to the bottom and right of the output
    dilation: Pair
    groups: int
    out: Pair  # (OH, OW)


def transposed_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0, output_padding: int = 0,
                           dilation: int = 1) -> int:
    """Output cells along one axis; < 1 means the padding crops everything."""
    return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1


def conv_transpose_geometry(x_shape: tuple[int, ...], weight_shape: tuple[int, ...], stride: IntOrPair = 1,
                            padding: IntOrPair = 0, output_padding: IntOrPair = 0, dilation: IntOrPair = 1,
                            groups: int = 1) -> TransposeGeometry:
    """Check a transposed convolution's shapes and parameters before any work.

    x_shape: (N, C, H, W); weight_shape: (C, F/groups, KH, KW).
    """
    if len(x_shape) != 4 or len(weight_shape) != 4:
        raise ParameterError("input", f"conv_transpose2d needs input (N, C, H, W) and kernel (C, F/groups, KH, KW), "
                                      f"got {tuple(x_shape)} and {tuple(weight_shape)}")
    stride_hw = as_pair(stride, "stride", minimum=1)
    dilation_hw = as_pair(dilation, "dilation", minimum=1)
    padding_hw = as_pair(padding, "padding", minimum=0)
    extra_hw = as_pair(output_padding, "output_padding", minimum=0)
    for extra, s, d, axis in zip(extra_hw, stride_hw, dilation_hw, ("height", "width"), strict=True):
        if extra >= max(s, d):
            raise ParameterError("output_padding", f"output_padding must be smaller than the stride or the dilation "
                                                   f"(along the {axis}: output_padding {extra}, stride {s}, "
                                                   f"dilation {d})")
    channels = x_shape[1]
    if weight_shape[0] != channels:
        raise ParameterError("kernel", f"the kernel has {weight_shape[0]} input channel(s) but the input has "
                                       f"{channels}")
    if channels < 1:
        raise ParameterError("input", "conv_transpose2d needs at least one input channel")
    check_groups(groups, channels)
    kernel_hw = (weight_shape[2], weight_shape[3])
    if min(kernel_hw) < 1:
        raise ParameterError("kernel", f"the kernel must be at least 1×1 (got {kernel_hw[0]}×{kernel_hw[1]})")
    in_hw = (x_shape[2], x_shape[3])
    out = tuple(transposed_output_size(*sizes) for sizes in
                zip(in_hw, kernel_hw, stride_hw, padding_hw, extra_hw, dilation_hw, strict=True))
    for size, i, k, s, p, e, d, axis in zip(out, in_hw, kernel_hw, stride_hw, padding_hw, extra_hw, dilation_hw,
                                            ("height", "width"), strict=True):
        if size < 1:
            raise ParameterError("padding", f"padding {p} crops away the whole output {axis}: "
                                            f"({i} - 1)·{s} - 2·{p} + {d}·({k} - 1) + {e} + 1 = {size}")
    return TransposeGeometry(in_hw[0], in_hw[1], kernel_hw, stride_hw, padding_hw, extra_hw, dilation_hw, groups,
                             (out[0], out[1]))


def _landing(size: int, stride: int, offset: int, out_size: int) -> tuple[int, int, int]:
    """Input cells i in [0, size) whose i·stride + offset falls inside [0, out_size):
    (first i, how many, the output index of the first)."""
    first = max(0, -(offset // stride))  # the smallest i with i·stride + offset >= 0
    last = min(size - 1, (out_size - 1 - offset) // stride)  # the largest with i·stride + offset < out_size
    count = max(0, last - first + 1)
    return first, count, first * stride + offset


def conv_transpose2d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None, stride: IntOrPair = 1,
                     padding: IntOrPair = 0, output_padding: IntOrPair = 0, dilation: IntOrPair = 1,
                     groups: int = 1) -> np.ndarray:
    """Transposed convolution, as torch.nn.functional.conv_transpose2d.

    x: (N, C, H, W)
    weight: (C, F/groups, KH, KW), as torch.nn.ConvTranspose2d.weight
    bias: (F,) or None
    -> (N, F, OH, OW)
    """
    geometry = conv_transpose_geometry(x.shape, weight.shape, stride, padding, output_padding, dilation, groups)
    n, c, h, w = x.shape
    _, per_group, kh, kw = weight.shape
    f = per_group * groups
    (sh, sw), (ph, pw), (dh, dw), (oh, ow) = geometry.stride, geometry.padding, geometry.dilation, geometry.out
    dtype = np.result_type(x, weight)
    # (C, F/G, KH, KW) -> (G, C/G, F/G*KH*KW) -> (G, F/G*KH*KW, C/G)
    kernel = weight.astype(dtype, copy=False).reshape(groups, c // groups, per_group * kh * kw).transpose(0, 2, 1)
    # Every input cell's value times every kernel value of its group:
    # (G, F/G*KH*KW, C/G) @ (N, G, C/G, H*W) -> (N, G, F/G*KH*KW, H*W) -> (N, F, KH, KW, H, W)
    columns = np.matmul(kernel, x.reshape(n, groups, c // groups, h * w)).reshape(n, f, kh, kw, h, w)
    out = np.empty((n, f, oh, ow), dtype=dtype)
    out[...] = 0 if bias is None else bias.astype(dtype, copy=False).reshape(f, 1, 1)
    # col2im, one kernel cell at a time: within one, no two input cells land on the same output cell
    for m in range(kh):
        i0, rows, r0 = _landing(h, sh, m * dh - ph, oh)
        for k in range(kw):
            j0, cols, c0 = _landing(w, sw, k * dw - pw, ow)
            if rows and cols:
                out[:, :, r0:r0 + (rows - 1) * sh + 1:sh, c0:c0 + (cols - 1) * sw + 1:sw] += \
                    columns[:, :, m, k, i0:i0 + rows, j0:j0 + cols]
    return out
