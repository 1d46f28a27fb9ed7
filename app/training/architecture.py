"""The digit classifier's layers, with fresh weights drawn from a seeded generator."""

from __future__ import annotations

import numpy as np

from app.engine import Activation, Conv2d, Dense, Flatten, Layer, Pool2d

INPUT_SHAPE = (1, 28, 28)
CLASSES = tuple(str(d) for d in range(10))


def _he(rng: np.random.Generator, shape: tuple[int, ...], fan_in: int, gain: float = 2.0) -> np.ndarray:
    """Normal weights with variance gain / fan_in (He et al. for ReLU; gain 1 for the logits)."""
    return (rng.standard_normal(shape) * np.sqrt(gain / fan_in)).astype(np.float32)


def mnist_cnn(rng: np.random.Generator, widths: tuple[int, int] = (8, 16)) -> list[Layer]:
    """conv 3×3 pad 1 → ReLU → max-pool 2, twice, then flatten → dense 10 → softmax."""
    c1, c2 = widths
    flat = c2 * (INPUT_SHAPE[1] // 4) * (INPUT_SHAPE[2] // 4)
    zeros = np.zeros
    return [
        Conv2d(_he(rng, (c1, INPUT_SHAPE[0], 3, 3), INPUT_SHAPE[0] * 9), zeros(c1, np.float32), padding=1),
        Activation("relu"),
        Pool2d("max", 2),
        Conv2d(_he(rng, (c2, c1, 3, 3), c1 * 9), zeros(c2, np.float32), padding=1),
        Activation("relu"),
        Pool2d("max", 2),
        Flatten(),
        Dense(_he(rng, (len(CLASSES), flat), flat, gain=1.0), zeros(len(CLASSES), np.float32)),
        Activation("softmax"),
    ]
