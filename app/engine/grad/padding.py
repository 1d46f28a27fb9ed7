"""Gradient of pad2d: every padded cell hands its gradient back to the input cell it copied."""

from __future__ import annotations

import numpy as np

from ..padding import pad2d


def _source_matrix(size: int, before: int, after: int, mode: str, dtype: np.dtype) -> np.ndarray:
    """One-hot (before + size + after, size): row p marks the input index that padded position p copies."""
    source = pad2d(np.arange(size).reshape(1, size), (0, 0, before, after), mode)[0]  # (P,)
    return (source[:, None] == np.arange(size)).astype(dtype)


def pad2d_backward(grad: np.ndarray, pads: tuple[int, int, int, int], mode: str = "zeros") -> np.ndarray:
    """Fold the gradient of a padded array back onto the unpadded one.

    grad: (..., H + top + bottom, W + left + right)
    pads: (top, bottom, left, right)
    -> (..., H, W)
    """
    top, bottom, left, right = pads
    h, w = grad.shape[-2] - top - bottom, grad.shape[-1] - left - right
    if grad.ndim < 2 or h < 1 or w < 1:
        raise ValueError(f"a gradient of shape {grad.shape} cannot come from padding (top {top}, bottom {bottom}, "
                         f"left {left}, right {right}) of an input at least 1×1")
    if mode == "zeros":
        return grad[..., top:top + h, left:left + w].copy()  # the zeros copied no input
    # Padding copies each row (column) from one source, axis by axis, so its transpose is a pair of one-hot
    # matmuls; the sums are exact (each term is a gradient times 0 or 1).
    rows = _source_matrix(h, top, bottom, mode, grad.dtype)  # (Hp, H)
    cols = _source_matrix(w, left, right, mode, grad.dtype)  # (Wp, W)
    return rows.T @ grad @ cols  # (H, Hp) @ (..., Hp, Wp) @ (Wp, W) -> (..., H, W)
