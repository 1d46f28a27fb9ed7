"""Random shifts and stroke-width changes, so digits drawn with a mouse look like the ones trained on."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from app.engine.padding import pad2d


@dataclass(frozen=True)
class Augmentation:
    """max_shift: pixels either way, per axis; thicken/thin: chance of a 2×2 max/min filter."""

    max_shift: int = 2
    thicken: float = 0.25
    thin: float = 0.15


def shift(images: np.ndarray, offsets: np.ndarray, max_shift: int) -> np.ndarray:
    """Move each image by its own (down, right) offset, filling with 0.

    images: (N, C, H, W)
    offsets: (N, 2) integers in [−max_shift, max_shift]
    -> (N, C, H, W)
    """
    n, _, h, w = images.shape
    padded = pad2d(images, (max_shift,) * 4)  # (N, C, H + 2s, W + 2s)
    crops = sliding_window_view(padded, (h, w), axis=(2, 3))  # (N, C, 2s+1, 2s+1, H, W)
    # Moving the digit down by d means cropping from d rows above: start row s − d.
    starts = max_shift - offsets  # (N, 2)
    return crops[np.arange(n), :, starts[:, 0], starts[:, 1]]  # (N, C, H, W)


def _filter2x2(images: np.ndarray, reduce: np.ufunc) -> np.ndarray:
    """2×2 max or min filter with the window anchored at each pixel's bottom-right; keeps the size.

    images: (N, C, H, W) -> (N, C, H, W)
    """
    padded = pad2d(images, (1, 0, 1, 0), "replicate")  # (N, C, H + 1, W + 1)
    out = padded[..., 1:, 1:].copy()
    for dh, dw in ((0, 1), (1, 0), (0, 0)):
        reduce(out, padded[..., dh:dh + images.shape[2], dw:dw + images.shape[3]], out=out)
    return out


def stroke(images: np.ndarray, change: np.ndarray) -> np.ndarray:
    """Thicken (change +1), thin (−1) or keep (0) each image's strokes by about one pixel.

    images: (N, C, H, W)
    change: (N,) in {−1, 0, 1}
    -> (N, C, H, W)
    """
    pick = change.reshape(-1, 1, 1, 1)  # (N,) -> (N, 1, 1, 1)
    out = np.where(pick > 0, _filter2x2(images, np.maximum), images)
    return np.where(pick < 0, _filter2x2(images, np.minimum), out)


def augment(images: np.ndarray, rng: np.random.Generator, settings: Augmentation = Augmentation()) -> np.ndarray:
    """A random stroke change, then a random shift, for each image. (N, C, H, W) -> (N, C, H, W)"""
    n = len(images)
    draw = rng.random(n)
    change = np.where(draw < settings.thicken, 1, np.where(draw < settings.thicken + settings.thin, -1, 0))
    offsets = rng.integers(-settings.max_shift, settings.max_shift + 1, size=(n, 2))
    return shift(stroke(images, change), offsets, settings.max_shift)
