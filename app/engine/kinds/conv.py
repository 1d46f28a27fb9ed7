"""Convolution layers."""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import numpy as np

from ..conv import conv2d, conv_geometry
from ..geometry import IntOrPair, Padding, ParameterError
from ..grad import conv2d_backward
from .base import LayerKind, Shape, Sizes


@dataclass(frozen=True)
class Conv2d:
    kernel: np.ndarray  # (F, C, KH, KW)
    bias: np.ndarray | None = None  # (F,)
    stride: IntOrPair = 1
    padding: Padding = 0
    dilation: IntOrPair = 1
    padding_mode: str = "zeros"
    mode: str = "cross-correlation"
    type: str = "conv2d"

    def settings(self) -> dict:
        """The keyword arguments conv2d takes besides the arrays."""
        return dict(stride=self.stride, padding=self.padding, dilation=self.dilation,
                    padding_mode=self.padding_mode, mode=self.mode)


def needs_image(layer_type: str, shape: Shape) -> None:
    if len(shape) != 3:
        raise ParameterError("input", f"{layer_type} needs a C×H×W input, got shape {list(shape)}")


def check_bias(bias: np.ndarray | None, filters: int) -> None:
    if bias is not None and bias.shape != (filters,):
        raise ParameterError("bias", f"bias must hold {filters} numbers (one per filter), "
                                     f"got shape {list(bias.shape)}")


def _conv_shape(layer: Conv2d, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    needs_image(layer.type, shape)
    geometry = conv_geometry((1, *shape), layer.kernel.shape, **layer.settings())
    check_bias(layer.bias, layer.kernel.shape[0])
    return (layer.kernel.shape[0], *geometry.out)


def _conv_backward(layer: Conv2d, x: np.ndarray, cache: None, dy: np.ndarray):
    grads = conv2d_backward(dy, x, layer.kernel, **layer.settings())
    return grads.dx, {"kernel": grads.dweight, "bias": grads.dbias}


CONV2D = LayerKind(
    types=("conv2d",), record=Conv2d, arrays=("kernel", "bias"),
    output_shape=_conv_shape,
    run=lambda layer, xs: conv2d(xs[0], layer.kernel, layer.bias, **layer.settings()),
    multiply_adds=lambda layer, shapes, out: prod(out) * prod(layer.kernel.shape[1:]),
    sizes=lambda layer: Sizes(layer.kernel.shape[0], layer.kernel.shape[2:],
                              dict(stride=layer.stride, padding=layer.padding, dilation=layer.dilation)),
    backward=_conv_backward,
)

KINDS = (CONV2D,)
