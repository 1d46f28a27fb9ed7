"""Max and average pooling, built from strided slices of the input (no window copies)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .geometry import IntOrPair, ParameterError, WindowGeometry, as_pair, resolve_padding, window_geometry
from .padding import pad2d

KINDS = ("max", "avg")


@dataclass(frozen=True)
class PoolResult:
    """output: (N, C, OH, OW); winners (max only): (N, C, OH, OW, 2) as [row, col] in the unpadded input."""

    output: np.ndarray
    winners: np.ndarray | None


def pool_geometry(x_shape: tuple[int, ...], kind: str, size: IntOrPair, stride: IntOrPair | None = None,
                  padding: IntOrPair = 0, ceil_mode: bool = False, dilation: IntOrPair = 1,
                  count_include_pad: bool = True) -> WindowGeometry:
    """Check pooling parameters against an input of shape (N, C, H, W) before any work.

    x_shape: (N, C, H, W); size, stride, padding, dilation: int or [h, w]; stride None means the size.
    """
    if kind not in KINDS:
        raise ParameterError("kind", f'kind must be "max" or "avg" (got "{kind}")')
    check_count_include_pad(kind, count_include_pad)
    if len(x_shape) != 4:
        raise ParameterError("input", f"pool2d needs input (N, C, H, W), got {tuple(x_shape)}")
    size_hw = as_pair(size, "size", minimum=1)
    if isinstance(padding, str):
        raise ParameterError("padding", f'padding must be an integer or a pair (got "{padding}")')
    top, bottom, left, right = resolve_padding(padding, size_hw, (1, 1), (1, 1))  # (top, bottom, left, right)
    # PyTorch's limit, on the window as given: dilation does not widen it.
    if max(top, bottom) > size_hw[0] // 2 or max(left, right) > size_hw[1] // 2:
        given = list(padding) if isinstance(padding, (tuple, list)) else [padding, padding]
        raise ParameterError("padding", f"padding must be at most half the window size "
                                        f"(padding {given}, size {list(size_hw)})")
    dilation_hw = as_pair(dilation, "dilation", minimum=1)
    if kind == "avg" and dilation_hw != (1, 1):
        raise ParameterError("dilation", f"dilation is for max pooling only (avg got {list(dilation_hw)})")
    geometry = window_geometry(x_shape[2:], size_hw, size_hw if stride is None else stride,
                               (top, bottom, left, right), dilation_hw,
                               window="size", ceil_mode=ceil_mode)
    if dilation_hw != (1, 1):
        _check_every_window_reads_input(geometry)
    return geometry


def _check_every_window_reads_input(geometry: WindowGeometry) -> None:
    """Refuse a dilated window whose taps all fall in padding: PyTorch answers -inf there, with an index
    outside the input. Only windows starting in the top or left padding can miss: any other starts inside.
    """
    top, _, left, _ = geometry.pads
    for axis, size, kernel, stride, dilation, pad, out in zip(
            ("height", "width"), (geometry.in_h, geometry.in_w), geometry.kernel, geometry.stride,
            geometry.dilation, (top, left), geometry.out, strict=True):
        for i in range(min(out, -(-pad // stride))):  # the windows starting in the padding
            start = i * stride - pad  # < 0, in input coordinates
            first = -(start // dilation)  # the first tap at or after the input's start
            if first >= kernel or start + first * dilation >= size:
                taps = [start + m * dilation for m in range(kernel)]
                raise ParameterError("dilation", f"dilation {list(geometry.dilation)} leaves window {i} along the "
                                                 f"{axis} reading only padding (positions {taps} of an input "
                                                 f"{size} long)")


def pool_pads(geometry: WindowGeometry) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) to pad the input by: the padding, plus ceil mode's overhang below and right."""
    top, bottom, left, right = geometry.pads
    over_h, over_w = geometry.overhang
    return top, bottom + over_h, left, right + over_w


def avg_divisor(geometry: WindowGeometry, count_include_pad: bool = True) -> int | np.ndarray:
    """What each window's sum is divided by, as PyTorch's avg_pool2d: (OH, OW) counts, or the int KH·KW
    when every window has that many (the usual case: building the array would add a fifth to the time
    of a 2×2 average over 3×224×224).

    count_include_pad counts the zero padding but not ceil mode's overhang; without it, only input cells count.
    """
    (kh, kw), (oh, ow) = geometry.kernel, geometry.out
    if count_include_pad and geometry.overhang == (0, 0):
        return kh * kw
    top, bottom, left, right = geometry.pads
    (sh, sw) = geometry.stride
    rows = _counts(geometry.in_h, kh, sh, top, bottom, oh, count_include_pad)  # (OH,)
    cols = _counts(geometry.in_w, kw, sw, left, right, ow, count_include_pad)  # (OW,)
    return rows[:, None] * cols  # (OH, 1) * (OW,) -> (OH, OW)


def _counts(size: int, kernel: int, stride: int, before: int, after: int, out: int,
            count_include_pad: bool) -> np.ndarray:
    """Cells each window counts along one axis: (O,)."""
    start = np.arange(out) * stride - before  # (O,) first cell of each window, in input coordinates
    end = np.minimum(start + kernel, size + after)  # clipped to the padded input: the overhang never counts
    if count_include_pad:
        return end - start
    return np.minimum(end, size) - np.maximum(start, 0)


def check_count_include_pad(kind: str, count_include_pad: bool) -> None:
    """count_include_pad is a bool, and only average pooling may turn it off."""
    if type(count_include_pad) is not bool:
        raise ParameterError("count_include_pad", f"count_include_pad must be true or false "
                                                  f"(got {count_include_pad!r})")
    if kind == "max" and not count_include_pad:
        raise ParameterError("count_include_pad", "count_include_pad is for average pooling only: "
                                                  "max pooling never counts its padding")


def offset_slices(x_padded: np.ndarray, geometry: WindowGeometry):
    """Yield (m, k, slice) with slice[..., i, j] = x_padded[..., i·sh + m·dh, j·sw + k·dw]: (N, C, OH, OW)."""
    (kh, kw), (sh, sw), (dh, dw), (oh, ow) = geometry.kernel, geometry.stride, geometry.dilation, geometry.out
    for m in range(kh):
        for k in range(kw):
            yield m, k, x_padded[..., m * dh:m * dh + (oh - 1) * sh + 1:sh, k * dw:k * dw + (ow - 1) * sw + 1:sw]


def pool2d(x: np.ndarray, kind: str, size: IntOrPair, stride: IntOrPair | None = None,
           padding: IntOrPair = 0, winners: bool = True, ceil_mode: bool = False, dilation: IntOrPair = 1,
           count_include_pad: bool = True) -> PoolResult:
    """Max or average pooling as PyTorch's max_pool2d / avg_pool2d.

    x: (N, C, H, W) -> PoolResult(output (N, C, OH, OW), winners (N, C, OH, OW, 2) or None)
    size, stride, padding, dilation: int or [h, w]; stride None means the size; dilation max only
    `winners=False` skips finding each max window's winning cell.
    `ceil_mode` keeps a last, partial window; its cells past the padded input never win a max and
    never count in a mean. `count_include_pad=False` (avg only) divides by the input cells alone.
    """
    geometry = pool_geometry(x.shape, kind, size, stride, padding, ceil_mode, dilation, count_include_pad)
    pads = pool_pads(geometry)
    if kind == "avg":
        total = None
        for _, _, part in offset_slices(pad2d(x, pads), geometry):  # row-major, as PyTorch adds them
            total = part.copy() if total is None else np.add(total, part, out=total)
        divisor = avg_divisor(geometry, count_include_pad)
        if isinstance(divisor, np.ndarray):
            divisor = divisor.astype(total.dtype)  # an int64 array would turn float32 into float64
        return PoolResult(total / divisor, None)

    x_padded = pad2d(x, pads, value=-np.inf)  # padding never wins a max (PyTorch's rule)
    best = _separable_max(x_padded, geometry)  # (N, C, OH, OW)
    if not winners:
        return PoolResult(best, None)
    # The winner is the first cell, in row-major order, that holds the maximum (PyTorch's rule):
    # the window's cells are visited last to first, each taking the win where it holds the maximum.
    (dh, dw), width = geometry.dilation, geometry.extent[1]
    first = np.zeros(best.shape, dtype=np.int64)  # m·dh·width + k·dw: the winning cell's offset in its window
    for m, k, part in reversed(list(offset_slices(x_padded, geometry))):
        np.copyto(first, m * dh * width + k * dw, where=part == best)
    down, across = np.divmod(first, width)  # (N, C, OH, OW) each: the winner's offset from the window's corner
    (sh, sw), (oh, ow) = geometry.stride, geometry.out
    top, _, left, _ = geometry.pads
    rows = np.arange(oh).reshape(oh, 1) * sh + down - top  # (N, C, OH, OW)
    cols = np.arange(ow).reshape(1, ow) * sw + across - left
    return PoolResult(best, np.stack([rows, cols], axis=-1))


def _separable_max(x_padded: np.ndarray, geometry: WindowGeometry) -> np.ndarray:
    """Each window's maximum, down its rows first and then along them: (KH-1) + (KW-1) passes
    instead of KH·KW-1, as a maximum does not depend on the order (a sum's rounding would).

    x_padded: (N, C, Hp, Wp) -> (N, C, OH, OW)
    """
    (kh, kw), (sh, sw), (dh, dw), (oh, ow) = geometry.kernel, geometry.stride, geometry.dilation, geometry.out
    rows, cols = (oh - 1) * sh + 1, (ow - 1) * sw + 1  # the spans of the windows' first cells
    down = _maximum([x_padded[..., m * dh:m * dh + rows:sh, :] for m in range(kh)])  # (N, C, OH, Wp)
    return _maximum([down[..., k * dw:k * dw + cols:sw] for k in range(kw)])  # (N, C, OH, OW)


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


def global_pool(x: np.ndarray, kind: str) -> np.ndarray:
    """Max or mean of each feature map, kept 4-D (ONNX's GlobalMaxPool / GlobalAveragePool).

    x: (N, C, H, W) -> (N, C, 1, 1); the max's winner is pool2d(x, "max", (H, W))'s.
    """
    if kind not in KINDS:
        raise ParameterError("kind", f'kind must be "max" or "avg" (got "{kind}")')
    if x.ndim != 4:
        raise ParameterError("input", f"global pooling needs input (N, C, H, W), got {x.shape}")
    if kind == "max":
        return x.max(axis=(2, 3), keepdims=True)
    return x.mean(axis=(2, 3), keepdims=True)
