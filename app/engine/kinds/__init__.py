"""The registry of layer kinds: every layer type the engine knows, each defined once."""

from __future__ import annotations

from . import activation, conv, dense, pool
from .activation import Activation
from .base import Layer, LayerKind, Shape, Sizes
from .conv import Conv2d
from .dense import Dense, Flatten
from .pool import Pool2d

_ALL = (*conv.KINDS, *pool.KINDS, *dense.KINDS, *activation.KINDS)
KINDS: dict[str, LayerKind] = {name: kind for kind in _ALL for name in kind.types}  # "type" -> kind
BY_RECORD: dict[str, LayerKind] = {kind.record.__name__: kind for kind in _ALL}  # "Conv2d" -> its kind


def kind_of(layer: Layer) -> LayerKind:
    return KINDS[layer.type]


__all__ = ["BY_RECORD", "KINDS", "Activation", "Conv2d", "Dense", "Flatten", "Layer", "LayerKind", "Pool2d",
           "Shape", "Sizes", "kind_of"]
