"""What a backward pass of a weighted layer returns, and the check that its incoming gradient fits."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class WeightGrads(NamedTuple):
    """dx: the input's shape; dweight: the weight's shape; dbias: (F,) or (out,)."""

    dx: np.ndarray
    dweight: np.ndarray
    dbias: np.ndarray


def check_grad(layer: str, dy: np.ndarray, expected: tuple[int, ...]) -> None:
    """The gradient of a layer's output must have that output's shape."""
    if dy.shape != tuple(expected):
        raise ValueError(f"{layer} backward: the output gradient must have the output's shape "
                         f"{tuple(expected)}, got {dy.shape}")
