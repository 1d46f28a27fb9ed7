"""The input of a transposed convolution's direct view, as the page builds it (stuffedInput in
static/js/pages/transposed/geometry.js): the input's cells stride apart with stride − 1 zeros between
them, and a border of D·(K − 1) − P zeros around them, output padding more at the bottom and right.
A stride-1 convolution of it with the kernel turned 180° gives the transposed convolution's output."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Stuffed:
    values: np.ndarray  # (SH, SW) the input's values where they landed, zeros elsewhere
    rows: np.ndarray  # (SH,) the input row each stuffed row holds, −1 for a row of zeros
    cols: np.ndarray  # (SW,) the input column each stuffed column holds, −1 for a column of zeros
    pads: tuple[int, int, int, int]  # (top, bottom, left, right) border cells; 0 where the border cuts instead

    def border(self, r: int, q: int) -> bool:
        """Cell (r, q) is in the border (padding), not in the stuffed input itself."""
        top, bottom, left, right = self.pads
        height, width = self.values.shape
        return not (top <= r < height - bottom and left <= q < width - right)


def _axis(size: int, kernel: int, stride: int, padding: int, output_padding: int, dilation: int) -> np.ndarray:
    """One axis: per stuffed cell, the input index it holds or −1 (a zero). A negative border (padding
    past D·(K − 1)) cuts that many stuffed cells off instead of adding zeros."""
    before = dilation * (kernel - 1) - padding
    after = before + output_padding
    at = np.arange((size - 1) * stride + 1 + before + after) - before  # (L,) index in the stuffed input
    return np.where((at >= 0) & (at % stride == 0) & (at <= (size - 1) * stride), at // stride, -1)


def stuffed(x: np.ndarray, kernel_shape: tuple[int, int], stride: tuple[int, int], padding: tuple[int, int],
            output_padding: tuple[int, int], dilation: tuple[int, int]) -> Stuffed:
    """x: (H, W) -> the zero-stuffed, bordered input, each setting a (rows, columns) pair."""
    axes = [_axis(x.shape[a], kernel_shape[a], stride[a], padding[a], output_padding[a], dilation[a])
            for a in (0, 1)]
    rows, cols = axes  # (SH,), (SW,)
    held = (rows[:, None] >= 0) & (cols[None, :] >= 0)  # (SH, SW)
    values = np.where(held, x[np.maximum(rows, 0)][:, np.maximum(cols, 0)], 0.0)  # (SH, SW)
    pads = []
    for a in (0, 1):  # above and below, then left and right
        before = dilation[a] * (kernel_shape[a] - 1) - padding[a]
        pads += [max(0, before), max(0, before + output_padding[a])]
    top, bottom, left, right = pads
    return Stuffed(values, rows, cols, (top, bottom, left, right))
