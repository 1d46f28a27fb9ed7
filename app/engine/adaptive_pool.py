"""Adaptive average pooling: the output size is chosen and the windows follow (PyTorch's adaptive_avg_pool2d).

Along an axis of size I pooled to O cells, window i spans [floor(i·I/O), ceil((i+1)·I/O)): the windows
cover the input exactly, neighbours overlapping by a cell where I/O is not whole.
"""

from __future__ import annotations

import numpy as np

from .geometry import Pair, ParameterError

OutputSize = int | tuple[int | None, int | None] | list[int | None]


def adaptive_pool_size(in_hw: Pair, output_size: OutputSize) -> Pair:
    """(OH, OW) for an input of in_hw = (H, W), before any work.

    output_size: an int for both sides, or [h, w] where None keeps that side of the input.
    """
    if isinstance(output_size, int) and not isinstance(output_size, bool):
        pair = (output_size, output_size)
    elif isinstance(output_size, (tuple, list)) and len(output_size) == 2 and all(
            v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in output_size):
        pair = tuple(side if v is None else int(v) for v, side in zip(output_size, in_hw, strict=True))
    else:
        raise ParameterError("output_size", "output_size must be an integer or a pair [h, w] of integers "
                                            "(null keeps that side of the input)")
    if min(pair) < 1:
        got = output_size if isinstance(output_size, int) else list(output_size)
        raise ParameterError("output_size", f"output_size must be at least 1 (got {got})")
    return pair


def adaptive_windows(size: int, out: int) -> tuple[np.ndarray, np.ndarray]:
    """Each window's first cell and the cell after its last along one axis: (start (O,), stop (O,))."""
    i = np.arange(out)
    return i * size // out, -(-(i + 1) * size // out)  # floor(i·I/O), ceil((i+1)·I/O)


def adaptive_avg_pool2d(x: np.ndarray, output_size: OutputSize) -> np.ndarray:
    """The mean of each adaptive window, as F.adaptive_avg_pool2d.

    x: (N, C, H, W) -> (N, C, OH, OW); output_size: int or [h, w], None keeping that side.
    Sums come from running totals, one axis at a time, so the work is a pass over the input however
    large the windows: PyTorch's numbers to rounding, not to the last bit (it adds cell by cell).
    """
    if x.ndim != 4:
        raise ParameterError("input", f"adaptive pooling needs input (N, C, H, W), got {x.shape}")
    n, c, h, w = x.shape
    oh, ow = adaptive_pool_size((h, w), output_size)
    top, bottom = adaptive_windows(h, oh)  # (OH,) each
    left, right = adaptive_windows(w, ow)  # (OW,) each
    # Running totals down the rows, from a zero row, in float64 (float32 totals would lose digits).
    down = np.zeros((n, c, h + 1, w))  # (N, C, H + 1, W): down[..., r, :] = Σ x[..., :r, :]
    np.cumsum(x, axis=2, dtype=np.float64, out=down[..., 1:, :])
    strips = down[..., bottom, :] - down[..., top, :]  # (N, C, OH, W): each window row's column sums
    across = np.zeros((n, c, oh, w + 1))  # (N, C, OH, W + 1): across[..., j] = Σ strips[..., :j]
    np.cumsum(strips, axis=3, out=across[..., 1:])
    sums = across[..., right] - across[..., left]  # (N, C, OH, OW)
    counts = (bottom - top)[:, None] * (right - left)  # (OH, 1) * (OW,) -> (OH, OW)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    return (sums / counts).astype(dtype, copy=False)
