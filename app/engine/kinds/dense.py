"""Flatten and fully connected layers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..dense import dense, dense_check, flatten, flatten_shape
from ..geometry import ParameterError
from ..grad import dense_backward, flatten_backward
from .base import LayerKind, Shape, sample_axis


@dataclass(frozen=True)
class Flatten:
    axis: int = 0  # the first axis joined, counting the sample's axes: 0 makes a vector
    type: str = "flatten"


@dataclass(frozen=True)
class Dense:
    weight: np.ndarray  # (out, in)
    bias: np.ndarray | None = None  # (out,)
    type: str = "dense"


def _dense_shape(layer: Dense, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    if len(shape) != 1:
        raise ParameterError("input", f"dense needs a flat input (add a flatten layer first), "
                                      f"got shape {list(shape)}")
    return (dense_check(shape[0], layer.weight.shape, None if layer.bias is None else layer.bias.shape),)


def _dense_backward(layer: Dense, x: np.ndarray, cache: None, dy: np.ndarray):
    grads = dense_backward(dy, x, layer.weight)
    return grads.dx, {"weight": grads.dweight, "bias": grads.dbias}


FLATTEN = LayerKind(
    types=("flatten",), record=Flatten,
    output_shape=lambda layer, shapes: flatten_shape(shapes[0], layer.axis),
    run=lambda layer, xs: flatten(xs[0], sample_axis(layer.axis)),
    backward=lambda layer, x, cache, dy: (flatten_backward(dy, x.shape), {}),
)

DENSE = LayerKind(
    types=("dense",), record=Dense, arrays=("weight", "bias"),
    output_shape=_dense_shape,
    run=lambda layer, xs: dense(xs[0], layer.weight, layer.bias),
    multiply_adds=lambda layer, shapes, out: layer.weight.size,
    backward=_dense_backward,
)

KINDS = (FLATTEN, DENSE)
