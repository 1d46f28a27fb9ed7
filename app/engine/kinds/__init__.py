"""The registry of layer kinds: every layer type the engine knows, each defined once."""

from __future__ import annotations

from . import activation, conv, dense, merge, norm, pool, tensor
from .activation import Activation
from .base import Layer, LayerKind, Shape, Sizes
from .conv import Conv2d, ConvTranspose2d
from .dense import Dense, Flatten
from .merge import Binary, Concat
from .norm import BatchNorm, LocalResponseNorm
from .pool import AdaptiveAvgPool, GlobalPool, Mean, Pool2d
from .tensor import Dropout, Pad, Reshape, Slice, Transpose, Upsample

_ALL = (*conv.KINDS, *pool.KINDS, *dense.KINDS, *activation.KINDS, *norm.KINDS, *merge.KINDS, *tensor.KINDS)
KINDS: dict[str, LayerKind] = {name: kind for kind in _ALL for name in kind.types}  # "type" -> kind
BY_RECORD: dict[str, LayerKind] = {kind.record.__name__: kind for kind in _ALL}  # "Conv2d" -> its kind


def kind_of(layer: Layer) -> LayerKind:
    return KINDS[layer.type]


__all__ = [
    "Activation", "AdaptiveAvgPool", "BY_RECORD", "BatchNorm", "Binary", "Concat", "Conv2d", "ConvTranspose2d", "Dense",
    "Dropout", "Flatten", "GlobalPool", "KINDS", "Layer", "LayerKind", "LocalResponseNorm", "Mean", "Pad", "Pool2d",
    "Reshape", "Shape", "Sizes", "Slice", "Transpose", "Upsample", "kind_of",
]
