"""Padding of the last two axes, in PyTorch's padding modes."""

from __future__ import annotations

import numpy as np

# PyTorch's padding_mode names -> np.pad modes (PyTorch's "reflect" excludes the edge, as NumPy's does).
_NUMPY_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def pad2d(x: np.ndarray, pads: tuple[int, int, int, int], mode: str = "zeros",
          value: float = 0.0) -> np.ndarray:
    """Pad the last two axes by (top, bottom, left, right).

    x: (..., H, W) -> (..., H + top + bottom, W + left + right); `value` fills "zeros" mode.
    """
    top, bottom, left, right = pads
    if not any(pads):
        return x
    if mode == "zeros":  # a filled array and one copy: several times faster than np.pad on small inputs
        h, w = x.shape[-2:]
        padded = np.full((*x.shape[:-2], h + top + bottom, w + left + right), value,
                         dtype=np.result_type(x, value))
        padded[..., top:top + h, left:left + w] = x
        return padded
    widths = [(0, 0)] * (x.ndim - 2) + [(top, bottom), (left, right)]
    return np.pad(x, widths, mode=_NUMPY_MODE[mode])
