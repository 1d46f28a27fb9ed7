"""2-D convolution, vectorised: padded input -> strided, dilated windows -> one matmul per block."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .geometry import IntOrPair, Padding, ParameterError, WindowGeometry, window_geometry
from .padding import pad2d

MODES = ("cross-correlation", "convolution")
# Largest im2col block, in elements; bigger inputs are processed in blocks of output cells.
_BLOCK_ELEMENTS = 1 << 23


def conv_geometry(x_shape: tuple[int, ...], weight_shape: tuple[int, ...], stride: IntOrPair = 1,
                  padding: Padding = 0, dilation: IntOrPair = 1, padding_mode: str = "zeros",
                  mode: str = "cross-correlation") -> WindowGeometry:
    """Check a convolution's shapes and parameters before any work.

    x_shape: (N, C, H, W); weight_shape: (F, C, KH, KW).
    """
    if len(x_shape) != 4 or len(weight_shape) != 4:
        raise ParameterError("input", f"conv2d needs input (N, C, H, W) and kernel (F, C, KH, KW), "
                                      f"got {tuple(x_shape)} and {tuple(weight_shape)}")
    if x_shape[1] != weight_shape[1]:
        raise ParameterError("kernel", f"the kernel has {weight_shape[1]} channel(s) "
                                       f"but the input has {x_shape[1]}")
    if mode not in MODES:
        raise ParameterError("mode", f'mode must be "cross-correlation" or "convolution" (got "{mode}")')
    return window_geometry(x_shape[2:], weight_shape[2:], stride, padding, dilation, padding_mode)


def applied_kernel(weight: np.ndarray, mode: str) -> np.ndarray:
    """The kernel as it is laid on the input: convolution turns it 180°. (..., KH, KW) -> same."""
    return weight[..., ::-1, ::-1] if mode == "convolution" else weight


def windows(x_padded: np.ndarray, geometry: WindowGeometry) -> np.ndarray:
    """Every window of a padded input, as a read-only view.

    x_padded: (..., Hp, Wp) -> (..., OH, OW, KH, KW)
    """
    (sh, sw), (dh, dw), (oh, ow) = geometry.stride, geometry.dilation, geometry.out
    view = sliding_window_view(x_padded, geometry.extent, axis=(-2, -1))  # (..., Hp-eh+1, Wp-ew+1, eh, ew)
    return view[..., :(oh - 1) * sh + 1:sh, :(ow - 1) * sw + 1:sw, ::dh, ::dw]


def conv2d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None, stride: IntOrPair = 1,
           padding: Padding = 0, dilation: IntOrPair = 1, padding_mode: str = "zeros",
           mode: str = "cross-correlation") -> np.ndarray:
    """Convolve a batch with a bank of filters (PyTorch's conv2d semantics, plus a convolution mode).

    x: (N, C, H, W); weight: (F, C, KH, KW); bias: (F,) or None -> (N, F, OH, OW)
    """
    geometry = conv_geometry(x.shape, weight.shape, stride, padding, dilation, padding_mode, mode)
    n, c, _, _ = x.shape
    f, _, kh, kw = weight.shape
    oh, ow = geometry.out
    dtype = np.result_type(x, weight)
    filters = applied_kernel(weight, mode).reshape(f, c * kh * kw).astype(dtype, copy=False)  # (F, C*KH*KW)
    x_padded = pad2d(x, geometry.pads, padding_mode)  # (N, C, Hp, Wp)
    all_windows = windows(x_padded, geometry)  # (N, C, OH, OW, KH, KW)

    out = np.empty((n, f, oh, ow), dtype=dtype)
    # Blocks of output cells small enough that their im2col copy stays under _BLOCK_ELEMENTS:
    # whole rows when they fit, else pieces of a row (a huge kernel on a wide input).
    cells = max(1, _BLOCK_ELEMENTS // (n * c * kh * kw))
    cols_per_block = min(ow, cells)
    rows_per_block = max(1, cells // cols_per_block)
    for top in range(0, oh, rows_per_block):
        for left in range(0, ow, cols_per_block):
            block = all_windows[:, :, top:top + rows_per_block, left:left + cols_per_block]  # (N, C, B, W, KH, KW)
            b, w = block.shape[2:4]
            # The whole batch in one matmul, filters as the left operand (BLAS's best case):
            # (N, C, B, W, KH, KW) -> (C, KH, KW, N, B, W) -> (C*KH*KW, N*B*W): one copy.
            columns = block.transpose(1, 4, 5, 0, 2, 3).reshape(c * kh * kw, n * b * w)
            result = (filters @ columns).reshape(f, n, b, w)  # (F, N*B*W) -> (F, N, B, W)
            out[:, :, top:top + b, left:left + w] = result.transpose(1, 0, 2, 3)
    if bias is not None:
        out += bias.reshape(1, f, 1, 1)
    return out
