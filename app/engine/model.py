"""A trainable model is a list of the engine's layer records; here: forward with caches, backward, and .npz files.

Parameters are named "<layer index>.<field>" ("0.kernel", "0.bias", "7.weight"); gradients use the same names.
A saved model loads back as the same layer list, which network.plan and network.forward run unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from .graph import plan
from .kinds import BY_RECORD, Layer, kind_of

Params = dict[str, np.ndarray]
Cache = tuple[np.ndarray, object]  # (the layer's input, what its kind's backward needs besides)


def parameters(layers: Sequence[Layer]) -> Params:
    """Every parameter array by name, in layer order."""
    return {f"{i}.{name}": getattr(layer, name) for i, layer in enumerate(layers)
            for name in kind_of(layer).arrays if getattr(layer, name) is not None}


def with_parameters(layers: Sequence[Layer], params: Params) -> list[Layer]:
    """The same layers holding new parameter arrays (shapes must match)."""
    old = parameters(layers)
    if old.keys() != params.keys():
        raise ValueError(f"parameters {sorted(params)} do not match the layers' {sorted(old)}")
    for name, value in params.items():
        if value.shape != old[name].shape:
            raise ValueError(f"parameter {name} must have shape {old[name].shape}, got {value.shape}")
    return [replace(layer, **{name: params[f"{i}.{name}"] for name in kind_of(layer).arrays if f"{i}.{name}" in params})
            for i, layer in enumerate(layers)]


def _forward_layer(layer: Layer, x: np.ndarray) -> tuple[np.ndarray, object]:
    """One layer on a batch, and what its backward needs besides the input. x: (N, ...) -> (N, ...)"""
    kind = kind_of(layer)
    if kind.train is not None:
        return kind.train(layer, x)
    return kind.run(layer, [x]), None


def forward(layers: Sequence[Layer], x: np.ndarray) -> tuple[np.ndarray, list[Cache]]:
    """Run a batch through the layers, keeping what backward needs.

    x: (N, *input_shape) -> (output (N, *plan[-1].shape), one cache per layer)
    """
    plan(x.shape[1:], layers)
    caches = []
    for layer in layers:
        y, extra = _forward_layer(layer, x)
        caches.append((x, extra))
        x = y
    return x, caches


def _backward_layer(layer: Layer, cache: Cache, dy: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One layer's input gradient and its parameter gradients by field name."""
    kind = kind_of(layer)
    if kind.backward is None:
        raise ValueError(f"{layer.type} layers cannot be trained: they have no backward pass")
    x, extra = cache
    return kind.backward(layer, x, extra, dy)


def backward(layers: Sequence[Layer], caches: Sequence[Cache], dy: np.ndarray) -> tuple[np.ndarray, Params]:
    """Back-propagate the output gradient through the layers forward() ran.

    dy: (N, *output_shape) -> (dx (N, *input_shape), gradients named as parameters(layers))
    """
    grads = {}
    for i in reversed(range(len(layers))):
        dy, layer_grads = _backward_layer(layers[i], caches[i], dy)
        grads.update({f"{i}.{name}": g for name, g in layer_grads.items() if getattr(layers[i], name) is not None})
    return dy, {name: grads[name] for name in parameters(layers)}


def describe(layer: Layer) -> dict[str, Any]:
    """A layer's settings without its arrays, as JSON-ready values: {"layer": "Conv2d", "stride": 1, ...}."""
    settings = {f.name: getattr(layer, f.name) for f in fields(layer) if f.name not in (*kind_of(layer).arrays, "type")}
    return {"layer": type(layer).__name__,
            **{k: list(v) if isinstance(v, tuple) else v for k, v in settings.items()}}


def save(path: Path, layers: Sequence[Layer]) -> None:
    """Write the layers to a compressed .npz: their settings as JSON under "architecture", each parameter by name."""
    architecture = np.array(json.dumps([describe(layer) for layer in layers]))
    np.savez_compressed(path, architecture=architecture, **parameters(layers))


def load(path: Path) -> list[Layer]:
    """Read a model written by save() back as engine layers (no pickles are read)."""
    with np.load(path, allow_pickle=False) as data:
        specs = json.loads(str(data["architecture"]))
        arrays = {name: data[name] for name in data.files if name != "architecture"}
    layers = []
    for i, spec in enumerate(specs):
        settings = {k: v for k, v in spec.items() if k != "layer"}
        kind = BY_RECORD[spec["layer"]]
        own = {name: arrays[key] for name in kind.arrays if (key := f"{i}.{name}") in arrays}
        layers.append(kind.record(**settings, **own))
    return layers
