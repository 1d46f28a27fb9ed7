"""The trained networks shipped in app/models/: each a card (JSON) beside its weights (.npz)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from math import prod
from pathlib import Path

from .engine import Layer, LayerPlan, plan
from .engine.model import load
from .models import MODELS_DIR


@dataclass(frozen=True)
class ShippedModel:
    name: str
    card: dict
    layers: list[Layer]
    plans: list[LayerPlan]
    input_shape: tuple[int, ...]
    classes: list[str]
    layer_names: list[str]  # "conv1", "relu1", "pool1", … for people to read
    samples: list[dict]  # held-out examples shipped for the page, if any

    @property
    def input_range(self) -> tuple[float, float]:
        """The values the model was trained on: [0, 1] grey levels unless its card says otherwise."""
        low, high = self.card.get("input_range", (0.0, 1.0))
        return float(low), float(high)

    @cached_property
    def multiply_adds(self) -> int:
        """Of one forward pass: fixed by the plan, so counted once."""
        return sum(p.multiply_adds for p in self.plans)

    @cached_property
    def output_values(self) -> int:
        """Numbers in all layers' outputs of one forward pass."""
        return sum(prod(p.shape) for p in self.plans)


def dense_equivalents(input_shape: tuple[int, ...], plans: list[LayerPlan]) -> list[int]:
    """Parameters each layer would need as a fully connected layer of the same widths.

    A conv layer whose input has I values and output O values becomes an I×O weight matrix plus O
    biases; layers without weights (activations, pooling, flatten) stay without them.
    """
    sizes = [prod(input_shape)] + [prod(p.shape) for p in plans]
    return [sizes[i] * sizes[i + 1] + sizes[i + 1] if p.parameters else 0 for i, p in enumerate(plans)]


def layer_names(types: list[str]) -> list[str]:
    """Readable names: a type seen more than once gets a number ("conv1", "conv2"); others keep the type."""
    short = {"conv2d": "conv", "maxpool": "pool", "avgpool": "pool"}
    bases = [short.get(kind, kind) for kind in types]
    totals, seen, names = Counter(bases), Counter(), []
    for base in bases:
        seen[base] += 1
        names.append(f"{base}{seen[base]}" if totals[base] > 1 else base)
    return names


def load_models(directory: Path = MODELS_DIR) -> dict[str, ShippedModel]:
    """Every model whose card (<name>.json) has weights beside it (<name>.npz)."""
    models = {}
    samples_path = directory / "samples.json"
    samples = json.loads(samples_path.read_text(encoding="utf-8")) if samples_path.exists() else []
    for card_path in sorted(directory.glob("*.json")):
        weights = card_path.with_suffix(".npz")
        if not weights.exists():
            continue
        card = json.loads(card_path.read_text(encoding="utf-8"))
        layers = load(weights)
        input_shape = tuple(card["input_shape"])
        plans = plan(input_shape, layers)
        models[card_path.stem] = ShippedModel(card_path.stem, card, layers, plans, input_shape,
                                              [str(c) for c in card["classes"]],
                                              layer_names([p.type for p in plans]), samples)
    return models
