"""Activation layers: one kind for every function of activations.ACTIVATIONS."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..activations import ACTIVATIONS, activate
from ..geometry import ParameterError
from ..grad import activation_backward
from .base import LayerKind, Shape, sample_axis


@dataclass(frozen=True)
class Activation:
    function: str  # a name from activations.ACTIVATIONS
    alpha: float | None = None
    axis: int = -1  # softmax only; counts the sample's axes, not the batch

    @property
    def type(self) -> str:
        return self.function


def _activation_shape(layer: Activation, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    if layer.function not in ACTIVATIONS:
        raise ParameterError("type", f'"{layer.function}" is not an activation')
    if layer.function == "softmax" and not -len(shape) <= layer.axis < len(shape):
        raise ParameterError("axis", f"axis {layer.axis} is out of range for an input with {len(shape)} axes")
    return shape


def _activation_backward(layer: Activation, x: np.ndarray, cache: None, dy: np.ndarray):
    return activation_backward(dy, x, layer.function, layer.alpha, sample_axis(layer.axis)), {}


ACTIVATION = LayerKind(
    types=tuple(ACTIVATIONS), record=Activation,
    output_shape=_activation_shape,
    run=lambda layer, xs: activate(xs[0], layer.function, layer.alpha, sample_axis(layer.axis)),
    backward=_activation_backward,
)

KINDS = (ACTIVATION,)
