"""2-D convolution and transposed convolution written as their definitions, one multiply-add at a time.

The readable references and the test oracles for `conv2d` and `conv_transpose2d`: they share no
code with them, so they resolve padding, padding modes and the output sizes on their own.

    S[n, f, i, j] = b[f] + Σ_c Σ_m Σ_k  X̃[n, g·C/G + c, i·sh + m·dh, j·sw + k·dw] · K̃[f, c, m, k]

X̃ is the padded input and K̃ the kernel (turned 180° in convolution mode); with G groups, filter f
belongs to group g = f // (F/G) and c runs over that group's C/G channels only.
"""

from __future__ import annotations

import numpy as np


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


def _source_index(p: int, pad_before: int, size: int, padding_mode: str) -> int | None:
    """Index into the unpadded axis that padded position p reads, or None for a zero."""
    i = p - pad_before
    if 0 <= i < size:
        return i
    if padding_mode == "zeros":
        return None
    if padding_mode == "replicate":
        return min(max(i, 0), size - 1)
    if padding_mode == "circular":
        return i % size
    # reflect: mirror about the edge pixels, which are not repeated
    return -i if i < 0 else 2 * (size - 1) - i


def conv2d_naive(x, weight, bias=None, stride=1, padding=0, dilation=1, padding_mode="zeros",
                 mode="cross-correlation", groups=1) -> np.ndarray:
    """Loop-by-loop conv2d.

    x: (N, C, H, W); weight: (F, C/groups, KH, KW); bias: (F,) or None -> (N, F, OH, OW)
    """
    x, weight = np.asarray(x, dtype=np.float64), np.asarray(weight, dtype=np.float64)
    n_batch, _, height, width = x.shape
    n_filters, group_channels, kh, kw = weight.shape
    group_filters = n_filters // groups
    (sh, sw), (dh, dw) = _pair(stride), _pair(dilation)
    if padding == "valid":
        top = bottom = left = right = 0
    elif padding == "same":
        top, left = dh * (kh - 1) // 2, dw * (kw - 1) // 2
        bottom, right = dh * (kh - 1) - top, dw * (kw - 1) - left
    else:
        (top, left) = _pair(padding)
        bottom, right = top, left
    if mode == "convolution":
        weight = weight[:, :, ::-1, ::-1]

    def padded(n, c, r, q):
        row = _source_index(r, top, height, padding_mode)
        col = _source_index(q, left, width, padding_mode)
        return 0.0 if row is None or col is None else x[n, c, row, col]

    # Slide while the dilated window still fits inside the padded input.
    out_rows = [i for i in range(0, height + top + bottom) if i * sh + dh * (kh - 1) < height + top + bottom]
    out_cols = [j for j in range(0, width + left + right) if j * sw + dw * (kw - 1) < width + left + right]
    out = np.zeros((n_batch, n_filters, len(out_rows), len(out_cols)))
    for n in range(n_batch):
        for f in range(n_filters):
            for i in out_rows:
                for j in out_cols:
                    total = 0.0 if bias is None else float(bias[f])
                    first = f // group_filters * group_channels  # the group's first input channel
                    for c in range(group_channels):
                        for m in range(kh):
                            for k in range(kw):
                                total += padded(n, first + c, i * sh + m * dh, j * sw + k * dw) * weight[f, c, m, k]
                    out[n, f, i, j] = total
    return out


def conv_transpose2d_naive(x, weight, bias=None, stride=1, padding=0, output_padding=0, dilation=1,
                           groups=1) -> np.ndarray:
    """Loop-by-loop conv_transpose2d: every input cell adds its value times the kernel into the output.

        Y[n, g·F/G + f, i·sh - ph + m·dh, j·sw - pw + k·dw] += X[n, c, i, j] · K[c, f, m, k],  g = c // (C/G)

    and whatever lands outside the output is dropped.

    x: (N, C, H, W); weight: (C, F/groups, KH, KW); bias: (F,) or None -> (N, F, OH, OW)
    """
    x, weight = np.asarray(x, dtype=np.float64), np.asarray(weight, dtype=np.float64)
    n_batch, channels, height, width = x.shape
    _, group_filters, kh, kw = weight.shape
    (sh, sw), (ph, pw), (oph, opw), (dh, dw) = _pair(stride), _pair(padding), _pair(output_padding), _pair(dilation)
    out_h = (height - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1
    out_w = (width - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1
    group_channels = channels // groups
    out = np.zeros((n_batch, group_filters * groups, out_h, out_w))
    if bias is not None:
        out += np.asarray(bias, dtype=np.float64).reshape(-1, 1, 1)
    for n in range(n_batch):
        for c in range(channels):
            first = c // group_channels * group_filters  # the group's first output channel
            for i in range(height):
                for j in range(width):
                    for f in range(group_filters):
                        for m in range(kh):
                            for k in range(kw):
                                row, col = i * sh - ph + m * dh, j * sw - pw + k * dw
                                if 0 <= row < out_h and 0 <= col < out_w:
                                    out[n, first + f, row, col] += x[n, c, i, j] * weight[c, f, m, k]
    return out
