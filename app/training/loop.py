"""The training loop: shuffled, augmented mini-batches, softmax cross-entropy, Adam on a cosine schedule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from math import ceil

import numpy as np

from app.engine import Activation, Layer, forward
from app.engine.loss import cross_entropy
from app.engine.model import backward, parameters, with_parameters
from app.engine.model import forward as forward_with_caches
from app.engine.optim import adam_init, adam_step, cosine_lr

from .augment import Augmentation, augment
from .progress import Progress

EVAL_BATCH = 500


@dataclass(frozen=True)
class TrainConfig:
    """lr: Adam's peak rate, reached after `warmup_epochs` of linear warm-up, then cosine down to 0."""

    epochs: int = 30
    batch_size: int = 64
    lr: float = 3e-3
    warmup_epochs: int = 1
    augmentation: Augmentation = field(default_factory=Augmentation)


def train(layers: Sequence[Layer], images: np.ndarray, labels: np.ndarray, config: TrainConfig,
          rng: np.random.Generator, progress: Progress | None = None) -> list[Layer]:
    """Train layers that end in a softmax; the fused cross-entropy stands in for that softmax while training.

    images: (N, C, H, W)
    labels: (N,)
    -> the layers with trained parameters
    """
    *body, head = layers
    if head != Activation("softmax"):
        raise ValueError(f"training needs layers that end in a softmax over the classes, not {head.type}")
    n = len(images)
    steps = ceil(n / config.batch_size)
    params, state = parameters(body), adam_init(parameters(body))
    for epoch in range(config.epochs):
        order = rng.permutation(n)
        for start in range(0, n, config.batch_size):
            batch = order[start:start + config.batch_size]
            logits, caches = forward_with_caches(body, augment(images[batch], rng, config.augmentation))
            loss, dlogits = cross_entropy(logits, labels[batch])
            _, grads = backward(body, caches, dlogits)
            lr = cosine_lr(state.step, steps * config.epochs, config.lr, steps * config.warmup_epochs)
            params, state = adam_step(params, grads, state, lr)
            body = with_parameters(body, params)
            if progress is not None:
                progress.update(epoch, loss, int((logits.argmax(axis=1) == labels[batch]).sum()), len(batch))
    return [*body, head]


def predict(layers: Sequence[Layer], images: np.ndarray) -> np.ndarray:
    """Class probabilities through the engine's own forward pass. images: (N, C, H, W) -> (N, classes)"""
    return np.concatenate([forward(images[i:i + EVAL_BATCH], layers)[-1] for i in range(0, len(images), EVAL_BATCH)])


def accuracy(layers: Sequence[Layer], images: np.ndarray, labels: np.ndarray) -> float:
    """Share of images whose most probable class is their label. images: (N, C, H, W); labels: (N,)"""
    return float((predict(layers, images).argmax(axis=1) == labels).mean())
