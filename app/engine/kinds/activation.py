"""Activation layers: one kind for every function of activations.ACTIVATIONS."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..activations import ACTIVATIONS, activate, activate_check
from ..geometry import ParameterError
from ..grad import activation_backward
from .base import LayerKind, Shape, sample_axis


@dataclass(frozen=True)
class Activation:
    function: str  # a name from activations.ACTIVATIONS
    alpha: float | None = None  # leaky_relu's slope, elu's scale
    axis: int = -1  # softmax and log_softmax; counts the sample's axes, not the batch
    min: float | None = None  # hardtanh's lowest output
    max: float | None = None  # hardtanh's highest output
    beta: float | None = None  # softplus
    weight: np.ndarray | None = None  # prelu: (1,) or (C,), one slope per channel of a C×H×W input

    @property
    def type(self) -> str:
        return self.function

    def arguments(self, batch: bool) -> dict:
        """activate()'s keyword arguments, for a batch (N, ...) or for one sample's shape."""
        axis = (1 if batch else 0) if self.function == "prelu" else (sample_axis(self.axis) if batch else self.axis)
        return dict(alpha=self.alpha, axis=axis, low=self.min, high=self.max, beta=self.beta)


def _activation_shape(layer: Activation, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    if layer.function not in ACTIVATIONS:
        raise ParameterError("type", f'"{layer.function}" is not an activation')
    arguments = layer.arguments(batch=False)
    del arguments["alpha"]
    activate_check(shape, layer.function, **arguments,
                   weight_shape=None if layer.weight is None else layer.weight.shape)
    return shape


def _activation_backward(layer: Activation, x: np.ndarray, cache: None, dy: np.ndarray):
    return activation_backward(dy, x, layer.function, layer.alpha, sample_axis(layer.axis)), {}


ACTIVATION = LayerKind(
    types=tuple(ACTIVATIONS), record=Activation, arrays=("weight",),
    output_shape=_activation_shape,
    run=lambda layer, xs: activate(xs[0], layer.function, **layer.arguments(batch=True), weight=layer.weight),
    backward=_activation_backward,
)

KINDS = (ACTIVATION,)
