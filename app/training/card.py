"""What ships beside the weights: the model card and a few held-out digits for the page."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import numpy as np

from app.engine import Layer, plan
from app.engine.model import describe, parameters

from .architecture import CLASSES, INPUT_SHAPE
from .loop import TrainConfig, predict

SAMPLES_PER_CLASS = 4
PIXEL_DECIMALS = 3  # 1/255 > 0.001, so every grey level keeps its own value


def fingerprint(layers: Sequence[Layer]) -> str:
    """SHA-256 of every parameter's name, dtype and bytes, in order: equal weights, equal fingerprint."""
    digest = hashlib.sha256()
    for name, value in parameters(layers).items():
        digest.update(f"{name}:{value.dtype.str}:{value.shape}".encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    return digest.hexdigest()


def architecture(layers: Sequence[Layer]) -> list[dict[str, Any]]:
    """Each layer's settings, output shape (no batch) and parameter count."""
    rows = []
    for layer, step in zip(layers, plan(INPUT_SHAPE, layers), strict=True):
        shapes = {f"{name.split('.')[1]}_shape": list(value.shape) for name, value in parameters([layer]).items()}
        rows.append({**describe(layer), **shapes, "output_shape": list(step.shape), "parameters": step.parameters})
    return rows


def samples(layers: Sequence[Layer], images: np.ndarray, labels: np.ndarray) -> list[dict[str, Any]]:
    """The first SAMPLES_PER_CLASS digits of each class, rounded as stored, with the model's prediction.

    images: (N, 1, 28, 28) held-out digits
    labels: (N,)
    """
    picked = np.concatenate([np.flatnonzero(labels == d)[:SAMPLES_PER_CLASS] for d in range(len(CLASSES))])
    pixels = np.round(images[picked, 0].astype(np.float64), PIXEL_DECIMALS)  # (S, 1, 28, 28) -> (S, 28, 28)
    # Predict from exactly the numbers the file will hold, as anyone reading it will.
    stored = pixels[:, None].astype(images.dtype)  # (S, 28, 28) -> (S, 1, 28, 28)
    predictions = predict(layers, stored).argmax(axis=1)
    return [{"label": CLASSES[labels[i]], "prediction": CLASSES[p],
             "input": [[int(v) if v.is_integer() else v for v in row] for row in rows.tolist()]}
            for i, p, rows in zip(picked, predictions, pixels, strict=True)]


def model_card(layers: Sequence[Layer], config: TrainConfig, *, seed: int, data: dict[str, Any],
               split: dict[str, Any], heldout_correct: int, sample_list: list[dict[str, Any]], seconds: float,
               date: str) -> dict[str, Any]:
    """Everything needed to trust, reproduce or display the model."""
    sample_accuracy = np.mean([s["label"] == s["prediction"] for s in sample_list])
    return {
        "name": "mnist_cnn",
        "task": "classify a handwritten digit: 28×28 grey levels in [0, 1], white strokes on black",
        "weights": "mnist_cnn.npz",
        "parameters_sha256": fingerprint(layers),
        "input_shape": list(INPUT_SHAPE),
        "classes": list(CLASSES),
        "architecture": architecture(layers),
        "parameters": sum(step.parameters for step in plan(INPUT_SHAPE, layers)),
        "data": data,
        "split": split,
        "augmentation": {**asdict(config.augmentation),
                         "how": "per digit and epoch: thicken with a 2×2 max filter or thin with a 2×2 min filter "
                                "at those chances, then shift by up to max_shift pixels on each axis (zero fill)"},
        "epochs": config.epochs,
        "training": {
            "batch_size": config.batch_size,
            "loss": "softmax cross-entropy",
            "optimiser": {"name": "Adam", "lr": config.lr, "betas": [0.9, 0.999], "eps": 1e-8,
                          "schedule": f"linear warm-up for {config.warmup_epochs} epoch(s), then cosine to 0"},
            "dtype": str(parameters(layers)["0.kernel"].dtype),
            "numpy": np.__version__,
            "seed": seed,
            "seconds": round(seconds, 1),
        },
        "heldout_accuracy": heldout_correct / split["heldout"],
        "heldout_correct": heldout_correct,
        "samples": {"file": "samples.json", "count": len(sample_list), "accuracy": float(sample_accuracy)},
        "date": date,
    }


def card_json(card: dict[str, Any]) -> str:
    """The card as indented JSON, with each list of plain values (a shape, the classes) kept on one line."""
    inline: dict[str, str] = {}

    def mark(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: mark(item) for key, item in value.items()}
        if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
            return [mark(item) for item in value]
        if isinstance(value, list):
            placeholder = f"\0{len(inline)}"  # no real value starts with a NUL
            inline[placeholder] = json.dumps(value, ensure_ascii=False)
            return placeholder
        return value

    text = json.dumps(mark(card), indent=2, ensure_ascii=False)
    for placeholder, dumped in inline.items():
        text = text.replace(json.dumps(placeholder), dumped)
    return text + "\n"
