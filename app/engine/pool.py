"""Max and average pooling, built from strided slices of the input (no window copies)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .geometry import IntOrPair, ParameterError, WindowGeometry, as_pair, window_geometry
from .padding import pad2d

KINDS = ("max", "avg")


@dataclass(frozen=True)
class PoolResult:
    """output: (N, C, OH, OW); winners (max only): (N, C, OH, OW, 2) as [row, col] in the unpadded input."""

    output: np.ndarray
    winners: np.ndarray | None


def pool_geometry(x_shape: tuple[int, ...], kind: str, size: IntOrPair, stride: IntOrPair | None = None,
                  padding: IntOrPair = 0) -> WindowGeometry:
    """Check pooling parameters against an input of shape (N, C, H, W) before any work."""
    if kind not in KINDS:
        raise ParameterError("kind", f'kind must be "max" or "avg" (got "{kind}")')
    if len(x_shape) != 4:
        raise ParameterError("input", f"pool2d needs input (N, C, H, W), got {tuple(x_shape)}")
    size_hw = as_pair(size, "size", minimum=1)
    pad_hw = as_pair(padding, "padding", minimum=0)
    if pad_hw[0] > size_hw[0] // 2 or pad_hw[1] > size_hw[1] // 2:
        raise ParameterError("padding", f"padding must be at most half the window size "
                                        f"(padding {list(pad_hw)}, size {list(size_hw)})")
    return window_geometry(x_shape[2:], size_hw, size_hw if stride is None else stride, pad_hw, window="size")


def offset_slices(x_padded: np.ndarray, geometry: WindowGeometry):
    """Yield (m, k, slice) with slice[..., i, j] = x_padded[..., i·sh + m, j·sw + k]: (N, C, OH, OW)."""
    (kh, kw), (sh, sw), (oh, ow) = geometry.kernel, geometry.stride, geometry.out
    for m in range(kh):
        for k in range(kw):
            yield m, k, x_padded[..., m:m + (oh - 1) * sh + 1:sh, k:k + (ow - 1) * sw + 1:sw]


def pool2d(x: np.ndarray, kind: str, size: IntOrPair, stride: IntOrPair | None = None,
           padding: IntOrPair = 0, winners: bool = True) -> PoolResult:
    """Max or average pooling as PyTorch's max_pool2d / avg_pool2d (floor mode, avg counts zero padding).

    x: (N, C, H, W) -> PoolResult(output (N, C, OH, OW), winners (N, C, OH, OW, 2) or None)
    `winners=False` skips finding each max window's winning cell.
    """
    geometry = pool_geometry(x.shape, kind, size, stride, padding)
    if kind == "avg":
        total = None
        for _, _, part in offset_slices(pad2d(x, geometry.pads), geometry):
            total = part.copy() if total is None else np.add(total, part, out=total)
        return PoolResult(total / (geometry.kernel[0] * geometry.kernel[1]), None)

    x_padded = pad2d(x, geometry.pads, value=-np.inf)  # padding never wins a max (PyTorch's rule)
    best = _separable_max(x_padded, geometry)  # (N, C, OH, OW)
    if not winners:
        return PoolResult(best, None)
    # The winner is the first cell, in row-major order, that holds the maximum (PyTorch's rule):
    # the window's cells are visited last to first, each taking the win where it holds the maximum.
    kw = geometry.kernel[1]
    first = np.zeros(best.shape, dtype=np.int64)  # m·KW + k of each window's winning cell
    for m, k, part in reversed(list(offset_slices(x_padded, geometry))):
        np.copyto(first, m * kw + k, where=part == best)
    best_m, best_k = np.divmod(first, kw)
    (sh, sw), (oh, ow) = geometry.stride, geometry.out
    top, _, left, _ = geometry.pads
    rows = np.arange(oh).reshape(oh, 1) * sh + best_m - top  # (N, C, OH, OW)
    cols = np.arange(ow).reshape(1, ow) * sw + best_k - left
    return PoolResult(best, np.stack([rows, cols], axis=-1))


def _separable_max(x_padded: np.ndarray, geometry: WindowGeometry) -> np.ndarray:
    """Each window's maximum, down its rows first and then along them: (KH-1) + (KW-1) passes
    instead of KH·KW-1, as a maximum does not depend on the order (a sum's rounding would).

    x_padded: (N, C, Hp, Wp) -> (N, C, OH, OW)
    """
    (kh, kw), (sh, sw), (oh, ow) = geometry.kernel, geometry.stride, geometry.out
    rows, cols = (oh - 1) * sh + 1, (ow - 1) * sw + 1  # the spans of the windows' first cells
    down = _maximum([x_padded[..., m:m + rows:sh, :] for m in range(kh)])  # (N, C, OH, Wp)
    return _maximum([down[..., k:k + cols:sw] for k in range(kw)])  # (N, C, OH, OW)


def _maximum(parts: list[np.ndarray]) -> np.ndarray:
    """The elementwise maximum of arrays of one shape, always as a new array."""
    if len(parts) == 1:
        return parts[0].copy()
    best = np.maximum(parts[0], parts[1])
    for part in parts[2:]:
        np.maximum(best, part, out=best)
    return best


def global_avg_pool(x: np.ndarray) -> np.ndarray:
    """Mean of each feature map. x: (N, C, H, W) -> (N, C)"""
    return x.mean(axis=(2, 3))
