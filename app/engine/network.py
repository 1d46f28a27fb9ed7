"""A forward pass over a list of layers: every shape is checked before anything is computed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import prod

import numpy as np

from .activations import ACTIVATIONS, activate
from .conv import conv2d, conv_geometry
from .dense import dense, dense_check, flatten
from .geometry import ParameterError
from .layers import Activation, Conv2d, Dense, Flatten, Layer, Pool2d
from .pool import pool2d, pool_geometry


class LayerError(ValueError):
    """A layer that cannot take its input; names the layer by index and type."""

    def __init__(self, index: int, layer_type: str, param: str | None, message: str):
        super().__init__(f"layer {index} ({layer_type}): {message}")
        self.index, self.layer_type, self.param, self.message = index, layer_type, param, message


@dataclass(frozen=True)
class LayerPlan:
    """What one layer will produce, known before computing: shape excludes the batch axis."""

    type: str
    shape: tuple[int, ...]
    parameters: int
    multiply_adds: int  # per sample


def _plan_layer(layer: Layer, shape: tuple[int, ...]) -> LayerPlan:
    """Output shape, parameter count and multiply-adds of one layer for an input of `shape` (no batch)."""
    if isinstance(layer, Conv2d):
        if len(shape) != 3:
            raise ParameterError("input", f"conv2d needs a C×H×W input, got shape {list(shape)}")
        geometry = conv_geometry((1, *shape), layer.kernel.shape, layer.stride, layer.padding,
                                 layer.dilation, layer.padding_mode, layer.mode)
        f = layer.kernel.shape[0]
        if layer.bias is not None and layer.bias.shape != (f,):
            raise ParameterError("bias", f"bias must hold {f} numbers (one per filter), "
                                         f"got shape {list(layer.bias.shape)}")
        out = (f, *geometry.out)
        params = layer.kernel.size + (0 if layer.bias is None else f)
        return LayerPlan(layer.type, out, params, prod(out) * prod(layer.kernel.shape[1:]))
    if isinstance(layer, Pool2d):
        if len(shape) != 3:
            raise ParameterError("input", f"{layer.type} needs a C×H×W input, got shape {list(shape)}")
        geometry = pool_geometry((1, *shape), layer.kind, layer.size, layer.stride, layer.padding)
        return LayerPlan(layer.type, (shape[0], *geometry.out), 0, 0)
    if isinstance(layer, Activation):
        if layer.function not in ACTIVATIONS:
            raise ParameterError("type", f'"{layer.function}" is not an activation')
        if layer.function == "softmax" and not -len(shape) <= layer.axis < len(shape):
            raise ParameterError("axis", f"axis {layer.axis} is out of range for an input with {len(shape)} axes")
        return LayerPlan(layer.type, shape, 0, 0)
    if isinstance(layer, Flatten):
        return LayerPlan(layer.type, (prod(shape),), 0, 0)
    if isinstance(layer, Dense):
        if len(shape) != 1:
            raise ParameterError("input", f"dense needs a flat input (add a flatten layer first), "
                                          f"got shape {list(shape)}")
        out = dense_check(shape[0], layer.weight.shape, None if layer.bias is None else layer.bias.shape)
        return LayerPlan(layer.type, (out,), layer.weight.size + (0 if layer.bias is None else out),
                         layer.weight.size)
    raise TypeError(f"unknown layer {layer!r}")


def plan(input_shape: Sequence[int], layers: Sequence[Layer]) -> list[LayerPlan]:
    """Every layer's output shape for one sample of `input_shape`, or LayerError on the first misfit."""
    shape, plans = tuple(input_shape), []
    for index, layer in enumerate(layers):
        try:
            step = _plan_layer(layer, shape)
        except ParameterError as error:
            raise LayerError(index, layer.type, error.param, error.message) from None
        plans.append(step)
        shape = step.shape
    return plans


def _apply(layer: Layer, x: np.ndarray) -> np.ndarray:
    """One layer on a batch: x (N, ...) -> (N, ...)."""
    if isinstance(layer, Conv2d):
        return conv2d(x, layer.kernel, layer.bias, layer.stride, layer.padding, layer.dilation,
                      layer.padding_mode, layer.mode)
    if isinstance(layer, Pool2d):
        return pool2d(x, layer.kind, layer.size, layer.stride, layer.padding, winners=False).output
    if isinstance(layer, Activation):
        # A sample's axis k is the batch's axis k + 1 (negative axes need no shift).
        axis = layer.axis if layer.axis < 0 else layer.axis + 1
        return activate(x, layer.function, layer.alpha, axis)
    if isinstance(layer, Flatten):
        return flatten(x)
    return dense(x, layer.weight, layer.bias)


def forward(x: np.ndarray, layers: Sequence[Layer]) -> list[np.ndarray]:
    """Run a batch through the layers. x: (N, *input_shape) -> each layer's output, (N, *plan[i].shape)"""
    plan(x.shape[1:], layers)
    outputs = []
    for layer in layers:
        x = _apply(layer, x)
        outputs.append(x)
    return outputs
