"""What a layer kind is: defined once, and looked up by the graph, the limits, training and the API.

A layer is a frozen record (a dataclass with a `type` field or property); its kind says what the
record means: how many inputs it takes, its output shape, its parameter and multiply-add counts,
how to run it on a batch, the trace of its arithmetic where a page shows it and, where training
needs them, its cached forward and its backward.
Shapes are one sample's (no batch axis); arrays are batches (N, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from math import prod
from typing import Any

import numpy as np

Shape = tuple[int, ...]
Layer = Any  # a kind's record


@dataclass(frozen=True)
class Sizes:
    """What the limits check of a layer before any shape is known: filters, window side, spacing."""

    filters: int = 0
    window: tuple[int, ...] = ()  # (KH, KW) of a kernel or pooling window
    spacing: dict[str, Any] = field(default_factory=dict)  # stride, padding, dilation… as given


def no_count(layer: Layer, shapes: list[Shape], out: Shape) -> int:
    return 0


def no_sizes(layer: Layer) -> Sizes:
    return Sizes()


@dataclass(frozen=True)
class LayerKind:
    types: tuple[str, ...]  # the names layers of this kind go by, as JSON's "type"
    record: type  # the frozen dataclass that holds a layer's settings and arrays
    output_shape: Callable[[Layer, list[Shape]], Shape]  # raises ParameterError when the inputs do not fit
    run: Callable[[Layer, list[np.ndarray]], np.ndarray]  # inputs (N, ...) each -> output (N, ...)
    inputs: int | None | Callable[[Layer], int] = 1  # how many inputs the layer takes; None: two or more
    # (a callable: the count depends on the layer's settings)
    arrays: tuple[str, ...] = ()  # the record's fields that hold parameters
    multiply_adds: Callable[[Layer, list[Shape], Shape], int] = no_count  # per sample
    # Work beyond the multiply-adds that the limits must count (a pooling window's cells), per sample.
    extra_work: Callable[[Layer, list[Shape], Shape], int] = no_count
    sizes: Callable[[Layer], Sizes] = no_sizes
    # The arithmetic of every output cell of one sample (C, H, W), for the pages: a ConvTrace, a PoolTrace…
    trace: Callable[[Layer, np.ndarray], Any] | None = None
    # Training: forward keeping what backward needs, and backward -> (input gradient, {field: gradient}).
    train: Callable[[Layer, np.ndarray], tuple[np.ndarray, Any]] | None = None
    backward: Callable[[Layer, np.ndarray, Any, np.ndarray], tuple[np.ndarray, dict[str, np.ndarray]]] | None = None

    def inputs_of(self, layer: Layer) -> int | None:
        return self.inputs(layer) if callable(self.inputs) else self.inputs

    def parameters(self, layer: Layer) -> int:
        return sum(np.size(getattr(layer, name)) for name in self.arrays if getattr(layer, name) is not None)


def elementwise(shapes: list[Shape]) -> Shape:
    """The output shape of a layer that keeps its input's shape."""
    return shapes[0]


def sample_axis(axis: int) -> int:
    """A sample's axis as the batch's: axis k is the batch's k + 1 (negative axes need no shift)."""
    return axis if axis < 0 else axis + 1


def size_of(shape: Shape) -> int:
    return prod(shape)
