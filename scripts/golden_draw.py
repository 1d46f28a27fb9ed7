"""Random parameters and inputs for the golden scripts, drawn from the generator each script seeds.

How many numbers a helper draws, and in what order, is part of every golden file: change it and a
rerun writes other cases.
"""

from __future__ import annotations

import numpy as np

PADDING_FORMS = ("int", "pair", "valid", "same")  # what padding() takes


def int_or_pair(rng: np.random.Generator, low: int, high: int, pair_chance: float = 0.35):
    """An int in [low, high], or with pair_chance a list of two."""
    if rng.random() < pair_chance:
        return [int(v) for v in rng.integers(low, high + 1, 2)]
    return int(rng.integers(low, high + 1))


def padding(rng: np.random.Generator, form: str, below: int):
    """Convolution padding of a form: "int" or "pair" drawn from [0, below); "valid" and "same" as they are."""
    if form == "int":
        return int(rng.integers(0, below))
    if form == "pair":
        return [int(v) for v in rng.integers(0, below, 2)]
    return form


def pool_padding(rng: np.random.Generator, size):
    """Padding PyTorch allows for a pooling window of this size: at most half of it, per side when a pair."""
    kh, kw = (size, size) if isinstance(size, int) else size
    if isinstance(size, int) or rng.random() < 0.5:
        return int(rng.integers(0, min(kh, kw) // 2 + 1))
    return [int(rng.integers(0, kh // 2 + 1)), int(rng.integers(0, kw // 2 + 1))]


def values(rng: np.random.Generator, shape, kind: str = "normal") -> np.ndarray:
    """An input: standard normal, "ties" (few distinct values: the first maximum in row-major order must
    win) or "negative" (padding, or ceil mode's overhang, must never win a max)."""
    if kind == "ties":
        return rng.integers(0, 3, shape).astype(np.float64)
    if kind == "negative":
        return -np.abs(rng.standard_normal(shape)) - 1.0
    return rng.standard_normal(shape)


def weighted(rng: np.random.Generator, x_shape, w_shape, bias_length: int | None):
    """Standard normal x, weight and (unless bias_length is None) bias, drawn in that order."""
    x, weight = rng.standard_normal(x_shape), rng.standard_normal(w_shape)
    return x, weight, None if bias_length is None else rng.standard_normal(bias_length)
