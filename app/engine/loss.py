"""Softmax cross-entropy, fused with its gradient: the pair is simpler and steadier than either half alone."""

from __future__ import annotations

import numpy as np


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """log softmax along the last axis, shifted by the max so exp never overflows. (N, K) -> (N, K)"""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    # The max's term is exactly e⁰ = 1; log1p of the others' sum keeps a confident loss (≈1e-9) accurate.
    others = np.exp(shifted)
    np.put_along_axis(others, shifted.argmax(axis=-1)[..., None], 0.0, axis=-1)
    return shifted - np.log1p(others.sum(axis=-1, keepdims=True))


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(logits) against the labels, and its gradient.

    logits: (N, K)
    labels: (N,) integers in [0, K)
    -> (loss, dlogits (N, K)); dlogits = (softmax(logits) − one_hot(labels)) / N
    """
    if logits.ndim != 2 or labels.shape != (logits.shape[0],):
        raise ValueError(f"cross_entropy needs logits (N, K) and labels (N,), got {logits.shape} and {labels.shape}")
    n, k = logits.shape
    if not np.issubdtype(labels.dtype, np.integer) or (n and (labels.min() < 0 or labels.max() >= k)):
        raise ValueError(f"labels must be integers in [0, {k}) for {k} classes, got {labels.dtype} "
                         f"values in [{labels.min() if n else '-'}, {labels.max() if n else '-'}]")
    log_probs = log_softmax(logits)  # (N, K)
    rows = np.arange(n)
    loss = -log_probs[rows, labels].mean()
    dlogits = np.exp(log_probs)
    dlogits[rows, labels] -= 1.0
    return float(loss), dlogits / n
